"""Lever settings and adjustable quantities: the knobs of what-if and of diagnosis.

A scenario's numbers (values, no-deal values, thresholds) are those of the file. The effects
of each lever's *current* setting are folded in by :func:`apply_levers` before analysis;
:func:`with_changes` returns a scenario with other lever settings, adjusted quantities or
edited packages (a principal's no-deal package or stated position, one issue at a time),
after checking that each change is allowed and within its bounds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from accord.errors import InputError
from accord.scenario.negotiation.model import (
    Actor,
    NoDeal,
    NoDealBasis,
    Preference,
    Role,
    Scenario,
    StatedPosition,
)

__all__ = [
    "adjustable_keys",
    "apply_levers",
    "canonical_key",
    "current_value",
    "parse_assignments",
    "with_changes",
]


_FIELDS = {"no_deal": "reservation", "reservation": "reservation"}
"""``ACTOR.FIELD`` names whose attribute is named otherwise (``reservation`` is the old name)."""


def adjustable_keys(scenario: Scenario) -> tuple[str, ...]:
    """Every name ``--set`` accepts: lever keys, declared adjustable quantities, then the
    package edits (``ACTOR.no_deal.ISSUE`` for a no-deal package, ``ACTOR.stated.ISSUE``)."""
    edits = []
    for a in scenario.principals:
        if a.reservation_package is not None:
            edits.append(f"{a.id}.no_deal.ISSUE")
        if a.stated is not None:
            edits.append(f"{a.id}.stated.ISSUE")
    reds = tuple(f"red_line.{c.id}" for c in scenario.constraints if c.held_by is not None)
    return (
        tuple(lv.key for lv in scenario.levers)
        + tuple(a.quantity for a in scenario.adjustable)
        + reds
        + tuple(edits)
    )


def canonical_key(key: str) -> str:
    """``ACTOR.no_deal`` for the old name ``ACTOR.reservation``; other keys unchanged."""
    if key.endswith(".reservation") and key.count(".") == 1:
        return key.removesuffix(".reservation") + ".no_deal"
    return key


def _package_edit(key: str) -> tuple[str, str, str] | None:
    """``("us", "no_deal", "sanctions")`` for ``us.no_deal.sanctions`` (else ``None``)."""
    parts = key.split(".")
    if len(parts) == 3 and parts[1] in ("no_deal", "stated"):
        return parts[0], parts[1], parts[2]
    return None


def current_value(scenario: Scenario, key: str) -> str | float:
    """The file's (or current) value of a lever, adjustable quantity or package entry."""
    for lv in scenario.levers:
        if lv.key == key:
            return lv.current
    if key == "ratification.level":
        return scenario.ratification_level
    if key.startswith("red_line."):
        return "kept"
    edit = _package_edit(key)
    if edit is not None:
        actor = scenario.actor(edit[0])
        pkg = (
            actor.reservation_package
            if edit[1] == "no_deal"
            else (None if actor.stated is None else actor.stated.package)
        )
        if pkg is None:
            raise KeyError(key)
        return pkg[edit[2]]
    owner, field = key.split(".", 1)
    value = getattr(scenario.actor(owner), _FIELDS.get(field, field))
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
        ``{"china.enforcement": "lax", "us.no_deal": 0.6, ...}``; numbers may be strings.

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
    lifted: set[str] = set()
    for key, raw in changes.items():
        if key.startswith("red_line."):
            lifted |= _red_line_change(scenario, key, str(raw))
            continue
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
        edit = _package_edit(key)
        if edit is not None:
            actors[edit[0]] = _edit_package(scenario, actors, edit, str(raw), key)
            continue
        key = canonical_key(key)
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
        if field == "no_deal":
            basis = NoDeal(NoDealBasis.value, None, f"set to {value:g} by a what-if")
            actors[owner] = dataclasses.replace(a, reservation=value, no_deal=basis)
        elif field == "threshold":
            actors[owner] = dataclasses.replace(a, threshold=value, threshold_package=None)
        else:
            actors[owner] = dataclasses.replace(a, sigma=value)
    return dataclasses.replace(
        scenario,
        actors=tuple(actors[a.id] for a in scenario.actors),
        levers=tuple(new_levers),
        ratification_level=level,
        constraints=tuple(c for c in scenario.constraints if c.id not in lifted),
    )


def _red_line_change(scenario: Scenario, key: str, raw: str) -> set[str]:
    """``{ID}`` for ``red_line.ID=lifted`` (``set()`` for ``kept``); only red lines lift."""
    cid = key.removeprefix("red_line.")
    reds = {c.id: c for c in scenario.constraints if c.held_by is not None}
    if cid not in reds:
        known = ", ".join(reds) or "none: no constraint has `held_by`"
        raise InputError(f"--set {key}={raw}: {cid!r} is not a red line; red lines: {known}")
    if raw not in ("lifted", "kept"):
        raise InputError(f"--set {key}={raw}: a red line is `lifted` or `kept`")
    return {cid} if raw == "lifted" else set()


def _edit_package(
    scenario: Scenario, actors: dict[str, Actor], edit: tuple[str, str, str], raw: str, key: str
) -> Actor:
    """The actor with one issue of its no-deal package or stated position changed."""
    owner, which, issue_id = edit
    if owner not in actors or actors[owner].role is not Role.principal:
        names = ", ".join(a.id for a in scenario.principals)
        raise InputError(f"--set {key}={raw}: {owner!r} is not a principal; principals: {names}")
    a = actors[owner]
    pkg = (
        a.reservation_package
        if which == "no_deal"
        else (None if a.stated is None else a.stated.package)
    )
    if pkg is None:
        what = (
            "its no-deal value is a number, not a package (use --set "
            f"{owner}.no_deal=VALUE if it is declared adjustable)"
            if which == "no_deal"
            else "the file gives no stated position for it"
        )
        raise InputError(f"--set {key}={raw}: {what}")
    try:
        issue = scenario.issues[scenario.issue_index(issue_id)]
    except KeyError:
        raise InputError(
            f"--set {key}={raw}: unknown issue {issue_id!r}; issues are: "
            + ", ".join(i.id for i in scenario.issues)
        ) from None
    if raw not in issue.option_ids:
        raise InputError(
            f"--set {key}={raw}: unknown option; {issue_id} takes one of: "
            + ", ".join(issue.option_ids)
        )
    new_pkg = {**pkg, issue_id: raw}
    if which == "stated":
        assert a.stated is not None
        return dataclasses.replace(
            a, stated=StatedPosition(new_pkg, a.stated.note, a.stated.sources)
        )
    assert a.no_deal is not None
    pref = scenario.preferences[owner]
    value = pref.utility(scenario.package_indices(new_pkg))
    basis = dataclasses.replace(a.no_deal, package=new_pkg)
    shift = (
        a.reservation - pref.utility(scenario.package_indices(pkg))
        if a.reservation is not None
        else 0.0
    )
    return dataclasses.replace(a, reservation=value + shift, no_deal=basis)
