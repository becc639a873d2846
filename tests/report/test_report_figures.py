"""Plotly figure specs: valid for plotly, and true to the analysis they draw."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from accord import api
from accord.report import figures


@pytest.fixture(scope="module")
def hanoi() -> api.ReportData:
    return api.gather_report("hanoi-2019", seed=1, samples=128)


def _named(fig: dict, prefix: str) -> dict:
    return next(t for t in fig["data"] if t.get("name", "").startswith(prefix))


def test_utility_space_draws_every_package_and_each_winset(hanoi: api.ReportData) -> None:
    a = hanoi.analysis
    fig = figures.utility_space(a)
    go.Figure(fig)  # plotly validates every property
    assert len(_named(fig, "feasible packages")["x"]) == a.n_feasible == 5520
    assert len(_named(fig, "United States's win-set")["x"]) == 96
    assert len(_named(fig, "North Korea's win-set")["x"]) == 32
    assert len(_named(fig, "zone of agreement")["x"]) == 0
    nd = _named(fig, "no deal")
    assert nd["x"] == [round(float(a.space.reservations[0]), 4)]
    assert fig["layout"]["title"]["text"].endswith("No agreement")


def test_solutions_are_drawn_when_there_is_a_deal() -> None:
    a = api.analyze_scenario("singapore-2018")
    fig = figures.utility_space(a)
    go.Figure(fig)
    titles = {t["name"] for t in fig["data"]}
    assert {s.title for s in a.solutions} <= titles
    assert len(_named(fig, "zone of agreement")["x"]) == a.zopa.size > 0


def test_plan_simulation_and_sensitivity(hanoi: api.ReportData) -> None:
    assert hanoi.phasing is not None and hanoi.uncertainty is not None
    plan = figures.phasing_gantt(hanoi.phasing)
    go.Figure(plan)
    bars = [t for t in plan["data"] if t["type"] == "bar" and t["name"] != "awaiting verification"]
    assert len(bars) == len(hanoi.phasing.starts)
    sim = figures.simulation_trace(hanoi.simulation)
    go.Figure(sim)
    assert "seed 1" in sim["layout"]["title"]["text"]
    sens = figures.sensitivity_bars(hanoi.uncertainty.ranking)
    go.Figure(sens)
    assert sens["data"][0]["y"][-1] == hanoi.uncertainty.ranking[0].path  # largest on top


def test_forecast_bars() -> None:
    data = api.load_builtin_spatial("hanoi-2019.enforcement")
    results = api.run_all(data, ["compromise", "median"])
    fig = figures.forecast_bars(results, data)
    go.Figure(fig)
    assert [t["name"] for t in fig["data"]][:2] == ["compromise", "median"]
