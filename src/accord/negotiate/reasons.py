"""Why a side refuses a package or walks away, in plain words naming the binding constraint.

A package is outside a side's win-set for one or both of two reasons (the acceptability
predicate, :mod:`accord.space.acceptability`): it is worth less to the principal, after
discounting, than no agreement; or its ratifiers would not ratify it at the scenario's
ratification level. The sentences here name which, with the numbers: "worth 0.482 to it,
below its reservation value 0.665", "its ratifier US Congress would ratify it with
probability 0.12, below 0.5".
"""

from __future__ import annotations

import numpy as np

from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.view import NegotiationView
from accord.space.acceptability import acceptable

__all__ = ["probability", "ratifier_veto", "refusal_reason", "walk_reason"]


def probability(p: float) -> str:
    """A probability for a sentence: ``0.12``, ``0.004``, ``less than 0.001`` (or ``0``)."""
    if p <= 0.0 or p >= 1.0:
        return "0" if p <= 0.0 else "1"
    if p >= 0.01:
        return f"{p:.2f}"
    return f"{p:.3f}" if p >= 0.001 else "less than 0.001"


def ratifier_veto(domain: NegotiationDomain, party: int, row: int) -> str:
    """Which of ``party``'s ratifiers keep package ``row`` out of its win-set, and by how much."""
    rats = domain.ratifiers_of(party)
    level = f"{domain.level:g}"
    if not rats:
        return "it is not ratified"
    hard = [r for r in rats if not r.probabilistic and float(r.probability[row]) < 1.0]
    if hard:
        return " and ".join(
            f"its ratifier {r.name} would not ratify it (worth {float(r.utilities[row]):.3f} "
            f"to it, below its threshold {r.threshold:.3f})"
            for r in hard
        )
    if len(rats) == 1:
        p = float(rats[0].probability[row])
        return f"its ratifier {rats[0].name} would ratify it with probability {probability(p)}, below {level}"
    each = ", ".join(f"{r.name} {probability(float(r.probability[row]))}" for r in rats)
    joint = float(domain.ratification[party, row])
    return (
        f"its ratifiers would ratify it with joint probability {probability(joint)}, "
        f"below {level} ({each})"
    )


def refusal_reason(domain: NegotiationDomain, party: int, package: int, factor: float) -> str:
    """Why ``party`` refused ``package`` (or why its side cannot accept it), in words."""
    u = float(domain.utilities[party, package])
    r = float(domain.reservations[party])
    worth = f"worth {u * factor:.3f} to it" + (" after discounting" if factor < 1 else "")
    below = not bool(acceptable(u, r, 1.0, 0.0, factor))  # the predicate's principal half
    vetoed = not bool(domain.ratified[party, package])
    if below and vetoed:
        return f"{worth}, below its reservation value {r:.3f}; and {ratifier_veto(domain, party, package)}"
    if below:
        return f"{worth}, below its reservation value {r:.3f}"
    if vetoed:
        return f"{worth}, above its reservation value {r:.3f}, but {ratifier_veto(domain, party, package)}"
    return f"{worth}, above its reservation value {r:.3f} but less than it still asked for"


def walk_reason(view: NegotiationView) -> str:
    """Why a party walks away (nothing in its win-set is left), in words."""
    dom, i, f = view.domain, view.party, view.factor()
    r = view.reservation
    rats = dom.ratifiers_of(i)
    if not np.isfinite(view.best):
        who = f"its ratifier {rats[0].name}" if len(rats) == 1 else "its ratifiers jointly"
        top = float(dom.ratification[i].max())
        return (
            f"{who} would ratify no package on the table with probability {dom.level:g} or "
            f"more (the most for any package is {probability(top)})"
        )
    overall = float(dom.utilities[i].max())
    if rats and overall > view.best:
        who = f"its ratifier {rats[0].name}" if len(rats) == 1 else "its ratifiers"
        return (
            f"even the best package {who} would ratify is worth only {view.best * f:.3f} to it "
            f"now, below its reservation value {r:.3f}"
        )
    return (
        f"even its best package is worth only {view.best * f:.3f} to it now, "
        f"below its reservation value {r:.3f}"
    )
