"""The Dask executor on a LocalCluster of 2 workers on loopback (one cluster for the module):
results, and a worker process killed mid-sweep."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from tests.sweep._slow_tasks import fails_on_three, slow_square

from accord.errors import InputError
from accord.sweep.dask_executor import DaskExecutor

pytest.importorskip("distributed")

TASKS = list(range(16))
SQUARES = [x * x for x in TASKS]


@pytest.fixture(scope="module")
def dask2() -> Iterator[DaskExecutor]:
    with DaskExecutor(local_workers=2) as ex:
        yield ex


def test_results_in_task_order(dask2: DaskExecutor) -> None:
    assert dask2.workers == 2 and dask2.address.startswith("tcp://127.0.0.1:")
    assert dask2.map(slow_square, TASKS) == SQUARES
    assert sorted(dask2.completed(slow_square, TASKS)) == list(enumerate(SQUARES))


def test_a_killed_worker_loses_no_task(dask2: DaskExecutor) -> None:
    killed: list[int] = []

    def kill_one(done: int, total: int) -> None:
        if done == 1:  # the driver waits here: most tasks are still queued or running
            pid = sorted(dask2.pids().values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    assert dask2.map(slow_square, TASKS, kill_one) == SQUARES
    assert killed and killed[0] not in dask2.pids().values()


def test_an_error_in_a_task_reaches_the_caller(dask2: DaskExecutor) -> None:
    with pytest.raises(ValueError, match="three"):
        dask2.map(fails_on_three, TASKS)


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="cannot reach a Dask scheduler"):
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout=1.0)
