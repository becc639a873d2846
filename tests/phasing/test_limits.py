"""Solver limits: a time limit gives a valid plan, or says that none was found; never a crash."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rich.console import Console

from accord.errors import InputError
from accord.phasing import check
from accord.phasing.schedule import schedule
from accord.report.phasing import render_phasing, to_dict
from accord.scenario.phasing.model import PhasingSpec


def bench_spec(n_actions: int, horizon: int, seed: int) -> PhasingSpec:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_phasing.py"
    spec = importlib.util.spec_from_file_location("bench_phasing", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made: PhasingSpec = module.random_spec(n_actions, horizon, seed)
    return made


@pytest.mark.parametrize("limit", [0.01, 0.3])
def test_time_limited_solve_is_valid_or_says_no_plan(limit: float) -> None:
    spec = bench_spec(40, 16, 3)
    result = schedule(spec, time_limit=limit, explain=False)
    assert result.status in {"optimal", "feasible", "no_solution"}
    if result.feasible:
        assert check.check_plan(spec, result.starts) == []
    else:
        assert result.starts == {} and "time limit" in result.message
    assert to_dict(result)["status"] == result.status
    render_phasing(result, Console(record=True, width=100))


def test_small_benchmark_instance_solves_to_optimality() -> None:
    spec = bench_spec(16, 10, 5)
    result = schedule(spec, explain=False)
    assert result.status == "optimal"
    assert check.check_plan(spec, result.starts) == []


def test_bad_limits_are_input_errors() -> None:
    spec = bench_spec(6, 6, 1)
    with pytest.raises(InputError, match="time limit"):
        schedule(spec, time_limit=-1)
    with pytest.raises(InputError, match="gap"):
        schedule(spec, gap=2.0)


def test_specs_built_in_python_are_validated_like_files() -> None:
    from dataclasses import replace

    spec = bench_spec(6, 6, 1)
    bad_owner = replace(spec, actions=(replace(spec.actions[0], owner="nobody"), *spec.actions[1:]))
    with pytest.raises(InputError, match=r"actions\.0\.owner: .*unknown party 'nobody'"):
        schedule(bad_owner)
    a0, a1 = spec.actions[0], spec.actions[1]
    cyclic = replace(
        spec,
        actions=(
            replace(a0, prerequisites=(a1.id,)),
            replace(a1, prerequisites=(a0.id,)),
            *spec.actions[2:],
        ),
    )
    with pytest.raises(InputError, match="cyclic prerequisites"):
        schedule(cyclic)
    with pytest.raises(InputError, match="reversibility"):
        schedule(replace(spec, actions=(replace(a0, reversibility=2.0), *spec.actions[1:])))
