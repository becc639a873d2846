"""Many bilateral negotiations in lockstep: the engine Monte Carlo calls.

:func:`run_batch` plays ``R`` alternating-offers negotiations between two time-dependent
strategies at once, one numpy operation per round over all runs still talking. Runs share the
domain's packages but may differ in the concession exponents, in the preferences (utilities
per run, e.g. from :func:`sample_utilities`) and in the reservation values. The rules are
exactly those of :class:`~accord.negotiate.alternating.AlternatingOffers` with
``time-dependent`` strategies (offer at the target, accept at the next target, walk away when
even the best package is worth less than no agreement), so a batch row equals the scalar run.

The result is a tidy table: a numpy structured array with one row per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.strategy import EPS

__all__ = ["BatchResult", "batch_dtype", "run_batch", "sample_utilities"]

ENDINGS = ("agreement", "deadline", "walk-away")
"""Codes of the ``ending`` column."""


def batch_dtype(parties: tuple[str, ...]) -> np.dtype[Any]:
    """Columns: run, ending code, agreement, round, package (-1 if none), walked_away
    (-1 if nobody), then ``u_<party>`` (undiscounted utility of the agreement, NaN if none)
    and ``v_<party>`` (what the party got: discounted utility, or its reservation)."""
    fields: list[tuple[str, Any]] = [
        ("run", np.int64),
        ("ending", np.int8),
        ("agreement", np.bool_),
        ("round", np.int64),
        ("package", np.int64),
        ("walked_away", np.int64),
    ]
    fields += [(f"u_{p}", np.float64) for p in parties]
    fields += [(f"v_{p}", np.float64) for p in parties]
    return np.dtype(fields)


@dataclass(frozen=True, slots=True, eq=False)
class BatchResult:
    """One row per run (see :func:`batch_dtype`) and the domain the runs shared."""

    table: NDArray[np.void]
    domain: NegotiationDomain
    rounds: int
    discount: float

    @property
    def agreement_rate(self) -> float:
        return float(np.mean(self.table["agreement"])) if self.table.size else 0.0

    def rows(self) -> list[dict[str, Any]]:
        """The table as a list of plain dicts (JSON-ready; ``ending`` as its name)."""
        out = []
        for rec in self.table.tolist():
            row = dict(zip(self.table.dtype.names or (), rec, strict=True))
            row["ending"] = ENDINGS[int(row["ending"])]
            out.append(
                {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in row.items()}
            )
        return out


def _search_rows(
    sorted_u: NDArray[np.float64], runs: NDArray[np.int64], party: int, targets: NDArray[np.float64]
) -> NDArray[np.int64]:
    """``searchsorted(sorted_u[r, party], targets[k], 'left')`` for each ``r = runs[k]``.

    Vectorised bisection over the runs: about log2(n) gathers, no copy of the rows.
    """
    n = sorted_u.shape[-1]
    lo = np.zeros(runs.size, dtype=np.int64)
    hi = np.full(runs.size, n, dtype=np.int64)
    while np.any(lo < hi):
        mid = (lo + hi) // 2
        open_ = lo < hi
        right = open_ & (sorted_u[runs, party, np.minimum(mid, n - 1)] < targets)
        lo = np.where(right, mid + 1, lo)
        hi = np.where(open_ & ~right, mid, hi)
    return lo


def _orders(u: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Per run and party: packages by ascending utility, ties best-for-the-others first.

    One quicksort per row; only rows that contain equal utilities are re-sorted with the
    tie-break (the same order as :class:`NegotiationDomain` uses).
    """
    order = np.argsort(u, axis=-1)
    sorted_u = np.take_along_axis(u, order, axis=-1)
    tied = np.any(sorted_u[..., 1:] == sorted_u[..., :-1], axis=-1)
    if tied.any():
        total = u.sum(axis=1)
        for r, i in np.argwhere(tied):  # one re-sort per tied row, not per package
            order[r, i] = np.lexsort((-(total[r] - u[r, i]), u[r, i]))
            sorted_u[r, i] = u[r, i, order[r, i]]
    return order, sorted_u


def _targets(
    best: NDArray[np.float64],
    res: NDArray[np.float64],
    e: NDArray[np.float64],
    t_rel: float,
    factor: float,
) -> NDArray[np.float64]:
    raw = res + (best - res) * (1.0 - t_rel ** (1.0 / e))
    floor = res / factor
    out: NDArray[np.float64] = np.minimum(best, np.maximum(floor, raw))
    return out


def sample_utilities(
    domain: NegotiationDomain, n_runs: int, *, concentration: float = 50.0, seed: int | None = None
) -> NDArray[np.float64]:
    """Utilities ``(n_runs, 2, n)`` with each party's issue weights drawn around its own.

    Weights are Dirichlet with mean the scenario's weights and the given concentration
    (larger: closer to the scenario). Needs a domain built from a scenario.
    """
    sc = domain.scenario
    if sc is None:
        raise InputError("sampling preferences needs a domain built from a scenario")
    rng = np.random.default_rng(seed)
    k = domain.options.shape[1]
    out = np.empty((n_runs, domain.n_parties, domain.n_packages))
    for i, p in enumerate(domain.parties):  # per party and issue, vectorised over runs
        pref = sc.preferences[p]
        alpha = np.maximum(pref.weights * concentration, 1e-3)
        w = rng.dirichlet(alpha, size=n_runs)  # (R, k)
        vals = np.stack([pref.values[j][domain.options[:, j]] for j in range(k)])  # (k, n)
        out[:, i, :] = np.round(w @ vals, 12)
    return out


