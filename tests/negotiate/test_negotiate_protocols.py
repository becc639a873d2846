"""Protocol behaviour: deadlines, walk-away, discounting, three parties, mediation, constraints."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.errors import AnalysisError, InputError
from accord.negotiate import (
    MEDIATOR,
    AlternatingOffers,
    Ending,
    NegotiationDomain,
    SingleTextMediation,
    StackedAlternatingOffers,
    Strategy,
    make_strategy,
)
from accord.negotiate.protocols import make_protocol
from accord.negotiate.strategy import Acceptance, Offering
from accord.negotiate.synthetic import additive_domain, split_domain
from accord.negotiate.view import NegotiationView
from accord.scenario import loads_scenario


class _Everything(Acceptance):
    def accept(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
        return True


class _Worst(Offering):
    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        return int(view.domain.order[view.party, 0])


class _Outside(Offering):
    def propose(self, view: NegotiationView, rng: np.random.Generator) -> int:
        return view.domain.n_packages


def test_deadline_ends_talks_after_exactly_n_rounds(small: NegotiationDomain) -> None:
    res = AlternatingOffers(7).run(small, [make_strategy("hardliner")] * 2)
    assert res.ending is Ending.deadline
    assert res.round == 6
    assert [e.round for e in res.trace if e.kind == "offer"] == list(range(7))
    assert res.values == tuple(float(r) for r in small.reservations)


def test_proposers_alternate_and_first_mover_can_be_chosen(small: NegotiationDomain) -> None:
    for first in (0, 1):
        res = AlternatingOffers(6, first=first).run(small, [make_strategy("hardliner")] * 2)
        assert [e.actor for e in res.trace if e.kind == "offer"] == [
            (first + t) % 2 for t in range(6)
        ]


def test_conceders_agree_before_the_deadline(small: NegotiationDomain) -> None:
    res = AlternatingOffers(30).run(small, [make_strategy("conceder")] * 2)
    assert res.agreement and res.round < 29


def test_walk_away_when_even_the_best_is_worth_less_than_no_deal() -> None:
    # best package worth 1.0, reservation 0.6, discount 0.9: 0.9**5 = 0.59 < 0.6
    dom = split_domain(100, reservations=(0.6, 0.0))
    res = AlternatingOffers(20, 0.9).run(
        dom, [make_strategy("hardliner"), make_strategy("hardliner")]
    )
    assert res.ending is Ending.walk_away
    assert res.walked_away == 0
    assert res.round == 5
    assert "below its reservation value 0.600" in res.trace[-1].reason
    assert res.values == (0.6, 0.0)


def test_no_walk_away_without_discount() -> None:
    dom = split_domain(100, reservations=(0.6, 0.0))
    res = AlternatingOffers(20).run(dom, [make_strategy("hardliner")] * 2)
    assert res.ending is Ending.deadline


def test_discount_shrinks_what_a_late_agreement_is_worth(small: NegotiationDomain) -> None:
    s = [make_strategy("boulware"), make_strategy("linear")]
    res = AlternatingOffers(20, 0.98).run(small, s)
    assert res.agreement and res.package is not None and res.round > 0
    for i in range(2):
        assert res.values[i] == pytest.approx(
            float(small.utilities[i, res.package]) * 0.98**res.round
        )


def test_mechanism_refuses_deals_outside_a_partys_acceptable_set(small: NegotiationDomain) -> None:
    class Yes(Strategy):
        def respond(self, view: NegotiationView, package: int, rng: np.random.Generator) -> bool:
            return True  # a broken strategy that skips the reservation rule

    pushover = Yes("pushover", _Worst(), _Everything())
    res = AlternatingOffers(10).run(small, [pushover, make_strategy("hardliner")])
    for e in res.trace:
        if e.kind == "accept":
            assert e.package is not None
            assert small.utilities[0, e.package] >= small.reservations[0]


def test_an_offer_outside_the_feasible_set_is_an_error(small: NegotiationDomain) -> None:
    rogue = Strategy("rogue", _Outside(), _Everything())
    with pytest.raises(AnalysisError, match="not a feasible package"):
        AlternatingOffers(5).run(small, [rogue, make_strategy("linear")])


CONSTRAINED = """
accord: 1
title: constrained
actors:
  - {id: a, name: A, role: principal, power: 0.5, no_deal: 0.2}
  - {id: b, name: B, role: principal, power: 0.5, no_deal: 0.2}
