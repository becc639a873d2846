"""Loading scenario files: built-ins, user files, and one test per kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import scenario_dict

from accord.errors import ScenarioError
from accord.scenario import builtin_names, load_scenario, loads_scenario
from accord.scenario._io.yamlio import MAX_BYTES

GOOD = """\
accord: 1
title: Two parties, two issues
sources:
  - {id: s1, title: A source}
actors:
  - {id: a, name: Alpha, role: principal, power: 0.5, no_deal: 0.2, source: s1}
  - {id: b, name: Beta, role: principal, power: 0.5, no_deal: 0.3}
issues:
  - id: money
    options: [low, mid, high]
  - id: time
    options: [soon, late]
preferences:
  a:
    weights: {money: 2, time: 2}
    values:
      money: {low: 0.0, mid: 0.5, high: 1.0}
      time: {soon: 1.0, late: 0.0}
  b:
    weights: {money: 3, time: 1}
    values:
      money: {low: 1.0, mid: 0.5, high: 0.0}
      time: {soon: 0.0, late: 1.0}
constraints:
  - id: c1
    if: {issue: money, is: high}
    then: {issue: time, is: late}
    reason: Paying a lot takes time.
"""


def errors(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        loads_scenario(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_good_file_builds_normalised_core_model() -> None:
    sc = loads_scenario(GOOD, "f.yaml")
    assert [a.id for a in sc.principals] == ["a", "b"]
    assert sc.shape == (3, 2)
    assert sc.preferences["a"].weights.tolist() == [0.5, 0.5]
    assert sc.preferences["b"].weights.tolist() == [0.75, 0.25]
    assert sc.constraints[0].when[0].allowed == frozenset({2})
    assert sc.constraints[0].then.allowed == frozenset({1})


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_scenarios_load(name: str) -> None:
    sc = load_scenario(name)
    assert len(sc.principals) >= 2
    assert sc.outcome is not None


def test_builtins_include_the_reference_cases() -> None:
    assert {"hanoi-2019", "singapore-2018"} <= set(builtin_names())


def test_every_builtin_value_cites_declared_sources() -> None:
    # the loader rejects unknown source ids; every principal's weights carry a rationale
    for name in builtin_names():
        sc = load_scenario(name)
        assert sc.sources, name
        for p in sc.principals:
            assert p.no_deal is not None and p.no_deal.note, (name, p.id)


def test_user_file_json_and_yaml(tmp_path: Path) -> None:
    y = tmp_path / "s.yaml"
    y.write_text(GOOD)
    j = tmp_path / "s.json"
    j.write_text(json.dumps(scenario_dict({"a": [[0, 1]], "b": [[1, 0]]})))
    assert load_scenario(y).title == "Two parties, two issues"
    assert load_scenario(j).shape == (2,)


def test_unknown_name_lists_builtins() -> None:
    with pytest.raises(ScenarioError, match=r"built-ins are: .*hanoi-2019"):
        load_scenario("no-such-thing")


def test_unknown_key_is_an_error_with_line_and_valid_keys() -> None:
    text = GOOD.replace("title: Two parties", "titel: oops\ntitle: Two parties")
    (msg,) = errors(text)
    assert "f.yaml:2: titel: unknown key 'titel'" in msg
    assert "valid keys here:" in msg and "title" in msg


def test_nested_unknown_key() -> None:
    text = GOOD.replace("power: 0.5, no_deal: 0.3", "power: 0.5, no_deal: 0.3, colour: red")
    (msg,) = errors(text)
    assert "actors[1].colour" in msg and ":7:" in msg


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{id: b, name: Beta", "{id: a, name: Beta", "duplicate actor id 'a'"),
        ("  - id: time\n", "  - id: money\n", "duplicate issue id 'money'"),
        ("options: [soon, late]", "options: [soon, soon]", "duplicate option id 'soon'"),
        (
            "  - id: c1\n",
            "  - id: c1\n    then: {issue: time, is: late}\n    reason: x\n  - id: c1\n",
            "duplicate",
        ),
    ],
)
def test_duplicate_ids(old: str, new: str, expected: str) -> None:
    assert any(expected in m for m in errors(GOOD.replace(old, new, 1)))


def test_duplicate_yaml_keys_are_refused() -> None:
    text = GOOD.replace("title: Two parties, two issues", "title: A\ntitle: B")
    (msg,) = errors(text)
    assert "duplicate key 'title'" in msg and "f.yaml:3" in msg


def test_reference_to_unknown_actor() -> None:
    text = GOOD.replace("  b:\n    weights", "  c:\n    weights")
    msgs = errors(text)
    assert any("preferences.c: preferences for unknown actor 'c'" in m for m in msgs)
    assert any("missing preferences for principal 'b'" in m for m in msgs)


def test_reference_to_unknown_issue_and_option() -> None:
    msgs = errors(GOOD.replace("then: {issue: time, is: late}", "then: {issue: tiem, is: late}"))
    assert any("constraints[0].then.issue: unknown issue 'tiem'" in m for m in msgs)
    msgs = errors(GOOD.replace("then: {issue: time, is: late}", "then: {issue: time, is: later}"))
    assert any("unknown option 'later'; options of 'time' are: soon, late" in m for m in msgs)


def test_reference_to_unknown_source() -> None:
    msgs = errors(GOOD.replace("no_deal: 0.2, source: s1", "no_deal: 0.2, source: s9"))
    assert any("cites unknown source 's9'" in m for m in msgs)


def test_value_outside_unit_interval() -> None:
    (msg,) = errors(
        GOOD.replace(
            "money: {low: 0.0, mid: 0.5, high: 1.0}", "money: {low: 0.0, mid: 1.5, high: 1.0}"
        )
    )
    assert "preferences.a.values.money.mid" in msg and "outside [0, 1]" in msg and ":17:" in msg


def test_empty_option_list() -> None:
    (msg,) = errors(GOOD.replace("options: [soon, late]", "options: []"))
    assert "issues[1].options: must not be empty" in msg


def test_missing_option_value_is_an_error_not_zero() -> None:
    (msg,) = errors(GOOD.replace("time: {soon: 1.0, late: 0.0}", "time: {soon: 1.0}"))
    assert "missing value for option 'late'" in msg


def test_all_zero_weights() -> None:
    msgs = errors(GOOD.replace("weights: {money: 2, time: 2}", "weights: {money: 0, time: 0}"))
    assert any("all weights are zero" in m for m in msgs)


def test_malformed_yaml_names_the_line() -> None:
    (msg,) = errors(GOOD.replace("  - id: time\n", "  - id: time\n   bad: [\n"))
    assert msg.startswith("f.yaml:") and "malformed YAML" in msg


def test_unquoted_yes_no_gets_a_hint() -> None:
    text = GOOD.replace("options: [soon, late]", "options: [yes, no]")
    msgs = errors(text)
    assert any("quote it" in m for m in msgs)


def test_file_over_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ScenarioError, match="limited to"):
        load_scenario(big)


def test_not_a_mapping() -> None:
    (msg,) = errors("- just\n- a list\n")
    assert "must be a mapping" in msg


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace("mid: 0.5, high: 1.0}", "mid: 0.5, high: 2.0}").replace("titl", "titl")
    text = text.replace("{id: b, name: Beta", "{id: b, nmae: Beta")
    assert len(errors(text)) == 2


def test_reservation_as_package() -> None:
    text = GOOD.replace("no_deal: 0.3}", "no_deal: {package: {money: low, time: late}}}")
    sc = loads_scenario(text, "f.yaml")
    assert sc.actor("b").reservation == pytest.approx(1.0)
    bad = GOOD.replace("no_deal: 0.3}", "no_deal: {package: {money: low}}}")
    assert any("missing: time" in m for m in errors(bad))


def test_condition_needs_exactly_one_test() -> None:
    msgs = errors(
        GOOD.replace("if: {issue: money, is: high}", "if: {issue: money, is: high, at_most: mid}")
    )
    assert any("exactly one of" in m for m in msgs)


def test_fewer_than_two_principals() -> None:
    text = GOOD.replace("  - {id: b, name: Beta, role: principal, power: 0.5, no_deal: 0.3}\n", "")
    assert any("at least two principals" in m for m in errors(text))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "weights: {money: 2, time: 2}",
            "weights: {money: .inf, time: 1}",
            "inf is not a finite number",
        ),
        (
            "weights: {money: 2, time: 2}",
            "weights: {money: .nan, time: 1}",
            "nan is not a finite number",
        ),
        (
            "weights: {money: 2, time: 2}",
            "weights: {money: 1e308, time: 1e308}",
            "too large to add up",
        ),
        ("accord: 1", "accord: true", "true is not a schema version"),
        ("if: {issue: money, is: high}", "if: []", "constraints[0].if: must not be empty"),
    ],
)
def test_numbers_must_be_finite_and_shapes_meaningful(old: str, new: str, expected: str) -> None:
    msgs = errors(GOOD.replace(old, new))
    assert len(msgs) == 1 and expected in msgs[0]
