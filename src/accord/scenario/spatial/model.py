"""Spatial data for multi-actor forecasting: actors, capabilities, positions and saliences.

A :class:`SpatialData` value is what every reader produces and every forecasting model consumes:
``n`` actors with a capability each, and on each of ``K`` dimensions a position (on the
dimension's stated scale) and a salience in ``[0, 1]``; optionally a reference point (status
quo) and a recorded outcome per dimension.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError

__all__ = ["SpatialData"]


def _frozen(values: object, shape: tuple[int, ...], what: str) -> FloatArray:
    arr = np.array(values, dtype=np.float64)
    if arr.shape != shape:
        raise InputError(f"{what} must have shape {shape}, got {arr.shape}")
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, slots=True, eq=False)
class SpatialData:
    """Actors' capabilities, positions and saliences on one or more policy dimensions.

    Parameters
    ----------
    actors:
        Actor names, unique, at least two.
    dimensions:
        Dimension names, unique, at least one.
    capability:
        Shape ``(n,)``; every capability is positive (any scale: only ratios matter).
    position:
        Shape ``(n, K)``; each column lies on that dimension's ``scale``.
    salience:
        Shape ``(n, K)``; each entry in ``[0, 1]``.
    scale:
        Per dimension ``(low, high)`` with ``low < high``; default ``(0, 100)``.
    reference:
        Shape ``(K,)``; status quo per dimension, ``nan`` where unknown.
    outcome:
        Shape ``(K,)``; recorded outcome per dimension, ``nan`` where unknown.
    name, description, sources:
        Free text for reports.
    power:
        Optional shape ``(n, K)``: issue-specific capability (the Decide format's power);
        empty means ``capability`` on every dimension. Models that weigh per dimension use
        :meth:`capability_by_dimension`; KTAB's SMP uses the scalar ``capability``.
    """

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    capability: FloatArray
    position: FloatArray
    salience: FloatArray
    scale: tuple[tuple[float, float], ...] = ()
    reference: FloatArray = field(default_factory=lambda: np.empty(0))
    outcome: FloatArray = field(default_factory=lambda: np.empty(0))
    name: str = "spatial"
    description: str = ""
    sources: tuple[str, ...] = ()
    power: FloatArray = field(default_factory=lambda: np.empty(0))

    def __post_init__(self) -> None:
        n, k = len(self.actors), len(self.dimensions)
        if n < 2:
            raise InputError(f"spatial data needs at least 2 actors, got {n}")
        if k < 1:
            raise InputError("spatial data needs at least 1 dimension")
        for label, names in (("actor", self.actors), ("dimension", self.dimensions)):
            if len(set(names)) != len(names):
                raise InputError(f"{label} names must be unique: {list(names)}")
        put = object.__setattr__
        put(self, "actors", tuple(self.actors))
        put(self, "dimensions", tuple(self.dimensions))
        put(self, "capability", _frozen(self.capability, (n,), "capability"))
        put(self, "position", _frozen(self.position, (n, k), "position"))
        put(self, "salience", _frozen(self.salience, (n, k), "salience"))
        scale = tuple(self.scale) or ((0.0, 100.0),) * k
        if len(scale) != k:
            raise InputError(f"scale needs one (low, high) pair per dimension ({k})")
        put(self, "scale", tuple((float(lo), float(hi)) for lo, hi in scale))
        nan = np.full(k, np.nan)
        ref = np.asarray(self.reference, dtype=np.float64)
        out = np.asarray(self.outcome, dtype=np.float64)
        ref = nan if ref.size == 0 else ref
        out = nan if out.size == 0 else out
        put(self, "reference", _frozen(ref, (k,), "reference"))
        put(self, "outcome", _frozen(out, (k,), "outcome"))
        put(self, "sources", tuple(self.sources))
        power = np.asarray(self.power, dtype=np.float64)
        if power.size:
            power = _frozen(power, (n, k), "power")
            if not np.all(np.isfinite(power)) or np.any(power < 0):
                raise InputError("every power must be a number >= 0")
        put(self, "power", power)
        self._check_values()

    def _check_values(self) -> None:
        if not np.all(np.isfinite(self.capability)) or np.any(self.capability <= 0):
            raise InputError("every capability must be a positive number")
        if not np.all(np.isfinite(self.salience)):
            raise InputError("every salience must be a number")
        if np.any(self.salience < 0) or np.any(self.salience > 1):
            raise InputError("saliences must lie in [0, 1]")
        for d, (lo, hi) in enumerate(self.scale):
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise InputError(f"dimension {self.dimensions[d]!r}: scale needs low < high")
            col = self.position[:, d]
            if not np.all(np.isfinite(col)) or np.any(col < lo) or np.any(col > hi):
                raise InputError(
                    f"dimension {self.dimensions[d]!r}: positions must lie on [{lo:g}, {hi:g}]"
                )

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actors)

    @property
    def n_dimensions(self) -> int:
        """Number of dimensions."""
        return len(self.dimensions)

    def capability_by_dimension(self) -> FloatArray:
        """Capability of each actor on each dimension, shape ``(n, K)``."""
        if self.power.size:
            return self.power
        return np.asarray(np.broadcast_to(self.capability[:, None], self.position.shape))

    @property
    def low(self) -> FloatArray:
        """Lower scale end per dimension, shape ``(K,)``."""
        return np.array([lo for lo, _ in self.scale])

    @property
    def high(self) -> FloatArray:
        """Upper scale end per dimension, shape ``(K,)``."""
        return np.array([hi for _, hi in self.scale])

    def to_unit(self, values: FloatArray) -> FloatArray:
        """Map positions (last axis = dimensions) from their scale onto ``[0, 1]``."""
        return (values - self.low) / (self.high - self.low)

    def from_unit(self, values: FloatArray) -> FloatArray:
        """Map ``[0, 1]`` coordinates (last axis = dimensions) back onto each dimension's scale."""
        return self.low + values * (self.high - self.low)

    def with_position(self, actor: str, dimension: str, value: float) -> SpatialData:
        """Return a copy in which one actor holds ``value`` on one dimension (for what-ifs)."""
        i = self._index(self.actors, actor, "actor")
        d = self._index(self.dimensions, dimension, "dimension")
        pos = np.array(self.position)
        pos[i, d] = value
        return SpatialData(
            actors=self.actors,
            dimensions=self.dimensions,
            capability=self.capability,
            position=pos,
            salience=self.salience,
            scale=self.scale,
            reference=self.reference,
            outcome=self.outcome,
            name=self.name,
            description=self.description,
            sources=self.sources,
            power=self.power,
        )

    def subset(self, actors: Sequence[int]) -> SpatialData:
        """Return the data restricted to (or reordered as) the given actor indices."""
        idx = list(actors)
        return SpatialData(
            actors=tuple(self.actors[i] for i in idx),
            dimensions=self.dimensions,
            capability=self.capability[idx],
            position=self.position[idx],
            salience=self.salience[idx],
            scale=self.scale,
            reference=self.reference,
            outcome=self.outcome,
            name=self.name,
            description=self.description,
            sources=self.sources,
            power=self.power[idx] if self.power.size else self.power,
        )

    @staticmethod
    def _index(names: tuple[str, ...], name: str, what: str) -> int:
        try:
            return names.index(name)
        except ValueError:
            raise InputError(f"unknown {what} {name!r}; known: {', '.join(names)}") from None
