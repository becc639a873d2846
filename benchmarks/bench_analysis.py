"""Benchmark: full outcome analysis of random scenarios with 10^6 packages (6 issues x 10 options).

Prints one JSON line per case with wall time and peak memory. Run it with::

    python benchmarks/bench_analysis.py

Target (issue 2): two principals under 0.5 s and 300 MB on a 2-core machine. Each case runs
twice: with full enumeration of the 10^6 packages (``method="enumerate"``) and with the
method accord picks by itself (``auto``: the exact merge frontier plus an exact ZOPA count). Peak memory is
measured with ``tracemalloc`` (numpy reports its buffers to it) in a fresh process per case.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc

import numpy as np

from accord.bargaining import analyze
from accord.scenario import Scenario
from accord.scenario.negotiation.model import Actor, Issue, Option, Preference, Role


def random_scenario(
    n_principals: int, n_issues: int = 6, n_options: int = 10, seed: int = 12345
) -> Scenario:
    """Random additive scenario; reservations 0.5 so that a ZOPA exists but is not everything."""
    rng = np.random.default_rng(seed)
    issues = tuple(
        Issue(
            f"i{k}", f"issue {k}", tuple(Option(f"o{j}", f"option {j}") for j in range(n_options))
        )
        for k in range(n_issues)
    )
    actors = []
    prefs = {}
    for p in range(n_principals):
        w = rng.random(n_issues)
        w /= w.sum()
        prefs[f"p{p}"] = Preference(
            f"p{p}", w, tuple(rng.random(n_options) for _ in range(n_issues))
        )
        actors.append(Actor(f"p{p}", f"party {p}", Role.principal, 0.5, 0.5))
    return Scenario(
        title=f"random {n_principals}x{n_issues}x{n_options}",
        actors=tuple(actors),
        issues=issues,
        preferences=prefs,
    )


def run_case(n_principals: int, method: str) -> dict[str, object]:
    sc = random_scenario(n_principals)
    analyze(random_scenario(n_principals, 3, 4))  # warm up imports and numpy
    tracemalloc.start()
    t0 = time.perf_counter()
    a = analyze(sc, method=method, max_packages=10**7)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    nash = next((s for s in a.solutions if s.concept == "nash"), None)
    return {
        "case": f"{n_principals} principals, 6 issues x 10 options",
        "method": a.method,
        "packages": a.space.size,
        "frontier": int(a.frontier.size),
        "zopa": int(a.zopa_count.value),
        "seconds": round(elapsed, 3),
        "peak_mb": round(peak / 2**20, 1),
        "nash": None if nash is None else nash.package,
    }


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(run_case(int(sys.argv[1]), sys.argv[2])))
        return
    # one fresh process per case so that peak memory is the case's own
    for method in ("enumerate", "auto"):
        for n in (2, 3):
            cmd = [sys.executable, __file__, str(n), method]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            sys.stdout.write(out.stdout)


if __name__ == "__main__":
    main()
