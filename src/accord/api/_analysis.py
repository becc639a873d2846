"""Facade: outcome analysis of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.bargaining.analysis import Analysis, analyze
from accord.scenario import DEFAULT_SCENARIO, Scenario, ScenarioFile, builtin_names, load_scenario

__all__ = ["analyze_scenario", "list_scenarios", "scenario_json_schema", "validate_scenario"]


def analyze_scenario(scenario: str | Path | Scenario = DEFAULT_SCENARIO) -> Analysis:
    """Analyse a scenario given as a built-in name, a file path or a loaded :class:`Scenario`."""
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return analyze(sc)


def validate_scenario(path: str | Path) -> Scenario:
    """Load and fully check a scenario file; raises :class:`accord.errors.ScenarioError`."""
    return load_scenario(path)


def list_scenarios() -> list[dict[str, Any]]:
    """The built-in scenarios with their titles and recorded outcomes."""
    out = []
    for name in builtin_names():
        sc = load_scenario(name)
        out.append(
            {
                "name": name,
                "title": sc.title,
                "date": sc.date,
                "principals": [p.id for p in sc.principals],
                "issues": len(sc.issues),
                "recorded_agreement": None if sc.outcome is None else sc.outcome.agreement,
            }
        )
    return out


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of scenario files (``accord: 1``)."""
    return ScenarioFile.model_json_schema(by_alias=True)
