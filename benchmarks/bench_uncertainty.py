"""The three figures of issue 11 ("Uncertainty ..."): Monte Carlo, Sobol and sampled bargaining.

1. ``accord uncertainty`` on Hanoi: 10^5 draws of twenty uncertain numbers (the declaration
   ``benchmarks/hanoi-uncertainty.yaml``, with the two sides' beliefs about each other), full
   two-level analysis (win-sets with both ratifiers, reasons, each ratifier's pivotality,
   every solution concept, private information), no sensitivity analysis. Goal: under 30 s on
   2 cores, under 1 GB peak memory of the process.
2. Sobol indices with 2^12 base samples for those twenty parameters: ``N * (D + 2)`` = 90,112
   runs with the smooth margins, plus SALib's analysis of five outputs. Goal: under 2 minutes.
3. ``accord simulate --samples``: negotiations per second when each run draws its
   preferences (Boulware against conceder, 50 rounds). Goal: 10,000 per second.

Each figure is reported as wall-clock seconds and the process's CPU seconds (on a shared
machine the CPU time is the steadier figure), with the load average at the start.

Run: ``PYTHONPATH=src python3 benchmarks/bench_uncertainty.py [--quick]`` (prints JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path
from typing import Any

from accord.api import simulate_samples, uncertainty_analysis

DECLARATION = Path(__file__).with_name("hanoi-uncertainty.yaml")


def _timed(fn: Any) -> tuple[dict[str, float], Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return {
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
    }, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of every size")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "workers": args.workers,
    }
    uncertainty_analysis(DECLARATION, samples=64, seed=0, sensitivity="none")  # warm caches

    n = 100_000 // scale
    timing, r = _timed(
        lambda: uncertainty_analysis(
            DECLARATION, samples=n, seed=1, sensitivity="none", workers=args.workers
        )
    )
    report["monte_carlo"] = {
        "draws": n,
        **timing,
        "draws_per_s": round(n / timing["wall_s"]),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "agreement": r.agreement,
        "private_information": r.private,
        "goal": "under 30 s on 2 cores and under 1 GB",
    }

    base = 2**12 // (16 if args.quick else 1)
    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, time.perf_counter())
        if done == total:
            stages[stage + "_end"] = time.perf_counter()

    timing, r = _timed(
        lambda: uncertainty_analysis(
            DECLARATION,
            samples=1,
            seed=1,
            sensitivity="sobol",
            sobol_base=base,
            workers=args.workers,
            progress=progress,
        )
    )
    assert r.sobol is not None
    report["sobol"] = {
        "base": base,
        "parameters": len(r.sobol.names),
        "runs": r.sobol.runs,
        **timing,
        "model_runs_s": round(stages["sobol_end"] - stages["sobol"], 2),
        "ranked_by": r.ranked_by,
        "top": [(x.path, round(x.st, 3)) for x in r.ranking[:5]],
        "goal": "under 120 s",
    }

    runs = 20_000 // scale
    timing, b = _timed(
        lambda: simulate_samples(
            DECLARATION,
            {"us": "boulware", "dprk": "conceder"},
            samples=runs,
            seed=1,
            rounds=50,
            workers=args.workers,
        )
    )
    report["simulate_samples"] = {
        "runs": runs,
        **timing,
        "negotiations_per_s": round(runs / timing["wall_s"]),
        "agreement": b.agreement,
        "goal": "10,000 per second",
    }
    print(json.dumps(report, indent=2))
    from _results import Figure, record

    mc, sob, sim = report["monte_carlo"], report["sobol"], report["simulate_samples"]
    record(
        "uncertainty",
        {
            "draws_wall": Figure(
                mc["wall_s"],
                "s",
                f"{mc['wall_s']:.0f} s",
                f"{mc['draws']:,} draws of the Hanoi declaration, {args.workers} workers: "
                "computation only, wall clock (in-process)",
            ),
            "draws_cpu": Figure(
                mc["cpu_s"],
                "s",
                f"{mc['cpu_s']:.0f} s",
                "the same: computation only, CPU of the main process",
            ),
            "draws_peak": Figure(
                mc["peak_rss_mb"],
                "MiB",
                f"{mc['peak_rss_mb']:.0f} MiB",
                "the same: whole-process peak resident memory",
            ),
            "sobol_wall": Figure(
                sob["wall_s"],
                "s",
                f"{sob['wall_s']:.0f} s",
                f"Sobol indices, base {sob['base']:,} ({sob['runs']:,} runs): computation only, "
                "wall clock",
            ),
            "simulate_rate": Figure(
                sim["negotiations_per_s"],
                "runs per second",
                f"{sim['negotiations_per_s']:,}",
                f"simulate --samples, {sim['runs']:,} distinct runs (preferences drawn per run): "
                "computation only, wall clock",
            ),
        },
        details=report,
    )


if __name__ == "__main__":
    main()
