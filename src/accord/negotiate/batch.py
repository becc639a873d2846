"""Many bilateral negotiations in lockstep: the engine Monte Carlo calls.

:func:`run_batch` plays ``R`` alternating-offers negotiations between two time-dependent
strategies at once, one numpy operation per round over all runs still talking. Runs share the
domain's packages and its ratifiers' verdicts but may differ in the concession exponents, in
the principals' preferences (utilities per run, e.g. from :func:`sample_utilities`) and in the
reservation values. The rules are exactly those of
:class:`~accord.negotiate.alternating.AlternatingOffers` with ``time-dependent`` strategies
(offer at the target among the packages one's ratifiers ratify, accept at the next target
inside one's win-set, walk away when nothing in one's win-set is left, no agreement outside
either win-set), so a batch row equals the scalar run.

With utilities per run, each party's offerable packages (those its ratifiers ratify and
worth at least its reservation value) are gathered and sorted once per run; an offer is then
a bisection over them. Nothing is sorted over the whole outcome space.

The result is a tidy table: a numpy structured array with one row per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.negotiate.batch_offers import OfferTable, offer_table, search_rows
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.strategy import EPS
from accord.space.acceptability import acceptable

__all__ = ["BatchResult", "batch_dtype", "run_batch", "sample_utilities"]

ENDINGS = ("agreement", "deadline", "walk-away")
"""Codes of the ``ending`` column."""


def batch_dtype(parties: tuple[str, ...]) -> np.dtype[Any]:
    """Columns: run, ending code, agreement, round, package (-1 if none), walked_away
    (-1 if nobody), then ``u_<party>`` (undiscounted utility of the agreement, NaN if none),
    ``v_<party>`` (what the party got: discounted utility, or its reservation) and
    ``r_<party>`` (joint probability that the party's ratifiers ratify the agreement: 1
    without ratifiers, NaN without an agreement)."""
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
    fields += [(f"r_{p}", np.float64) for p in parties]
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


def _targets(
    best: NDArray[np.float64],
    res: NDArray[np.float64],
    inv_e: NDArray[np.float64],
    t_rel: NDArray[np.float64],
    factor: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The time-dependent aim (:func:`~accord.negotiate.strategy.time_target`) clipped to
    ``[reservation / factor, best]``: runs ``(A, 1)`` by rounds ``(B,)``, the same operations
    in the same order as the scalar strategy."""
    x = np.power(t_rel, inv_e)
    np.subtract(1.0, x, out=x)
    np.multiply(best - res, x, out=x)
    np.add(res, x, out=x)  # the raw aim
    with np.errstate(divide="ignore", invalid="ignore"):
        floor = res / factor
    if not factor.all():  # a factor that underflowed: nothing is worth waiting for
        floor[:, factor == 0] = np.inf
    np.maximum(floor, x, out=x)
    np.minimum(best, x, out=x)
    return x


def sample_utilities(
    domain: NegotiationDomain, n_runs: int, *, concentration: float = 50.0, seed: int | None = None
) -> NDArray[np.float64]:
    """Utilities ``(n_runs, 2, n)`` with each party's issue weights drawn around its own.

    Weights are Dirichlet with mean the scenario's weights and the given concentration
    (larger: closer to the scenario). Needs a domain built from a scenario. The ratifiers
    keep the scenario's preferences.
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


FIRST_BLOCK, MAX_BLOCK = 4, 16
"""Rounds played in one array step: 4, then twice as many each time up to 16; runs whose
talks ended leave between blocks (a run ending in round t costs at most about t + 16 rounds)."""

RUN_CHUNK = 512
"""Runs with their own utilities played together: their offer tables stay in the cache."""

SHARED_CHUNK = 8192
"""Runs sharing the domain's utilities played together."""


def _at(
    a: NDArray[np.float64], party: NDArray[np.int64], rows: NDArray[np.int64]
) -> NDArray[np.float64]:
    """``a[party, rows]`` element-wise for a ``(2, n)`` array (one flat gather)."""
    out: NDArray[np.float64] = a.ravel().take(party * a.shape[1] + rows)
    return out


