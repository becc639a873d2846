"""``accord track`` through the real entry point: the tutorial flow, JSON output, one-line
errors (exit 2, nothing written), ``verify`` naming a broken link (exit 1), signed events."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.app import app

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    res = runner.invoke(app, ["track", *args])
    assert res.exit_code == code, res.output
    if "-f" in args or "--format" in args:
        return res.output
    return " ".join(res.output.split())  # rich wraps long lines at the terminal width


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "hanoi.db")
    out = run("init", "hanoi-2019", "--db", path)
    assert "created ledger 'hanoi-2019'" in out and "12 steps over 8 phases" in out
    return path


def play(db: str) -> None:
    for a in ("carve_outs", "liaison_offices", "end_of_war"):
        run("record", "started", a, "--db", db, "--by", "us")
        run("record", "completed", a, "--db", db, "--by", "us")
        run("record", "verification", a, "--db", db, "--by", "dprk", "--result", "confirmed",
            "--confidence", "1", "--evidence", "KCNA")  # fmt: skip
    for a in ("yongbyon_freeze", "inspector_access"):
        run("record", "started", a, "--db", db, "--by", "dprk")
        run("record", "completed", a, "--db", db, "--by", "dprk")
    run("record", "review", "--db", db, "--by", "us", "--closes", "1")
    run("record", "verification", "inspector_access", "--db", db, "--by", "iaea",
        "--result", "confirmed", "--confidence", "0.9", "--evidence", "GOV/2019/10")  # fmt: skip
    run("record", "verification", "yongbyon_freeze", "--db", db, "--by", "iaea",
        "--result", "not_confirmed", "--confidence", "0.6", "--evidence", "GOV/2019/11")  # fmt: skip
    run("record", "started", "declaration", "--db", db, "--by", "dprk")
    run("record", "completed", "declaration", "--db", db, "--by", "dprk")
    run("record", "review", "--db", db, "--by", "dprk", "--closes", "2")


def test_the_tutorial_flow(db: str) -> None:
    play(db)
    out = run("status", "--db", db)
    assert "phase 3 of 8: behind plan" in out and "Phase 3 cannot start" in out
    data = json.loads(run("status", "--db", db, "-f", "json"))
    assert data["phase"] == 3 and data["next"]["can_start"] is False
    assert data["verdict"][1].startswith("Phase 3 cannot start: the IAEA has not verified")
    out = run("replan", "--db", db, "--record", "us")
    assert "Re-plan from phase 3 over 8 phases" in out and "Recorded as event 20" in out
    replanned = json.loads(run("replan", "--db", db, "-f", "json"))
    assert replanned["plan"]["status"] == "optimal" and replanned["changes"] == []
    out = run("verify", "--db", db)
    assert "verifies: 21 events, every link intact" in out
    log = json.loads(run("log", "--db", db, "-f", "json"))
    assert [e["event"]["kind"] for e in log["events"]][-1] == "replanned"
    assert "NOT" in run("log", "--db", db)


def test_bad_input_is_one_line_exit_2_and_nothing_written(db: str, tmp_path: Path) -> None:
    before = run("verify", "--db", db, "-f", "json")
    cases = [
        (["record", "started", "nope", "--db", db, "--by", "us"], "unknown action 'nope'"),
        (["record", "completed", "declaration", "--db", db, "--by", "dprk"], "has not started"),
        (
            [
                "record",
                "verification",
                "carve_outs",
                "--db",
                db,
                "--by",
                "us",
                "--result",
                "confirmed",
                "--confidence",
                "1",
                "--evidence",
                "x",
            ],
            "'us' is not a verifier",
        ),
        (["status", "--db", "postgresql://accord@127.0.0.1:1/x"], "cannot reach the database"),
        (["status", "--db", str(tmp_path / "none.db")], "no such file"),
        (["init", "hanoi-2019", "--db", db], "already exists"),
        (["init", "hanoi-2019", "--db", db, "--key", "us"], "write AUTHOR=FILE.pub"),
    ]
    for args, message in cases:
        res = runner.invoke(app, ["track", *args])
        assert res.exit_code == 2, (args, res.output)
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert run("verify", "--db", db, "-f", "json") == before
    assert not (tmp_path / "none.db").exists()


def test_verify_names_the_first_broken_link(db: str, tmp_path: Path) -> None:
    play(db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE accord_events SET body = replace(body, 'not_confirmed', 'confirmed') "
            "WHERE seq = 16"
        )
    out = run("verify", "--db", db, code=1)
    assert "does NOT verify: the first broken link is event 16" in out
    assert "content does not match its hash" in out
    export = tmp_path / "hanoi.jsonl"
    run("export", "--db", db, "-o", str(export))
    res = runner.invoke(app, ["track", "import", str(export), "--db", str(tmp_path / "b.db")])
    assert res.exit_code == 2 and "nothing imported: the chain is broken at event 16" in res.output
    assert not (tmp_path / "b.db").exists()


def test_export_import_round_trip(db: str, tmp_path: Path) -> None:
    run("record", "note", "--db", db, "--by", "iaea", "--text", "inspectors arrived")
    export = tmp_path / "hanoi.jsonl"
    run("export", "--db", db, "-o", str(export))
    out = run("import", str(export), "--db", str(tmp_path / "copy.db"))
    assert "imported ledger 'hanoi-2019'" in out and "verifies: 2 events" in out


def test_signed_events(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    assert "fingerprint" in run("keygen", "iaea", "--out", str(keys))
    run("keygen", "iaea", "--out", str(keys), code=2)  # never overwritten
    db = str(tmp_path / "signed.db")
    sched = tmp_path / "plan.json"
    res = runner.invoke(app, ["phase", "hanoi-2019", "--format", "json"])
    sched.write_text(res.output)
    run("init", "hanoi-2019", "--db", db, "--schedule", str(sched),
        "--key", f"iaea={keys / 'iaea.pub'}")  # fmt: skip
    run("record", "started", "yongbyon_freeze", "--db", db, "--by", "dprk")
    run("record", "completed", "yongbyon_freeze", "--db", db, "--by", "dprk")
    args = ["record", "verification", "yongbyon_freeze", "--db", db, "--by", "iaea",
            "--result", "confirmed", "--confidence", "1", "--evidence", "GOV/1"]  # fmt: skip
    assert "registered a signing key" in run(*args, code=2)
    assert "(signed)" in run(*args, "--sign", str(keys / "iaea.key"))
    assert "1 signature valid" in run("verify", "--db", db)


def test_the_cli_loads_no_storage_or_crypto_library_at_start_up() -> None:
    code = (
        "import sys, accord.cli.app\n"
        "heavy = {'sqlalchemy', 'psycopg', 'cryptography', 'rfc8785'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_status_through_the_console_script(db: str) -> None:
    exe = Path(sys.executable).with_name("accord")
    out = subprocess.run(
        [str(exe), "track", "status", "--db", db, "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["next"]["phase"] == 1


def test_every_command_has_json_output(db: str, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    opened = json.loads(run("init", "six-party-2007", "--db", other, "-f", "json"))
    assert opened["ledger"] == "six-party-2007" and opened["starts"]["shutdown"] == 1
    rec = json.loads(
        run("record", "started", "shutdown", "--db", other, "--by", "dprk", "-f", "json")
    )
    assert rec["event"]["seq"] == 1 and rec["prev_hash"] == opened["head"]
    check = json.loads(run("verify", "--db", other, "-f", "json"))
    assert check["ok"] and check["events"] == 2 and check["verdict"].startswith("Ledger")
    for args in (["status"], ["log"], ["replan"]):
        assert json.loads(run(*args, "--db", db, "-f", "json"))
