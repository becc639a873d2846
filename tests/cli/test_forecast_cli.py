"""The ``forecast`` and ``backtest`` commands, on a small typer app that registers them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli import forecast

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"
runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()
    forecast.register(app)

    @app.callback()
    def main() -> None:
        """Test shell."""

    return app


APP = make_app()


def test_forecast_text_all_models() -> None:
    res = runner.invoke(APP, ["forecast", str(DATA / "emission-standards.yaml")])
    assert res.exit_code == 0, res.output
    for name in ("compromise", "median", "nash", "expected_utility", "smp", "exchange"):
        assert name in res.output
    assert "7.39" in res.output and "8.83" in res.output


def test_forecast_json_with_rounds_and_switch() -> None:
    res = runner.invoke(
        APP,
        [
            "forecast",
            str(DATA / "emission-standards.yaml"),
            "--model",
            "expected_utility",
            "--rounds",
            "--format",
            "json",
            "--set",
            "rounds=3",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    eu = doc["models"]["expected_utility"]
    assert eu["rounds"] == 3 and len(eu["forecast_by_round"]) == 4
    assert eu["forecast_by_round"][1]["year"] == pytest.approx(8.416, abs=1e-3)
    assert eu["positions_by_round"][0]["France"]["year"] == 10.0


def test_forecast_markdown_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "t.png"
    res = runner.invoke(
        APP,
        [
            "forecast",
            str(DATA / "dummyData_3Dim.csv"),
            "-m",
            "smp,compromise",
            "-f",
            "markdown",
            "--plot",
            str(png),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "| smp |" in res.output and png.stat().st_size > 1000


def test_forecast_bad_file_is_one_located_line_and_exit_2() -> None:
    res = runner.invoke(APP, ["forecast", str(DATA / "bad-ktab.csv")])
    assert res.exit_code == 2
    assert "bad-ktab.csv:3: saliences sum to 110" in res.output
    assert "Traceback" not in res.output


def test_unknown_model_and_bad_set() -> None:
    res = runner.invoke(APP, ["forecast", str(DATA / "actors.csv"), "--model", "oracle"])
    assert res.exit_code == 2 and "unknown model 'oracle'" in res.output
    res = runner.invoke(APP, ["forecast", str(DATA / "actors.csv"), "--set", "q=0.5"])
    assert res.exit_code == 2 and "name the model" in res.output


def test_backtest_formats() -> None:
    res = runner.invoke(
        APP, ["backtest", str(DATA / "emission-standards.yaml"), "--bootstrap", "50"]
    )
    assert res.exit_code == 0, res.output
    assert "expected_utility" in res.output and "24.05" in res.output
    res = runner.invoke(
        APP, ["backtest", str(DATA / "emission-standards.yaml"), "-f", "json", "-m", "median"]
    )
    doc = json.loads(res.output)
    assert [s["model"] for s in doc["scores"]] == ["compromise", "median"]
    assert doc["issues"][0]["outcome"] == 8.833


def test_backtest_without_outcomes_fails_cleanly() -> None:
    res = runner.invoke(APP, ["backtest", str(DATA / "dummyData_3Dim.csv")])
    assert res.exit_code == 2 and "recorded outcome" in res.output
