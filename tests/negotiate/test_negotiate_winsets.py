"""Simulations use the one acceptability predicate: every agreement lies in every win-set.

Random two-level scenarios (the factory of the bargaining tests, biased so that most examples
have packages both principals accept but a ratifier vetoes) are played with every protocol
and strategy, the batched engine and a tournament; each agreement is checked with the
one-package form of the predicate (:func:`accord.space.acceptability.check_package`), which
recomputes everything from the scenario file's numbers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.bargaining._twolevel_factory import build, one_issue, two_level_docs

from accord.api import explain_negotiation, negotiation_domain, simulate
from accord.negotiate import (
    PROTOCOLS,
    AlternatingOffers,
    NegotiationDomain,
    make_protocol,
    make_strategy,
    run_batch,
    run_tournament,
    sample_utilities,
    strategy_names,
)
from accord.space.acceptability import acceptable, check_package


@st.composite
def vetoing_docs(draw: st.DrawFn) -> dict[str, Any]:
    """Two-level scenarios with one or two ratifiers and low no-deal values: the principals
    usually agree on some packages that a ratifier vetoes."""
    doc: dict[str, Any] = draw(two_level_docs(ratifiers=draw(st.integers(1, 2))))
    for actor in doc["actors"]:
        if actor["role"] == "principal":
            actor["no_deal"] = draw(st.integers(4, 9).map(lambda x: x / 20))
    return doc


def _in_every_winset(domain: NegotiationDomain, row: int, factor: float) -> bool:
    """The predicate's verdict on ``row`` computed afresh from the scenario (levers applied)."""
    sc = domain.scenario
    assert sc is not None
    package = sc.package_ids(tuple(int(o) for o in domain.options[row]))
    return check_package(sc, package, factor=factor).acceptable


@given(doc=vetoing_docs(), seed=st.integers(0, 2**16), discount=st.sampled_from([1.0, 0.9]))
@settings(max_examples=20, deadline=None)
def test_every_protocol_and_strategy_agrees_only_inside_every_winset(
    doc: dict[str, Any], seed: int, discount: float
) -> None:
    dom = negotiation_domain(build(doc))
    names = [n for n in strategy_names() if n != "time-dependent"]
    for proto in PROTOCOLS:
        protocol = make_protocol(proto, rounds=12, discount=discount)
        for k, name in enumerate(names):
            other = names[(k + seed) % len(names)]
            res = protocol.run(dom, [make_strategy(name), make_strategy(other)], seed=seed)
            if res.agreement:
                assert res.package is not None
                assert _in_every_winset(dom, res.package, discount**res.round), (proto, name)
                assert res.ratification is not None
                assert all(p >= dom.level - 1e-12 for p in res.ratification)
            else:
                assert all(e.kind != "accept" or e.package is not None for e in res.trace)


@given(doc=vetoing_docs(), seed=st.integers(0, 2**16))
@settings(max_examples=20, deadline=None)
def test_batch_and_tournament_agree_only_inside_every_winset(
    doc: dict[str, Any], seed: int
) -> None:
    dom = negotiation_domain(build(doc))
    rng = np.random.default_rng(seed)
    e = np.exp(rng.uniform(-2.5, 2.5, size=(40, 2)))
    batch = run_batch(dom, e, rounds=15, discount=0.95)
    for row in batch.table[batch.table["agreement"]]:
        f = 0.95 ** int(row["round"])
        assert _in_every_winset(dom, int(row["package"]), f)
    # preferences drawn per run: the win-set is the run's (its principals, the same ratifiers)
    u = sample_utilities(dom, 40, concentration=5.0, seed=seed)
    sampled = run_batch(dom, e, rounds=15, utilities=u)
    for row in sampled.table[sampled.table["agreement"]]:
        k, pk = int(row["run"]), int(row["package"])
        assert np.all(acceptable(u[k, :, pk], dom.reservations, dom.ratification[:, pk], dom.level))
    t = run_tournament(dom, AlternatingOffers(12), ["boulware", "conceder", "random"], seed=seed)
    for m in t.matches:
        if m.package is not None:
            assert _in_every_winset(dom, m.package, 1.0)


