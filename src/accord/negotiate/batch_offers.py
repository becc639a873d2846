"""Per-run offer tables for the batched engine: what each party could offer, sorted once.

With preferences drawn per run, every run ranks the packages differently. Sorting all ``n``
packages per run and party is what made the batched engine slow (two sorts of 7,440 values
per Hanoi run). A time-dependent party, though, only ever offers packages its ratifiers
ratify and that are worth at least its reservation value: its target never falls below the
reservation value, and a party with no such package walks away in the first round. So per
run only those candidates are gathered and sorted (:func:`offer_table`), usually a small
fraction of the space, and an offer is a branch-free bisection over them
(:func:`search_rows`). The order is the one :class:`~accord.negotiate.domain.NegotiationDomain`
uses (ascending utility; ties: best for the other party first, then the lower row), so a
batch row equals the scalar run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["CANDIDATE_MARGIN", "OfferTable", "offer_table", "search_rows"]

CANDIDATE_MARGIN = 1e-9
"""Packages worth at least the reservation value minus this are candidates: every offer of a
time-dependent strategy is worth at least its reservation value up to the search tolerance
(``1e-12``)."""


@dataclass(frozen=True, slots=True)
class OfferTable:
    """One party's candidate packages per run, sorted.

    Attributes
    ----------
    keys:
        ``(R, W)`` the party's utilities, ascending, ``+inf`` after ``count[r]``; ``W`` is a
        power of two larger than every count (the bisection needs no bound checks).
    rows:
        ``(R, W)`` the package rows in the same order.
    count:
        ``(R,)`` the number of candidates.
    best:
        ``(R,)`` the party's best candidate (``-inf`` without any).
    """

    keys: NDArray[np.float64]
    rows: NDArray[np.int64]
    count: NDArray[np.int64]
    best: NDArray[np.float64]


def offer_table(
    u: NDArray[np.float64], res: NDArray[np.float64], ratified: NDArray[np.bool_], party: int
) -> OfferTable:
    """The candidates of ``party`` in every run, from utilities ``u`` ``(R, 2, n)``.

    ``res`` is ``(R, 2)``, ``ratified`` ``(2, n)`` (the packages each party's ratifiers
    ratify, shared by the runs).
    """
    n_runs = u.shape[0]
    cols = np.flatnonzero(ratified[party])
    ui = u[:, party, cols]  # (R, c): only the packages its ratifiers ratify
    mask = ui >= res[:, party, None] - CANDIDATE_MARGIN
    count = mask.sum(axis=1)
    width = int(count.max(initial=0))
    if 2 * width < cols.size:  # few candidates: gather them before sorting
        runs, pos = np.nonzero(mask)
        slot = np.arange(runs.size) - np.repeat(np.cumsum(count) - count, count)
        keys = np.full((n_runs, width), np.inf)
        keys[runs, slot] = ui[runs, pos]
        rows = np.zeros((n_runs, width), dtype=np.int64)
        rows[runs, slot] = cols[pos]
        o = np.argsort(keys, axis=1) + (np.arange(n_runs) * width)[:, None]
        keys, rows = keys.ravel().take(o), rows.ravel().take(o)
    else:
        keys = np.where(mask, ui, np.inf)
        o = np.argsort(keys, axis=1)[:, :width]
        rows = cols[o]
        keys = keys.ravel().take(o + (np.arange(n_runs) * cols.size)[:, None])
    same = (keys[:, 1:] == keys[:, :-1]) & np.isfinite(keys[:, 1:])
    tied = np.flatnonzero(same.any(axis=1))
    if tied.size:  # exact ties: best for the other party first, then the lower row
        kt, rt = keys[tied], rows[tied]
        run = tied[:, None]
        others = (u[run, 0, rt] + u[run, 1, rt]) - u[run, party, rt]  # as the domain computes
        o2 = np.lexsort((rt, -others, kt), axis=1)
        keys[tied] = np.take_along_axis(kt, o2, axis=1)
        rows[tied] = np.take_along_axis(rt, o2, axis=1)
    padded = 1 << int(width).bit_length()  # a power of two > width
    out_keys = np.full((n_runs, padded), np.inf)
    out_keys[:, :width] = keys
    out_rows = np.zeros((n_runs, padded), dtype=np.int64)
    out_rows[:, :width] = rows
    last = np.maximum(count - 1, 0)
    best = np.where(count > 0, out_keys[np.arange(n_runs), last], -np.inf)
    return OfferTable(out_keys, out_rows, count, best)


def search_rows(
    table: OfferTable, runs: NDArray[np.int64], targets: NDArray[np.float64]
) -> NDArray[np.int64]:
    """Rows of the first candidates worth at least ``targets`` (``searchsorted`` 'left').

    ``runs`` and ``targets`` have the same shape (any); the search is a branch-free
    bisection, ``log2(W)`` gathers in all. A target above every candidate gives the last.
    """
    width = table.keys.shape[1]
    flat = table.keys.ravel()
    base = runs * width
    pos = np.zeros(runs.shape, dtype=np.int64)
    step = width >> 1
    while step:
        pos += step * (flat.take(base + pos + (step - 1)) < targets)
        step >>= 1
    pos = np.minimum(pos, np.maximum(table.count[runs] - 1, 0))
    out: NDArray[np.int64] = table.rows.ravel().take(base + pos)
    return out
