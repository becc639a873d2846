"""Time and memory of `diagnose` (two-level search with verification) on a random scenario.

Usage: ``PYTHONPATH=src python3 benchmarks/twolevel_diagnose.py [N_ISSUES]`` (10 options per
issue, so 10**N_ISSUES packages; default 5). Two principals with a probabilistic and a
deterministic ratifier, two levers (3 x 2 settings) and six adjustable quantities; the
reservations are set high enough that there is no deal, so the full search runs.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np

from accord.bargaining.analysis import analyze
from accord.bargaining.twolevel_diagnosis import diagnose
from accord.scenario import loads_scenario


def scenario_doc(n_issues: int, seed: int = 1) -> dict[str, object]:
    rng = np.random.default_rng(seed)

    def pref() -> dict[str, object]:
        return {
            "weights": {f"i{k}": float(rng.uniform(0.1, 1)) for k in range(n_issues)},
            "values": {
                f"i{k}": {f"o{j}": float(rng.uniform()) for j in range(10)} for k in range(n_issues)
            },
        }

    levers = [
        {
            "id": "l1",
            "settings": ["x", "y", "z"],
            "current": "y",
            "effects": {
                "x": [{"target": "b", "reservation": -0.05}],
                "z": [{"target": "b", "reservation": 0.05}],
            },
        },
        {
            "id": "l2",
            "settings": ["p", "q"],
            "current": "p",
            "effects": {"q": [{"target": "a", "values": {"i0": {"o0": 0.3}}}]},
        },
    ]
    return {
        "accord": 1,
        "title": f"random two-level, 10^{n_issues} packages",
        "actors": [
            {"id": "a", "reservation": 0.85},
            {"id": "b", "reservation": 0.85},
            {"id": "ra", "role": "ratifier", "of": "a", "threshold": 0.6, "sigma": 0.05},
            {"id": "rb", "role": "ratifier", "of": "b", "threshold": 0.6},
            {"id": "c", "role": "third_party", "levers": levers},
        ],
        "issues": [
            {"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(n_issues)
        ],
        "preferences": {"a": pref(), "b": pref(), "ra": pref(), "rb": pref()},
        "adjustable": [
            {"quantity": "a.reservation", "min": 0.3, "max": 0.9},
            {"quantity": "b.reservation", "min": 0.3, "max": 0.9},
            {"quantity": "ra.threshold", "min": 0.3, "max": 0.9},
            {"quantity": "rb.threshold", "min": 0.3, "max": 0.9},
            {"quantity": "ra.sigma", "min": 0.01, "max": 0.2},
            {"quantity": "ratification.level", "min": 0.2, "max": 0.8},
        ],
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sc = loads_scenario(json.dumps(scenario_doc(n)))
    t = time.perf_counter()
    a = analyze(sc)
    t_run = time.perf_counter() - t
    t = time.perf_counter()
    d = diagnose(sc)
    t_diag = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert d.search is not None
    print(f"packages: 10^{n}; ZOPA: {a.zopa.size}")
    print(f"analyze: {t_run:.3f} s; diagnose: {t_diag:.3f} s; peak RSS: {peak:.0f} MB")
    print(f"search: {d.search.method}")
    for r in d.search.remedies:
        print(f"  {r.n_changes} change(s), shift {r.size:.3f}, verified={r.verified}")


if __name__ == "__main__":
    main()
