"""Background jobs (the uncertainty analysis): run on their own small pool, report progress,
keep their result for polling (``GET /api/jobs/{id}``)."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from accord.errors import AccordError
from accord.web.limits import LimitError, accord_error_response

__all__ = ["Job", "Jobs"]

Progress = Callable[[str, int, int], None]


@dataclass
class Job:
    """One job's state: ``queued``, ``running``, ``done`` or ``failed``."""

    id: str
    kind: str
    state: str = "queued"
    stage: str = ""
    done: int = 0
    total: int = 0
    result: Any = None
    error: dict[str, Any] | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "progress": {"stage": self.stage, "done": self.done, "total": self.total},
            "result": self.result,
            "error": self.error,
        }


class Jobs:
    """At most ``workers`` jobs run at once and ``keep`` are remembered (oldest forgotten)."""

    def __init__(self, workers: int, keep: int = 50) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, kind: str, work: Callable[[Progress], Any]) -> Job:
        """Start ``work(progress)``; its return value (JSON-ready) becomes the result."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.state in ("queued", "running"))
            if waiting >= self.keep:
                raise LimitError(503, "busy", f"{waiting} jobs are waiting; try again later")
            job = Job(secrets.token_urlsafe(12), kind)
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        def run() -> None:
            job.state = "running"
            try:
                job.result = work(progress)
                job.state = "done"
            except AccordError as exc:
                body = accord_error_response(exc).body

                job.error = json.loads(bytes(body))["error"]
                job.state = "failed"
            except Exception as exc:  # a bug: report it, keep the server up
                job.error = {
                    "status": 500,
                    "code": "internal",
                    "message": repr(exc),
                    "problems": [],
                }
                job.state = "failed"
            finally:
                job.finished = time.time()

        with self._lock:
            if self._pool is None:  # made on first use (again after the app's shutdown)
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="accord-job")
            self._pool.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
