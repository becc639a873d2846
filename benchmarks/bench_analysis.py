"""Benchmark: full outcome analysis of random scenarios (10 options per issue).

Cases: 10^6 packages (6 issues) for two and three principals, with full enumeration
(``method="enumerate"``) and with the method accord picks by itself (``auto``: the exact merge
frontier, and the ZOPA counted exactly only when that is cheap); and 10^8 packages (8 issues),
two principals, ``auto`` (goal: under 0.5 s; the ZOPA count is then a labelled estimate).

Each case runs in a fresh process. Time is the computation alone (``analyze`` after a warm-up,
imports excluded). Memory is given twice, as they measure different things: ``tracemalloc``'s
peak (the Python and numpy buffers the analysis allocated) and the process's peak resident
set (``ru_maxrss``: the interpreter, numpy, scipy and every import included).

Run: ``python benchmarks/bench_analysis.py`` (prints JSON lines; records in
benchmarks/results.json).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np

from _results import Figure, record
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


def run_case(n_principals: int, method: str, n_issues: int = 6) -> dict[str, object]:
    sc = random_scenario(n_principals, n_issues)
    analyze(random_scenario(n_principals, 3, 4))  # warm up imports and numpy
    import scipy.stats  # noqa: F401  (an estimate's interval imports it: not the analysis' time)

    tracemalloc.start()
    t0 = time.perf_counter()
    a = analyze(sc, method=method, max_packages=10**7)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    nash = next((s for s in a.solutions if s.concept == "nash"), None)
    return {
        "case": f"{n_principals} principals, {n_issues} issues x 10 options",
        "method": a.method,
        "packages": a.space.size,
        "frontier": int(a.frontier.size),
        "zopa": int(a.zopa_count.value),
        "seconds": round(elapsed, 3),
        "tracemalloc_peak_mib": round(peak / 2**20, 1),
        "process_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10, 1),
        "zopa_exact": a.zopa_count.exact,
        "zopa_text": a.zopa_count.text,
        "nash": None if nash is None else nash.package,
    }


CASES = [(2, "enumerate", 6), (3, "enumerate", 6), (2, "auto", 6), (3, "auto", 6), (2, "auto", 8)]


def _mib(x: object) -> str:
    return f"{float(x):.0f} MiB"  # type: ignore[arg-type]


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(run_case(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
        return
    rows = {}
    for n, method, k in CASES:  # one fresh process per case: its peak memory is its own
        cmd = [sys.executable, __file__, str(n), method, str(k)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        sys.stdout.write(out.stdout)
        rows[f"{n}p_{method}_1e{k}"] = json.loads(out.stdout)
    figures = {}
    for key, r in rows.items():
        what = f"{r['case']} ({10 ** int(key[-1]):.0e} packages), method {key.split('_')[1]}"
        figures[f"{key}_seconds"] = Figure(
            float(r["seconds"]),  # type: ignore[arg-type]
            "s",
            f"{float(r['seconds']):.2g} s",  # type: ignore[arg-type]
            f"analyze() of {what}: computation only (in-process, after a warm-up), one run",
        )
        figures[f"{key}_tracemalloc"] = Figure(
            float(r["tracemalloc_peak_mib"]),  # type: ignore[arg-type]
            "MiB",
            _mib(r["tracemalloc_peak_mib"]),
            f"analyze() of {what}: tracemalloc peak (buffers the analysis allocated)",
        )
        figures[f"{key}_process_peak"] = Figure(
            float(r["process_peak_mib"]),  # type: ignore[arg-type]
            "MiB",
            _mib(r["process_peak_mib"]),
            f"{what}: whole-process peak resident memory (interpreter and imports included)",
        )
    record("analysis", figures, details={"cases": rows})


if __name__ == "__main__":
    main()
