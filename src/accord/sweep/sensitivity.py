"""Global sensitivity through SALib: Sobol indices and Morris screening.

The model is a function of the unit cube: it takes ``(n, D)`` points in [0, 1]^D (the caller
maps them to its parameters' distributions with their quantile functions) and returns named
outputs, one number per point. SALib designs the points and computes the indices; SALib (and
pandas behind it) is imported inside these functions only.

- :func:`sobol`: Saltelli's design (``SALib.sample.sobol``, scrambled Sobol' sequence) with
  ``N`` base points, ``N * (D + 2)`` model runs; first-order ``S1`` and total ``ST`` indices
  with bootstrap confidence intervals (``SALib.analyze.sobol``).
- :func:`morris`: elementary effects (``SALib.sample.morris``, ``r`` trajectories,
  ``r * (D + 1)`` runs); ``mu*`` (mean absolute effect) with its interval, and ``sigma``.

An output that does not vary has no indices (they are reported as NaN, with the output's
variance 0), never a division by zero.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError

__all__ = ["Model", "MorrisResult", "SobolResult", "morris", "sobol"]

Model = Callable[[FloatArray], Mapping[str, FloatArray]]
"""``(n, D)`` points of the unit cube to ``{output name: (n,) values}``."""


@dataclass(frozen=True, slots=True)
class SobolResult:
    """Sobol indices per output: arrays of length ``D`` in parameter order.

    ``s1``/``st`` are the first-order and total indices, ``*_conf`` the half-widths of their
    bootstrap confidence intervals; ``variance`` the output's variance over the design.
    """

    names: tuple[str, ...]
    base: int
    runs: int
    s1: Mapping[str, FloatArray]
    s1_conf: Mapping[str, FloatArray]
    st: Mapping[str, FloatArray]
    st_conf: Mapping[str, FloatArray]
    variance: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class MorrisResult:
    """Morris elementary effects per output: ``mu_star`` (with interval half-width) and
    ``sigma``, arrays of length ``D`` in parameter order."""

    names: tuple[str, ...]
    trajectories: int
    runs: int
    mu_star: Mapping[str, FloatArray]
    mu_star_conf: Mapping[str, FloatArray]
    sigma: Mapping[str, FloatArray]
    variance: Mapping[str, float]


def _problem(names: Sequence[str]) -> dict[str, object]:
    if not names:
        raise InputError("a sensitivity analysis needs at least one uncertain parameter")
    return {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}


def sobol(
    model: Model,
    names: Sequence[str],
    base: int,
    *,
    seed: int,
    resamples: int = 100,
    confidence: float = 0.95,
) -> SobolResult:
    """Sobol first-order and total indices of every output of ``model``.

    Parameters
    ----------
    model:
        Unit-cube points to outputs.
    names:
        The parameters (the cube's axes).
    base:
        ``N``, a power of 2: the design has ``N * (D + 2)`` points.
    seed:
        Seeds the scrambling of the Sobol' sequence and the bootstrap.
    """
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    if base < 2 or base & (base - 1):
        raise InputError(
            f"the Sobol base sample size must be a power of 2, at least 2 (got {base})"
        )
    problem = _problem(names)
    x = sample.sample(problem, base, calc_second_order=False, scramble=True, seed=seed)
    outputs = model(np.asarray(x, dtype=np.float64))
    res: dict[str, dict[str, FloatArray]] = {"S1": {}, "S1_conf": {}, "ST": {}, "ST_conf": {}}
    variance: dict[str, float] = {}
    for key, y in outputs.items():
        y = np.asarray(y, dtype=np.float64)
        variance[key] = float(np.var(y))
        if variance[key] == 0.0:
            for k in res:
                res[k][key] = np.full(len(names), np.nan)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            si = analyze.analyze(
                problem,
                y,
                calc_second_order=False,
                num_resamples=resamples,
                conf_level=confidence,
                seed=seed,
            )
        for k in res:
            res[k][key] = np.asarray(si[k], dtype=np.float64)
    return SobolResult(
        tuple(names),
        base,
        int(x.shape[0]),
        res["S1"],
        res["S1_conf"],
        res["ST"],
        res["ST_conf"],
        variance,
    )


def morris(
    model: Model,
    names: Sequence[str],
    trajectories: int,
    *,
    seed: int,
    levels: int = 4,
    resamples: int = 100,
    confidence: float = 0.95,
) -> MorrisResult:
    """Morris screening of every output of ``model`` (``trajectories * (D + 1)`` runs)."""
    from SALib.analyze import morris as analyze
    from SALib.sample import morris as sample

    if trajectories < 2:
        raise InputError(f"Morris screening needs at least 2 trajectories (got {trajectories})")
    problem = _problem(names)
    x = sample.sample(problem, trajectories, num_levels=levels, seed=seed)
    outputs = model(np.asarray(x, dtype=np.float64))
    mu: dict[str, FloatArray] = {}
    conf: dict[str, FloatArray] = {}
    sig: dict[str, FloatArray] = {}
    variance: dict[str, float] = {}
    for key, y in outputs.items():
        y = np.asarray(y, dtype=np.float64)
        variance[key] = float(np.var(y))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            si = analyze.analyze(
                problem,
                x,
                y,
                num_resamples=resamples,
                conf_level=confidence,
                num_levels=levels,
                seed=seed,
            )
        mu[key] = np.asarray(si["mu_star"], dtype=np.float64)
        conf[key] = np.asarray(si["mu_star_conf"], dtype=np.float64)
        sig[key] = np.asarray(si["sigma"], dtype=np.float64)
    return MorrisResult(tuple(names), trajectories, int(x.shape[0]), mu, conf, sig, variance)
