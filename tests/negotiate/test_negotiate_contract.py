"""The contract every registered strategy must pass (after Axelrod's test_player.py).

Valid offers only, never accepting a package outside the party's win-set (below its
reservation value, or vetoed by its ratifiers), offering only what its ratifiers ratify, the
same moves under the same seed, and picklable (so strategies can be shipped to worker
processes). And the contract every protocol keeps whatever the strategies do: no agreement
outside any party's win-set, even with strategies built to break the rule.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.negotiate import (
    PROTOCOLS,
    AlternatingOffers,
    NegotiationDomain,
    NegotiationView,
    Offer,
    SingleTextMediation,
    StackedAlternatingOffers,
    Strategy,
    make_protocol,
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
    doms = [request.getfixturevalue(n) for n in ("hanoi", "singapore", "small", "vetoed")]
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
def test_never_accepts_outside_its_winset(
    name: str, discount: float, request: pytest.FixtureRequest
) -> None:
    s = make_strategy(name)
    for dom in _domains(request, name):
        rng = np.random.default_rng(1)
        for party in range(dom.n_parties):
            r = float(dom.reservations[party])
            top = int(np.argmax(dom.utilities[party]))  # its best package, ratified or not
            for view in _views(dom, party, discount, seed=10 + party):
                rows = rng.integers(dom.n_packages, size=25)
                rows = np.append(rows, [dom.order[party, 0], dom.order[party, -1], top])
                for row in rows:
                    if s.respond(view, int(row), rng):
                        assert float(dom.utilities[party, row]) * discount**view.round >= r - 1e-9
                        assert dom.ratification[party, row] >= dom.level - 1e-12


@pytest.mark.parametrize("name", NAMES)
def test_offers_only_what_its_ratifiers_ratify(name: str, request: pytest.FixtureRequest) -> None:
    s = make_strategy(name)
    for dom in _domains(request, name):
        rng = np.random.default_rng(2)
        for party in range(dom.n_parties):
            for view in _views(dom, party, 0.95, seed=20 + party):
                if s.walk_away(view):
                    continue
                assert dom.ratified[party, s.propose(view, rng)], (dom.parties, party, view.round)


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


@dataclass(frozen=True, slots=True)
class _Reckless(Strategy):
    """A broken strategy: offers packages at random (vetoed or not), accepts anything and
    never walks away. The mechanism, not the strategy, must keep the rule."""

    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        return int(rng.integers(view.domain.n_packages))

    def respond(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        return True

    def walk_away(self, view: NegotiationView) -> bool:
        return False


def _reckless() -> _Reckless:
    base = make_strategy("linear")
    return _Reckless("reckless", base.offering, base.acceptance)


@pytest.mark.parametrize("protocol", list(PROTOCOLS))
@pytest.mark.parametrize("discount", [1.0, 0.9])
def test_no_protocol_concludes_a_deal_outside_a_winset(
    protocol: str, discount: float, vetoed: NegotiationDomain, vetoed_trio: NegotiationDomain
) -> None:
    doms = [vetoed] if PROTOCOLS[protocol].max_parties == 2 else [vetoed, vetoed_trio]
    for dom in doms:
        vetoes = refusals = 0
        for seed in range(12):
            proto = make_protocol(protocol, rounds=10, discount=discount)
            res = proto.run(dom, [_reckless() for _ in range(dom.n_parties)], seed=seed)
            vetoes += sum(e.kind == "veto" for e in res.trace)
            refusals += sum(e.kind == "veto" and bool(e.reason) for e in res.trace)
            if res.agreement:
                assert res.package is not None
                f = discount**res.round
                assert dom.acceptable(res.package, f).all()
                assert res.ratification is not None
        assert refusals == vetoes  # every refusal by the mechanism says why
        if protocol != "mediation":  # (the mediator's texts may all be acceptable)
            assert vetoes > 0
