"""Benchmark the outcome-space methods on the synthetic family of issue 3 (JSON lines).

For k = 3..7 issues of 10 options (2 and 3 parties) it times the frontier, Nash and
Kalai–Smorodinsky points by the merge (and by full enumeration up to ``--enumerate-max-k``),
then k = 12 (10**12 packages) by the merge, then a 10**8-package stream with a hard
constraint. Each line: method, parties, k, packages, frontier size, Nash package (option
indices), seconds (wall, median of up to 5 runs) and peak traced memory in MiB (tracemalloc, second run).

Run: ``PYTHONPATH=src python3 benchmarks/bench_space.py`` (records the 10^12 merge times and
the 10^8 stream in benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from _family import family_scenario
from _results import Figure, record
from accord.bargaining.solutions import kalai_smorodinsky, nash
from accord.scenario.negotiation.model import Condition, Constraint, Scenario
from accord.space.blocks import split_blocks
from accord.space.merge import merge_frontier
from accord.space.outcomes import build_space, reservation_units
from accord.space.pareto import pareto_mask
from accord.space.stream import stream_space


def _measure(fn: Callable[[], dict[str, Any]], *, memory: bool = True) -> dict[str, Any]:
    """Wall time (median of up to 5 runs while under 1 s in total) and traced peak memory."""
    times: list[float] = []
    out: dict[str, Any] = {}
    while len(times) < 5 and sum(times) < 1.0:
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    out["seconds"] = round(statistics.median(times), 5)
    out["runs"] = len(times)
    if memory:
        tracemalloc.start()
        fn()
        out["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 3)
        tracemalloc.stop()
    return out


def _solutions(options: np.ndarray, utilities: np.ndarray) -> dict[str, Any]:
    gains = np.maximum(utilities, 0.0)  # reservation 0
    n = nash(gains)
    ks = kalai_smorodinsky(gains)
    return {
        "frontier": int(utilities.shape[1]),
        "nash": [int(x) for x in options[n.column]],
        "ks": [int(x) for x in options[ks.column]],
    }


def by_merge(sc: Scenario) -> dict[str, Any]:
    f = merge_frontier(split_blocks(sc), len(sc.issues))
    return _solutions(f.options, f.utilities)


def by_enumeration(sc: Scenario) -> dict[str, Any]:
    space = build_space(sc, max_packages=10**8)
    cols = np.flatnonzero(pareto_mask(space.utilities))
    return _solutions(space.options(cols), space.utilities[:, cols])


def constrained(sc: Scenario) -> Scenario:
    """Add "if issue 0 is one of options 0-4 then issue 1 is one of options 0-4"."""
    low = frozenset(range(5))
    c = Constraint("c", (Condition(0, low, "i0 low"),), Condition(1, low, "i1 low"), "bench")
    return replace(sc, constraints=(c,))


def by_stream(sc: Scenario, memory_bytes: int) -> dict[str, Any]:
    blocks = split_blocks(sc)
    r = stream_space(blocks, len(sc.issues), reservation_units(sc), memory_bytes=memory_bytes)
    assert r.frontier is not None
    out = _solutions(r.frontier.options, r.frontier.utilities)
    out.update(feasible=r.n_feasible, zopa=r.n_zopa, chunks=r.chunks)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max-k", type=int, default=7)
    ap.add_argument("--enumerate-max-k", type=int, default=7)
    ap.add_argument("--big-k", type=int, default=12)
    ap.add_argument("--stream-k", type=int, default=8, help="0 to skip the streaming run")
    ap.add_argument("--stream-memory-mib", type=int, default=256)
    ap.add_argument("--stream-parties", type=int, nargs="+", default=[2, 3])
    args = ap.parse_args()

    rows: list[dict[str, Any]] = []

    def emit(d: dict[str, Any]) -> None:
        rows.append(d)
        sys.stdout.write(json.dumps(d) + "\n")
        sys.stdout.flush()

    for parties in (2, 3):
        for k in range(3, args.max_k + 1):
            sc = family_scenario(k, parties)
            base = {"parties": parties, "k": k, "packages": 10**k}
            merged = _measure(lambda sc=sc: by_merge(sc))
            emit({"method": "merge", **base, **merged})
            if k <= args.enumerate_max_k:
                full = _measure(lambda sc=sc: by_enumeration(sc))
                full["same_as_merge"] = (full["frontier"], full["nash"], full["ks"]) == (
                    merged["frontier"],
                    merged["nash"],
                    merged["ks"],
                )
                emit({"method": "enumerate", **base, **full})
    for parties in (2, 3):
        sc = family_scenario(args.big_k, parties)
        emit(
            {
                "method": "merge",
                "parties": parties,
                "k": args.big_k,
                "packages": 10**args.big_k,
                **_measure(lambda sc=sc: by_merge(sc)),
            }
        )
    for parties in args.stream_parties if args.stream_k else ():
        sc = constrained(family_scenario(args.stream_k, parties))
        mem = args.stream_memory_mib * 2**20
        streamed = _measure(lambda sc=sc, mem=mem: by_stream(sc, mem))
        merged = by_merge(sc)
        streamed["same_as_merge"] = (streamed["frontier"], streamed["nash"], streamed["ks"]) == (
            merged["frontier"],
            merged["nash"],
            merged["ks"],
        )
        emit(
            {
                "method": "stream",
                "parties": parties,
                "k": args.stream_k,
                "packages": 10**args.stream_k,
                "constraint": "i0 in 0-4 -> i1 in 0-4",
                "memory_budget_mib": args.stream_memory_mib,
                **streamed,
            }
        )
    emit({"max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
    record("space", _figures(rows, args.big_k, args.stream_k), details={"rows": rows})


def _seconds(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2g} ms" if ms < 10 else f"{ms:.0f} ms" if ms < 1000 else f"{seconds:.1f} s"


def _figures(rows: list[dict[str, Any]], big_k: int, stream_k: int) -> dict[str, Figure]:
    out = {}
    for r in rows:
        method = r.get("method")
        if method in ("merge", "enumerate"):
            how = (
                "by the merge"
                if method == "merge"
                else "by full enumeration (build_space + pareto_mask)"
            )
            out[f"{method}_1e{r['k']}_{r['parties']}p"] = Figure(
                r["seconds"],
                "s",
                _seconds(r["seconds"]),
                f"exact Pareto frontier, Nash and Kalai-Smorodinsky points of a 10^{r['k']}-package "
                f"space, {r['parties']} parties, {how}: computation only, median of "
                f"{r['runs']} runs",
            )
            out[f"{method}_1e{r['k']}_{r['parties']}p_tracemalloc"] = Figure(
                r["peak_mib"],
                "MiB",
                f"{r['peak_mib']:.2g} MiB",
                "the same: tracemalloc peak of the computation (not the process's memory)",
            )
        if method == "stream" and r["k"] == stream_k:
            out[f"stream_1e{stream_k}_{r['parties']}p"] = Figure(
                r["seconds"],
                "s",
                f"{r['seconds']:.1f} s",
                f"streamed frontier of a 10^{stream_k}-package space with one hard constraint, "
                f"{r['parties']} parties, {r['memory_budget_mib']} MiB chunks: computation only",
            )
            out[f"stream_1e{stream_k}_{r['parties']}p_tracemalloc"] = Figure(
                r["peak_mib"],
                "MiB",
                f"{r['peak_mib']:.0f} MiB",
                "the same: tracemalloc peak of the computation (not the process's memory)",
            )
    return out


if __name__ == "__main__":
    main()
