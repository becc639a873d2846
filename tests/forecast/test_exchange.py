"""Stokman's equal-gain exchange model, checked against the Decide program's output.

Reference figures: the Decide program (decide-exchange-model 2022.1.28 from PyPI, equal-gain
model, 10 iterations, no randomisation) run on the two fixtures; it prints each issue's
outcome on its 0–100 normalised scale, to 3 decimals.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.errors import InputError
from accord.forecast.compromise import CompromiseModel
from accord.forecast.exchange import ExchangeModel
from accord.forecast.exchange_moves import candidate_exchanges, equal_gain_moves
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.model import SpatialData

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"

DECIDE_SAMPLE = [  # (cap, fund) normalised to 0–100, rounds 0..10
    (58.177, 61.29), (72.365, 77.66), (72.365, 78.97), (71.858, 79.355), (71.277, 79.355),
    (74.626, 68.559), (73.752, 77.857), (73.752, 78.23), (73.752, 78.507), (71.038, 72.905),
    (75.109, 79.265),
]  # fmt: skip
DECIDE_RANDOM = [  # i0..i3, rounds 0..10
    (72.23, 44.332, 42.963, 44.999), (67.662, 48.89, 28.233, 30.256),
    (75.983, 36.955, 34.812, 41.486), (76.546, 39.79, 42.045, 34.424),
    (69.232, 40.76, 32.928, 35.539), (75.133, 33.411, 37.23, 26.685),
    (71.802, 39.252, 34.547, 37.774), (74.576, 41.326, 37.06, 30.55),
    (74.636, 35.783, 33.284, 28.396), (69.929, 39.506, 32.986, 28.893),
    (73.085, 32.638, 31.006, 24.881),
]  # fmt: skip


def normalised(data: SpatialData, values: np.ndarray) -> np.ndarray:
    return 100 * data.to_unit(values)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("decide-sample.txt", DECIDE_SAMPLE), ("decide-random-8x4.txt", DECIDE_RANDOM)],
)
def test_matches_the_decide_program_round_by_round(
    name: str, expected: list[tuple[float, ...]]
) -> None:
    data = load_spatial(DATA / name)
    res = ExchangeModel().forecast(data)
    assert res.forecast_by_round.shape[0] == 11
    np.testing.assert_allclose(normalised(data, res.forecast_by_round), expected, atol=6e-4)


def test_clean_variant_departs_from_decide_on_the_random_case() -> None:
    data = load_spatial(DATA / "decide-random-8x4.txt")
    res = ExchangeModel(variant="clean").forecast(data)
    got = normalised(data, res.forecast_by_round)
    np.testing.assert_allclose(got[0], DECIDE_RANDOM[0], atol=6e-4)
    assert np.abs(got[1] - np.array(DECIDE_RANDOM[1])).max() > 0.5


def two_traders() -> SpatialData:
    # a cares about q, b about p; they sit on opposite sides of O on both issues.
    return SpatialData(
        actors=("a", "b", "c"),
        dimensions=("p", "q"),
        capability=[1.0, 1.0, 1.0],
        position=[[0.0, 0.0], [100.0, 100.0], [50.0, 50.0]],
        salience=[[0.2, 0.8], [0.8, 0.2], [0.5, 0.5]],
    )


def test_equal_gain_moves_give_equal_gains() -> None:
    d = two_traders()
    x, sal, cap = np.array(d.position), np.array(d.salience), d.capability_by_dimension()
    ex = candidate_exchanges(x, sal, cap)
    assert ex["a"].tolist() == [0] and ex["b"].tolist() == [1]  # a supplies p, b supplies q
    w = cap * sal
    o = (w * x).sum(0) / w.sum(0)
    move_a, move_b, gain = equal_gain_moves(x, x, sal, cap, ex, o[ex["p"]], o[ex["q"]])
    dp = abs(move_a[0]) * w[0, 0] / w[:, 0].sum()
    dq = abs(move_b[0]) * w[1, 1] / w[:, 1].sum()
    assert dq * sal[0, 1] - dp * sal[0, 0] == pytest.approx(dp * sal[1, 0] - dq * sal[1, 1])
    assert gain[0] == pytest.approx(dq * sal[0, 1] - dp * sal[0, 0])
    assert move_a[0] > 0 and move_b[0] < 0  # toward each other


def test_exchange_moves_outcomes_toward_the_keen_side() -> None:
    d = two_traders()
    r = ExchangeModel(rounds=1).forecast(d)
    comp = CompromiseModel().forecast(d).forecast
    assert r.forecast[0] > comp[0] and r.forecast[1] < comp[1]
    assert r.trajectory.shape == (2, 3, 2)


def test_one_dimension_has_no_exchange() -> None:
    d = load_spatial(DATA / "emission-standards-1994.csv", scale=(4, 10))
    r = ExchangeModel().forecast(d)
    assert r.rounds == 0 and r.converged
    assert r.forecast[0] == pytest.approx(CompromiseModel().forecast(d).forecast[0])


def test_bad_switch() -> None:
    with pytest.raises(InputError, match="valid: decide, clean"):
        ExchangeModel(variant="stokman")
