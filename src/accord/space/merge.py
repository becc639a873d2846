"""Exact Pareto frontier of an additive space by merging issues one at a time.

With additive utilities, a package's utility vector is the sum of its blocks' contribution
vectors (see :mod:`accord.space.blocks`). If a package is on the (strong) Pareto frontier then
every partial package made of some of its blocks is on the frontier of those blocks: were a
partial package dominated (at least as good for everyone, better for someone), swapping it
for the dominating one would give a package that dominates the whole. So the frontier is
built block by block: keep the current frontier of the blocks merged so far, add every
non-dominated option of the next block to every kept partial package (one broadcast sum),
and drop the dominated sums. After the last block what is left is the frontier itself.

Ties: dominance is strong Pareto exactly as in :func:`accord.space.pareto.pareto_mask`; a
partial package is dropped only when another is at least as good for every principal and
strictly better for one. Identical utility vectors do not dominate each other, so every
package whose utility vector is on the frontier is kept, duplicates included, and the merge
returns the same set of packages as enumerating the space. Utilities are integer lattice
units, so ties are exact whatever the order in which contributions are added.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.errors import AnalysisError
from accord.space.blocks import Block
from accord.space.frontier import Frontier, canonical_frontier
from accord.space.pareto import pareto_mask

__all__ = ["DEFAULT_MAX_CANDIDATES", "dominated_by", "merge_frontier", "pareto_units"]

DEFAULT_MAX_CANDIDATES = 50_000_000
"""Largest number of partial packages examined in one merge step."""


_BLOCK = 1024
_FRONT_CHUNK = 256


def pareto_units(units: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Strong-Pareto mask of the columns of ``units`` (integer lattice utilities).

    Two principals use the exact sort sweep of :func:`accord.space.pareto.pareto_mask`
    (integers below 2**53 are exact as float64). More principals use a sweep in order of
    decreasing utility sum: a point can only be dominated by one with a larger sum, so each
    block of points is compared with the frontier found so far, a chunk of it at a time,
    dropping dominated points after every chunk (most fall to the first, best chunks).
    """
    m, n = units.shape
    if m <= 2 or n <= 1:
        return pareto_mask(units.astype(np.float64))
    total = units.sum(axis=0)
    order = np.lexsort((*tuple(-units[::-1]), -total))
    pts = units[:, order]
    keep = np.zeros(n, dtype=bool)
    front = np.empty((m, 0), dtype=np.int64)
    for s in range(0, n, _BLOCK):
        idx = np.arange(s, min(n, s + _BLOCK))
        for f in range(0, front.shape[1], _FRONT_CHUNK):
            idx = idx[~dominated_by(pts[:, idx], front[:, f : f + _FRONT_CHUNK])]
            if idx.size == 0:
                break
        if idx.size == 0:
            continue
        cand = pts[:, idx]
        idx = idx[~dominated_by(cand, cand)]
        keep[idx] = True
        front = np.concatenate([front, pts[:, idx]], axis=1)
    mask = np.empty(n, dtype=bool)
    mask[order] = keep
    return mask


def dominated_by(cands: NDArray[np.int64], front: NDArray[np.int64]) -> NDArray[np.bool_]:
    """For each column of ``cands``: is it strictly dominated by a column of ``front``?"""
    geq = np.ones((cands.shape[1], front.shape[1]), dtype=bool)
    gt = np.zeros_like(geq)
    for i in range(cands.shape[0]):
        c, f = cands[i][:, None], front[i][None, :]
        geq &= f >= c
        gt |= f > c
    return np.asarray((geq & gt).any(axis=1))


def merge_frontier(
    blocks: list[Block], n_issues: int, *, max_candidates: int = DEFAULT_MAX_CANDIDATES
) -> Frontier:
    """The exact strong Pareto frontier of the product of ``blocks``.

    Parameters
    ----------
    blocks:
        The space as independent blocks (:func:`accord.space.blocks.split_blocks`).
    n_issues:
        Number of issues of the scenario (columns of the result's options).
    max_candidates:
        Refuse a merge step that would examine more partial packages than this.

    Raises
    ------
    AnalysisError
        If a merge step exceeds ``max_candidates`` (a frontier of that order of size).
    """
    m = blocks[0].units.shape[0] if blocks else 0
    n_feasible = 1
    for b in blocks:
        n_feasible *= b.size
    if n_feasible == 0:
        return canonical_frontier(np.zeros((0, n_issues), np.int64), np.zeros((m, 0), np.int64), 0)
    cur = np.zeros((m, 1), dtype=np.int64)
    rows = np.zeros((1, 0), dtype=np.int64)  # per merged block: row in that block's options
    for b in blocks:
        kept = np.flatnonzero(pareto_units(b.units)).astype(np.int64)
        n_cand = cur.shape[1] * kept.size
        if n_cand > max_candidates:
            raise AnalysisError(
                f"merging issue block {b.issues} would examine {n_cand:,} partial packages, "
                f"more than the limit of {max_candidates:,}; the frontier is too large to hold"
            )
        cand = (cur[:, :, None] + b.units[:, None, kept]).reshape(m, n_cand)
        sel = np.flatnonzero(pareto_units(cand))
        f_idx, o_idx = np.divmod(sel, kept.size)
        cur = cand[:, sel]
        rows = np.concatenate([rows[f_idx], kept[o_idx, None]], axis=1)
    options = np.empty((cur.shape[1], n_issues), dtype=np.int64)
    for j, b in enumerate(blocks):
        options[:, list(b.issues)] = b.options[rows[:, j]]
    return canonical_frontier(options, cur, n_feasible)
