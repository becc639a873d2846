"""Strategies: an offering part and an acceptance part, acting on a read-only view.

A :class:`Strategy` is a named pair of an :class:`Offering` (which package to propose) and an
:class:`Acceptance` (whether to accept a package on the table). Most strategies aim at a
target utility that moves over time (an :class:`Aspiration`): they offer the package that is
worth at least the target and least above it (:class:`OfferAtTarget`) and accept what is
worth at least the target they would aim at next (:class:`AcceptAtTarget`, "AC-next").

Two rules hold for every strategy whatever its parts say, so that no strategy can break them:
a package outside the party's win-set (worth less after discounting than its reservation
value, or vetoed by its ratifiers: the acceptability predicate of ``accord run``) is never
accepted, and :meth:`Strategy.walk_away` ends the talks when nothing in its win-set is left:
even the best package its ratifiers ratify, discounted to now, is worth less than its
reservation value. The offering parts search only the packages the party's ratifiers ratify
(see :class:`~accord.negotiate.domain.NegotiationDomain`), so a party does not offer what its
own side would veto while anything else is left.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from accord.negotiate.view import NegotiationView
from accord.space.acceptability import acceptable

__all__ = [
    "EPS",
    "AcceptAtTarget",
    "Acceptance",
    "Aspiration",
    "OfferAtTarget",
    "Offering",
    "Strategy",
    "time_target",
]

EPS = 1e-12
"""Tolerance when comparing utilities."""


def time_target(best: float, reservation: float, t: float, e: float) -> float:
    """Time-dependent aspiration (Faratin et al. 1998): ``r + (best - r) * (1 - t**(1/e))``.

    ``e < 1`` concedes late (Boulware), ``e = 1`` linearly, ``e > 1`` early (conceder).
    """
    return float(reservation + (best - reservation) * (1.0 - t ** (1.0 / e)))


class Aspiration(ABC):
    """The utility a party aims at in a given round (undiscounted)."""

    @abstractmethod
    def raw(self, view: NegotiationView, round_: int) -> float:
        """The aim before it is clipped to ``[floor, best]``."""

    def target(self, view: NegotiationView, round_: int) -> float:
        """The aim in ``round_``: never below the (grossed-up) reservation, never above the best."""
        return min(view.best, max(view.floor(round_), self.raw(view, round_)))


class Offering(ABC):
    """The offering part of a strategy."""

    @abstractmethod
    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        """Row of the package to offer."""


class Acceptance(ABC):
    """The acceptance part of a strategy."""

    @abstractmethod
    def accept(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        """Whether to accept ``package`` in the current round."""


@dataclass(frozen=True, slots=True)
class OfferAtTarget(Offering):
    """Offer the package worth at least the aspiration and least above it."""

    aspiration: Aspiration

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        return view.domain.first_at_least(view.party, self.aspiration.target(view, view.round))


@dataclass(frozen=True, slots=True)
class AcceptAtTarget(Acceptance):
    """Accept a package worth at least what the party would aim at in its next round.

    In the last round, with ``last_chance`` set, anything at least as good as no agreement is
    accepted (there is no next round to aim at).
    """

    aspiration: Aspiration
    last_chance: bool = True

    def accept(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        u = float(view.utilities[package])
        nxt = view.round + 1
        if nxt >= view.n_rounds:
            aim = view.floor() if self.last_chance else self.aspiration.target(view, view.round)
        else:
            aim = self.aspiration.target(view, nxt)
        return u >= aim - EPS


@dataclass(frozen=True, slots=True)
class Strategy:
    """A named strategy: an offering part, an acceptance part and the rules every strategy keeps.

    Parameters
    ----------
    name:
        Registry name with parameters, e.g. ``boulware`` or ``time-dependent:e=0.5``.
    offering, acceptance:
        The two parts.
    max_objections:
        In mediation, how many issues the party names when it rejects a text.
    """

    name: str
    offering: Offering
    acceptance: Acceptance
    max_objections: int = 2

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        """Row of the package this party offers now."""
        return int(self.offering.propose(view, rng))

    def respond(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        """Accept ``package``? Never when it is outside the party's win-set now."""
        if not view.acceptable(package):
            return False
        return bool(self.acceptance.accept(view, package, rng))

    def walk_away(self, view: NegotiationView) -> bool:
        """End the talks: nothing in the party's win-set is left.

        Continuing can be worth at most the best package its ratifiers ratify, discounted to
        this round; when that is below the reservation value (or they ratify nothing), no
        package is acceptable to its side any more.
        """
        # view.best is already restricted to ratified packages: the principal half decides
        return not bool(acceptable(view.best, view.reservation, 1.0, 0.0, view.factor()))

    def objections(self, view: NegotiationView, package: int) -> tuple[int, ...]:
        """Issues the party rejects in ``package``: those where it gives up most, worst first.

        When its ratifiers veto the package, the issues where the ratifier least likely to
        ratify it gives up most.
        """
        dom = view.domain
        opts = dom.options[package]
        wv = dom.weighted_values[view.party]
        rats = dom.ratifiers_of(view.party)
        if rats and not view.ratified[package]:
            binding = min(rats, key=lambda r: float(r.probability[package]))
            wv = binding.weighted_values or wv
        loss = np.array([float(v.max() - v[o]) for v, o in zip(wv, opts, strict=True)])
        if not np.any(loss > EPS):
            # no per-issue model: object to the issues where the package differs from its best
            best_opts = dom.options[dom.order[view.party, -1]]
            loss = (opts != best_opts).astype(np.float64)
        ranked = np.argsort(-loss, kind="stable")
        return tuple(int(k) for k in ranked[: self.max_objections] if loss[k] > EPS)
