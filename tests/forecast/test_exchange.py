"""Stokman's equal-gain exchange model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.forecast.compromise import CompromiseModel
from accord.forecast.exchange import ExchangeModel, candidate_exchanges
from accord.scenario.spatial import SpatialData
from accord.scenario.spatial_io import load_spatial

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


def trade_pair() -> SpatialData:
    # a cares about q, b about p; they sit on opposite sides of O on both issues.
    return SpatialData(
        actors=("a", "b", "c"),
        dimensions=("p", "q"),
        capability=[1.0, 1.0, 1.0],
        position=[[0.0, 0.0], [100.0, 100.0], [50.0, 50.0]],
        salience=[[0.2, 0.8], [0.8, 0.2], [0.5, 0.5]],
    )


def test_candidate_exchange_has_equal_gains() -> None:
    d = trade_pair()
    c = candidate_exchanges(
        np.array(d.position), np.array(d.salience), d.capability_by_dimension(), 0, 1
    )
    assert c["a"].tolist() == [0] and c["b"].tolist() == [1]
    w = d.capability_by_dimension() * d.salience
    dp = abs(c["move_a"][0]) * w[0, 0] / w[:, 0].sum()
    dq = abs(c["move_b"][0]) * w[1, 1] / w[:, 1].sum()
    gain_a = dq * d.salience[0, 1] - dp * d.salience[0, 0]
    gain_b = dp * d.salience[1, 0] - dq * d.salience[1, 1]
    assert gain_a == pytest.approx(gain_b) == pytest.approx(c["gain"][0])
    assert c["move_a"][0] > 0 and c["move_b"][0] < 0  # toward each other


def test_exchange_moves_outcomes_toward_the_keen_side() -> None:
    d = trade_pair()
    r = ExchangeModel(rounds=1).forecast(d)
    comp = CompromiseModel().forecast(d).forecast
    assert r.forecast[0] > comp[0]  # a gave way on p, which b cares about
    assert r.forecast[1] < comp[1]
    assert r.trajectory.shape == (2, 3, 2)


def test_exchange_on_decide_sample_stays_on_scale() -> None:
    d = load_spatial(DATA / "decide-sample.txt")
    r = ExchangeModel().forecast(d)
    assert np.all(r.trajectory[..., 1] <= 50) and np.all(r.trajectory >= 0)


def test_one_dimension_has_no_exchange() -> None:
    d = load_spatial(DATA / "emission-standards-1994.csv")
    r = ExchangeModel().forecast(d)
    assert r.rounds == 0
    assert r.forecast[0] == pytest.approx(CompromiseModel().forecast(d).forecast[0])
