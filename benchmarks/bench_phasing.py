"""Benchmark: a seeded random phasing problem, 60 actions x 24 phases, solved to optimality.

Run ``PYTHONPATH=src python3 benchmarks/bench_phasing.py [--seed N] [--actions 60] [--phases 24]``;
prints one JSON object (build and solve times, status, T_end, size of the MILP) and records
the total time in benchmarks/results.json. Target: under 10 s for the default size.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from accord.phasing import check
from accord.phasing.milp import build_model
from accord.phasing.schedule import schedule
from accord.scenario.phasing.model import Action, Objective, Party, PhasingSpec, Ratifier


def random_spec(n_actions: int, horizon: int, seed: int) -> PhasingSpec:
    """A random two-party instance with prerequisites, escrow, a gate, capacities and a band."""
    rng = np.random.default_rng(seed)
    owners = ("us", "dprk")
    acts: list[Action] = []
    for k in range(n_actions):
        owner = owners[k % 2]
        other = owners[1 - k % 2]
        pre: tuple[str, ...] = ()
        if k >= 4 and rng.random() < 0.3:
            pre = (f"a{int(rng.integers(max(0, k - 12), k - 1))}",)
        acts.append(
            Action(
                id=f"a{k}",
                owner=owner,
                duration=int(rng.integers(1, 3)),
                lag=int(rng.integers(0, 2)),
                cost=round(float(rng.uniform(1, 8)), 2),
                value={other: round(float(rng.uniform(2, 12)), 2)},
                reversibility=round(float(rng.uniform(0.2, 1.0)), 2),
                prerequisites=pre,
                escrow=bool(rng.random() < 0.2),
                ratifier_credit={"r": 1.0} if owner == "dprk" and rng.random() < 0.3 else {},
            )
        )
    gated = tuple(a.id for a in acts if a.owner == "us")[-3:]
    parties = tuple(
        Party(
            id=p,
            exposure_tolerance=15.0,
            trust_gain=2.0,
            defection_gain=0.5,
            capacity=(4,) * horizon,
        )
        for p in owners
    )
    required = tuple(a.id for a in acts if rng.random() < 0.6)
    return PhasingSpec(
        scenario="benchmark",
        horizon=horizon,
        parties=parties,
        actions=tuple(acts),
        ratifiers=(Ratifier("r", "ratifier", threshold=3.0, gates=gated),),
        end_state=required,
        discount=0.95,
        balance_band=(60.0,) * horizon,
        objective=Objective(kind="lexicographic", time_limit=120.0, gap=0.0),
    )


def main() -> None:
    """Parse arguments, run, print JSON, record."""
    from _results import Figure, record  # here: tests import random_spec from this file

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=20190228)
    ap.add_argument("--actions", type=int, default=60)
    ap.add_argument("--phases", type=int, default=24)
    ap.add_argument("--objective", choices=["lexicographic", "weighted"], default="lexicographic")
    args = ap.parse_args()
    spec = random_spec(args.actions, args.phases, args.seed)
    t0 = time.perf_counter()
    model = build_model(spec)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = schedule(spec, objective=args.objective, explain=False)
    total = time.perf_counter() - t0
    ok = result.feasible and not check.check_plan(spec, result.starts)
    out = {
        "actions": args.actions,
        "phases": args.phases,
        "seed": args.seed,
        "objective": args.objective,
        "binaries": int(model.integrality.sum()),
        "rows": int(model.A.shape[0]),
        "nonzeros": int(model.A.nnz),
        "build_seconds": round(build, 3),
        "solve_seconds": round(result.seconds, 3),
        "total_seconds": round(total, 3),
        "status": result.status,
        "t_end": result.t_end,
        "min_npv": round(min(result.npv.values()), 4) if result.npv else None,
        "checker_ok": ok,
    }
    print(json.dumps(out, indent=2))
    record(
        "phasing",
        {
            "total": Figure(
                round(total, 2),
                "s",
                f"{total:.1f} s",
                f"{args.actions} actions x {args.phases} phases ({out['binaries']:,} binaries), "
                f"seed {args.seed}, to proven optimality ({result.status}): model build and "
                "HiGHS solve, computation only, one run",
            )
        },
        details=out,
    )


if __name__ == "__main__":
    main()
