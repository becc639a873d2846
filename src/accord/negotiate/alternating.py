"""Bilateral alternating offers with a deadline and a per-round discount (Rubinstein 1982).

In round ``t`` one party proposes a package and the other accepts it or refuses; after a
refusal the roles swap. An acceptance binds only when the package is in both parties'
win-sets; otherwise the mechanism refuses it (a ``veto`` event) and the roles swap too. An agreement in round ``t`` is worth ``u * discount**t``; when the
deadline passes without one, each party gets its reservation value. Before each round either
party may walk away (see :meth:`~accord.negotiate.strategy.Strategy.walk_away`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from accord.errors import InputError
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.protocol import (
    Ending,
    Event,
    NegotiationResult,
    Protocol,
    refusal_reason,
    walk_reason,
)
from accord.negotiate.strategy import Strategy
from accord.negotiate.view import Offer

__all__ = ["AlternatingOffers"]


@dataclass(frozen=True, slots=True)
class AlternatingOffers(Protocol):
    """Two parties alternate offers; ``first`` (0 or 1) proposes in round 0."""

    first: int = 0

    name: ClassVar[str] = "alternating"
    max_parties: ClassVar[int | None] = 2

    def __post_init__(self) -> None:
        Protocol.__post_init__(self)
        if self.first not in (0, 1):
            raise InputError(f"first must be 0 or 1, got {self.first}")

    def run(
        self,
        domain: NegotiationDomain,
        strategies: Sequence[Strategy],
        *,
        seed: int | None = None,
    ) -> NegotiationResult:
        self.check(domain, strategies)
        rng = self.rng(seed)
        history: tuple[Offer, ...] = ()
        events: list[Event] = []

        for t in range(self.rounds):
            p = (self.first + t) % 2
            q = 1 - p
            for who in (p, q):
                view = self.view(domain, who, t, history)
                if strategies[who].walk_away(view):
                    events.append(Event(t, who, "walk-away", reason=walk_reason(view)))
                    return self.finish(
                        domain, strategies, events, seed, Ending.walk_away, t, None, who
                    )
            row = self.valid_offer(
                domain, strategies[p], strategies[p].propose(self.view(domain, p, t, history), rng)
            )
            history = (*history, Offer(t, p, row))
            utils = self.utilities_of(domain, row)
            events.append(Event(t, p, "offer", row, utils))
            factor = self.discount**t
            if strategies[q].respond(self.view(domain, q, t, history), row, rng):
                refuser = self.refuser(domain, row, factor, first=q)
                if refuser is None:
                    events.append(Event(t, q, "accept", row, utils))
                    return self.finish(
                        domain, strategies, events, seed, Ending.agreement, t, row, None
                    )
                events.append(self.veto(domain, t, refuser, row, factor))
                continue
            events.append(
                Event(t, q, "reject", row, utils, reason=refusal_reason(domain, q, row, factor))
            )
        return self.finish(
            domain, strategies, events, seed, Ending.deadline, self.rounds - 1, None, None
        )
