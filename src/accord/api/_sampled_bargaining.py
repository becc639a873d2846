"""Facade: bargaining under uncertainty, ``accord simulate --samples N``.

Each run draws the scenario's uncertain numbers (the same blocks of draws as ``accord
uncertainty``: run ``i`` of block ``k`` has the numbers of sample ``i`` of block ``k``), so the
parties' utilities and no-deal values differ from run to run; the runs are played by the
batched alternating-offers engine (:func:`accord.negotiate.batch.run_batch`) with
time-dependent strategies. The result is the probability that bargaining ends in a deal.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from accord._types import FloatArray, IntArray
from accord.api._checks import check_count, draw_seed
from accord.api._defaults import MAX_ROUNDS
from accord.api._sweep import open_run, running
from accord.api._uncertainty import _prepared, _resolved
from accord.errors import InputError
from accord.negotiate.batch import ENDINGS, run_batch
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.registry import make_strategy
from accord.negotiate.strategies.time_dependent import TimeAspiration
from accord.negotiate.strategy import AcceptAtTarget, OfferAtTarget
from accord.scenario import DEFAULT_SCENARIO
from accord.scenario.negotiation.adjust import apply_levers
from accord.scenario.uncertainty.loader import Sources, read_sources
from accord.sweep import (
    BLOCK_SIZE,
    DEFAULT_MEMORY,
    ChunkStore,
    Executor,
    block_rows,
    block_uniforms,
    chunk_rows,
    proportion_interval,
    read_parquet_columns,
    run_chunks,
)

__all__ = [
    "SampledBargaining",
    "SimulateTask",
    "run_simulate",
    "run_simulate_block",
    "simulate_samples",
]


@dataclass(frozen=True, slots=True)
class SimulateTask:
    """Play block ``block`` (``rows`` runs) of a run seeded ``seed``."""

    sources: Sources
    seed: int
    block: int
    rows: int
    exponents: tuple[float, float]
    rounds: int
    discount: float
    memory: int = DEFAULT_MEMORY


@lru_cache(maxsize=8)
def _domain(sources: Sources) -> NegotiationDomain:
    return NegotiationDomain.from_scenario(apply_levers(_resolved(sources)))


@lru_cache(maxsize=8)
def _played(sources: Sources) -> tuple[NegotiationDomain, IntArray | None]:
    """The domain the runs are played on, and its rows in the full domain (``None``: all).

    A package no party's ratifiers ratify is never offered nor accepted (the one predicate),
    so the runs need only the packages some party's ratifiers ratify: on Hanoi a few hundred
    of 5,520, whose utilities are drawn per run without building the whole space.
    """
    full = _domain(sources)
    rows = np.flatnonzero(full.ratified.any(axis=0)).astype(np.int64)
    if rows.size == full.n_packages or rows.size == 0:
        return full, None
    return full.restricted(rows), rows


def run_simulate_block(task: SimulateTask) -> Any:
    """The batch table of one block of runs (a pure function of the task), played in
    chunks that fit the task's memory budget (every run is independent of the others)."""
    sa = _prepared(task.sources)
    assert sa.declaration is not None
    domain, played = _played(task.sources)
    x = sa.declaration.draw(block_uniforms(task.seed, task.block, task.rows, len(sa.names)))
    per_run = 8 * 4 * domain.n_parties * domain.n_packages  # utilities, their order, sorted
    rows = chunk_rows(per_run, task.memory, cap=1024)
    tables = []
    for i in range(0, task.rows, rows):
        utilities, no_deal = sa.utilities(x[i : i + rows], played)
        e = np.broadcast_to(np.asarray(task.exponents, dtype=np.float64), (len(no_deal), 2))
        res = run_batch(
            domain,
            e.copy(),
            rounds=task.rounds,
            discount=task.discount,
            utilities=utilities,
            reservations=no_deal,
        )
        table = res.table
        table["run"] += task.block * BLOCK_SIZE + i
        if played is not None:  # package rows of the full domain, as `accord simulate` names them
            agreed = table["package"] >= 0
            table["package"][agreed] = played[table["package"][agreed]]
        tables.append(table)
    return np.concatenate(tables)


