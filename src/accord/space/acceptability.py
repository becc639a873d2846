"""One model of acceptability, used by every command (design note walk-away.md §5).

A package is **acceptable** to a side when its principal accepts it and the principal's
ratifiers ratify it::

    acceptable(side, package) = U_principal(package) * factor >= no_deal_value
                                and P(ratify) >= level

``no_deal_value`` is what no agreement is worth to the principal (its reservation, or BATNA);
``factor`` is a discount for time (1 outside simulations); ``P(ratify)`` is the joint
probability that every ratifier of the side ratifies, each deterministic (1 at or above its
threshold, else 0) or probabilistic (``Phi((U_r - threshold) / sigma)``); ``level`` is the
scenario's ratification level. A side's **win-set** is the set of feasible packages acceptable
to it; a deal exists when the win-sets intersect.

:func:`acceptable` is the predicate itself, written once for arrays of any shape (packages,
samples of uncertain parameters, rounds of a simulation); :func:`acceptability` applies it to
every feasible package of a scenario; :func:`check_package` to one package, feasible or not
(a recorded deal, the end state of a phased plan). ``analyze``, ``diagnose``, ``whatif``,
``simulate``, ``tournament``, ``phase`` and the history check all call these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from accord._types import BoolArray, FloatArray
from accord.scenario.negotiation.model import Actor, Scenario
from accord.space.outcomes import (
    SCALE,
    TOLERANCE_DECIMALS,
    OutcomeSpace,
    issue_units,
    reservation_units,
    utility_grid,
)

__all__ = [
    "LEVEL_TOLERANCE",
    "Acceptability",
    "PackageCheck",
    "SideCheck",
    "acceptability",
    "acceptable",
    "check_package",
    "ratification_probability",
    "ratify",
]

LEVEL_TOLERANCE = 1e-12
"""A joint ratification probability this close below the level still meets it."""


def acceptable(
    utility: FloatArray | float,
    no_deal: FloatArray | float,
    ratification: FloatArray | float,
    level: float | FloatArray,
    factor: FloatArray | float = 1.0,
) -> BoolArray:
    """The acceptability predicate, element-wise with numpy broadcasting.

    Parameters
    ----------
    utility:
        The principal's (undiscounted) utility of the package(s).
    no_deal:
        What no agreement is worth to the principal.
    ratification:
        Joint probability that the principal's ratifiers ratify (1 without ratifiers).
    level:
        The ratification level the scenario requires.
    factor:
        Discount applied to the principal's utility (an agreement in a later round).

    Returns
    -------
    numpy.ndarray of bool
        ``utility * factor >= no_deal and ratification >= level`` (the level within
        :data:`LEVEL_TOLERANCE`).
    """
    if (
        type(utility) is float
        and type(no_deal) is float
        and type(ratification) is float
        and type(level) is float
        and type(factor) is float
    ):  # plain numbers (one package in a simulation): the same comparisons, without numpy's cost
        return np.asarray(utility * factor >= no_deal and ratification >= level - LEVEL_TOLERANCE)
    u = np.asarray(utility, dtype=np.float64)
    f = np.asarray(factor, dtype=np.float64)
    if f.ndim or float(f) != 1.0:  # (no pass over the arrays for the usual factor 1)
        u = u * f
    accepts = np.asarray(u >= np.asarray(no_deal))
    ratified = np.asarray(np.asarray(ratification) >= np.asarray(level) - LEVEL_TOLERANCE)
    if ratified.ndim == 0 and accepts.ndim > 0:
        return accepts if bool(ratified) else np.zeros_like(accepts)
    return np.asarray(accepts & ratified)


def ratification_probability(ratifier: Actor, utility: FloatArray) -> FloatArray:
    """Probability that ``ratifier`` ratifies packages worth ``utility`` to it.

    Deterministic (no ``sigma``): 1 where ``utility >= threshold``, else 0. Probabilistic:
    ``Phi((utility - threshold) / sigma)`` (the standard normal CDF, ``scipy.special.ndtr``).
    """
    t = round(
        float(ratifier.threshold if ratifier.threshold is not None else 0.0), TOLERANCE_DECIMALS
    )
    return ratify(utility, t, ratifier.sigma)


def ratify(
    utility: FloatArray | float,
    threshold: FloatArray | float,
    sigma: FloatArray | float | None,
) -> FloatArray:
    """The ratification rule, element-wise with numpy broadcasting.

    ``sigma`` ``None`` (or NaN where an array mixes both kinds): 1 where
    ``utility >= threshold``, else 0; otherwise ``Phi((utility - threshold) / sigma)``.
    :func:`ratification_probability` applies it to one ratifier; the sampled analysis applies
    it to arrays of samples.
    """
    u = np.asarray(utility, dtype=np.float64)
    if sigma is None:
        return np.asarray(u >= threshold, dtype=np.float64)
    s = np.asarray(sigma, dtype=np.float64)
    if not np.isnan(s).any():
        return np.asarray(ndtr((u - threshold) / s), dtype=np.float64)
    step = np.asarray(u >= threshold, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        smooth = ndtr((u - threshold) / s)
    return np.asarray(np.where(np.isnan(s), step, smooth), dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class Acceptability:
    """The predicate applied to every feasible package of a scenario.

    Attributes
    ----------
    principals:
        Row order of the arrays (as in the outcome space).
    level:
        The ratification level.
    no_deal:
        ``(m,)`` each principal's no-deal value.
    accepts:
        ``(m, n)``: the principal alone accepts the package (utility >= no-deal value).
    ratifier_probability:
        Per ratifier id, ``(n,)``: the probability that it ratifies each package.
    ratification:
        ``(m, n)``: joint probability that the principal's ratifiers ratify (1 without any).
    members:
        ``(m, n)``: the package is acceptable to the side (in its win-set).
    """

    principals: tuple[str, ...]
    level: float
    no_deal: FloatArray
    accepts: BoolArray
    ratifier_probability: Mapping[str, FloatArray]
    ratification: FloatArray
    members: BoolArray

    @property
    def in_every_winset(self) -> BoolArray:
        """``(n,)``: packages acceptable to every side (the zone of agreement)."""
        return np.asarray(self.members.all(axis=0))

    @property
    def ratified(self) -> BoolArray:
        """``(m, n)``: the side's ratifiers ratify at the level (whatever the principal says)."""
        return np.asarray(self.ratification >= self.level - LEVEL_TOLERANCE)

    def joint_without(self, scenario: Scenario, skip: frozenset[str] = frozenset()) -> FloatArray:
        """``(m, n)`` joint ratification probability with the ratifiers in ``skip`` left out."""
        joint = np.ones_like(self.ratification)
        for r in scenario.ratifiers:
            if r.id not in skip and r.of in self.principals:
                joint[self.principals.index(r.of)] *= self.ratifier_probability[r.id]
        return joint


