"""Per-issue actor subsets: a Decide actor without a #D line on an issue takes no part in it.

``decide-absent.txt`` is written in the shape of the published Decide data sets (quoted,
tab-separated fields, ``#M`` anchors without labels, trailing tabs): ``west`` has no line on
Fund, ``isles`` only one on Treaty.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from accord.api import load_spatial_data, run_model
from accord.cli.app import app
from accord.forecast.registry import MODELS
from accord.scenario.spatial.model import SpatialData

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


@pytest.fixture(scope="module")
def data() -> SpatialData:
    return load_spatial_data(DATA / "decide-absent.txt")


def only(data: SpatialData, dim: str) -> SpatialData:
    """The data of one dimension, restricted to the actors that take part in it."""
    k = data.dimensions.index(dim)
    rows = np.flatnonzero(data.present[:, k])
    return SpatialData(
        actors=tuple(data.actors[i] for i in rows),
        dimensions=(dim,),
        capability=data.power[rows, k],
        position=data.position[rows][:, [k]],
        salience=data.salience[rows][:, [k]],
        scale=(data.scale[k],),
    )


def test_the_file_loads_and_knows_who_is_absent(data: SpatialData) -> None:
    assert data.absent() == {
        "Fund": ("Western bloc", "Island states"),
        "Review": ("Island states",),
    }
    assert np.isnan(data.position[3, 1]) and np.isnan(data.salience[3, 1])
    assert np.isnan(data.power[4, 1:]).all()
    assert data.capability.tolist() == [0.3, 0.25, 0.2, 0.15, 0.1]


def test_compromise_and_median_by_hand(data: SpatialData) -> None:
    # Fund: north (0.3 x 0.6, 10), south (0.25 x 0.9, 80), east (0.2 x 0.3, 40).
    # Review: north .15 x 30, south .1 x 60, east .14 x 20, west .09 x 70 -> 19.6 / .48.
    comp = run_model(data, "compromise").forecast
    assert comp == pytest.approx([43.6 / 0.775, 22.2 / 0.465, 19.6 / 0.48])
    # Fund sorted: 10 (.18), 40 (.06), 80 (.225): half of .465 is reached at 40.
    assert run_model(data, "median").forecast[1] == pytest.approx(40.0)


@pytest.mark.parametrize("model", ["compromise", "median", "nash", "expected_utility", "smp"])
def test_each_issue_is_forecast_among_its_own_actors(data: SpatialData, model: str) -> None:
    full = run_model(data, model)
    for k, dim in enumerate(data.dimensions):
        alone = run_model(only(data, dim), model)
        if model == "smp":  # SMP's joint run over all three issues differs from one issue
            continue
        assert full.forecast[k] == pytest.approx(alone.forecast[0], rel=1e-12)


def test_smp_runs_one_group_per_set_of_actors(data: SpatialData) -> None:
    r = run_model(data, "smp")
    assert r.settings["groups"] == "Treaty; Fund; Review"
    fund = run_model(only(data, "Fund"), "smp")
    assert r.forecast[1] == pytest.approx(fund.forecast[0])


@pytest.mark.parametrize("model", list(MODELS))
def test_absent_actors_stay_absent_in_every_trajectory(data: SpatialData, model: str) -> None:
    r = run_model(data, model)
    assert np.isfinite(r.forecast).all()
    here = data.present
    assert np.isnan(r.trajectory[:, ~here]).all()
    assert np.isfinite(r.trajectory[:, here]).all()


def test_exchange_trades_only_among_actors_on_both_issues(data: SpatialData) -> None:
    r = run_model(data, "exchange")
    assert r.rounds >= 1
    # Island states (only on Treaty) can trade with nobody: its Treaty position never moves.
    assert np.all(r.trajectory[:, 4, 0] == 100.0)


def test_the_output_lists_who_is_absent_where() -> None:
    res = CliRunner().invoke(app, ["forecast", str(DATA / "decide-absent.txt"), "-m", "compromise"])
    assert res.exit_code == 0, res.output
    assert "absent from Fund: Western bloc, Island states" in res.output
    assert "absent from Review: Island states" in res.output
    js = CliRunner().invoke(
        app, ["forecast", str(DATA / "decide-absent.txt"), "-m", "smp", "-f", "json", "--rounds"]
    )
    assert js.exit_code == 0
    import json

    doc = json.loads(js.output)
    assert doc["absent"] == {"Fund": ["Western bloc", "Island states"], "Review": ["Island states"]}
    assert doc["models"]["smp"]["positions_by_round"][0]["Island states"]["Fund"] is None
