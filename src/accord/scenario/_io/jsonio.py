"""Strict JSON under the reading policy, with line numbers where the YAML reader can give them.

JSON files (GeniusWeb domains and profiles, ``.json`` scenarios) must be JSON, not merely
YAML: :func:`parse_json` reads them with :mod:`json`, refusing duplicate keys and nesting
deeper than ``MAX_DEPTH``; :func:`read_json` then asks the shared YAML reader for the node
tree (JSON is YAML) so problems can name their line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from accord.errors import Problem, ScenarioError
from accord.scenario._io.policy import MAX_DEPTH, decode_text, depth_problem, read_bytes
from accord.scenario._io.yamlio import Document, read_document

__all__ = ["parse_json", "read_json"]


class _DuplicateKeyError(ValueError):
    pass


class _LongNumberError(ValueError):
    pass


def _int(text: str) -> int:
    # Python refuses integers of more than 4,300 digits with a bare ValueError.
    if len(text) > 100:
        raise _LongNumberError(len(text))
    return int(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def _depth(value: Any) -> int:
    """Nesting depth, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, d)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((v, d + 1) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


def parse_json(text: str, source: str = "<string>") -> Any:
    """Parse strict JSON; errors are located :class:`ScenarioError` s."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            [Problem(f"not valid JSON: {exc.msg} (column {exc.colno})", source, line=exc.lineno)]
        ) from None
    except _DuplicateKeyError as exc:
        raise ScenarioError([Problem(f"duplicate key {exc.args[0]!r}", source)]) from None
    except _LongNumberError as exc:
        found = re.search(r"\d{101,}", text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise ScenarioError(
            [Problem(f"a number of {exc.args[0]:,} digits is too long", source, line=line)]
        ) from None
    except RecursionError:
        raise ScenarioError([depth_problem(source, None)]) from None
    if _depth(data) > MAX_DEPTH:
        raise ScenarioError([depth_problem(source, None)])
    return data


def read_json(path: Path) -> Document:
    """Read a JSON file (10 MiB, UTF-8, strict JSON); problems carry lines where known."""
    source = str(path)
    text = decode_text(read_bytes(path), source)
    data = parse_json(text, source)
    try:
        doc = read_document(text, source)  # the same data, with its node tree for lines
    except ScenarioError:  # valid JSON YAML cannot read (e.g. tab indentation): no lines
        return Document(data, None, source)
    return Document(data, doc.root, source)
