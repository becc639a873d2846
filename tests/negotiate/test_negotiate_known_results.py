"""Known results of bargaining theory and of the two summits, reproduced by computation."""

from __future__ import annotations

import numpy as np
import pytest

from accord.api._negotiate import explain_negotiation, simulate
from accord.negotiate import AlternatingOffers, Ending, NegotiationDomain, make_strategy
from accord.negotiate.synthetic import additive_domain, split_domain


@pytest.fixture(scope="module")
def split() -> NegotiationDomain:
    return split_domain(10_000)


@pytest.mark.parametrize(("delta", "rounds"), [(0.5, 40), (0.8, 80), (0.9, 150), (0.95, 300)])
def test_rubinstein_first_mover_gets_one_over_one_plus_delta(
    split: NegotiationDomain, delta: float, rounds: int
) -> None:
    eq = make_strategy("equilibrium")
    res = AlternatingOffers(rounds, delta).run(split, [eq, eq])
    assert res.agreement and res.round == 0  # immediate agreement, as the theory says
    assert res.values[0] == pytest.approx(1 / (1 + delta), abs=2e-3)
    assert res.values[1] == pytest.approx(delta / (1 + delta), abs=2e-3)


def test_rubinstein_second_mover_gets_the_complement(split: NegotiationDomain) -> None:
    eq = make_strategy("equilibrium")
    res = AlternatingOffers(150, 0.9, first=1).run(split, [eq, eq])
    assert res.values[1] == pytest.approx(1 / 1.9, abs=2e-3)


def test_short_horizon_gives_the_last_proposer_the_surplus(split: NegotiationDomain) -> None:
    # one round: an ultimatum; the first mover keeps (almost) everything
    eq = make_strategy("equilibrium")
    res = AlternatingOffers(1, 0.9).run(split, [eq, eq])
    assert res.values[0] == pytest.approx(1.0)


def _gain_share(res_values: tuple[float, ...], dom: NegotiationDomain, party: int) -> float:
    gains = np.asarray(res_values) - dom.reservations
    return float(gains[party] / gains.sum())


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("first", [0, 1])
def test_boulware_against_conceder_ends_nearer_the_boulware_side(seed: int, first: int) -> None:
    dom = additive_domain(2, 4, 6, seed=seed, reservation=0.3)
    for b in (0, 1):
        s = [make_strategy("conceder"), make_strategy("conceder")]
        s[b] = make_strategy("boulware")
        res = AlternatingOffers(40, first=first).run(dom, s)
        assert res.agreement
        assert _gain_share(res.values, dom, b) > 0.5


def test_boulware_against_conceder_on_singapore(singapore: NegotiationDomain) -> None:
    res = AlternatingOffers(20).run(
        singapore, [make_strategy("boulware"), make_strategy("conceder")]
    )
    flipped = AlternatingOffers(20).run(
        singapore, [make_strategy("conceder"), make_strategy("boulware")]
    )
    assert res.agreement and flipped.agreement
    assert _gain_share(res.values, singapore, 0) > _gain_share(flipped.values, singapore, 0)
    assert _gain_share(flipped.values, singapore, 1) > 0.5


@pytest.mark.parametrize(
    "name", ["boulware", "conceder", "tit-for-tat", "nash-seeking", "random", "frequency"]
)
@pytest.mark.parametrize("discount", [1.0, 0.9])
def test_incompatible_reservations_end_in_breakdown_or_walk_away(
    name: str, discount: float
) -> None:
    dom = split_domain(200, reservations=(0.6, 0.55))  # 0.6 + 0.55 > 1: nothing satisfies both
    res = AlternatingOffers(30, discount).run(
        dom, [make_strategy(name), make_strategy("conceder")], seed=4
    )
    assert res.ending in (Ending.deadline, Ending.walk_away)
    assert res.values == (0.6, 0.55)
    if discount < 1:
        assert res.ending is Ending.walk_away


def test_hanoi_default_strategies_break_down_and_say_why(hanoi: NegotiationDomain) -> None:
    # what `accord run` finds decides what the simulation must say (no Hanoi number assumed)
    assert not hanoi.winsets().all(axis=0).any(), "Hanoi's win-sets meet: revisit this test"
    res = simulate("hanoi-2019", rounds=20, seed=1)
    assert res.ending is Ending.deadline and not res.agreement
    text = "\n".join(explain_negotiation(res))
    assert "No package on the table is" in text and "could have ended in a deal" in text
    assert "United States refused 10 offers" in text
    refusals = [e for e in res.trace if e.kind == "reject"]
    assert len(refusals) == 20
    for e in refusals:
        r = float(hanoi.reservations[e.actor])
        assert e.package is not None
        if hanoi.utilities[e.actor, e.package] < r:
            assert f"below its reservation value {r:.3f}" in e.reason
        else:  # cleared the principal's bottom line: its ratifier is named
            assert not hanoi.ratified[e.actor, e.package]
            assert "its ratifier" in e.reason


def test_singapore_default_strategies_agree() -> None:
    res = simulate("singapore-2018", rounds=20, seed=1)
    assert res.agreement
    assert "Agreement in round" in explain_negotiation(res)[0]
