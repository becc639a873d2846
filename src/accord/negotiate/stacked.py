"""Stacked alternating offers for any number of parties (the ANAC multilateral protocol).

Parties move in turn. The party to move either accepts the standing offer or replaces it with
its own; an offer is agreed once every other party has accepted it in turn and it lies in
every party's win-set at that moment (otherwise the mechanism refuses it, a ``veto`` event,
and the party to move makes its own offer). A round is one
full cycle of turns; the discount applies per round, and the deadline counts rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

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

__all__ = ["StackedAlternatingOffers"]


@dataclass(frozen=True, slots=True)
class StackedAlternatingOffers(Protocol):
    """Each party in turn accepts the standing offer or makes a new one."""

    name: ClassVar[str] = "stacked"

    def run(
        self,
        domain: NegotiationDomain,
        strategies: Sequence[Strategy],
        *,
        seed: int | None = None,
    ) -> NegotiationResult:
        self.check(domain, strategies)
        rng = self.rng(seed)
        m = domain.n_parties
        history: tuple[Offer, ...] = ()
        events: list[Event] = []
        standing: Offer | None = None
        accepted_by: set[int] = set()

        for turn in range(self.rounds * m):
            t, who = divmod(turn, m)
            view = self.view(domain, who, t, history)
            if strategies[who].walk_away(view):
                events.append(Event(t, who, "walk-away", reason=walk_reason(view)))
                return self.finish(domain, strategies, events, seed, Ending.walk_away, t, None, who)
            factor = self.discount**t
            if standing is not None and standing.proposer != who:
                row = standing.package
                utils = self.utilities_of(domain, row)
                if not strategies[who].respond(view, row, rng):
                    reason = refusal_reason(domain, who, row, factor)
                    events.append(Event(t, who, "reject", row, utils, reason=reason))
                elif not self.binding(domain, who, row, factor):
                    events.append(self.veto(domain, t, who, row, factor))
                else:
                    events.append(Event(t, who, "accept", row, utils))
                    accepted_by.add(who)
                    if len(accepted_by) < m - 1:
                        continue
                    # the last acceptance: every side must hold the package now
                    refuser = self.refuser(domain, row, factor)
                    if refuser is None:
                        return self.finish(
                            domain, strategies, events, seed, Ending.agreement, t, row, None
                        )
                    events.append(self.veto(domain, t, refuser, row, factor))
            row = self.valid_offer(domain, strategies[who], strategies[who].propose(view, rng))
            standing = Offer(t, who, row)
            history = (*history, standing)
            accepted_by = set()
            events.append(Event(t, who, "offer", row, self.utilities_of(domain, row)))
        return self.finish(
            domain, strategies, events, seed, Ending.deadline, self.rounds - 1, None, None
        )
