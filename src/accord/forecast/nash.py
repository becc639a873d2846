"""Asymmetric Nash bargaining solution relative to a disagreement point (Achen 2006)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from accord.errors import InputError
from accord.forecast.base import ForecastResult, effective_weights, freeze
from accord.scenario.spatial import FloatArray, SpatialData

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
    xs, ws = ideal[active], weight[active]
    radius = np.abs(d - xs)
    lo, hi = float(np.max(xs - radius)), float(np.min(xs + radius))
    if not lo < hi:
        return float(d)

    def objective(x: float) -> float:
        g = _gains(np.array([x]), xs, d, utility)[0]
        if np.any(g <= 0):
            return float("inf")
        return float(-(ws * np.log(g)).sum())

    # A vectorised grid locates the basin; a bounded Brent search polishes it (objective concave).
    grid = np.linspace(lo, hi, 403)[1:-1]
    g = _gains(grid, xs, d, utility)
    with np.errstate(divide="ignore", invalid="ignore"):
        vals = np.where(np.all(g > 0, axis=1), (ws * np.log(np.maximum(g, 1e-300))).sum(1), -np.inf)
    k = int(np.argmax(vals))
    a, b = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
    if a == b:
        return float(grid[k])
    res = minimize_scalar(objective, bounds=(a, b), method="bounded", options={"xatol": 1e-10})
    best = float(res.x)
    return best if objective(best) <= -vals[k] else float(grid[k])


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
        a dimension has none, the scale end farthest from the weighted mean. ``"farthest_end"``:
        always that scale end.
    """

    utility: str = "quadratic"
    weighting: str = "capability_salience"
    disagreement: str = "reference"
    name: str = "nash"

    def __post_init__(self) -> None:
        if self.utility not in ("quadratic", "linear"):
            raise InputError(f"unknown utility {self.utility!r}; valid: quadratic, linear")
        if self.disagreement not in ("reference", "farthest_end"):
            raise InputError(
                f"unknown disagreement {self.disagreement!r}; valid: reference, farthest_end"
            )

    def disagreement_points(self, data: SpatialData, weight: FloatArray) -> FloatArray:
        """The disagreement point used on each dimension, shape ``(K,)``."""
        mean = (weight * data.position).sum(0) / np.maximum(weight.sum(0), 1e-300)
        far = np.where(mean - data.low > data.high - mean, data.low, data.high)
        if self.disagreement == "reference":
            return np.asarray(np.where(np.isnan(data.reference), far, data.reference))
        return np.asarray(far, dtype=np.float64)

    def forecast(self, data: SpatialData) -> ForecastResult:
        """Forecast each dimension as the asymmetric NBS relative to its disagreement point."""
        weight = effective_weights(data, self.weighting)
        d = self.disagreement_points(data, weight)
        out = np.array(
            [
                nash_point(data.position[:, k], weight[:, k], float(d[k]), self.utility)
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
