"""Every concept chosen for many samples at once equals the one-sample choice."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.bargaining.solutions import choose
from accord.bargaining.uncertainty.segments import Segments, choose_all
from accord.bargaining.winsets import ratified_nash
from accord.space.concepts import CONCEPTS


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    m=st.integers(2, 4),
    grid=st.sampled_from([0.25, 0.1, 0.0]),
)
def test_segments_choose_as_the_scalar_functions(seed: int, m: int, grid: float) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 9, size=6)
    rows = np.repeat(np.arange(6), sizes).astype(np.int64)
    n = rows.size
    gains = rng.random((m, n))
    if grid:  # coarse values: many exact ties, the tie-breaking rules decide
        gains = np.round(gains / grid) * grid
    gains[:, rng.random(n) < 0.15] = 0.0
    powers = rng.random((6, m))
    joint = np.clip(rng.random((m, n)) * 1.5, 0, 1)
    chosen, ties, degenerate = choose_all(Segments.of(rows), gains, powers[rows].T, joint)
    for s in range(6):
        cols = np.flatnonzero(rows == s)
        for c, name in enumerate(CONCEPTS):
            ref = choose(name, gains[:, cols], powers[s])
            assert chosen[c, s] == cols[ref.column]
            assert ties[c, s] == ref.ties
            assert degenerate[c, s] == ref.degenerate
        ref = ratified_nash(gains[:, cols], powers[s], joint[:, cols])
        assert chosen[-1, s] == cols[ref.column]
        assert degenerate[-1, s] == ref.degenerate
