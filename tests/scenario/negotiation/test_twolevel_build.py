"""Ratifiers, levers and adjustable quantities in scenario files: building and located errors."""

from __future__ import annotations

import pytest

from accord.errors import InputError, ScenarioError
from accord.scenario import load_scenario, loads_scenario
from accord.scenario.negotiation.adjust import apply_levers, with_changes

BASE = """\
accord: 1
title: two-level
actors:
  - {id: us, role: principal, no_deal: 0.3}
  - {id: dprk, role: principal, no_deal: 0.3}
  - id: congress
    role: ratifier
    of: OF
    threshold: {package: {relief: none}}
    sigma: 0.1
  - id: china
    role: third_party
    levers:
      - id: enforcement
        settings: [full, partial, lax]
        current: partial
        effects:
          lax:
            - {target: dprk, no_deal: 0.1}
            - {target: us, values: {relief: {OPTION: -0.2}}}
issues:
  - {id: relief, options: [none, some, all]}
preferences:
  us: {weights: {relief: 1}, values: {relief: {none: 1.0, some: 0.5, all: 0.0}}}
  dprk: {weights: {relief: 1}, values: {relief: {none: 0.0, some: 0.5, all: 1.0}}}
  congress: {weights: {relief: 1}, values: {relief: {none: 1.0, some: 0.4, all: 0.0}}}
adjustable:
  - {quantity: us.no_deal, min: 0.1, max: 0.5}
  - {quantity: congress.threshold, min: 0.2, max: 1.0}
"""


def _doc(of: str = "us", option: str = "some") -> str:
    return BASE.replace("OF", of).replace("OPTION", option)


def test_a_valid_two_level_file_builds() -> None:
    sc = loads_scenario(_doc())
    assert [r.id for r in sc.ratifiers] == ["congress"]
    assert sc.ratifiers_of("us")[0].threshold == pytest.approx(1.0)
    assert sc.lever("china.enforcement").current == "partial"
    assert [a.quantity for a in sc.adjustable] == ["us.no_deal", "congress.threshold"]


def test_ratifier_of_unknown_principal_is_located() -> None:
    with pytest.raises(ScenarioError) as exc:
        loads_scenario(_doc(of="usa"))
    (p,) = exc.value.problems
    assert p.path == "actors[2].of" and p.line == 8
    assert "unknown principal 'usa'" in p.message and "us, dprk" in p.message


def test_lever_effect_on_unknown_option_is_located() -> None:
    with pytest.raises(ScenarioError) as exc:
        loads_scenario(_doc(option="most"))
    (p,) = exc.value.problems
    assert p.path.startswith("actors[3].levers[0].effects.lax[1].values.relief")
    assert "unknown option 'most'" in p.message and p.line is not None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    of: us\n", "", "needs `of`"),
        (
            "{id: us, role: principal, no_deal: 0.3}",
            "{id: us, role: principal, no_deal: 0.3, sigma: 0.1}",
            "for ratifiers only",
        ),
        ("current: partial", "current: weak", "unknown setting 'weak'"),
        (
            "{target: dprk, no_deal: 0.1}",
            "{target: nobody, no_deal: 0.1}",
            "unknown principal or ratifier 'nobody'",
        ),
        (
            "quantity: us.no_deal, min: 0.1",
            "quantity: us.power, min: 0.1",
            "cannot adjust 'us.power'",
        ),
        (
            "quantity: us.no_deal, min: 0.1, max: 0.5",
            "quantity: us.no_deal, min: 0.4, max: 0.5",
            "outside its bounds",
        ),
        (
            "{id: us, role: principal, no_deal: 0.3}",
            "{id: us, role: mediator, no_deal: 0.3}",
            "reserved for a later version",
        ),
    ],
)
def test_bad_two_level_input_is_located(old: str, new: str, message: str) -> None:
    text = _doc().replace(old, new)
    assert text != _doc()
    with pytest.raises(ScenarioError) as exc:
        loads_scenario(text)
    assert any(message in p.message for p in exc.value.problems), exc.value.problems


def test_levers_apply_their_current_setting_once() -> None:
    sc = loads_scenario(_doc())
    lax = with_changes(sc, {"china.enforcement": "lax"})
    applied = apply_levers(lax)
    assert applied.actor("dprk").reservation == pytest.approx(0.4)
    assert applied.preferences["us"].values[0][1] == pytest.approx(0.3)
    assert apply_levers(applied) is applied
    assert apply_levers(sc).actor("dprk").reservation == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"us.power": "0.4"}, "not adjustable"),
        ({"us.reservation": "0.9"}, "out of bounds"),
        ({"us.reservation": "high"}, "takes a number"),
        ({"china.enforcement": "none"}, "unknown setting"),
        ({"dprk.reservation": "0.2"}, "not adjustable"),
    ],
)
def test_with_changes_refuses_what_is_not_declared(changes: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        with_changes(loads_scenario(_doc()), changes)


def test_hanoi_two_level_actors_are_sourced() -> None:
    sc = load_scenario("hanoi-2019")
    ids = {s.id for s in sc.sources}
    new = [a for a in sc.actors if a.role.value != "principal"]
    assert {a.id for a in new} == {"congress", "dprk_base", "china", "russia", "south_korea"}
    for a in new:
        assert a.note and a.sources and set(a.sources) <= ids
    for lv in sc.levers:
        assert lv.note and lv.sources
        for effects in lv.effects.values():
            for e in effects:
                assert e.note and e.sources and set(e.sources) <= ids
    for r in sc.ratifiers:
        assert r.threshold_package is not None and r.sigma is not None
