"""Diagnosis of a two-level negotiation: blocking issues, pivotal actors, what it would take."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from accord.bargaining.analysis import Analysis, analyze
from accord.bargaining.diagnosis import _describe_range, possessive
from accord.bargaining.remedies import Change, RemedySearch, search_remedies
from accord.bargaining.winsets import compute_winsets
from accord.bargaining.zopa import best_by_option
from accord.scenario.negotiation.model import Role, Scenario
from accord.space.acceptability import LEVEL_TOLERANCE

__all__ = [
    "MAX_PIVOT_GROUP",
    "Pivot",
    "TwoLevelDiagnosis",
    "WinsetBlock",
    "describe_change",
    "diagnose",
]


MAX_PIVOT_GROUP = 3
"""Largest group of actors whose joint relaxation the pivot search tries."""


@dataclass(frozen=True, slots=True)
class WinsetBlock:
    """An issue on which no option lies in every principal's win-set."""

    issue: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Pivot:
    """Actors (one: a pivotal actor) whose constraints, relaxed together, would open a ZOPA.

    A principal's constraint is its reservation value; a ratifier's its ratification rule.
    """

    actors: tuple[str, ...]
    names: tuple[str, ...]
    single: bool
    opens: int
    """Packages in the ZOPA once these constraints are relaxed."""
    text: str


@dataclass(frozen=True, slots=True, eq=False)
class TwoLevelDiagnosis:
    """Everything ``accord diagnose`` reports."""

    analysis: Analysis
    winset_sizes: dict[str, tuple[int, int]]
    """Principal -> (packages it accepts, packages in its win-set)."""
    blocking: tuple[WinsetBlock, ...]
    pivots: tuple[Pivot, ...]
    search: RemedySearch | None
    """``None`` when there already is a deal."""


def describe_change(scenario: Scenario, change: Change) -> str:
    """A change in words: ``"China set sanctions enforcement to 'full' (was 'partial')"``."""
    if change.key == "ratification.level":
        return f"the required ratification probability were {float(change.new):.2f} (not {float(change.old):.2f})"
    parts = change.key.split(".")
    if parts[0] == "red_line":
        c = next(x for x in scenario.constraints if x.id == parts[1])
        holder = scenario.actor(str(c.held_by)).name
        verb = "lifted" if change.new == "lifted" else "kept"
        return f"{holder} {verb} its red line {c.id}"
    actor = scenario.actor(parts[0])
    if any(lv.key == change.key for lv in scenario.levers):
        lv = scenario.lever(change.key)
        return f"{actor.name} set {lv.name[:1].lower() + lv.name[1:]} to '{change.new}' (not '{change.old}')"
    if len(parts) == 3:  # a package edit: ACTOR.no_deal.ISSUE or ACTOR.stated.ISSUE
        issue = scenario.issues[scenario.issue_index(parts[2])]
        new = issue.options[issue.option_index(str(change.new))].label
        old = issue.options[issue.option_index(str(change.old))].label
        what = "without a deal it would have" if parts[1] == "no_deal" else "it had announced"
        return f"{what} '{new}' on {issue.name.lower()} (not '{old}'), for {actor.name}"
    field = parts[1]
    assert isinstance(change.new, float) and isinstance(change.old, float)
    verb = "lowered" if change.new < change.old else "raised"
    if field == "sigma":
        return (
            f"the uncertainty about {actor.name} (sigma) were {change.new:.3f} "
            f"(not {change.old:.3f})"
        )
    what = {"no_deal": "its no-deal value", "threshold": "its ratification threshold"}[field]
    return f"{actor.name} {verb} {what} from {change.old:.3f} to {change.new:.3f}"


def _relaxed_zopa(a: Analysis, relaxed: frozenset[str]) -> int:
    """ZOPA size when the constraints of the actors in ``relaxed`` are lifted.

    A relaxed principal accepts every package; a relaxed ratifier ratifies every package.
    """
    sc, space = a.scenario, a.space
    ws = a.winsets if a.winsets is not None else compute_winsets(sc, space)
    joint = ws.acceptability.joint_without(sc, relaxed)
    ok = np.ones(space.n_feasible, dtype=bool)
    for i, pid in enumerate(ws.principals):
        accept = np.ones(space.n_feasible, dtype=bool) if pid in relaxed else ws.accepts[i]
        ok &= accept & (joint[i] >= ws.level - LEVEL_TOLERANCE)
    return int(np.count_nonzero(ok))


def _pivots(a: Analysis) -> tuple[Pivot, ...]:
    """The smallest groups of actors whose constraints, relaxed together, open a ZOPA.

    Single actors first (the pivotal actors proper); if none opens a ZOPA alone, the
    smallest pairs, then triples (:data:`MAX_PIVOT_GROUP`). Exhaustive up to that size.
    """
    sc = a.scenario
    actors = [p.id for p in sc.principals] + [r.id for r in sc.ratifiers]
    for k in range(1, min(len(actors), MAX_PIVOT_GROUP) + 1):
        found = []
        for group in itertools.combinations(actors, k):
            n = _relaxed_zopa(a, frozenset(group))
            if n:
                found.append((group, n))
        if not found:
            continue
        out = []
        for group, n in found:
            names = [sc.actor(x).name for x in group]
            roles = [
                "principal"
                if sc.actor(x).role is Role.principal
                else f"ratifier for {sc.actor(str(sc.actor(x).of)).name}"
                for x in group
            ]
            who = " and ".join(f"{nm} ({rl})" for nm, rl in zip(names, roles, strict=True))
            text = (
                f"{who}: if {'its constraint were' if k == 1 else 'their constraints were all'} "
                f"lifted, {n:,} packages would be in every win-set"
            )
            out.append(Pivot(group, tuple(names), k == 1, n, text))
        return tuple(out)
    return ()


def _blocking(a: Analysis) -> tuple[WinsetBlock, ...]:
    sc, space = a.scenario, a.space
    ws = a.winsets if a.winsets is not None else compute_winsets(sc, space)
    per = [
        best_by_option(space, ws.members[i].astype(np.float64)) for i in range(len(ws.principals))
    ]
    out = []
    for k, issue in enumerate(sc.issues):
        ok = [per[i][k] > 0.5 for i in range(len(ws.principals))]
        if np.logical_and.reduce(ok).any():
            continue
        parts = [
            f"{possessive(sc.actor(pid).name)} win-set holds {_describe_range(issue, ok[i])}"
            for i, pid in enumerate(ws.principals)
        ]
        out.append(WinsetBlock(issue.id, issue.name, f"{issue.name}: " + "; ".join(parts)))
    return tuple(out)


def diagnose(scenario: Scenario, *, limit: int = 5) -> TwoLevelDiagnosis:
    """Diagnose ``scenario`` (as loaded): win-sets, blocking issues, pivots, remedies."""
    a = analyze(scenario)
    ws = a.winsets if a.winsets is not None else compute_winsets(a.scenario, a.space)
    sizes = {p: (ws.accepted(p), ws.size(p)) for p in ws.principals}
    if a.zopa.size:
        return TwoLevelDiagnosis(a, sizes, (), (), None)
    search = search_remedies(scenario, limit=limit, describe=describe_change)
    return TwoLevelDiagnosis(a, sizes, _blocking(a), _pivots(a), search)
