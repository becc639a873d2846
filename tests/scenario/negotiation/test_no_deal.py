"""No-deal values, stated positions, the status quo and red lines: how a file states what no
agreement is worth, each form hand-checked, and each bad form refused with a located error."""

from __future__ import annotations

import pytest

from accord.errors import ScenarioError
from accord.scenario import loads_scenario
from accord.scenario.negotiation.adjust import apply_levers, with_changes
from accord.scenario.negotiation.model import NoDealBasis

# a (money 3/4, time 1/4): low 0, mid .5, high 1; soon 1, late 0
# b (money 1/2, time 1/2): low 1, mid .5, high 0; soon 0, late 1; 'none' is no money at all
DOC = """\
accord: 1
title: No-deal forms
sources:
  - {id: s1, title: A source}
status_quo:
  package: {money: none, time: late}
  note: nothing paid, nothing delivered
  source: s1
actors:
  - id: a
    role: principal
    no_deal: status_quo
    stated: {package: {money: high, time: soon}, note: the opening demand, source: s1}
  - id: b
    role: principal
    no_deal: {package: {money: low, time: late}, note: its outside offer, source: s1}
issues:
  - id: money
    options: [{id: none, label: no money, no_deal_only: true}, low, mid, high]
  - id: time
    options: [soon, late]
preferences:
  a:
    weights: {money: 3, time: 1}
    values:
      money: {none: 0.0, low: 0.0, mid: 0.5, high: 1.0}
      time: {soon: 1.0, late: 0.0}
  b:
    weights: {money: 1, time: 1}
    values:
      money: {none: 1.0, low: 1.0, mid: 0.5, high: 0.0}
      time: {soon: 0.0, late: 1.0}
"""


def errors(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        loads_scenario(text, "f.yaml")
    return [str(p) for p in exc.value.problems]


def test_status_quo_and_package_no_deal_values() -> None:
    sc = loads_scenario(DOC, "f.yaml")
    a, b = sc.actor("a"), sc.actor("b")
    assert a.reservation == pytest.approx(0.0)  # no money (0) and late (0)
    assert a.no_deal is not None and a.no_deal.basis is NoDealBasis.status_quo
    assert a.reservation_package == {"money": "none", "time": "late"}
    assert b.reservation == pytest.approx(1.0)  # low (1) and late (1)
    assert b.no_deal is not None and b.no_deal.basis is NoDealBasis.package
    assert b.no_deal.note == "its outside offer" and b.no_deal.sources == ("s1",)
    assert a.stated is not None and a.stated.package == {"money": "high", "time": "soon"}
    assert sc.status_quo is not None and sc.status_quo.note == "nothing paid, nothing delivered"
    assert sc.notes == ()


def test_no_deal_only_options_are_never_on_the_table() -> None:
    from accord.space.outcomes import build_space

    sc = loads_scenario(DOC, "f.yaml")
    space = build_space(sc)
    assert space.n_feasible == 6  # 3 money options on the table x 2 times
    assert space.excluded_by["no_deal_only:money"] == 2
    assert not any(
        sc.package_ids(tuple(int(x) for x in space.options(c)[0]))["money"] == "none"
        for c in range(space.n_feasible)
    )


def test_value_form_and_use_stated_with_reason() -> None:
    text = DOC.replace(
        "no_deal: status_quo",
        "no_deal: {use_stated: true, reason: 'the source says it walks from less'}",
    )
    a = loads_scenario(text, "f.yaml").actor("a")
    assert a.no_deal is not None and a.no_deal.basis is NoDealBasis.stated
    assert a.reservation == pytest.approx(1.0)  # high (1), soon (1)
    assert a.no_deal.reason == "the source says it walks from less"
    b = loads_scenario(DOC.replace("no_deal: status_quo", "no_deal: {value: 0.4}"), "f.yaml")
    assert b.actor("a").reservation == 0.4


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("no_deal: status_quo", "no_deal: {use_stated: true}", "needs a `reason`"),
        (
            "no_deal: status_quo",
            "no_deal: {value: 0.3, package: {money: low, time: late}}",
            "exactly one of",
        ),
        (
            "no_deal: status_quo",
            "no_deal: {value: 0.3, reason: why}",
            "`reason` belongs to `use_stated",
        ),
        ("no_deal: status_quo", "power: 0.5", "needs `no_deal`"),
        ("no_deal: status_quo", "no_deal: 0.2\n    reservation: 0.2", "give `no_deal` only"),
        ("status_quo:\n  package", "old_status:\n  package", "unknown key 'old_status'"),
        (
            "no_deal: {package: {money: low, time: late}",
            "no_deal: {package: {money: low}",
            "missing: time",
        ),
    ],
)
def test_bad_no_deal_forms_are_located(old: str, new: str, message: str) -> None:
    assert old in DOC
    msgs = errors(DOC.replace(old, new, 1))
    assert any(message in m for m in msgs), msgs
    assert all(m.startswith("f.yaml:") for m in msgs), msgs