def ratifier_utilities(scenario: Scenario, space: OutcomeSpace) -> dict[str, FloatArray]:
    """Each ratifier's utility of every feasible package (on the utility lattice)."""
    out = {}
    for r in scenario.ratifiers:
        pref = scenario.preferences[r.id]
        grid = utility_grid(pref.weights, pref.values).ravel()
        out[r.id] = np.round(grid[space.feasible], TOLERANCE_DECIMALS)
    return out


def acceptability(scenario: Scenario, space: OutcomeSpace) -> Acceptability:
    """Apply the predicate to every feasible package of ``scenario`` (levers applied)."""
    m, n = len(space.principals), space.n_feasible
    utils = ratifier_utilities(scenario, space)
    probs = {r.id: ratification_probability(r, utils[r.id]) for r in scenario.ratifiers}
    joint = np.ones((m, n))
    for r in scenario.ratifiers:
        if r.of in space.principals:
            joint[space.principals.index(r.of)] *= probs[r.id]
    level = scenario.ratification_level
    no_deal = space.reservations
    accepts = acceptable(space.utilities, no_deal[:, None], 1.0, 0.0)
    members = acceptable(space.utilities, no_deal[:, None], joint, level)
    return Acceptability(space.principals, level, no_deal, accepts, probs, joint, members)


@dataclass(frozen=True, slots=True)
class SideCheck:
    """One side's verdict on one package: its principal, each ratifier, and the result."""

    principal: str
    name: str
    utility: float
    no_deal: float
    factor: float
    ratifiers: tuple[tuple[str, str, float, float], ...]
    """``(id, name, utility to it, probability it ratifies)`` per ratifier of the side."""
    ratification: float
    level: float
    accepts: bool
    ratified: bool

    @property
    def acceptable(self) -> bool:
        return self.accepts and self.ratified

    @property
    def margin(self) -> float:
        """Discounted utility minus the no-deal value (negative: the principal refuses)."""
        return self.utility * self.factor - self.no_deal


@dataclass(frozen=True, slots=True)
class PackageCheck:
    """Every side's verdict on one package, and the hard constraints it breaks."""

    package: Mapping[str, str]
    sides: tuple[SideCheck, ...]
    broken: tuple[str, ...]
    """Ids of the hard constraints the package breaks (a deal cannot; a record might)."""

    @property
    def acceptable(self) -> bool:
        """In every side's win-set, and feasible."""
        return not self.broken and all(s.acceptable for s in self.sides)

    def side(self, principal: str) -> SideCheck:
        return next(s for s in self.sides if s.principal == principal)


def _units(scenario: Scenario, actor: str, idx: tuple[int, ...]) -> float:
    pref = scenario.preferences[actor]
    units = issue_units(pref.weights, pref.values)
    total = sum(int(u[o]) for u, o in zip(units, idx, strict=True))
    return float(total / SCALE)


def check_package(
    scenario: Scenario, package: Mapping[str, str], *, factor: float = 1.0
) -> PackageCheck:
    """Apply the predicate to one complete package of ``scenario`` (levers applied).

    The arithmetic is the one :func:`acceptability` uses (the utility lattice), so a package
    is acceptable here exactly when it is a member of every win-set there.
    """
    idx = scenario.package_indices(package)
    no_deal = reservation_units(scenario) / SCALE
    sides = []
    for i, p in enumerate(scenario.principals):
        u = _units(scenario, p.id, idx)
        rats = []
        joint = 1.0
        for r in scenario.ratifiers_of(p.id):
            ur = _units(scenario, r.id, idx)
            pr = float(ratification_probability(r, np.array([ur]))[0])
            joint *= pr
            rats.append((r.id, r.name, ur, pr))
        level = scenario.ratification_level
        sides.append(
            SideCheck(
                p.id,
                p.name,
                u,
                float(no_deal[i]),
                factor,
                tuple(rats),
                joint,
                level,
                bool(acceptable(u, float(no_deal[i]), 1.0, 0.0, factor)),
                bool(joint >= level - LEVEL_TOLERANCE),
            )
        )
    broken = tuple(c.id for c in scenario.constraints if not c.holds(idx))
    return PackageCheck(dict(package), tuple(sides), broken)