@dataclass(frozen=True, slots=True, eq=False)
class SampledBargaining:
    """How bargaining ends over runs whose preferences are drawn from the declaration.

    ``agreement`` is ``(p, low, high)``: the share of runs ending in a deal and its 95% Wilson
    interval; ``endings`` counts runs by ending; ``walked_away`` counts walk-aways per party;
    ``utility`` is each party's mean utility over the runs with a deal.
    """

    title: str
    parties: tuple[str, ...]
    names: tuple[str, ...]
    strategies: tuple[str, str]
    exponents: tuple[float, float]
    samples: int
    seed: int
    rounds: int
    discount: float
    agreement: tuple[float, float, float]
    endings: Mapping[str, int]
    walked_away: Mapping[str, int]
    utility: Mapping[str, float]
    mean_round: float
    table: Any
    seconds: float
    workers: int
    ratifiers_fixed: tuple[str, ...] = ()
    """Ratifiers of the scenario: consulted in every run (the one acceptability predicate),
    with the file's own numbers, not drawn per run."""
    executor: str = ""
    """Where the runs were played."""
    out: str | None = None
    """The run folder (``--out``), or ``None``."""
    chunks: tuple[int, int] = (0, 0)
    """Chunks read back from a resumed run's folder, and chunks computed by this run."""

    @property
    def rate(self) -> float:
        """Negotiations per second."""
        return self.samples / self.seconds if self.seconds > 0 else float("inf")


def _exponent(spec: str) -> float:
    s = make_strategy(spec)
    off, acc = s.offering, s.acceptance
    if (
        isinstance(off, OfferAtTarget)
        and isinstance(acc, AcceptAtTarget)
        and isinstance(off.aspiration, TimeAspiration)
        and off.aspiration == acc.aspiration
    ):
        return float(off.aspiration.e)
    raise InputError(
        f"--samples plays the batched engine, which runs time-dependent strategies only "
        f"(boulware, linear, conceder, time-dependent:e=E); {spec!r} is not one"
    )


