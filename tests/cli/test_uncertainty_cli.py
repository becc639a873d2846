"""``accord uncertainty`` through the real app (and once as a subprocess)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from accord.cli.app import app

runner = CliRunner()
DATA = Path(__file__).parents[1] / "data" / "uncertainty"
FILE = str(DATA / "two-issues.yaml")
SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, list(args))
    flat = " ".join(re.sub(r"[│╭╮╰╯─┃┏┓┗┛━┡┩╇┳┻┯┷┼╋└┘┌┐]", " ", res.stdout).split())
    return res.exit_code, flat, res.stderr


def test_text_report() -> None:
    code, out, _ = run(
        "uncertainty", FILE, "--samples", "2000", "--seed", "1", "--sobol-base", "64"
    )
    assert code == 0
    assert "Probability of agreement:" in out and "of 2,000 draws" in out
    assert "the binding constraint is Senate" in out
    assert "Which numbers decide the verdict" in out and "a.no_deal" in out
    assert "seed 1" in out


def test_json_is_the_same_for_the_same_seed_and_any_workers() -> None:
    base = [
        "uncertainty",
        FILE,
        "-n",
        "1500",
        "--seed",
        "4",
        "--sensitivity",
        "morris",
        "-f",
        "json",
    ]
    a = runner.invoke(app, [*base, "--workers", "1"])
    b = runner.invoke(app, [*base, "--workers", "3", "--memory", "1"])
    da, db = json.loads(a.stdout), json.loads(b.stdout)
    assert da["agreement"] == db["agreement"]
    assert da["sensitivity"]["ranking"] == db["sensitivity"]["ranking"]
    assert da["reasons"] == db["reasons"]
    assert 0 < da["agreement"]["probability"] < 1
    assert da["private_information"]["probability"] <= da["agreement"]["probability"]
    assert {"nash", "ratified_nash"} <= set(da["solutions"])


def test_markdown_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "s.png"
    code, _, _ = run("uncertainty", FILE, "-n", "500", "--seed", "2", "--sensitivity", "morris",
                     "-f", "markdown", "--plot", str(png))  # fmt: skip
    assert code == 0 and png.stat().st_size > 1000
    res = runner.invoke(app, ["uncertainty", FILE, "-n", "500", "--seed", "2", "-f", "markdown",
                              "--sensitivity", "none"])  # fmt: skip
    assert res.stdout.startswith("# Two sides")


def test_bad_input_is_one_located_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DATA / "two-issues.yaml").read_text().replace("path: a.no_deal", "path: a.no_dael")
    )
    code, _, err = run("uncertainty", str(bad), "-n", "10", "--seed", "1")
    assert code == 2
    assert re.search(r"bad.yaml:\d+: uncertainty.parameters\[0\].path: unknown parameter path", err)
    assert len(err.strip().splitlines()) == 1
    for args, fragment in (
        (["--sobol-base", "100"], "power of 2"),
        (["--sensitivity", "all"], "choose one of"),
        (["--samples", "0"], "--samples 0"),
        (["--seed", "-1"], "non-negative"),
    ):
        code, _, err = run("uncertainty", FILE, "-n", "10", "--seed", "1", *args)
        assert code == 2 and fragment in err, args
    plain = tmp_path / "plain.yaml"
    text = (DATA / "two-issues.yaml").read_text()
    plain.write_text(text[: text.index("uncertainty:")])
    code, _, err = run("uncertainty", str(plain), "-n", "10", "--seed", "1")
    assert code == 2 and "declares no uncertainty" in err
    code, _, err = run("uncertainty", FILE, "-n", "10", "--seed", "1", "--plot", "x.txt")
    assert code == 2 and "must end in .png" in err


def test_a_budget_too_small_for_one_sample_is_refused_before_work(tmp_path: Path) -> None:
    decl = tmp_path / "u.yaml"
    decl.write_text(
        "accord: 1\nkind: uncertainty\nscenario: hanoi-2019\nparameters:\n"
        "  - {path: us.weights.sanctions, distribution: {kind: uniform, low: 0.2, high: 0.4}}\n"
    )
    code, _, err = run("uncertainty", str(decl), "-n", "10", "--seed", "1", "--memory", "1",
                       "--workers", "2")  # fmt: skip
    assert code == 2 and "more than the budget of 1.0 MiB shared by 2 worker(s)" in err
    code, out, _ = run("uncertainty", str(decl), "-n", "10", "--seed", "1", "--memory", "8",
                       "--sensitivity", "none")  # fmt: skip
    assert code == 0 and "memory budget 8 MiB" in out


def test_subprocess_prints_the_drawn_seed() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "accord", "uncertainty", FILE, "-n", "300", "--sensitivity", "none"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert re.search(r"300 draws, seed \d+", res.stdout)


def test_simulate_samples_draws_preferences_per_run() -> None:
    base = ["simulate", FILE, "--samples", "1500", "--seed", "3", "-s", "a=conceder"]
    code, out, _ = run(*base)
    assert code == 0
    assert "Bargaining ends in a deal in" in out and "of 1,500 runs" in out
    assert "the ratifiers (senate) are not consulted" in out
    one = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    two = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    assert one["agreement"] == two["agreement"] and 0 < one["agreement"]["probability"] < 1
    assert one["endings"]["agreement"] == round(one["agreement"]["probability"] * 1500)


def test_simulate_samples_refuses_what_the_batch_cannot_play(tmp_path: Path) -> None:
    code, _, err = run("simulate", FILE, "--samples", "10", "-s", "a=tit-for-tat")
    assert code == 2 and "time-dependent strategies only" in err
    code, _, err = run("simulate", FILE, "--samples", "10", "--protocol", "mediation")
    assert code == 2 and "alternating offers" in err
    plain = tmp_path / "plain.yaml"
    text = (DATA / "two-issues.yaml").read_text()
    plain.write_text(text[: text.index("uncertainty:")])
    code, _, err = run("simulate", str(plain), "--samples", "10", "--seed", "1")
    assert code == 2 and "declares no uncertain numbers" in err


def test_uncertainty_goes_through_the_one_predicate(monkeypatch: Any) -> None:
    import accord.space.acceptability as acc_module

    calls: list[int] = []
    real = acc_module.acceptable

    def counting(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(acc_module, "acceptable", counting)
    code, _, _ = run("uncertainty", FILE, "-n", "50", "--seed", "1", "--sensitivity", "none")
    assert code == 0 and calls


def test_salib_and_pandas_are_not_imported_at_start_up() -> None:
    code = (
        "import sys, accord.cli.app; "
        "bad = sorted(m for m in ('SALib', 'pandas', 'scipy.stats') if m in sys.modules); "
        "print(','.join(bad))"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == ""
