"""Negotiation scenarios (``kind: negotiation``): schema, core model, loader, lever links,
adjustments, and the GENIUS reader and writer.

Names load on first use (:mod:`accord._lazy`), so that the schema can be read without the
model and numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord._lazy import lazy_names

if TYPE_CHECKING:
    from accord.scenario.builtin import DEFAULT_SCENARIO
    from accord.scenario.negotiation.loader import (
        load_scenario,
        loads_scenario,
        resolve_scenario_path,
    )
    from accord.scenario.negotiation.model import Scenario
    from accord.scenario.negotiation.schema import ScenarioFile

_LOADER = "accord.scenario.negotiation.loader"

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "DEFAULT_SCENARIO": "accord.scenario.builtin",
        "load_scenario": _LOADER,
        "loads_scenario": _LOADER,
        "resolve_scenario_path": _LOADER,
        "Scenario": "accord.scenario.negotiation.model",
        "ScenarioFile": "accord.scenario.negotiation.schema",
    },
)

__all__ = [
    "DEFAULT_SCENARIO",
    "Scenario",
    "ScenarioFile",
    "load_scenario",
    "loads_scenario",
    "resolve_scenario_path",
]
