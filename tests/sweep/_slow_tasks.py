"""Task functions for executor tests (importable by spawned worker processes)."""

from __future__ import annotations

import time


def slow_square(x: int) -> int:
    """``x * x`` after a short pause, so that a sweep is still running when a test acts."""
    time.sleep(0.15)
    return x * x


def fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x
