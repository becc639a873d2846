"""The command line through its real entry point (``python -m accord`` runs ``accord.cli.app:main``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.scenario.negotiation.test_loader import GOOD

SRC = str(Path(__file__).resolve().parents[2] / "src")


def accord(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "COLUMNS": "120",
    }
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_console_script_is_declared() -> None:
    text = (Path(SRC).parent / "pyproject.toml").read_text()
    assert 'accord = "accord.cli.app:main"' in text


def test_run_default_is_hanoi_no_agreement() -> None:
    r = accord("run")
    assert r.returncode == 0, r.stderr
    assert "Hanoi summit" in r.stdout and "No agreement" in r.stdout
    assert "Sanctions relief" in r.stdout


def test_run_singapore_finds_a_deal() -> None:
    r = accord("run", "singapore-2018")
    assert r.returncode == 0, r.stderr
    assert "Agreement possible" in r.stdout and "point to" in r.stdout


def test_json_output_parses_and_has_the_documented_shape() -> None:
    r = accord("run", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {
        "schema",
        "accord_version",
        "scenario",
        "space",
        "verdict",
        "solutions",
        "diagnosis",
        "binding",
        "history",
        "winsets",
        "levers",
    }
    assert data["verdict"]["agreement_possible"] is False
    # the negotiators could agree; what binds is ratification at home
    assert data["binding"]["causes"] == ["ratification"]
    assert data["binding"]["leaders_agree"] > 0 and data["binding"]["in_every_winset"] == 0
    us = data["scenario"]["principals"][0]
    assert us["no_deal_basis"] == "status_quo" and us["stated"] is not None
    s = json.loads(accord("run", "singapore-2018", "-f", "json").stdout)
    assert [x["concept"] for x in s["solutions"]] == [
        "nash",
        "weighted_nash",
        "kalai_smorodinsky",
        "egalitarian",
        "utilitarian",
    ]


def test_markdown_output() -> None:
    r = accord("run", "singapore-2018", "--format", "markdown")
    assert r.returncode == 0
    assert r.stdout.startswith("## Singapore summit")
    assert "| Issue |" in r.stdout


def test_run_users_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(GOOD)
    r = accord("run", str(f), "-f", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["scenario"]["title"] == "Two parties, two issues"


def test_validate_ok_and_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        GOOD.replace("mid: 0.5, high: 1.0}", "mid: 0.5, high: 2.0}").replace(
            "{id: b, name", "{id: b, nmae"
        )
    )
    r = accord("validate", str(good))
    assert r.returncode == 0 and "ok" in r.stdout
    r = accord("validate", str(good), str(bad))
    assert r.returncode == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 2 and all(ln.startswith(f"error: {bad}:") for ln in lines)
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("accord: 1\ntitle: [unclosed\n", "malformed YAML"),
        ("- a list\n", "must be a mapping"),
        (GOOD.replace("titl", "ttl", 1), "unknown key 'ttle'"),
    ],
)
def test_run_bad_file_is_one_line_exit_2(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "x.yaml"
    f.write_text(content)
    r = accord("run", str(f))
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr


def test_unknown_scenario_name() -> None:
    r = accord("run", "nope")
    assert r.returncode == 2 and "built-ins are" in r.stderr and "Traceback" not in r.stderr


def test_schema_is_json_schema() -> None:
    r = accord("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["title"] == "ScenarioFile" and "actors" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_list_builtins() -> None:
    r = accord("list", "-f", "json")
    names = {x["name"] for x in json.loads(r.stdout)}
    assert {"hanoi-2019", "singapore-2018"} <= names
    assert "hanoi-2019" in accord("list").stdout


def test_bad_option_exit_code() -> None:
    r = accord("run", "--format", "pdf")
    assert r.returncode == 2


def test_copy_builtin_then_run_edited_copy(tmp_path: Path) -> None:
    r = accord("copy", "hanoi-2019", str(tmp_path / "my.yaml"))
    assert r.returncode == 0, r.stderr
    f = tmp_path / "my.yaml"
    text = f.read_text()
    # the tutorial's edit: take each side's stated position as its walk-away value ...
    assert text.count("    no_deal:\n      status_quo: true\n") == 2
    text = text.replace(
        "    no_deal:\n      status_quo: true\n",
        "    no_deal:\n      use_stated: true\n      reason: the tutorial's what-if\n",
    )
    # (and drops the what-if ranges declared around the status-quo values)
    text = re.sub(r"  - \{quantity: (us|dprk)\.no_deal.*\n", "", text)
    f.write_text(text)
    data = json.loads(accord("run", str(f), "-f", "json").stdout)
    # ... and "no deal" then follows from the stated positions alone
    assert data["verdict"]["agreement_possible"] is False
    assert data["binding"]["causes"] == ["no_deal_values"]
    # on the built-in, lowering both ratifiers' thresholds opens a zone
    out = accord(
        "whatif",
        "--set",
        "congress.threshold=0.74",
        "--set",
        "dprk_base.threshold=0.69",
        "-f",
        "json",
    )
    assert out.returncode == 0, out.stderr
    diff = json.loads(out.stdout)["diff"]
    assert diff["zopa"] == {"base": 0, "changed": 2}
    again = accord("copy", "hanoi-2019", str(f))
    assert again.returncode == 2 and "--force" in again.stderr


def test_readme_forecast_example_runs() -> None:
    r = accord(
        "forecast", str(Path(SRC).parent / "examples" / "emission-standards.yaml"), "-f", "json"
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert round(data["models"]["compromise"]["forecast"]["year"], 2) == 7.39
    assert round(data["models"]["median"]["forecast"]["year"], 2) == 7.0
