"""What a strategy sees: frozen snapshots of the negotiation, never the mechanism itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.negotiate.domain import NegotiationDomain

__all__ = ["NegotiationView", "Offer"]


@dataclass(frozen=True, slots=True)
class Offer:
    """A package put on the table: in which round, by which party (row index), which package."""

    round: int
    proposer: int
    package: int


@dataclass(frozen=True, slots=True)
class NegotiationView:
    """A read-only snapshot handed to a strategy each time it must act.

    The domain (every party's utilities, reservation and ratifiers) is common knowledge, as
    in an accord scenario; strategies that model private information (the frequency learner)
    use only :attr:`history`.

    Attributes
    ----------
    domain:
        The packages and utilities (read-only arrays).
    party:
        Row of the party this view is for.
    round:
        Current round, from 0.
    n_rounds:
        The deadline: rounds ``0 .. n_rounds - 1`` exist.
    discount:
        Per-round discount factor: an agreement in round ``t`` is worth ``u * discount**t``.
    history:
        Every offer made so far, oldest first.
    """

    domain: NegotiationDomain
    party: int
    round: int
    n_rounds: int
    discount: float
    history: tuple[Offer, ...] = ()

    @property
    def utilities(self) -> NDArray[np.float64]:
        """This party's (undiscounted) utility of every package."""
        row: NDArray[np.float64] = self.domain.utilities[self.party]
        return row

    @property
    def reservation(self) -> float:
        return float(self.domain.reservations[self.party])

    @property
    def best(self) -> float:
        """This party's highest utility among the packages its ratifiers ratify (``-inf``
        when they ratify none)."""
        return float(self.domain.best[self.party])

    @property
    def ratified(self) -> NDArray[np.bool_]:
        """Packages this party's ratifiers ratify at the scenario's level."""
        row: NDArray[np.bool_] = self.domain.ratified[self.party]
        return row

    def acceptable(self, package: int, round_: int | None = None) -> bool:
        """Is ``package`` in this party's win-set, agreed in ``round_`` (default: now)?"""
        return self.domain.acceptable_to(self.party, package, self.factor(round_))

    @property
    def time(self) -> float:
        """Relative time in [0, 1]: 0 in the first round, 1 in the last."""
        return self.round / max(1, self.n_rounds - 1)

    def time_at(self, round_: int) -> float:
        """Relative time of round ``round_``."""
        return min(1.0, round_ / max(1, self.n_rounds - 1))

    def factor(self, round_: int | None = None) -> float:
        """Discount factor applied to an agreement in ``round_`` (default: the current round)."""
        return float(self.discount ** (self.round if round_ is None else round_))

    def floor(self, round_: int | None = None) -> float:
        """Least undiscounted utility worth accepting in ``round_``: the reservation, grossed up."""
        f = self.factor(round_)
        return self.reservation / f if f > 0 else float("inf")

    def opponent_offers(self) -> tuple[Offer, ...]:
        """Offers made by the other parties, oldest first."""
        return tuple(o for o in self.history if o.proposer != self.party)

    def own_offers(self) -> tuple[Offer, ...]:
        return tuple(o for o in self.history if o.proposer == self.party)
