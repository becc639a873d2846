"""Hypothesis properties every model must satisfy (the contract test of ForecastModel)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.forecast import MODELS, build_model
from accord.forecast.base import ForecastModel
from accord.forecast.compromise import CompromiseModel
from accord.scenario.spatial.model import SpatialData

FAST = {"smp": {"max_rounds": 6}, "expected_utility": {"rounds": 4}, "exchange": {"rounds": 4}}


def model(name: str) -> ForecastModel:
    return build_model(name, FAST.get(name))


@st.composite
def spatial(draw: st.DrawFn, max_actors: int = 6, max_dims: int = 2) -> SpatialData:
    n = draw(st.integers(3, max_actors))
    k = draw(st.integers(1, max_dims))
    grid = st.integers(0, 10000).map(lambda v: v / 100)  # KTAB's 0.01 grid
    pos = draw(st.lists(st.lists(grid, min_size=k, max_size=k), min_size=n, max_size=n))
    sal = draw(
        st.lists(st.lists(st.floats(0.05, 1.0 / k), min_size=k, max_size=k), min_size=n, max_size=n)
    )
    cap = draw(st.lists(st.floats(0.1, 10.0), min_size=n, max_size=n))
    return SpatialData(
        actors=tuple(f"a{i}" for i in range(n)),
        dimensions=tuple(f"d{j}" for j in range(k)),
        capability=cap,
        position=pos,
        salience=sal,
    )


def test_every_model_satisfies_the_protocol() -> None:
    for name in MODELS:
        assert isinstance(model(name), ForecastModel)


@given(spatial())
def test_compromise_lies_within_the_range_of_positions(data: SpatialData) -> None:
    f = CompromiseModel().forecast(data).forecast
    assert np.all(f >= data.position.min(0) - 1e-9) and np.all(f <= data.position.max(0) + 1e-9)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spatial(), st.randoms(use_true_random=False))
def test_permuting_actors_changes_nothing(data: SpatialData, rnd: object) -> None:
    order = list(range(data.n_actors))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = data.subset(order)
    for name in MODELS:
        a, b = model(name).forecast(data), model(name).forecast(shuffled)
        np.testing.assert_allclose(a.forecast, b.forecast, atol=1e-7, err_msg=name)
        # Interchangeable actors may swap paths in exact ties; the forecasts may not change.
        np.testing.assert_allclose(
            a.forecast_by_round, b.forecast_by_round, atol=1e-7, err_msg=name
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spatial(), st.sampled_from([0.25, 3.0, 1000.0]))
def test_scaling_capabilities_changes_nothing(data: SpatialData, factor: float) -> None:
    scaled = SpatialData(
        actors=data.actors,
        dimensions=data.dimensions,
        capability=data.capability * factor,
        position=data.position,
        salience=data.salience,
    )
    for name in MODELS:
        a, b = model(name).forecast(data), model(name).forecast(scaled)
        detail = (
            f"{name}: {data.capability.tolist()} {data.position.tolist()} {data.salience.tolist()}"
        )
        np.testing.assert_allclose(a.forecast, b.forecast, atol=1e-6, err_msg=detail)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spatial(max_dims=3), st.integers(0, 10000).map(lambda v: v / 100))
def test_a_unanimous_dimension_forecasts_that_position(data: SpatialData, where: float) -> None:
    pos = np.array(data.position)
    pos[:, 0] = where
    agreed = SpatialData(
        actors=data.actors,
        dimensions=data.dimensions,
        capability=data.capability,
        position=pos,
        salience=data.salience,
    )
    for name in MODELS:
        f = model(name).forecast(agreed).forecast
        assert abs(f[0] - where) < 1e-6, (name, f[0], where)
