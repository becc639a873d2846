"""Side-by-side with NegMAS on the synthetic family of issue 3 (JSON lines).

If ``negmas`` is importable, for each k (10**k packages) and number of parties it runs, in
the same process, NegMAS's ``pareto_frontier`` + ``nash_points`` and accord's merge
frontier + Nash + Kalai–Smorodinsky, and prints both times, their ratio and whether the
frontier (as a set of packages) and the Nash package agree. NegMAS is never a dependency of
accord: install it in a separate virtual environment and run this script with that
environment's python, e.g.::

    python3 -m venv /work/venv-negmas && /work/venv-negmas/bin/pip install negmas numpy
    PYTHONPATH=src /work/venv-negmas/bin/python benchmarks/compare_negmas.py

NegMAS's Nash point is computed with ``ranges = (0, 1)`` for every party so that, like
accord's, it maximises the product of utilities over the reservation value 0 (by default
NegMAS measures gains from each party's minimum utility instead).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from typing import Any

import numpy as np

from _family import OPTIONS, family_scenario, family_tables
from _results import Figure, record
from accord.bargaining.solutions import kalai_smorodinsky, nash
from accord.space.blocks import split_blocks
from accord.space.merge import merge_frontier


def accord_run(k: int, parties: int) -> tuple[set[tuple[int, ...]], tuple[int, ...]]:
    sc = family_scenario(k, parties)
    f = merge_frontier(split_blocks(sc), k)
    gains = f.utilities
    n = nash(gains)
    kalai_smorodinsky(gains)
    return {tuple(int(x) for x in row) for row in f.options}, tuple(
        int(x) for x in f.options[n.column]
    )


def negmas_setup(k: int, parties: int) -> tuple[Any, list[Any]]:
    from negmas import LinearAdditiveUtilityFunction, make_issue
    from negmas.preferences.value_fun import TableFun

    issues = [make_issue(values=OPTIONS, name=f"i{j}") for j in range(k)]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[TableFun(dict(enumerate(t.tolist()))) for t in tables],
            weights=w.tolist(),
            issues=issues,
            reserved_value=0.0,
        )
        for w, tables in family_tables(k, parties)
    ]
    return issues, ufuns


def negmas_run(
    issues: Any, ufuns: list[Any], k: int
) -> tuple[set[tuple[int, ...]], tuple[int, ...] | None]:
    from negmas import nash_points, pareto_frontier

    utils, idx = pareto_frontier(ufuns, issues=issues)
    pts = nash_points(ufuns, utils, ranges=[(0.0, 1.0)] * len(ufuns))
    shape = (OPTIONS,) * k
    packages = [tuple(int(x) for x in np.unravel_index(i, shape)) for i in idx]
    best = packages[pts[0][1]] if pts else None
    return set(packages), best


def _timed(fn: Any, repeat: int) -> tuple[Any, float]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--k", type=int, nargs="+", default=[3, 4, 5, 6])
    ap.add_argument("--parties", type=int, nargs="+", default=[2])
    args = ap.parse_args()
    try:
        import negmas
    except ImportError:
        sys.stdout.write(json.dumps({"negmas": None, "note": "negmas is not importable"}) + "\n")
        return
    lines = []
    for parties in args.parties:
        for k in args.k:
            (a_front, a_nash), a_time = _timed(lambda k=k, p=parties: accord_run(k, p), 5)
            tracemalloc.start()
            accord_run(k, parties)
            a_peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            issues, ufuns = negmas_setup(k, parties)
            (n_front, n_nash), n_time = _timed(
                lambda i=issues, u=ufuns, k=k: negmas_run(i, u, k), 1
            )
            line = {
                "negmas": negmas.__version__,
                "parties": parties,
                "k": k,
                "packages": OPTIONS**k,
                "accord_seconds": round(a_time, 5),
                "accord_peak_mib": round(a_peak, 3),
                "negmas_seconds": round(n_time, 4),
                "time_ratio_accord_over_negmas": round(a_time / n_time, 6),
                "speedup": round(n_time / a_time, 1),
                "frontier_accord": len(a_front),
                "frontier_negmas": len(n_front),
                "frontier_agree": a_front == n_front,
                "nash_accord": list(a_nash),
                "nash_negmas": None if n_nash is None else list(n_nash),
                "nash_agree": a_nash == n_nash,
            }
            lines.append(line)
            sys.stdout.write(json.dumps(line) + "\n")
            sys.stdout.flush()
    figures = {}
    for line in lines:
        key = f"1e{line['k']}_{line['parties']}p"
        what = f"10^{line['k']} packages, {line['parties']} parties"
        figures[f"accord_{key}"] = Figure(
            line["accord_seconds"] * 1000,
            "ms",
            f"{line['accord_seconds'] * 1000:.2g} ms",
            f"accord's merge frontier, Nash and Kalai-Smorodinsky, {what}: computation only, "
            "best of 5",
        )
        figures[f"negmas_{key}"] = Figure(
            line["negmas_seconds"],
            "s",
            f"{line['negmas_seconds']:.2g} s",
            f"NegMAS {line['negmas']} pareto_frontier + nash_points, {what}, same process: "
            "computation only, one run",
        )
    record("compare_negmas", figures, details={"runs": lines})


if __name__ == "__main__":
    main()
