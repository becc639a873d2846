"""Nash-seeking: propose the Nash bargaining package and accept anything at least as good."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.strategy import EPS, Aspiration
from accord.negotiate.view import NegotiationView

__all__ = ["NashAspiration", "nash_row"]


def nash_row(domain: NegotiationDomain, party: int) -> int:
    """The package maximising the product of gains over reservation values.

    When no package gives every party at least its reservation, the package (among those
    worth at least its own reservation to ``party``) with the least total shortfall of the
    others below their reservations.
    """
    u, r = domain.utilities, domain.reservations
    gains = u - r[:, None]
    ok = np.all(gains >= -EPS, axis=0)
    if ok.any():
        score = np.where(ok, np.prod(np.maximum(gains, 0.0), axis=0), -1.0)
        total = u.sum(axis=0)
        return int(np.lexsort((-total, -score))[0])
    own_ok = gains[party] >= -EPS
    if not own_ok.any():
        return int(domain.order[party, -1])
    shortfall = np.minimum(gains, 0.0).sum(axis=0)
    score = np.where(own_ok, shortfall, -np.inf)
    return int(np.lexsort((-u[party], -score))[0])


@dataclass(frozen=True, slots=True)
class NashAspiration(Aspiration):
    """Aim at this party's utility of the Nash package."""

    def raw(self, view: NegotiationView, round_: int) -> float:
        return float(view.utilities[nash_row(view.domain, view.party)])
