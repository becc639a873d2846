"""Facade for multi-actor forecasting: load spatial data, run models, backtest."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from accord.api._checks import check_count, check_seed
from accord.errors import InputError
from accord.forecast.backtest import ModelScore, score_models
from accord.forecast.base import ForecastResult, Progress, check_size
from accord.forecast.lever import lever_setting
from accord.forecast.registry import MODELS, build_model
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.model import SpatialData

__all__ = [
    "BacktestIssue",
    "BacktestReport",
    "backtest",
    "forecast_lever",
    "load_spatial_data",
    "model_names",
    "run_all",
    "run_model",
]


def load_spatial_data(
    path: str | Path,
    fmt: str | None = None,
    *,
    scale: tuple[float, float] | None = None,
    salience_scale: float | None = None,
) -> SpatialData:
    """Read spatial data (accord YAML/JSON, KTAB CSV/XML, Decide, actor table) from ``path``.

    ``scale`` (positions' ``(low, high)``) and ``salience_scale`` (1 or 100) state what an
    actor table does not; see :func:`accord.scenario.spatial.loader.load_spatial`.
    """
    return load_spatial(path, fmt, scale=scale, salience_scale=salience_scale)


def model_names(spec: str | Sequence[str] = "all") -> list[str]:
    """Expand ``"all"`` (or a comma-separated list) into registry model names."""
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    names = [n.strip() for n in names if n.strip()]
    if not names or names == ["all"]:
        return list(MODELS)
    out = []
    for n in names:
        model = build_model(n)
        out.append(model.name)
    return out


def run_model(
    data: SpatialData,
    model: str = "compromise",
    settings: Mapping[str, Any] | None = None,
    source: str | Path | None = None,
    *,
    progress: Progress | None = None,
) -> ForecastResult:
    """Forecast ``data`` with one model.

    Parameters
    ----------
    data:
        The spatial data (at most :data:`~accord.forecast.base.MAX_ACTORS` actors).
    model:
        A registry name: compromise, median, nash, expected_utility, smp, exchange.
    settings:
        Switch values (name to value); unnamed switches keep their published defaults, or
        the values the file itself states (``data.settings``: a KTAB XML file's
        ModelParameters, prngSeed and IdealAdjustment for the SMP).
    source:
        Accepted for compatibility and ignored: the file's switches travel with ``data``.
    progress:
        Called as ``progress(done, total)`` while a dynamic model runs (for progress bars).
    """
    check_size(data)
    name = build_model(model).name
    merged = {**dict(data.settings.get(name, {})), **dict(settings or {})}
    return build_model(name, merged).forecast(data, progress)


def run_all(
    data: SpatialData,
    models: str | Sequence[str] = "all",
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    source: str | Path | None = None,
    *,
    progress: Callable[[str], Progress | None] | None = None,
) -> dict[str, ForecastResult]:
    """Forecast ``data`` with several models; ``settings`` maps model name to its switches.

    ``progress``, if given, is called with each model's name before it runs and returns that
    model's progress callback (or ``None``). ``source`` is ignored (see :func:`run_model`).
    """
    check_size(data)
    given = dict(settings or {})
    out = {}
    for name in model_names(models):
        report = progress(name) if progress is not None else None
        out[name] = run_model(data, name, given.get(name), progress=report)
    return out


@dataclass(frozen=True, slots=True)
class BacktestIssue:
    """One dimension with a recorded outcome, and each model's forecast of it."""

    source: str
    dimension: str
    outcome: float
    scale: tuple[float, float]
    forecasts: dict[str, float]


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """Per-issue forecasts and per-model scores (errors on a 0–100 scale)."""

    issues: tuple[BacktestIssue, ...]
    scores: tuple[ModelScore, ...]
    baseline: str


def backtest(
    paths: Sequence[str | Path],
    models: str | Sequence[str] = "all",
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    baseline: str = "compromise",
    n_boot: int = 2000,
    seed: int = 0,
) -> BacktestReport:
    """Score models on every dimension with a recorded outcome across ``paths``.

    Errors are ``|forecast − outcome|`` rescaled to 0–100 by each dimension's scale. The
    baseline (default the compromise model) is always run, for the paired bootstrap with
    ``n_boot`` resamples drawn from one generator built on ``seed`` (a non-negative integer).

    Raises
    ------
    accord.errors.InputError
        For an unknown model, ``n_boot`` below 1, a negative or non-integer ``seed``, or files
        with no recorded outcome.
    """
    n_boot = check_count(n_boot, "n_boot")
    if check_seed(seed) is None:
        raise InputError("seed=None: the bootstrap is random; give a seed (a non-negative integer)")
    names = model_names(models)
    base = build_model(baseline).name
    if base not in names:
        names = [base, *names]
    issues: list[BacktestIssue] = []
    errors: dict[str, list[float]] = {n: [] for n in names}
    for path in paths:
        data = load_spatial(path)
        have = ~np.isnan(data.outcome)
        if not have.any():
            continue
        results = run_all(data, names, settings)
        for d in np.flatnonzero(have):
            lo, hi = data.scale[d]
            truth = float(data.outcome[d])
            fc = {n: float(r.forecast[d]) for n, r in results.items()}
            issues.append(BacktestIssue(str(path), data.dimensions[d], truth, (lo, hi), fc))
            for n, v in fc.items():
                errors[n].append(abs(v - truth) * 100.0 / (hi - lo))
    if not issues:
        raise InputError("no dimension in the given files has a recorded outcome to test against")
    scores = score_models(errors, baseline=base, n_boot=n_boot, seed=seed)
    return BacktestReport(tuple(issues), tuple(scores), base)


def forecast_lever(
    data: SpatialData,
    dimension: str,
    model: str = "compromise",
    lever_range: tuple[float, float] = (0.0, 1.0),
    settings: Mapping[str, Any] | None = None,
) -> float:
    """Forecast ``data`` and map ``dimension``'s forecast onto a numeric range.

    See :func:`accord.forecast.lever.lever_setting`; scenario levers with named settings use
    their ``forecast:`` link instead (:func:`accord.api.resolve_levers`).
    """
    return lever_setting(run_model(data, model, settings), data, dimension, lever_range)
