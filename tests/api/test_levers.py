"""Resolving forecast-driven levers (``accord.api.resolve_levers``) and moving actors."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.scenario.negotiation.test_lever_link import SCENARIO, write

from accord import api
from accord.api._levers import nearest_setting
from accord.errors import InputError, ScenarioError
from accord.report.twolevel_data import levers_to_list
from accord.scenario import load_scenario


def test_the_nearest_setting_wins_and_ties_go_to_the_first() -> None:
    assert nearest_setting(55.0, {"high": 100.0, "mid": 50.0, "low": 0.0}) == "mid"
    assert nearest_setting(75.0, {"high": 100.0, "mid": 50.0, "low": 0.0}) == "high"
    assert nearest_setting(55.0, {"x": 40.0, "y": 70.0}) == "x"  # 15 either side
    assert nearest_setting(55.0, {"y": 70.0, "x": 40.0}) == "y"


def test_collective_forecast_sets_the_lever(tmp_path: Path) -> None:
    sc = api.resolve_levers(load_scenario(write(tmp_path)))
    lv = sc.lever("china.enforcement")
    res = lv.resolution
    assert res is not None and res.model == "compromise"
    # capability x salience weighted mean: (1*0 + 1*100 + 2*60) / 4 = 55, nearest 'mid' (50)
    assert res.position == pytest.approx(55.0)
    assert lv.current == res.setting == "mid"
    assert res.text == "mid, from the compromise forecast 55.0 on 'pressure'"


def test_an_actors_final_position_sets_the_lever(tmp_path: Path) -> None:
    doc = SCENARIO.replace("dimension: pressure", "dimension: pressure\n          actor: B")
    lv = api.resolve_levers(load_scenario(write(tmp_path, doc))).lever("china.enforcement")
    # a static model leaves B where it is: 100, so 'high'
    assert lv.resolution is not None and lv.resolution.position == pytest.approx(100.0)
    assert lv.current == "high"


def test_moving_an_actor_re_sets_the_lever(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path))
    moved = api.resolve_levers(sc, api.parse_moves(["A.pressure=100"]))
    lv = moved.lever("china.enforcement")
    # (1*100 + 1*100 + 2*60) / 4 = 80, nearest 'high' (100)
    assert lv.resolution is not None and lv.resolution.position == pytest.approx(80.0)
    assert lv.current == "high"
    w = api.whatif_scenario(sc, {}, {"A.pressure": 100.0})
    assert [c.key for c in w.changes] == ["A.pressure", "china.enforcement"]
    assert (w.changes[1].old, w.changes[1].new) == ("mid", "high")
    assert w.diff()["levers"] == {"china.enforcement": ["mid", "high"]}
    # high has no effects, like mid: the numbers do not move
    assert w.diff()["zopa"]["base"] == w.diff()["zopa"]["changed"]


def test_moving_to_low_changes_the_numbers(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path))
    # B to 0: (0 + 0 + 120) / 4 = 30, nearer 'mid' (50) than 'low' (0); C to 0 as well: 0
    w = api.whatif_scenario(sc, {}, api.parse_moves(["B.pressure=0", "C.pressure=0"]))
    assert w.changed.scenario.lever("china.enforcement").current == "low"
    assert w.changed.scenario.actor("dprk").reservation == pytest.approx(0.4)
    assert w.base.scenario.actor("dprk").reservation == pytest.approx(0.3)


def test_a_set_lever_overrides_the_forecast(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path))
    w = api.whatif_scenario(sc, {"china.enforcement": "low"}, {"A.pressure": 100.0})
    lv = w.changed.scenario.lever("china.enforcement")
    assert lv.current == "low" and lv.resolution is None


@pytest.mark.parametrize(
    ("move", "message"),
    [
        ("D.pressure=5", r"unknown actor; the linked spatial data has: A, B, C"),
        ("A.presure=5", r"unknown dimension 'presure'; dimensions are: pressure"),
        ("A.pressure=101", r"off the scale of 'pressure'; valid: 0\.\.100"),
    ],
)
def test_bad_moves_are_input_errors(tmp_path: Path, move: str, message: str) -> None:
    sc = load_scenario(write(tmp_path))
    with pytest.raises(InputError, match=message):
        api.whatif_scenario(sc, {}, api.parse_moves([move]))


@pytest.mark.parametrize("item", ["A.pressure", "pressure=5", "A.pressure=high", "A.pressure=nan"])
def test_malformed_moves(item: str) -> None:
    with pytest.raises(InputError, match="--move"):
        api.parse_moves([item])


def test_a_move_without_linked_levers_is_an_error() -> None:
    with pytest.raises(InputError, match="no lever of this scenario takes its setting"):
        api.whatif_scenario("singapore-2018", {}, {"US.x": 1.0})


def test_an_unknown_model_is_located_when_resolved(tmp_path: Path) -> None:
    doc = SCENARIO.replace("dimension: pressure", "dimension: pressure\n          model: smq")
    path = write(tmp_path, doc)
    with pytest.raises(ScenarioError) as exc:
        api.validate_scenario(path)
    (p,) = exc.value.problems
    assert (p.path, p.line) == ("actors[2].levers[0].forecast.model", 14)
    assert p.source == str(path) and "unknown model 'smq'" in p.message


def test_analysis_reports_the_forecast(tmp_path: Path) -> None:
    a = api.analyze_scenario(write(tmp_path))
    (entry,) = levers_to_list(a)
    assert entry["current"] == "mid"
    fc = entry["forecast"]
    assert fc["model"] == "compromise" and fc["position"] == pytest.approx(55.0)
    assert fc["data"] == "spatial.yaml" and fc["setting"] == "mid"
    assert fc["text"] == "china's enforcement: mid, from the compromise forecast 55.0 on 'pressure'"
