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
    if m == 2:
        return _pareto_2d(points[0], points[1])
    return _pareto_nd(points)


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
