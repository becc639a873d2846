"""Shared domains for the negotiation tests."""

from __future__ import annotations

import pytest

from accord.negotiate import NegotiationDomain
from accord.negotiate.synthetic import additive_domain
from accord.scenario import load_scenario


@pytest.fixture(scope="session")
def hanoi() -> NegotiationDomain:
    return NegotiationDomain.from_scenario(load_scenario("hanoi-2019"))


@pytest.fixture(scope="session")
def singapore() -> NegotiationDomain:
    return NegotiationDomain.from_scenario(load_scenario("singapore-2018"))


@pytest.fixture(scope="session")
def small() -> NegotiationDomain:
    """Two parties, 3 issues x 5 options, reservations 0.4."""
    return additive_domain(2, 3, 5, seed=7, reservation=0.4)


@pytest.fixture(scope="session")
def trio() -> NegotiationDomain:
    """Three parties, 3 issues x 4 options, reservations 0.3."""
    return additive_domain(3, 3, 4, seed=11, reservation=0.3)
