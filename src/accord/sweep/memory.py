"""Rows per chunk from a memory budget: chunk instead of running out of memory."""

from __future__ import annotations

from accord.errors import InputError

__all__ = ["DEFAULT_MEMORY", "chunk_rows"]

DEFAULT_MEMORY = 512 * 1024 * 1024
"""Default working-memory budget of one computation (512 MiB), shared by its workers."""


def chunk_rows(bytes_per_row: int, budget: int, *, cap: int) -> int:
    """How many rows one chunk may hold: as many as ``budget`` allows, at most ``cap``.

    Raises
    ------
    InputError
        When a single row needs more than the budget (say how much is needed).
    """
    if budget <= 0:
        raise InputError(f"the memory budget must be positive (got {budget:,} bytes)")
    if bytes_per_row > budget:
        raise InputError(
            f"one sample needs about {_mib(bytes_per_row)} of working memory, more than the "
            f"budget of {_mib(budget)}; raise the budget"
        )
    return max(1, min(cap, budget // max(1, bytes_per_row)))


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB"
