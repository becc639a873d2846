"""Helpers the importers share: number parsing and the final checks, all with locations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError, Problem, ScenarioError
from accord.scenario.spatial.model import SpatialData

__all__ = ["Collector"]


@dataclass
class Collector:
    """Collects located problems while an importer reads a file."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, line: int | None = None, path: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(message, self.source, path, line))

    def number(self, text: str, what: str, line: int | None, path: str = "") -> float:
        """Parse a float or record a problem (and return ``nan``)."""
        try:
            value = float(text.strip().strip("'\""))
        except ValueError:
            self.add(f"{what}: {text.strip()!r} is not a number", line, path)
            return float("nan")
        if not np.isfinite(value):
            self.add(f"{what}: must be a finite number", line, path)
        return value

    def in_range(
        self, value: float, lo: float, hi: float, what: str, line: int | None, path: str = ""
    ) -> None:
        """Record a problem when ``value`` lies outside ``[lo, hi]``."""
        if np.isfinite(value) and not lo <= value <= hi:
            self.add(f"{what} {value:g} is off the scale; valid: {lo:g}..{hi:g}", line, path)

    def raise_if_any(self) -> None:
        """Raise :class:`ScenarioError` with everything collected so far."""
        if self.problems:
            raise ScenarioError(self.problems)

    def build(
        self,
        actors: Sequence[str],
        dimensions: Sequence[str],
        capability: Sequence[float] | FloatArray,
        position: Sequence[Sequence[float]] | FloatArray,
        salience: Sequence[Sequence[float]] | FloatArray,
        **kwargs: object,
    ) -> SpatialData:
        """Final checks common to every format, then the :class:`SpatialData` value."""
        if len(actors) < 2:
            self.add(f"needs at least 2 actors, found {len(actors)}")
        seen: set[str] = set()
        for name in actors:
            if name in seen:
                self.add(f"duplicate actor name {name!r}")
            seen.add(name)
        self.raise_if_any()
        try:
            return SpatialData(
                actors=tuple(actors),
                dimensions=tuple(dimensions),
                capability=np.array(capability, dtype=np.float64),
                position=np.array(position, dtype=np.float64),
                salience=np.array(salience, dtype=np.float64),
                **kwargs,  # type: ignore[arg-type]
            )
        except InputError as exc:  # a check the reader itself did not make: still name the file
            raise ScenarioError([Problem(str(exc), self.source)]) from None
