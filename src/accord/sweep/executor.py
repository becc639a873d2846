"""Where tasks run: one interface, and the in-process executor on threads.

A task is a small, picklable value; the function that runs it is pure (its result depends on
the task only). Every executor offers the same two ways to run a list of tasks:

- :meth:`Executor.completed` yields ``(index, result)`` as each task finishes, in whatever
  order they finish (a sweep checkpoints each result as it arrives);
- :meth:`Executor.map` returns the results in task order, with a progress callback.

Executors: :class:`LocalExecutor` (threads in this process: numpy releases the interpreter
lock inside array operations, so threads use several cores), :class:`~accord.sweep.processes.
ProcessExecutor` (a pool of worker processes on this machine) and :class:`~accord.sweep.
dask_executor.DaskExecutor` (a Dask distributed cluster). An executor that holds resources
(processes, a cluster) releases them in :meth:`Executor.close`; every executor is a context
manager.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import Any, Protocol, TypeVar

__all__ = ["Executor", "ExecutorBase", "LocalExecutor", "Progress"]

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]
"""Called with ``(tasks done, tasks in all)`` after each task."""


class Executor(Protocol):
    """Runs ``fn`` on tasks: results in task order (:meth:`map`) or as they finish
    (:meth:`completed`)."""

    workers: int
    """How many tasks run at once."""

    name: str
    """What it is, for messages (``"in-process"``, ``"2 local processes"``, ...)."""

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]: ...

    def completed(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[tuple[int, R]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class ExecutorBase:
    """:meth:`map` and the context manager on top of a subclass's :meth:`completed`."""

    workers: int = 1
    name: str = ""

    def completed(
        self, fn: Callable[[T], R], tasks: Sequence[T]
    ) -> Iterator[tuple[int, R]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]:
        """``[fn(t) for t in tasks]``, run by the executor; ``progress`` after each task."""
        out: list[Any] = [None] * len(tasks)
        for done, (i, result) in enumerate(self.completed(fn, tasks), start=1):
            out[i] = result
            if progress is not None:
                progress(done, len(tasks))
        return out

    def close(self) -> None:
        """Release the executor's resources (nothing to release here)."""

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class LocalExecutor(ExecutorBase):
    """Threads in this process (``workers`` 1: in the calling thread)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.name = "in-process" + (f" ({workers} threads)" if workers > 1 else "")

    def completed(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[tuple[int, R]]:
        """Yield ``(index, fn(tasks[index]))`` as tasks finish."""
        if self.workers == 1 or len(tasks) <= 1:
            for i, task in enumerate(tasks):
                yield i, fn(task)
            return
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            index: dict[Future[R], int] = {}
            queue = iter(enumerate(tasks))
            try:
                # a bounded window of submitted tasks: results are handed on as they come
                for i, task in queue:
                    index[pool.submit(fn, task)] = i
                    if len(index) >= 2 * self.workers:
                        break
                while index:
                    done, _ = wait(index, return_when=FIRST_COMPLETED)
                    for f in done:
                        i = index.pop(f)
                        yield i, f.result()
                        nxt = next(queue, None)
                        if nxt is not None:
                            index[pool.submit(fn, nxt[1])] = nxt[0]
            finally:
                for f in index:
                    f.cancel()
