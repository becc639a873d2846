"""Quantile and distribution functions agree with scipy.stats and with each other."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.scenario.uncertainty.distributions import Distribution

CASES = [
    (Distribution("uniform", 0.2, 0.6), "uniform", dict(loc=0.2, scale=0.4)),
    (Distribution("triangular", 0.0, 1.0, mode=0.3), "triang", dict(c=0.3, loc=0.0, scale=1.0)),
    (
        Distribution("beta", 0.1, 0.5, alpha=2.0, beta=5.0),
        "beta",
        dict(a=2, b=5, loc=0.1, scale=0.4),
    ),
    (
        Distribution("truncated_normal", 0.0, 1.0, mean=0.4, sd=0.2),
        "truncnorm",
        dict(a=-2.0, b=3.0, loc=0.4, scale=0.2),
    ),
]


@pytest.mark.parametrize(("dist", "name", "kw"), CASES)
def test_against_scipy_stats(dist: Distribution, name: str, kw: dict[str, float]) -> None:
    import scipy.stats

    ref = getattr(scipy.stats, name)(**kw)
    u = np.linspace(0.001, 0.999, 50)
    np.testing.assert_allclose(dist.ppf(u), ref.ppf(u), atol=1e-9)
    x = np.linspace(dist.low - 0.1, dist.high + 0.1, 50)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), atol=1e-9)


def test_discrete_and_constant() -> None:
    d = Distribution("discrete", 0.0, 0.2, values=(0.0, 0.1, 0.2), probabilities=(0.25, 0.5, 0.25))
    assert d.ppf(np.array([0.0, 0.24, 0.26, 0.74, 0.76, 0.999])).tolist() == [
        0,
        0,
        0.1,
        0.1,
        0.2,
        0.2,
    ]
    assert d.cdf(np.array([-1, 0.0, 0.15, 0.2])).tolist() == [0, 0.25, 0.75, 1.0]
    c = Distribution("uniform", 0.3, 0.3)
    assert c.constant and c.ppf(np.array([0.0, 0.7])).tolist() == [0.3, 0.3]
    assert c.cdf(np.array([0.29, 0.3])).tolist() == [0.0, 1.0]


@settings(max_examples=60, deadline=None)
@given(
    lo=st.floats(-1, 1),
    width=st.floats(0.01, 2),
    peak=st.floats(0, 1),
    u=st.floats(0.001, 0.999),
)
def test_cdf_inverts_ppf(lo: float, width: float, peak: float, u: float) -> None:
    for d in (
        Distribution("uniform", lo, lo + width),
        Distribution("triangular", lo, lo + width, mode=lo + peak * width),
        Distribution("beta", lo, lo + width, alpha=1 + 3 * peak, beta=2.0),
    ):
        x = d.ppf(np.array([u]))
        assert lo <= x[0] <= lo + width
        assert float(d.cdf(x)[0]) == pytest.approx(u, abs=1e-7)
