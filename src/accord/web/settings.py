"""The web app's limits and options, fixed when the server starts."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WebSettings"]


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Limits of ``accord serve``, with safe defaults.

    Attributes
    ----------
    token:
        When set, every request must carry it (``Authorization: Bearer TOKEN``, or the cookie
        the UI sets after ``/?token=TOKEN``).
    ledger:
        A tracking ledger (SQLite file or PostgreSQL URL) shown read-only; fixed by whoever
        starts the server, never named by a client.
    max_body:
        Largest request body in bytes (413 above it).
    max_packages:
        Largest outcome space (packages) a request may analyse (413 above it).
    timeout:
        Seconds a request may wait and compute (503 after it).
    workers:
        Analyses computed at once; more wait in a queue of at most ``queue`` (503 beyond).
    max_samples:
        Most uncertainty draws a job may ask for (422 above it).
    max_jobs:
        Uncertainty jobs run at once (more wait their turn).
    """

    token: str | None = None
    ledger: str | None = None
    max_body: int = 2 * 1024 * 1024
    max_packages: int = 250_000
    timeout: float = 30.0
    workers: int = 2
    queue: int = 64
    max_samples: int = 200_000
    max_jobs: int = 1
