"""Facade: outcome analysis of a scenario."""

from __future__ import annotations

from pathlib import Path

from accord.api._levers import resolve_levers
from accord.bargaining.analysis import Analysis, analyze
from accord.scenario import DEFAULT_SCENARIO, Scenario, load_scenario

__all__ = ["analyze_scenario"]


def analyze_scenario(scenario: str | Path | Scenario = DEFAULT_SCENARIO) -> Analysis:
    """Analyse a scenario given as a built-in name, a file path or a loaded :class:`Scenario`.

    Levers that take their setting from a forecast are resolved first (:func:`resolve_levers`).
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return analyze(resolve_levers(sc))
