"""A pool of worker processes on this machine (``--workers N``).

Workers are started with the ``spawn`` method (a fresh interpreter each: no state inherited from
the driver, the same on every platform). What travels to a worker is the task, a small value
(a scenario's text, a seed and block ids); what comes back is the task's result. A worker that
dies (killed, out of memory) breaks the pool: the pool is replaced and every task that had not
come back is submitted again. Tasks are pure, so a task run twice gives the same result and the
sweep's answer does not change.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from accord.errors import AnalysisError
from accord.sweep.executor import ExecutorBase

__all__ = ["MAX_RESTARTS", "ProcessExecutor"]

T = TypeVar("T")
R = TypeVar("R")

MAX_RESTARTS = 3
"""Pools replaced in a row without a task finishing before the sweep gives up."""

ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Numerical libraries' thread pools, set to one thread in the workers unless the user set
them (as Dask's nanny does for its workers): N workers on N cores, not N x N threads."""


PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that the driver that started it is still alive."""


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process soon after the driver ``parent`` ends, however it ends
    (a driver killed with SIGKILL cannot stop its pool, and the workers would otherwise wait
    for work forever, each holding a prepared scenario)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="accord-exit-with-parent", daemon=True).start()


class ProcessExecutor(ExecutorBase):
    """``workers`` worker processes (spawned), replaced when one dies."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.name = f"{workers} local process{'es' if workers > 1 else ''}"
        self.restarts = 0
        """Pools replaced after a worker died, over this executor's life."""
        self._pool: ProcessPoolExecutor | None = None

    def _fresh_pool(self) -> ProcessPoolExecutor:
        for name in ONE_THREAD:  # inherited by the spawned workers
            os.environ.setdefault(name, "1")
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )
        return self._pool

    def pids(self) -> list[int]:
        """Process ids of the pool's live workers (for tests and monitoring)."""
        procs = getattr(self._pool, "_processes", None) or {}
        return [p.pid for p in procs.values() if p.is_alive() and p.pid is not None]

    def completed(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[tuple[int, R]]:
        """Yield ``(index, fn(tasks[index]))`` as tasks finish; resubmit after a worker died."""
        todo = list(range(len(tasks)))
        pool = self._pool or self._fresh_pool()
        in_a_row = 0
        window = 2 * self.workers
        while todo:
            running: dict[Future[R], int] = {}
            queue = iter(todo)
            finished: set[int] = set()
            try:
                for i in queue:
                    running[pool.submit(fn, tasks[i])] = i
                    if len(running) >= window:
                        break
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for f in done:
                        i = running.pop(f)
                        result = f.result()  # BrokenProcessPool if a worker died
                        finished.add(i)
                        in_a_row = 0
                        yield i, result
                        nxt = next(queue, None)
                        if nxt is not None:
                            running[pool.submit(fn, tasks[nxt])] = nxt
            except BrokenProcessPool:
                in_a_row += 1
                self.restarts += 1
                if in_a_row > MAX_RESTARTS:
                    raise AnalysisError(
                        f"worker processes died {in_a_row} times in a row without finishing a "
                        "task (out of memory? lower --memory or use fewer --workers)"
                    ) from None
                pool = self._fresh_pool()
            todo = [i for i in todo if i not in finished]

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
