"""One round of the exchange model: realise exchanges by gain and recalculate the rest.

Two variants:

``"decide"`` reproduces the Decide program (foarsitter/decide-exchange-model, equal gain):
after an exchange is realised, only the candidates that share a supplying actor-issue or a
demanding actor-issue with it are recalculated; each candidate sees the outcome ``O`` as the
round's start positions updated only by the moves made toward its own actors (Decide's
per-exchange ``updates``, including its rule for repeated updates); and each candidate keeps
the history of the moves it computed for an actor whose issue another exchange moved: a
candidate stays valid while all those moves point one way and do not sum to more than 100
(Decide's ``is_move_valid``). A candidate found invalid is dropped for the round.

``"clean"`` recalculates every candidate from the current voting positions and the current
``O`` after each exchange; an actor-issue may keep moving, in one direction only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord._types import FloatArray
from accord.forecast.exchange_moves import IntArray, candidate_exchanges, equal_gain_moves

__all__ = ["exchange_round"]

BoolArray = NDArray[np.bool_]

_EPS = 1e-10  # Decide's thresholds, on the 0–100 scale
_TOL = 1e-9  # floating-point slack on limits that exact arithmetic meets with equality


def exchange_round(
    x: FloatArray,
    sal: FloatArray,
    cap: FloatArray,
    variant: str,
    rank: IntArray,
    here: NDArray[np.bool_] | None = None,
) -> FloatArray:
    """Realise exchanges from start positions ``x`` (0–100 scale); return voting positions.

    ``rank`` orders the actors (by name) to break exact ties in gain, which Decide breaks at
    random, so that the result does not depend on the order of the actors. ``here`` marks
    which actor takes part in which issue (absent actors carry weight 0 and never trade).
    """
    ex = candidate_exchanges(x, sal, cap, here)
    a, b, p, q = ex["a"], ex["b"], ex["p"], ex["q"]
    m = a.size
    w = cap * sal
    tot = w.sum(0)
    start = (w * x).sum(0) / tot
    y = x.copy()
    alive = np.ones(m, dtype=bool)
    recalc = np.ones(m, dtype=bool)
    direction = np.zeros_like(x)
    book = _Book(m)
    while alive.any():
        # Only living candidates are evaluated (a dead one never revives): the set shrinks
        # with every exchange, so a round costs about half of evaluating all of them.
        idx = np.flatnonzero(alive)
        sub = {k: v[idx] for k, v in ex.items()}
        sa, sb, sp, sq = sub["a"], sub["b"], sub["p"], sub["q"]
        if variant == "clean":
            now = (w * y).sum(0) / tot
            o_p, o_q = now[sp], now[sq]
        else:
            o_p = start[sp] + book.corr[idx, 0] + w[sa, sp] * (y[sa, sp] - x[sa, sp]) / tot[sp]
            o_q = start[sq] + book.corr[idx, 1] + w[sb, sq] * (y[sb, sq] - x[sb, sq]) / tot[sq]
        move_a, move_b, gain = equal_gain_moves(y, x, sal, cap, sub, o_p, o_q)
        # Full moves land exactly on the partner's position (Decide computes in decimals).
        new_a = _snap(y[sa, sp] + move_a, x[sb, sp])
        new_b = _snap(y[sb, sq] + move_b, x[sa, sq])
        valid = (gain >= _EPS) & _in_range(move_a, new_a) & _in_range(move_b, new_b)
        if variant == "clean":
            valid &= (direction[sa, sp] * move_a >= 0) & (direction[sb, sq] * move_b >= 0)
        else:
            again = recalc[idx]
            book.last[idx[again]] = np.column_stack([move_a, move_b])[again]
            valid &= book.consistent(idx)
        keep = np.where(recalc[idx], valid, True)
        alive[idx] = keep
        if not keep.any():
            break
        k = _pick(np.where(keep, gain, -np.inf), rank, sub)
        e = int(idx[k])
        y[a[e], p[e]], y[b[e], q[e]] = new_a[k], new_b[k]
        direction[a[e], p[e]] = np.sign(move_a[k])
        direction[b[e], q[e]] = np.sign(move_b[k])
        alive[e] = False
        if variant == "clean":
            continue
        recalc = book.after(ex, e, x, y, w, tot)
    return y


def _pick(gain: FloatArray, rank: IntArray, ex: dict[str, IntArray]) -> int:
    """Index of the highest gain; near-exact ties go to the pair first by actor rank."""
    best = gain.max()
    tied = np.flatnonzero(gain >= best - 1e-12 * max(1.0, abs(best)))
    if tied.size == 1:
        return int(tied[0])
    ra, rb = rank[ex["a"][tied]], rank[ex["b"][tied]]
    keys = (ex["q"][tied], ex["p"][tied], np.maximum(ra, rb), np.minimum(ra, rb))
    return int(tied[np.lexsort(keys)[0]])


def _snap(value: FloatArray, target: FloatArray) -> FloatArray:
    return np.asarray(np.where(np.abs(value - target) <= _TOL, target, value))


def _in_range(move: FloatArray, new: FloatArray) -> BoolArray:
    size = np.abs(move)
    top = 100 + _TOL  # Decide's limits hold in exact arithmetic; allow for rounding
    return np.asarray((size > _EPS) & (size <= top) & (new >= -_TOL) & (new <= top))


class _Book:
    """Decide's per-candidate bookkeeping: outcome corrections and computed-move histories."""

    def __init__(self, m: int) -> None:
        self.corr = np.zeros((m, 2))  # outcome corrections on p (a's side) and q (b's side)
        self.seen: dict[tuple[int, int, int], float] = {}
        self.last = np.zeros((m, 2))  # last computed move per side
        self.stale_sum = np.zeros((m, 2))  # earlier computed moves kept in the history
        self.stale_min = np.full((m, 2), np.inf)
        self.stale_max = np.full((m, 2), -np.inf)

    def consistent(self, idx: IntArray) -> BoolArray:
        """For candidates ``idx``: all moves in a side's history point one way, and they sum
        to at most 100."""
        last = self.last[idx]
        lo = np.minimum(self.stale_min[idx], last)
        hi = np.maximum(self.stale_max[idx], last)
        one_way = ((lo > 0) & (hi > 0)) | ((lo < 0) & (hi < 0))
        ok = one_way & (self.stale_sum[idx] + last <= 100 + _TOL)
        return np.asarray(ok.all(axis=1))

    def after(
        self,
        ex: dict[str, IntArray],
        e: int,
        x: FloatArray,
        y: FloatArray,
        w: FloatArray,
        tot: FloatArray,
    ) -> BoolArray:
        """Update the book after exchange ``e`` is realised; return which candidates to
        recalculate."""
        a, b, p, q = ex["a"], ex["b"], ex["p"], ex["q"]
        ra, rb, rp, rq = int(a[e]), int(b[e]), int(p[e]), int(q[e])
        # Supplying actor-issues moved by e: the candidate keeps its earlier computed move.
        sup = np.column_stack(
            [
                ((a == ra) & (p == rp)) | ((a == rb) & (p == rq)),
                ((b == ra) & (q == rp)) | ((b == rb) & (q == rq)),
            ]
        )
        self.stale_sum += np.where(sup, self.last, 0.0)
        self.stale_min = np.where(sup, np.minimum(self.stale_min, self.last), self.stale_min)
        self.stale_max = np.where(sup, np.maximum(self.stale_max, self.last), self.stale_max)
        # Demanding actor-issues of e (b demanded p, a demanded q) shared with the candidate.
        dem = (
            ((a == ra) & (q == rq))
            | ((a == rb) & (q == rp))
            | ((b == ra) & (p == rq))
            | ((b == rb) & (p == rp))
        )
        for demander, issue, mover in ((rb, rp, ra), (ra, rq, rb)):
            self._note(ex, demander, issue, mover, x, y, w, tot)
        return np.asarray(sup.any(axis=1) | dem)

    def _note(
        self,
        ex: dict[str, IntArray],
        demander: int,
        issue: int,
        mover: int,
        x: FloatArray,
        y: FloatArray,
        w: FloatArray,
        tot: FloatArray,
    ) -> None:
        """Record ``mover``'s new position on ``issue`` in every candidate where the same actor
        demands the same issue; a repeat keeps Decide's rule (the nearer of old and new when
        moving up from the start, the farther when moving down)."""
        a, b, p, q = ex["a"], ex["b"], ex["p"], ex["q"]
        pos = float(y[mover, issue])
        base = float(x[mover, issue])
        weight = w[mover, issue] / tot[issue]
        hits = (
            (0, np.flatnonzero((b == demander) & (p == issue) & (a != mover))),
            (1, np.flatnonzero((a == demander) & (q == issue) & (b != mover))),
        )
        for side, cands in hits:
            for cand in cands.tolist():
                key = (cand, issue, mover)
                old = self.seen.get(key)
                new = pos
                if old is not None:
                    new = min(old, pos) if base <= old else max(old, pos)
                    self.corr[cand, side] -= weight * (old - base)
                self.seen[key] = new
                self.corr[cand, side] += weight * (new - base)
