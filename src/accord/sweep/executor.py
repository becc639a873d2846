"""Where tasks run: an interface, and a local executor on threads.

A task is a small, picklable value; the function that runs it is pure (its result depends
on the task only). The local executor runs tasks on a pool of threads (numpy releases the
interpreter lock inside array operations, so threads use several cores); results come back in
task order whatever order they finish in. A distributed executor (Dask) has the same shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Protocol, TypeVar

__all__ = ["Executor", "LocalExecutor", "Progress"]

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]
"""Called with ``(tasks done, tasks in all)`` after each task."""


class Executor(Protocol):
    """Runs ``fn`` on every task and returns the results in task order."""

    workers: int

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]: ...


class LocalExecutor:
    """Threads on this machine (``workers`` 1: in the calling thread)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]:
        total = len(tasks)
        if self.workers == 1 or total <= 1:
            out = []
            for done, task in enumerate(tasks, start=1):
                out.append(fn(task))
                if progress is not None:
                    progress(done, total)
            return out
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = [pool.submit(fn, task) for task in tasks]
            for done, _ in enumerate(as_completed(futures), start=1):
                if progress is not None:
                    progress(done, total)
            return [f.result() for f in futures]
