"""Time-dependent concession: Boulware (e < 1), linear (e = 1), conceder (e > 1)."""

from __future__ import annotations

from dataclasses import dataclass

from accord.errors import InputError
from accord.negotiate.strategy import Aspiration, time_target
from accord.negotiate.view import NegotiationView

__all__ = ["BOULWARE_E", "CONCEDER_E", "TimeAspiration"]

BOULWARE_E = 0.25
"""Exponent of the named Boulware strategy: holds firm and concedes near the deadline."""

CONCEDER_E = 4.0
"""Exponent of the named conceder strategy: concedes most of the way early."""


@dataclass(frozen=True, slots=True)
class TimeAspiration(Aspiration):
    """Aim ``r + (best - r) * (1 - t**(1/e))`` at relative time ``t`` (see :func:`time_target`)."""

    e: float

    def __post_init__(self) -> None:
        if not self.e > 0:
            raise InputError(f"the concession exponent e must be positive, got {self.e}")

    def raw(self, view: NegotiationView, round_: int) -> float:
        return time_target(view.best, view.reservation, view.time_at(round_), self.e)
