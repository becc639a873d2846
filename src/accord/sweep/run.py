"""The driver loop of a sweep: run the chunks an executor is given, checkpoint each as it
finishes, skip those a resumed run has finished already.

A chunk is one task (a whole number of sample blocks, or a part of one block for costly
models); its result is encoded as columns (:data:`~accord.sweep.store.Columns`) and saved
by the :class:`~accord.sweep.store.ChunkStore` the moment it arrives, so a crash loses only
chunks still running. Without a store, results are kept in memory and returned in task order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from accord.sweep.executor import Executor, Progress
from accord.sweep.store import ChunkStore, Columns

__all__ = ["ChunkRun", "run_chunks"]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ChunkRun(Generic[R]):
    """What :func:`run_chunks` did.

    ``results`` holds each chunk's result in task order when no store was given (``None``
    with a store: read the chunks from it); ``reused`` counts chunks a resumed run had
    finished already, ``computed`` those computed now.
    """

    results: list[R] | None
    reused: int
    computed: int


def run_chunks(
    executor: Executor,
    fn: Callable[[T], R],
    tasks: Sequence[T],
    *,
    store: ChunkStore | None = None,
    encode: Callable[[int, R], Columns] | None = None,
    progress: Progress | None = None,
) -> ChunkRun[R]:
    """Run ``fn`` on every task not finished yet; checkpoint each result in ``store``.

    Parameters
    ----------
    executor:
        Where the tasks run.
    fn, tasks:
        A pure function and its tasks; chunk ``i`` is ``tasks[i]``.
    store, encode:
        Save chunk ``i``'s result as ``encode(i, result)``, and run only the chunks the store
        has not finished (both or neither).
    progress:
        Called with ``(chunks finished, chunks in all)``: once at the start (counting the
        chunks a resumed run had finished), then after each chunk.
    """
    total = len(tasks)
    if store is None:
        results = executor.map(fn, tasks, progress)
        return ChunkRun(results, 0, total)
    if encode is None:
        raise ValueError("a store needs an encoder")
    todo = [i for i in range(total) if i not in store.finished]
    reused = total - len(todo)
    if progress is not None:
        progress(reused, total)
    done = reused
    for j, result in executor.completed(fn, [tasks[i] for i in todo]):
        store.save(todo[j], encode(todo[j], result))
        done += 1
        if progress is not None:
            progress(done, total)
    return ChunkRun(None, reused, len(todo))
