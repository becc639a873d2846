"""Facade: where a sweep runs and where its results go.

:func:`sweep_executor` makes the executor a front end asks for (in-process threads, a local
pool of processes, or Dask); :func:`open_run` makes or reopens a run folder
(:class:`~accord.sweep.ChunkStore`); :func:`outcome_columns` and :func:`columns_outcomes`
turn the per-sample results of the analysis under uncertainty into the columns of
``samples.parquet`` and back, losslessly (a resumed run reads its finished chunks back).
:func:`resume_sweep` continues the run a folder holds, whatever its kind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from accord._types import FloatArray
from accord.bargaining.uncertainty import SampleOutcomes
from accord.bargaining.uncertainty.outcomes import REASONS
from accord.errors import InputError
from accord.sweep import (
    BLOCK_SIZE,
    ChunkRun,
    ChunkStore,
    Columns,
    Executor,
    LocalExecutor,
    ProcessExecutor,
    read_parquet_columns,
    run_chunks,
)
from accord.sweep.executor import Progress

if TYPE_CHECKING:
    from accord.api._uncertainty import BlockTask
    from accord.bargaining.uncertainty import SampledAnalysis

__all__ = [
    "collect_samples",
    "columns_outcomes",
    "open_run",
    "outcome_columns",
    "resume_sweep",
    "running",
    "sweep_executor",
    "write_summary",
]


def sweep_executor(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
    threads: int | None = None,
) -> Executor:
    """The executor a sweep runs on: at most one of ``workers`` (a local pool of processes),
    ``scheduler`` (a running Dask cluster, ``tcp://HOST:PORT``) and ``dask_local`` (a Dask
    ``LocalCluster`` of that many workers on 127.0.0.1); none: in this process, on
    ``threads`` threads (default: the processors available).

    Raises
    ------
    InputError
        For two choices at once, a count below 1, or Dask asked for but not installed (the
        message names ``pip install 'accord[dask]'``).
    """
    chosen = [
        f"--{n}"
        for n, v in (("workers", workers), ("scheduler", scheduler), ("dask-local", dask_local))
        if v is not None
    ]
    if len(chosen) > 1:
        raise InputError(f"{' and '.join(chosen)}: choose one executor")
    for name, count in (("--workers", workers), ("--dask-local", dask_local)):
        if count is not None and count > MAX_LOCAL_WORKERS:
            raise InputError(
                f"{name} {count}: at most {MAX_LOCAL_WORKERS} processes on one machine (this "
                f"one has {os.cpu_count() or 1} processors); for more, run a Dask cluster "
                "(--scheduler)"
            )
    if workers is not None:
        if workers < 1:
            raise InputError(f"--workers {workers}: at least 1 process")
        return ProcessExecutor(workers)
    if scheduler is not None or dask_local is not None:
        if scheduler is not None and not scheduler.strip():
            raise InputError("--scheduler: give the scheduler's address, tcp://HOST:PORT")
        from accord.sweep.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, local_workers=dask_local)
    if threads is not None and threads < 1:
        raise InputError(f"threads={threads}: at least 1")
    from accord.api._uncertainty import default_workers

    return LocalExecutor(threads or default_workers())


MAX_LOCAL_WORKERS = 256
"""Worker processes one command starts on this machine at most (--workers, --dask-local)."""


@contextmanager
def running(
    executor: Executor | None, store: ChunkStore | None = None, threads: int | None = None
) -> Iterator[Executor]:
    """``executor``, or threads in this process made (and closed) here; the run folder's lock
    is released at the end, however the run ends. A new run folder in which no chunk
    finished (bad input found after it was made, Ctrl-C before the first chunk) is removed,
    so the same command can be given again."""
    from accord.api._uncertainty import default_workers

    ex = executor or LocalExecutor(threads or default_workers())
    try:
        yield ex
    except BaseException:
        if store is not None:
            store.discard()
        raise
    finally:
        if store is not None:
            store.close()
        if executor is None:
            ex.close()


def open_run(out: str | Path | None, run: dict[str, Any]) -> ChunkStore | None:
    """A new run folder for ``run`` (``None`` without ``out``)."""
    return None if out is None else ChunkStore.create(Path(out), run)


def write_summary(folder: str | Path, data: Any) -> Path:
    """Write ``data`` (JSON-ready; NaN becomes null) as ``summary.json`` in a run folder."""
    path = Path(folder)
    if not (path / "run.json").is_file():
        raise InputError(f"{path}: not a run folder (no run.json)")
    return ChunkStore(path, {}).write_summary(data)


def outcome_columns(
    first: int,
    draws: FloatArray,
    out: SampleOutcomes,
    *,
    names: Sequence[str],
    principals: Sequence[str],
    ratifiers: Sequence[str],
    concepts: Sequence[str],
    extra: Columns | None = None,
) -> dict[str, np.ndarray]:
    """One row per sample: ``sample`` (its id), ``draw.PATH`` per parameter, then the facts
    of :class:`SampleOutcomes` (``reason`` as its name; per principal, ratifier or concept a
    column each: ``nash.package``, ``nash.u.us``, ...). ``extra`` columns come first."""
    n = out.size
    cols: dict[str, np.ndarray] = dict(extra or {})
    cols["sample"] = np.arange(first, first + n, dtype=np.int64)
    for d, name in enumerate(names):
        cols[f"draw.{name}"] = np.ascontiguousarray(draws[:, d], dtype=np.float64)
    cols["deal"] = out.deal
    cols["negotiators"] = out.negotiators
    cols["zopa"] = out.zopa.astype(np.int64)
    cols["reason"] = np.asarray(REASONS, dtype=str)[out.reason]
    for i, p in enumerate(principals):
        cols[f"unreachable.{p}"] = out.unreachable[:, i]
        cols[f"no_deal.{p}"] = out.no_deal[:, i]
    for j, r in enumerate(ratifiers):
        cols[f"pivotal.{r}"] = out.pivotal[:, j]
    for c, concept in enumerate(concepts):
        cols[f"{concept}.package"] = out.solution[:, c].astype(np.int64)
        cols[f"{concept}.degenerate"] = out.degenerate[:, c]
        for i, p in enumerate(principals):
            cols[f"{concept}.u.{p}"] = out.utility[:, c, i]
    cols["margin"] = out.margin
    cols["private_deal"] = out.private_deal
    for i, p in enumerate(principals):
        cols[f"proposal.{p}"] = out.proposal[:, i].astype(np.int64)
    return cols


def columns_outcomes(
    cols: Columns,
    *,
    names: Sequence[str],
    principals: Sequence[str],
    ratifiers: Sequence[str],
    concepts: Sequence[str],
) -> tuple[FloatArray, SampleOutcomes]:
    """The inverse of :func:`outcome_columns`: ``(draws, outcomes)``."""
    n = len(cols["sample"])

    def stack(keys: list[str], dtype: Any, shape: tuple[int, ...]) -> Any:
        if not keys:
            return np.zeros(shape, dtype=dtype)
        return np.stack([np.asarray(cols[k], dtype=dtype) for k in keys], axis=1).reshape(shape)

    m, r, c_n = len(principals), len(ratifiers), len(concepts)
    draws = stack([f"draw.{x}" for x in names], np.float64, (n, len(names)))
    code = {name: k for k, name in enumerate(REASONS)}
    out = SampleOutcomes(
        deal=np.asarray(cols["deal"], dtype=bool),
        negotiators=np.asarray(cols["negotiators"], dtype=bool),
        zopa=np.asarray(cols["zopa"], dtype=np.int64),
        reason=np.array([code[str(x)] for x in cols["reason"]], dtype=np.int64),
        unreachable=stack([f"unreachable.{p}" for p in principals], bool, (n, m)),
        pivotal=stack([f"pivotal.{x}" for x in ratifiers], bool, (n, r)),
        solution=stack([f"{c}.package" for c in concepts], np.int64, (n, c_n)),
        utility=stack(
            [f"{c}.u.{p}" for c in concepts for p in principals], np.float64, (n, c_n, m)
        ),
        degenerate=stack([f"{c}.degenerate" for c in concepts], bool, (n, c_n)),
        no_deal=stack([f"no_deal.{p}" for p in principals], np.float64, (n, m)),
        margin=np.asarray(cols["margin"], dtype=np.float64),
        private_deal=np.asarray(cols["private_deal"], dtype=bool),
        proposal=stack([f"proposal.{p}" for p in principals], np.int64, (n, m)),
    )
    return draws, out


def collect_samples(
    sa: SampledAnalysis,
    tasks: Sequence[BlockTask],
    ex: Executor,
    store: ChunkStore | None,
    progress: Progress | None,
    extra: Callable[[int], Columns] | None = None,
) -> tuple[ChunkRun[tuple[FloatArray, SampleOutcomes]], Callable[[], Columns] | None]:
    """Run the blocks (checkpointed in ``store``); without a store the results are in the
    returned run, with one ``samples.parquet`` is written and a reader of its columns is
    returned. ``extra(i)`` gives chunk ``i``'s leading columns (a grid point's)."""
    from accord.api._uncertainty import run_sample_block

    def encode(i: int, result: tuple[FloatArray, SampleOutcomes]) -> Columns:
        return outcome_columns(
            tasks[i].block * BLOCK_SIZE,
            *result,
            names=sa.names,
            principals=sa.principals,
            ratifiers=sa.ratifiers,
            concepts=sa.concepts,
            extra=extra(i) if extra is not None else None,
        )

    done = run_chunks(ex, run_sample_block, tasks, store=store, encode=encode, progress=progress)
    if store is None:
        return done, None
    path = store.finish(list(range(len(tasks))))
    return done, lambda: read_parquet_columns(path)


COMMANDS = {
    "uncertainty": "accord uncertainty",
    "uncertainty_grid": "accord uncertainty",
    "simulate": "accord simulate",
    "forecast": "accord forecast",
}
"""The command that starts (and resumes) each kind of run."""


def resume_sweep(
    folder: str | Path,
    *,
    executor: Executor | None = None,
    memory: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    expect: Sequence[str] | None = None,
    notify: Callable[[str], None] | None = None,
) -> Any:
    """Continue the run in ``folder`` (from ``--out``) where it stopped: finished chunks are
    read back, never computed again; the result is that of the uninterrupted run. Chunks the
    manifest lists whose files are missing or damaged are computed again, and ``notify`` is
    told so.

    Returns the run's report: an :class:`~accord.api.UncertaintyReport`, a
    :class:`~accord.api.GridReport`, a :class:`~accord.api.SampledBargaining` or a
    :class:`~accord.api.ForecastSweep`, as the run was started. ``expect`` lists the kinds of
    run the caller takes (``uncertainty``, ``uncertainty_grid``, ``simulate``,
    ``forecast``); another kind is refused before any work.
    """
    store = ChunkStore.open(Path(folder))
    kind = store.run.get("kind")
    if expect is not None and kind not in expect:
        store.close()
        other = COMMANDS.get(str(kind), "another command")
        raise InputError(
            f"--resume {folder}: the folder holds a run of `{other}`; resume it with that command"
        )
    for key in ("samples", "seed"):
        value = store.run.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            store.close()
            raise InputError(
                f"--resume {folder}: run.json: '{key}' must be a whole number, not {value!r}; "
                "the file was edited (start the run again with --out NEW_FOLDER)"
            )
    if store.dropped and notify is not None:
        ids = ", ".join(f"{c:06d}" for c in store.dropped[:5])
        more = "..." if len(store.dropped) > 5 else ""
        notify(
            f"note: {len(store.dropped)} chunk(s) the manifest lists were missing or damaged "
            f"({ids}{more}); they are computed again"
        )
    kwargs: dict[str, Any] = {"executor": executor, "progress": progress}
    if memory is not None:
        kwargs["memory"] = memory
    try:
        return _resume(kind, store, kwargs, folder)
    except (KeyError, TypeError) as exc:
        store.close()
        raise InputError(
            f"--resume {folder}: run.json lacks or mistypes {exc}; the file was edited (start "
            "the run again with --out NEW_FOLDER)"
        ) from None


def _resume(kind: Any, store: ChunkStore, kwargs: dict[str, Any], folder: str | Path) -> Any:
    if kind == "uncertainty":
        from accord.api._uncertainty import run_uncertainty

        return run_uncertainty(store.run, store=store, **kwargs)
    if kind == "uncertainty_grid":
        from accord.api._grid import run_grid

        return run_grid(store.run, store=store, **kwargs)
    if kind == "simulate":
        from accord.api._sampled_bargaining import run_simulate

        return run_simulate(store.run, store=store, **kwargs)
    if kind == "forecast":
        from accord.api._forecast_sweep import run_forecast_sweep

        return run_forecast_sweep(store.run, store=store, **kwargs)
    raise InputError(f"--resume {folder}: unknown kind of run {kind!r} in run.json")
