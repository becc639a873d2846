"""Merge, stream and full enumeration give identical frontiers (property tests)."""

from __future__ import annotations

import numpy as np
from _space_strategies import make_scenario, scenarios
from hypothesis import given, settings

from accord.scenario.negotiation.model import Condition, Constraint, Scenario
from accord.space.blocks import constraint_groups, split_blocks
from accord.space.merge import merge_frontier
from accord.space.outcomes import SCALE, build_space, reservation_units
from accord.space.pareto import pareto_mask
from accord.space.stream import stream_space


def _enumerated(sc: Scenario) -> tuple[np.ndarray, np.ndarray]:
    space = build_space(sc)
    cols = np.flatnonzero(pareto_mask(space.utilities))
    return space.options(cols), space.utilities[:, cols]


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_merge_stream_and_enumeration_agree(sc: Scenario) -> None:
    opts, utils = _enumerated(sc)
    n = len(sc.issues)
    blocks = split_blocks(sc)
    merged = merge_frontier(blocks, n)
    res = reservation_units(sc)
    streamed = stream_space(blocks, n, res, memory_bytes=600)  # tiny budget: many chunks
    assert streamed.frontier is not None
    for f in (merged, streamed.frontier):
        assert np.array_equal(f.options.reshape(-1, n), opts.reshape(-1, n))
        assert np.array_equal(f.utilities, utils)
    space = build_space(sc)
    assert merged.n_feasible == streamed.n_feasible == space.n_feasible
    zopa = int((space.utilities >= space.reservations[:, None]).all(axis=0).sum())
    assert streamed.n_zopa == zopa


def test_duplicates_are_all_kept() -> None:
    # issue 1 is irrelevant to both: every frontier package appears once per option of it
    sc = make_scenario(
        [[[1.0, 0.0], [0.5, 0.5, 0.5]], [[0.0, 1.0], [0.2, 0.2, 0.2]]],
        [[1.0, 0.0], [1.0, 0.0]],
        [0.0, 0.0],
    )
    f = merge_frontier(split_blocks(sc), 2)
    assert f.size == 6
    assert f.options.tolist() == [[a, b] for a in range(2) for b in range(3)]


def test_ties_do_not_depend_on_summation_order() -> None:
    # for party 0, (0, 0) is 0.5*0.1 + 0.5*0.2 and (1, 1) is 0.5*0.3 + 0.5*0.0: unequal in
    # floating point, equal on the lattice, so both are kept as duplicates
    sc = make_scenario(
        [[[0.1, 0.3], [0.2, 0.0]], [[1.0, 0.0], [0.0, 1.0]]],
        [[1.0, 1.0], [1.0, 1.0]],
        [0.0, 0.0],
    )
    assert 0.5 * 0.1 + 0.5 * 0.2 != 0.5 * 0.3 + 0.5 * 0.0
    f = merge_frontier(split_blocks(sc), 2)
    rows = f.options.tolist()
    assert [0, 0] in rows and [1, 1] in rows
    a, b = rows.index([0, 0]), rows.index([1, 1])
    assert np.array_equal(f.units[:, a], f.units[:, b])


def test_constraints_link_issues_into_compound_blocks() -> None:
    sc = make_scenario(
        [[[1.0, 0.0]] * 4, [[0.0, 1.0]] * 4],
        [[1.0] * 4, [1.0] * 4],
        [0.0, 0.0],
        (
            Constraint(
                "a", (Condition(0, frozenset({0}), ""),), Condition(2, frozenset({1}), ""), ""
            ),
            Constraint(
                "b", (Condition(2, frozenset({0}), ""),), Condition(3, frozenset({0}), ""), ""
            ),
        ),
    )
    assert constraint_groups(sc) == [(0, 2, 3), (1,)]
    blocks = split_blocks(sc)
    assert [b.issues for b in blocks] == [(0, 2, 3), (1,)]
    # (0, 2, 3) has 8 combinations; "a" rules out 0=0 & 2=0 (2), "b" rules out 2=0 & 3=1 (2),
    # overlapping in 0=0, 2=0, 3=1 (1): 8 - 3 = 5 feasible
    assert blocks[0].size == 5
    assert merge_frontier(blocks, 4).n_feasible == 10 == build_space(sc).n_feasible


def test_infeasible_space_has_empty_frontier() -> None:
    sc = make_scenario(
        [[[1.0, 0.0], [1.0]], [[0.0, 1.0], [1.0]]],
        [[1.0, 1.0], [1.0, 1.0]],
        [0.0, 0.0],
        (Constraint("x", (), Condition(0, frozenset(), ""), ""),),
    )
    f = merge_frontier(split_blocks(sc), 2)
    assert f.size == 0 and f.n_feasible == 0
    assert stream_space(split_blocks(sc), 2, reservation_units(sc)).n_feasible == 0


def test_lattice_units_match_enumerated_utilities() -> None:
    sc = make_scenario(
        [[[0.3, 0.7], [0.1, 0.9, 0.4]], [[0.6, 0.2], [0.5, 0.5, 1.0]]],
        [[2.0, 1.0], [1.0, 3.0]],
        [0.1, 0.2],
    )
    f = merge_frontier(split_blocks(sc), 2)
    space = build_space(sc)
    for row, u in zip(f.options, f.units.T, strict=True):
        flat = np.ravel_multi_index(tuple(row), space.shape)
        col = int(np.searchsorted(space.feasible, flat))
        assert np.array_equal(space.utilities[:, col], u / SCALE)
