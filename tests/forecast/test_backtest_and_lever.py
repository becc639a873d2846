"""Backtest scoring, the api facade and the lever seam."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.api._forecast import (
    backtest,
    forecast_lever,
    load_spatial_data,
    model_names,
    run_all,
    run_model,
)
from accord.errors import InputError
from accord.forecast import score_models
from accord.forecast.compromise import CompromiseModel
from accord.forecast.lever import lever_setting

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


def test_score_models_paired_bootstrap() -> None:
    base = np.array([10.0, 20.0, 30.0, 40.0])
    better = base - 10.0
    scores = {
        s.model: s for s in score_models({"compromise": base, "m": better}, n_boot=500, seed=1)
    }
    assert scores["compromise"].mae == 25.0 and np.isnan(scores["compromise"].diff_vs_baseline)
    assert scores["m"].diff_vs_baseline == pytest.approx(-10.0)
    assert scores["m"].ci_low == pytest.approx(-10.0) and scores["m"].ci_high == pytest.approx(
        -10.0
    )
    assert scores["compromise"].within_10 == 0.25 and scores["m"].within_10 == 0.5


def test_bootstrap_is_seeded() -> None:
    rng = np.random.default_rng(5)
    errs = {"compromise": rng.uniform(0, 30, 20), "m": rng.uniform(0, 30, 20)}
    a = score_models(errs, seed=3)[1]
    b = score_models(errs, seed=3)[1]
    c = score_models(errs, seed=4)[1]
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high) != (c.ci_low, c.ci_high)
    assert a.ci_low < a.diff_vs_baseline < a.ci_high


def test_score_models_rejects_ragged_input() -> None:
    with pytest.raises(InputError):
        score_models({"compromise": [1.0], "m": [1.0, 2.0]})


def test_backtest_on_the_emission_case() -> None:
    report = backtest([DATA / "emission-standards.yaml"], "compromise,median", n_boot=100)
    assert len(report.issues) == 1 and report.baseline == "compromise"
    by = {s.model: s for s in report.scores}
    # |7.39 - 8.833| on a 4..10 scale, in points of 100
    assert by["compromise"].mae == pytest.approx(abs(7.38996 - 8.833) / 6 * 100, abs=0.01)
    assert by["median"].mae == pytest.approx((8.833 - 7) / 6 * 100, abs=0.01)


def test_backtest_needs_outcomes() -> None:
    with pytest.raises(InputError, match="recorded outcome"):
        backtest([DATA / "dummyData_3Dim.csv"], "compromise")


def test_run_all_and_model_names() -> None:
    data = load_spatial_data(DATA / "emission-standards.yaml")
    assert model_names("all") == [
        "compromise",
        "median",
        "nash",
        "expected_utility",
        "smp",
        "exchange",
    ]
    results = run_all(data, "compromise,eu", {"expected_utility": {"rounds": 2}})
    assert (
        list(results) == ["compromise", "expected_utility"]
        and results["expected_utility"].rounds == 2
    )


def test_ktab_xml_parameters_reach_the_smp(tmp_path: Path) -> None:
    text = (DATA / "dummyData_3Dim.xml").read_text(encoding="utf-8-sig")
    switches = {
        "VictoryProbModel": "Linear",
        "VotingRule": "Binary",
        "PCEModel": "Conditional",
        "StateTransitions": "Deterministic",
        "BigRRange": "Mid",
        "BigRAdjust": "OneThird",
        "ThirdPartyCommit": "SemiCommit",
        "InterVecBrgn": "S2P2",
        "BargnModel": "InitOnlyInterp",
    }
    body = "".join(f"<{k}>{v}</{k}>" for k, v in switches.items())
    params = f"<ModelParameters>{body}</ModelParameters>"
    p = tmp_path / "s.xml"
    p.write_text(text.replace("<Dimensions>", params + "<Dimensions>"), encoding="utf-8")
    r = run_model(load_spatial_data(p), "smp", source=p)
    assert r.settings["voting_rule"] == "binary"
    r2 = run_model(load_spatial_data(p), "smp", {"voting_rule": "proportional"}, source=p)
    assert r2.settings["voting_rule"] == "proportional"


def test_lever_seam_maps_the_forecast_and_reacts_to_a_moved_actor() -> None:
    data = load_spatial_data(DATA / "actors.csv")
    res = CompromiseModel().forecast(data)
    assert lever_setting(res, data, "position") == pytest.approx(res.forecast[0] / 100)
    assert lever_setting(res, data, "position", (0, 10), invert=True) == pytest.approx(
        10 - res.forecast[0] / 10
    )
    moved = data.with_position("Russia", "position", 90.0)
    assert forecast_lever(moved, "position") > forecast_lever(data, "position")
    with pytest.raises(InputError, match="unknown dimension"):
        lever_setting(res, data, "tariffs")
