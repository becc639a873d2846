"""Estimate the number of ZOPA packages by uniform sampling (for spaces too large to stream)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from accord.space.blocks import Block

__all__ = ["DEFAULT_SAMPLES", "estimate_zopa", "wilson_interval"]

DEFAULT_SAMPLES = 200_000
"""Packages drawn by default for an estimate."""


def wilson_interval(hits: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (default 95%)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if hits == 0 else max(0.0, centre - half)
    hi = 1.0 if hits == n else min(1.0, centre + half)
    return lo, hi


def estimate_zopa(
    blocks: list[Block],
    reservations: NDArray[np.int64],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> tuple[int, float, float, float]:
    """Estimate the ZOPA size from ``samples`` feasible packages drawn uniformly.

    The feasible packages are the product of the blocks, so drawing one row of every block
    independently and uniformly draws a feasible package uniformly.

    Returns
    -------
    hits, estimate, low, high:
        Sampled packages in the ZOPA, the estimated count and its 95% Wilson interval (counts
        of packages, scaled by the number of feasible packages).
    """
    rng = np.random.default_rng(seed)
    m = reservations.size
    n_feasible = 1
    for b in blocks:
        n_feasible *= b.size
    if n_feasible == 0:
        return 0, 0.0, 0.0, 0.0
    units = np.zeros((m, samples), dtype=np.int64)
    for b in blocks:
        units += b.units[:, rng.integers(0, b.size, size=samples)]
    hits = int(np.count_nonzero((units >= reservations[:, None]).all(axis=0)))
    lo, hi = wilson_interval(hits, samples)
    return hits, n_feasible * hits / samples, n_feasible * lo, n_feasible * hi
