"""Stokman's exchange model, equal-gain variant (Stokman & Van Oosten 1994; Decide).

Each round: the expected outcome per issue is the compromise ``O_d = Σ c s x / Σ c s``.
Two actors on opposite sides of ``O`` on both issues of a pair can trade: each moves on the
issue it cares less about (relatively) toward the other's position, so that both gain the
same. Exchanges are realised by gain (see :mod:`accord.forecast.exchange_round`); next round
starts from ``x' = (1−s)·w_s·y + w_f·y + (1 − (1−s)·w_s − w_f)·x``. The forecast is ``O``
over the voting positions after the last round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.errors import InputError
from accord.forecast.base import ForecastResult, Progress, check_size, freeze
from accord.forecast.exchange_round import exchange_round
from accord.scenario.spatial.model import SpatialData

__all__ = ["ExchangeModel"]


@dataclass(frozen=True, slots=True)
class ExchangeModel:
    """Equal-gain exchange model over all pairs of dimensions.

    Parameters
    ----------
    rounds:
        Number of exchange rounds (Decide's default: 10); the run stops early when a round
        realises no exchange.
    salience_weight, fixed_weight:
        Reversion of the next round's start position toward the voting position (Decide
        defaults 0.4 and 0.1).
    variant:
        ``"decide"`` (default: reproduces the Decide program's bookkeeping) or ``"clean"``
        (every candidate recalculated from the current outcome after each exchange).
    """

    rounds: int = 10
    salience_weight: float = 0.4
    fixed_weight: float = 0.1
    variant: str = "decide"
    name: str = "exchange"

    def __post_init__(self) -> None:
        if self.rounds < 0:
            raise InputError("rounds must be >= 0")
        if self.variant not in ("decide", "clean"):
            raise InputError(f"unknown variant {self.variant!r}; valid: decide, clean")
        if not (0 <= self.salience_weight <= 1 and 0 <= self.fixed_weight <= 1):
            raise InputError("salience_weight and fixed_weight must lie in [0, 1]")

    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Run up to ``rounds`` exchange rounds; forecast ``O`` after the last exchanges.

        An actor absent from an issue has no weight in its outcome and trades on no pair of
        issues that includes it (as in the Decide program); its trajectory there is ``nan``.
        """
        check_size(data)
        here = data.present
        # Absent actors: weight 0 in the sums, excluded from every candidate exchange, so
        # nothing is ever divided by their (missing) capability x salience.
        sal = np.where(here, data.salience, 0.0)
        cap = np.where(here, data.capability_by_dimension(), 0.0)
        w = cap * sal
        if np.any(w.sum(0) <= 0):
            raise InputError("a dimension has zero total capability x salience")
        # Exchange ratios compare outcome shifts across issues: all issues on one 0–100 scale.
        x = np.where(here, 100.0 * data.to_unit(np.asarray(data.position)), 0.0)
        history, outcomes = [x.copy()], [(w * x).sum(0) / w.sum(0)]
        converged = False
        rank = np.argsort(np.argsort(np.array(data.actors), kind="stable"))
        for t in range(self.rounds):
            y = exchange_round(x, sal, cap, self.variant, rank, here)
            if progress is not None:
                progress(t + 1, self.rounds)
            if np.array_equal(y, x):
                converged = True
                break
            history.append(y)
            outcomes.append((w * y).sum(0) / w.sum(0))
            revert = (1 - sal) * self.salience_weight
            x = revert * y + self.fixed_weight * y + (1 - revert - self.fixed_weight) * x
        traj = np.where(here, np.stack(history), np.nan)
        return ForecastResult(
            model=self.name,
            forecast=freeze(data.from_unit(outcomes[-1] / 100.0)),
            trajectory=freeze(data.from_unit(traj / 100.0)),
            forecast_by_round=freeze(data.from_unit(np.stack(outcomes) / 100.0)),
            settings={
                "rounds": self.rounds,
                "salience_weight": self.salience_weight,
                "fixed_weight": self.fixed_weight,
                "variant": self.variant,
            },
            converged=converged,
        )
