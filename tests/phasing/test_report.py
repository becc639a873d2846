"""Rendering of phasing results: text Gantt, dict and markdown agree with the plan."""

from __future__ import annotations

import json

from rich.console import Console

from accord.api._phasing import plan_phasing
from accord.report.phasing import render_phasing, text_gantt, to_dict, to_markdown


def test_gantt_rows_match_the_plan() -> None:
    r = plan_phasing("six-party-2007", explain=False)
    horizon = r.spec.horizon
    rows = {line.split()[0]: line for line in text_gantt(r).splitlines()[1:]}
    for aid in ("declaration", "disablement"):
        a, s = r.spec.action(aid), r.starts[aid]
        line = rows[aid]
        tail = line[len(line) - 3 * horizon :]
        cells = [tail[3 * k : 3 * k + 3] for k in range(horizon)]
        expected = []
        for t in range(1, horizon + 1):
            cell = "███" if s <= t < s + a.duration else "   "
            if s + a.duration <= t <= s + a.duration + a.lag - 1:
                cell = "░░░"
            if t == s + a.duration + a.lag - 1:
                cell = cell[:2] + "✓"
            expected.append(cell)
        assert cells == expected, aid


def test_dict_is_json_and_consistent() -> None:
    r = plan_phasing("hanoi-2019")
    d = json.loads(json.dumps(to_dict(r)))
    assert (
        d["t_end"]
        == r.t_end
        == max(p["verified"] for p in d["plan"] if p["action"] in r.spec.end_state)
    )
    assert {p["action"] for p in d["plan"]} | set(d["not_taken"]) == {a.id for a in r.spec.actions}
    for ph in d["phases"]:
        for pid, e in ph["exposure"].items():
            assert e <= ph["cap"][pid] + 1e-6


def test_markdown_and_text_render() -> None:
    r = plan_phasing("hanoi-2019", one_shot=True)
    md = to_markdown(r)
    assert "infeasible" in md and "exposure cap" in md and "Congress" in md
    console = Console(record=True, width=120)
    render_phasing(r, console)
    assert "relax" in console.export_text()
