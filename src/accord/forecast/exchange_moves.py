"""Candidate exchanges and their equal-gain moves (Stokman's exchange model; Decide).

Each round: the expected outcome per issue is the compromise ``O_d = Σ c s x / Σ c s``.
Two actors on opposite sides of ``O`` on both issues of a pair can trade: each moves on the
issue it cares less about (relatively) toward the other's position, so that both gain the
same (equal gain). The exchange is as large as possible with each move within the distance to
the partner's position, and it may not push ``O`` past the partner's position (the "MDS"
check). Exchanges are realised by gain, the rest recalculated after each (see
:mod:`accord.forecast.exchange_round`). Next round's start positions partially revert toward
the voting positions: ``x' = (1−s)·w_s·y + w_f·y + (1 − (1−s)·w_s − w_f)·x``. All issues are
put on a common 0–100 scale first (exchange ratios compare outcome shifts across issues).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord._types import FloatArray

__all__ = ["IntArray", "candidate_exchanges", "equal_gain_moves"]

IntArray = NDArray[np.integer[Any]]


def candidate_exchanges(
    x: FloatArray,
    sal: FloatArray,
    cap: FloatArray,
    here: NDArray[np.bool_] | None = None,
) -> dict[str, IntArray]:
    """Every pair of actors and issues that may trade in a round starting from ``x``.

    Actors trade on issues ``(p, q)`` when they sit on opposite sides of ``O`` on both (an
    actor at ``O`` counts as right of it). The one with the lower relative salience for ``p``,
    ``s_p / s_q``, supplies ``p`` (``a``); the other supplies ``q`` (``b``). With ``here``
    (which actor takes part in which issue), both actors must take part in both issues, as in
    the Decide program; absent actors must carry weight 0 in ``cap * sal``.
    """
    w = cap * sal
    outcome = (w * x).sum(0) / w.sum(0)
    left = x < outcome - 1e-9 * (1.0 + np.abs(outcome))  # at O (to rounding) counts as right
    n, k = x.shape
    ii, jj = np.triu_indices(n, k=1)
    parts = []
    for p in range(k):
        for q in range(p + 1, k):
            opposite = (left[ii, p] != left[jj, p]) & (left[ii, q] != left[jj, q])
            lhs, rhs = sal[ii, p] * sal[jj, q], sal[jj, p] * sal[ii, q]
            keep = opposite & (lhs != rhs)
            if here is not None:
                keep &= here[ii, p] & here[jj, p] & here[ii, q] & here[jj, q]
            a = np.where(lhs < rhs, ii, jj)[keep]
            b = np.where(lhs < rhs, jj, ii)[keep]
            parts.append((a, b, np.full(a.size, p), np.full(a.size, q)))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return {"a": empty, "b": empty, "p": empty, "q": empty}
    a, b, p_, q_ = (np.concatenate(c) for c in zip(*parts, strict=True))
    return {"a": a, "b": b, "p": p_, "q": q_}


def equal_gain_moves(
    y: FloatArray,
    x: FloatArray,
    sal: FloatArray,
    cap: FloatArray,
    ex: dict[str, IntArray],
    o_p: FloatArray,
    o_q: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Equal-gain moves of every candidate exchange from the current voting positions ``y``.

    ``a`` moves on ``p`` from ``y[a, p]`` toward ``b``'s start position ``x[b, p]`` and ``b``
    on ``q`` toward ``x[a, q]``, sized so both gain the same and as large as both rooms allow,
    then shrunk so that the outcome (``o_p``, ``o_q`` per candidate, as the check sees it
    before the move) does not cross the partner's position (the "MDS" check). Returns the
    signed moves of ``a`` and ``b`` and the common gain.
    """
    a, b, p, q = ex["a"], ex["b"], ex["p"], ex["q"]
    w = cap * sal
    tot = w.sum(0)
    s_ap, s_aq, s_bp, s_bq = sal[a, p], sal[a, q], sal[b, p], sal[b, q]
    wa, wb = w[a, p], w[b, q]
    room_a = np.abs(x[b, p] - y[a, p])
    room_b = np.abs(x[a, q] - y[b, q])
    ratio = (s_ap + s_bp) / (s_aq + s_bq)  # equal gains: dq = ratio · dp (shifts of O)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = room_a * wa / tot[p]
        dq = ratio * dp
        over = dq * tot[q] / wb > room_b
        dq = np.where(over, room_b * wb / tot[q], dq)
        dp = np.where(over, dq / ratio, dp)
        dir_a, dir_b = np.sign(x[b, p] - y[a, p]), np.sign(x[a, q] - y[b, q])
        scale = np.ones_like(dp)
        for d_o, o, target, direction in ((dp, o_p, x[b, p], dir_a), (dq, o_q, x[a, q], dir_b)):
            # As in exact arithmetic, an outcome already at the target is not held back by it.
            gap = np.where(np.abs(target - o) <= 1e-9 * (1.0 + np.abs(target)), 0.0, target - o)
            crosses = gap * (gap - direction * d_o) < 0
            limit = np.abs(gap) / np.where(d_o > 0, d_o, 1.0)
            scale = np.minimum(scale, np.where(crosses, limit, 1.0))
        dp, dq = dp * scale, dq * scale
        move_a = dir_a * dp * tot[p] / wa
        move_b = dir_b * dq * tot[q] / wb
    gain = dq * s_aq - dp * s_ap
    return np.asarray(move_a), np.asarray(move_b), np.asarray(gain)
