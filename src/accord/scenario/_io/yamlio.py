"""Safe YAML/JSON reading that keeps line numbers and refuses duplicate keys.

PyYAML's safe loader silently keeps the last of two equal keys; a scenario must never lose
what the user wrote, so duplicates are an error here. Line numbers come from the composed
node tree and let every problem name the line it is on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from accord.errors import Problem, ScenarioError

__all__ = ["MAX_BYTES", "Document", "read_document"]

MAX_BYTES = 10 * 1024 * 1024
"""Files larger than this (10 MiB) are refused before parsing."""


_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (about 15 times faster), else PyYAML's own."""


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """Safe loader that refuses duplicate keys instead of overwriting."""


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
    """Parse YAML (or JSON, a subset) safely; errors are located :class:`ScenarioError`."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise ScenarioError([_too_big(source, len(text))])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ScenarioError(
                [Problem(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", source)]
            ) from None
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ScenarioError([_too_big(source, len(text.encode("utf-8")))])
    loader = _Loader(text)
    try:  # one parse: the node tree (for line numbers), then the data built from it
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
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
    """Read and parse a file, refusing files over :data:`MAX_BYTES`."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror}", source)]) from None
    if size > MAX_BYTES:
        raise ScenarioError([_too_big(source, size)])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror}", source)]) from None
    return read_document(raw, source)


def _too_big(source: str, size: int) -> Problem:
    return Problem(
        f"file is {size:,} bytes; scenario files are limited to {MAX_BYTES:,} bytes (10 MiB)",
        source,
    )
