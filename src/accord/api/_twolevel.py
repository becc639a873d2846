"""Facade: two-level diagnosis and what-if."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from accord.api._levers import move_changes, resolve_levers
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
    return diagnose(resolve_levers(sc), limit=limit)


def whatif_scenario(
    scenario: str | Path | Scenario,
    settings: Mapping[str, str | float],
    moves: Mapping[str, float] | None = None,
) -> WhatIf:
    """Analyse a scenario as given and with ``settings`` and ``moves``.

    Parameters
    ----------
    scenario:
        A built-in name, a file path or a loaded :class:`Scenario`.
    settings:
        Lever settings and adjustable values (``{"china.enforcement": "lax"}``); a lever set
        here no longer follows its forecast.
    moves:
        ``{"ACTOR.DIMENSION": position}``: move actors in the spatial data that levers take
        their setting from, re-forecast and re-set those levers (see :func:`parse_moves`).

    Raises
    ------
    accord.errors.InputError
        For a setting that is not a lever or declared adjustable, or out of its bounds; for a
        move naming an unknown actor or dimension, or off the scale.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    base = resolve_levers(sc)
    if not moves:
        return what_if(base, settings)
    moved = resolve_levers(sc, moves)
    return what_if(base, settings, moved=moved, derived=move_changes(sc, base, moved, moves))
