"""Bargaining simulation: protocols, strategies, traces and a batched engine.

This package sits beside :mod:`accord.bargaining` (layer L3): it imports the scenario model
and the outcome space, never a front end.
"""

from __future__ import annotations

from accord.negotiate.alternating import AlternatingOffers
from accord.negotiate.batch import BatchResult, run_batch, sample_utilities
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.explain import explain
from accord.negotiate.mediation import SingleTextMediation
from accord.negotiate.protocol import MEDIATOR, Ending, Event, NegotiationResult, Protocol
from accord.negotiate.protocols import PROTOCOLS, make_protocol
from accord.negotiate.registry import STRATEGIES, make_strategy, parse_spec, strategy_names
from accord.negotiate.stacked import StackedAlternatingOffers
from accord.negotiate.strategy import Acceptance, Aspiration, Offering, Strategy
from accord.negotiate.tournament import Match, Standing, TournamentResult, run_tournament
from accord.negotiate.view import NegotiationView, Offer

__all__ = [
    "MEDIATOR",
    "PROTOCOLS",
    "STRATEGIES",
    "Acceptance",
    "AlternatingOffers",
    "Aspiration",
    "BatchResult",
    "Ending",
    "Event",
    "Match",
    "NegotiationDomain",
    "NegotiationResult",
    "NegotiationView",
    "Offer",
    "Offering",
    "Protocol",
    "SingleTextMediation",
    "StackedAlternatingOffers",
    "Standing",
    "Strategy",
    "TournamentResult",
    "explain",
    "make_protocol",
    "make_strategy",
    "parse_spec",
    "run_batch",
    "run_tournament",
    "sample_utilities",
    "strategy_names",
]
