"""Load a scenario with its declared uncertainty: a scenario file (or built-in) with an
``uncertainty:`` section, or a separate uncertainty file (``kind: uncertainty``) naming one."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from accord.errors import ScenarioError
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import Document, read_document, read_file
from accord.scenario.builtin import builtin_folder, builtin_path
from accord.scenario.negotiation.build import build_scenario
from accord.scenario.negotiation.loader import resolve_scenario_path
from accord.scenario.negotiation.model import Scenario
from accord.scenario.uncertainty.build import build_declaration
from accord.scenario.uncertainty.schema import UncertaintyFile

__all__ = ["Sources", "is_uncertainty_file", "load_sources", "load_uncertain", "read_sources"]


@dataclass(frozen=True, slots=True)
class Sources:
    """The text of a scenario (and of a separate uncertainty file): everything needed to load
    it again anywhere, small enough to send with every task of a distributed run.

    ``base_dir`` is the folder the scenario's relative paths (a lever's forecast data) are
    read from; for a built-in scenario (``builtin``) it is the built-in folder of the accord
    that loads the texts, so that a worker on another machine reads its own copy.
    """

    scenario: str
    scenario_origin: str
    base_dir: str | None
    declaration: str | None = None
    declaration_origin: str = ""
    builtin: bool = False


def read_sources(name_or_path: str | Path) -> Sources:
    """Read the file(s) :func:`load_uncertain` would read, as text."""
    path = resolve_scenario_path(name_or_path)
    builtin = builtin_path(str(name_or_path)) == path and not Path(name_or_path).is_file()
    origin = f"{name_or_path} (built-in)" if builtin else str(path)
    doc = read_file(path)
    if builtin or not is_uncertainty_file(doc):
        return Sources(_text(path), origin, str(path.parent), builtin=builtin)
    spec = _spec(doc)
    target = path.parent / spec.scenario
    if not target.is_file() and builtin_path(spec.scenario) is None:
        raise ScenarioError(
            [
                doc.problem(
                    ("scenario",), f"no scenario file {target} and no built-in {spec.scenario!r}"
                )
            ]
        )
    found = target if target.is_file() else resolve_scenario_path(spec.scenario)
    s_origin = str(found) if target.is_file() else f"{spec.scenario} (built-in)"
    return Sources(
        _text(found),
        s_origin,
        str(found.parent),
        _text(path),
        str(path),
        builtin=not target.is_file(),
    )


def load_sources(sources: Sources) -> Scenario:
    """The scenario (with its declared uncertainty) from :func:`read_sources`' texts."""
    base = builtin_folder() if sources.builtin else sources.base_dir
    scenario = build_scenario(
        read_document(sources.scenario, sources.scenario_origin),
        None if base is None else Path(base),
    )
    if sources.declaration is None:
        return scenario
    doc = read_document(sources.declaration, sources.declaration_origin)
    spec = _spec(doc)
    notes = scenario.notes
    if scenario.uncertainty is not None:
        notes = (
            *notes,
            f"{doc.source}: its parameters and beliefs replace the `uncertainty:` section of "
            f"{scenario.origin}",
        )
    declared = build_declaration(spec, scenario, _written(scenario), doc, ())
    return dataclasses.replace(scenario, uncertainty=declared, notes=notes)


def _text(path: Path) -> str:
    raw = read_file(path)  # size limit and located errors first
    del raw
    return path.read_text(encoding="utf-8")


def _spec(doc: Document) -> UncertaintyFile:
    try:
        return UncertaintyFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, doc, UncertaintyFile)) from None


def is_uncertainty_file(doc: Document) -> bool:
    """Does ``doc`` declare ``kind: uncertainty``?"""
    return isinstance(doc.data, dict) and doc.data.get("kind") == "uncertainty"


def load_uncertain(name_or_path: str | Path) -> Scenario:
    """The scenario with its declared uncertainty (:attr:`Scenario.uncertainty`).

    ``name_or_path`` is a built-in name, a scenario file, or an uncertainty file whose
    ``scenario:`` names a built-in or a scenario file (relative to the uncertainty file). The
    uncertainty file's lists replace a section the scenario may carry (a note says so).

    Raises
    ------
    ScenarioError
        With every located problem of either file.
    """
    return load_sources(read_sources(name_or_path))


def _written(scenario: Scenario) -> dict[str, tuple[float, ...]]:
    """Weights as written, or the normalised ones for a scenario built without a file."""
    return {
        aid: scenario.written_weights.get(aid, tuple(float(w) for w in pref.weights))
        for aid, pref in scenario.preferences.items()
    }
