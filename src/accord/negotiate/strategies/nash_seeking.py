"""Nash-seeking: propose the Nash bargaining package and accept anything at least as good."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.strategy import Aspiration
from accord.negotiate.view import NegotiationView

__all__ = ["NashAspiration", "nash_row"]


def nash_row(domain: NegotiationDomain, party: int) -> int:
    """The package in every party's win-set maximising the product of gains over
    reservation values.

    When the win-sets do not intersect, the package (in ``party``'s own win-set) that the
    most other sides' ratifiers ratify, then with the least total shortfall of the others
    below their reservations.
    """
    u, r = domain.utilities, domain.reservations
    gains = u - r[:, None]
    win = domain.winsets()
    ok = win.all(axis=0)
    if ok.any():
        score = np.where(ok, np.prod(np.maximum(gains, 0.0), axis=0), -1.0)
        total = u.sum(axis=0)
        return int(np.lexsort((-total, -score))[0])
    own_ok = win[party]
    if not own_ok.any():
        return int(domain.order[party, -1])
    shortfall = np.minimum(gains, 0.0).sum(axis=0)
    score = np.where(own_ok, shortfall, -np.inf)
    ratified = np.where(own_ok, domain.ratified.sum(axis=0), -1)
    return int(np.lexsort((-u[party], -score, -ratified))[0])


@dataclass(frozen=True, slots=True)
class NashAspiration(Aspiration):
    """Aim at this party's utility of the Nash package."""

    def raw(self, view: NegotiationView, round_: int) -> float:
        return float(view.utilities[nash_row(view.domain, view.party)])
