"""Shared domains for the negotiation tests."""

from __future__ import annotations

import numpy as np
import pytest

from accord.api import negotiation_domain
from accord.negotiate import NegotiationDomain
from accord.negotiate.synthetic import additive_domain


@pytest.fixture(scope="session")
def hanoi() -> NegotiationDomain:
    """Hanoi as `accord simulate` builds it: levers resolved, ratifiers in the win-sets."""
    return negotiation_domain("hanoi-2019")


@pytest.fixture(scope="session")
def singapore() -> NegotiationDomain:
    return negotiation_domain("singapore-2018")


@pytest.fixture(scope="session")
def small() -> NegotiationDomain:
    """Two parties, 3 issues x 5 options, reservations 0.4."""
    return additive_domain(2, 3, 5, seed=7, reservation=0.4)


@pytest.fixture(scope="session")
def trio() -> NegotiationDomain:
    """Three parties, 3 issues x 4 options, reservations 0.3."""
    return additive_domain(3, 3, 4, seed=11, reservation=0.3)


@pytest.fixture(scope="session")
def vetoed() -> NegotiationDomain:
    """Two parties, 3 issues x 5 options, reservations 0.3; random ratification probabilities
    with level 0.5 veto about half the packages of each side."""
    return _with_ratifiers(additive_domain(2, 3, 5, seed=5, reservation=0.3), seed=5)


@pytest.fixture(scope="session")
def vetoed_trio() -> NegotiationDomain:
    """The trio with random ratification probabilities (level 0.5)."""
    return _with_ratifiers(additive_domain(3, 3, 4, seed=11, reservation=0.3), seed=6)


def _with_ratifiers(base: NegotiationDomain, seed: int) -> NegotiationDomain:
    rat = np.random.default_rng(seed).random((base.n_parties, base.n_packages))
    return NegotiationDomain.from_arrays(
        np.asarray(base.utilities),
        np.asarray(base.reservations),
        options=np.asarray(base.options),
        ratification=rat,
        level=0.5,
    )
