"""``accord phase``: text, JSON, markdown, plots, and one-line errors (exit code 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from accord.cli import phasing

runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()
    phasing.register(app)

    @app.callback()
    def _root() -> None:
        """Test root (so that ``phase`` stays a sub-command)."""

    return app


APP = make_app()


def test_text_output_has_table_gantt_and_explanations() -> None:
    res = runner.invoke(APP, ["phase", "hanoi-2019"])
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())  # undo rich's wrapping
    assert "optimal plan" in out and "Plan by phase" in out
    assert "Gantt" in out and "█" in out and "✓" in out
    assert "exposure" in out and "waits for phase" in out


def test_json_output_is_the_plan() -> None:
    res = runner.invoke(APP, ["phase", "six-party-2007", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["status"] == "optimal"
    starts = {p["action"]: p["start"] for p in data["plan"]}
    assert starts["shutdown"] == 1 and starts["hfo_remaining"] > starts["disablement"]
    assert len(data["phases"]) == data["horizon"] == 8


def test_one_shot_reports_the_constraints_to_relax() -> None:
    res = runner.invoke(APP, ["phase", "hanoi-2019", "--one-shot", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["status"] == "infeasible" and data["plan"] == []
    kinds = {(x["kind"], x["subject"]) for x in data["diagnosis"]["relax"]}
    assert {("exposure", "us"), ("ratification", "congress")} <= kinds


def test_markdown_and_plot(tmp_path: Path) -> None:
    png, svg = tmp_path / "plan.png", tmp_path / "plan.svg"
    res = runner.invoke(APP, ["phase", "hanoi-2019", "-f", "markdown", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("# Phased plan") and "| Phase |" in res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    res = runner.invoke(APP, ["phase", "hanoi-2019", "--plot", str(svg), "--horizon", "6"])
    assert res.exit_code == 0, res.output
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["phase", "no-such-deal"], "no built-in phasing named 'no-such-deal'"),
        (["phase", "hanoi-2019", "--objective", "fastest"], "unknown objective 'fastest'"),
        (["phase", "hanoi-2019", "--horizon", "2"], "horizon 2 is too short"),
        (["phase", "hanoi-2019", "--time-limit", "0"], "time limit must be positive"),
        (["phase", "hanoi-2019", "--plot", "x.gif"], "the file name must end in"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], needle: str) -> None:
    res = runner.invoke(APP, args)
    assert res.exit_code == 2
    assert needle in res.output
    assert "Traceback" not in res.output


def test_bad_file_gives_located_error(tmp_path: Path) -> None:
    f = tmp_path / "deal.yaml"
    f.write_text(
        "accord: 1\nkind: phasing\nscenario: x\nhorizon: 3\n"
        "parties:\n  - id: a\n    exposure_tolerance: 1\n"
        "actions:\n  - id: s\n    owner: b\n",
        encoding="utf-8",
    )
    res = runner.invoke(APP, ["phase", str(f)])
    assert res.exit_code == 2
    assert f"{f}:10: actions[0].owner: action 's' is owned by unknown party 'b'" in res.output


def test_python_m_accord_phase() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run(
        [sys.executable, "-m", "accord", "phase", "six-party-2007", "--format", "json"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": ""},
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "optimal"


def test_a_deal_outside_the_winsets_is_flagged_in_every_format(tmp_path: Path) -> None:
    from tests.api._deal_case import package, write_case

    f = write_case(tmp_path, package("partial", "some"))
    res = runner.invoke(APP, ["phase", str(f)])
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert text.startswith("WARNING: the deal is NOT acceptable to United States")
    assert (
        "Congress: worth 0.500 to it; it ratifies with probability 0.309, below the level" in text
    )
    assert "optimal plan" in text and "Plan by phase" in text  # the plan is still computed
    res = runner.invoke(APP, ["phase", str(f), "-f", "json"])
    deal = json.loads(res.output)["deal"]
    assert deal["acceptable"] is False and deal["refused_by"] == ["us"]
    assert deal["sides"][0]["accepts"] is True and deal["sides"][0]["ratified"] is False
    res = runner.invoke(APP, ["phase", str(f), "-f", "markdown"])
    assert res.output.splitlines()[2].startswith("WARNING: the deal is NOT acceptable")
    assert "## The deal" in res.output
    f = write_case(tmp_path, package("full", "some"))
    res = runner.invoke(APP, ["phase", str(f)])
    assert "the deal is acceptable to every side" in " ".join(res.output.split())


def test_a_bad_deal_is_a_located_one_line_error(tmp_path: Path) -> None:
    from tests.api._deal_case import package, write_case

    f = write_case(tmp_path, package("full", "plenty"))
    res = runner.invoke(APP, ["phase", str(f)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert f"{f}:14: deal.package.relief: unknown option 'plenty'" in " ".join(res.output.split())


def test_phase_on_hanoi_goes_through_the_one_predicate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the real entry point, with a spy on the acceptability predicate: the deal's
    verdict in the JSON is the predicate's, side by side."""
    import accord.space.acceptability as acc_module
    from accord.cli.app import app

    calls: list[int] = []
    real = acc_module.acceptable

    def counting(*args: object, **kw: object) -> object:
        calls.append(1)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(acc_module, "acceptable", counting)
    res = runner.invoke(app, ["phase", "hanoi-2019", "--format", "json"])
    assert res.exit_code == 0, res.output
    deal = json.loads(res.stdout)["deal"]
    assert calls, "accord phase did not call the acceptability predicate"
    assert deal["checked"] and len(deal["sides"]) == 2
    for side in deal["sides"]:
        assert side["acceptable"] == (side["accepts"] and side["ratified"])
        assert side["ratified"] == (side["ratification"] >= side["level"] - 1e-12)
    refused = [s["principal"] for s in deal["sides"] if not s["acceptable"]]
    assert deal["refused_by"] == refused
    assert deal["acceptable"] == (not refused and not deal["broken_constraints"])
