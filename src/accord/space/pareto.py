"""Pareto frontier of a set of utility vectors, vectorised.

A point is on the frontier when no other point is at least as good for every principal and
strictly better for one (strong Pareto optimality). Identical points do not dominate each
other, so duplicates on the frontier are all kept. Compare rounded utilities (see
:data:`accord.space.outcomes.TOLERANCE_DECIMALS`) so that equal sums tie exactly.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["pareto_mask"]

_BLOCK = 2048


def pareto_mask(points: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Mask of the non-dominated columns of ``points`` (shape ``(m, n)``: m principals).

    Two principals use an exact O(n log n) sweep; more use a block sweep in order of
    decreasing utility sum, comparing each block only with the frontier found so far.
    """
    m, n = points.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if m == 1:
        return np.asarray(points[0] == points[0].max())
    if n > _PREFILTER_MIN:
        alive = np.flatnonzero(_survivors(points))
        mask = np.zeros(n, dtype=bool)
        mask[alive] = pareto_mask(points[:, alive]) if alive.size < n else _sweep(points)
        return mask
    return _sweep(points)


def _sweep(points: NDArray[np.float64]) -> NDArray[np.bool_]:
    if points.shape[0] == 2:
        return _pareto_2d(points[0], points[1])
    return _pareto_nd(points)


_PREFILTER_MIN = 4096
_ANCHORS = 24


def _anchor_weights(m: int) -> NDArray[np.float64]:
    """Strictly positive weight vectors spread over the simplex (fixed, not random per call)."""
    if m == 2:
        t = np.linspace(0.02, 0.98, _ANCHORS)
        return np.stack([t, 1 - t], axis=1)
    rng = np.random.default_rng(0)  # a fixed design, not a source of randomness in results
    w = rng.dirichlet(np.ones(m), size=_ANCHORS - 1) + 1e-3
    return np.vstack([np.ones(m), w])


def _survivors(points: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Exact pre-filter: drop points dominated by a maximiser of a positive weighted sum.

    A package that maximises a weighted sum with strictly positive weights is Pareto
    optimal (anything dominating it would have a larger sum), so every point it dominates
    can be dropped before the sweep. Each anchor is compared with the survivors only,
    row by row (fast on the short first axis).
    """
    n = points.shape[1]
    idx = np.arange(n)
    cur = points
    for w in _anchor_weights(points.shape[0]):
        a = cur[:, int(np.argmax(w @ cur))].copy()
        le = cur[0] <= a[0]
        lt = cur[0] < a[0]
        for r in range(1, cur.shape[0]):
            le &= cur[r] <= a[r]
            lt |= cur[r] < a[r]
        keep = ~(le & lt)
        if np.count_nonzero(keep) < keep.size:
            cur = cur[:, keep]
            idx = idx[keep]
    out = np.zeros(n, dtype=bool)
    out[idx] = True
    return out


def _pareto_2d(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.bool_]:
    order = np.lexsort((-b, -a))  # a descending, then b descending
    a_s, b_s = a[order], b[order]
    # groups of equal a
    new_group = np.empty(a_s.size, dtype=bool)
    new_group[0] = True
    new_group[1:] = a_s[1:] != a_s[:-1]
    group_id = np.cumsum(new_group) - 1
    starts = np.flatnonzero(new_group)
    group_max_b = b_s[starts]  # first of each group has the group's largest b
    # best b among all groups with strictly larger a
    best_before = np.maximum.accumulate(group_max_b)
    prev_best = np.full(starts.size, -np.inf)
    prev_best[1:] = best_before[:-1]
    dominated = (prev_best[group_id] >= b_s) | (b_s < group_max_b[group_id])
    mask = np.empty(a.size, dtype=bool)
    mask[order] = ~dominated
    return mask


def _dominated_by(cands: NDArray[np.float64], front: NDArray[np.float64]) -> NDArray[np.bool_]:
    """For each column of ``cands``: is it dominated by some column of ``front``?"""
    out = np.zeros(cands.shape[1], dtype=bool)
    if front.shape[1] == 0:
        return out
    step = max(1, 4_000_000 // max(1, front.shape[1] * cands.shape[0]))
    for s in range(0, cands.shape[1], step):
        c = cands[:, s : s + step, None]
        f = front[:, None, :]
        geq = np.all(f >= c, axis=0)
        gt = np.any(f > c, axis=0)
        out[s : s + step] = np.any(geq & gt, axis=1)
    return out


def _pareto_nd(points: NDArray[np.float64]) -> NDArray[np.bool_]:
    m, n = points.shape
    total = points.sum(axis=0)
    order = np.lexsort((*tuple(-points[::-1]), -total))
    pts = points[:, order]
    keep = np.zeros(n, dtype=bool)
    front = np.empty((m, 0))
    for s in range(0, n, _BLOCK):
        block = pts[:, s : s + _BLOCK]
        alive = ~_dominated_by(block, front)
        idx = np.flatnonzero(alive)
        cand = block[:, idx]
        inner = _dominated_by(cand, cand)
        idx = idx[~inner]
        keep[s + idx] = True
        front = np.concatenate([front, block[:, idx]], axis=1)
    mask = np.empty(n, dtype=bool)
    mask[order] = keep
    return mask
