"""``accord simulate``, ``accord tournament`` and ``accord strategies`` through the real app."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from accord.api import negotiation_domain
from accord.cli.app import app

runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout with rich's boxes and line wrapping flattened, stderr."""
    res = runner.invoke(app, list(args))
    flat = " ".join(re.sub(r"[│╭╮╰╯─┃┏┓┗┛━┡┩╇┳┻┯┷┼╋└┘┌┐]", " ", res.stdout).split())
    return res.exit_code, flat, res.stderr


def test_simulate_hanoi_from_the_issue() -> None:
    code, out, _ = run(
        "simulate", "hanoi-2019", "--strategy", "us=boulware", "--strategy", "dprk=tit-for-tat",
        "--rounds", "20", "--seed", "1",
    )  # fmt: skip
    assert code == 0
    us = negotiation_domain("hanoi-2019").reservations[0]
    assert "Breakdown: no agreement by the deadline (20 rounds)" in out
    assert f"below its reservation value {us:.3f}" in out
    assert "Trace" in out and "Packages" in out


def test_simulate_json_parses_and_has_the_trace() -> None:
    args = ["simulate", "singapore-2018", "-s", "us=boulware", "-s", "dprk=conceder", "-f", "json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["result"]["agreement"] is True
    assert len(data["result"]["package"]) == 7
    assert data["trace"][0]["action"] == "offer" and data["trace"][0]["round"] == 1
    assert [p["strategy"] for p in data["parties"]] == ["boulware", "conceder"]
    assert data["explanation"][0].startswith("Agreement in round")


def test_simulate_markdown_and_mediation() -> None:
    code, out, _ = run(
        "simulate", "singapore-2018", "--protocol", "mediation", "--format", "markdown"
    )
    assert code == 0
    assert out.startswith("## ") and "| round | by |" in out and "mediator" in out


def test_simulate_with_discount_walks_away() -> None:
    code, out, _ = run("simulate", "--discount", "0.95", "-s", "dprk=conceder", "--seed", "1")
    assert code == 0
    # the first round in which a side's best ratified package, discounted, falls below no deal
    dom = negotiation_domain("hanoi-2019")
    t = min(
        int(np.argmax(dom.best[i] * 0.95 ** np.arange(200) < dom.reservations[i])) for i in (0, 1)
    )
    assert f"walked away in round {t + 1}" in out


def test_simulate_plot(tmp_path: Path) -> None:
    target = tmp_path / "curves.png"
    code, out, _ = run("simulate", "singapore-2018", "--plot", str(target))
    assert code == 0, out
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "us"], "--strategy 'us': expected PARTY=STRATEGY"),
        (["--strategy", "usa=boulware"], "unknown actor 'usa'"),
        (["--strategy", "us=bulwark"], "unknown strategy 'bulwark'"),
        (["--strategy", "us=boulware:e=x"], "must be a number"),
        (["--strategy", "us=boulware", "--strategy", "us=linear"], "given twice"),
        (["--protocol", "auction"], "unknown protocol 'auction'"),
        (["--rounds", "0"], "rounds=0: must be an integer between 1 and 10,000"),
        (["--discount", "2"], "discount must be in (0, 1]"),
        (["no-such-scenario"], "no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, _out, err = run("simulate", *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert message in err


def test_tournament_prints_a_ranked_table() -> None:
    code, out, _ = run(
        "tournament",
        "singapore-2018",
        "-s",
        "boulware",
        "-s",
        "conceder",
        "-s",
        "hardliner",
        "--seed",
        "1",
    )
    assert code == 0
    assert "ranked by mean gain over reservation value" in out
    assert re.search(r"1 (boulware|conceder|hardliner) 6 \d", out)
    for name in ("boulware", "conceder", "hardliner"):
        assert name in out


def test_tournament_json() -> None:
    code, out, _ = run(
        "tournament", "singapore-2018", "-s", "linear", "-s", "random", "-f", "json", "--seed", "2"
    )
    assert code == 0
    data = json.loads(out)
    assert [s["rank"] for s in data["standings"]] == [1, 2]
    assert len(data["matches"]) == 4


def test_tournament_unknown_strategy() -> None:
    code, _, err = run("tournament", "-s", "boulware", "-s", "nope")
    assert code == 2 and "unknown strategy 'nope'" in err


def test_strategies_lists_the_registry() -> None:
    res = runner.invoke(app, ["strategies", "--format", "json"])
    assert res.exit_code == 0
    assert "tit-for-tat" in [r["name"] for r in json.loads(res.stdout)]


def test_real_entry_point() -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.run(
        [sys.executable, "-m", "accord", "simulate", "--strategy", "us=boulware", "--format", "json", "--seed", "1"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["result"]["ending"] == "deadline"
    bad = subprocess.run(
        [sys.executable, "-m", "accord", "simulate", "--strategy", "us:boulware"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_simulation_layers_do_not_import_front_ends() -> None:
    code = (
        "import sys, accord.negotiate, accord.negotiate.batch, accord.negotiate.tournament, "
        "accord.negotiate.explain, accord.negotiate.synthetic;"
        "bad = [m for m in ('matplotlib', 'typer', 'rich', 'pandas') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


THREE = """
accord: 1
title: three parties
actors:
  - {id: a, name: A, role: principal, power: 0.4, no_deal: 0.3}
  - {id: b, name: B, role: principal, power: 0.3, no_deal: 0.3}
  - {id: c, name: C, role: principal, power: 0.3, no_deal: 0.3}
issues:
  - {id: x, name: X, options: [lo, mid, hi]}
  - {id: y, name: Y, options: [lo, mid, hi]}
preferences:
  a: {weights: {x: 2, y: 1}, values: {x: {lo: 0, mid: 0.6, hi: 1}, y: {lo: 1, mid: 0.5, hi: 0}}}
  b: {weights: {x: 1, y: 2}, values: {x: {lo: 1, mid: 0.6, hi: 0}, y: {lo: 0, mid: 0.7, hi: 1}}}
  c: {weights: {x: 1, y: 1}, values: {x: {lo: 0.5, mid: 1, hi: 0}, y: {lo: 0.2, mid: 1, hi: 0.4}}}
"""


def test_three_parties_from_a_users_file(tmp_path: Path) -> None:
    f = tmp_path / "three.yaml"
    f.write_text(THREE)
    code, _, err = run("simulate", str(f))
    assert code == 2 and "use the stacked or mediation protocol" in err
    for proto in ("stacked", "mediation"):
        res = runner.invoke(app, ["simulate", str(f), "-p", proto, "-s", "c=linear", "-f", "json"])
        assert res.exit_code == 0, res.stderr
        data = json.loads(res.stdout)
        assert [p["id"] for p in data["parties"]] == ["a", "b", "c"]
        assert data["result"]["agreement"] is True
