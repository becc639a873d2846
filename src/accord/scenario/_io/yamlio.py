"""Safe YAML/JSON reading that keeps line numbers and refuses duplicate keys.

PyYAML's safe loader silently keeps the last of two equal keys; a scenario must never lose
what the user wrote, so duplicates are an error here. Line numbers come from the composed
node tree and let every problem name the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from accord.errors import Problem, ScenarioError
from accord.scenario._io.policy import MAX_BYTES, MAX_DEPTH, decode_text, depth_problem, read_bytes

__all__ = ["MAX_BYTES", "Document", "read_document", "read_file"]


class _TooDeepError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys and nesting deeper than ``MAX_DEPTH``."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        # PyYAML composes recursively: stop before Python's recursion limit does.
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _TooDeepError(event.start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # Python refuses to convert integers of more than 4,300 digits (a ValueError without a
    # place); no accord file needs more than a few.
    if len(str(node.value)) > 100:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"a number of {len(str(node.value)):,} characters is too long",
            node.start_mark,
        )
    return loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# YAML 1.1 (PyYAML) reads 1e6 as text: it wants a dot and a signed exponent. Numbers in
# scientific notation are numbers to anyone writing a scenario (YAML 1.2 agrees).
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)


class Document:
    """A parsed document together with its node tree, for line look-ups."""

    def __init__(self, data: Any, root: yaml.Node | None, source: str) -> None:
        self.data = data
        self.root = root
        self.source = source

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """1-based line of the deepest node on ``path`` that exists."""
        node = self.root
        line = None if node is None else node.start_mark.line + 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                nxt = None
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                        nxt = v
                        line = k.start_mark.line + 1
                        break
                if nxt is None:
                    return line
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if not 0 <= key < len(node.value):
                    return line
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def problem(self, path: Sequence[str | int], message: str) -> Problem:
        """A :class:`Problem` located at ``path`` in this document."""
        return Problem(
            message=message,
            source=self.source,
            path=format_path(path),
            line=self.line_of(path),
        )


def format_path(path: Sequence[str | int]) -> str:
    """``('actors', 0, 'id')`` -> ``actors[0].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_document(text: str | bytes, source: str = "<string>") -> Document:
    """Parse YAML (or JSON, a subset) safely; errors are located :class:`ScenarioError`.

    Bytes are decoded by :func:`accord.scenario._io.policy.decode_text` (UTF-8, byte-order
    mark, line endings); text over 10 MiB and nesting over ``MAX_DEPTH`` levels are refused.
    """
    if isinstance(text, bytes):
        text = decode_text(text, source)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise ScenarioError(
            [
                Problem(
                    f"the text is {size:,} bytes; accord reads files of at most "
                    f"{MAX_BYTES:,} bytes (10 MiB)",
                    source,
                )
            ]
        )
    try:
        loader = _Loader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as exc:
        at = text[: exc.position].count("\n") + 1
        raise ScenarioError(
            [
                Problem(
                    f"the control character U+{exc.character:04X} is not allowed in YAML/JSON text "
                    f"(column {exc.position - text.rfind(chr(10), 0, exc.position)})",
                    source,
                    line=at,
                )
            ]
        ) from None
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    except _TooDeepError as exc:
        raise ScenarioError([depth_problem(source, exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        what = exc.problem or exc.context or "malformed YAML"
        raise ScenarioError([Problem(f"malformed YAML/JSON: {what}", source, line=line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(f"malformed YAML/JSON: {exc}", source)]) from None
    finally:
        loader.dispose()
    return Document(data, root, source)


def read_file(path: Path) -> Document:
    """Read and parse a file under the reading policy (10 MiB, UTF-8, nesting)."""
    return read_document(read_bytes(path), str(path))
