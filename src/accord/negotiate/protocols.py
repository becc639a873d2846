"""Protocols by name: ``alternating``, ``stacked`` and ``mediation``."""

from __future__ import annotations

from accord.errors import InputError
from accord.negotiate.alternating import AlternatingOffers
from accord.negotiate.mediation import SingleTextMediation
from accord.negotiate.protocol import Protocol
from accord.negotiate.stacked import StackedAlternatingOffers

__all__ = ["PROTOCOLS", "make_protocol"]

PROTOCOLS: dict[str, type[Protocol]] = {
    "alternating": AlternatingOffers,
    "stacked": StackedAlternatingOffers,
    "mediation": SingleTextMediation,
}


def make_protocol(name: str, *, rounds: int = 20, discount: float = 1.0) -> Protocol:
    """The protocol called ``name`` with a deadline and discount factor."""
    cls = PROTOCOLS.get(name.strip().lower())
    if cls is None:
        raise InputError(f"unknown protocol {name!r}; known protocols: {', '.join(PROTOCOLS)}")
    return cls(rounds=rounds, discount=discount)
