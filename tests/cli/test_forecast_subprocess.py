"""``python -m accord forecast`` end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "forecast"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_forecast_runs_as_a_program() -> None:
    res = run(
        "forecast",
        str(DATA / "emission-standards.yaml"),
        "--model",
        "compromise",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    assert '"year": 7.38' in res.stdout


def test_bad_file_exits_2_with_one_line() -> None:
    res = run("forecast", str(DATA / "bad-spatial.yaml"))
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        f"error: {DATA / 'bad-spatial.yaml'}:14: actors[1].colour: unknown key 'colour'; valid keys here: name, description, capability, positions, saliences, rationale"
    ]
