"""``accord whatif`` and ``accord diagnose`` through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.app import app

SRC = str(Path(__file__).resolve().parents[2] / "src")


def entry_point(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m accord ...`` in a fresh process (the real entry point)."""
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@dataclass
class _Out:
    returncode: int
    stdout: str
    stderr: str


def accord(*args: str) -> _Out:
    """The same typer app in-process (fast); two tests use the entry point itself."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    return _Out(result.exit_code, result.stdout, result.stderr)


def test_run_hanoi_still_no_agreement_explained_by_winsets() -> None:
    out = accord("run", "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["verdict"]["agreement_possible"] is False
    assert any("win-sets" in r and "do not intersect" in r for r in d["verdict"]["reasons"])
    ws = d["winsets"]
    assert {r["ratifier"] for r in ws["ratifiers"]} == {"congress", "dprk_base"}
    for p in ws["principals"].values():
        assert p["winset"] <= p["accepted"]


def test_diagnose_json_has_verified_answers() -> None:
    out = entry_point("diagnose", "hanoi-2019", "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    w = d["what_it_would_take"]
    assert w["exact"] is True and "exact" in w["method"]
    assert w["remedies"] and all(r["verified"] for r in w["remedies"])
    assert all(r["sentence"].startswith("If ") for r in w["remedies"])


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diagnose_other_formats(fmt: str) -> None:
    out = accord("diagnose", "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert "What it would take" in out.stdout


def test_whatif_diff_json() -> None:
    out = accord(
        "whatif", "--set", "china.enforcement=lax", "--set", "us.reservation=0.2", "-f", "json"
    )
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    # the old name `us.reservation` is read as `us.no_deal`
    assert [c["key"] for c in d["changes"]] == ["china.enforcement", "us.no_deal"]
    diff = d["diff"]
    assert diff["winsets"]["changed"]["us"]["accepted"] > diff["winsets"]["base"]["us"]["accepted"]
    # lax enforcement raises the DPRK's reservation: it accepts fewer packages
    assert (
        diff["winsets"]["changed"]["dprk"]["accepted"] < diff["winsets"]["base"]["dprk"]["accepted"]
    )


def test_whatif_that_opens_a_deal_reports_the_solutions() -> None:
    diag = json.loads(accord("diagnose", "-f", "json").stdout)
    top = diag["what_it_would_take"]["remedies"][0]
    args = [a for c in top["changes"] for a in ("--set", f"{c['key']}={c['new']}")]
    out = accord("whatif", *args, "-f", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["diff"]["verdict"]["changed"] == "Agreement possible"
    assert d["diff"]["solutions"]["ratified_nash"]["changed"] is not None
    md = accord("whatif", *args, "-f", "markdown")
    assert "Agreement possible" in md.stdout


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("us.power=0.4", "not adjustable"),
        ("us.reservation=0.5", "out of bounds"),
        ("china.enforcement=none", "unknown setting"),
        ("china.enforcement", "expected NAME=VALUE"),
    ],
)
def test_whatif_bad_set_is_one_line_exit_2(setting: str, message: str) -> None:
    out = accord("whatif", "--set", setting)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in out.stderr


def test_scenario_file_with_unknown_principal_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        "accord: 1\ntitle: t\nactors:\n"
        "  - {id: a, no_deal: 0.2}\n  - {id: b, no_deal: 0.2}\n"
        "  - {id: r, role: ratifier, of: c, threshold: 0.5}\n"
        "issues:\n  - {id: x, options: [p, q]}\n"
        "preferences:\n"
        "  a: {weights: {x: 1}, values: {x: {p: 0, q: 1}}}\n"
        "  b: {weights: {x: 1}, values: {x: {p: 1, q: 0}}}\n"
        "  r: {weights: {x: 1}, values: {x: {p: 0, q: 1}}}\n"
    )
    out = entry_point("diagnose", str(f))
    assert out.returncode == 2
    assert (
        out.stderr.strip()
        == f"error: {f}:6: actors[2].of: ratifier 'r' of unknown principal 'c'; principals are: a, b"
    )
