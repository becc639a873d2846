"""Single-text mediation (the Camp David 1978 procedure, after Raiffa).

A mediator puts one text (a package) on the table. Each party accepts it or names the issues
it rejects. The mediator then revises the text on the rejected issues only: among the
feasible packages that keep every other issue as it is and leave each objecting party better
off (or, for a party whose ratifiers veto the text, more likely to be ratified), it picks the
one that keeps the parties who accepted best off (then the one that gives the objectors the
largest least gain). Talks end when all accept (the text then lies in every win-set), a
party walks away, or the deadline passes. The opening text is the package with the largest
total utility among those every side's ratifiers ratify.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.protocol import (
    MEDIATOR,
    Ending,
    Event,
    NegotiationResult,
    Protocol,
    refusal_reason,
    walk_reason,
)
from accord.negotiate.strategy import EPS, Strategy
from accord.negotiate.view import Offer

__all__ = ["SingleTextMediation", "opening_text", "revise_text"]


def opening_text(domain: NegotiationDomain) -> int:
    """The mediator's first text: the package with the largest total utility among those
    every party's ratifiers ratify (among all packages when there is none)."""
    total = domain.utilities.sum(axis=0)
    ratified = domain.ratified.all(axis=0)
    if ratified.any():
        total = np.where(ratified, total, -np.inf)
    return int(np.lexsort((-domain.utilities.min(axis=0), -total))[0])


def revise_text(
    domain: NegotiationDomain, text: int, objectors: Sequence[int], issues: set[int]
) -> int:
    """The revised text, or ``text`` itself when no revision on ``issues`` helps every objector.

    A revision helps an objector whose ratifiers ratify the text when it leaves the objector
    better off and still ratified; it helps an objector whose ratifiers veto the text when it
    raises the probability that they ratify.
    """
    if not objectors or not issues:
        return text
    u = domain.utilities
    keep = [j for j in range(domain.options.shape[1]) if j not in issues]
    same = np.all(domain.options[:, keep] == domain.options[text, keep], axis=1)
    obj = np.asarray(objectors, dtype=np.int64)
    gains = u[obj] - u[obj, text][:, None]
    rat = domain.ratification
    vetoed = ~domain.ratified[obj, text]
    helps = np.where(
        vetoed[:, None],
        rat[obj] - rat[obj, text][:, None] > EPS,
        (gains > EPS) & domain.ratified[obj],
    )
    ok = same & np.all(helps, axis=0)
    if not ok.any():
        return text
    accepters = [i for i in range(domain.n_parties) if i not in set(objectors)]
    kept = u[accepters].sum(axis=0) if accepters else np.zeros(domain.n_packages)
    least_gain = gains.min(axis=0)
    score_kept = np.where(ok, kept, -np.inf)
    score_gain = np.where(ok, least_gain, -np.inf)
    return int(np.lexsort((-score_gain, -score_kept))[0])


@dataclass(frozen=True, slots=True)
class SingleTextMediation(Protocol):
    """A mediator revises one text until every party accepts it or time runs out."""

    name: ClassVar[str] = "mediation"

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

        text = opening_text(domain)
        for t in range(self.rounds):
            for who in range(m):
                view = self.view(domain, who, t, history)
                if strategies[who].walk_away(view):
                    events.append(Event(t, who, "walk-away", reason=walk_reason(view)))
                    return self.finish(
                        domain, strategies, events, seed, Ending.walk_away, t, None, who
                    )
            history = (*history, Offer(t, MEDIATOR, text))
            utils = self.utilities_of(domain, text)
            events.append(Event(t, MEDIATOR, "text", text, utils))
            factor = self.discount**t
            objectors: list[int] = []
            issues: set[int] = set()
            for who in range(m):
                view = self.view(domain, who, t, history)
                ok = strategies[who].respond(view, text, rng)
                if ok and self.binding(domain, who, text, factor):
                    events.append(Event(t, who, "accept", text, utils))
                    continue
                named = strategies[who].objections(view, text)
                objectors.append(who)
                issues.update(named)
                events.append(
                    Event(
                        t,
                        who,
                        "veto" if ok else "reject",
                        text,
                        utils,
                        issues=named,
                        reason=refusal_reason(domain, who, text, factor),
                    )
                )
            if not objectors:
                return self.finish(
                    domain, strategies, events, seed, Ending.agreement, t, text, None
                )
            text = revise_text(domain, text, objectors, issues)
        return self.finish(
            domain, strategies, events, seed, Ending.deadline, self.rounds - 1, None, None
        )
