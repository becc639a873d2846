"""Pareto frontier: hand-checked cases and hypothesis properties against brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.space import pareto_mask


def brute(points: np.ndarray) -> np.ndarray:
    n = points.shape[1]
    keep = np.ones(n, dtype=bool)
    for j in range(n):
        for i in range(n):
            if np.all(points[:, i] >= points[:, j]) and np.any(points[:, i] > points[:, j]):
                keep[j] = False
                break
    return keep


def test_two_dimensional_hand_case_with_ties_and_duplicates() -> None:
    pts = np.array([[1.0, 1.0, 0.5, 0.0, 1.0, 0.5], [0.0, 0.0, 0.5, 1.0, -1.0, 0.2]])
    # (1,0) twice: both kept; (.5,.5) kept; (0,1) kept; (1,-1) dominated by (1,0); (.5,.2) dominated
    assert pareto_mask(pts).tolist() == [True, True, True, True, False, False]


def test_three_dimensional_hand_case() -> None:
    pts = np.array([[1, 0, 0, 0.5, 0.4], [0, 1, 0, 0.5, 0.4], [0, 0, 1, 0.0, 0.0]], dtype=float)
    assert pareto_mask(pts).tolist() == [True, True, True, True, False]


def test_empty_and_single() -> None:
    assert pareto_mask(np.zeros((2, 0))).size == 0
    assert pareto_mask(np.array([[0.3], [0.1]])).tolist() == [True]


coarse = st.integers(min_value=0, max_value=4).map(lambda x: x / 4)  # many ties


@st.composite
def point_sets(draw: st.DrawFn, elements: st.SearchStrategy[float] = coarse) -> np.ndarray:
    m = draw(st.integers(2, 4))
    n = draw(st.integers(1, 40))
    return draw(arrays(np.float64, (m, n), elements=elements))


@settings(max_examples=100, deadline=None)
@given(point_sets())
def test_matches_brute_force_with_ties(points: np.ndarray) -> None:
    assert pareto_mask(points).tolist() == brute(points).tolist()


@settings(max_examples=40, deadline=None)
@given(point_sets(st.floats(0, 1, allow_nan=False)))
def test_matches_brute_force_continuous(points: np.ndarray) -> None:
    assert pareto_mask(points).tolist() == brute(points).tolist()


def test_large_block_sweep_matches_brute_force_on_sample() -> None:
    rng = np.random.default_rng(3)
    pts = np.round(rng.random((3, 5000)), 2)
    mask = pareto_mask(pts)
    front = pts[:, mask]
    # no frontier point is dominated by any point
    for j in range(front.shape[1]):
        p = front[:, j : j + 1]
        assert not np.any(np.all(pts >= p, axis=0) & np.any(pts > p, axis=0))
    # every other point is dominated by a frontier point
    rest = pts[:, ~mask]
    dominated = np.zeros(rest.shape[1], dtype=bool)
    for j in range(front.shape[1]):
        p = front[:, j : j + 1]
        dominated |= np.all(p >= rest, axis=0) & np.any(p > rest, axis=0)
    assert dominated.all()


def test_prefilter_is_exact_on_large_sets() -> None:
    from accord.space.pareto import _sweep

    rng = np.random.default_rng(7)
    for m in (2, 3, 4):
        pts = np.round(rng.random((m, 20_000)), 2)  # coarse: many ties and duplicates
        assert pareto_mask(pts).tolist() == _sweep(pts).tolist()
