"""Facade: two-level diagnosis and what-if."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis, diagnose
from accord.bargaining.whatif import WhatIf, what_if
from accord.scenario import DEFAULT_SCENARIO, Scenario, load_scenario

__all__ = ["diagnose_scenario", "whatif_scenario"]


def diagnose_scenario(
    scenario: str | Path | Scenario = DEFAULT_SCENARIO, *, limit: int = 5
) -> TwoLevelDiagnosis:
    """Diagnose a scenario: win-sets, blocking issues, pivotal actors, what it would take.

    Parameters
    ----------
    scenario:
        A built-in name, a file path or a loaded :class:`Scenario`.
    limit:
        How many "what it would take" answers to return (each verified by a re-run).
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return diagnose(sc, limit=limit)


def whatif_scenario(scenario: str | Path | Scenario, settings: Mapping[str, str | float]) -> WhatIf:
    """Analyse a scenario as given and with ``settings`` (lever settings, adjustable values).

    Raises
    ------
    accord.errors.InputError
        For a setting that is not a lever or declared adjustable, or out of its bounds.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return what_if(sc, settings)
