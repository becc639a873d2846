"""Solution concepts on hand-checked gain sets."""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining import egalitarian, kalai_smorodinsky, nash, utilitarian, weighted_nash

# columns are candidate packages, rows are principals' gains over their reservation values
GAINS = np.array(
    [
        [0.9, 0.6, 0.5, 0.2],
        [0.1, 0.4, 0.45, 0.7],
    ]
)
# products: .09 .24 .225 .14 -> Nash = column 1
# sums: 1.0 1.0 .95 .9 -> utilitarian tie between 0 and 1 -> leximin picks column 1
# mins: .1 .4 .45 .2 -> egalitarian = column 2
# KS ideals (.9, .7): ratios min: (.1/.7=.143) (.571) (.5556 vs .643 -> .5556) (.222) -> column 1


def test_nash_maximises_the_product() -> None:
    c = nash(GAINS)
    assert c.column == 1 and c.ties == 1 and not c.degenerate
    assert c.score == pytest.approx(np.log(0.24))


def test_utilitarian_ties_broken_by_leximin() -> None:
    c = utilitarian(GAINS)
    assert c.ties == 2 and c.column == 1


def test_egalitarian_maximises_the_minimum() -> None:
    assert egalitarian(GAINS).column == 2


def test_kalai_smorodinsky_equal_share_of_ideal() -> None:
    c = kalai_smorodinsky(GAINS)
    assert c.column == 1
    assert c.score == pytest.approx(0.4 / 0.7)


def test_weighted_nash_moves_toward_the_stronger_party() -> None:
    assert weighted_nash(GAINS, np.array([0.5, 0.5])).column == 1
    assert weighted_nash(GAINS, np.array([0.9, 0.1])).column == 0
    assert weighted_nash(GAINS, np.array([0.1, 0.9])).column == 3
    # powers are normalised: scaling them changes nothing
    assert weighted_nash(GAINS, np.array([9.0, 1.0])).column == 0


def test_nash_degenerate_when_no_package_gives_everyone_a_gain() -> None:
    g = np.array([[0.0, 0.3], [0.5, 0.0]])
    c = nash(g)
    assert c.degenerate and c.column == 0  # utilitarian fallback: sums .5 vs .3


def test_exact_ties_pick_the_first_package() -> None:
    g = np.array([[0.5, 0.5], [0.5, 0.5]])
    for fn in (nash, egalitarian, utilitarian, kalai_smorodinsky):
        c = fn(g)
        assert c.column == 0 and c.ties == 2


def test_three_principals() -> None:
    g = np.array([[0.5, 0.3, 0.9], [0.5, 0.3, 0.05], [0.5, 0.6, 0.9]])
    assert nash(g).column == 0  # .125 vs .054 vs .0405
    assert utilitarian(g).column == 2  # 1.85


def test_weighted_nash_with_a_zero_power_ignores_that_principal() -> None:
    g = np.array([[0.0, 0.3], [0.2, 0.1]])
    c = weighted_nash(g, np.array([0.0, 1.0]))
    assert c.column == 0 and np.isfinite(c.score)  # only the second principal's gain counts
