"""A lever's ``forecast:`` link in scenario files: building and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import InputError, ScenarioError
from accord.scenario import Scenario, load_scenario
from accord.scenario.negotiation.adjust import apply_levers, with_changes

SPATIAL = """\
accord: 1
kind: spatial
dimensions:
  - {name: pressure, scale: [0, 100]}
actors:
  - {name: A, capability: 1, positions: {pressure: 0}, saliences: {pressure: 1}}
  - {name: B, capability: 1, positions: {pressure: 100}, saliences: {pressure: 1}}
  - {name: C, capability: 2, positions: {pressure: 60}, saliences: {pressure: 1}}
"""

SCENARIO = """\
accord: 1
title: linked
actors:
  - {id: us, role: principal, no_deal: 0.3}
  - {id: dprk, role: principal, no_deal: 0.3}
  - id: china
    role: third_party
    levers:
      - id: enforcement
        settings: [high, mid, low]
        forecast:
          data: spatial.yaml
          dimension: pressure
          positions: {high: 100, mid: 50, low: 0}
        effects:
          low:
            - {target: dprk, no_deal: 0.1}
issues:
  - {id: relief, options: [none, some, all]}
preferences:
  us: {weights: {relief: 1}, values: {relief: {none: 1.0, some: 0.5, all: 0.0}}}
  dprk: {weights: {relief: 1}, values: {relief: {none: 0.0, some: 0.5, all: 1.0}}}
"""


def write(tmp_path: Path, scenario: str = SCENARIO, spatial: str = SPATIAL) -> Path:
    """Write the scenario and its spatial data into ``tmp_path``; return the scenario path."""
    (tmp_path / "spatial.yaml").write_text(spatial)
    path = tmp_path / "linked.yaml"
    path.write_text(scenario)
    return path


def problems(tmp_path: Path, scenario: str, spatial: str = SPATIAL) -> list[tuple[str, int | None]]:
    with pytest.raises(ScenarioError) as exc:
        load_scenario(write(tmp_path, scenario, spatial))
    for p in exc.value.problems:
        assert p.source.endswith("linked.yaml")
    return [(p.path, p.line) for p in exc.value.problems]


def test_a_linked_lever_builds_with_its_data(tmp_path: Path) -> None:
    sc: Scenario = load_scenario(write(tmp_path))
    lv = sc.lever("china.enforcement")
    assert lv.forecast is not None and lv.unresolved
    assert lv.forecast.model == "compromise"  # the default
    assert lv.forecast.data.actors == ("A", "B", "C")
    assert lv.forecast.data_path == str(tmp_path / "spatial.yaml")
    assert dict(lv.forecast.positions) == {"high": 100.0, "mid": 50.0, "low": 0.0}
    assert lv.forecast.path == "actors[2].levers[0].forecast.model"


def test_an_unresolved_link_is_never_analysed_with_a_placeholder(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path))
    with pytest.raises(InputError, match=r"china\.enforcement take their setting from a forecast"):
        apply_levers(sc)
    # setting the lever by hand detaches it from the forecast
    set_by_hand = with_changes(sc, {"china.enforcement": "low"})
    lv = set_by_hand.lever("china.enforcement")
    assert lv.forecast is None and lv.current == "low"
    assert apply_levers(set_by_hand).actor("dprk").reservation == pytest.approx(0.4)


def test_current_and_forecast_together_is_located(tmp_path: Path) -> None:
    doc = SCENARIO.replace("        forecast:\n", "        current: mid\n        forecast:\n")
    assert problems(tmp_path, doc) == [("actors[2].levers[0].current", 11)]


def test_neither_current_nor_forecast_is_located(tmp_path: Path) -> None:
    doc = SCENARIO.replace(
        "        forecast:\n          data: spatial.yaml\n          dimension: pressure\n"
        "          positions: {high: 100, mid: 50, low: 0}\n",
        "",
    )
    assert problems(tmp_path, doc) == [("actors[2].levers[0]", 9)]


def test_unknown_and_missing_settings_in_positions(tmp_path: Path) -> None:
    doc = SCENARIO.replace("{high: 100, mid: 50, low: 0}", "{high: 100, middle: 50, low: 0}")
    assert problems(tmp_path, doc) == [
        ("actors[2].levers[0].forecast.positions.middle", 14),
        ("actors[2].levers[0].forecast.positions", 14),
    ]


def test_unknown_dimension_actor_and_off_scale_positions(tmp_path: Path) -> None:
    doc = SCENARIO.replace("dimension: pressure", "dimension: pressur")
    with pytest.raises(
        ScenarioError, match=r"unknown dimension 'pressur'.*dimensions are: pressure"
    ):
        load_scenario(write(tmp_path, doc))
    doc = SCENARIO.replace("dimension: pressure", "dimension: pressure\n          actor: D")
    assert problems(tmp_path, doc) == [("actors[2].levers[0].forecast.actor", 14)]
    doc = SCENARIO.replace("high: 100,", "high: 120,")
    assert problems(tmp_path, doc) == [("actors[2].levers[0].forecast.positions.high", 14)]


def test_unreadable_or_broken_data_file_is_located(tmp_path: Path) -> None:
    doc = SCENARIO.replace("data: spatial.yaml", "data: nowhere.yaml")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(write(tmp_path, doc))
    (p,) = exc.value.problems
    assert (p.path, p.line) == ("actors[2].levers[0].forecast.data", 12)
    assert "nowhere.yaml: cannot read the spatial data file" in p.message
    broken = SPATIAL.replace("positions: {pressure: 0}", "positions: {pressure: 200}")
    with pytest.raises(ScenarioError, match=r"spatial data file has problems.*off the scale"):
        load_scenario(write(tmp_path, SCENARIO, broken))


def test_unknown_keys_in_the_link_are_errors(tmp_path: Path) -> None:
    doc = SCENARIO.replace("dimension: pressure", "dimension: pressure\n          modle: smp")
    assert problems(tmp_path, doc) == [("actors[2].levers[0].forecast.modle", 14)]
