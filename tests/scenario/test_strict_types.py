"""Strict types in every schema: no quoted numbers, no booleans for numbers, no giant
magnitudes where the solver cannot cope; unquoted scientific notation is still a number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.scenario import loads_scenario
from accord.scenario.phasing.loader import BUILTIN_DIR, parse_phasing_document
from accord.scenario.spatial.loader import parse_spatial_document

NEGOTIATION = """\
accord: 1
title: Two parties
actors:
  - {id: a, role: principal, reservation: 0.2}
  - {id: b, role: principal, reservation: 0.3}
  - {id: r, role: ratifier, of: a, threshold: 0.6}
issues:
  - id: money
    options: [low, high]
preferences:
  a: {weights: {money: 1}, values: {money: {low: 0.0, high: 1.0}}}
  b: {weights: {money: 1}, values: {money: {low: 1.0, high: 0.0}}}
  r: {weights: {money: 1}, values: {money: {low: 0.0, high: 1.0}}}
"""

SPATIAL = """\
accord: 1
kind: spatial
dimensions: [{name: x, scale: [0, 10]}]
actors:
  - {name: A, capability: 1e6, positions: {x: 2}, saliences: {x: 0.5}}
  - {name: B, capability: 2, positions: {x: 8}, saliences: {x: 0.5}}
"""


def problems(fn, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError) as exc:
        fn(text, "f.yaml")
    return [str(p) for p in exc.value.problems]


def test_the_valid_documents_load() -> None:
    assert loads_scenario(NEGOTIATION, "f.yaml").actor("r").threshold == pytest.approx(0.6)
    d = parse_spatial_document(SPATIAL, "f.yaml")
    assert d.capability[0] == 1e6  # unquoted 1e6 is a number, as in YAML 1.2


def test_a_quoted_threshold_is_an_error() -> None:
    msgs = problems(loads_scenario, NEGOTIATION.replace("threshold: 0.6", 'threshold: "0.6"'))
    assert any(
        m.startswith("f.yaml:6: actors[2].threshold:") and "the text '0.6'" in m for m in msgs
    ), msgs


def test_a_boolean_preference_value_is_an_error() -> None:
    msgs = problems(
        loads_scenario,
        NEGOTIATION.replace("low: 0.0, high: 1.0}}}\n  b", "low: false, high: true}}}\n  b"),
    )
    assert any("YAML read a boolean (false)" in m for m in msgs), msgs


def test_a_quoted_capability_and_a_boolean_position_are_errors() -> None:
    msgs = problems(
        parse_spatial_document,
        SPATIAL.replace("capability: 2,", 'capability: "2",').replace("{x: 8}", "{x: yes}"),
    )
    assert any("actors[1].capability" in m and "the text '2'" in m for m in msgs), msgs
    assert any("actors[1].positions.x" in m and "boolean" in m for m in msgs), msgs


def test_an_infinite_capability_is_refused_where_it_is() -> None:
    msgs = problems(parse_spatial_document, SPATIAL.replace("capability: 1e6", "capability: .inf"))
    assert msgs and msgs[0].startswith("f.yaml:5: actors[0].capability:")


def phasing_text() -> str:
    return (Path(BUILTIN_DIR) / "hanoi-2019.phasing.yaml").read_text(encoding="utf-8")


def test_a_boolean_duration_is_an_error() -> None:
    text = re.sub(r"duration: 1\b", "duration: true", phasing_text(), count=1)
    msgs = problems(parse_phasing_document, text)
    assert any("duration" in m and "boolean (true)" in m for m in msgs), msgs


def test_a_cost_too_large_for_the_solver_is_refused_and_explained() -> None:
    text = re.sub(r"cost: \d+", "cost: 1e15", phasing_text(), count=1)
    (msg,) = problems(parse_phasing_document, text)
    assert "1e+15 is too large" in msg and "solver" in msg
