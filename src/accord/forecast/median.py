"""Weighted median: the Condorcet winner among actors' positions under pairwise votes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.forecast.base import ForecastResult, Progress, effective_weights, freeze
from accord.scenario.spatial.model import SpatialData

__all__ = ["MedianModel", "condorcet_position", "weighted_median"]


def weighted_median(position: FloatArray, weight: FloatArray) -> FloatArray:
    """Plain weighted median per column: the first sorted ``x`` with cumulative weight ≥ ½ Σ w.

    Actors whose position is ``nan`` (absent from that dimension) are left out.
    """
    weight = np.where(np.isnan(position), 0.0, weight)
    order = np.argsort(position, axis=0, kind="stable")
    xs = np.take_along_axis(position, order, axis=0)
    ws = np.take_along_axis(weight, order, axis=0)
    cum = np.cumsum(ws, axis=0)
    half = 0.5 * cum[-1]
    first = np.argmax(cum >= half[None, :] - 1e-12 * np.abs(half[None, :]), axis=0)
    return np.asarray(xs[first, np.arange(xs.shape[1])], dtype=np.float64)


def condorcet_position(position: FloatArray, weight: FloatArray) -> FloatArray:
    """Per column, the actor position that wins the most pairwise votes (BDM/Scholz step 3).

    The vote of ``x_j`` against ``x_k`` is ``Σ_i w_i (|x_i − x_k| − |x_i − x_j|)``. The position
    whose worst pairwise margin is largest is returned (the Condorcet winner when one exists; on
    one dimension with linear-distance votes that is the weighted median). Ties go to the
    lower position. Actors whose position is ``nan`` (absent) neither vote nor stand.

    The vote matrix is never formed: the worst margin of ``x_j`` is ``min_k m_k − m_j`` over
    ``k ≠ j`` with ``m_k = Σ_i w_i |x_i − x_k|``, and ``m`` is computed in chunks of
    candidates, so memory stays linear in the number of actors.
    """
    out = np.empty(position.shape[1])
    for d in range(position.shape[1]):
        here = ~np.isnan(position[:, d])
        xs, w = position[here, d], weight[here, d]
        x = np.unique(xs)
        margin = np.empty(x.size)  # Σ_i w_i |x_i − x_k| per candidate k
        step = max(1, 2_000_000 // max(1, xs.size))
        for lo in range(0, x.size, step):
            margin[lo : lo + step] = w @ np.abs(xs[:, None] - x[None, lo : lo + step])
        if x.size == 1:
            out[d] = x[0]
            continue
        # worst margin of j: min over k != j of (m_k - m_j); the smallest other m_k is the
        # overall minimum unless j holds it, then the second smallest.
        order = np.argsort(margin, kind="stable")
        other = np.where(np.arange(x.size) == order[0], margin[order[1]], margin[order[0]])
        out[d] = x[int(np.argmax(other - margin))]
    return out


@dataclass(frozen=True, slots=True)
class MedianModel:
    """Median-voter forecast: the Condorcet winner of pairwise, weight-weighted votes.

    Parameters
    ----------
    weighting:
        ``"capability_salience"`` (default), ``"capability"`` (pivot reading), ``"salience"``
        or ``"equal"``.
    """

    weighting: str = "capability_salience"
    name: str = "median"

    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Forecast each dimension as the weighted median (Condorcet winner) of positions."""
        med = condorcet_position(data.position, effective_weights(data, self.weighting))
        return ForecastResult(
            model=self.name,
            forecast=freeze(med),
            trajectory=freeze(data.position[None]),
            forecast_by_round=freeze(med[None]),
            settings={"weighting": self.weighting},
        )
