"""Same seed, same result, on any chunk size, number of workers or number of samples."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from accord.api import BlockTask, run_block
from accord.bargaining.uncertainty import SampleOutcomes
from accord.scenario.uncertainty.loader import read_sources
from accord.sweep import LocalExecutor, block_rows

DATA = Path(__file__).parents[2] / "data" / "uncertainty"


def _run(n: int, memory: int, workers: int, block: int) -> SampleOutcomes:
    src = read_sources(DATA / "two-issues.yaml")
    tasks = [BlockTask(src, 5, k, rows, memory) for k, rows in block_rows(n, block)]
    return SampleOutcomes.concat(LocalExecutor(workers).map(run_block, tasks))


def _same(a: SampleOutcomes, b: SampleOutcomes) -> None:
    for f in fields(SampleOutcomes):
        np.testing.assert_array_equal(getattr(a, f.name), getattr(b, f.name), err_msg=f.name)


@pytest.mark.parametrize(("memory", "workers"), [(4_000, 1), (40_000, 2), (10**9, 3)])
def test_any_chunk_size_and_workers_give_the_same_result(memory: int, workers: int) -> None:
    _same(_run(300, 10**9, 1, 128), _run(300, memory, workers, 128))


def test_a_sample_does_not_depend_on_the_number_of_samples() -> None:
    long, short = _run(300, 10**9, 1, 128), _run(200, 10**9, 1, 128)
    assert long.size == 300 and short.size == 200
    np.testing.assert_array_equal(long.deal[:200], short.deal)
    np.testing.assert_array_equal(long.solution[:200], short.solution)


def test_a_sample_that_does_not_fit_the_budget_is_refused() -> None:
    from accord.errors import InputError

    with pytest.raises(InputError, match="raise the budget"):
        _run(10, 10, 1, 128)
