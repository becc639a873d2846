"""Asymmetric Nash bargaining solution relative to a disagreement point (Achen 2006)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError
from accord.forecast.base import ForecastResult, Progress, effective_weights, freeze
from accord.scenario.spatial.model import SpatialData

__all__ = ["NashModel", "nash_point"]


def _gains(x: FloatArray, ideal: FloatArray, d: float, utility: str) -> FloatArray:
    """Gains ``u_i(x) − u_i(d)`` for candidate points ``x`` (shape ``(m,)``) → ``(m, n)``."""
    if utility == "quadratic":
        return np.asarray((d - ideal) ** 2 - (x[:, None] - ideal) ** 2, dtype=np.float64)
    return np.asarray(np.abs(d - ideal) - np.abs(x[:, None] - ideal), dtype=np.float64)


def nash_point(ideal: FloatArray, weight: FloatArray, d: float, utility: str) -> float:
    """Maximise ``Σ w_i ln(u_i(x) − u_i(d))`` over the points every weighted actor prefers to ``d``.

    Returns ``d`` when no point makes every actor with positive weight strictly better off.
    """
    active = weight > 0
    if not active.any():
        return float(d)
    xs, ws = ideal[active], weight[active]
    radius = np.abs(d - xs)
    lo, hi = float(np.max(xs - radius)), float(np.min(xs + radius))
    if not lo < hi:
        return float(d)

    # Σ w ln g is concave on (lo, hi) and tends to −∞ at both ends: bisect on the sign of its
    # (sub)gradient Σ w g'/g, which decreases from +∞ to −∞.
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        g = _gains(np.array([mid]), xs, d, utility)[0]
        slope = -2.0 * (mid - xs) if utility == "quadratic" else -np.sign(mid - xs)
        grad = float((ws * slope / g).sum())
        if grad > 0:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-13 * max(1.0, abs(mid)):
            break
    return 0.5 * (lo + hi)


@dataclass(frozen=True, slots=True)
class NashModel:
    """Asymmetric Nash bargaining solution ``argmax Π_i (u_i(x) − u_i(d))^{w_i}``.

    Parameters
    ----------
    utility:
        ``"quadratic"`` (default, Achen's derivation of the compromise model) or ``"linear"``
        (``u_i(x) = −|x − x_i|``).
    weighting:
        Bargaining power ``w_i``: ``"capability_salience"`` (default), ``"capability"``,
        ``"salience"`` or ``"equal"``.
    disagreement:
        ``"reference"`` (default): the data's reference point (status quo) per dimension; where
        a dimension has none, a point far from every ideal point (one scale width beyond the
        scale end farthest from the weighted mean), where Achen's argument makes the NBS
        approach the compromise. ``"far"``: always that far point.
    """

    utility: str = "quadratic"
    weighting: str = "capability_salience"
    disagreement: str = "reference"
    name: str = "nash"

    def __post_init__(self) -> None:
        if self.utility not in ("quadratic", "linear"):
            raise InputError(f"unknown utility {self.utility!r}; valid: quadratic, linear")
        if self.disagreement not in ("reference", "far"):
            raise InputError(f"unknown disagreement {self.disagreement!r}; valid: reference, far")

    def disagreement_points(self, data: SpatialData, weight: FloatArray) -> FloatArray:
        """The disagreement point used on each dimension, shape ``(K,)``."""
        here = data.present
        w = np.where(here, weight, 0.0)
        mean = (w * np.where(here, data.position, 0.0)).sum(0) / np.maximum(w.sum(0), 1e-300)
        width = data.high - data.low
        far = np.where(mean - data.low > data.high - mean, data.low - width, data.high + width)
        if self.disagreement == "reference":
            return np.asarray(np.where(np.isnan(data.reference), far, data.reference))
        return np.asarray(far, dtype=np.float64)

    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Forecast each dimension as the asymmetric NBS relative to its disagreement point.

        Actors absent from a dimension take no part in its bargain.
        """
        weight = effective_weights(data, self.weighting)
        d = self.disagreement_points(data, weight)
        here = data.present
        out = np.array(
            [
                nash_point(
                    data.position[here[:, k], k], weight[here[:, k], k], float(d[k]), self.utility
                )
                for k in range(data.n_dimensions)
            ]
        )
        return ForecastResult(
            model=self.name,
            forecast=freeze(out),
            trajectory=freeze(data.position[None]),
            forecast_by_round=freeze(out[None]),
            settings={
                "utility": self.utility,
                "weighting": self.weighting,
                "disagreement": self.disagreement,
            },
            extra={"disagreement_point": freeze(d[None])},
        )
