"""``accord import genius`` and ``accord export genius`` through the real entry point."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from accord.cli.app import app
from accord.scenario import load_scenario

DATA = Path(__file__).parents[1] / "data" / "genius"
ARGS = [
    str(DATA / "holiday_domain.xml"),
    str(DATA / "holiday_party1.xml"),
    str(DATA / "holiday_party2.xml"),
]
runner = CliRunner()


def test_import_writes_a_valid_scenario(tmp_path: Path) -> None:
    out = tmp_path / "holiday.yaml"
    res = runner.invoke(app, ["import", "genius", *ARGS, "-o", str(out)])
    assert res.exit_code == 0, res.output
    sc = load_scenario(out)
    assert [i.id for i in sc.issues] == ["Destination", "Duration", "Accommodation"]
    run = runner.invoke(app, ["run", str(out), "--format", "json"])
    assert run.exit_code == 0 and '"agreement_possible": true' in run.stdout


def test_import_prints_yaml_without_output() -> None:
    res = runner.invoke(app, ["import", "genius", *ARGS])
    assert res.exit_code == 0
    assert res.stdout.startswith("accord: 1")


def test_bad_file_is_one_located_line_and_exit_2() -> None:
    res = runner.invoke(app, ["import", "genius", ARGS[0], ARGS[1], str(DATA / "bad_weights.xml")])
    assert res.exit_code == 2
    assert "bad_weights.xml:3: objective: the issue weights sum to 1.3" in res.stderr
    assert "Traceback" not in res.output


def test_entity_expansion_is_refused() -> None:
    res = runner.invoke(
        app, ["import", "genius", ARGS[0], ARGS[1], str(DATA / "bad_billion_laughs.xml")]
    )
    assert res.exit_code == 2
    assert "entity-expansion" in res.stderr


def test_export_then_import_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "holiday.yaml"
    assert runner.invoke(app, ["import", "genius", *ARGS, "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["export", "genius", str(out), "-o", str(tmp_path / "xml")])
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in (tmp_path / "xml").iterdir())
    assert files == ["domain.xml", "holiday_party1.xml", "holiday_party2.xml"]
    again = tmp_path / "again.yaml"
    res = runner.invoke(
        app,
        [
            "import",
            "genius",
            str(tmp_path / "xml" / "domain.xml"),
            str(tmp_path / "xml" / "holiday_party1.xml"),
            str(tmp_path / "xml" / "holiday_party2.xml"),
            "-o",
            str(again),
        ],
    )
    assert res.exit_code == 0
    a, b = load_scenario(out), load_scenario(again)
    for pid in a.preferences:
        assert (a.preferences[pid].weights == b.preferences[pid].weights).all()


def test_export_of_a_scenario_with_constraints_fails_cleanly(tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "genius", "hanoi-2019", "-o", str(tmp_path)])
    assert res.exit_code == 2
    assert "GENIUS has no hard constraints" in res.stderr


def test_missing_file_is_located() -> None:
    res = runner.invoke(app, ["import", "genius", "nope.xml", ARGS[1], ARGS[2]])
    assert res.exit_code == 2
    assert "nope.xml: cannot read the file" in res.stderr