def run_batch(
    domain: NegotiationDomain,
    exponents: NDArray[np.float64],
    *,
    rounds: int = 100,
    discount: float = 1.0,
    first: int = 0,
    utilities: NDArray[np.float64] | None = None,
    reservations: NDArray[np.float64] | None = None,
) -> BatchResult:
    """Run ``len(exponents)`` bilateral time-dependent negotiations in lockstep.

    Parameters
    ----------
    domain:
        The packages (and, unless ``utilities`` is given, the utilities) of every run.
    exponents:
        ``(R, 2)`` concession exponent ``e`` of each party in each run.
    rounds, discount, first:
        As for :class:`~accord.negotiate.alternating.AlternatingOffers`.
    utilities:
        Optional ``(R, 2, n)`` utilities per run (sampled preferences).
    reservations:
        Optional ``(R, 2)`` reservation values per run (default: the domain's).

    Returns
    -------
    BatchResult
        A structured array with one row per run.
    """
    e = np.asarray(exponents, dtype=np.float64)
    if domain.n_parties != 2:
        raise InputError("the batched engine runs bilateral negotiations (2 parties)")
    if e.ndim != 2 or e.shape[1] != 2 or np.any(~(e > 0)):
        raise InputError("exponents must have shape (runs, 2) with positive values")
    if rounds < 1 or not 0 < discount <= 1 or first not in (0, 1):
        raise InputError("need rounds >= 1, 0 < discount <= 1 and first in (0, 1)")
    n_runs, n = e.shape[0], domain.n_packages
    per_run = utilities is not None
    if per_run:
        u = np.asarray(utilities, dtype=np.float64)
        if u.shape != (n_runs, 2, n):
            raise InputError(f"utilities must have shape ({n_runs}, 2, {n})")
        order, sorted_u = _orders(u)
    res = np.broadcast_to(
        domain.reservations if reservations is None else np.asarray(reservations, np.float64),
        (n_runs, 2),
    ).astype(np.float64)
    best = sorted_u[:, :, -1] if per_run else np.broadcast_to(domain.best, (n_runs, 2)).copy()

    table = np.zeros(n_runs, dtype=batch_dtype(domain.parties))
    table["run"] = np.arange(n_runs)
    table["ending"] = ENDINGS.index("deadline")
    table["round"] = rounds - 1
    table["package"] = -1
    table["walked_away"] = -1
    active = np.arange(n_runs)
    span = max(1, rounds - 1)

    for t in range(rounds):
        if active.size == 0:
            break
        p = (first + t) % 2
        q = 1 - p
        f = discount**t
        # walk-away: proposer first, then responder
        for who in (p, q):
            walks = best[active, who] * f < res[active, who] - EPS
            if walks.any():
                gone = active[walks]
                table["ending"][gone] = ENDINGS.index("walk-away")
                table["walked_away"][gone] = who
                table["round"][gone] = t
                active = active[~walks]
        if active.size == 0:
            break
        t_rel = min(1.0, t / span)
        target = _targets(best[active, p], res[active, p], e[active, p], t_rel, f)
        if per_run:
            k = _search_rows(sorted_u, active, p, target - 1e-12)
            offer = order[active, p, np.minimum(k, n - 1)]
            uq = u[active, q, offer]
        else:
            k = np.searchsorted(domain.sorted_utilities[p], target - 1e-12, side="left")
            offer = domain.order[p, np.minimum(k, n - 1)]
            uq = domain.utilities[q, offer]
        if t + 1 >= rounds:
            aim = res[active, q] / f
        else:
            t_next = min(1.0, (t + 1) / span)
            aim = _targets(best[active, q], res[active, q], e[active, q], t_next, f * discount)
        ok = (uq >= aim - EPS) & (uq * f >= res[active, q] - EPS)
        done = active[ok]
        table["ending"][done] = ENDINGS.index("agreement")
        table["agreement"][done] = True
        table["round"][done] = t
        table["package"][done] = offer[ok]
        active = active[~ok]

    agreed = table["agreement"]
    rows = np.flatnonzero(agreed)
    pk = table["package"][rows]
    factors = discount ** table["round"][rows].astype(np.float64)
    for i, party in enumerate(domain.parties):
        ui = np.full(n_runs, np.nan)
        ui[rows] = u[rows, i, pk] if per_run else domain.utilities[i, pk]
        table[f"u_{party}"] = ui
        vi = res[:, i].copy()
        vi[rows] = ui[rows] * factors
        table[f"v_{party}"] = vi
    return BatchResult(table=table, domain=domain, rounds=rounds, discount=discount)
