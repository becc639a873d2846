"""Relative tit-for-tat: concede the share of the way the others have conceded.

The others' concession is measured in this party's own utility: how much of the gap between
their first offer and this party's best they have closed. The party then gives up the same
share of the way from its best to its reservation. Optionally a very tough time-dependent
curve caps the aim near the deadline, so that two tit-for-tat players, each waiting for the
other, do not both miss an agreement they would both prefer to none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.negotiate.strategy import Aspiration, time_target
from accord.negotiate.view import NegotiationView

__all__ = ["MirrorAspiration"]


@dataclass(frozen=True, slots=True)
class MirrorAspiration(Aspiration):
    """Mirror the others' relative concession; ``deadline_e`` (or None) caps the aim over time."""

    deadline_e: float | None = 0.1

    def raw(self, view: NegotiationView, round_: int) -> float:
        best, r = view.best, view.reservation
        theirs = view.opponent_offers()
        aim = best
        if theirs:
            u = view.utilities
            proposers = sorted({o.proposer for o in theirs})
            shares = []
            for p in proposers:  # one per other party, not per package
                rows = [o.package for o in theirs if o.proposer == p]
                first, last = float(u[rows[0]]), float(u[rows[-1]])
                gap = best - first
                shares.append(1.0 if gap <= 0 else (last - first) / gap)
            share = float(np.clip(np.mean(shares), 0.0, 1.0))
            aim = best - share * (best - r)
        if self.deadline_e is not None:
            aim = min(aim, time_target(best, r, view.time_at(round_), self.deadline_e))
        return aim
