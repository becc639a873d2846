"""The history check: does the model agree with what happened, verdict *and* package?

A recorded agreement is tested with the one acceptability predicate, side by side: is the
recorded package acceptable to each principal (its utility against its no-deal value) and
ratified by each ratifier? Where does it rank among the packages in every win-set under each
solution concept? And are there packages every side prefers to it (Raiffa's post-settlement
settlement: what the parties left on the table)? The model *agrees* with history only when
the verdict agrees and the recorded package lies in every win-set. These are facts;
:mod:`accord.bargaining.verdict` puts them in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.scenario.negotiation.model import Scenario
from accord.space.acceptability import Acceptability, PackageCheck, check_package
from accord.space.concepts import CONCEPTS
from accord.space.outcomes import OutcomeSpace

__all__ = ["ConceptRank", "HistoryFacts", "Improvement", "history_facts"]

MAX_IMPROVEMENTS = 3
"""How many packages that every side prefers to the recorded one are listed."""


@dataclass(frozen=True, slots=True)
class ConceptRank:
    """Where the recorded package ranks under one solution concept (1 = its choice).

    ``rank`` is ``None`` when the recorded package is not in every win-set (not ranked).
    """

    concept: str
    title: str
    rank: int | None
    of: int


@dataclass(frozen=True, slots=True)
class Improvement:
    """A package in every win-set that leaves no principal worse off than the recorded one
    and some better off (a Pareto improvement on the record)."""

    package: dict[str, str]
    utilities: dict[str, float]
    gains: dict[str, float]
    """Each principal's utility minus its utility of the recorded package (all >= 0)."""


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    """What the history check found, before it is put in words."""

    recorded_agreement: bool
    verdict_agrees: bool
    package: dict[str, str] | None
    """The recorded package as checked (completed from the status quo if partial)."""
    completed: tuple[str, ...]
    """Issues the record leaves out, taken from the status quo."""
    check: PackageCheck | None
    ranks: tuple[ConceptRank, ...]
    improvements: tuple[Improvement, ...]
    unchecked: str = ""
    """Why the package could not be checked, if it could not."""

    @property
    def agrees(self) -> bool:
        """The verdict agrees and the recorded package (if any) lies in every win-set."""
        if not self.verdict_agrees:
            return False
        if self.check is not None:
            return self.check.acceptable
        return not self.unchecked


def _complete(
    scenario: Scenario, recorded: dict[str, str]
) -> tuple[dict[str, str] | None, tuple[str, ...], str]:
    missing = tuple(i.id for i in scenario.issues if i.id not in recorded)
    if not missing:
        return dict(recorded), (), ""
    if scenario.status_quo is None:
        return (
            None,
            missing,
            f"the record names {len(recorded)} of {len(scenario.issues)} issues and the "
            "scenario has no status quo to complete it from",
        )
    full = {i.id: recorded.get(i.id, scenario.status_quo.package[i.id]) for i in scenario.issues}
    return full, missing, ""


def _column(space: OutcomeSpace, scenario: Scenario, package: dict[str, str]) -> int | None:
    flat = int(np.ravel_multi_index(scenario.package_indices(package), space.shape))
    k = int(np.searchsorted(space.feasible, flat))
    return k if k < space.n_feasible and int(space.feasible[k]) == flat else None


def _ranks(space: OutcomeSpace, zone: np.ndarray, col: int | None) -> tuple[ConceptRank, ...]:
    cols = np.flatnonzero(zone)
    gains: FloatArray = np.maximum(space.utilities[:, cols] - space.reservations[:, None], 0.0)
    out = []
    for name, c in CONCEPTS.items():
        if col is None or not zone[col] or cols.size == 0:
            out.append(ConceptRank(name, c.title, None, int(cols.size)))
            continue
        score = c.score(gains, space.powers, None)
        mine = float(score[int(np.searchsorted(cols, col))])
        tol = 1e-9 * max(1.0, abs(mine)) if np.isfinite(mine) else 0.0
        better = int(np.count_nonzero(score > mine + tol))
        out.append(ConceptRank(name, c.title, better + 1, int(cols.size)))
    return tuple(out)


def _improvements(
    scenario: Scenario, space: OutcomeSpace, zone: np.ndarray, check: PackageCheck
) -> tuple[Improvement, ...]:
    base = np.array([s.utility for s in check.sides])
    u = space.utilities
    better = (
        zone & (u >= base[:, None] - 1e-12).all(axis=0) & (u > base[:, None] + 1e-9).any(axis=0)
    )
    cols = np.flatnonzero(better)
    if cols.size == 0:
        return ()
    gains = u[:, cols] - base[:, None]
    # Raiffa's post-settlement settlement: the Nash choice with the recorded deal as the
    # disagreement point (a gain of zero for a side counts as a tiny one, so ties go to the
    # package that gives the most to the others)
    with np.errstate(divide="ignore"):
        score = np.log(np.maximum(gains, 1e-12)).sum(axis=0)
    order = np.lexsort((cols, -score))[:MAX_IMPROVEMENTS]
    out = []
    for j in order:
        c = int(cols[j])
        pkg = scenario.package_ids(tuple(int(x) for x in space.options(c)[0]))
        out.append(
            Improvement(
                pkg,
                {p: float(u[i, c]) for i, p in enumerate(space.principals)},
                {p: float(gains[i, j]) for i, p in enumerate(space.principals)},
            )
        )
    return tuple(out)


def history_facts(
    scenario: Scenario, space: OutcomeSpace, acc: Acceptability | None, agreement: bool
) -> HistoryFacts | None:
    """Check the verdict and the recorded package of ``scenario`` (levers applied).

    ``acc`` is the predicate over every feasible package (``None`` when the space was not
    enumerated: the package is then checked alone, without ranks or improvements).
    """
    rec = scenario.outcome
    if rec is None:
        return None
    agrees = rec.agreement == agreement
    if not rec.package:
        return HistoryFacts(rec.agreement, agrees, None, (), None, (), ())
    package, completed, why = _complete(scenario, dict(rec.package))
    if package is None:
        return HistoryFacts(rec.agreement, agrees, None, completed, None, (), (), why)
    check = check_package(scenario, package)
    if acc is None:
        return HistoryFacts(rec.agreement, agrees, package, completed, check, (), ())
    zone = acc.in_every_winset
    col = _column(space, scenario, package)
    ranks = _ranks(space, zone, col)
    better = _improvements(scenario, space, zone, check)
    return HistoryFacts(rec.agreement, agrees, package, completed, check, ranks, better)
