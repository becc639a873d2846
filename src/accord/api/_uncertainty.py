"""Facade: the analysis under uncertainty (probability of agreement, reasons, solutions,
private information) and the global sensitivity of the verdict.

The work is split into small tasks that a pure function runs: :func:`run_block` evaluates
block ``k`` of the samples from ``(the scenario's text, its declaration, seed, k)`` and
nothing else, so the same blocks give the same result on one thread, on several, or on other
machines (the sweep executors run them).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from accord._types import FloatArray
from accord.api._levers import resolve_levers
from accord.api._sweep import collect_samples, columns_outcomes, open_run, running
from accord.bargaining.uncertainty import SampledAnalysis, SampleOutcomes
from accord.bargaining.uncertainty.summary import Summary, summarise
from accord.errors import InputError
from accord.scenario import DEFAULT_SCENARIO, Scenario
from accord.scenario.negotiation.adjust import with_changes
from accord.scenario.uncertainty.hold import hold_parameters
from accord.scenario.uncertainty.loader import Sources, load_sources, read_sources
from accord.scenario.uncertainty.model import Declaration
from accord.sweep import (
    BLOCK_SIZE,
    DEFAULT_MEMORY,
    ChunkRun,
    ChunkStore,
    Executor,
    MorrisResult,
    SobolResult,
    block_rows,
    block_uniforms,
    chunk_rows,
    morris,
    proportion_interval,
    sobol,
)
from accord.sweep.executor import Progress

__all__ = [
    "SENSITIVITY_METHODS",
    "BlockTask",
    "PointsTask",
    "Ranked",
    "UncertaintyReport",
    "default_workers",
    "run_block",
    "run_points",
    "run_sample_block",
    "run_uncertainty",
    "uncertainty_analysis",
]

CHUNK_CAP = 64
"""Samples per array computation at most (small chunks stay in the processor's cache)."""

SENSITIVITY_METHODS = ("sobol", "morris", "both", "none")

StageProgress = Callable[[str, int, int], None]
"""Called with ``(stage, done, total)``; stages ``samples``, ``sobol``, ``morris``."""


@dataclass(frozen=True, slots=True)
class BlockTask:
    """Evaluate block ``block`` (``rows`` samples) of a run seeded ``seed``.

    A grid point changes the scenario first: ``settings`` are lever settings (and other
    ``whatif --set`` changes), ``held`` declared numbers held at a value in every sample
    (:func:`accord.scenario.uncertainty.hold.hold_parameters`); the draws are the same at
    every grid point.
    """

    sources: Sources
    seed: int
    block: int
    rows: int
    memory: int = DEFAULT_MEMORY
    margins: bool = False
    settings: tuple[tuple[str, str], ...] = ()
    held: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class PointsTask:
    """Evaluate given points of the unit cube (a sensitivity design), with margins."""

    sources: Sources
    points: FloatArray
    memory: int = DEFAULT_MEMORY


@lru_cache(maxsize=4)
def _resolved(sources: Sources) -> Scenario:
    return resolve_levers(load_sources(sources))


@lru_cache(maxsize=32)
def _held(
    sources: Sources,
    settings: tuple[tuple[str, str], ...] = (),
    held: tuple[tuple[str, float], ...] = (),
) -> tuple[SampledAnalysis, tuple[tuple[int, float], ...]]:
    scenario = _resolved(sources)
    if settings:
        scenario = with_changes(scenario, dict(settings))
    columns: tuple[tuple[int, float], ...] = ()
    if held:
        scenario, columns = hold_parameters(scenario, dict(held))
    return SampledAnalysis(scenario), columns


def _prepared(sources: Sources) -> SampledAnalysis:
    return _held(sources)[0]


def _evaluate(
    sa: SampledAnalysis,
    u: FloatArray,
    memory: int,
    margins: bool,
    columns: tuple[tuple[int, float], ...] = (),
) -> tuple[FloatArray, SampleOutcomes]:
    decl = sa.declaration
    x = decl.draw(u) if decl is not None else np.zeros((u.shape[0], 0))
    for d, value in columns:
        x[:, d] = value
    rows = chunk_rows(sa.bytes_per_sample(margins=margins), memory, cap=CHUNK_CAP)
    return x, SampleOutcomes.concat(
        [sa.evaluate(x[i : i + rows], margins=margins) for i in range(0, x.shape[0], rows)]
    )


def run_sample_block(task: BlockTask) -> tuple[FloatArray, SampleOutcomes]:
    """The parameter numbers ``(rows, D)`` and the outcomes of one block of samples: a pure
    function of the task."""
    sa, columns = _held(task.sources, task.settings, task.held)
    u = block_uniforms(task.seed, task.block, task.rows, len(sa.names))
    return _evaluate(sa, u, task.memory, task.margins, columns)


def run_block(task: BlockTask) -> SampleOutcomes:
    """The outcomes of one block of samples: a pure function of the task."""
    return run_sample_block(task)[1]


def run_points(task: PointsTask) -> SampleOutcomes:
    """The outcomes (with margins) at given points of the unit cube."""
    return _evaluate(_prepared(task.sources), task.points, task.memory, True)[1]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One parameter's place in "which numbers decide the verdict"."""

    path: str
    text: str
    s1: float
    s1_conf: float
    st: float
    st_conf: float
    mu_star: float
    mu_star_conf: float


@dataclass(frozen=True, slots=True, eq=False)
class UncertaintyReport:
    """Everything ``accord uncertainty`` reports.

    Attributes
    ----------
    agreement:
        ``(p, low, high)``: the share of samples with a deal and its 95% Wilson interval.
    private:
        The same for deals under the sides' beliefs (``None`` without beliefs).
    ranking:
        Parameters by decreasing influence on the output named ``ranked_by``.
    outcomes:
        The per-sample results, one row per sample.
    """

    scenario: Scenario
    declaration: Declaration
    samples: int
    seed: int
    workers: int
    memory: int
    summary: Summary
    agreement: tuple[float, float, float]
    private: tuple[float, float, float] | None
    sobol: SobolResult | None
    morris: MorrisResult | None
    ranking: tuple[Ranked, ...]
    ranked_by: str
    outcomes: SampleOutcomes
    concepts: tuple[str, ...]
    seconds: float
    executor: str = ""
    """Where the samples ran (``"in-process (2 threads)"``, ``"2 local processes"``, ...)."""
    out: str | None = None
    """The run folder (``--out``), or ``None``."""
    chunks: tuple[int, int] = (0, 0)
    """Chunks read back from a resumed run's folder, and chunks computed by this run."""


def default_workers() -> int:
    """Worker threads by default: the processors this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _outputs(
    out: SampleOutcomes, principals: Sequence[str], private: bool
) -> dict[str, FloatArray]:
    pay = out.payoffs(0)
    res = {"agreement": out.deal.astype(np.float64), "margin": out.margin}
    if private:
        res["agreement_private"] = out.private_deal.astype(np.float64)
    for i, p in enumerate(principals):
        res[f"nash.{p}"] = pay[:, i]
    return res


def _rank(
    decl: Declaration, sob: SobolResult | None, mor: MorrisResult | None, deals: int, n: int
) -> tuple[tuple[Ranked, ...], str]:
    d = len(decl.parameters)
    nan = np.full(d, np.nan)
    key = "agreement" if 0 < deals < n else "margin"
    if sob is not None and not np.isfinite(sob.st[key]).any():
        key = "margin"
    s1 = sob.s1[key] if sob else nan
    s1c = sob.s1_conf[key] if sob else nan
    st = sob.st[key] if sob else nan
    stc = sob.st_conf[key] if sob else nan
    mu = mor.mu_star[key] if mor else nan
    muc = mor.mu_star_conf[key] if mor else nan
    score = np.nan_to_num(st if sob else mu, nan=-np.inf)
    order = np.argsort(-score, kind="stable")
    rows = tuple(
        Ranked(
            decl.parameters[k].path,
            decl.parameters[k].text,
            float(s1[k]),
            float(s1c[k]),
            float(st[k]),
            float(stc[k]),
            float(mu[k]),
            float(muc[k]),
        )
        for k in order
    )
    what = ("Sobol total index" if sob else "Morris mu*") + f" of {key}"
    return rows, what


def uncertainty_analysis(
    scenario: str | Path | Sources = DEFAULT_SCENARIO,
    *,
    samples: int,
    seed: int,
    sensitivity: str = "both",
    sobol_base: int = 512,
    morris_trajectories: int = 20,
    top: int = 3,
    memory: int = DEFAULT_MEMORY,
    workers: int | None = None,
    executor: Executor | None = None,
    out: str | Path | None = None,
    progress: StageProgress | None = None,
) -> UncertaintyReport:
    """Probability of agreement, reasons, solutions and sensitivity under declared uncertainty.

    Parameters
    ----------
    scenario:
        A built-in name, a scenario file with an ``uncertainty:`` section, or an uncertainty
        file (``kind: uncertainty``) naming a scenario; or the texts
        :func:`accord.api.scenario_sources` returns (for a client's document).
    samples, seed:
        Monte Carlo draws and the seed of their blocks.
    sensitivity:
        ``sobol``, ``morris``, ``both`` or ``none``.
    sobol_base:
        Sobol base sample size ``N`` (a power of 2; ``N * (D + 2)`` runs).
    morris_trajectories:
        Morris trajectories ``r`` (``r * (D + 1)`` runs).
    top:
        Packages listed per solution concept.
    memory:
        Working-memory budget in bytes, shared by the workers; samples are chunked to fit.
    workers:
        Threads (default: the processors available); ignored with ``executor``.
    executor:
        Where the tasks run (default: :class:`~accord.sweep.LocalExecutor`; see
        :func:`accord.api.sweep_executor`). The caller closes an executor it passes.
    out:
        A run folder (new or empty): each finished block is checkpointed there, then
        ``samples.parquet`` holds one row per sample; :func:`accord.api.resume_sweep`
        continues an interrupted run.
    progress:
        Called after each task with ``(stage, done, total)``.
    """
    if sensitivity not in SENSITIVITY_METHODS:
        raise InputError(
            f"--sensitivity {sensitivity}: choose one of {', '.join(SENSITIVITY_METHODS)}"
        )
    if samples < 1:
        raise InputError(f"--samples {samples}: at least 1 sample")
    if seed < 0:
        raise InputError(f"--seed {seed}: a seed is a non-negative integer")
    if top < 1:
        raise InputError(f"--top {top}: at least 1")
    sources = scenario if isinstance(scenario, Sources) else read_sources(scenario)
    _declared(sources)
    run = {
        "kind": "uncertainty",
        "sources": dataclasses.asdict(sources),
        "samples": samples,
        "seed": seed,
        "sensitivity": sensitivity,
        "sobol_base": sobol_base,
        "morris_trajectories": morris_trajectories,
        "top": top,
    }
    return run_uncertainty(
        run,
        store=open_run(out, run),
        executor=executor,
        threads=workers,
        memory=memory,
        progress=progress,
    )


def _declared(sources: Sources) -> Declaration:
    decl = _prepared(sources).declaration
    if decl is None:
        raise InputError(
            f"{sources.scenario_origin}: the scenario declares no uncertainty; add an "
            "`uncertainty:` section with the ranges of its numbers, or give an uncertainty file "
            "(kind: uncertainty) that names it (see docs/uncertainty.md)"
        )
    return decl


def memory_share(sa: SampledAnalysis, memory: int, ex: Executor, margins: bool) -> int:
    """Each worker's share of the memory budget, checked against one sample's needs."""
    share = max(1, memory // ex.workers)
    need = sa.bytes_per_sample(margins=margins)
    if need > share:
        raise InputError(
            f"one sample of this scenario needs about {need / 2**20:,.1f} MiB of working memory, "
            f"more than the budget of {memory / 2**20:,.1f} MiB shared by {ex.workers} worker(s); "
            "raise the budget (--memory MiB) or use fewer workers"
        )
    return share


def run_uncertainty(
    run: Mapping[str, Any],
    *,
    store: ChunkStore | None = None,
    executor: Executor | None = None,
    threads: int | None = None,
    memory: int = DEFAULT_MEMORY,
    progress: StageProgress | None = None,
) -> UncertaintyReport:
    """The analysis a run description asks for (see :func:`uncertainty_analysis`)."""
    start = time.perf_counter()
    sources = Sources(**run["sources"])
    samples, seed, sensitivity = int(run["samples"]), int(run["seed"]), str(run["sensitivity"])
    top = int(run["top"])
    sa = _prepared(sources)
    decl = _declared(sources)
    with running(executor, store, threads) as ex:
        share = memory_share(sa, memory, ex, sensitivity != "none")
        tasks = [BlockTask(sources, seed, k, rows, share) for k, rows in block_rows(samples)]
        stage = (lambda name: lambda d, t: progress(name, d, t)) if progress else None
        done, read = collect_samples(sa, tasks, ex, store, stage("samples") if stage else None)
        if read is None:
            assert done.results is not None
            outcomes = SampleOutcomes.concat([o for _, o in done.results])
        else:
            _, outcomes = columns_outcomes(
                read(),
                names=sa.names,
                principals=sa.principals,
                ratifiers=sa.ratifiers,
                concepts=sa.concepts,
            )
        return _report(
            sa,
            decl,
            sources,
            outcomes,
            samples,
            seed,
            sensitivity,
            run,
            top,
            ex,
            share,
            memory,
            stage,
            start,
            store,
            done,
        )


def _report(
    sa: SampledAnalysis,
    decl: Declaration,
    sources: Sources,
    outcomes: SampleOutcomes,
    samples: int,
    seed: int,
    sensitivity: str,
    run: Mapping[str, Any],
    top: int,
    ex: Executor,
    share: int,
    memory: int,
    stage: Callable[[str], Progress] | None,
    start: float,
    store: ChunkStore | None,
    done: ChunkRun[Any],
) -> UncertaintyReport:
    private = bool(decl.beliefs)
    summary = summarise(outcomes, sa.scenario, sa.concepts, top=top, private=private)
    agreement = (summary.deals / samples, *proportion_interval(summary.deals, samples))
    priv = None
    if summary.private_deals is not None:
        priv = (
            summary.private_deals / samples,
            *proportion_interval(summary.private_deals, samples),
        )
    sobol_base, morris_trajectories = int(run["sobol_base"]), int(run["morris_trajectories"])
    sob = mor = None
    names = sa.names
    if names and sensitivity != "none":

        def model(name: str) -> Callable[[FloatArray], dict[str, FloatArray]]:
            def evaluate(points: FloatArray) -> dict[str, FloatArray]:
                pts = [
                    PointsTask(sources, points[i : i + BLOCK_SIZE], share)
                    for i in range(0, points.shape[0], BLOCK_SIZE)
                ]
                res = SampleOutcomes.concat(ex.map(run_points, pts, stage(name) if stage else None))
                return _outputs(res, sa.principals, private)

            return evaluate

        if sensitivity in ("sobol", "both"):
            sob = sobol(model("sobol"), names, sobol_base, seed=seed)
        if sensitivity in ("morris", "both"):
            mor = morris(model("morris"), names, morris_trajectories, seed=seed)
    ranking: tuple[Ranked, ...] = ()
    ranked_by = ""
    if sob is not None or mor is not None:
        ranking, ranked_by = _rank(decl, sob, mor, summary.deals, samples)
    return UncertaintyReport(
        scenario=sa.scenario,
        declaration=decl,
        samples=samples,
        seed=seed,
        workers=ex.workers,
        memory=memory,
        summary=summary,
        agreement=agreement,
        private=priv,
        sobol=sob,
        morris=mor,
        ranking=ranking,
        ranked_by=ranked_by,
        outcomes=outcomes,
        concepts=sa.concepts,
        seconds=time.perf_counter() - start,
        executor=ex.name,
        out=None if store is None else str(store.folder),
        chunks=(done.reused, done.computed),
    )
