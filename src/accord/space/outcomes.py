"""The outcome space of a scenario as arrays: feasible packages and every principal's utility.

A package is one option per issue. Packages are numbered in C order over the scenario's
``shape`` (the last issue varies fastest), so a flat index turns into option indices with
:func:`numpy.unravel_index`. Utilities are built by broadcasting the per-issue value vectors
(``np.add.outer``), and hard constraints by broadcasting per-issue boolean masks: there is no
Python loop per package.

Utilities live on a lattice of step ``10**-TOLERANCE_DECIMALS``: each issue's contribution
``weight * value`` is rounded to the lattice once (:func:`issue_units`, integer units) and
contributions are summed exactly as integers. Two packages whose utilities are equal in exact
arithmetic therefore tie exactly whatever the order of summation, which lets the merge
(:mod:`accord.space.merge`), the stream (:mod:`accord.space.stream`) and full enumeration
agree bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import AnalysisError
from accord.scenario.negotiation.model import Condition, Scenario

__all__ = [
    "DEFAULT_MAX_PACKAGES",
    "SCALE",
    "TOLERANCE_DECIMALS",
    "OutcomeSpace",
    "build_space",
    "issue_units",
    "reservation_units",
]

DEFAULT_MAX_PACKAGES = 50_000_000
"""Largest space enumerated in memory by default (about 0.4 GB per principal at the limit)."""

TOLERANCE_DECIMALS = 12
"""Utilities are rounded to this many decimals so that equal sums compare equal."""

SCALE = 10**TOLERANCE_DECIMALS
"""Lattice units per unit of utility (utility = units / SCALE)."""


@dataclass(frozen=True, slots=True, eq=False)
class OutcomeSpace:
    """Feasible packages of a scenario and each principal's utility for them.

    Attributes
    ----------
    shape:
        Options per issue.
    principals:
        Principal ids, the row order of :attr:`utilities`.
    feasible:
        Flat indices (ascending) of the packages that satisfy every hard constraint.
    utilities:
        Array ``(n_principals, n_feasible)``: utility of each feasible package.
    reservations:
        Reservation value per principal.
    powers:
        Bargaining power per principal (as given; used by the asymmetric Nash solution).
    excluded_by:
        For each hard constraint id, how many of all the packages it rules out, taken by
        itself (the counts overlap: a package may break several constraints).
    """

    shape: tuple[int, ...]
    principals: tuple[str, ...]
    feasible: NDArray[np.int64]
    utilities: NDArray[np.float64]
    reservations: NDArray[np.float64]
    powers: NDArray[np.float64]
    excluded_by: dict[str, int]

    @property
    def size(self) -> int:
        """Number of packages before constraints."""
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def n_feasible(self) -> int:
        return int(self.feasible.size)

    def options(self, rows: NDArray[np.int64] | int) -> NDArray[np.int64]:
        """Option indices ``(len(rows), n_issues)`` of feasible packages ``rows``."""
        flat = self.feasible[np.atleast_1d(np.asarray(rows, dtype=np.int64))]
        return np.stack(np.unravel_index(flat, self.shape), axis=1).astype(np.int64)


def _axis_mask(cond: Condition, shape: tuple[int, ...]) -> NDArray[np.bool_]:
    vec = np.zeros(shape[cond.issue], dtype=bool)
    vec[list(cond.allowed)] = True
    view = [1] * len(shape)
    view[cond.issue] = shape[cond.issue]
    return vec.reshape(view)


def feasibility_mask(scenario: Scenario) -> tuple[NDArray[np.bool_], dict[str, int]]:
    """Boolean array over the full space: True where every hard constraint holds."""
    shape = scenario.shape
    ok = np.ones(shape, dtype=bool)
    excluded: dict[str, int] = {}
    for c in scenario.constraints:
        violated = np.logical_not(_axis_mask(c.then, shape))
        for w in c.when:
            violated = np.logical_and(violated, _axis_mask(w, shape))
        violated = np.broadcast_to(violated, shape)
        excluded[c.id] = int(np.count_nonzero(violated))
        ok &= ~violated
    return ok, excluded


def issue_units(
    weights: NDArray[np.float64], values: tuple[NDArray[np.float64], ...]
) -> tuple[NDArray[np.int64], ...]:
    """Each issue's contribution ``weight * value`` per option, in integer lattice units."""
    return tuple(
        np.rint(float(w) * np.asarray(v, dtype=np.float64) * SCALE).astype(np.int64)
        for w, v in zip(weights, values, strict=True)
    )


def utility_grid(
    weights: NDArray[np.float64], values: tuple[NDArray[np.float64], ...]
) -> NDArray[np.float64]:
    """Utility of every package as an array of the space's shape (additive over issues)."""
    units = issue_units(weights, values)
    grid = units[0]
    for u in units[1:]:
        grid = np.add.outer(grid, u)
    return np.asarray(grid / SCALE, dtype=np.float64)


def reservation_units(scenario: Scenario) -> NDArray[np.int64]:
    """Each principal's reservation value in lattice units.

    A reservation given as a package is that package's lattice utility, so the package ties
    exactly with its own reservation value. The number ``Actor.reservation`` stays the source
    of truth: once a lever or a what-if has moved it away from the package's utility, the
    moved number is used.
    """
    out = []
    for a in scenario.principals:
        value = a.reservation or 0.0
        if a.reservation_package is not None:
            pref = scenario.preferences[a.id]
            pkg = scenario.package_indices(a.reservation_package)
            if abs(pref.utility(pkg) - value) < 1e-9:
                units = issue_units(pref.weights, pref.values)
                out.append(int(sum(int(u[o]) for u, o in zip(units, pkg, strict=True))))
                continue
        out.append(int(np.rint(value * SCALE)))
    return np.array(out, dtype=np.int64)


def build_space(scenario: Scenario, *, max_packages: int = DEFAULT_MAX_PACKAGES) -> OutcomeSpace:
    """Enumerate the feasible packages of ``scenario`` and their utilities.

    Raises
    ------
    AnalysisError
        If the space has more than ``max_packages`` packages.
    """
    shape = scenario.shape
    size = int(np.prod(shape, dtype=np.float64))
    if size > max_packages:
        raise AnalysisError(
            f"the outcome space has {size:,} packages, more than the in-memory limit of "
            f"{max_packages:,}; reduce the issues or options (the limit bounds memory use)"
        )
    ok, excluded = feasibility_mask(scenario)
    feasible = np.flatnonzero(ok.ravel()).astype(np.int64)
    principals = scenario.principals
    utilities = np.empty((len(principals), feasible.size), dtype=np.float64)
    for i, actor in enumerate(principals):
        pref = scenario.preferences[actor.id]
        grid = utility_grid(pref.weights, pref.values).ravel()
        utilities[i] = np.round(grid[feasible], TOLERANCE_DECIMALS)
    reservations = reservation_units(scenario) / SCALE
    powers = np.array([a.power for a in principals], dtype=np.float64)
    return OutcomeSpace(
        shape=shape,
        principals=tuple(a.id for a in principals),
        feasible=feasible,
        utilities=utilities,
        reservations=np.round(reservations, TOLERANCE_DECIMALS),
        powers=powers,
        excluded_by=excluded,
    )
