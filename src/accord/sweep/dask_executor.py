"""Dask distributed: tasks on a running cluster (``--scheduler tcp://HOST:PORT``) or on a
``LocalCluster`` this process starts on the loopback address (``--dask-local N``).

This is the only module of accord that imports Dask (``distributed``), and only when an
executor is made: the extra ``accord[dask]`` installs it. What travels to a worker is the
task, a small value (a scenario's text, a seed and block ids); results come back to the
driver, which alone writes files. A worker that dies is Dask's to handle: the scheduler
runs the tasks it held on another worker (a task is given up only after it was on
``distributed.scheduler.allowed-failures`` workers that died, 3 by default). Tasks are pure,
so a task run twice gives the same result.
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from accord.errors import AnalysisError, InputError
from accord.sweep.executor import ExecutorBase

__all__ = ["LOCAL_WORKER_ENVIRON", "MISSING_EXTRA", "DaskExecutor", "import_distributed"]

T = TypeVar("T")
R = TypeVar("R")

MISSING_EXTRA = (
    "the Dask executor needs the optional extra: pip install 'accord[dask]' "
    "(it installs dask.distributed)"
)


LOCAL_WORKER_ENVIRON = {
    "MALLOC_TRIM_THRESHOLD_": 256 * 2**20,
    "MALLOC_MMAP_THRESHOLD_": 32 * 2**20,
}
"""glibc's allocator settings for the workers of a local cluster. Dask's nanny starts workers
with ``MALLOC_TRIM_THRESHOLD_=65536`` (memory handed back to the system at once), which
turns every large short-lived array of an analysis into fresh page faults: measured on Hanoi,
about 40% more CPU per draw. Tasks here allocate tens of MiB and free them at once, so the
workers keep freed memory up to 256 MiB and take arrays up to 32 MiB from the heap. A real
cluster's workers take the same settings from the Dask configuration (docs/scale-out.md)."""


def _lost_work() -> tuple[type[BaseException], ...]:
    """Dask's exceptions for work lost to the cluster (a worker or the scheduler gone), not
    raised by a task itself."""
    import distributed
    from distributed.client import FutureCancelledError
    from distributed.comm.core import CommClosedError

    return (distributed.scheduler.KilledWorker, FutureCancelledError, CommClosedError)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start processes that ignore SIGINT: Ctrl-C in a terminal reaches every process of the
    foreground group, and the local cluster's nannies and workers would die printing
    tracebacks while the driver stops them itself. An ignored signal stays ignored in the
    processes started meanwhile (and Python leaves it so), while this process handles
    Ctrl-C as before."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def import_distributed() -> Any:
    """The ``distributed`` module, or an :class:`InputError` saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise InputError(MISSING_EXTRA) from None
    return distributed


class DaskExecutor(ExecutorBase):
    """Tasks on a Dask cluster.

    Parameters
    ----------
    address:
        A running scheduler (``tcp://HOST:PORT``); or
    local_workers:
        Start a ``LocalCluster`` of this many single-threaded worker processes on 127.0.0.1
        (no dashboard), stopped by :meth:`close`.
    connect_timeout:
        Seconds to wait for a running scheduler.
    """

    def __init__(
        self,
        address: str | None = None,
        *,
        local_workers: int | None = None,
        connect_timeout: float = 10.0,
    ) -> None:
        if (address is None) == (local_workers is None):
            raise ValueError("give either a scheduler address or a number of local workers")
        distributed = import_distributed()
        self._cluster: Any = None
        if local_workers is not None:
            if local_workers < 1:
                raise InputError(f"--dask-local {local_workers}: at least 1 worker")
            import dask

            environ = {f"distributed.nanny.pre-spawn-environ.{k}": v
                       for k, v in LOCAL_WORKER_ENVIRON.items()}  # fmt: skip
            with dask.config.set(environ), _workers_ignore_ctrl_c():
                self._cluster = distributed.LocalCluster(
                    n_workers=local_workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
            self.client: Any = distributed.Client(self._cluster)
            where = f"a local Dask cluster of {local_workers} worker(s)"
        else:
            assert address is not None
            if "://" not in address:
                raise InputError(
                    f"--scheduler {address}: give the scheduler's address as "
                    "tcp://HOST:PORT (what `dask scheduler` prints)"
                )
            try:
                self.client = distributed.Client(address, timeout=f"{connect_timeout}s")
            except ValueError as exc:
                raise InputError(
                    f"--scheduler {address}: not a scheduler address ({exc}); give "
                    "tcp://HOST:PORT (what `dask scheduler` prints)"
                ) from None
            except (OSError, TimeoutError) as exc:
                raise InputError(
                    f"--scheduler {address}: cannot reach a Dask scheduler there ({exc}); start "
                    "one with `dask scheduler` and workers with `dask worker ADDRESS`"
                ) from None
            where = f"the Dask cluster at {address}"
        threads = self.client.nthreads()
        if not threads:
            self.close()
            raise InputError(f"{where} has no workers; start some with `dask worker ADDRESS`")
        self.workers = int(sum(threads.values()))
        self.name = f"{where} ({self.workers} thread(s))"
        self.address = str(self.client.scheduler.address)

    def pids(self) -> dict[str, int]:
        """Process id of each worker, by worker address (for tests and monitoring)."""
        import os

        return dict(self.client.run(os.getpid))

    def completed(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[tuple[int, R]]:
        """Yield ``(index, fn(tasks[index]))`` as tasks finish, a bounded window at a time
        (the driver holds at most a few results per worker)."""
        as_completed: Any = import_distributed().as_completed
        lost = _lost_work()
        run = uuid.uuid4().hex[:8]
        window = max(4, 3 * self.workers)
        queue = iter(enumerate(tasks))
        live: dict[str, tuple[int, Any]] = {}

        def submit(i: int, task: T) -> Any:
            future = self.client.submit(fn, task, key=f"accord-{run}-{i}", pure=False)
            live[future.key] = (i, future)
            return future

        pending = as_completed([submit(i, t) for i, t in itertools.islice(queue, window)])
        try:
            for future in pending:
                i, _ = live.pop(future.key)
                try:
                    result = future.result()
                except lost as exc:
                    raise AnalysisError(
                        f"the Dask cluster lost the work ({type(exc).__name__}: {exc}); the "
                        "finished chunks are kept when the run has --out DIR: continue it "
                        "with --resume DIR"
                    ) from None
                future.release()
                yield i, result
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(submit(*nxt))
        finally:
            if live and self.client is not None:
                self.client.cancel([f for _, f in live.values()])

    def close(self) -> None:
        """Disconnect (and stop the local cluster if this executor started it)."""
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
