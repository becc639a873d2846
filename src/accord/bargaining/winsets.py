"""Two-level games (Putnam 1988): ratifiers, win-sets and the ratification-weighted Nash solution.

A principal's **win-set** is the set of feasible packages acceptable to its side: the
principal accepts it (utility at least its no-deal value) and its ratifiers ratify it with
joint probability at least the scenario's ratification level. The predicate itself lives in
:mod:`accord.space.acceptability` (one model for every command); this module adds what each
ratifier does to its principal's win-set (Putnam 1988; Iida 1993; Milner and Rosendorff
1997). Everything is computed as arrays over the feasible packages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.solutions import Choice, _pick
from accord.scenario.negotiation.model import Scenario
from accord.space.acceptability import LEVEL_TOLERANCE, Acceptability, acceptability
from accord.space.outcomes import OutcomeSpace

__all__ = [
    "RatifierReport",
    "WinSets",
    "compute_winsets",
    "ratified_nash",
]


@dataclass(frozen=True, slots=True)
class RatifierReport:
    """How one ratifier constrains its principal.

    Attributes
    ----------
    vetoes:
        Packages the principal accepts that this ratifier, alone, would not ratify at the
        ratification level.
    marginal:
        How many packages the principal's win-set would gain if this ratifier were removed
        (the others kept).
    pivotal:
        With no deal, removing this ratifier alone would open a zone of agreement.
    binding:
        Removing this ratifier would enlarge the zone of agreement (or open one).
    """

    ratifier: str
    name: str
    principal: str
    probabilistic: bool
    threshold: float
    sigma: float | None
    vetoes: int
    marginal: int
    pivotal: bool
    binding: bool


@dataclass(frozen=True, slots=True, eq=False)
class WinSets:
    """Win-sets of every principal over the feasible packages.

    Attributes
    ----------
    principals:
        Row order of the arrays (as in the outcome space).
    level:
        Joint ratification probability a package needs to be in a win-set.
    accepts:
        ``(m, n_feasible)``: the principal alone accepts the package.
    ratification:
        ``(m, n_feasible)``: joint probability that the principal's ratifiers ratify.
    members:
        ``(m, n_feasible)``: the package is in the principal's win-set.
    ratifiers:
        One report per ratifier, in file order.
    """

    principals: tuple[str, ...]
    level: float
    accepts: NDArray[np.bool_]
    ratification: NDArray[np.float64]
    members: NDArray[np.bool_]
    ratifiers: tuple[RatifierReport, ...]
    acceptability: Acceptability
    """The predicate applied to every feasible package (what the arrays above come from)."""

    @property
    def zopa_mask(self) -> NDArray[np.bool_]:
        """Packages in every principal's win-set."""
        return np.asarray(self.members.all(axis=0))

    def size(self, principal: str) -> int:
        """Number of packages in ``principal``'s win-set."""
        return int(np.count_nonzero(self.members[self.principals.index(principal)]))

    def accepted(self, principal: str) -> int:
        """Number of packages ``principal`` alone accepts (its win-set without ratifiers)."""
        return int(np.count_nonzero(self.accepts[self.principals.index(principal)]))


def compute_winsets(scenario: Scenario, space: OutcomeSpace) -> WinSets:
    """Win-sets of ``scenario``'s principals (levers already applied to ``scenario``)."""
    acc = acceptability(scenario, space)
    level, accepts, members = acc.level, acc.accepts, acc.members
    has_deal = bool(acc.in_every_winset.any())
    n_zopa = int(np.count_nonzero(acc.in_every_winset))
    reports = []
    for r in scenario.ratifiers:
        i = space.principals.index(str(r.of))
        prob = acc.ratifier_probability[r.id]
        alone = accepts[i] & (prob < level - LEVEL_TOLERANCE)
        without = accepts & (
            acc.joint_without(scenario, frozenset({r.id})) >= level - LEVEL_TOLERANCE
        )
        n_without = int(np.count_nonzero(without.all(axis=0)))
        reports.append(
            RatifierReport(
                ratifier=r.id,
                name=r.name,
                principal=str(r.of),
                probabilistic=r.probabilistic,
                threshold=float(r.threshold or 0.0),
                sigma=r.sigma,
                vetoes=int(np.count_nonzero(alone)),
                marginal=int(np.count_nonzero(without[i])) - int(np.count_nonzero(members[i])),
                pivotal=not has_deal and n_without > 0,
                binding=n_without > n_zopa,
            )
        )
    return WinSets(space.principals, level, accepts, acc.ratification, members, tuple(reports), acc)


def ratified_nash(
    gains: NDArray[np.float64], powers: NDArray[np.float64], joint: NDArray[np.float64]
) -> Choice:
    """Ratification-weighted Nash: maximise ``prod gain_i ** alpha_i * prod_j P_j``.

    ``alpha`` are the powers normalised to sum to 1; ``joint`` is ``(m, n)``, each principal's
    joint ratification probability per candidate. Computed as a sum of logs; when no
    candidate gives everyone a strictly positive gain, the gains are dropped from the score
    (the choice maximises ratification, ties by leximin) and the choice is flagged degenerate.
    """
    p = np.asarray(powers, dtype=np.float64)
    alpha = np.full_like(p, 1.0 / p.size) if p.sum() <= 0 else p / p.sum()
    with np.errstate(divide="ignore"):
        log_gain = (alpha[:, None] * np.log(np.where(gains > 1e-9, gains, 0.0))).sum(axis=0)
        log_p = np.log(np.clip(joint, 0.0, 1.0)).sum(axis=0)
    score = log_gain + log_p
    if not np.isfinite(score).any():
        return _pick(np.where(np.isfinite(log_p), log_p, -np.inf), gains, degenerate=True)
    return _pick(score, gains)
