"""The one acceptability predicate: hand-checked cases, and the array form (every feasible
package) agreeing with the one-package form (a recorded deal, a plan's end state)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.bargaining._twolevel_factory import build, one_issue, two_level_docs

from accord.scenario import load_scenario
from accord.scenario.negotiation.adjust import apply_levers
from accord.space.acceptability import (
    acceptability,
    acceptable,
    check_package,
    ratification_probability,
)
from accord.space.outcomes import build_space


def test_predicate_hand_checked_and_broadcasting() -> None:
    u = np.array([[0.2, 0.5, 0.8]])  # one side, three packages
    assert acceptable(u, 0.5, 1.0, 0.5).tolist() == [[False, True, True]]
    # discounting: 0.8 * 0.5 = 0.4 < 0.5
    assert acceptable(u, 0.5, 1.0, 0.5, factor=0.5).tolist() == [[False, False, False]]
    # ratification below the level vetoes, at the level passes
    assert acceptable(u, 0.0, np.array([[0.49, 0.5, 0.9]]), 0.5).tolist() == [[False, True, True]]
    # samples x sides x packages against no-deal values per sample and side
    draws = np.array([[[0.3, 0.6]], [[0.7, 0.2]]])  # (2 samples, 1 side, 2 packages)
    nd = np.array([[[0.5]], [[0.25]]])
    assert acceptable(draws, nd, 1.0, 0.5).tolist() == [[[False, True]], [[True, False]]]


def test_ratification_probability_deterministic_and_normal() -> None:
    sc = one_issue(n=5, ratifier_threshold=0.5, sigma=0.1)
    r = sc.ratifiers[0]
    p = ratification_probability(r, np.array([0.5, 0.6, 0.4]))
    assert p[0] == pytest.approx(0.5)
    assert p[1] == pytest.approx(0.841344746, abs=1e-9)  # Phi(1)
    assert p[2] == pytest.approx(0.158655254, abs=1e-9)
    det = one_issue(n=5, ratifier_threshold=0.5).ratifiers[0]
    assert ratification_probability(det, np.array([0.5, 0.49])).tolist() == [1.0, 0.0]


def _agree(sc_loaded: object) -> None:
    sc = apply_levers(sc_loaded)  # type: ignore[arg-type]
    space = build_space(sc)
    acc = acceptability(sc, space)
    for col in range(space.n_feasible):
        pkg = sc.package_ids(tuple(int(x) for x in space.options(col)[0]))
        chk = check_package(sc, pkg)
        assert not chk.broken
        for i, side in enumerate(chk.sides):
            assert side.accepts == bool(acc.accepts[i, col]), (pkg, side)
            assert side.ratification == pytest.approx(float(acc.ratification[i, col]), abs=1e-12)
            assert side.acceptable == bool(acc.members[i, col]), (pkg, side)
        assert chk.acceptable == bool(acc.in_every_winset[col])


@given(two_level_docs())
@settings(max_examples=40, deadline=None)
def test_one_package_form_agrees_with_the_array_form(doc: dict[str, object]) -> None:
    _agree(build(doc))  # type: ignore[arg-type]


def test_one_package_form_agrees_on_hanoi() -> None:
    from accord.api import resolve_levers

    _agree(resolve_levers(load_scenario("hanoi-2019")))


def test_check_package_names_broken_constraints() -> None:
    from accord.api import resolve_levers

    sc = apply_levers(resolve_levers(load_scenario("hanoi-2019")))
    pkg = {i.id: i.options[-1].id for i in sc.issues}  # full CVID breaks the red line no_cvid
    chk = check_package(sc, pkg)
    assert "no_cvid" in chk.broken and not chk.acceptable


@given(
    u=st.sampled_from([0.0, 0.25, 0.5, 0.5 + 1e-13, 0.75, 1.0]),
    nd=st.sampled_from([0.0, 0.25, 0.5, 0.75]),
    rat=st.sampled_from([0.0, 0.5 - 1e-13, 0.5 - 1e-11, 0.5, 0.9, 1.0]),
    level=st.sampled_from([0.0, 0.5, 1.0]),
    factor=st.sampled_from([1.0, 0.9, 0.5]),
)
@settings(max_examples=60, deadline=None)
def test_plain_numbers_give_the_array_verdict(
    u: float, nd: float, rat: float, level: float, factor: float
) -> None:
    # the fast path for plain floats (a simulation's one package) is the same predicate
    scalar = acceptable(u, nd, rat, level, factor)
    array = acceptable(np.array([u]), np.array([nd]), np.array([rat]), level, np.array([factor]))
    assert bool(scalar) == bool(array[0])
