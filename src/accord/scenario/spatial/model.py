"""Spatial data for multi-actor forecasting: actors, capabilities, positions and saliences.

A :class:`SpatialData` value is what every reader produces and every forecasting model consumes:
``n`` actors with a capability each, and on each of ``K`` dimensions a position (on the
dimension's stated scale) and a salience in ``[0, 1]``; optionally a reference point (status
quo) and a recorded outcome per dimension.

An actor may take no part in an issue (the Decide format's actors without a ``#D`` line on it):
its position and salience there are ``nan``. That is not a salience of 0: every model leaves an
absent actor out of that issue altogether (:meth:`SpatialData.present`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

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
    descriptions:
        Optional per-actor descriptions (KTAB's ``description``), empty or one per actor.
    notes:
        What the reader decided that the user should see (a detected salience scale, a
        format's default scale); reports print them.
    settings:
        Model switches the file itself states, by model name (KTAB XML ``ModelParameters``,
        ``prngSeed`` and ``IdealAdjustment`` for ``smp``); switches the user sets override them.
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
    descriptions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

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
        put(self, "notes", tuple(self.notes))
        put(self, "descriptions", tuple(self.descriptions))
        if self.descriptions and len(self.descriptions) != n:
            raise InputError(f"descriptions: need one per actor ({n}) or none")
        put(self, "settings", {m: dict(v) for m, v in dict(self.settings).items()})
        power = np.asarray(self.power, dtype=np.float64)
        if power.size:
            power = _frozen(power, (n, k), "power")
        put(self, "power", power)
        self._check_values()

    def _check_values(self) -> None:
        if not np.all(np.isfinite(self.capability)) or np.any(self.capability <= 0):
            bad = [a for a, c in zip(self.actors, self.capability, strict=True) if not c > 0]
            raise InputError(
                f"every capability must be a positive finite number (actor {bad[0]!r})"
                if bad
                else "every capability must be a positive finite number"
            )
        here = self.present
        if np.any(np.isnan(self.salience) != ~here):
            raise InputError("an actor absent from an issue has neither position nor salience")
        sal = self.salience[here]
        if np.any(sal < 0) or np.any(sal > 1):
            raise InputError("saliences must lie in [0, 1]")
        for i, a in enumerate(self.actors):
            if not here[i].any():
                raise InputError(f"actor {a!r} takes part in no issue")
        if self.power.size:
            p = self.power[here]
            if np.any(np.isnan(self.power) != ~here) or not np.all(np.isfinite(p)) or np.any(p < 0):
                raise InputError("every power must be a number >= 0 where the actor takes part")
        for d, (lo, hi) in enumerate(self.scale):
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise InputError(f"dimension {self.dimensions[d]!r}: scale needs low < high")
            if not math.isfinite(hi - lo):
                raise InputError(f"dimension {self.dimensions[d]!r}: the scale is too wide")
            col = self.position[here[:, d], d]
            if col.size == 0:
                raise InputError(f"dimension {self.dimensions[d]!r}: no actor takes part in it")
            if np.any(np.isinf(self.position[:, d])) or np.any(col < lo) or np.any(col > hi):
                raise InputError(
                    f"dimension {self.dimensions[d]!r}: positions must lie on [{lo:g}, {hi:g}]"
                )

    @property
    def present(self) -> NDArray[np.bool_]:
        """Shape ``(n, K)``: whether each actor takes part in each issue (has a position)."""
        return np.asarray(~np.isnan(self.position))

    def absent(self) -> dict[str, tuple[str, ...]]:
        """Dimension name -> the actors that take no part in it (only dimensions with any)."""
        here = self.present
        return {
            d: tuple(a for i, a in enumerate(self.actors) if not here[i, k])
            for k, d in enumerate(self.dimensions)
            if not here[:, k].all()
        }

    def relative_capability(self) -> FloatArray:
        """Capabilities divided by the largest: only ratios matter, and huge units overflow."""
        return np.asarray(self.capability / self.capability.max(), dtype=np.float64)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actors)

    @property
    def n_dimensions(self) -> int:
        """Number of dimensions."""
        return len(self.dimensions)

    def capability_by_dimension(self) -> FloatArray:
        """Capability of each actor on each dimension, shape ``(n, K)``, relative to the largest.

        Only ratios matter to every model; dividing by the largest value keeps sums of
        ``capability × salience × position`` finite for any unit. Absent actors get ``nan``.
        """
        if self.power.size:
            top = np.nanmax(self.power)
            return np.asarray(self.power / top if top > 0 else self.power, dtype=np.float64)
        rel = self.relative_capability()[:, None]
        return np.asarray(np.where(self.present, rel, np.nan), dtype=np.float64)

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
        if not self.present[i, d]:
            raise InputError(f"actor {actor!r} takes no part in dimension {dimension!r}")
        pos = np.array(self.position)
        pos[i, d] = value
        return dataclasses.replace(self, position=pos)

    def subset(self, actors: Sequence[int]) -> SpatialData:
        """Return the data restricted to (or reordered as) the given actor indices."""
        idx = list(actors)
        return dataclasses.replace(
            self,
            actors=tuple(self.actors[i] for i in idx),
            capability=self.capability[idx],
            position=self.position[idx],
            salience=self.salience[idx],
            power=self.power[idx] if self.power.size else self.power,
            descriptions=tuple(self.descriptions[i] for i in idx) if self.descriptions else (),
            settings={},  # file switches such as an accommodation matrix are per actor
        )

    @staticmethod
    def _index(names: tuple[str, ...], name: str, what: str) -> int:
        try:
            return names.index(name)
        except ValueError:
            raise InputError(f"unknown {what} {name!r}; known: {', '.join(names)}") from None
