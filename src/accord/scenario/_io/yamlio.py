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


_C_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser where PyYAML was built with it (about 15 times faster)."""


class _PyLoader(yaml.SafeLoader):
    """PyYAML's own parser, which composes recursively: nesting is checked while composing."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        # stop before Python's recursion limit does
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _TooDeepError(event.start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader: type[yaml.SafeLoader] = (
    type("_Loader", (_C_LOADER,), {}) if _C_LOADER is not None else _PyLoader
)
"""The safe loader accord reads with: libyaml's when present (its own nesting cap is 1,000
levels; :func:`_check_depth` applies accord's), else PyYAML's. Both refuse duplicate keys."""


def _check_depth(root: yaml.Node) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` (an iterative walk: no recursion). A mapping's
    keys count one level below it, as PyYAML's composer counts them; the error names the first
    line where the limit is passed."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    first: int | None = None
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            first = line if first is None else min(first, line)
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
    if first is not None:
        raise _TooDeepError(first)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
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


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
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
        loader = _Loader(text)  # PyYAML's reader checks every character here, libyaml's later
    except yaml.reader.ReaderError as exc:
        raise ScenarioError([_bad_character(exc, text, source)]) from None
    try:
        root = loader.get_single_node()
        if root is not None and _C_LOADER is not None:
            _check_depth(root)
        data = None if root is None else loader.construct_document(root)
    except _TooDeepError as exc:
        raise ScenarioError([depth_problem(source, exc.line)]) from None
    except yaml.reader.ReaderError as exc:
        raise ScenarioError([_bad_character(exc, text, source)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        if "maximum nesting depth" in str(exc.problem or ""):  # libyaml's own cap (1,000)
            raise ScenarioError([depth_problem(source, line or 1)]) from None
        what = exc.problem or exc.context or "malformed YAML"
        raise ScenarioError([Problem(f"malformed YAML/JSON: {what}", source, line=line)]) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScenarioError([Problem(f"malformed YAML/JSON: {first}", source)]) from None
    finally:
        loader.dispose()
    return Document(data, root, source)


def _bad_character(exc: yaml.reader.ReaderError, text: str, source: str) -> Problem:
    """A located problem for a character YAML does not allow (a control character)."""
    pos = max(int(exc.position), 0)
    if _C_LOADER is not None:  # libyaml counts the position in UTF-8 bytes
        pos = len(text.encode("utf-8", "surrogatepass")[:pos].decode("utf-8", "ignore"))
    pos = min(pos, len(text))
    code = ord(text[pos]) if pos < len(text) else int(exc.character or 0)
    column = pos - text.rfind("\n", 0, pos)
    return Problem(
        f"the control character U+{code:04X} is not allowed in YAML/JSON text (column {column})",
        source,
        line=text[:pos].count("\n") + 1,
    )


def read_file(path: Path) -> Document:
    """Read and parse a file under the reading policy (10 MiB, UTF-8, nesting)."""
    return read_document(read_bytes(path), str(path))
