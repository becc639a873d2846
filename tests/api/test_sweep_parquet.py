"""Every executor gives the same Parquet: in this process (1 and 3 threads), 2 local worker
processes and a Dask LocalCluster of 2 workers on loopback (one cluster for the module); a
Dask worker killed in the middle of a sweep changes nothing; grids hold numbers as stated."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from tests.api._same_table import same_table

from accord import api
from accord.errors import InputError
from accord.sweep import LocalExecutor, ProcessExecutor

pytest.importorskip("distributed")

DATA = Path(__file__).parents[1] / "data"
FILE = str(DATA / "uncertainty" / "two-issues.yaml")
SPATIAL = str(DATA / "forecast" / "decide-random-8x4.txt")
SAMPLES = 9_000  # three blocks, the last one short


@pytest.fixture(scope="module")
def executors() -> Iterator[dict[str, Any]]:
    from accord.sweep.dask_executor import DaskExecutor

    with ProcessExecutor(2) as procs, DaskExecutor(local_workers=2) as dask2:
        yield {
            "threads1": LocalExecutor(1),
            "threads3": LocalExecutor(3),
            "processes2": procs,
            "dask2": dask2,
        }


def _table(path: Path) -> Any:
    return pq.read_table(path / "samples.parquet")


def test_uncertainty_parquet_is_identical_on_every_executor(
    executors: dict[str, Any], tmp_path: Path
) -> None:
    tables = {}
    for name, ex in executors.items():
        r = api.uncertainty_analysis(
            FILE, samples=SAMPLES, seed=5, sensitivity="none", executor=ex, out=tmp_path / name
        )
        assert r.out == str(tmp_path / name) and r.chunks == (0, 3)
        tables[name] = _table(tmp_path / name)
    first = tables.pop("threads1")
    assert not first.equals(first)  # NaN columns: hence the bitwise comparison
    assert same_table(first, first)
    assert first.num_rows == SAMPLES
    assert first.column("sample").to_pylist() == list(range(SAMPLES))
    assert 0 < sum(first.column("deal").to_pylist()) < SAMPLES  # a table that can differ
    for name, t in tables.items():
        assert same_table(t, first), name
    # the in-memory result is the same as the stored one
    mem = api.uncertainty_analysis(FILE, samples=SAMPLES, seed=5, sensitivity="none")
    assert np.array_equal(mem.outcomes.deal, first.column("deal").to_numpy())
    assert mem.agreement == r.agreement


def test_a_dask_worker_killed_mid_sweep_changes_nothing(
    executors: dict[str, Any], tmp_path: Path
) -> None:
    dask2 = executors["dask2"]
    killed: list[int] = []

    def kill_one(stage: str, done: int, total: int) -> None:
        if done == 1:  # the driver waits here: the other blocks are queued or running
            pid = sorted(dask2.pids().values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    n = 6 * 4096
    api.uncertainty_analysis(FILE, samples=n, seed=9, sensitivity="none", executor=dask2,
                             out=tmp_path / "killed", progress=kill_one)  # fmt: skip
    api.uncertainty_analysis(FILE, samples=n, seed=9, sensitivity="none",
                             executor=executors["threads1"], out=tmp_path / "calm")  # fmt: skip
    assert killed and killed[0] not in dask2.pids().values()
    assert same_table(_table(tmp_path / "killed"), _table(tmp_path / "calm"))


def test_simulation_and_forecast_sweeps_are_identical_on_every_executor(
    executors: dict[str, Any], tmp_path: Path
) -> None:
    sims, fcs = {}, {}
    for name in ("threads1", "processes2", "dask2"):
        ex = executors[name]
        s = api.simulate_samples(FILE, samples=5000, seed=3, rounds=10, executor=ex,
                                 out=tmp_path / f"s-{name}")  # fmt: skip
        sims[name] = _table(tmp_path / f"s-{name}")
        f = api.forecast_samples(SPATIAL, samples=10, seed=2, capability=0.3, salience=0.3,
                                 models="compromise,smp", executor=ex,
                                 out=tmp_path / f"f-{name}")  # fmt: skip
        fcs[name] = _table(tmp_path / f"f-{name}")
    assert sims["threads1"].num_rows == 5000 and s.samples == 5000
    assert fcs["threads1"].num_rows == 10 and f.forecasts.shape[0] == 10
    assert np.std(fcs["threads1"].column(fcs["threads1"].column_names[1]).to_numpy()) > 0
    for name in ("processes2", "dask2"):
        assert same_table(sims[name], sims["threads1"]), name
        assert same_table(fcs[name], fcs["threads1"]), name


def test_a_grid_holds_declared_numbers_and_sets_levers(tmp_path: Path) -> None:
    r = api.uncertainty_grid(
        FILE, ["helper.pressure=none,some", "a.no_deal=0.3:0.9:3"], samples=4096, seed=1,
        executor=LocalExecutor(2), out=tmp_path / "g",
    )  # fmt: skip
    assert r.held == ("a.no_deal",) and len(r.points) == 6
    table = r.table()
    assert table.shape == (2, 3)
    # a higher no-deal value for Alpha never makes a deal likelier
    assert (np.diff(table, axis=1) <= 0).all() and table[:, 0].max() > table[:, 2].min()
    cols = pq.read_table(tmp_path / "g" / "samples.parquet").to_pydict()
    assert set(cols["draw.a.no_deal"]) == {0.3, 0.6, 0.9}  # held, not drawn
    assert cols["grid.helper.pressure"][0] == "none" and len(cols["sample"]) == 6 * 4096
    # the other draws are the same at every grid point (common random numbers)
    money = np.array(cols["draw.b.weights.money"]).reshape(6, 4096)
    assert (money == money[0]).all()
    # the in-memory counts agree with the stored table
    mem = api.uncertainty_grid(FILE, ["helper.pressure=none,some", "a.no_deal=0.3:0.9:3"],
                               samples=4096, seed=1)  # fmt: skip
    assert [p.deals for p in mem.points] == [p.deals for p in r.points]


@pytest.mark.parametrize(
    ("axis", "message"),
    [
        ("helper.pressure=strong", "unknown setting"),
        ("a.no_deal=1.5:2:2", "out of range"),
        ("a.no_deal=high", "its grid values are numbers"),
        ("nobody.threshold=0.5", "not adjustable"),
    ],
)
def test_a_bad_grid_axis_is_one_clear_error(axis: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        api.uncertainty_grid(FILE, [axis], samples=10, seed=1)


def test_resume_of_a_complete_run_computes_nothing(tmp_path: Path) -> None:
    r = api.uncertainty_analysis(FILE, samples=5000, seed=2, sensitivity="none",
                                 out=tmp_path / "r")  # fmt: skip
    again = api.resume_sweep(tmp_path / "r")
    assert again.chunks == (2, 0) and again.agreement == r.agreement
    run = json.loads((tmp_path / "r" / "run.json").read_text())
    assert run["kind"] == "uncertainty" and run["seed"] == 2


def test_a_builtin_scenario_loads_where_accord_is_installed_elsewhere() -> None:
    import dataclasses

    from accord.scenario.uncertainty.loader import load_sources, read_sources

    sources = read_sources("hanoi-2019")
    assert sources.builtin
    # a worker on another machine: the driver's folder does not exist there
    moved = dataclasses.replace(sources, base_dir="/nowhere/site-packages/accord/builtin")
    levers = {lv.key: lv for lv in load_sources(moved).levers}
    assert levers["china.enforcement"].forecast is not None
