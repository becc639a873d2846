"""Throughput of the batched engine with preferences drawn per run, on a built-in scenario.

Domains: the feasible packages of a built-in scenario (default ``hanoi-2019``: two principals,
each with a ratifier), built through ``accord.api.negotiation_domain`` exactly as ``accord
simulate`` builds it (levers resolved, win-sets from the acceptability predicate), and two
variants made in memory: without its hard constraints (every package of the grid feasible:
11,520 for Hanoi, more than the 7,440 of the earlier Hanoi file) and without its ratifiers
(each principal may then offer every package worth its no-deal value).
Per run, each principal's issue weights are drawn around the scenario's (Dirichlet,
concentration 50) by :func:`accord.negotiate.batch.sample_utilities` (not timed); the ratifiers
keep the scenario's preferences. Strategies: Boulware (e=0.25) against conceder (e=4), and an
exponent sweep (log-uniform 0.1 to 10), 100 rounds, no discount and 0.98 per round.

Timed: :func:`accord.negotiate.batch.run_batch` on chunks of ``--chunk`` runs, best of
``--repeat`` per chunk, summed over the chunks: wall-clock time and the process's CPU time
(``time.process_time``; numpy runs these on one thread), with the load average at the
start, since a busy machine inflates the wall-clock figure.

Run: ``python benchmarks/bench_batch_sampled.py`` (prints JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import replace
from typing import Any

import numpy as np

from accord.api import negotiation_domain
from accord.negotiate import NegotiationDomain
from accord.negotiate.batch import run_batch, sample_utilities
from accord.scenario import load_scenario


def variants(name: str) -> dict[str, NegotiationDomain]:
    """The scenario as shipped, without its hard constraints, and without its ratifiers."""
    sc = load_scenario(name)
    return {
        "as shipped": negotiation_domain(sc),
        "without hard constraints": negotiation_domain(replace(sc, constraints=())),
        "without ratifiers": negotiation_domain(
            replace(
                sc, actors=tuple(a for a in sc.actors if a.id not in {r.id for r in sc.ratifiers})
            )
        ),
    }


def bench(
    dom: NegotiationDomain,
    runs: int,
    chunk: int,
    rounds: int,
    discount: float,
    sweep: bool,
    repeat: int,
) -> dict[str, Any]:
    rng = np.random.default_rng(1)
    n_chunks = max(1, runs // chunk)
    total, cpu, agreed, ended = 0.0, 0.0, 0, 0.0
    for c in range(n_chunks):
        u = sample_utilities(dom, chunk, concentration=50.0, seed=100 + c)
        e = (
            np.exp(rng.uniform(np.log(0.1), np.log(10.0), (chunk, 2)))
            if sweep
            else np.tile([0.25, 4.0], (chunk, 1))
        )
        best = best_cpu = float("inf")
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            res = run_batch(dom, e, rounds=rounds, discount=discount, utilities=u)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        total += best
        cpu += best_cpu
        agreed += int(res.table["agreement"].sum())
        ended += float(res.table["round"].sum()) + chunk
    n = n_chunks * chunk
    return {
        "runs": n,
        "chunk": chunk,
        "rounds": rounds,
        "discount": discount,
        "seconds": round(total, 4),
        "negotiations_per_second": round(n / total, 1),
        "cpu_seconds": round(cpu, 4),
        "negotiations_per_cpu_second": round(n / cpu, 1),
        "agreement_rate": round(agreed / n, 4),
        "mean_round_ended": round(ended / n, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--scenario", default="hanoi-2019")
    ap.add_argument("--runs", type=int, default=20_000)
    ap.add_argument("--chunk", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    doms = variants(args.scenario)
    cases = {
        "boulware_vs_conceder_100_rounds": (100, 1.0, False),
        "exponent_sweep_100_rounds": (100, 1.0, True),
        "exponent_sweep_100_rounds_discount_0.98": (100, 0.98, True),
    }
    out: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "load_average_1min": round(os.getloadavg()[0], 2),
        },
        "scenario": args.scenario,
        "variants": {
            label: {
                "packages": dom.n_packages,
                "ratified_by_own_side": [int(x) for x in dom.ratified.sum(axis=1)],
                "cases": {
                    name: bench(dom, args.runs, args.chunk, r, d, s, args.repeat)
                    for name, (r, d, s) in cases.items()
                },
            }
            for label, dom in doms.items()
        },
    }
    print(json.dumps(out, indent=2))
    from _results import Figure, record

    figures = {}
    for label, v in out["variants"].items():
        for name, r in v["cases"].items():
            rate = r["negotiations_per_cpu_second"]
            figures[f"{label}_{name}".replace(" ", "_").replace(".", "_")] = Figure(
                rate,
                "negotiations per CPU second",
                f"{rate:,.0f}",
                f"batched engine on {args.scenario} ({label}: {v['packages']:,} packages, "
                f"ratifiers in the win-sets), {name.replace('_', ' ')}, distinct runs (each with "
                f"its own preferences drawn): computation only, per CPU second, best of "
                f"{args.repeat}",
            )
    record("batch_sampled", figures, details=out)


if __name__ == "__main__":
    main()
