"""The contract every registered strategy must pass (after Axelrod's test_player.py).

Valid offers only, never accepting below the reservation value, the same moves under the
same seed, and picklable (so strategies can be shipped to worker processes).
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.negotiate import (
    AlternatingOffers,
    NegotiationDomain,
    NegotiationView,
    Offer,
    SingleTextMediation,
    StackedAlternatingOffers,
    make_strategy,
    strategy_names,
)
from accord.negotiate.registry import STRATEGIES

NAMES = strategy_names()


def _views(
    domain: NegotiationDomain, party: int, discount: float, seed: int
) -> list[NegotiationView]:
    """Views at several rounds with a random history of offers by everyone."""
    rng = np.random.default_rng(seed)
    out = []
    history: tuple[Offer, ...] = ()
    n_rounds = 12
    for t in range(n_rounds):
        proposer = int(rng.integers(domain.n_parties))
        history = (*history, Offer(t, proposer, int(rng.integers(domain.n_packages))))
        out.append(NegotiationView(domain, party, t, n_rounds, discount, history))
    return out


def _domains(request: pytest.FixtureRequest, name: str) -> list[NegotiationDomain]:
    doms = [request.getfixturevalue(n) for n in ("hanoi", "singapore", "small")]
    if not STRATEGIES[name].bilateral_only:
        doms.append(request.getfixturevalue("trio"))
    return doms


@pytest.mark.parametrize("name", NAMES)
def test_offers_are_feasible_packages(name: str, request: pytest.FixtureRequest) -> None:
    s = make_strategy(name)
    for dom in _domains(request, name):
        rng = np.random.default_rng(0)
        for party in range(dom.n_parties):
            for view in _views(dom, party, 0.95, seed=party):
                row = s.propose(view, rng)
                assert isinstance(row, int)
                assert 0 <= row < dom.n_packages


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("discount", [1.0, 0.9])
def test_never_accepts_below_reservation(
    name: str, discount: float, request: pytest.FixtureRequest
) -> None:
    s = make_strategy(name)
    for dom in _domains(request, name):
        rng = np.random.default_rng(1)
        for party in range(dom.n_parties):
            r = float(dom.reservations[party])
            for view in _views(dom, party, discount, seed=10 + party):
                rows = rng.integers(dom.n_packages, size=25)
                rows = np.append(rows, [dom.order[party, 0], dom.order[party, -1]])
                for row in rows:
                    if s.respond(view, int(row), rng):
                        assert float(dom.utilities[party, row]) * discount**view.round >= r - 1e-9


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from([n for n in NAMES if not STRATEGIES[n].bilateral_only]),
    seed=st.integers(0, 2**32 - 1),
    reservation=st.floats(0.0, 0.9),
)
def test_agreements_respect_every_reservation_on_random_domains(
    name: str, seed: int, reservation: float
) -> None:
    rng = np.random.default_rng(seed)
    u = np.round(rng.random((2, 40)), 12)
    dom = NegotiationDomain.from_arrays(u, np.array([reservation, reservation / 2]))
    for proto in (
        AlternatingOffers(15, 0.97),
        StackedAlternatingOffers(15),
        SingleTextMediation(15),
    ):
        res = proto.run(dom, [make_strategy(name), make_strategy("conceder")], seed=seed)
        if res.agreement:
            assert res.package is not None
            for i in range(2):
                assert res.values[i] >= dom.reservations[i] - 1e-9


@pytest.mark.parametrize("name", NAMES)
def test_deterministic_under_a_seed(name: str, singapore: NegotiationDomain) -> None:
    def play(seed: int) -> tuple[object, ...]:
        res = AlternatingOffers(20).run(
            singapore, [make_strategy(name), make_strategy("random")], seed=seed
        )
        return res.trace

    assert play(3) == play(3)


def test_random_strategy_depends_on_the_seed(singapore: NegotiationDomain) -> None:
    traces = {
        AlternatingOffers(20)
        .run(singapore, [make_strategy("random"), make_strategy("random")], seed=s)
        .trace
        for s in range(5)
    }
    assert len(traces) > 1


@pytest.mark.parametrize("name", NAMES)
def test_picklable(name: str, small: NegotiationDomain) -> None:
    s = make_strategy(name)
    back = pickle.loads(pickle.dumps(s))
    assert back == s
    a = AlternatingOffers(15).run(small, [s, make_strategy("linear")], seed=5)
    b = AlternatingOffers(15).run(small, [back, make_strategy("linear")], seed=5)
    assert a.trace == b.trace
    assert pickle.loads(pickle.dumps(a)).trace == a.trace


@pytest.mark.parametrize("name", NAMES)
def test_strategies_see_only_a_frozen_view(name: str, small: NegotiationDomain) -> None:
    view = _views(small, 0, 1.0, seed=0)[3]
    with pytest.raises(AttributeError):
        view.round = 7  # type: ignore[misc]
    with pytest.raises(ValueError):
        view.utilities[0] = 1.0
    make_strategy(name).propose(view, np.random.default_rng(0))
    assert view.round == 3


def test_domain_stays_read_only_after_pickling(small: NegotiationDomain) -> None:
    back = pickle.loads(pickle.dumps(small))
    assert np.array_equal(back.utilities, small.utilities)
    assert back.parties == small.parties
    for arr in (back.utilities, back.order, back.sorted_utilities, back.weighted_values[0][0]):
        with pytest.raises(ValueError):
            arr[0] = 0
