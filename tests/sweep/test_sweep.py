"""The generic sweep machinery: blocks, memory, executors, SALib wrappers."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import InputError
from accord.sweep import (
    LocalExecutor,
    block_rows,
    block_uniforms,
    chunk_rows,
    morris,
    proportion_interval,
    sobol,
)


def ishigami(u: np.ndarray) -> dict[str, np.ndarray]:
    x = -np.pi + 2 * np.pi * u
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    return {"y": y, "constant": np.ones(len(y))}


def test_sobol_indices_of_the_ishigami_function() -> None:
    r = sobol(ishigami, ["x1", "x2", "x3"], 2**12, seed=2, resamples=20)
    assert r.runs == 2**12 * 5
    np.testing.assert_allclose(r.s1["y"], [0.314, 0.442, 0.0], atol=0.03)
    np.testing.assert_allclose(r.st["y"], [0.558, 0.442, 0.244], atol=0.03)
    assert np.isnan(r.st["constant"]).all() and r.variance["constant"] == 0.0


def test_morris_screens_the_ishigami_function() -> None:
    r = morris(ishigami, ["x1", "x2", "x3"], 40, seed=1, resamples=20)
    assert r.runs == 40 * 4
    assert r.mu_star["y"][2] < r.mu_star["y"][0]  # x3 acts only with x1
    assert (r.sigma["y"] > 0).all()


def test_bad_designs() -> None:
    with pytest.raises(InputError, match="power of 2"):
        sobol(ishigami, ["a"], 100, seed=0)
    with pytest.raises(InputError, match="at least one"):
        sobol(ishigami, [], 64, seed=0)
    with pytest.raises(InputError, match="2 trajectories"):
        morris(ishigami, ["a"], 1, seed=0)


def test_blocks_are_children_of_the_seed() -> None:
    assert block_rows(10, 4) == [(0, 4), (1, 4), (2, 2)]
    child = np.random.SeedSequence(9).spawn(5)[3]
    expect = np.random.default_rng(child).random((7, 2))
    np.testing.assert_array_equal(block_uniforms(9, 3, 7, 2), expect)
    np.testing.assert_array_equal(block_uniforms(9, 3, 3, 2), expect[:3])
    with pytest.raises(InputError):
        block_rows(0)


def test_memory_budget() -> None:
    assert chunk_rows(100, 1000, cap=64) == 10
    assert chunk_rows(1, 10**9, cap=64) == 64
    with pytest.raises(InputError, match="more than the budget"):
        chunk_rows(2000, 1000, cap=64)


def test_executor_keeps_task_order() -> None:
    seen: list[tuple[int, int]] = []
    out = LocalExecutor(3).map(lambda k: k * k, list(range(20)), lambda d, t: seen.append((d, t)))
    assert out == [k * k for k in range(20)]
    assert seen[-1] == (20, 20)


def test_wilson_interval() -> None:
    low, high = proportion_interval(0, 100)
    assert low == 0.0 and 0.03 < high < 0.04
    low, high = proportion_interval(50, 100)
    assert low < 0.5 < high
