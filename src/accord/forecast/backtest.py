"""Accuracy of forecasts against recorded outcomes, with paired bootstrap intervals."""

from __future__ import annotations

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
        Mean of (this model's error − the baseline's error) and its paired bootstrap
        percentile interval; ``nan`` for the baseline itself.
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
        Bootstrap resamples, interval level, and the seed of the one random generator.
    """
    arrays = {m: np.asarray(e, dtype=np.float64) for m, e in errors.items()}
    if not arrays:
        raise InputError("nothing to score")
    sizes = {a.size for a in arrays.values()}
    if len(sizes) != 1 or 0 in sizes:
        raise InputError("every model needs an error for each of the same (non-zero) issues")
    n = sizes.pop()
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    base = arrays.get(baseline)
    tail = (1 - level) / 2
    out = []
    for model, err in arrays.items():
        if base is None or model == baseline:
            diff = lo = hi = float("nan")
        else:
            d = err - base
            boots = d[idx].mean(axis=1)
            diff = float(d.mean())
            lo, hi = (float(v) for v in np.quantile(boots, [tail, 1 - tail]))
        out.append(
            ModelScore(model, n, float(err.mean()), float((err <= 10 + 1e-12).mean()), diff, lo, hi)
        )
    return out
