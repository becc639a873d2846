"""Facade: two-level diagnosis and what-if."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from accord.api._checks import check_count
from accord.api._levers import apply_moves, linked_data, resolve_levers
from accord.bargaining.remedies import Change
from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis, diagnose
from accord.bargaining.whatif import WhatIf, what_if
from accord.scenario import DEFAULT_SCENARIO, Scenario, load_scenario
from accord.scenario.negotiation.adjust import parse_assignments

__all__ = ["diagnose_scenario", "move_changes", "parse_settings", "whatif_scenario"]


def parse_settings(items: list[str]) -> dict[str, str]:
    """Turn ``["china.enforcement=lax", "us.reservation=0.6"]`` into the mapping
    :func:`whatif_scenario` takes; raises :class:`accord.errors.InputError` if malformed."""
    return parse_assignments(items)


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
    limit = check_count(limit, "limit")
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


def move_changes(
    scenario: Scenario, base: Scenario, moved: Scenario, moves: Mapping[str, float]
) -> list[Change]:
    """The moves and the lever settings they changed, in words, for what-if.

    ``scenario`` is as loaded; ``base`` and ``moved`` are it resolved without and with
    ``moves``. Every lever linked to moved data is listed, changed or not.
    """
    _, done = apply_moves(linked_data(scenario), moves)
    out = [
        Change(f"{a}.{d}", old, new, f"{a}'s position on '{d}' moved from {old:g} to {new:g}")
        for a, d, old, new in done
    ]
    names = {x.id: x.name for x in scenario.actors}
    for b, m in zip(base.levers, moved.levers, strict=True):
        if b.resolution is None or m.resolution is None:
            continue
        if b.forecast is not None and m.forecast is not None and b.forecast.data is m.forecast.data:
            continue  # not linked to moved data
        what = f"{names.get(b.actor, b.actor)}'s {b.name[:1].lower() + b.name[1:]}"
        via = (
            f"the {m.resolution.model} forecast"
            + (f" of {m.resolution.actor}'s position" if m.resolution.actor else "")
            + f" on '{m.resolution.dimension}' went from {b.resolution.position:.1f} to "
            f"{m.resolution.position:.1f}"
        )
        if b.current == m.current:
            text = f"{what} stays '{m.current}' ({via})"
        else:
            text = f"{what} moved to '{m.current}' (not '{b.current}'): {via}"
        out.append(Change(b.key, b.current, m.current, text))
    return out