def test_status_quo_reference_needs_a_status_quo() -> None:
    text = DOC.replace(
        "status_quo:\n  package: {money: none, time: late}\n  note: nothing paid, nothing delivered\n  source: s1\n",
        "",
    )
    msgs = errors(text)
    assert any("no `status_quo:` package" in m and "actors[0].no_deal" in m for m in msgs), msgs


def test_use_stated_needs_a_stated_position() -> None:
    text = DOC.replace(
        "    stated: {package: {money: high, time: soon}, note: the opening demand, source: s1}\n",
        "",
    ).replace("no_deal: status_quo", "no_deal: {use_stated: true, reason: r}")
    assert any("needs the side's `stated:`" in m for m in errors(text))


def test_a_recorded_deal_cannot_hold_a_no_deal_only_option() -> None:
    text = DOC + "outcome: {agreement: true, package: {money: none, time: soon}}\n"
    assert any("`no_deal_only` option" in m and "outcome.package.money" in m for m in errors(text))


def test_all_options_no_deal_only_is_refused() -> None:
    text = DOC.replace(
        "[soon, late]", "[{id: soon, no_deal_only: true}, {id: late, no_deal_only: true}]"
    )
    assert any("at least one must be on the table" in m for m in errors(text))


def test_old_reservation_key_loads_with_a_note() -> None:
    text = DOC.replace("no_deal: status_quo", "reservation: 0.25")
    sc = loads_scenario(text, "f.yaml")
    assert sc.actor("a").reservation == 0.25
    assert len(sc.notes) == 1
    note = sc.notes[0]
    assert note.startswith("f.yaml:") and "actors[0].reservation" in note
    assert "read as `no_deal`" in note and "`stated:`" in note


def test_old_lever_effect_and_adjustable_keys_load_with_notes() -> None:
    text = DOC.replace(
        "issues:\n",
        "  - id: c\n    role: third_party\n    levers:\n      - id: push\n"
        "        settings: [low, high]\n        current: low\n"
        "        effects: {high: [{target: b, reservation: -0.1}]}\n"
        "adjustable:\n  - {quantity: b.reservation, min: 0.5, max: 1.0}\n"
        "issues:\n",
    )
    sc = loads_scenario(text, "f.yaml")
    assert [a.quantity for a in sc.adjustable] == ["b.no_deal"]
    assert any("read as `no_deal`" in n and "reservation" in n for n in sc.notes)
    assert any("read as 'b.no_deal'" in n for n in sc.notes)
    on = with_changes(sc, {"c.push": "high"})
    assert apply_levers(on).actor("b").reservation == pytest.approx(0.9)


LEVER = (
    "  - id: c\n    role: third_party\n    levers:\n      - id: push\n"
    "        settings: [low, high]\n        current: low\n"
)


@pytest.mark.parametrize(
    ("effects", "message"),
    [
        ("", "has no effects"),
        ("        effects: {high: [{target: b}]}\n", "must change something"),
        ("        effects: {high: [{target: b, threshold: 0.1}]}\n", "is a principal"),
        ("        effects: {high: [{target: b, no_deal: 0.1, threshold: 0.1}]}\n", "not several"),
    ],
)
def test_lever_effects_are_checked(effects: str, message: str) -> None:
    text = DOC.replace("issues:\n", LEVER + effects + "issues:\n")
    assert any(message in m for m in errors(text)), errors(text)


def test_red_line_holder_must_be_an_actor() -> None:
    text = DOC + (
        "constraints:\n  - {id: r, then: {issue: money, at_most: mid}, reason: too dear, "
        "held_by: nobody}\n"
    )
    assert any("constraints[0].held_by" in m and "unknown principal" in m for m in errors(text))
    sc = loads_scenario(text.replace("held_by: nobody", "held_by: b"), "f.yaml")
    assert next(c for c in sc.constraints if c.id == "r").held_by == "b"


def test_a_no_deal_package_may_break_a_constraint_with_a_note() -> None:
    # b's no-deal package has money 'low', which the constraint rules out of any deal
    text = DOC + (
        "constraints:\n  - {id: some_money, then: {issue: money, at_least: mid}, reason: r}\n"
    )
    sc = loads_scenario(text, "f.yaml")
    assert any(
        "breaks constraint(s) some_money" in n and "actors[1].no_deal" in n for n in sc.notes
    )


def test_whatif_edits_a_no_deal_package_and_a_stated_position() -> None:
    sc = loads_scenario(DOC, "f.yaml")
    moved = with_changes(sc, {"b.no_deal.money": "mid", "a.stated.money": "mid"})
    assert moved.actor("b").reservation == pytest.approx(0.75)  # mid .5, late 1
    assert moved.actor("b").reservation_package == {"money": "mid", "time": "late"}
    assert moved.actor("a").stated is not None
    assert moved.actor("a").stated.package["money"] == "mid"
    with pytest.raises(Exception, match="unknown option"):
        with_changes(sc, {"b.no_deal.money": "lots"})
    with pytest.raises(Exception, match="unknown issue"):
        with_changes(sc, {"b.no_deal.colour": "red"})