def simulate_samples(
    scenario: str | Path = DEFAULT_SCENARIO,
    strategies: Mapping[str, str] | None = None,
    *,
    samples: int,
    seed: int | None,
    rounds: int = 20,
    discount: float = 1.0,
    default_strategy: str = "boulware",
    memory: int = DEFAULT_MEMORY,
    workers: int | None = None,
    executor: Executor | None = None,
    out: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SampledBargaining:
    """Bilateral alternating offers over ``samples`` runs, preferences drawn per run.

    Parameters
    ----------
    scenario:
        A scenario that declares uncertainty, or an uncertainty file naming one.
    strategies:
        ``{party: time-dependent strategy}``; parties left out play ``default_strategy``.
    samples, seed:
        Runs and the seed of their blocks of draws.
    rounds, discount:
        Deadline and per-round discount factor.
    memory, workers:
        Working-memory budget in bytes (shared by the workers) and worker threads.
    executor:
        Where the blocks run (see :func:`accord.api.sweep_executor`; default: ``workers``
        threads in this process). The caller closes an executor it passes.
    out:
        A run folder: blocks are checkpointed there and ``samples.parquet`` holds the batch
        table (one row per run); :func:`accord.api.resume_sweep` continues it.

    Every run applies the one acceptability predicate: a side offers and accepts only what
    its ratifiers ratify, judged with the file's own ratifier numbers; only the principals'
    preferences and no-deal values are drawn per run
    (:attr:`SampledBargaining.ratifiers_fixed`).
    """
    seed = draw_seed(seed)  # None draws one; the result records it
    rounds = check_count(rounds, "rounds", high=MAX_ROUNDS)
    if samples < 1:
        raise InputError(f"--samples {samples}: at least 1 run")
    sources = read_sources(scenario)
    sa = _prepared(sources)
    if sa.declaration is None or not sa.names:
        raise InputError(
            f"{sources.scenario_origin}: the scenario declares no uncertain numbers to draw "
            "per run; add an `uncertainty:` section (see docs/uncertainty.md)"
        )
    domain = _domain(sources)
    if domain.n_parties != 2:
        raise InputError("--samples plays bilateral negotiations: the scenario needs 2 principals")
    given = dict(strategies or {})
    for party in given:
        if party not in domain.parties:
            raise InputError(
                f"unknown actor {party!r} in the strategies; the negotiating parties are: "
                + ", ".join(domain.parties)
            )
    specs = [given.get(p, default_strategy) for p in domain.parties]
    exps = [_exponent(specs[0]), _exponent(specs[1])]
    run = {
        "kind": "simulate",
        "sources": dataclasses.asdict(sources),
        "samples": samples,
        "seed": seed,
        "strategies": specs,
        "exponents": exps,
        "rounds": rounds,
        "discount": discount,
    }
    stage = (lambda _, d, t: progress(d, t)) if progress is not None else None
    return run_simulate(
        run,
        store=open_run(out, run),
        executor=executor,
        threads=workers,
        memory=memory,
        progress=stage,
    )


def run_simulate(
    run: Mapping[str, Any],
    *,
    store: ChunkStore | None = None,
    executor: Executor | None = None,
    threads: int | None = None,
    memory: int = DEFAULT_MEMORY,
    progress: Callable[[str, int, int], None] | None = None,
) -> SampledBargaining:
    """The runs a run description asks for (see :func:`simulate_samples`); ``progress`` is
    called with ``("samples", done, total)``."""
    start = time.perf_counter()
    sources = Sources(**run["sources"])
    sa = _prepared(sources)
    domain = _domain(sources)
    samples, seed = int(run["samples"]), int(run["seed"])
    rounds, discount = int(run["rounds"]), float(run["discount"])
    specs = (str(run["strategies"][0]), str(run["strategies"][1]))
    exps = (float(run["exponents"][0]), float(run["exponents"][1]))
    with running(executor, store, threads) as ex:
        share = max(1, memory // ex.workers)
        tasks = [
            SimulateTask(sources, seed, k, rows, exps, rounds, discount, share)
            for k, rows in block_rows(samples)
        ]
        report = (lambda d, t: progress("samples", d, t)) if progress is not None else None
        done = run_chunks(
            ex,
            run_simulate_block,
            tasks,
            store=store,
            encode=lambda _, table: {n: table[n] for n in table.dtype.names},
            progress=report,
        )
        if store is None:
            assert done.results is not None
            table = np.concatenate(done.results)
        else:
            cols = read_parquet_columns(store.finish(list(range(len(tasks)))))
            table = np.empty(len(cols["run"]), dtype=[(n, c.dtype) for n, c in cols.items()])
            for n, c in cols.items():
                table[n] = c
    deals = int(table["agreement"].sum())
    endings = {name: int((table["ending"] == k).sum()) for k, name in enumerate(ENDINGS)}
    walked = {p: int((table["walked_away"] == i).sum()) for i, p in enumerate(domain.parties)}
    agreed = table["agreement"]
    utility: dict[str, float] = {
        p: float(np.mean(table[f"u_{p}"][agreed])) if deals else float("nan")
        for p in domain.parties
    }
    rounds_col: FloatArray = table["round"][agreed].astype(np.float64)
    return SampledBargaining(
        title=sa.scenario.title,
        parties=domain.parties,
        names=domain.names,
        strategies=specs,
        exponents=exps,
        samples=samples,
        seed=seed,
        rounds=rounds,
        discount=discount,
        agreement=(deals / samples, *proportion_interval(deals, samples)),
        endings=endings,
        walked_away=walked,
        utility=utility,
        mean_round=float(rounds_col.mean() + 1) if deals else float("nan"),
        table=table,
        seconds=time.perf_counter() - start,
        workers=ex.workers,
        ratifiers_fixed=sa.ratifiers,
        executor=ex.name,
        out=None if store is None else str(store.folder),
        chunks=(done.reused, done.computed),
    )
