"""Facade: the analysis under uncertainty (probability of agreement, reasons, solutions,
private information) and the global sensitivity of the verdict.

The work is split into small tasks that a pure function runs: :func:`run_block` evaluates
block ``k`` of the samples from ``(the scenario's text, its declaration, seed, k)`` and
nothing else, so the same blocks give the same result on one thread, on several, or on other
machines (the sweep executors run them).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from accord._types import FloatArray
from accord.api._levers import resolve_levers
from accord.bargaining.uncertainty import SampledAnalysis, SampleOutcomes
from accord.bargaining.uncertainty.summary import Summary, summarise
from accord.errors import InputError
from accord.scenario import DEFAULT_SCENARIO, Scenario
from accord.scenario.uncertainty.loader import Sources, load_sources, read_sources
from accord.scenario.uncertainty.model import Declaration
from accord.sweep import (
    BLOCK_SIZE,
    DEFAULT_MEMORY,
    Executor,
    LocalExecutor,
    MorrisResult,
    SobolResult,
    block_rows,
    block_uniforms,
    chunk_rows,
    morris,
    proportion_interval,
    sobol,
)

__all__ = [
    "SENSITIVITY_METHODS",
    "BlockTask",
    "PointsTask",
    "Ranked",
    "UncertaintyReport",
    "default_workers",
    "run_block",
    "run_points",
    "uncertainty_analysis",
]

CHUNK_CAP = 64
"""Samples per array computation at most (small chunks stay in the processor's cache)."""

SENSITIVITY_METHODS = ("sobol", "morris", "both", "none")

StageProgress = Callable[[str, int, int], None]
"""Called with ``(stage, done, total)``; stages ``samples``, ``sobol``, ``morris``."""


@dataclass(frozen=True, slots=True)
class BlockTask:
    """Evaluate block ``block`` (``rows`` samples) of a run seeded ``seed``."""

    sources: Sources
    seed: int
    block: int
    rows: int
    memory: int = DEFAULT_MEMORY
    margins: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class PointsTask:
    """Evaluate given points of the unit cube (a sensitivity design), with margins."""

    sources: Sources
    points: FloatArray
    memory: int = DEFAULT_MEMORY


@lru_cache(maxsize=8)
def _prepared(sources: Sources) -> SampledAnalysis:
    return SampledAnalysis(resolve_levers(load_sources(sources)))


def _evaluate(sa: SampledAnalysis, u: FloatArray, memory: int, margins: bool) -> SampleOutcomes:
    decl = sa.declaration
    x = decl.draw(u) if decl is not None else np.zeros((u.shape[0], 0))
    rows = chunk_rows(sa.bytes_per_sample(margins=margins), memory, cap=CHUNK_CAP)
    return SampleOutcomes.concat(
        [sa.evaluate(x[i : i + rows], margins=margins) for i in range(0, x.shape[0], rows)]
    )


def run_block(task: BlockTask) -> SampleOutcomes:
    """The outcomes of one block of samples: a pure function of the task."""
    sa = _prepared(task.sources)
    u = block_uniforms(task.seed, task.block, task.rows, len(sa.names))
    return _evaluate(sa, u, task.memory, task.margins)


def run_points(task: PointsTask) -> SampleOutcomes:
    """The outcomes (with margins) at given points of the unit cube."""
    return _evaluate(_prepared(task.sources), task.points, task.memory, True)


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
        Where the tasks run (default: :class:`~accord.sweep.LocalExecutor`).
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
    start = time.perf_counter()
    sources = scenario if isinstance(scenario, Sources) else read_sources(scenario)
    sa = _prepared(sources)
    decl = sa.declaration
    if decl is None:
        raise InputError(
            f"{sources.scenario_origin}: the scenario declares no uncertainty; add an "
            "`uncertainty:` section with the ranges of its numbers, or give an uncertainty file "
            "(kind: uncertainty) that names it (see docs/uncertainty.md)"
        )
    ex = executor or LocalExecutor(workers or default_workers())
    share = max(1, memory // ex.workers)
    need = sa.bytes_per_sample(margins=sensitivity != "none")
    if need > share:
        raise InputError(
            f"one sample of this scenario needs about {need / 2**20:,.1f} MiB of working memory, "
            f"more than the budget of {memory / 2**20:,.1f} MiB shared by {ex.workers} worker(s); "
            "raise the budget (--memory MiB) or use fewer workers"
        )
    tasks = [BlockTask(sources, seed, k, rows, share) for k, rows in block_rows(samples)]
    stage = (lambda name: lambda d, t: progress(name, d, t)) if progress else None
    parts = ex.map(run_block, tasks, stage("samples") if stage else None)
    outcomes = SampleOutcomes.concat(parts)
    private = bool(decl.beliefs)
    summary = summarise(outcomes, sa.scenario, sa.concepts, top=top, private=private)
    agreement = (summary.deals / samples, *proportion_interval(summary.deals, samples))
    priv = None
    if summary.private_deals is not None:
        priv = (
            summary.private_deals / samples,
            *proportion_interval(summary.private_deals, samples),
        )
    sob = mor = None
    names = sa.names
    if names and sensitivity != "none":

        def model(name: str) -> Callable[[FloatArray], dict[str, FloatArray]]:
            def run(points: FloatArray) -> dict[str, FloatArray]:
                pts = [
                    PointsTask(sources, points[i : i + BLOCK_SIZE], share)
                    for i in range(0, points.shape[0], BLOCK_SIZE)
                ]
                res = SampleOutcomes.concat(ex.map(run_points, pts, stage(name) if stage else None))
                return _outputs(res, sa.principals, private)

            return run

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
    )
