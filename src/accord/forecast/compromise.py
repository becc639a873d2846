"""Compromise model: the weighted mean of positions (Van den Bos 1991; Achen 2006)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError
from accord.forecast.base import ForecastResult, Progress, effective_weights, freeze
from accord.scenario.spatial.model import SpatialData

__all__ = ["CompromiseModel", "weighted_mean"]


def weighted_mean(position: FloatArray, weight: FloatArray) -> FloatArray:
    """Column-wise weighted mean ``Σ w x / Σ w`` of ``(n, K)`` positions.

    Actors whose position is ``nan`` (absent from that dimension) are left out. Raises
    :class:`InputError` when a dimension has zero total weight.
    """
    here = ~np.isnan(position)
    w = np.where(here, weight, 0.0)
    total = w.sum(axis=0)
    if np.any(~(total > 0)):
        raise InputError("a dimension has zero total weight (all saliences zero?)")
    return np.asarray((w * np.where(here, position, 0.0)).sum(axis=0) / total, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class CompromiseModel:
    """One-shot weighted mean ``x̂ = Σ w_i x_i / Σ w_i``.

    Parameters
    ----------
    weighting:
        ``"capability_salience"`` (default, the published compromise model), ``"capability"``,
        ``"salience"`` or ``"equal"``.
    """

    weighting: str = "capability_salience"
    name: str = "compromise"

    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Forecast each dimension as the weighted mean of the actors' positions."""
        mean = weighted_mean(data.position, effective_weights(data, self.weighting))
        return ForecastResult(
            model=self.name,
            forecast=freeze(mean),
            trajectory=freeze(data.position[None]),
            forecast_by_round=freeze(mean[None]),
            settings={"weighting": self.weighting},
        )