def _scalar(dom: NegotiationDomain, e: np.ndarray, rounds: int, discount: float, first: int):  # type: ignore[no-untyped-def]
    s = [make_strategy(f"time-dependent:e={float(x)!r}") for x in e]
    return AlternatingOffers(rounds, discount, first=first).run(dom, s)


def _same(row: np.void, res: Any, dom: NegotiationDomain) -> None:
    assert bool(row["agreement"]) == res.agreement
    assert int(row["round"]) == res.round
    assert int(row["package"]) == (-1 if res.package is None else res.package)
    assert ("agreement", "deadline", "walk-away")[int(row["ending"])] == str(res.ending)
    assert int(row["walked_away"]) == (-1 if res.walked_away is None else res.walked_away)
    for i, p in enumerate(dom.parties):
        assert float(row[f"v_{p}"]) == pytest.approx(res.values[i], abs=1e-12)
        if res.agreement:
            assert float(row[f"r_{p}"]) == pytest.approx(res.ratification[i], abs=1e-12)


@given(
    doc=vetoing_docs(),
    seed=st.integers(0, 2**16),
    discount=st.sampled_from([1.0, 0.95]),
    first=st.integers(0, 1),
)
@settings(max_examples=25, deadline=None)
def test_batch_rows_equal_scalar_runs_on_two_level_scenarios(
    doc: dict[str, Any], seed: int, discount: float, first: int
) -> None:
    dom = negotiation_domain(build(doc))
    rng = np.random.default_rng(seed)
    e = np.exp(rng.uniform(-2.5, 2.5, size=(6, 2)))
    batch = run_batch(dom, e, rounds=15, discount=discount, first=first)
    for k in range(6):
        _same(batch.table[k], _scalar(dom, e[k], 15, discount, first), dom)
    u = sample_utilities(dom, 6, concentration=5.0, seed=seed)
    sampled = run_batch(dom, e, rounds=15, discount=discount, first=first, utilities=u)
    for k in range(6):
        run_dom = NegotiationDomain.from_arrays(
            u[k],
            dom.reservations,
            parties=dom.parties,
            ratification=np.asarray(dom.ratification),
            level=dom.level,
        )
        _same(sampled.table[k], _scalar(run_dom, e[k], 15, discount, first), run_dom)


def test_a_probabilistic_ratifiers_probability_is_reported_with_the_agreement() -> None:
    # one issue x = j/20: the US values x, North Korea 1 - x, Congress x with
    # P(ratify) = Phi((x - 0.5) / 0.1); the win-sets meet on 0.5 <= x <= 0.8
    sc = one_issue(n=21, reservation=0.2, ratifier_threshold=0.5, sigma=0.1)
    res = simulate(sc, {"us": "conceder", "dprk": "boulware"}, rounds=20, seed=1)
    assert res.agreement and res.package is not None and res.ratification is not None
    x = res.domain.utilities[0, res.package]
    expected = 0.5 * (1 + math.erf((x - 0.5) / 0.1 / math.sqrt(2)))
    assert 0.5 <= x <= 0.8
    assert res.ratification[0] == pytest.approx(expected, abs=1e-12)
    assert res.ratification[1] == 1.0  # North Korea has no ratifier
    text = "\n".join(explain_negotiation(res))
    assert f"congress ratifies it with probability {expected:.2f} (the level is 0.5)" in text


def test_strategies_offer_only_what_their_ratifiers_ratify() -> None:
    sc = one_issue(n=21, reservation=0.1, ratifier_threshold=0.6, sigma=0.05)
    dom = negotiation_domain(sc)
    assert not dom.ratified[0].all()  # Congress vetoes the packages below x = 0.6
    for name in strategy_names():
        res = AlternatingOffers(20).run(dom, [make_strategy(name), make_strategy("boulware")])
        offers = [e.package for e in res.trace if e.kind == "offer" and e.actor == 0]
        assert offers and all(dom.ratified[0, row] for row in offers), name
