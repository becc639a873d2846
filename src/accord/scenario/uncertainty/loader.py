"""Load a scenario with its declared uncertainty: a scenario file (or built-in) with an
``uncertainty:`` section, or a separate uncertainty file (``kind: uncertainty``) naming one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import ValidationError

from accord.errors import ScenarioError
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import Document, read_file
from accord.scenario.builtin import builtin_path
from accord.scenario.negotiation.loader import load_scenario, resolve_scenario_path
from accord.scenario.negotiation.model import Scenario
from accord.scenario.uncertainty.build import build_declaration
from accord.scenario.uncertainty.schema import UncertaintyFile

__all__ = ["is_uncertainty_file", "load_uncertain"]


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
    path = resolve_scenario_path(name_or_path)
    if builtin_path(str(name_or_path)) == path and not Path(name_or_path).is_file():
        return load_scenario(name_or_path)
    doc = read_file(path)
    if not is_uncertainty_file(doc):
        return load_scenario(path)
    try:
        spec = UncertaintyFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, doc, UncertaintyFile)) from None
    target = path.parent / spec.scenario
    if not target.is_file() and builtin_path(spec.scenario) is None:
        raise ScenarioError(
            [doc.problem(("scenario",), f"no scenario file {target} and no built-in {spec.scenario!r}")]
        )
    scenario = load_scenario(target if target.is_file() else spec.scenario)
    notes = scenario.notes
    if scenario.uncertainty is not None:
        notes = (
            *notes,
            f"{doc.source}: its parameters and beliefs replace the `uncertainty:` section of "
            f"{scenario.origin}",
        )
    declared = build_declaration(spec, scenario, _written(scenario), doc, ())
    return dataclasses.replace(scenario, uncertainty=declared, notes=notes)


def _written(scenario: Scenario) -> dict[str, tuple[float, ...]]:
    """Weights as written, or the normalised ones for a scenario built without a file."""
    return {
        aid: scenario.written_weights.get(aid, tuple(float(w) for w in pref.weights))
        for aid, pref in scenario.preferences.items()
    }
