"""Sweeps through the real command line: a driver killed with SIGKILL and resumed, the missing
Dask extra, grids, run folders, forecasts under perturbation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from tests.api._same_table import same_table
from typer.testing import CliRunner

from accord.cli.app import app

runner = CliRunner()
DATA = Path(__file__).parents[1] / "data"
FILE = str(DATA / "uncertainty" / "two-issues.yaml")
SPATIAL = str(DATA / "forecast" / "decide-random-8x4.txt")
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _accord(*args: str) -> list[str]:
    return [sys.executable, "-m", "accord", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _finished(folder: Path) -> dict[str, int]:
    try:
        data = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}
    return dict(data["finished"]) if not data["complete"] else {"complete": -1}


def test_a_driver_killed_with_sigkill_resumes_without_losing_or_redoing_a_chunk(
    tmp_path: Path,
) -> None:
    n_blocks = 16
    args = ["uncertainty", FILE, "-n", str(n_blocks * 4096), "--seed", "7",
            "--sensitivity", "none", "-f", "json"]  # fmt: skip
    run = tmp_path / "run"
    proc = subprocess.Popen(
        _accord(*args, "--out", str(run)),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(_finished(run)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = _finished(run)
    assert "complete" not in before and 2 <= len(before) < n_blocks, before
    files = sorted(p.name for p in (run / "chunks").glob("*.parquet"))
    assert len(files) >= len(before)  # a file the manifest missed is adopted, not redone

    res = runner.invoke(app, ["uncertainty", "--resume", str(run), "-f", "json"])
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["chunks"]["read_back"] == len(files)
    assert out["chunks"]["read_back"] + out["chunks"]["computed"] == n_blocks
    summary = json.loads((run / "summary.json").read_text())
    assert summary["agreement"] == out["agreement"]

    whole = tmp_path / "whole"
    res = runner.invoke(app, [*args, "--out", str(whole)])
    assert res.exit_code == 0, res.stderr
    a, b = pq.read_table(run / "samples.parquet"), pq.read_table(whole / "samples.parquet")
    assert a.column("sample").to_pylist() == list(range(n_blocks * 4096))  # none lost, none twice
    assert same_table(a, b)
    assert json.loads(res.stdout)["agreement"] == out["agreement"]


def test_a_missing_dask_extra_is_one_line_and_exit_2() -> None:
    code = (
        "import sys; sys.modules['distributed'] = None; sys.argv = ['accord'] + sys.argv[1:]; "
        "from accord.cli.app import main; main()"
    )
    for option in (["--dask-local", "2"], ["--scheduler", "tcp://127.0.0.1:8786"]):
        res = subprocess.run(
            [sys.executable, "-c", code, "uncertainty", FILE, "-n", "10", "--seed", "1", *option],
            env=_env(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert res.returncode == 2
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "pip install 'accord[dask]'" in lines[0], res.stderr
        assert "Traceback" not in res.stderr


def test_grid_table_json_and_heat_map(tmp_path: Path) -> None:
    png = tmp_path / "heat.png"
    base = ["uncertainty", FILE, "--grid", "helper.pressure=none,some",
            "--grid", "a.no_deal=0.3:0.9:4", "-n", "3000", "--seed", "2"]  # fmt: skip
    res = runner.invoke(app, [*base, "--plot", str(png)])
    assert res.exit_code == 0, res.stderr
    assert "Probability of agreement at each grid point" in res.stdout
    assert "Held at each grid value instead of drawn: a.no_deal" in res.stdout
    assert png.stat().st_size > 5000
    data = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    assert len(data["points"]) == 8 and data["axes"][1] == {
        "name": "a.no_deal", "values": [0.3, 0.5, 0.7, 0.9], "held": True,
    }  # fmt: skip
    probs = [p["agreement"]["probability"] for p in data["points"]]
    assert probs[0] > probs[3]  # Alpha asking more closes deals
    res = runner.invoke(app, [*base, "--sensitivity", "sobol"])
    assert res.exit_code == 2 and "drop --sensitivity" in res.stderr


def test_run_folders_are_never_overwritten_and_resume_takes_no_new_run(tmp_path: Path) -> None:
    run = tmp_path / "r"
    base = ["uncertainty", FILE, "-n", "500", "--seed", "1", "--sensitivity", "none"]
    assert runner.invoke(app, [*base, "--out", str(run)]).exit_code == 0
    assert {p.name for p in run.iterdir() if p.name != ".lock"} == {
        "run.json", "manifest.json", "samples.parquet", "summary.json",
    }  # fmt: skip
    res = runner.invoke(app, [*base, "--out", str(run)])
    assert res.exit_code == 2 and "--resume FOLDER" in res.stderr
    res = runner.invoke(app, ["uncertainty", "--resume", str(run), "-n", "900"])
    assert res.exit_code == 2 and "drop --samples" in res.stderr
    res = runner.invoke(app, ["uncertainty", "--resume", str(run), "--out", str(tmp_path / "x")])
    assert res.exit_code == 2 and "give one of them" in res.stderr
    res = runner.invoke(app, ["simulate", "--resume", str(run)])
    assert res.exit_code == 2 and "a run of `accord uncertainty`" in res.stderr
    res = runner.invoke(app, ["uncertainty", "--resume", str(tmp_path)])
    assert res.exit_code == 2 and "no run there" in res.stderr
    res = runner.invoke(app, [*base, "--workers", "2", "--dask-local", "2"])
    assert res.exit_code == 2 and "choose one executor" in res.stderr


def test_simulate_samples_on_local_processes_with_a_run_folder(tmp_path: Path) -> None:
    run = tmp_path / "s"
    res = runner.invoke(app, ["simulate", FILE, "--samples", "5000", "--seed", "3", "--rounds",
                              "10", "--workers", "2", "--out", str(run), "-f", "json"])  # fmt: skip
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["executor"] == "2 local processes" and data["chunks"]["computed"] == 2
    table = pq.read_table(run / "samples.parquet")
    assert table.num_rows == 5000 and {"run", "agreement", "u_a", "u_b"} <= set(table.column_names)
    res = runner.invoke(app, ["simulate", FILE, "--workers", "2"])
    assert res.exit_code == 2 and "--samples" in res.stderr


def test_forecast_samples_states_its_perturbation(tmp_path: Path) -> None:
    base = ["forecast", SPATIAL, "--samples", "6", "--seed", "1", "-m", "compromise"]
    res = runner.invoke(app, base)
    assert res.exit_code == 2 and "--perturb capability=C" in res.stderr
    res = runner.invoke(app, [*base, "--perturb", "capability=0.2", "--perturb", "salience=0.1",
                              "--out", str(tmp_path / "f"), "-f", "json"])  # fmt: skip
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["perturbation"] == {"capability": 0.2, "salience": 0.1}
    dims = data["forecasts"]["compromise"]
    assert all(v["quantiles"]["0.05"] <= v["mean"] <= v["quantiles"]["0.95"] for v in dims.values())
    assert (tmp_path / "f" / "input" / Path(SPATIAL).name).is_file()
    again = runner.invoke(app, ["forecast", "--resume", str(tmp_path / "f"), "-f", "json"])
    assert json.loads(again.stdout)["forecasts"] == data["forecasts"]
    res = runner.invoke(app, ["forecast", SPATIAL, "--workers", "2"])
    assert res.exit_code == 2 and "--samples" in res.stderr


def test_options_that_would_be_ignored_or_fail_late_are_refused_first(tmp_path: Path) -> None:
    cases = [
        (["uncertainty", FILE, "-n", "50", "--seed", "1", "--grid", "helper.pressure=none,some",
          "--top", "2"], "drop --top"),
        (["uncertainty", FILE, "-n", "50", "--seed", "1", "--grid", "helper.pressure=none,some",
          "--sobol-base", "8"], "drop --sobol-base"),
        (["uncertainty", FILE, "-n", "50", "--seed", "1", "--grid", "helper.pressure=none,some",
          "--grid", "a.no_deal=0.3:0.9:2", "--grid", "b.no_deal=0.3:0.9:2",
          "--plot", str(tmp_path / "g.png")], "one or two grid axes, not 3"),
        (["uncertainty", FILE, "-n", "50", "--seed", "1", "--sensitivity", "none",
          "--plot", str(tmp_path / "s.png")], "--sensitivity none computes none"),
        (["uncertainty", FILE, "-n", "50", "--seed", "1", "--grid", "helper.pressure=none,bogus"],
         "--grid helper.pressure=bogus"),
        (["uncertainty", FILE, "-n", "100000000", "--seed", "1", "--grid", "a.no_deal=0.3:0.9:20"],
         "more than 1,000,000,000"),
        (["uncertainty", FILE, "-n", "10", "--seed", "1", "--grid", "a.no_deal=a:b:3"],
         "a range is LOW:HIGH:N"),
        (["simulate", FILE, "--samples", "20", "--seed", "4", "--plot", str(tmp_path / "x.png")],
         "--plot: draws one run's concessions"),
        (["forecast", SPATIAL, "--seed", "0"], "--seed: goes with --samples N"),
        (["forecast", SPATIAL, "--workers", "0"], "--workers: goes with --samples N"),
        (["uncertainty", FILE, "-n", "10", "--seed", "1", "--scheduler", "foo"],
         "give the scheduler's address as tcp://HOST:PORT"),
        (["simulate", FILE, "--samples", "10", "--seed", "1", "--workers", "100000"],
         "at most 256 processes on one machine"),
    ]  # fmt: skip
    for args, message in cases:
        res = runner.invoke(app, args)
        assert res.exit_code == 2, (args, res.stdout, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (args, res.stderr)
    assert not list(tmp_path.iterdir())  # no plot written, nothing left behind


def test_a_run_that_fails_before_its_first_chunk_leaves_no_folder(tmp_path: Path) -> None:
    out = tmp_path / "run"
    args = ["uncertainty", "hanoi-2019", "-n", "100", "--seed", "1", "--sensitivity", "none",
            "--out", str(out)]  # fmt: skip
    res = runner.invoke(app, [*args, "--memory", "1"])
    assert res.exit_code == 2 and "raise the budget" in res.stderr
    assert not out.exists()  # so the corrected command can use the same --out
    res = runner.invoke(app, [*args, "-f", "json"])
    assert res.exit_code == 0, res.stderr
    assert (out / "samples.parquet").is_file()


def test_resume_says_which_damaged_chunks_it_computes_again(tmp_path: Path) -> None:
    run = tmp_path / "run"
    args = ["uncertainty", FILE, "-n", str(3 * 4096), "--seed", "5", "--sensitivity", "none",
            "-f", "json"]  # fmt: skip
    res = runner.invoke(app, [*args, "--out", str(run)])
    assert res.exit_code == 0, res.stderr
    whole = pq.read_table(run / "samples.parquet")
    # make it look interrupted with a damaged chunk: two chunk files, one cut short
    (run / "chunks").mkdir()
    for cid in (0, 1):
        part = whole.slice(cid * 4096, 4096)
        pq.write_table(part, run / "chunks" / f"{cid:06d}.parquet")
    (run / "chunks" / "000001.parquet").write_bytes(b"PAR1")
    (run / "samples.parquet").unlink()
    (run / "manifest.json").write_text(
        json.dumps({"finished": {"0": 4096, "1": 4096}, "complete": False})
    )
    res = runner.invoke(app, ["uncertainty", "--resume", str(run), "-f", "json"])
    assert res.exit_code == 0, res.stderr
    assert "1 chunk(s) the manifest lists were missing or damaged (000001)" in res.stderr
    assert json.loads(res.stdout)["chunks"] == {"read_back": 1, "computed": 2}
    assert same_table(pq.read_table(run / "samples.parquet"), whole)


def test_ctrl_c_says_where_the_chunks_are_and_how_to_continue(tmp_path: Path) -> None:
    run = tmp_path / "run"
    args = ["uncertainty", FILE, "-n", str(16 * 4096), "--seed", "7", "--sensitivity", "none"]
    proc = subprocess.Popen(
        _accord(*args, "--out", str(run)),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while len(_finished(run)) < 1 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "complete" not in _finished(run)  # stopped part way, as the SIGKILL test
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == (
        f"interrupted: the finished chunks are kept in {run}; continue with "
        f"`accord uncertainty --resume {run}`"
    )
    assert "Traceback" not in err
    res = runner.invoke(app, ["uncertainty", "--resume", str(run), "-f", "json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["chunks"]["read_back"] >= 1
