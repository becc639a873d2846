"""Lever settings and adjustable quantities: the knobs of what-if and of diagnosis.

A scenario's numbers (values, reservations, thresholds) are those of the file. The effects of
each lever's *current* setting are folded in by :func:`apply_levers` before analysis;
:func:`with_changes` returns a scenario with other lever settings or adjusted quantities,
after checking that each change is declared adjustable and within its bounds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from accord.errors import InputError
from accord.scenario.negotiation.model import Actor, Preference, Role, Scenario

__all__ = [
    "adjustable_keys",
    "apply_levers",
    "current_value",
    "parse_assignments",
    "with_changes",
]


def adjustable_keys(scenario: Scenario) -> tuple[str, ...]:
    """Every name ``--set`` accepts: lever keys, then declared adjustable quantities."""
    return tuple(lv.key for lv in scenario.levers) + tuple(a.quantity for a in scenario.adjustable)


def current_value(scenario: Scenario, key: str) -> str | float:
    """The file's (or current) value of a lever or adjustable quantity."""
    for lv in scenario.levers:
        if lv.key == key:
            return lv.current
    if key == "ratification.level":
        return scenario.ratification_level
    owner, field = key.split(".", 1)
    value = getattr(scenario.actor(owner), field)
    if not isinstance(value, float):
        raise KeyError(key)
    return value


def apply_levers(scenario: Scenario) -> Scenario:
    """Fold the effects of every lever's current setting into the scenario's numbers.

    Option-value shifts are added and clipped to [0, 1]; reservations and thresholds given
    as packages are re-evaluated with the shifted values; then reservation (threshold) shifts
    are added. Idempotent: a scenario whose levers are applied is returned unchanged.

    Raises
    ------
    InputError
        If a lever takes its setting from a forecast that has not been run yet (resolve the
        scenario's levers with ``accord.api.resolve_levers`` first).
    """
    if scenario.levers_applied:
        return scenario
    pending = [lv.key for lv in scenario.levers if lv.unresolved]
    if pending:
        raise InputError(
            f"lever(s) {', '.join(pending)} take their setting from a forecast that has not "
            "been run; load the scenario through accord.api (or call accord.api.resolve_levers)"
        )
    value_shift: dict[str, list[tuple[int, int, float]]] = {}
    level_shift: dict[str, float] = {}
    for lv in scenario.levers:
        for eff in lv.effects.get(lv.current, ()):
            value_shift.setdefault(eff.on, []).extend(eff.values)
            level_shift[eff.on] = level_shift.get(eff.on, 0.0) + eff.reservation
    prefs = dict(scenario.preferences)
    for aid, shifts in value_shift.items():
        pref = prefs[aid]
        values = [v.copy() for v in pref.values]
        for k, o, d in shifts:
            values[k][o] = float(np.clip(values[k][o] + d, 0.0, 1.0))
        prefs[aid] = Preference(aid, pref.weights, tuple(values))
    actors = []
    for a in scenario.actors:
        if a.id in value_shift or a.id in level_shift:
            a = _reevaluate(scenario, a, prefs.get(a.id), level_shift.get(a.id, 0.0))
        actors.append(a)
    return dataclasses.replace(
        scenario, actors=tuple(actors), preferences=prefs, levers_applied=True
    )


def _reevaluate(scenario: Scenario, a: Actor, pref: Preference | None, shift: float) -> Actor:
    if a.role is Role.principal:
        r = a.reservation
        if a.reservation_package is not None and pref is not None:
            r = pref.utility(scenario.package_indices(a.reservation_package))
        return dataclasses.replace(a, reservation=None if r is None else r + shift)
    t = a.threshold
    if a.threshold_package is not None and pref is not None:
        t = pref.utility(scenario.package_indices(a.threshold_package))
    return dataclasses.replace(a, threshold=None if t is None else t + shift)


def parse_assignments(items: list[str]) -> dict[str, str]:
    """Turn ``["china.enforcement=lax", ...]`` into a mapping (``InputError`` if malformed)."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"--set {item!r}: expected NAME=VALUE, e.g. china.enforcement=lax")
        out[key.strip()] = value.strip()
    return out


def with_changes(scenario: Scenario, changes: Mapping[str, str | float]) -> Scenario:
    """A copy of ``scenario`` with lever settings and adjustable quantities changed.

    Parameters
    ----------
    scenario:
        A scenario as loaded (levers not yet applied).
    changes:
        ``{"china.enforcement": "lax", "us.reservation": 0.6, ...}``; numbers may be strings.

    Raises
    ------
    InputError
        For a name that is neither a lever nor declared adjustable, an unknown setting, a
        value that is not a number, or a number outside the declared bounds.
    """
    if scenario.levers_applied:
        raise ValueError("with_changes needs the scenario as loaded, before apply_levers")
    levers = {lv.key: lv for lv in scenario.levers}
    bounds = {a.quantity: a for a in scenario.adjustable}
    new_levers = list(scenario.levers)
    actors = {a.id: a for a in scenario.actors}
    level = scenario.ratification_level
    for key, raw in changes.items():
        if key in levers:
            lv = levers[key]
            if str(raw) not in lv.settings:
                raise InputError(
                    f"--set {key}={raw}: unknown setting; {key} takes one of: {', '.join(lv.settings)}"
                )
            # set by hand: the lever no longer follows its forecast (if it had one)
            new_levers[new_levers.index(lv)] = dataclasses.replace(
                lv, current=str(raw), forecast=None, resolution=None
            )
            continue
        if key not in bounds:
            known = ", ".join(adjustable_keys(scenario)) or "none are declared"
            raise InputError(
                f"--set {key}={raw}: {key} is not adjustable in this scenario; adjustable: {known}"
            )
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"--set {key}={raw}: {key} takes a number") from None
        adj = bounds[key]
        if not adj.low - 1e-12 <= value <= adj.high + 1e-12:
            raise InputError(
                f"--set {key}={raw}: out of bounds; {key} may range over [{adj.low:g}, {adj.high:g}]"
            )
        if key == "ratification.level":
            if value <= 0.0:
                raise InputError(f"--set {key}={raw}: the level must be above 0")
            level = value
            continue
        owner, field = key.split(".", 1)
        a = actors[owner]
        if field == "reservation":
            actors[owner] = dataclasses.replace(a, reservation=value, reservation_package=None)
        elif field == "threshold":
            actors[owner] = dataclasses.replace(a, threshold=value, threshold_package=None)
        else:
            actors[owner] = dataclasses.replace(a, sigma=value)
    return dataclasses.replace(
        scenario,
        actors=tuple(actors[a.id] for a in scenario.actors),
        levers=tuple(new_levers),
        ratification_level=level,
    )
