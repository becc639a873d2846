"""Diagnosis of a two-level negotiation: blocking issues, pivotal actors, what it would take."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from accord.bargaining.analysis import Analysis, analyze
from accord.bargaining.phrases import change_text, pivot_text, winset_block_text
from accord.bargaining.remedies import Change, RemedySearch, search_remedies
from accord.bargaining.winsets import compute_winsets
from accord.bargaining.zopa import best_by_option
from accord.scenario.negotiation.model import Scenario
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
    """A change in words: ``"China set sanctions enforcement to 'full' (not 'partial')"``."""
    return change_text(scenario, change.key, change.old, change.new)


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
            names = tuple(sc.actor(x).name for x in group)
            out.append(Pivot(group, names, k == 1, n, pivot_text(sc, group, n)))
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
        holds = [(sc.actor(pid).name, ok[i]) for i, pid in enumerate(ws.principals)]
        out.append(WinsetBlock(issue.id, issue.name, winset_block_text(issue, holds)))
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
