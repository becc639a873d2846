"""The protocol interface and what a negotiation returns: a result with its full trace.

A protocol runs a negotiation between strategies over a :class:`NegotiationDomain`. It hands
each strategy a fresh :class:`NegotiationView` (a frozen snapshot) and never the protocol
itself, builds one :class:`numpy.random.Generator` from ``seed``, and records every step as
an :class:`Event`. Two rules are enforced by the mechanism as well as by :class:`Strategy`:
only feasible packages can be offered, and no agreement is made on a package outside any
party's win-set (the acceptability predicate of ``accord run``: worth at least the party's
reservation value after discounting, and ratified by its ratifiers at the scenario's level).
When a strategy accepts such a package the mechanism refuses the agreement and records a
``veto`` event naming the binding constraint; :meth:`Protocol.finish` checks the rule once
more, so that no protocol can break it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

import numpy as np

from accord.errors import AnalysisError, InputError
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.reasons import refusal_reason, walk_reason
from accord.negotiate.strategy import Strategy
from accord.negotiate.view import NegotiationView, Offer

__all__ = [
    "MEDIATOR",
    "Ending",
    "Event",
    "NegotiationResult",
    "Protocol",
    "refusal_reason",
    "walk_reason",
]

MEDIATOR = -1
"""Actor index of the mediator in events."""


class Ending(StrEnum):
    """How the talks ended."""

    agreement = "agreement"
    deadline = "deadline"
    walk_away = "walk-away"


@dataclass(frozen=True, slots=True)
class Event:
    """One step of a negotiation.

    Attributes
    ----------
    round:
        Round of the step (from 0).
    actor:
        Party row, or :data:`MEDIATOR`.
    kind:
        ``offer``, ``text`` (mediator's proposal), ``accept``, ``reject``, ``veto`` (a
        strategy accepted, but the package is outside this party's win-set, so the
        mechanism refused the agreement) or ``walk-away``.
    package:
        Row of the package concerned, if any.
    utilities:
        Undiscounted utility of that package to every party.
    issues:
        Issues a party rejected in a mediator's text.
    reason:
        Why, in words (for refusals, vetoes and walk-aways).
    """

    round: int
    actor: int
    kind: str
    package: int | None = None
    utilities: tuple[float, ...] = ()
    issues: tuple[int, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class NegotiationResult:
    """The outcome of one negotiation and its trace.

    ``values`` holds what each party got: the discounted utility of the agreement, or its
    reservation value without one.
    """

    protocol: str
    domain: NegotiationDomain
    strategies: tuple[str, ...]
    n_rounds: int
    discount: float
    ending: Ending
    round: int
    package: int | None
    values: tuple[float, ...]
    trace: tuple[Event, ...]
    walked_away: int | None = None
    seed: int | None = None

    @property
    def agreement(self) -> bool:
        return self.ending is Ending.agreement

    @property
    def ratification(self) -> tuple[float, ...] | None:
        """Per party, the joint probability that its ratifiers ratify the agreement (1 for a
        party without ratifiers); ``None`` without an agreement."""
        if self.package is None:
            return None
        return tuple(float(p) for p in self.domain.ratification[:, self.package])


@dataclass(frozen=True, slots=True)
class Protocol(ABC):
    """A negotiation protocol with a deadline in rounds and a per-round discount factor."""

    rounds: int = 20
    discount: float = 1.0

    name: ClassVar[str] = "protocol"
    min_parties: ClassVar[int] = 2
    max_parties: ClassVar[int | None] = None

    def __post_init__(self) -> None:
        if self.rounds < 1:
            raise InputError(f"rounds must be at least 1, got {self.rounds}")
        if not 0.0 < self.discount <= 1.0:
            raise InputError(f"discount must be in (0, 1], got {self.discount}")

    def check(self, domain: NegotiationDomain, strategies: Sequence[Strategy]) -> None:
        """Raise :class:`InputError` unless there is one strategy per party and the count fits."""
        m = domain.n_parties
        if len(strategies) != m:
            raise InputError(
                f"{self.name} needs one strategy per party ({m}), got {len(strategies)}"
            )
        if self.max_parties is not None and m > self.max_parties:
            raise InputError(
                f"the {self.name} protocol takes at most {self.max_parties} parties and this "
                f"negotiation has {m}; use the stacked or mediation protocol"
            )
        if m < self.min_parties:
            raise InputError(f"the {self.name} protocol needs at least {self.min_parties} parties")

    def view(
        self, domain: NegotiationDomain, party: int, round_: int, history: tuple[Offer, ...]
    ) -> NegotiationView:
        """The snapshot handed to ``party`` in ``round_``."""
        return NegotiationView(domain, party, round_, self.rounds, self.discount, history)

    @staticmethod
    def valid_offer(domain: NegotiationDomain, strategy: Strategy, row: int) -> int:
        """``row`` if it is a feasible package; otherwise the strategy is broken."""
        if not 0 <= row < domain.n_packages:
            raise AnalysisError(
                f"strategy {strategy.name!r} offered package {row}, which is not a feasible package"
            )
        return row

    @staticmethod
    def utilities_of(domain: NegotiationDomain, row: int) -> tuple[float, ...]:
        return tuple(float(v) for v in domain.utilities[:, row])

    @staticmethod
    def values_of(domain: NegotiationDomain, row: int | None, factor: float) -> tuple[float, ...]:
        if row is None:
            return tuple(float(v) for v in domain.reservations)
        return tuple(float(v) * factor for v in domain.utilities[:, row])

    @staticmethod
    def binding(domain: NegotiationDomain, party: int, row: int, factor: float) -> bool:
        """Is ``row`` in ``party``'s win-set, agreed with discount ``factor``?"""
        return domain.acceptable_to(party, row, factor)

    @staticmethod
    def refuser(
        domain: NegotiationDomain, row: int, factor: float, first: int | None = None
    ) -> int | None:
        """A party (``first`` if it is one) whose win-set does not hold ``row``, or ``None``
        when every party's does: the mechanism's check before any agreement."""
        ok = domain.acceptable(row, factor)
        if first is not None and not ok[first]:
            return first
        out = np.flatnonzero(~ok)
        return int(out[0]) if out.size else None

    @staticmethod
    def veto(domain: NegotiationDomain, round_: int, party: int, row: int, factor: float) -> Event:
        """The mechanism's refusal of an agreement on ``row``, outside ``party``'s win-set."""
        return Event(
            round_,
            party,
            "veto",
            row,
            tuple(float(v) for v in domain.utilities[:, row]),
            reason=refusal_reason(domain, party, row, factor),
        )

    def finish(
        self,
        domain: NegotiationDomain,
        strategies: Sequence[Strategy],
        events: Sequence[Event],
        seed: int | None,
        ending: Ending,
        round_: int,
        row: int | None,
        walked: int | None,
    ) -> NegotiationResult:
        """The result of a run that ended in ``round_`` (the values discounted to that round).

        Raises
        ------
        AnalysisError
            If an agreement lies outside some party's win-set (a protocol broke the rule).
        """
        if ending is Ending.agreement and (
            row is None or self.refuser(domain, row, self.discount**round_) is not None
        ):
            raise AnalysisError(
                f"the {self.name} protocol tried to conclude an agreement on package {row}, "
                "which is outside a party's win-set"
            )
        return NegotiationResult(
            protocol=self.name,
            domain=domain,
            strategies=tuple(s.name for s in strategies),
            n_rounds=self.rounds,
            discount=self.discount,
            ending=ending,
            round=round_,
            package=row,
            values=self.values_of(domain, row, self.discount**round_),
            trace=tuple(events),
            walked_away=walked,
            seed=seed,
        )

    @abstractmethod
    def run(
        self,
        domain: NegotiationDomain,
        strategies: Sequence[Strategy],
        *,
        seed: int | None = None,
    ) -> NegotiationResult:
        """Run one negotiation; randomness comes from one generator built from ``seed``."""

    @staticmethod
    def rng(seed: int | None) -> np.random.Generator:
        return np.random.default_rng(seed)
