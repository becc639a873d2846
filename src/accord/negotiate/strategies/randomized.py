"""The random strategy: any package it could live with, accepted above a random threshold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.negotiate.strategy import EPS, Acceptance, Offering
from accord.negotiate.view import NegotiationView

__all__ = ["RandomAcceptance", "RandomOffering"]


@dataclass(frozen=True, slots=True)
class RandomOffering(Offering):
    """Offer a package drawn uniformly from those worth at least the reservation now."""

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        dom = view.domain
        su = dom.sorted_utilities[view.party]
        lo = int(np.searchsorted(su, view.floor() - EPS, side="left"))
        if lo >= su.size:
            return int(dom.order[view.party, -1])
        return int(dom.order[view.party, int(rng.integers(lo, su.size))])


@dataclass(frozen=True, slots=True)
class RandomAcceptance(Acceptance):
    """Accept when the package beats a threshold drawn uniformly between reservation and best."""

    def accept(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        lo = min(view.floor(), view.best)
        return float(view.utilities[package]) >= float(rng.uniform(lo, view.best)) - EPS
