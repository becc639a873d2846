"""Per-run offer tables for the batched engine: what each party could offer, sorted once.

With preferences drawn per run, every run ranks the packages differently. Sorting all ``n``
packages per run and party is what made the batched engine slow (two sorts of 7,440 values
per Hanoi run). A time-dependent party, though, only ever offers packages its ratifiers
ratify and that are worth at least its reservation value: its target never falls below the
reservation value, and a party with no such package walks away in the first round. So per
run only those candidates are gathered and sorted (:func:`offer_table`), often a small
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
        ``(R, W + 1)`` the party's utilities, ascending, ``+inf`` after ``count[r]`` (the
        last column is always ``+inf``: the bisection reads past the end there).
    rows:
        ``(R, W + 1)`` the package rows in the same order.
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
    n_runs, n = u.shape[0], u.shape[2]
    cols = np.flatnonzero(ratified[party])
    every = cols.size == n
    # (R, c): only the packages its ratifiers ratify, rows contiguous for the sort
    ui = u[:, party] if every else np.ascontiguousarray(u[:, party][:, cols])
    mask = ui >= res[:, party, None] - CANDIDATE_MARGIN
    count = mask.sum(axis=1)
    width = int(count.max(initial=0))
    keys = np.empty((n_runs, width + 1))
    keys[:, width] = np.inf
    rows = np.zeros((n_runs, width + 1), dtype=np.int64)
    if 2 * width < cols.size:  # few candidates: gather them before sorting
        runs, pos = np.nonzero(mask)
        slot = np.arange(runs.size) - np.repeat(np.cumsum(count) - count, count)
        packed = np.full((n_runs, width), np.inf)
        packed[runs, slot] = ui[runs, pos]
        rows[runs, slot] = cols[pos]
        o = np.argsort(packed, axis=1) + (np.arange(n_runs) * width)[:, None]
        np.take(packed.ravel(), o, out=keys[:, :width], mode="clip")
        rows[:, :width] = rows[:, :width].ravel().take(o)
    else:
        if every and bool(mask.all()):  # read the keys straight from u
            src, flat, start = ui, u.ravel(), (np.arange(n_runs) * 2 + party) * n
        else:
            src = np.where(mask, ui, np.inf)
            flat, start = src.ravel(), np.arange(n_runs) * src.shape[1]
        o = np.argsort(src, axis=1)[:, :width]
        rows[:, :width] = o if every else cols[o]
        np.take(flat, o + start[:, None], out=keys[:, :width], mode="clip")
    with np.errstate(invalid="ignore"):  # inf - inf is nan: no tie
        tied = np.flatnonzero((np.diff(keys, axis=1) == 0).any(axis=1))
    if tied.size:  # exact ties: best for the other party first, then the lower row
        kt, rt = keys[tied, :width], rows[tied, :width]
        run = tied[:, None]
        others = (u[run, 0, rt] + u[run, 1, rt]) - u[run, party, rt]  # as the domain computes
        o2 = np.lexsort((rt, -others, kt), axis=1)
        keys[tied, :width] = np.take_along_axis(kt, o2, axis=1)
        rows[tied, :width] = np.take_along_axis(rt, o2, axis=1)
    last = np.maximum(count - 1, 0)
    best = np.where(count > 0, keys[np.arange(n_runs), last], -np.inf)
    return OfferTable(keys, rows, count, best)


def search_rows(
    table: OfferTable, runs: NDArray[np.int64], targets: NDArray[np.float64]
) -> NDArray[np.int64]:
    """Rows of the first candidates worth at least ``targets`` (``searchsorted`` 'left').

    ``runs`` and ``targets`` have the same shape (any). The search is Shar's branch-free
    bisection: with ``m`` the largest power of two up to the row length ``N``, one probe at
    ``m - 1`` decides whether the answer lies in the first ``m`` or the last ``m``
    positions, then ``log2(m)`` halving probes; each probe is one flat gather for all
    queries. The last column (``+inf``) bounds every answer.
    """
    width = table.keys.shape[1]
    flat = table.keys.ravel()
    base = runs * width
    m = 1 << (width.bit_length() - 1)  # the largest power of two <= width
    pos = base + (width - m) * (flat.take(base + (m - 1)) < targets)
    step = m >> 1
    while step:
        pos += step * (flat.take(pos + (step - 1)) < targets)
        step >>= 1
    pos = np.minimum(pos - base, np.maximum(table.count[runs] - 1, 0))
    out: NDArray[np.int64] = table.rows.ravel().take(base + pos)
    return out
