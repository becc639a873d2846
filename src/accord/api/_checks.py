"""Checks of the arguments every front end passes to the facade.

The facade refuses a bad argument with an :class:`~accord.errors.InputError` that names it and
says what would be valid, before any layer below sees it (numpy's own ``ValueError`` for a
negative seed names neither).
"""

from __future__ import annotations

import numbers
import secrets

from accord.errors import InputError

__all__ = ["check_count", "check_seed", "draw_seed"]


def check_seed(seed: object, name: str = "seed") -> int | None:
    """``seed`` if it is ``None`` or a non-negative integer; an :class:`InputError` otherwise."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or int(seed) < 0:
        raise InputError(
            f"{name}={seed!r}: a seed is a non-negative integer (or None to draw one, "
            "which the result records)"
        )
    return int(seed)


def draw_seed(seed: object, name: str = "seed") -> int:
    """A checked ``seed``, or a fresh one when it is ``None`` (the caller records it, so that
    the run can be repeated)."""
    checked = check_seed(seed, name)
    return secrets.randbelow(2**32) if checked is None else checked


def check_count(value: object, name: str, *, low: int = 1, high: int | None = None) -> int:
    """``value`` if it is an integer in ``[low, high]``; an :class:`InputError` otherwise."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        n = int(value)
        if n >= low and (high is None or n <= high):
            return n
    bound = f", at least {low:,}" if high is None else f" between {low:,} and {high:,}"
    raise InputError(f"{name}={value!r}: must be an integer{bound}")