issues:
  - {id: relief, name: Relief, options: [none, some, full]}
  - {id: checks, name: Checks, options: [none, some, full]}
preferences:
  a:
    weights: {relief: 1, checks: 1}
    values: {relief: {none: 1, some: 0.5, full: 0}, checks: {none: 0, some: 0.5, full: 1}}
  b:
    weights: {relief: 1, checks: 1}
    values: {relief: {none: 0, some: 0.5, full: 1}, checks: {none: 1, some: 0.5, full: 0}}
constraints:
  - id: verify
    if: {issue: relief, is: full}
    then: {issue: checks, at_least: full}
    reason: full relief only with full checks
"""


def test_hard_constraints_are_respected() -> None:
    sc = loads_scenario(CONSTRAINED)
    dom = NegotiationDomain.from_scenario(sc)
    assert dom.n_packages == 7  # 9 packages, 2 ruled out
    full = sc.issues[0].option_index("full")
    for name in ("random", "conceder", "frequency", "nash-seeking"):
        for proto in (AlternatingOffers(15), SingleTextMediation(15)):
            res = proto.run(dom, [make_strategy(name), make_strategy("linear")], seed=2)
            for e in res.trace:
                if e.package is not None:
                    relief, checks = dom.options[e.package]
                    assert relief != full or checks == sc.issues[1].option_index("full")


def test_three_parties_stacked_agreement_needs_everyone(trio: NegotiationDomain) -> None:
    res = StackedAlternatingOffers(30).run(trio, [make_strategy("conceder")] * 3)
    assert res.agreement and res.package is not None
    # the last m-1 events are acceptances of the standing offer by the other parties
    last_offer = max(k for k, e in enumerate(res.trace) if e.kind == "offer")
    accepts = res.trace[last_offer + 1 :]
    assert len(accepts) == 2 and all(e.kind == "accept" for e in accepts)
    assert {e.actor for e in accepts} | {res.trace[last_offer].actor} == {0, 1, 2}
    assert all(v >= r for v, r in zip(res.values, trio.reservations, strict=True))


def test_three_parties_with_a_hardliner_break_down(trio: NegotiationDomain) -> None:
    s = [make_strategy("hardliner"), make_strategy("hardliner"), make_strategy("conceder")]
    res = StackedAlternatingOffers(10).run(trio, s)
    assert not res.agreement


def test_alternating_offers_is_bilateral(trio: NegotiationDomain) -> None:
    with pytest.raises(InputError, match="at most 2"):
        AlternatingOffers(5).run(trio, [make_strategy("linear")] * 3)


def test_mediation_ends_in_agreement_when_a_zone_exists(singapore: NegotiationDomain) -> None:
    res = SingleTextMediation(20).run(singapore, [make_strategy("boulware")] * 2)
    assert res.agreement and res.package is not None
    texts = [e for e in res.trace if e.kind == "text"]
    assert texts[0].actor == MEDIATOR and len(texts) == res.round + 1
    rejects = [e for e in res.trace if e.kind == "reject"]
    assert rejects and all(e.issues for e in rejects)
    # the mediator only revises the issues someone rejected
    for before, after in itertools.pairwise(texts):
        named = {k for e in rejects if e.round == before.round for k in e.issues}
        assert before.package is not None and after.package is not None
        changed = set(
            np.flatnonzero(singapore.options[before.package] != singapore.options[after.package])
        )
        assert changed <= named


def test_mediation_with_three_parties(trio: NegotiationDomain) -> None:
    res = SingleTextMediation(30).run(trio, [make_strategy("linear")] * 3)
    assert res.agreement


def test_mediation_fails_without_a_zone_of_agreement(hanoi: NegotiationDomain) -> None:
    res = SingleTextMediation(20).run(hanoi, [make_strategy("conceder")] * 2)
    assert res.ending is Ending.deadline
    assert res.package is None and res.values == tuple(float(r) for r in hanoi.reservations)
    # never both accept the same text
    for t in range(res.n_rounds):
        assert sum(1 for e in res.trace if e.round == t and e.kind == "accept") < 2


def test_protocol_arguments_are_checked() -> None:
    with pytest.raises(InputError, match="rounds"):
        AlternatingOffers(0)
    with pytest.raises(InputError, match="discount"):
        AlternatingOffers(5, 1.5)
    with pytest.raises(InputError, match="unknown protocol"):
        make_protocol("auction")
    with pytest.raises(InputError, match="one strategy per party"):
        AlternatingOffers(5).run(additive_domain(2, 2, 2), [make_strategy("linear")])
