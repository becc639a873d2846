"""The zone of possible agreement and each principal's acceptable options per issue."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.space.outcomes import OutcomeSpace

__all__ = ["acceptable_mask", "acceptable_options", "best_by_option", "full_grid", "zopa_mask"]


def acceptable_mask(space: OutcomeSpace) -> NDArray[np.bool_]:
    """``(n_principals, n_feasible)``: does principal i get at least its reservation?"""
    return np.asarray(space.utilities >= space.reservations[:, None])


def zopa_mask(space: OutcomeSpace) -> NDArray[np.bool_]:
    """Feasible packages that give every principal at least its reservation value."""
    return np.asarray(acceptable_mask(space).all(axis=0))


def full_grid(space: OutcomeSpace, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``values`` (one per feasible package) laid out over the whole space's shape.

    Infeasible packages get ``-inf``, so that maxima over axes ignore them.
    """
    full = np.full(space.size, -np.inf)
    full[space.feasible] = values
    return full.reshape(space.shape)


def best_by_option(space: OutcomeSpace, values: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    """For each issue, the largest of ``values`` (one per feasible package) per option.

    Options that appear in no feasible package get ``-inf``.
    """
    grid = full_grid(space, values)
    out = []
    for k in range(len(space.shape)):
        axes = tuple(a for a in range(len(space.shape)) if a != k)
        out.append(grid.max(axis=axes) if axes else grid)
    return out


def acceptable_options(space: OutcomeSpace) -> list[list[NDArray[np.bool_]]]:
    """``[principal][issue]`` -> mask of options the principal could accept on that issue.

    An option is acceptable to a principal when some feasible package with that option gives
    the principal at least its reservation value, that is, with every other issue set at the
    principal's best.
    """
    out = []
    for i in range(len(space.principals)):
        best = best_by_option(space, space.utilities[i])
        out.append([b >= space.reservations[i] for b in best])
    return out
