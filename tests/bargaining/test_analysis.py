"""Outcome analysis: hand-checked small cases and hypothesis properties."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import make_scenario, scenario_dict

from accord.bargaining import analyze
from accord.scenario import Scenario, loads_scenario
from accord.space import pareto_mask


def test_one_issue_split(two_party_split: Scenario) -> None:
    a = analyze(two_party_split)
    assert a.verdict.agreement_possible
    assert a.zopa.size == 5 and a.frontier.size == 5
    sols = {s.concept: s for s in a.solutions}
    assert sols["nash"].package == {"i0": "o2"}  # the even split
    assert sols["kalai_smorodinsky"].package == {"i0": "o2"}
    assert sols["egalitarian"].package == {"i0": "o2"}
    # every split sums to 1: utilitarian ties all five, leximin picks the even split
    assert sols["utilitarian"].ties == 5 and sols["utilitarian"].package == {"i0": "o2"}


def test_reservations_cut_the_zopa() -> None:
    shares = [0.0, 0.25, 0.5, 0.75, 1.0]
    sc = make_scenario(
        {"a": [shares], "b": [[1 - s for s in shares]]}, reservations={"a": 0.6, "b": 0.1}
    )
    a = analyze(sc)
    # a needs a share >= .6 (.75 or 1); b needs >= .1, which rules out 1: only .75 is left
    assert [tuple(a.space.options(int(r))[0]) for r in a.zopa] == [(3,)]


def test_power_weighted_nash_follows_power() -> None:
    shares = [i / 10 for i in range(11)]
    sc = make_scenario(
        {"a": [shares], "b": [[1 - s for s in shares]]}, powers={"a": 0.75, "b": 0.25}
    )
    sols = {s.concept: s for s in analyze(sc).solutions}
    assert sols["nash"].package == {"i0": "o5"}
    assert sols["weighted_nash"].package == {
        "i0": "o7"
    }  # argmax x^.75 (1-x)^.25 on the grid: .7 or .8
    # hand check: .7^.75*.3^.25 = .6447..., .8^.75*.2^.25 = .6127...
    assert sols["weighted_nash"].utilities["a"] == pytest.approx(0.7)


def test_three_principals() -> None:
    sc = make_scenario(
        {
            "a": [[1, 0, 0, 0.4, 0.3]],
            "b": [[0, 1, 0, 0.4, 0.3]],
            "c": [[0, 0, 1, 0.4, 0.5]],
        },
        reservations={"a": 0.1, "b": 0.1, "c": 0.1},
    )
    a = analyze(sc)
    assert a.verdict.agreement_possible
    # only the two compromises give all three at least .1: gains (.3,.3,.3) and (.2,.2,.4)
    assert a.zopa.size == 2
    sols = {s.concept: s.package["i0"] for s in a.solutions}
    assert sols["nash"] == "o3"  # .027 > .016
    assert sols["egalitarian"] == "o3"  # min .3 > .2
    assert sols["utilitarian"] == "o3"  # .9 > .8


def test_constraints_that_leave_nothing_feasible() -> None:
    doc = scenario_dict({"a": [[0, 1]], "b": [[1, 0]]})
    doc["constraints"] = [
        {"id": "x", "then": {"issue": "i0", "is": "o0"}, "reason": "r1"},
        {"id": "y", "then": {"issue": "i0", "is": "o1"}, "reason": "r2"},
    ]
    a = analyze(loads_scenario(json.dumps(doc)))
    assert not a.verdict.agreement_possible
    assert a.space.n_feasible == 0
    assert a.verdict.reasons == ("No package satisfies all the hard constraints together.",)


def test_no_deal_diagnosis_hand_checked() -> None:
    # one issue, a needs >= .75 share, b needs >= .5: gap of .25 in total
    shares = [0.0, 0.25, 0.5, 0.75, 1.0]
    sc = make_scenario(
        {"a": [shares], "b": [[1 - s for s in shares]]}, reservations={"a": 0.75, "b": 0.5}
    )
    a = analyze(sc)
    d = a.diagnosis
    assert d is not None and not a.verdict.agreement_possible
    short = {s.principal: s for s in d.shortfalls}
    assert short["a"].best_utility == pytest.approx(0.5) and short["a"].shortfall == pytest.approx(
        0.25
    )
    assert short["b"].best_utility == pytest.approx(0.25) and short["b"].shortfall == pytest.approx(
        0.25
    )
    assert d.concession is not None and d.concession.total == pytest.approx(0.25)
    (block,) = d.blocking
    assert block.issue == "i0"
    assert block.acceptable == {"a": ("o3", "o4"), "b": ("o0", "o1", "o2")}
    assert "at least 'o3'" in block.text and "at most 'o2'" in block.text
    assert any("Blocking issue" in r for r in a.verdict.reasons)


def test_blocking_single_issues() -> None:
    # each side needs both issues its way: each issue blocks on its own
    sc = make_scenario(
        {"a": [[0, 1], [0, 1]], "b": [[1, 0], [1, 0]]}, reservations={"a": 0.75, "b": 0.75}
    )
    d = analyze(sc).diagnosis
    assert d is not None
    assert [b.issue for b in d.blocking] == ["i0", "i1"]
    assert d.blocking_pairs == ()  # pairs holding a blocking issue are not repeated


def test_blocking_pair_is_found() -> None:
    # Hand check (i2 is a common interest: both prefer o1).
    # a (weights 1,3,2) needs 0.9: with i2 = o1 that takes i1 = o2 and i0 >= o1.
    # b (weights 3,2,2) needs 0.7: 3*v0 + 2*v1 >= 2.9 in its own values, so with i1 = o2
    # (v1 = 0) it needs i0 = o0. Each issue alone has an option both accept (i0 = o1 with
    # i1 = o0 for b; i1 = o2 with i0 = o0 for b), but no (i0, i1) pair suits both.
    sc = make_scenario(
        {"a": [[0, 0.5, 1], [0, 0.5, 1], [0, 1]], "b": [[1, 0.5, 0], [1, 0.5, 0], [0, 1]]},
        weights={"a": [1, 3, 2], "b": [3, 2, 2]},
        reservations={"a": 0.9, "b": 0.7},
    )
    a = analyze(sc)
    d = a.diagnosis
    assert d is not None and not a.verdict.agreement_possible
    assert d.blocking == ()
    (pair,) = d.blocking_pairs
    assert pair.issues == ("i0", "i1")
    assert "With i0 'o1', on i1 a accepts at least 'o2' while b accepts at most 'o0'" in pair.text
    assert any(r.startswith("Blocking pair") for r in a.verdict.reasons)


# --------------------------------------------------------------------------- properties


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    m = draw(st.integers(2, 3))
    k = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4)) for _ in range(k)]
    val = st.integers(0, 4).map(lambda x: x / 4)
    values = {f"p{i}": [[draw(val) for _ in range(n)] for n in sizes] for i in range(m)}
    weights = {f"p{i}": [draw(st.integers(1, 3)) for _ in range(k)] for i in range(m)}
    res = {f"p{i}": draw(val) * 0.8 for i in range(m)}
    return scenario_dict(values, weights=weights, reservations=res)


def _random_constraint(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    issues = doc["issues"]
    a = draw(st.sampled_from(issues))
    b = draw(st.sampled_from(issues))
    return {
        "id": f"c{len(doc['constraints'])}",
        "if": {"issue": a["id"], "at_least": draw(st.sampled_from(a["options"]))},
        "then": {"issue": b["id"], "at_most": draw(st.sampled_from(b["options"]))},
        "reason": "random",
    }


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_solutions_lie_on_the_frontier_and_in_the_zopa(doc: dict[str, Any]) -> None:
    sc = loads_scenario(json.dumps(doc))
    a = analyze(sc)
    u = a.space.utilities
    for s in a.solutions:
        vec = np.array([s.utilities[p] for p in a.space.principals])
        assert np.all(vec >= a.space.reservations - 1e-12)  # in the ZOPA
        dominated = np.all(u >= vec[:, None], axis=0) & np.any(u > vec[:, None] + 1e-12, axis=0)
        assert not dominated.any(), s.concept  # on the frontier
    assert a.verdict.agreement_possible == bool(a.zopa.size)


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_no_frontier_package_is_dominated(doc: dict[str, Any]) -> None:
    a = analyze(loads_scenario(json.dumps(doc)))
    u = a.space.utilities
    for col in a.frontier:
        vec = u[:, col : col + 1]
        assert not (np.all(u >= vec, axis=0) & np.any(u > vec, axis=0)).any()
    assert a.frontier.tolist() == np.flatnonzero(pareto_mask(u)).tolist()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_adding_a_constraint_never_grows_the_zopa(data: st.DataObject) -> None:
    doc = data.draw(scenarios())
    before = analyze(loads_scenario(json.dumps(doc)))
    doc["constraints"] = [*doc["constraints"], _random_constraint(data.draw, doc)]
    after = analyze(loads_scenario(json.dumps(doc)))
    zb = set(before.space.feasible[before.zopa].tolist())
    za = set(after.space.feasible[after.zopa].tolist())
    assert za <= zb


def test_reservation_above_every_package_is_named_as_the_cause() -> None:
    sc = make_scenario({"a": [[0, 0.5, 1]], "b": [[1, 0.5, 0]]}, reservations={"a": 1.0, "b": 0.0})
    sc2 = make_scenario(
        {"a": [[0, 0.5, 0.9]], "b": [[1, 0.5, 0]]},
        weights={"a": [1]},
        reservations={"a": 0.95, "b": 0.0},
    )
    assert analyze(sc).verdict.agreement_possible  # 1.0 is reachable
    a = analyze(sc2)
    assert not a.verdict.agreement_possible
    assert a.diagnosis is not None and a.diagnosis.unreachable == (("a", 0.95, 0.9),)
    # what binds is the no-deal value itself, and the reasons name whose and by how much
    assert a.binding is not None and a.binding.causes == ("no_deal_values",)
    assert a.verdict.reasons[0].startswith("What blocks a deal: the no-deal values themselves")
    assert any(
        r.startswith("a's no-deal value 0.950 is above the best feasible package")
        for r in a.verdict.reasons
    )
    assert not any("Blocking issue" in r for r in a.verdict.reasons)


def test_the_verdict_says_it_takes_the_numbers_as_stated(two_party_split: Scenario) -> None:
    plain = analyze(two_party_split).verdict.certainty
    assert "at its stated value" in plain and "declares no ranges" in plain
    from accord.api import load_builtin_scenario, resolve_levers

    sc = resolve_levers(load_builtin_scenario("hanoi-2019"))
    hanoi = analyze(sc).verdict.certainty
    decl = sc.uncertainty
    assert decl is not None
    n, b = len(decl.parameters), len(decl.beliefs)
    assert (n, b) == (20, 2)  # the shipped declaration: twenty numbers, each side's belief
    assert f"ranges for {n} of them and {b} beliefs" in hanoi
    assert "`accord uncertainty`" in hanoi