@dataclass(frozen=True, slots=True)
class _Runs:
    """A chunk of runs: their parameters and offer tables (indices local to the chunk)."""

    domain: NegotiationDomain
    inv_e: NDArray[np.float64]
    res: NDArray[np.float64]
    best: NDArray[np.float64]
    u: NDArray[np.float64] | None
    tables: tuple[OfferTable, ...]
    rounds: int
    discount: float
    first: int

    @classmethod
    def build(
        cls,
        domain: NegotiationDomain,
        e: NDArray[np.float64],
        res: NDArray[np.float64],
        u: NDArray[np.float64] | None,
        rounds: int,
        discount: float,
        first: int,
    ) -> _Runs:
        if u is None:
            best = np.broadcast_to(domain.best, res.shape).copy()
            return cls(domain, 1.0 / e, res, best, None, (), rounds, discount, first)
        tables = tuple(offer_table(u, res, domain.ratified, i) for i in (0, 1))
        best = np.stack([tables[0].best, tables[1].best], axis=1)
        return cls(domain, 1.0 / e, res, best, u, tables, rounds, discount, first)

    def offers(
        self, party: int, runs: NDArray[np.int64], targets: NDArray[np.float64]
    ) -> NDArray[np.int64]:
        """The package ``party`` offers in each run at each target (the scalar search)."""
        if self.u is not None:
            return search_rows(self.tables[party], runs, targets - 1e-12)
        dom = self.domain
        k = np.searchsorted(dom.sorted_utilities[party], targets - 1e-12, side="left")
        out: NDArray[np.int64] = dom.order[party, np.minimum(k, dom.n_packages - 1)]
        return out

    @property
    def n(self) -> int:
        return self.domain.n_packages

    def utility(
        self, party: NDArray[np.int64], runs: NDArray[np.int64], rows: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        """Utility of package ``rows`` to ``party`` in ``runs`` (element-wise)."""
        if self.u is not None:
            n = self.u.shape[2]
            out: NDArray[np.float64] = self.u.ravel().take((runs * 2 + party) * n + rows)
            return out
        return _at(self.domain.utilities, party, rows)

    def block(
        self, active: NDArray[np.int64], t0: int, t1: int
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64]]:
        """Play rounds ``t0 .. t1 - 1`` for the runs ``active`` at once.

        Returns, per run, the round its talks ended in this block (-1 if they go on),
        whether by a walk-away, who walked, and the agreed package.
        """
        ts = np.arange(t0, t1)
        span = max(1, self.rounds - 1)
        f = np.array([self.discount**t for t in range(t0, t1 + 1)])  # as the scalar does
        f_now, f_next = f[:-1], f[1:]
        t_now, t_next = np.minimum(1.0, ts / span), np.minimum(1.0, (ts + 1) / span)
        p = (self.first + ts) % 2
        shape = (active.size, ts.size)
        target, aim, rp, rq = np.empty(shape), np.empty(shape), np.empty(shape), np.empty(shape)
        offer = np.empty(shape, dtype=np.int64)
        walk = np.zeros(shape, dtype=np.bool_)
        walk_p = np.zeros(shape, dtype=np.bool_)
        runs = np.broadcast_to(active[:, None], shape)
        for i in (0, 1):
            mine = slice((i - self.first - t0) % 2, None, 2)  # the rounds it proposes in
            theirs = slice((i - self.first - t0 + 1) % 2, None, 2)  # the rounds it answers in
            best = self.best[active, i, None]
            r = self.res[active, i, None]
            inv_e = self.inv_e[active, i, None]
            # walk-away (before the offer): nothing in its win-set is left
            gone = ~acceptable(best, r, 1.0, 0.0, f_now)
            walk |= gone
            walk_p[:, mine] = gone[:, mine]
            rp[:, mine], rq[:, theirs] = r, r
            with np.errstate(invalid="ignore", over="ignore"):  # runs that walk carry -inf
                target[:, mine] = _targets(best, r, inv_e, t_now[mine], f_now[mine])
                aim[:, theirs] = _targets(best, r, inv_e, t_next[theirs], f_next[theirs])
            offer[:, mine] = self.offers(i, runs[:, mine], target[:, mine])
        if t1 == self.rounds:  # in the last round anything in its win-set will do
            with np.errstate(divide="ignore", invalid="ignore"):
                aim[:, -1] = rq[:, -1] / f_now[-1] if f_now[-1] > 0 else np.inf
        pp = np.broadcast_to(p, shape)
        qq = 1 - pp
        up, uq = self.utility(pp, runs, offer), self.utility(qq, runs, offer)
        # the responder accepts (its aim, inside its win-set: the predicate's principal half
        # here, its ratifiers' half from the domain); the mechanism checks the proposer's
        # side too (its offers come from the packages its ratifiers ratify)
        ok = (uq >= aim - EPS) & self.domain.ratified.ravel().take(qq * self.n + offer)
        ok &= acceptable(uq, rq, 1.0, 0.0, f_now)
        ok &= acceptable(up, rp, 1.0, 0.0, f_now)
        ended = walk | ok
        hit = ended.any(axis=1)
        at = np.argmax(ended, axis=1)
        idx = np.arange(active.size)
        walked = hit & walk[idx, at]
        who = np.where(walk_p[idx, at], p[at], 1 - p[at])
        return np.where(hit, t0 + at, -1), walked, who, offer[idx, at]

    def play(self, table: NDArray[np.void]) -> None:
        """Play every round for these runs; write endings into ``table`` (the chunk's rows)."""
        active = np.arange(self.res.shape[0])
        t0, size = 0, FIRST_BLOCK
        while t0 < self.rounds and active.size:
            t1 = min(self.rounds, t0 + size)
            at, walked, who, offer = self.block(active, t0, t1)
            t0, size = t1, min(2 * size, MAX_BLOCK)
            done = at >= 0
            gone, agreed = done & walked, done & ~walked
            table["ending"][active[gone]] = ENDINGS.index("walk-away")
            table["walked_away"][active[gone]] = who[gone]
            table["round"][active[gone]] = at[gone]
            table["ending"][active[agreed]] = ENDINGS.index("agreement")
            table["agreement"][active[agreed]] = True
            table["round"][active[agreed]] = at[agreed]
            table["package"][active[agreed]] = offer[agreed]
            active = active[~done]


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

    Every run obeys the acceptability predicate of ``accord run``: a party offers only
    packages its ratifiers ratify (the domain's), accepts only packages in its win-set, and
    no agreement is made outside either party's win-set.

    Parameters
    ----------
    domain:
        The packages, the ratifiers' verdicts (shared by every run) and, unless
        ``utilities`` is given, the utilities of every run.
    exponents:
        ``(R, 2)`` concession exponent ``e`` of each party in each run.
    rounds, discount, first:
        As for :class:`~accord.negotiate.alternating.AlternatingOffers`.
    utilities:
        Optional ``(R, 2, n)`` principals' utilities per run (sampled preferences).
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
    res = np.broadcast_to(
        domain.reservations if reservations is None else np.asarray(reservations, np.float64),
        (n_runs, 2),
    ).astype(np.float64)
    u: NDArray[np.float64] | None = None
    if utilities is not None:
        u = np.ascontiguousarray(utilities, dtype=np.float64)
        if u.shape != (n_runs, 2, n):
            raise InputError(f"utilities must have shape ({n_runs}, 2, {n})")

    table = np.zeros(n_runs, dtype=batch_dtype(domain.parties))
    table["run"] = np.arange(n_runs)
    table["ending"] = ENDINGS.index("deadline")
    table["round"] = rounds - 1
    table["package"] = -1
    table["walked_away"] = -1
    step = SHARED_CHUNK if u is None else RUN_CHUNK
    for a in range(0, n_runs, step):
        b = min(n_runs, a + step)
        chunk = _Runs.build(
            domain, e[a:b], res[a:b], None if u is None else u[a:b], rounds, discount, first
        )
        chunk.play(table[a:b])

    rows = np.flatnonzero(table["agreement"])
    pk = table["package"][rows]
    powers = np.array([discount**t for t in range(rounds)])  # as the scalar computes them
    factors = powers[table["round"][rows]]
    rat = domain.ratification
    for i, party in enumerate(domain.parties):
        ui = np.full(n_runs, np.nan)
        ui[rows] = u[rows, i, pk] if u is not None else domain.utilities[i, pk]
        table[f"u_{party}"] = ui
        vi = res[:, i].copy()
        vi[rows] = ui[rows] * factors
        table[f"v_{party}"] = vi
        ri = np.full(n_runs, np.nan)
        ri[rows] = rat[i, pk]
        table[f"r_{party}"] = ri
    return BatchResult(table=table, domain=domain, rounds=rounds, discount=discount)
