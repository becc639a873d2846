"""Streaming: bounded memory, top-k, the ZOPA listing."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from _space_strategies import make_scenario

from accord.bargaining.solutions import egalitarian, nash, utilitarian, weighted_nash
from accord.scenario.negotiation.model import Condition, Constraint, Scenario
from accord.space.blocks import split_blocks
from accord.space.outcomes import build_space, reservation_units
from accord.space.stream import iter_zopa, stream_space


def _random(k: int, m: int, seed: int, constraint: bool = False) -> Scenario:
    rng = np.random.default_rng(seed)
    values = [[list(rng.random(10)) for _ in range(k)] for _ in range(m)]
    weights = [list(rng.random(k)) for _ in range(m)]
    cons = ()
    if constraint:
        low = frozenset(range(5))
        cons = (Constraint("c", (Condition(0, low, ""),), Condition(1, low, ""), ""),)
    return make_scenario(values, weights, [0.45] * m, cons, [0.3, 0.7, 0.5][:m])


@pytest.mark.parametrize("top_k", [0, 3])
def test_working_memory_stays_within_the_budget(top_k: int) -> None:
    sc = _random(6, 2, 1, constraint=True)
    blocks = split_blocks(sc)
    budget = 4 * 2**20
    tracemalloc.start()
    r = stream_space(blocks, 6, reservation_units(sc), memory_bytes=budget, top_k=top_k)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.chunks > 1
    assert peak <= 1.25 * budget + 2**20


def test_top_k_agrees_with_the_solution_functions() -> None:
    sc = _random(4, 3, 2)
    space = build_space(sc)
    r = stream_space(
        split_blocks(sc),
        4,
        reservation_units(sc),
        top_k=2,
        powers=space.powers,
        memory_bytes=20_000,
    )
    zopa = np.flatnonzero((space.utilities >= space.reservations[:, None]).all(axis=0))
    gains = space.utilities[:, zopa] - space.reservations[:, None]
    for name, choice in [
        ("nash", nash(gains)),
        ("weighted_nash", weighted_nash(gains, space.powers)),
        ("egalitarian", egalitarian(gains)),
        ("utilitarian", utilitarian(gains)),
    ]:
        top = r.top[name]
        assert top.scores.size == 2 and top.scores[0] >= top.scores[1]
        assert top.scores[0] == pytest.approx(choice.score, abs=1e-9)


def test_zopa_listing_is_complete() -> None:
    sc = _random(4, 2, 3, constraint=True)
    space = build_space(sc)
    listed = np.concatenate(
        [o for o, _ in iter_zopa(split_blocks(sc), 4, reservation_units(sc), memory_bytes=5_000)]
    )
    zopa = np.flatnonzero((space.utilities >= space.reservations[:, None]).all(axis=0))
    expected = space.options(zopa)
    got = listed[np.lexsort(listed.T[::-1])]
    assert np.array_equal(got, expected)
