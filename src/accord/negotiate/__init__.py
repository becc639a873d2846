"""Bargaining simulation: protocols, strategies, traces and a batched engine.

This package sits beside :mod:`accord.bargaining` (layer L3): it imports the scenario model
and the outcome space, never a front end.
"""

from __future__ import annotations

from accord.negotiate.alternating import AlternatingOffers
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.mediation import SingleTextMediation
from accord.negotiate.protocol import MEDIATOR, Ending, Event, NegotiationResult, Protocol
from accord.negotiate.registry import STRATEGIES, make_strategy, parse_spec, strategy_names
from accord.negotiate.stacked import StackedAlternatingOffers
from accord.negotiate.strategy import Acceptance, Aspiration, Offering, Strategy
from accord.negotiate.view import NegotiationView, Offer

__all__ = [
    "MEDIATOR",
    "STRATEGIES",
    "Acceptance",
    "AlternatingOffers",
    "Aspiration",
    "Ending",
    "Event",
    "NegotiationDomain",
    "NegotiationResult",
    "NegotiationView",
    "Offer",
    "Offering",
    "Protocol",
    "SingleTextMediation",
    "StackedAlternatingOffers",
    "Strategy",
    "make_strategy",
    "parse_spec",
    "strategy_names",
]
