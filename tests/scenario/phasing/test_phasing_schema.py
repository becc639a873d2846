"""Phasing documents: validation errors are located (path and line), never tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.scenario.phasing.loader import (
    builtin_phasing_names,
    load_phasing_document,
    parse_phasing_document,
    read_phasing_file,
)

GOOD = """\
accord: 1
kind: phasing
scenario: hanoi-2019
horizon: 4
parties:
  - id: us
    exposure_tolerance: 5
  - id: dprk
    exposure_tolerance: 5
actions:
  - id: freeze
    owner: dprk
    duration: 1
    verification_lag: 1
    cost: 2
    value: {us: 4}
  - id: relief
    owner: us
    cost: 2
    value: {dprk: 4}
    prerequisites: [freeze]
end_state: [freeze, relief]
"""


def problems(text: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ScenarioError) as info:
        parse_phasing_document(text, "f.yaml")
    return [(p.path, p.line, p.message) for p in info.value.problems]


def test_good_document_parses() -> None:
    doc = parse_phasing_document(GOOD, "f.yaml")
    assert [a.id for a in doc.actions] == ["freeze", "relief"]
    assert doc.actions[0].verification_lag == 1


def test_unknown_key_is_located() -> None:
    text = GOOD.replace(
        "    cost: 2\n    value: {us: 4}", "    cost: 2\n    colour: red\n    value: {us: 4}"
    )
    [(path, line, msg)] = problems(text)
    assert path == "actions[0].colour"
    assert line == 16
    assert "unknown key" in msg


def test_unknown_owner_is_located() -> None:
    text = GOOD.replace("owner: us", "owner: usa")
    [(path, line, msg)] = problems(text)
    assert path == "actions[1].owner"
    assert line == 18
    assert "unknown party 'usa'" in msg and "dprk, us" in msg


def test_cyclic_prerequisites_are_located() -> None:
    text = GOOD.replace("    value: {us: 4}\n", "    value: {us: 4}\n    prerequisites: [relief]\n")
    [(path, line, msg)] = problems(text)
    assert path.startswith("actions[")
    assert line is not None
    assert "cyclic prerequisites" in msg and "freeze" in msg and "relief" in msg


def test_required_action_that_cannot_fit_the_horizon() -> None:
    text = GOOD.replace("horizon: 4", "horizon: 2")
    [(path, line, msg)] = problems(text)
    assert path == "end_state[1]"
    assert line == 22
    assert "'relief'" in msg and "phase 3" in msg and "at least 3" in msg


def test_wrong_type_and_range() -> None:
    text = GOOD.replace("verification_lag: 1", "verification_lag: soon").replace(
        "exposure_tolerance: 5\n  - id: dprk", "exposure_tolerance: -1\n  - id: dprk"
    )
    found = {p for p, _, _ in problems(text)}
    assert found == {"actions[0].verification_lag", "parties[0].exposure_tolerance"}


def test_duplicate_keys_and_ids() -> None:
    [(_, line, msg)] = problems(GOOD.replace("horizon: 4\n", "horizon: 4\nhorizon: 5\n"))
    assert "duplicate key 'horizon'" in msg and line == 5
    [(path, _, msg)] = problems(
        GOOD.replace("id: relief", "id: freeze")
        .replace("[freeze, relief]", "[freeze]")
        .replace("prerequisites: [freeze]", "")
    )
    assert path == "actions[1].id" and "duplicate id" in msg


def test_malformed_yaml_and_wrong_kind() -> None:
    [(_, line, msg)] = problems("accord: 1\nkind: [phasing\n")
    assert "malformed" in msg and line is not None
    [(path, _, msg)] = problems(GOOD.replace("kind: phasing", "kind: scenario"))
    assert path == "kind" and "phasing" in msg


def test_unknown_builtin_lists_builtins(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_phasing_document("no-such-deal")
    assert "built-ins" in str(info.value)
    f = tmp_path / "deal.yaml"
    f.write_text(GOOD, encoding="utf-8")
    assert load_phasing_document(f).scenario == "hanoi-2019"


def test_builtins_are_valid_and_sourced() -> None:
    names = builtin_phasing_names()
    assert {"hanoi-2019", "six-party-2007"} <= set(names)
    for name in names:
        doc = load_phasing_document(name)
        for item in [*doc.parties, *doc.actions, *doc.ratifiers]:
            assert item.source or item.note, f"{name}: {item.id} has no source or note"


def test_parties_must_be_principals_of_the_scenario(tmp_path: Path) -> None:
    f = tmp_path / "deal.yaml"
    f.write_text(GOOD.replace("dprk", "rok"))
    with pytest.raises(ScenarioError) as info:
        read_phasing_file(f)
    [problem] = info.value.problems
    assert problem.path == "parties[1].id" and problem.line == 8
    assert "'rok' is not a principal actor of scenario 'hanoi-2019'" in problem.message
    assert "us, dprk" in problem.message


def test_scenario_reference_relative_to_the_phasing_file(tmp_path: Path) -> None:
    from accord.scenario.negotiation.loader import resolve_scenario_path

    (tmp_path / "sub").mkdir()
    copy = tmp_path / "sub" / "my-hanoi.yaml"
    copy.write_bytes(resolve_scenario_path("hanoi-2019").read_bytes())
    data = resolve_scenario_path("hanoi-2019").with_name("hanoi-2019.enforcement.yaml")
    (tmp_path / "sub" / data.name).write_bytes(data.read_bytes())  # its levers' spatial data
    f = tmp_path / "sub" / "deal.yaml"
    f.write_text(GOOD.replace("scenario: hanoi-2019", "scenario: my-hanoi.yaml"))
    assert read_phasing_file(f).notes == ()
    f.write_text(GOOD.replace("scenario: hanoi-2019", "scenario: nowhere.yaml"))
    [note] = read_phasing_file(f).notes
    assert "'nowhere.yaml' is not available" in note and "not checked" in note


def test_coalition_members_are_checked() -> None:
    loaded = read_phasing_file("six-party-2007")
    five = next(p for p in loaded.doc.parties if p.id == "five")
    assert five.members == ["us", "china", "rok", "japan", "russia"]
    # until a six-party-2007 outcome scenario exists, the check is skipped with a note
    from accord.scenario import builtin_names

    if "six-party-2007" not in builtin_names():
        assert loaded.notes and "six-party-2007" in loaded.notes[0]
    else:
        assert loaded.notes == ()


def test_json_documents_are_read_and_located(tmp_path: Path) -> None:
    import json

    import yaml

    data = yaml.safe_load(GOOD)
    f = tmp_path / "deal.json"
    f.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert [a.id for a in load_phasing_document(f).actions] == ["freeze", "relief"]
    data["actions"][1]["reversibility"] = 1.5
    f.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_phasing_document(f)
    [problem] = info.value.problems
    assert problem.path == "actions[1].reversibility"
    assert problem.line is not None
    line = f.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert '"reversibility"' in line


def test_a_negotiation_scenario_is_named_as_such() -> None:
    from accord.scenario.builtin import builtin_path

    path = builtin_path("singapore-2018")
    assert path is not None
    with pytest.raises(ScenarioError, match="negotiation scenario, not a phasing document"):
        parse_phasing_document(path.read_text(), "s.yaml")


def test_range_errors_name_the_bound() -> None:
    with pytest.raises(ScenarioError, match=r"horizon: 100000 is out of range: it must be <= 500"):
        parse_phasing_document(GOOD.replace("horizon: 4", "horizon: 100000"), "p.yaml")


def test_a_reported_cycle_lists_each_action_before_one_it_requires() -> None:
    from types import SimpleNamespace

    from accord.scenario.phasing.schema import _find_cycle

    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}
    acts = [SimpleNamespace(id=k, prerequisites=v) for k, v in graph.items()]
    cycle = _find_cycle(acts)  # type: ignore[arg-type]
    assert sorted(cycle) == ["a", "b", "c"]
    for here, nxt in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        assert nxt in graph[here]
    acyclic = [
        SimpleNamespace(id="a", prerequisites=["b"]),
        SimpleNamespace(id="b", prerequisites=[]),
    ]
    assert _find_cycle(acyclic) == []  # type: ignore[arg-type]
