"""Stokman's exchange model, equal-gain variant (Stokman & Van Oosten 1994; Decide).

Each round: the expected outcome per issue is the compromise ``O_d = Σ c s x / Σ c s``.
Two actors on opposite sides of ``O`` on both issues of a pair can trade: each moves on the
issue it cares less about (relatively) toward the other's position, so that both gain the
same (equal gain). The exchange is as large as possible with each move within the distance to
the partner's position, and it may not push ``O`` past the partner's position (the "MDS"
check). Exchanges are realised greedily by gain, each actor-issue supplying at most once a
round. Next round's start positions partially revert toward the voting positions:
``x' = (1−s)·w_s·y + w_f·y + (1 − (1−s)·w_s − w_f)·x``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.errors import InputError
from accord.forecast.base import ForecastResult, freeze
from accord.scenario.spatial import FloatArray, SpatialData

__all__ = ["ExchangeModel", "candidate_exchanges"]


def candidate_exchanges(
    x: FloatArray, sal: FloatArray, cap: FloatArray, p: int, q: int
) -> dict[str, FloatArray]:
    """Every feasible equal-gain exchange on issues ``(p, q)``, vectorised over actor pairs.

    Returns arrays over the feasible exchanges: ``a`` (supplier on ``p``), ``b`` (supplier on
    ``q``), ``move_a`` (signed move of ``a`` on ``p``), ``move_b`` (on ``q``) and ``gain``.
    """
    w = cap * sal
    tot = w.sum(0)
    outcome = (w * x).sum(0) / tot
    side = np.sign(x - outcome)
    n = x.shape[0]
    ii, jj = np.triu_indices(n, k=1)
    opposite = (side[ii, p] * side[jj, p] < 0) & (side[ii, q] * side[jj, q] < 0)
    # i supplies p when its relative salience for p is lower: s_ip/s_iq < s_jp/s_jq.
    lhs, rhs = sal[ii, p] * sal[jj, q], sal[jj, p] * sal[ii, q]
    keep = opposite & (lhs != rhs)
    a = np.where(lhs < rhs, ii, jj)[keep]
    b = np.where(lhs < rhs, jj, ii)[keep]
    s_ap, s_aq, s_bp, s_bq = sal[a, p], sal[a, q], sal[b, p], sal[b, q]
    room_a = np.abs(x[b, p] - x[a, p])
    room_b = np.abs(x[a, q] - x[b, q])
    # Shifts of O: a moving fully on p, then the equal-gain shift on q.
    dp = room_a * w[a, p] / tot[p]
    ratio = (s_ap + s_bp) / (s_aq + s_bq)  # dq = ratio * dp
    dq = ratio * dp
    over = dq * tot[q] / w[b, q] > room_b
    dq = np.where(over, room_b * w[b, q] / tot[q], dq)
    dp = np.where(over, dq / ratio, dp)
    # MDS: O may not move past the partner's position.
    limit = np.minimum(
        np.where(dp > 0, np.abs(x[b, p] - outcome[p]) / np.maximum(dp, 1e-300), np.inf),
        np.where(dq > 0, np.abs(x[a, q] - outcome[q]) / np.maximum(dq, 1e-300), np.inf),
    )
    scale = np.minimum(1.0, limit)
    dp, dq = dp * scale, dq * scale
    move_a = np.sign(x[b, p] - x[a, p]) * dp * tot[p] / w[a, p]
    move_b = np.sign(x[a, q] - x[b, q]) * dq * tot[q] / w[b, q]
    gain = dq * s_aq - dp * s_ap
    ok = (gain > 1e-10) & (np.abs(move_a) > 1e-10) & (np.abs(move_b) > 1e-10)
    return {"a": a[ok], "b": b[ok], "move_a": move_a[ok], "move_b": move_b[ok], "gain": gain[ok]}


@dataclass(frozen=True, slots=True)
class ExchangeModel:
    """Equal-gain exchange model over all pairs of dimensions.

    Parameters
    ----------
    rounds:
        Maximum number of exchange rounds (Decide's default: 10); the run stops early when no
        exchange is possible.
    salience_weight, fixed_weight:
        Reversion of the next round's start position toward the voting position (Decide
        defaults 0.4 and 0.1).
    """

    rounds: int = 10
    salience_weight: float = 0.4
    fixed_weight: float = 0.1
    name: str = "exchange"

    def __post_init__(self) -> None:
        if self.rounds < 0:
            raise InputError("rounds must be >= 0")
        if not (0 <= self.salience_weight <= 1 and 0 <= self.fixed_weight <= 1):
            raise InputError("salience_weight and fixed_weight must lie in [0, 1]")

    def _round(self, x: FloatArray, sal: FloatArray, cap: FloatArray) -> FloatArray:
        """One round of exchanges; returns the voting positions ``y``."""
        k = x.shape[1]
        parts = []
        for p in range(k):
            for q in range(p + 1, k):
                c = candidate_exchanges(x, sal, cap, p, q)
                parts.append((c, p, q))
        if not parts:
            return x.copy()
        a = np.concatenate([c["a"] for c, _, _ in parts])
        b = np.concatenate([c["b"] for c, _, _ in parts])
        ma = np.concatenate([c["move_a"] for c, _, _ in parts])
        mb = np.concatenate([c["move_b"] for c, _, _ in parts])
        gain = np.concatenate([c["gain"] for c, _, _ in parts])
        ip = np.concatenate([np.full(c["a"].size, p) for c, p, _ in parts])
        iq = np.concatenate([np.full(c["a"].size, q) for c, _, q in parts])
        y = x.copy()
        used = np.zeros_like(x, dtype=bool)
        order = np.argsort(-gain, kind="stable")
        a, b, ma, mb, ip, iq = a[order], b[order], ma[order], mb[order], ip[order], iq[order]
        alive = np.ones(a.size, dtype=bool)
        while alive.any():
            e = int(np.argmax(alive))  # highest remaining gain
            y[a[e], ip[e]] += ma[e]
            y[b[e], iq[e]] += mb[e]
            used[a[e], ip[e]] = used[b[e], iq[e]] = True
            alive &= ~(used[a, ip] | used[b, iq])
        return y

    def forecast(self, data: SpatialData) -> ForecastResult:
        """Run up to ``rounds`` exchange rounds; forecast ``O`` after the last exchanges."""
        sal = np.asarray(data.salience)
        cap = data.capability_by_dimension()
        w = cap * sal
        if np.any(w.sum(0) <= 0):
            raise InputError("a dimension has zero total capability x salience")
        x = np.array(data.position)
        history, outcomes = [x.copy()], [(w * x).sum(0) / w.sum(0)]
        for _ in range(self.rounds):
            y = self._round(x, sal, cap)
            if np.allclose(y, x, atol=1e-12, rtol=0):
                break
            history.append(y)
            outcomes.append((w * y).sum(0) / w.sum(0))
            revert = (1 - sal) * self.salience_weight
            x = revert * y + self.fixed_weight * y + (1 - revert - self.fixed_weight) * x
        out = np.stack(outcomes)
        return ForecastResult(
            model=self.name,
            forecast=freeze(out[-1]),
            trajectory=freeze(np.stack(history)),
            forecast_by_round=freeze(out),
            settings={
                "rounds": self.rounds,
                "salience_weight": self.salience_weight,
                "fixed_weight": self.fixed_weight,
            },
            converged=len(history) <= self.rounds,
        )
