"""Why there is no deal: shortfalls, the smallest total concession, and blocking issues."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.bargaining.zopa import acceptable_mask, acceptable_options
from accord.scenario.model import Issue, Scenario
from accord.space.outcomes import OutcomeSpace

__all__ = ["BlockingIssue", "Concession", "Diagnosis", "Shortfall", "diagnose_no_deal"]


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
class Diagnosis:
    """Everything accord can say about an empty ZOPA."""

    shortfalls: tuple[Shortfall, ...]
    concession: Concession | None
    blocking: tuple[BlockingIssue, ...]
    incompatible_pairs: tuple[tuple[str, str], ...]
    contested: tuple[tuple[str, float], ...]
    """Issues ranked by the least joint utility loss they force on the principals by themselves."""


def _describe_range(issue: Issue, mask: np.ndarray) -> str:
    idx = np.flatnonzero(mask)
    n = len(issue.options)
    labels = [issue.options[i].label for i in idx]
    if idx.size == 0:
        return "no option at all"
    if idx.size == n:
        return "any option"
    contiguous = idx[-1] - idx[0] + 1 == idx.size
    if contiguous and idx[0] == 0:
        return f"at most '{issue.options[idx[-1]].label}'"
    if contiguous and idx[-1] == n - 1:
        return f"at least '{issue.options[idx[0]].label}'"
    if contiguous:
        return f"between '{labels[0]}' and '{labels[-1]}'"
    return "only " + " or ".join(f"'{label}'" for label in labels)


def diagnose_no_deal(scenario: Scenario, space: OutcomeSpace) -> Diagnosis:
    """Explain an empty ZOPA in terms of principals and issues."""
    names = {a.id: a.name for a in scenario.actors}
    acc = acceptable_mask(space)
    m = len(space.principals)
    u, r = space.utilities, space.reservations

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
    ok = acceptable_options(space)
    for k, issue in enumerate(scenario.issues):
        common = np.logical_and.reduce([ok[i][k] for i in range(m)])
        if common.any():
            continue
        parts = [
            f"{names[pid]} accepts {_describe_range(issue, ok[i][k])}" for i, pid in enumerate(space.principals)
        ]
        text = f"{issue.name}: " + "; ".join(parts) + " (each with every other issue at its best)"
        blocking.append(
            BlockingIssue(
                issue.id,
                issue.name,
                {pid: tuple(o.id for o, a in zip(issue.options, ok[i][k], strict=True) if a) for i, pid in enumerate(space.principals)},
                text,
            )
        )

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
    return Diagnosis(tuple(shortfalls), concession, tuple(blocking), tuple(pairs), tuple(contested))
