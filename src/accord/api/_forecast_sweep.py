"""Facade: forecasts under perturbed capabilities and saliences (``accord forecast FILE
--samples N``).

Each sample multiplies every actor's capability (and issue-specific power) by its own factor
drawn uniformly from ``[1 - c, 1 + c]`` and every salience by a factor from ``[1 - s, 1 + s]``
(clipped to [0, 1]; an absent actor stays absent), then runs the chosen models. The draws come
from the same fixed blocks as every sweep (sample ``i`` of block ``k`` from the block's child
seed), so the result does not depend on the executor or the number of workers. A forecast is
costly (seconds for the SMP on 160 actors), so a chunk is a slice of a block, of a size fixed
when the run starts (written in ``run.json``): the chunks of a resumed run are the same.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from accord._types import FloatArray
from accord.api._forecast import model_names, run_model
from accord.api._sweep import open_run, running
from accord.api._uncertainty import default_workers
from accord.errors import InputError
from accord.forecast.base import check_size
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.model import SpatialData
from accord.sweep import (
    BLOCK_SIZE,
    ChunkStore,
    Executor,
    block_slices,
    block_uniforms,
    read_parquet_columns,
    run_chunks,
)

__all__ = [
    "ForecastSweep",
    "ForecastTask",
    "forecast_samples",
    "perturbed",
    "run_forecast_chunk",
    "run_forecast_sweep",
]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True, slots=True, eq=False)
class ForecastTask:
    """Forecast samples ``start:stop`` of block ``block``: the spatial data (a few arrays of
    one number per actor and dimension), the models with their switches, the ranges."""

    data: SpatialData
    models: tuple[str, ...]
    settings: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
    seed: int
    block: int
    start: int
    stop: int
    capability: float
    salience: float


def perturbed(data: SpatialData, u: FloatArray, capability: float, salience: float) -> SpatialData:
    """``data`` with capabilities and saliences scaled by the factors uniforms ``u`` give
    (``u[:n]`` the actors', ``u[n:]`` the saliences' in row order)."""
    n, k = data.position.shape
    cap = 1.0 + capability * (2.0 * u[:n] - 1.0)
    sal = 1.0 + salience * (2.0 * u[n : n + n * k].reshape(n, k) - 1.0)
    power = data.power * cap[:, None] if data.power.size else data.power
    return dataclasses.replace(
        data,
        capability=data.capability * cap,
        salience=np.clip(data.salience * sal, 0.0, 1.0),
        power=power,
    )


def run_forecast_chunk(task: ForecastTask) -> FloatArray:
    """``(stop - start, models, dimensions)``: each sample's forecasts (a pure function of
    the task)."""
    data = task.data
    n, k = data.position.shape
    u = block_uniforms(task.seed, task.block, task.stop, n + n * k)[task.start :]
    settings = {m: dict(v) for m, v in task.settings}
    out = np.empty((u.shape[0], len(task.models), k))
    for row in range(u.shape[0]):
        d = perturbed(data, u[row], task.capability, task.salience)
        for j, model in enumerate(task.models):
            out[row, j] = run_model(d, model, settings.get(model)).forecast
    return out


@dataclass(frozen=True, slots=True, eq=False)
class ForecastSweep:
    """The distribution of each model's forecast of each dimension over perturbed samples.

    ``base`` is ``(models, dimensions)``: the forecasts of the data as given; ``forecasts``
    ``(samples, models, dimensions)``; ``quantiles`` ``(len(QUANTILES), models,
    dimensions)``, with ``mean`` and ``sd``.
    """

    name: str
    models: tuple[str, ...]
    dimensions: tuple[str, ...]
    scale: tuple[tuple[float, float], ...]
    samples: int
    seed: int
    capability: float
    salience: float
    base: FloatArray
    forecasts: FloatArray
    mean: FloatArray
    sd: FloatArray
    quantile_levels: tuple[float, ...]
    quantiles: FloatArray
    executor: str
    seconds: float
    out: str | None = None
    chunks: tuple[int, int] = (0, 0)


def _range(name: str, value: float) -> float:
    if not 0.0 <= value < 1.0:
        raise InputError(
            f"--perturb {name}={value:g}: a half-width in [0, 1): factors are drawn from "
            f"[1 - {name}, 1 + {name}]"
        )
    return float(value)


def parse_perturb(items: Sequence[str]) -> tuple[float, float]:
    """``["capability=0.2", "salience=0.1"]`` to ``(0.2, 0.1)``; both must be stated."""
    given: dict[str, float] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in ("capability", "salience"):
            raise InputError(
                f"--perturb {item!r}: expected capability=C or salience=S (half-widths of the "
                "uniform factors, e.g. capability=0.2)"
            )
        try:
            given[key] = _range(key, float(raw))
        except ValueError:
            raise InputError(f"--perturb {item!r}: {key} takes a number") from None
    missing = [k for k in ("capability", "salience") if k not in given]
    if missing:
        raise InputError(
            "--samples perturbs capabilities and saliences by factors drawn from [1 - C, 1 + C]: "
            f"state {' and '.join(f'--perturb {m}=C' for m in missing)} (0 keeps them as given)"
        )
    return given["capability"], given["salience"]


def forecast_samples(
    path: str | Path,
    *,
    samples: int,
    seed: int,
    capability: float,
    salience: float,
    models: str | Sequence[str] = "smp",
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    input_format: str | None = None,
    scale: tuple[float, float] | None = None,
    salience_scale: float | None = None,
    executor: Executor | None = None,
    out: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ForecastSweep:
    """Forecasts of ``samples`` perturbed copies of the spatial data in ``path``.

    Parameters
    ----------
    path, input_format, scale, salience_scale:
        The spatial data, as for :func:`accord.api.load_spatial_data`.
    samples, seed:
        Perturbed samples and the seed of their blocks.
    capability, salience:
        Half-widths ``c``, ``s`` in [0, 1): factors drawn from ``[1 - c, 1 + c]``.
    models, settings:
        Models (names, comma list or ``all``) and their switches.
    executor, out, progress:
        As for :func:`accord.api.uncertainty_analysis`.
    """
    if samples < 1:
        raise InputError(f"--samples {samples}: at least 1 sample")
    if seed < 0:
        raise InputError(f"--seed {seed}: a seed is a non-negative integer")
    capability, salience = _range("capability", capability), _range("salience", salience)
    file = Path(path)
    data = load_spatial(file, input_format, scale=scale, salience_scale=salience_scale)
    check_size(data)
    names = model_names(models)
    workers = executor.workers if executor is not None else default_workers()
    per_chunk = max(1, min(64, math.ceil(samples / (8 * max(workers, 2)))))
    run = {
        "kind": "forecast",
        "file": file.name,
        "input_format": input_format,
        "scale": None if scale is None else list(scale),
        "salience_scale": salience_scale,
        "samples": samples,
        "seed": seed,
        "capability": capability,
        "salience": salience,
        "models": names,
        "settings": {m: dict(v) for m, v in (settings or {}).items()},
        "chunk_rows": per_chunk,
    }
    store = open_run(out, run)
    if store is not None:
        store.attach(file.name, file.read_bytes())
    return run_forecast_sweep(run, store=store, executor=executor, progress=progress, data=data)


@lru_cache(maxsize=2)
def _load(
    path: str, fmt: str | None, scale: tuple[float, float] | None, sal: float | None
) -> SpatialData:
    return load_spatial(Path(path), fmt, scale=scale, salience_scale=sal)


def run_forecast_sweep(
    run: Mapping[str, Any],
    *,
    store: ChunkStore | None = None,
    executor: Executor | None = None,
    memory: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    data: SpatialData | None = None,
) -> ForecastSweep:
    """The sweep a run description asks for (see :func:`forecast_samples`); ``memory`` is
    accepted for a uniform resume and not used (a forecast's memory is small)."""
    start = time.perf_counter()
    if data is None:
        if store is None:
            raise ValueError("a forecast run without data needs its run folder")
        scale = None if run["scale"] is None else (float(run["scale"][0]), float(run["scale"][1]))
        data = _load(
            str(store.attachment(run["file"])), run["input_format"], scale, run["salience_scale"]
        )
    samples, seed = int(run["samples"]), int(run["seed"])
    names = tuple(str(m) for m in run["models"])
    settings = tuple((m, tuple(sorted(v.items()))) for m, v in run["settings"].items())
    cap, sal = float(run["capability"]), float(run["salience"])
    tasks = [
        ForecastTask(data, names, settings, seed, k, a, b, cap, sal)
        for k, a, b in block_slices(samples, int(run["chunk_rows"]))
    ]
    dims = data.dimensions
    with running(executor, store) as ex:

        def encode(i: int, result: FloatArray) -> dict[str, np.ndarray]:
            t = tasks[i]
            first = t.block * BLOCK_SIZE + t.start
            cols: dict[str, np.ndarray] = {
                "sample": np.arange(first, first + result.shape[0], dtype=np.int64)
            }
            for j, m in enumerate(names):
                for d, dim in enumerate(dims):
                    cols[f"{m}.{dim}"] = result[:, j, d]
            return cols

        report = (lambda d, t: progress("samples", d, t)) if progress is not None else None
        done = run_chunks(
            ex, run_forecast_chunk, tasks, store=store, encode=encode, progress=report
        )
        if store is None:
            assert done.results is not None
            fc = np.concatenate(done.results)
        else:
            cols = read_parquet_columns(store.finish(list(range(len(tasks)))))
            fc = np.stack(
                [np.stack([cols[f"{m}.{dim}"] for dim in dims], axis=1) for m in names], axis=1
            )
        given = {m: dict(v) for m, v in settings}
        base = np.stack([run_model(data, m, given.get(m)).forecast for m in names])
    return ForecastSweep(
        name=data.name,
        models=names,
        dimensions=dims,
        scale=data.scale,
        samples=samples,
        seed=seed,
        capability=cap,
        salience=sal,
        base=base,
        forecasts=fc,
        mean=fc.mean(axis=0),
        sd=fc.std(axis=0, ddof=1) if samples > 1 else np.zeros_like(base),
        quantile_levels=QUANTILES,
        quantiles=np.quantile(fc, QUANTILES, axis=0),
        executor=ex.name,
        seconds=time.perf_counter() - start,
        out=None if store is None else str(store.folder),
        chunks=(done.reused, done.computed),
    )
