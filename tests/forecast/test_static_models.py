"""Compromise, median and Nash models, and the model registry."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import InputError
from accord.forecast import build_model, model_switches
from accord.forecast.compromise import CompromiseModel
from accord.forecast.median import MedianModel, condorcet_position, weighted_median
from accord.forecast.nash import NashModel, nash_point
from accord.scenario.spatial.model import SpatialData


def two_camps() -> SpatialData:
    return SpatialData(
        actors=("a", "b", "c"),
        dimensions=("x",),
        capability=[1.0, 1.0, 2.0],
        position=[[0.0], [40.0], [100.0]],
        salience=[[1.0], [0.5], [0.5]],
        reference=[0.0],
    )


def test_compromise_weightings() -> None:
    d = two_camps()
    assert CompromiseModel().forecast(d).forecast[0] == pytest.approx((0 + 20 + 100) / 2.5)
    assert CompromiseModel(weighting="equal").forecast(d).forecast[0] == pytest.approx(140 / 3)
    assert CompromiseModel(weighting="capability").forecast(d).forecast[0] == pytest.approx(60.0)
    with pytest.raises(InputError, match="valid: capability_salience"):
        CompromiseModel(weighting="votes").forecast(d)


def test_median_is_the_condorcet_winner() -> None:
    x = np.array([[0.0], [40.0], [100.0]])
    assert condorcet_position(x, np.array([[1.0], [0.5], [1.0]]))[0] == 40.0
    assert condorcet_position(x, np.array([[1.0], [0.5], [2.0]]))[0] == 100.0
    assert weighted_median(x, np.array([[1.0], [0.5], [2.0]]))[0] == 100.0
    assert MedianModel(weighting="equal").forecast(two_camps()).forecast[0] == 40.0


def test_nash_quadratic_matches_the_first_order_condition() -> None:
    xs, ws, d = np.array([0.0, 40.0, 100.0]), np.array([1.0, 0.5, 1.0]), -50.0
    x = nash_point(xs, ws, d, "quadratic")
    gains = (d - xs) ** 2 - (x - xs) ** 2
    assert abs((ws * (x - xs) / gains).sum()) < 1e-9
    assert min(xs) < x < max(xs)


def test_nash_returns_the_disagreement_point_when_nothing_improves_on_it() -> None:
    # An actor sitting on the status quo cannot gain, so no point Pareto-improves on it.
    assert NashModel().forecast(two_camps()).forecast[0] == 0.0


def test_nash_far_point_approaches_compromise_when_far() -> None:
    xs, ws = np.array([10.0, 40.0, 70.0]), np.array([1.0, 2.0, 1.0])
    near = nash_point(xs, ws, -1e6, "quadratic")
    assert near == pytest.approx((ws * xs).sum() / ws.sum(), abs=1e-3)


def test_nash_linear_utility_runs() -> None:
    r = NashModel(utility="linear", disagreement="far").forecast(two_camps())
    assert 0.0 <= r.forecast[0] <= 100.0


def test_registry_builds_models_and_rejects_unknown_switches() -> None:
    assert build_model("bdm").name == "expected_utility"
    assert build_model("ktab", {"voting_rule": "binary"}).name == "smp"
    assert model_switches("expected_utility")["q"] == 1.0
    with pytest.raises(InputError, match="unknown model 'oracle'"):
        build_model("oracle")
    with pytest.raises(InputError, match="has no switch bogus; valid:"):
        build_model("compromise", {"bogus": 1})
