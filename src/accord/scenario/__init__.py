"""Scenario files (schema, loading, checks) and the core domain model."""

from __future__ import annotations

from accord.scenario.builtin import builtin_names
from accord.scenario.negotiation.loader import (
    DEFAULT_SCENARIO,
    load_scenario,
    loads_scenario,
    resolve_scenario_path,
)
from accord.scenario.negotiation.model import (
    Actor,
    Condition,
    Constraint,
    Issue,
    Option,
    Preference,
    RecordedOutcome,
    Role,
    Scenario,
    Source,
)
from accord.scenario.negotiation.schema import ScenarioFile

__all__ = [
    "DEFAULT_SCENARIO",
    "Actor",
    "Condition",
    "Constraint",
    "Issue",
    "Option",
    "Preference",
    "RecordedOutcome",
    "Role",
    "Scenario",
    "ScenarioFile",
    "Source",
    "builtin_names",
    "load_scenario",
    "loads_scenario",
    "resolve_scenario_path",
]
