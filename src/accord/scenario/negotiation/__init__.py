"""Negotiation scenarios (``kind: negotiation``): schema, core model, loader, lever links,
adjustments, and the GENIUS reader and writer."""

from __future__ import annotations

from accord.scenario.negotiation.loader import (
    DEFAULT_SCENARIO,
    load_scenario,
    loads_scenario,
    resolve_scenario_path,
)
from accord.scenario.negotiation.model import Scenario
from accord.scenario.negotiation.schema import ScenarioFile

__all__ = [
    "DEFAULT_SCENARIO",
    "Scenario",
    "ScenarioFile",
    "load_scenario",
    "loads_scenario",
    "resolve_scenario_path",
]
