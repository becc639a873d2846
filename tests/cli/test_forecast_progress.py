"""Progress of long forecasts: the api's callback, and the bar the CLI draws on a terminal only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from accord.api import load_spatial_data, run_all
from accord.cli import _forecast_options
from accord.cli.app import app

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


def test_run_all_reports_each_dynamic_model_through_its_callback() -> None:
    seen: dict[str, list[tuple[int, int]]] = {}

    def factory(name: str):  # type: ignore[no-untyped-def]
        seen[name] = []
        return lambda done, total: seen[name].append((done, total))

    data = load_spatial_data(DATA / "dummyData_3Dim.csv")
    run_all(data, "compromise,expected_utility,smp,exchange", progress=factory)
    assert seen["compromise"] == []  # static: nothing to report
    assert seen["expected_utility"][-1] == (24, 24)  # 8 rounds x 3 dimensions
    dones = [d for d, _ in seen["smp"]]
    assert dones == sorted(dones) and seen["smp"][0][1] == 100  # at most max_rounds turns
    assert seen["exchange"] and all(t == 10 for _, t in seen["exchange"])


def test_the_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(
        _forecast_options, "err_console", Console(file=screen, force_terminal=True, width=100)
    )
    res = CliRunner().invoke(app, ["forecast", str(DATA / "dummyData_3Dim.csv"), "-m", "smp"])
    assert res.exit_code == 0, res.output
    assert "smp" in screen.getvalue()
    assert "smp" in res.output and "━" not in res.stderr  # the table on stdout, no bar there
    plain = CliRunner().invoke(app, ["forecast", str(DATA / "dummyData_3Dim.csv"), "-m", "smp"])
    assert plain.stderr == ""  # not a terminal: no bar at all
