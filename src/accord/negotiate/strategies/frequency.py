"""Frequency-model opponent learner.

The opponents' issue weights and option values are estimated from their offers alone (the
"HardHeaded" frequency model): an issue whose option an opponent keeps unchanged between
consecutive offers is taken to matter to it, and options it offers often are taken to be
valuable to it. Among the packages worth between the party's target and a little above it,
the learner offers the one the model says the opponents like best.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.negotiate.strategy import EPS, Aspiration, Offering
from accord.negotiate.view import NegotiationView

__all__ = ["FrequencyOffering", "estimate_opponent"]


def estimate_opponent(view: NegotiationView, proposer: int) -> NDArray[np.float64]:
    """Estimated utility of every package to ``proposer``, from its offers in the history."""
    dom = view.domain
    rows = np.array([o.package for o in view.history if o.proposer == proposer], dtype=np.int64)
    k = dom.options.shape[1]
    if rows.size == 0:
        return np.zeros(dom.n_packages)
    offered = dom.options[rows]  # (offers, k)
    unchanged = (offered[1:] == offered[:-1]).sum(axis=0) if rows.size > 1 else np.zeros(k)
    weights = 1.0 + unchanged.astype(np.float64)
    weights /= weights.sum()
    est = np.zeros(dom.n_packages)
    for j in range(k):  # one pass per issue, vectorised over packages
        n_opts = int(dom.options[:, j].max()) + 1
        counts = np.bincount(offered[:, j], minlength=n_opts).astype(np.float64)
        values = (counts + 1.0) / (counts.max() + 1.0)
        est += weights[j] * values[dom.options[:, j]]
    return est


@dataclass(frozen=True, slots=True)
class FrequencyOffering(Offering):
    """Offer, among packages worth ``[target, target + window]``, the one the model favours."""

    aspiration: Aspiration
    window: float = 0.05

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        dom = view.domain
        target = self.aspiration.target(view, view.round)
        others = sorted({o.proposer for o in view.history if o.proposer != view.party})
        if not others:
            return dom.first_at_least(view.party, target)
        su = dom.sorted_utilities[view.party]
        lo = int(np.searchsorted(su, target - EPS, side="left"))
        hi = int(np.searchsorted(su, target + self.window, side="right"))
        if lo >= su.size:
            return int(dom.order[view.party, -1])
        cands = dom.order[view.party, lo : max(hi, lo + 1)]
        est = sum((estimate_opponent(view, p) for p in others), np.zeros(dom.n_packages))
        return int(cands[int(np.argmax(est[cands]))])
