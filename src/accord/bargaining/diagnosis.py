"""Why there is no deal: shortfalls, the smallest total concession, and blocking issues."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.bargaining.phrases import (
    blocking_issue_text,
    blocking_pair_text,
    position_gap_text,
)
from accord.bargaining.zopa import acceptable_mask, acceptable_options, full_grid
from accord.scenario.negotiation.model import Scenario
from accord.space.outcomes import OutcomeSpace

__all__ = [
    "BlockingIssue",
    "BlockingPair",
    "Concession",
    "Diagnosis",
    "PositionGap",
    "Shortfall",
    "diagnose_no_deal",
    "position_gaps",
]


@dataclass(frozen=True, slots=True)
class Shortfall:
    """The best a principal can get from packages every other principal accepts."""

    principal: str
    reservation: float
    best_utility: float | None
    shortfall: float | None
    package: dict[str, str] | None


@dataclass(frozen=True, slots=True)
class Concession:
    """The package needing the smallest total concession below reservation values."""

    total: float
    by_principal: dict[str, float]
    package: dict[str, str]


@dataclass(frozen=True, slots=True)
class BlockingIssue:
    """An issue on which no option is acceptable to every principal, even with the rest at its best."""

    issue: str
    name: str
    acceptable: dict[str, tuple[str, ...]]
    text: str


@dataclass(frozen=True, slots=True)
class BlockingPair:
    """Two issues that together admit no combination every principal accepts.

    Each principal's acceptable combinations are judged with every other issue at its best
    for that principal, so the pair blocks a deal whatever happens elsewhere.
    """

    issues: tuple[str, str]
    names: tuple[str, str]
    text: str


@dataclass(frozen=True, slots=True)
class PositionGap:
    """Where the principals' stated positions (or ideals) part on one issue."""

    issue: str
    name: str
    positions: dict[str, str]
    weighted_gap: float
    text: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Everything accord can say about an empty ZOPA."""

    shortfalls: tuple[Shortfall, ...]
    concession: Concession | None
    blocking: tuple[BlockingIssue, ...]
    blocking_pairs: tuple[BlockingPair, ...]
    incompatible_pairs: tuple[tuple[str, str], ...]
    gaps: tuple[PositionGap, ...]
    """Issues where the stated positions differ, largest weighted gap first."""
    contested: tuple[tuple[str, float], ...]
    """Issues ranked by the least joint utility loss they force on the principals by themselves."""
    issues_checked: bool = True
    """False when blocking issues and pairs were not computed (space not enumerated)."""
    unreachable: tuple[tuple[str, float, float], ...] = ()
    """Principals whose reservation exceeds every feasible package: (id, reservation, best)."""


def diagnose_no_deal(scenario: Scenario, space: OutcomeSpace, *, issues: bool = True) -> Diagnosis:
    """Explain an empty ZOPA in terms of principals and issues.

    ``space`` may hold only the Pareto frontier: the shortfalls, the least total concession
    and the incompatible pairs are then still exact (each is attained on the frontier), but
    blocking issues and pairs need every package; pass ``issues=False`` to skip them.
    """
    names = {a.id: a.name for a in scenario.actors}
    acc = acceptable_mask(space)
    m = len(space.principals)
    u, r = space.utilities, space.reservations

    unreachable = tuple(
        (pid, float(r[i]), float(u[i].max()))
        for i, pid in enumerate(space.principals)
        if space.n_feasible and float(u[i].max()) < float(r[i])
    )
    shortfalls = []
    for i, pid in enumerate(space.principals):
        others = np.delete(acc, i, axis=0).all(axis=0) if m > 1 else np.ones(acc.shape[1], bool)
        cols = np.flatnonzero(others)
        if cols.size == 0:
            shortfalls.append(Shortfall(pid, float(r[i]), None, None, None))
            continue
        best_col = int(cols[np.argmax(u[i, cols])])
        best = float(u[i, best_col])
        pkg = scenario.package_ids(tuple(space.options(best_col)[0]))
        shortfalls.append(Shortfall(pid, float(r[i]), best, max(0.0, float(r[i]) - best), pkg))

    concession = None
    if space.n_feasible:
        short = np.maximum(0.0, r[:, None] - u)
        total = short.sum(axis=0)
        col = int(np.argmin(total))
        concession = Concession(
            float(total[col]),
            {pid: float(short[i, col]) for i, pid in enumerate(space.principals)},
            scenario.package_ids(tuple(space.options(col)[0])),
        )

    blocking = []
    ok = acceptable_options(space) if issues else []
    for k, issue in enumerate(scenario.issues if issues else ()):
        common = np.logical_and.reduce([ok[i][k] for i in range(m)])
        if common.any():
            continue
        text = blocking_issue_text(
            issue, [(names[pid], ok[i][k]) for i, pid in enumerate(space.principals)]
        )
        blocking.append(
            BlockingIssue(
                issue.id,
                issue.name,
                {
                    pid: tuple(o.id for o, a in zip(issue.options, ok[i][k], strict=True) if a)
                    for i, pid in enumerate(space.principals)
                },
                text,
            )
        )

    blocking_pairs = _blocking_pairs(scenario, space, {b.issue for b in blocking}) if issues else ()
    pairs = []
    for i in range(m):
        for j in range(i + 1, m):
            if not (acc[i] & acc[j]).any():
                pairs.append((space.principals[i], space.principals[j]))

    contested = []
    for k, issue in enumerate(scenario.issues):
        # the least total weighted loss from each principal's ideal option on this issue alone
        loss = np.zeros(len(issue.options))
        for pid in space.principals:
            pref = scenario.preferences[pid]
            loss += pref.weights[k] * (pref.values[k].max() - pref.values[k])
        best = float(loss.min())
        if best > 1e-12:
            contested.append((issue.name, round(best, 6)))
    contested.sort(key=lambda t: -t[1])
    return Diagnosis(
        tuple(shortfalls),
        concession,
        tuple(blocking),
        blocking_pairs,
        tuple(pairs),
        position_gaps(scenario, space),
        tuple(contested),
        issues_checked=issues,
        unreachable=unreachable,
    )


def _blocking_pairs(
    scenario: Scenario, space: OutcomeSpace, skip: set[str]
) -> tuple[BlockingPair, ...]:
    """Pairs of issues (neither blocking alone) with no jointly acceptable combination."""
    n = len(space.shape)
    if n < 2 or space.n_feasible == 0:
        return ()
    names = {a.id: a.name for a in scenario.actors}
    grids = [
        (full_grid(space, space.utilities[i]), space.reservations[i])
        for i in range(len(space.principals))
    ]
    out = []
    for k in range(n):
        for j in range(k + 1, n):
            a, b = scenario.issues[k], scenario.issues[j]
            if a.id in skip or b.id in skip:
                continue
            others = tuple(x for x in range(n) if x not in (k, j))
            acc = [(g.max(axis=others) if others else g) >= r for g, r in grids]
            if np.logical_and.reduce(acc).any():
                continue
            # condition on the issue with fewer options; show the closest example
            cond, other, swap = (a, b, False) if len(a.options) <= len(b.options) else (b, a, True)
            best: tuple[int, int] | None = None
            for o in range(len(cond.options)):
                rows = [(m[o, :] if not swap else m[:, o]) for m in acc]
                if not all(r.any() for r in rows):
                    continue
                lo = max(int(np.flatnonzero(r)[0]) for r in rows)
                hi = min(int(np.flatnonzero(r)[-1]) for r in rows)
                gap = lo - hi
                if best is None or gap < best[1]:
                    best = (o, gap)
            example = None
            if best is not None:
                o = best[0]
                rows = [
                    (names[pid], acc[i][o, :] if not swap else acc[i][:, o])
                    for i, pid in enumerate(space.principals)
                ]
                example = (cond, o, other, rows)
            text = blocking_pair_text(a, b, example)
            out.append(BlockingPair((a.id, b.id), (a.name, b.name), text))
    return tuple(out)


def position_gaps(scenario: Scenario, space: OutcomeSpace) -> tuple[PositionGap, ...]:
    """Where the principals' stated positions part, issue by issue (its ideal option where a
    principal states none); largest weighted gap first."""
    names = {a.id: a.name for a in scenario.actors}
    refs: dict[str, list[int]] = {}
    for pid in space.principals:
        actor = scenario.actor(pid)
        pref = scenario.preferences[pid]
        if actor.stated is not None:
            refs[pid] = list(scenario.package_indices(actor.stated.package))
        else:
            refs[pid] = [int(np.argmax(v)) for v in pref.values]
    stated = [scenario.actor(p).stated is not None for p in space.principals]
    kind = "stated position" if all(stated) else "position"
    gaps = []
    for k, issue in enumerate(scenario.issues):
        chosen = {pid: refs[pid][k] for pid in space.principals}
        if len(set(chosen.values())) == 1:
            continue
        gap = 0.0
        for pid in space.principals:
            pref = scenario.preferences[pid]
            vals = pref.values[k]
            # how much each principal would lose by moving to the least favourable reference
            worst = min(float(vals[o]) for o in chosen.values())
            gap += float(pref.weights[k]) * (float(vals[chosen[pid]]) - worst)
        gaps.append(
            PositionGap(
                issue.id,
                issue.name,
                {p: issue.options[o].id for p, o in chosen.items()},
                round(gap, 6),
                position_gap_text(issue, [(names[p], o) for p, o in chosen.items()], kind),
            )
        )
    gaps.sort(key=lambda g: -g.weighted_gap)
    return tuple(gaps)
