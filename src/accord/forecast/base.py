"""The one interface of every forecasting model and the result it returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError
from accord.scenario.spatial.model import SpatialData

__all__ = [
    "MAX_ACTORS",
    "ForecastModel",
    "ForecastResult",
    "Progress",
    "check_size",
    "effective_weights",
    "freeze",
]

MAX_ACTORS = 1000
"""Most actors a forecast accepts. Every model works in memory that grows with ``n²`` (the
pairwise and third-party terms of the dynamic models are computed in chunks), but the work
of expected utility and SMP grows with ``n³`` per round: 500 actors take minutes, 1,000 take
the better part of an hour. Larger inputs are refused before anything is allocated."""

Progress = Callable[[int, int], None]
"""A progress callback: ``progress(done, total)``, called as a model completes rounds or
dimensions. Front ends draw progress bars with it; models never print."""


def check_size(data: SpatialData) -> None:
    """Refuse data with more than :data:`MAX_ACTORS` actors, before any work is done."""
    if data.n_actors > MAX_ACTORS:
        raise InputError(
            f"{data.n_actors:,} actors: the forecasting models accept at most {MAX_ACTORS:,} "
            "(their work grows with the cube of the number of actors); merge minor actors "
            "into groups, or forecast a subset (SpatialData.subset)"
        )


def freeze(values: object) -> FloatArray:
    """Return a read-only float64 copy of ``values``."""
    arr = np.array(values, dtype=np.float64)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, slots=True, eq=False)
class ForecastResult:
    """What a model forecasts, per dimension, and how it got there.

    Parameters
    ----------
    model:
        The model's name (as in the registry).
    forecast:
        Shape ``(K,)``: the forecast outcome per dimension on the data's scale.
    trajectory:
        Shape ``(T, n, K)``: actors' positions at each state, ``T = rounds + 1`` (the first is the
        input). Static models return ``T = 1``.
    forecast_by_round:
        Shape ``(T, K)``: the forecast the model would give at each state.
    settings:
        The switches the model ran with (name to value, JSON-friendly).
    converged:
        For dynamic models: whether the stop rule (rather than the round limit) ended the run.
    extra:
        Model-specific series (e.g. ``"mean"`` by round for the expected-utility model), each of
        shape ``(T, K)`` or ``(T, n)``.
    """

    model: str
    forecast: FloatArray
    trajectory: FloatArray
    forecast_by_round: FloatArray
    settings: dict[str, object] = field(default_factory=dict)
    converged: bool = True
    extra: dict[str, FloatArray] = field(default_factory=dict)

    @property
    def rounds(self) -> int:
        """Number of rounds (state transitions) the model ran."""
        return int(self.trajectory.shape[0]) - 1


@runtime_checkable
class ForecastModel(Protocol):
    """A spatial forecasting model: immutable switches, one pure ``forecast`` method."""

    @property
    def name(self) -> str:
        """The model's registry name."""
        ...

    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Forecast every dimension of ``data``; report progress to ``progress`` if given."""
        ...


def effective_weights(data: SpatialData, weighting: str) -> FloatArray:
    """Voting weight of each actor on each dimension, shape ``(n, K)``; ``nan`` where absent.

    Parameters
    ----------
    data:
        The spatial data.
    weighting:
        ``"capability_salience"`` (c·s, the published default), ``"capability"``, ``"salience"``
        or ``"equal"``.
    """
    c = data.capability_by_dimension()
    s = data.salience
    if weighting == "capability_salience":
        return np.asarray(c * s, dtype=np.float64)
    if weighting == "capability":
        return np.array(c, dtype=np.float64)
    if weighting == "salience":
        return np.array(s, dtype=np.float64)
    if weighting == "equal":
        return np.where(data.present, 1.0, np.nan)
    raise InputError(
        f"unknown weighting {weighting!r}; valid: capability_salience, capability, salience, equal"
    )
