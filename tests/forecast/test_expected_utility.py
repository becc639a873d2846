"""BDM 1994 / Scholz et al. (2011) acceptance figures for the expected-utility model."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import InputError
from accord.forecast.compromise import CompromiseModel
from accord.forecast.expected_utility import ExpectedUtilityModel, win_probability
from accord.forecast.median import MedianModel
from accord.scenario.spatial.model import SpatialData

# Scholz, Calbert & Smith (2011) Table 2, Q = 1: median voter position by round 1..8.
TABLE2_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
TABLE2_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]


def test_initial_mean_and_median(bdm: SpatialData) -> None:
    assert CompromiseModel().forecast(bdm).forecast[0] == pytest.approx(7.39, abs=0.005)
    assert MedianModel().forecast(bdm).forecast[0] == 7.0


@pytest.mark.parametrize(
    "rnd",
    [
        1,
        pytest.param(
            2,
            marks=pytest.mark.xfail(
                strict=True,
                reason="Scholz-code settings give 9.611 in round 2 (as does jmckib's "
                "'perfect replication'); Table 2 prints 9.9: gap 0.29",
            ),
        ),
        3,
        4,
        5,
        6,
        7,
        8,
    ],
)
def test_scholz_table2_median_by_round(bdm: SpatialData, rnd: int) -> None:
    res = ExpectedUtilityModel(rounds=8).forecast(bdm)
    assert res.extra["median"][rnd, 0] == pytest.approx(TABLE2_MEDIAN[rnd - 1], abs=0.1)


def test_scholz_table2_mean_by_round(bdm: SpatialData) -> None:
    res = ExpectedUtilityModel(rounds=8).forecast(bdm)
    np.testing.assert_allclose(res.extra["mean"][1:, 0], TABLE2_MEAN, atol=0.1)


def test_paper_probability_does_not_reproduce(bdm: SpatialData) -> None:
    # The dyad-normalised probability of the paper's text freezes the median at 7.
    res = ExpectedUtilityModel(probability="paper").forecast(bdm)
    assert np.all(res.extra["median"][:, 0] == 7.0)


def test_trajectory_shape_and_first_state(bdm: SpatialData) -> None:
    res = ExpectedUtilityModel(rounds=3).forecast(bdm)
    assert res.trajectory.shape == (4, 10, 1)
    np.testing.assert_array_equal(res.trajectory[0], bdm.position)
    assert res.rounds == 3


def test_win_probability_scholz_code_is_tiny_and_nonnegative() -> None:
    x = np.array([0.0, 5.0, 10.0])
    p = win_probability(x, np.ones(3), np.ones(3), 10.0, "scholz_code")
    assert np.all(p >= 0) and p.max() < 0.5
    q = win_probability(x, np.ones(3), np.ones(3), 10.0, "paper")
    np.testing.assert_allclose(q + q.T, 1.0)


def test_bad_switch_is_an_input_error() -> None:
    with pytest.raises(InputError, match="valid: scholz_code, paper, net"):
        ExpectedUtilityModel(probability="bogus")
