"""Scenario files (schema, loading, checks) and the core domain model.

Names load on first use (:mod:`accord._lazy`): importing ``accord.scenario.builtin`` or reading
:data:`DEFAULT_SCENARIO` does not load the schema, numpy or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord._lazy import lazy_names

if TYPE_CHECKING:
    from accord.scenario.builtin import DEFAULT_SCENARIO, builtin_names
    from accord.scenario.negotiation.loader import (
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

_MODEL = "accord.scenario.negotiation.model"
_LOADER = "accord.scenario.negotiation.loader"

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "DEFAULT_SCENARIO": "accord.scenario.builtin",
        "builtin_names": "accord.scenario.builtin",
        "load_scenario": _LOADER,
        "loads_scenario": _LOADER,
        "resolve_scenario_path": _LOADER,
        "ScenarioFile": "accord.scenario.negotiation.schema",
        **{
            name: _MODEL
            for name in (
                "Actor",
                "Condition",
                "Constraint",
                "Issue",
                "Option",
                "Preference",
                "RecordedOutcome",
                "Role",
                "Scenario",
                "Source",
            )
        },
    },
)

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
