"""A KTAB XML file's own settings: prngSeed and the stochastic switches, actor descriptions,
and KTAB's winning probabilities (dummyData_3Dim-stochastic.xml: KTAB's dummyData_3Dim.xml
with ModelParameters asking for stochastic state transitions)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from accord.api import load_spatial_data, run_model
from accord.cli.app import app
from accord.errors import ScenarioError

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"
STOCHASTIC = DATA / "dummyData_3Dim-stochastic.xml"
SEED = 3707583219545544125


def test_the_file_states_its_switches_and_seed() -> None:
    d = load_spatial_data(STOCHASTIC)
    assert d.settings["smp"]["state_transition"] == "stochastic"
    assert d.settings["smp"]["seed"] == SEED
    assert d.descriptions == ("Random Spatial Actor",) * 7


def test_stochastic_runs_of_one_file_are_one_run() -> None:
    d = load_spatial_data(STOCHASTIC)
    runs = [run_model(d, "smp") for _ in range(3)]
    assert {r.rounds for r in runs} == {runs[0].rounds}
    for r in runs[1:]:
        np.testing.assert_array_equal(r.trajectory, runs[0].trajectory)
    assert runs[0].settings["seed"] == SEED
    same = run_model(
        load_spatial_data(DATA / "dummyData_3Dim.xml"),
        "smp",
        {"state_transition": "stochastic", "seed": SEED},
    )
    np.testing.assert_array_equal(same.trajectory, runs[0].trajectory)
    other = run_model(d, "smp", {"seed": 1})
    assert other.settings["seed"] == 1


def test_seed_zero_means_draw_one_and_say_which(tmp_path: Path) -> None:
    text = STOCHASTIC.read_text(encoding="utf-8").replace(str(f"0{SEED}"), "0")
    f = tmp_path / "zero.xml"
    f.write_text(text, encoding="utf-8")
    d = load_spatial_data(f)
    assert "seed" not in d.settings["smp"]
    res = CliRunner().invoke(app, ["forecast", str(f), "-m", "smp"])
    assert res.exit_code == 0, res.output
    assert "stochastic run with seed" in res.output and "smp.seed=" in res.output


def test_a_bad_seed_is_located(tmp_path: Path) -> None:
    f = tmp_path / "bad.xml"
    f.write_text(STOCHASTIC.read_text(encoding="utf-8").replace(f"0{SEED}", "-1"), "utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_spatial_data(f)
    (p,) = exc.value.problems
    assert p.line == 5 and "prngSeed '-1' is not a whole number" in p.message


def test_winning_probabilities_are_reported_per_actor() -> None:
    res = CliRunner().invoke(
        app, ["forecast", str(DATA / "dummyData_3Dim.xml"), "-m", "smp", "-f", "json"]
    )
    doc = json.loads(res.output)
    probs = doc["models"]["smp"]["win_probability"]
    assert list(probs) == [f"SActor-0{i}" for i in range(7)]
    # KTAB's last logged state: actors 00 and 01 share a position and each show 0.3340.
    assert probs["SActor-00"] == pytest.approx(0.3340, abs=6e-5)
    assert probs["SActor-01"] == pytest.approx(0.3340, abs=6e-5)
    assert doc["descriptions"]["SActor-03"] == "Random Spatial Actor"
    text = CliRunner().invoke(
        app, ["forecast", str(DATA / "dummyData_3Dim.xml"), "-m", "smp", "--rounds"]
    )
    assert "winning probability" in text.output
