"""The facade every front end (CLI, web, notebooks) calls.

Each capability lives in a private module of this package; this module re-exports the curated
public names (a test pins them).
"""

from __future__ import annotations

from accord.api._analysis import (
    analyze_scenario,
    list_scenarios,
    scenario_json_schema,
    validate_scenario,
)
from accord.api._twolevel import diagnose_scenario, whatif_scenario

__all__ = [
    "analyze_scenario",
    "diagnose_scenario",
    "list_scenarios",
    "scenario_json_schema",
    "validate_scenario",
    "whatif_scenario",
]
