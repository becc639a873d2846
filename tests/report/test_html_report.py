"""The HTML report: one self-contained file with the verdict, the sides' sources and plots."""

from __future__ import annotations

import json
import re

from accord import api
from accord.report.html import report_html


def test_the_report_is_self_contained_and_complete() -> None:
    data = api.gather_report("hanoi-2019", seed=7, samples=64)
    html = report_html(data)
    # no network at view time: no external script, style or font
    assert not re.search(r"<script[^>]+src=", html)
    assert "<link" not in html
    assert "Plotly.newPlot" in html and len(html) > 3_000_000  # plotly.js embedded
    assert "No agreement" in html and "seed 7" in html
    specs = re.findall(r'<script type="application/json" id="spec-(\w+)">(.*?)</script>', html)
    assert {k for k, _ in specs} == {"space", "plan", "simulation", "sensitivity"}
    for _, spec in specs:
        assert json.loads(spec)["data"]
    # each side's no-deal value with what sets it and its sources, stated positions, red lines
    assert "its value of the status quo" in html
    for sid in ("S2", "S5", "S71", "S27"):
        assert f">{sid}</a>" in html
    assert "no_major_relief_without_full_freeze" in html
    assert "US Congress" in html and "what it would take" in html.lower()
    # the yes/no verdict says it takes the stated numbers and points to the probability
    assert 'every number at its stated value; <a href="#uncertainty">' in html


def test_text_is_escaped() -> None:
    text = api.builtin_scenario_text("singapore-2018").replace(
        "title: ", "title: <script>alert(1)</script> ", 1
    )
    sc = api.scenario_from_text(text)
    assert "<script>alert" in sc.title
    from accord.report.html import environment

    out = environment().from_string("{{ t }}").render(t=sc.title)
    assert "&lt;script&gt;" in out
