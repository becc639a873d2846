"""Read phasing documents (YAML or JSON) into a validated :class:`PhasingDocument`.

Every problem is reported as a located :class:`~accord.errors.Problem` (file, key path, line)
before any solver runs: YAML syntax, duplicate keys, unknown keys, wrong types, unknown
owners or references, cyclic prerequisites, required actions that cannot fit the horizon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from accord.errors import Problem, ScenarioError
from accord.scenario.phasing_schema import PhasingDocument, semantic_problems

__all__ = [
    "BUILTIN_DIR",
    "PhasingFile",
    "builtin_phasing_names",
    "check_scenario_reference",
    "load_phasing_document",
    "parse_phasing_document",
    "read_phasing_file",
    "resolve_phasing_path",
]

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
"""Directory of the built-in ``NAME.phasing.yaml`` files."""

_SUFFIX = ".phasing.yaml"
_MAX_BYTES = 10 * 1024 * 1024


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses duplicate mapping keys."""


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def format_path(path: Sequence[str | int]) -> str:
    """``('actions', 2, 'owner')`` -> ``actions[2].owner``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_of(root: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node along ``path`` that exists in the node tree."""
    node = root
    line = None if node is None else node.start_mark.line + 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    nxt, line = v, k.start_mark.line + 1
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


@dataclass(frozen=True, slots=True)
class PhasingFile:
    """A validated phasing document, where it came from, and notes for the reader."""

    doc: PhasingDocument
    path: Path | None
    notes: tuple[str, ...] = ()


def parse_phasing_document(text: str, source: str = "<string>") -> PhasingDocument:
    """Parse and validate the text of a phasing document.

    Parameters
    ----------
    text:
        YAML or JSON text.
    source:
        Name used in error messages (usually the file path).

    Returns
    -------
    PhasingDocument
        The validated document.

    Raises
    ------
    ScenarioError
        With one located problem per defect found.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "malformed YAML"
        line = None if mark is None else mark.line + 1
        raise ScenarioError([Problem(f"malformed YAML/JSON: {what}", source, line=line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(f"malformed YAML/JSON: {exc}", source)]) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    "a phasing document must be a mapping (accord: 1, kind: phasing, ...)", source
                )
            ]
        )
    if data.get("kind") not in (None, "phasing"):
        raise ScenarioError(
            [
                Problem(
                    f"kind is {data.get('kind')!r}; this reader expects 'phasing' documents",
                    source,
                    "kind",
                    line_of(root, ["kind"]),
                )
            ]
        )
    try:
        doc = PhasingDocument.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            loc = _strip_union_tags(loc)
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key (not part of the phasing format; check the spelling)"
            problems.append(Problem(msg, source, format_path(loc), line_of(root, loc)))
        raise ScenarioError(problems) from None
    sem = semantic_problems(doc)
    if sem:
        raise ScenarioError(
            [Problem(msg, source, format_path(path), line_of(root, path)) for path, msg in sem]
        )
    return doc


def check_scenario_reference(
    doc: PhasingDocument, text: str, source: str, base_dir: Path | None
) -> tuple[str, ...]:
    """Check that the phasing parties are principals of the scenario the document names.

    The reference is a built-in scenario name or a file path (relative to the phasing file).
    Each party stands for itself or for the principals listed in its ``members``.

    Returns
    -------
    tuple of str
        Notes for the reader (e.g. the scenario is not available, so nothing was checked).

    Raises
    ------
    ScenarioError
        When a party (or member) is not a principal actor of the scenario.
    """
    from accord.scenario.loader import load_scenario, resolve_scenario_path

    ref = doc.scenario
    looks_like_path = "/" in ref or ref.endswith((".yaml", ".yml", ".json"))
    target: str | Path = (base_dir / ref) if (looks_like_path and base_dir) else ref
    try:
        path = resolve_scenario_path(target)
    except ScenarioError:
        return (
            f"scenario {ref!r} is not available (no such file, no built-in of that name): "
            "the parties were not checked against its principal actors",
        )
    scenario = load_scenario(path)
    principals = [a.id for a in scenario.principals]
    root = yaml.compose(text, Loader=_Loader)
    problems = []
    for k, party in enumerate(doc.parties):
        members = party.members or [party.id]
        for j, m in enumerate(members):
            if m not in principals:
                loc: tuple[str | int, ...] = (
                    ("parties", k, "members", j) if party.members else ("parties", k, "id")
                )
                problems.append(
                    Problem(
                        f"{m!r} is not a principal actor of scenario {ref!r}; its principals "
                        f"are: {', '.join(principals)} (use members: [...] for a coalition)",
                        source,
                        format_path(loc),
                        line_of(root, loc),
                    )
                )
    if problems:
        raise ScenarioError(problems)
    return ()


def _strip_union_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-member tags (``'float'``, ``'list[...]'``) from an error location."""
    keep: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in {"float", "int", "constrained-float", "constrained-int", "none"}
            or part.startswith(("list[", "function-", "constrained-"))
        ):
            continue
        keep.append(part)
    return tuple(keep)


def builtin_phasing_names() -> list[str]:
    """Names of the built-in phasing documents (e.g. ``hanoi-2019``)."""
    return sorted(p.name[: -len(_SUFFIX)] for p in BUILTIN_DIR.glob(f"*{_SUFFIX}"))


def resolve_phasing_path(name_or_path: str | Path) -> Path:
    """The file a user's argument names: an existing path, or a built-in by name.

    Raises
    ------
    ScenarioError
        When neither a file nor a built-in of that name exists.
    """
    path = Path(name_or_path)
    if path.is_file():
        return path
    text = str(name_or_path)
    builtin = BUILTIN_DIR / f"{text}{_SUFFIX}"
    if "/" not in text and builtin.is_file():
        return builtin
    names = ", ".join(builtin_phasing_names())
    raise ScenarioError(
        [
            Problem(
                f"no such file, and no built-in phasing named {text!r}; built-ins: {names}",
                text,
            )
        ]
    )


def read_phasing_file(name_or_path: str | Path, *, check_scenario: bool = True) -> PhasingFile:
    """Read, validate and (optionally) cross-check a phasing file against its scenario.

    Parameters
    ----------
    name_or_path:
        A built-in name such as ``hanoi-2019`` or a path to a YAML/JSON file.
    check_scenario:
        Check that the parties are principal actors of the referenced scenario.
    """
    path = resolve_phasing_path(name_or_path)
    source = str(path)
    text = _read_text(path)
    doc = parse_phasing_document(text, source)
    notes: tuple[str, ...] = ()
    if check_scenario:
        notes = check_scenario_reference(doc, text, source, path.parent)
    return PhasingFile(doc, path, notes)


def load_phasing_document(name_or_path: str | Path) -> PhasingDocument:
    """Load a phasing document from a file path or a built-in name.

    Parameters
    ----------
    name_or_path:
        A path to a ``.yaml``/``.yml``/``.json`` file, or a built-in name such as
        ``hanoi-2019``.

    Returns
    -------
    PhasingDocument
        The validated document.
    """
    return read_phasing_file(name_or_path).doc


def _read_text(path: Path) -> str:
    source = str(path)
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ScenarioError([Problem("file is larger than 10 MiB", source)])
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror}", source)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            [Problem(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", source)]
        ) from None
    return text
