"""Read phasing documents (YAML or JSON) into a validated :class:`PhasingDocument`.

Every problem is reported as a located :class:`~accord.errors.Problem` (file, key path, line)
before any solver runs: YAML syntax, duplicate keys, unknown keys, wrong types, unknown
owners or references, cyclic prerequisites, required actions that cannot fit the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from accord.errors import Problem, ScenarioError
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import read_document
from accord.scenario.builtin import builtin_folder
from accord.scenario.phasing.schema import PhasingDocument, semantic_problems

__all__ = [
    "BUILTIN_DIR",
    "PhasingFile",
    "builtin_phasing_names",
    "check_scenario_reference",
    "load_phasing_document",
    "locate_scenario",
    "parse_phasing_document",
    "read_phasing_file",
    "resolve_phasing_path",
]

BUILTIN_DIR = builtin_folder()
"""Directory of the built-in ``NAME.phasing.yaml`` files."""

_SUFFIX = ".phasing.yaml"
_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PhasingFile:
    """A validated phasing document, where it came from, and notes for the reader.

    ``scenario_path`` is the scenario file its ``scenario:`` resolved to (``None`` when not
    available or not checked).
    """

    doc: PhasingDocument
    path: Path | None
    notes: tuple[str, ...] = ()
    scenario_path: Path | None = None


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
    document = read_document(text, source)
    data, root_doc = document.data, document
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    "a phasing document must be a mapping (accord: 1, kind: phasing, ...)", source
                )
            ]
        )
    if data.get("kind") in (None, "negotiation") and "actors" in data and "issues" in data:
        raise ScenarioError(
            [
                Problem(
                    "this is a negotiation scenario, not a phasing document (kind: phasing, "
                    "with parties and actions); try a built-in such as `accord phase hanoi-2019`",
                    source,
                    line=1,
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
                    root_doc.line_of(["kind"]),
                )
            ]
        )
    try:
        doc = PhasingDocument.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, root_doc, PhasingDocument)) from None
    sem = semantic_problems(doc)
    if sem:
        raise ScenarioError([root_doc.problem(list(path), msg) for path, msg in sem])
    return doc


def locate_scenario(ref: str, base_dir: Path | None) -> Path | None:
    """The scenario file a phasing document's ``scenario:`` names, or ``None`` if there is none.

    The reference is a built-in scenario name or a file path (relative to ``base_dir``, the
    phasing file's folder).
    """
    from accord.scenario.negotiation.loader import resolve_scenario_path

    looks_like_path = "/" in ref or ref.endswith((".yaml", ".yml", ".json"))
    target: str | Path = (base_dir / ref) if (looks_like_path and base_dir) else ref
    try:
        return resolve_scenario_path(target)
    except ScenarioError:
        return None


def check_scenario_reference(
    doc: PhasingDocument, text: str, source: str, base_dir: Path | None
) -> tuple[str, ...]:
    """Check the document against the scenario it names: its parties and its ``deal:``.

    Each party stands for itself or for the principals listed in its ``members``, which must
    be principal actors of the scenario. The ``deal:`` package must name a known, on-the-table
    option for every issue of the scenario (:func:`~accord.scenario.phasing.deal.deal_problems`).

    Returns
    -------
    tuple of str
        Notes for the reader (e.g. the scenario is not available, so nothing was checked).

    Raises
    ------
    ScenarioError
        With one located problem per party (or member) that is not a principal actor of the
        scenario, and per defect of the ``deal:`` package.
    """
    from accord.scenario.negotiation.loader import load_scenario
    from accord.scenario.phasing.deal import deal_problems

    ref = doc.scenario
    path = locate_scenario(ref, base_dir)
    if path is None:
        what = "the parties and the deal were" if doc.deal is not None else "the parties were"
        return (
            f"scenario {ref!r} is not available (no such file, no built-in of that name): "
            f"{what} not checked against it",
        )
    scenario = load_scenario(path)
    principals = [a.id for a in scenario.principals]
    document = read_document(text, source)
    problems = []
    for k, party in enumerate(doc.parties):
        members = party.members or [party.id]
        for j, m in enumerate(members):
            if m not in principals:
                loc: tuple[str | int, ...] = (
                    ("parties", k, "members", j) if party.members else ("parties", k, "id")
                )
                problems.append(
                    document.problem(
                        list(loc),
                        f"{m!r} is not a principal actor of scenario {ref!r}; its principals "
                        f"are: {', '.join(principals)} (use members: [...] for a coalition)",
                    )
                )
    if doc.deal is not None:
        problems += [
            document.problem(list(loc), msg)
            for loc, msg in deal_problems(doc.deal.package, scenario, ref)
        ]
    if problems:
        raise ScenarioError(problems)
    return ()


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
        Check the parties and the ``deal:`` package against the referenced scenario.
    """
    path = resolve_phasing_path(name_or_path)
    source = str(path)
    text = _read_text(path)
    doc = parse_phasing_document(text, source)
    if not check_scenario:
        return PhasingFile(doc, path)
    notes = check_scenario_reference(doc, text, source, path.parent)
    return PhasingFile(doc, path, notes, locate_scenario(doc.scenario, path.parent))


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
