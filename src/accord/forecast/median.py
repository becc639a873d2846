"""Weighted median: the Condorcet winner among actors' positions under pairwise votes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.forecast.base import ForecastResult, effective_weights, freeze
from accord.scenario.spatial.model import SpatialData

__all__ = ["MedianModel", "condorcet_position", "weighted_median"]


def weighted_median(position: FloatArray, weight: FloatArray) -> FloatArray:
    """Plain weighted median per column: the first sorted ``x`` with cumulative weight ≥ ½ Σ w."""
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
    lower position.
    """
    out = np.empty(position.shape[1])
    for d in range(position.shape[1]):
        x = np.unique(position[:, d])
        w = weight[:, d]
        dist = np.abs(position[:, d][:, None] - x[None, :])  # (n actors, m candidates)
        # margin[j, k] = Σ_i w_i (|x_i − x_k| − |x_i − x_j|)
        margin = w @ dist  # (m,) Σ w |x_i − x_k|
        votes = margin[None, :] - margin[:, None]
        np.fill_diagonal(votes, np.inf)
        out[d] = x[int(np.argmax(votes.min(axis=1)))]
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

    def forecast(self, data: SpatialData) -> ForecastResult:
        """Forecast each dimension as the weighted median (Condorcet winner) of positions."""
        med = condorcet_position(data.position, effective_weights(data, self.weighting))
        return ForecastResult(
            model=self.name,
            forecast=freeze(med),
            trajectory=freeze(data.position[None]),
            forecast_by_round=freeze(med[None]),
            settings={"weighting": self.weighting},
        )
