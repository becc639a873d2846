"""Accuracy of forecasts against recorded outcomes, with paired bootstrap intervals."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError

__all__ = ["ModelScore", "score_models"]


@dataclass(frozen=True, slots=True)
class ModelScore:
    """One model's accuracy over the backtest issues.

    Parameters
    ----------
    model:
        Model name.
    n:
        Number of issues (dimensions with a recorded outcome).
    mae:
        Mean absolute error on the 0–100 scale (each issue rescaled from its own scale).
    within_10:
        Share of issues with an absolute error of at most 10 points.
    diff_vs_baseline, ci_low, ci_high:
        Mean of (this model's error − the baseline's error) and its paired bootstrap interval
        (BCa, ``scipy.stats.bootstrap(..., paired=True)``); ``nan`` for the baseline itself.
    """

    model: str
    n: int
    mae: float
    within_10: float
    diff_vs_baseline: float
    ci_low: float
    ci_high: float


def score_models(
    errors: Mapping[str, Sequence[float] | FloatArray],
    baseline: str = "compromise",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int | None = 0,
) -> list[ModelScore]:
    """Score each model's absolute errors (0–100 scale, aligned across models by issue).

    Parameters
    ----------
    errors:
        Model name to absolute errors per issue; every model must cover the same issues.
    baseline:
        The model every other is compared with (paired by issue).
    n_boot, level, seed:
        Bootstrap resamples, interval level, and the seed of the random generator. Every model
        is resampled with a generator built on the same seed, so all are compared on the same
        resamples of the issues.
    """
    arrays = {m: np.asarray(e, dtype=np.float64) for m, e in errors.items()}
    if not arrays:
        raise InputError("nothing to score")
    sizes = {a.size for a in arrays.values()}
    if len(sizes) != 1 or 0 in sizes:
        raise InputError("every model needs an error for each of the same (non-zero) issues")
    n = sizes.pop()
    base = arrays.get(baseline)
    out = []
    for model, err in arrays.items():
        if base is None or model == baseline:
            diff = lo = hi = float("nan")
        else:
            diff = float((err - base).mean())
            lo, hi = _paired_interval(err, base, n_boot, level, seed)
        out.append(
            ModelScore(model, n, float(err.mean()), float((err <= 10 + 1e-12).mean()), diff, lo, hi)
        )
    return out


def _mean_difference(a: FloatArray, b: FloatArray, axis: int = -1) -> FloatArray:
    out: FloatArray = np.mean(a - b, axis=axis)
    return out


def _paired_interval(
    err: FloatArray, base: FloatArray, n_boot: int, level: float, seed: int | None
) -> tuple[float, float]:
    """BCa interval of the mean paired difference ``err - base``; the percentile interval of the
    same resamples where BCa is undefined (too few resamples or issues to estimate its bias)."""
    d = err - base
    if np.ptp(d) == 0:  # every resample has the same mean (BCa is undefined there)
        return float(d[0]), float(d[0])
    from scipy.stats import bootstrap  # scipy.stats costs 0.5 s to import: only when scoring

    for method in ("BCa", "percentile"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a nan interval is handled below
            res = bootstrap(
                (err, base),
                _mean_difference,
                paired=True,
                vectorized=True,
                n_resamples=n_boot,
                confidence_level=level,
                method=method,
                rng=np.random.default_rng(seed),
            )
        lo, hi = float(res.confidence_interval.low), float(res.confidence_interval.high)
        if not (np.isnan(lo) or np.isnan(hi)):
            break
    return lo, hi
