"""Grids of settings: ``NAME=a,b,c`` (listed values) or ``NAME=LOW:HIGH:N`` (``N`` evenly
spaced numbers from ``LOW`` to ``HIGH``, both included), combined as a full product.

Generic: a grid knows names and values; what a name means (a lever, a number of the scenario)
is the caller's business.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.errors import InputError

__all__ = ["MAX_POINTS", "Axis", "grid_points", "parse_axis"]

MAX_POINTS = 10_000
"""Grid points at most (each one is a whole run of samples)."""


@dataclass(frozen=True, slots=True)
class Axis:
    """One grid axis: a name and its values (strings as listed, or numbers from a range)."""

    name: str
    values: tuple[str | float, ...]

    def to_json(self) -> list[object]:
        return [self.name, list(self.values)]


def parse_axis(spec: str) -> Axis:
    """``"china.enforcement=full,partial,lax"`` or ``"congress.threshold=0.7:0.9:5"``.

    Raises
    ------
    InputError
        For a malformed spec, a repeated value, or a range that is not ``LOW:HIGH:N`` with
        finite numbers and ``N`` of at least 2 (or 1 with ``LOW == HIGH``).
    """
    name, sep, raw = spec.partition("=")
    name, raw = name.strip(), raw.strip()
    example = "e.g. china.enforcement=full,partial,lax or congress.threshold=0.7:0.9:5"
    if not sep or not name or not raw:
        raise InputError(f"--grid {spec!r}: expected NAME=A,B,C or NAME=LOW:HIGH:N ({example})")
    if ":" in raw:
        parts = raw.split(":")
        try:
            if len(parts) != 3:
                raise ValueError
            low, high, n = float(parts[0]), float(parts[1]), int(parts[2])
        except ValueError:
            raise InputError(
                f"--grid {spec!r}: a range is LOW:HIGH:N with two numbers and a whole number "
                f"of points ({example})"
            ) from None
        if not (math.isfinite(low) and math.isfinite(high)):
            raise InputError(f"--grid {spec!r}: the range's ends must be finite numbers")
        if n < 1 or (n == 1 and low != high) or (n > 1 and low == high):
            raise InputError(
                f"--grid {spec!r}: N is the number of points from LOW to HIGH, at least 2 "
                "(1 when LOW equals HIGH)"
            )
        values: tuple[str | float, ...] = tuple(
            float(v) for v in np.round(np.linspace(low, high, n), 12)
        )
        return Axis(name, values)
    items = tuple(v.strip() for v in raw.split(","))
    if any(not v for v in items):
        raise InputError(f"--grid {spec!r}: an empty value in the list")
    if len(set(items)) != len(items):
        raise InputError(f"--grid {spec!r}: a value is listed twice")
    return Axis(name, items)


def grid_points(axes: Sequence[Axis]) -> list[tuple[str | float, ...]]:
    """Every combination of the axes' values, the first axis varying slowest.

    Raises
    ------
    InputError
        For an axis named twice or more than :data:`MAX_POINTS` points.
    """
    names = [a.name for a in axes]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"--grid {twice[0]}: the axis is given twice; list its values once")
    count = math.prod(len(a.values) for a in axes)
    if count > MAX_POINTS:
        raise InputError(
            f"--grid: {count:,} grid points, more than {MAX_POINTS:,}; use fewer values"
        )
    return list(itertools.product(*(a.values for a in axes)))
