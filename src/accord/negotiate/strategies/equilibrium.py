"""Subgame-perfect equilibrium play of bilateral alternating offers (Rubinstein 1982).

With complete information, a deadline of ``T`` rounds and discount ``delta``, backward
induction gives each round's equilibrium offer: in the last round the responder accepts
anything at least as good as no agreement, so the proposer asks for the most it can get;
one round earlier the responder accepts what is worth at least its (discounted) value of
proposing next, and so on. On splitting a unit surplus, as ``T`` grows the first mover's
share tends to ``1 / (1 + delta)``. The induction loops over rounds, vectorised over packages;
only packages in both parties' win-sets (ratifiers included) can be agreed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.negotiate.strategy import EPS, Acceptance, Offering
from accord.negotiate.view import NegotiationView

__all__ = ["EquilibriumAcceptance", "EquilibriumOffering", "equilibrium_plan"]


def equilibrium_plan(view: NegotiationView, proposer_now: int) -> tuple[int, NDArray[np.float64]]:
    """The equilibrium offer of this round and the parties' values of reaching the next one.

    Returns the offer's row and the continuation values (discounted to absolute terms) that
    each party gets if this round's offer is refused.
    """
    dom = view.domain
    if dom.n_parties != 2:
        raise InputError("the equilibrium strategy is defined for two parties only")
    u, r = dom.utilities, dom.reservations
    value = r.astype(np.float64).copy()  # after the deadline: no agreement
    offer = int(dom.order[proposer_now, -1])
    nxt = value.copy()
    for s in range(view.n_rounds - 1, view.round - 1, -1):
        p = proposer_now if (s - view.round) % 2 == 0 else 1 - proposer_now
        q = 1 - p
        f = view.discount**s
        nxt = value.copy()
        win = dom.winsets(f)  # both sides must hold the package (principals and ratifiers)
        ok = (u[q] * f >= value[q] - EPS) & win[q] & win[p]
        x = int(dom.order[p, -1])
        if ok.any():
            score = np.where(ok, u[p], -np.inf)
            top = score >= score.max() - EPS
            cand = int(np.argmax(np.where(top, u[q], -np.inf)))
            if u[p, cand] * f >= value[p] - EPS:
                x = cand
                value = u[:, cand] * f
        offer = x
    return offer, nxt


@dataclass(frozen=True, slots=True)
class EquilibriumOffering(Offering):
    """Offer this round's equilibrium package."""

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        return equilibrium_plan(view, view.party)[0]


@dataclass(frozen=True, slots=True)
class EquilibriumAcceptance(Acceptance):
    """Accept what is worth at least the value of refusing and proposing next."""

    def accept(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        _, nxt = equilibrium_plan(view, 1 - view.party)
        return float(view.utilities[package]) * view.factor() >= float(nxt[view.party]) - EPS
