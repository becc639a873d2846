"""The result of a frontier computation: Pareto-optimal packages with their utilities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.space.outcomes import SCALE

__all__ = ["Frontier", "canonical_frontier"]


@dataclass(frozen=True, slots=True, eq=False)
class Frontier:
    """Strong Pareto frontier of a scenario's feasible packages.

    Attributes
    ----------
    options:
        ``(F, n_issues)``: option index per issue of each frontier package, sorted in C order
        of the packages (lexicographic by issue), so the rows are comparable across methods.
    units:
        ``(n_principals, F)``: utilities in integer lattice units (utility = units / SCALE).
    n_feasible:
        Number of feasible packages in the whole space (exact).
    """

    options: NDArray[np.int64]
    units: NDArray[np.int64]
    n_feasible: int

    @property
    def size(self) -> int:
        return int(self.options.shape[0])

    @property
    def utilities(self) -> NDArray[np.float64]:
        """``(n_principals, F)`` utilities as floats."""
        return np.asarray(self.units / SCALE, dtype=np.float64)


def canonical_frontier(
    options: NDArray[np.int64], units: NDArray[np.int64], n_feasible: int
) -> Frontier:
    """A :class:`Frontier` with its rows sorted lexicographically by option indices."""
    if options.shape[0] > 1:
        order = np.lexsort(options.T[::-1])
        options, units = options[order], units[:, order]
    return Frontier(
        np.ascontiguousarray(options, dtype=np.int64),
        np.ascontiguousarray(units, dtype=np.int64),
        int(n_feasible),
    )
