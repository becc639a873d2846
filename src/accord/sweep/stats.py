"""Intervals for proportions."""

from __future__ import annotations

__all__ = ["proportion_interval"]


def proportion_interval(hits: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for ``hits`` successes in ``n`` trials (Brown, Cai & DasGupta,
    *Statistical Science* 16(2), 2001), through ``scipy.stats.binomtest``."""
    from scipy.stats import binomtest

    if n <= 0:
        return (0.0, 1.0)
    ci = binomtest(hits, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)
