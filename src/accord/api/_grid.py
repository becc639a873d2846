"""Facade: the probability of agreement over a grid of settings, against the declared draws.

``--grid NAME=a,b,c`` (or ``NAME=LOW:HIGH:N``) names either a **setting** of the scenario (a
lever, ``china.enforcement=full,partial,lax``; or any other name ``accord whatif --set``
takes: a red line, an adjustable number) or a **declared uncertain number**
(``congress.threshold=0.7:0.9:5``), which is then **held** at each grid value in every sample
instead of being drawn (:mod:`accord.scenario.uncertainty.hold`). The grid points are the
full product of the axes. At every point the same samples are drawn (the same seed and
blocks: common random numbers), so the differences between points are the settings', not
the draws'. Each point's probability of agreement has its Wilson interval.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from accord.api._sweep import collect_samples, open_run, running
from accord.api._uncertainty import (
    BlockTask,
    StageProgress,
    _held,
    _prepared,
    memory_share,
    run_block,
)
from accord.errors import InputError
from accord.scenario import DEFAULT_SCENARIO
from accord.scenario.uncertainty.loader import Sources, read_sources
from accord.sweep import (
    DEFAULT_MEMORY,
    Axis,
    Executor,
    block_rows,
    grid_points,
    parse_axis,
    proportion_interval,
)

__all__ = ["GridPoint", "GridReport", "run_block_counts", "run_grid", "uncertainty_grid"]


@dataclass(frozen=True, slots=True)
class GridPoint:
    """One grid point: its values (in axis order), the draws with a deal and with the
    negotiators able to agree, and ``agreement`` ``(p, low, high)`` (95% Wilson interval)."""

    values: tuple[str | float, ...]
    deals: int
    negotiators: int
    agreement: tuple[float, float, float]


@dataclass(frozen=True, slots=True, eq=False)
class GridReport:
    """The probability of agreement at every grid point.

    ``held`` names the axes that hold a declared number (the others are settings);
    ``chunks`` counts chunks read back from a resumed run's folder and chunks computed.
    """

    title: str
    axes: tuple[Axis, ...]
    held: tuple[str, ...]
    samples: int
    seed: int
    points: tuple[GridPoint, ...]
    executor: str
    seconds: float
    out: str | None = None
    chunks: tuple[int, int] = (0, 0)

    def table(self) -> Any:
        """``(len(axis 0), len(axis 1), ...)`` array of the probabilities of agreement."""
        return np.array([p.agreement[0] for p in self.points]).reshape(
            tuple(len(a.values) for a in self.axes)
        )


MAX_GRID_ANALYSES = 10**9
"""Grid points x draws at most in one run (a task is one block of draws at one point)."""


def _split(axes: Sequence[Axis], declared: Sequence[str]) -> tuple[list[int], list[int]]:
    """Axes that hold a declared number, and axes that are settings."""
    held = [i for i, a in enumerate(axes) if a.name in declared]
    return held, [i for i in range(len(axes)) if i not in held]


def _number(axis: Axis, value: str | float) -> float:
    try:
        return float(value)
    except ValueError:
        raise InputError(
            f"--grid {axis.name}={value}: {axis.name} is a declared uncertain number; its "
            "grid values are numbers"
        ) from None


def _text(value: str | float) -> str:
    return value if isinstance(value, str) else f"{value:.12g}"


def _point_changes(
    axes: Sequence[Axis], held: Sequence[int], point: Sequence[str | float]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, float], ...]]:
    settings = tuple((axes[i].name, _text(point[i])) for i in range(len(axes)) if i not in held)
    numbers = tuple((axes[i].name, _number(axes[i], point[i])) for i in held)
    return settings, numbers


def uncertainty_grid(
    scenario: str | Path = DEFAULT_SCENARIO,
    grid: Sequence[str] = (),
    *,
    samples: int,
    seed: int,
    memory: int = DEFAULT_MEMORY,
    executor: Executor | None = None,
    out: str | Path | None = None,
    progress: StageProgress | None = None,
) -> GridReport:
    """The probability of agreement at every point of a grid of settings.

    Parameters
    ----------
    scenario:
        A scenario with declared uncertainty (or an uncertainty file naming one).
    grid:
        Axes, ``"NAME=a,b,c"`` or ``"NAME=LOW:HIGH:N"``: lever settings (and other
        ``whatif --set`` names), or declared uncertain numbers held at each value.
    samples, seed:
        Draws per grid point (the same draws at every point) and their seed.
    memory, executor, out, progress:
        As for :func:`accord.api.uncertainty_analysis`.
    """
    if not grid:
        raise InputError("--grid: give at least one axis, NAME=A,B,C or NAME=LOW:HIGH:N")
    if samples < 1:
        raise InputError(f"--samples {samples}: at least 1 sample")
    if seed < 0:
        raise InputError(f"--seed {seed}: a seed is a non-negative integer")
    axes = [parse_axis(spec) for spec in grid]
    n_points = len(grid_points(axes))  # refuse an axis given twice or too many points now
    if n_points * samples > MAX_GRID_ANALYSES:
        raise InputError(
            f"--grid x --samples: {n_points:,} points x {samples:,} draws = "
            f"{n_points * samples:,} analyses, more than {MAX_GRID_ANALYSES:,}; use fewer "
            "points or draws (or split the grid into several runs)"
        )
    sources = read_sources(scenario)
    sa = _prepared(sources)
    if sa.declaration is None:
        raise InputError(
            f"{sources.scenario_origin}: the scenario declares no uncertainty to draw against "
            "the grid; add an `uncertainty:` section (see docs/uncertainty.md)"
        )
    held, _ = _split(axes, sa.names)
    for i, axis in enumerate(axes):  # every value on its own: one clear error, early
        for value in axis.values:
            settings, numbers = _point_changes([axis], [0] if i in held else [], [value])
            try:
                _held(sources, settings, numbers)
            except InputError as exc:  # the what-if words, for the option the user gave
                raise InputError(str(exc).replace("--set ", "--grid ", 1)) from None
    run = {
        "kind": "uncertainty_grid",
        "sources": dataclasses.asdict(sources),
        "samples": samples,
        "seed": seed,
        "grid": [a.to_json() for a in axes],
    }
    return run_grid(
        run, store=open_run(out, run), executor=executor, memory=memory, progress=progress
    )


def run_block_counts(task: BlockTask) -> tuple[int, int]:
    """Draws of one block with a deal, and with the negotiators able to agree."""
    out = run_block(task)
    return int(out.deal.sum()), int(out.negotiators.sum())


def run_grid(
    run: Mapping[str, Any],
    *,
    store: Any = None,
    executor: Executor | None = None,
    memory: int = DEFAULT_MEMORY,
    progress: StageProgress | None = None,
) -> GridReport:
    """The grid a run description asks for (see :func:`uncertainty_grid`)."""
    start = time.perf_counter()
    sources = Sources(**run["sources"])
    samples, seed = int(run["samples"]), int(run["seed"])
    axes = [Axis(str(n), tuple(v)) for n, v in run["grid"]]
    points = grid_points(axes)
    sa = _prepared(sources)
    held, _ = _split(axes, sa.names)
    with running(executor, store) as ex:
        share = memory_share(sa, memory, ex, False)
        blocks = block_rows(samples)
        changes = [_point_changes(axes, held, p) for p in points]
        tasks = [
            BlockTask(sources, seed, k, rows, share, False, settings, numbers)
            for settings, numbers in changes
            for k, rows in blocks
        ]
        report: Callable[[int, int], None] | None = (
            (lambda d, t: progress("grid", d, t)) if progress else None
        )
        deals = np.zeros(len(points), dtype=np.int64)
        agree = np.zeros(len(points), dtype=np.int64)
        if store is None:
            counts = ex.map(run_block_counts, tasks, report)
            for i, (d, a) in enumerate(counts):
                deals[i // len(blocks)] += d
                agree[i // len(blocks)] += a
            chunks = (0, len(tasks))
        else:

            def extra(i: int) -> dict[str, Any]:
                p, n = i // len(blocks), tasks[i].rows
                cols: dict[str, Any] = {"point": np.full(n, p, dtype=np.int64)}
                for axis, value in zip(axes, points[p], strict=True):
                    cols[f"grid.{axis.name}"] = np.full(n, value)
                return cols

            done, read = collect_samples(sa, tasks, ex, store, report, extra)
            assert read is not None
            cols = read()
            point, deal = cols["point"], cols["deal"].astype(bool)
            deals = np.bincount(point[deal], minlength=len(points))
            agree = np.bincount(point[cols["negotiators"].astype(bool)], minlength=len(points))
            chunks = (done.reused, done.computed)
        return GridReport(
            title=sa.scenario.title,
            axes=tuple(axes),
            held=tuple(axes[i].name for i in held),
            samples=samples,
            seed=seed,
            points=tuple(
                GridPoint(
                    tuple(p),
                    int(deals[j]),
                    int(agree[j]),
                    (float(deals[j]) / samples, *proportion_interval(int(deals[j]), samples)),
                )
                for j, p in enumerate(points)
            ),
            executor=ex.name,
            seconds=time.perf_counter() - start,
            out=None if store is None else str(store.folder),
            chunks=chunks,
        )
