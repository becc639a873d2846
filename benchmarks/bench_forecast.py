"""Time every forecasting model and record its memory; prints one JSON line per run.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_forecast.py [--repeat N] [--cases a040,a500]
    PYTHONPATH=src python3 benchmarks/bench_forecast.py --cases a500 --isolate

Cases: KTAB's synthetic scenarios (40, 80, 160 actors on one dimension; 27 actors on six) and
``a500``: 500 actors on two dimensions, drawn with ``numpy.random.default_rng(500)`` (positions
uniform on 0..100, saliences uniform on 0.05..0.6, capabilities lognormal), so every model,
the exchange model included, has work to do.

``peak_rss_mb`` is the whole process's peak resident memory (``ru_maxrss``) after the run.
With ``--isolate`` every (case, model) runs in its own process, so the figure is that model's
own peak (interpreter and numpy included); without it, it is the peak of all runs so far.

Reference (issue 7): KTAB's own C++ SMP, -O2, 2 cores, database output off: 3.1 s, 34.6 s
and about 800 s for 40, 80 and 160 actors; 1.3 s for 27 x 6.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from _results import Figure, record
from accord.api import load_spatial_data
from accord.forecast.registry import MODELS, build_model
from accord.scenario.spatial.model import SpatialData

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "forecast"
FILES = {
    "a040": "dummyData-a040.csv",
    "a080": "dummyData-a080.csv",
    "a160": "dummyData-a160.csv",
    "6dim": "dummyData_6Dim.csv",
}
CASES = (*FILES, "a500")


def synthetic(n: int = 500, k: int = 2, seed: int = 500) -> SpatialData:
    """``n`` actors on ``k`` dimensions, drawn from one seeded generator."""
    rng = np.random.default_rng(seed)
    return SpatialData(
        actors=tuple(f"actor-{i:03d}" for i in range(n)),
        dimensions=tuple(f"dim{d}" for d in range(k)),
        capability=rng.lognormal(0.0, 1.0, n),
        position=rng.uniform(0.0, 100.0, (n, k)),
        salience=rng.uniform(0.05, 0.6, (n, k)),
        name=f"synthetic-{n}x{k}",
    )


def load(case: str) -> SpatialData:
    return synthetic() if case == "a500" else load_spatial_data(DATA / FILES[case])


def peak_rss_mb() -> float:
    """The process's peak resident memory in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(case: str, name: str, repeat: int) -> dict[str, object]:
    data = load(case)
    model = build_model(name)
    runs = 1 if name in ("smp", "expected_utility", "exchange") else repeat
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = model.forecast(data)
        best = min(best, time.perf_counter() - start)
    return {
        "case": case,
        "actors": data.n_actors,
        "dims": data.n_dimensions,
        "model": name,
        "seconds": round(best, 4),
        "rounds": result.rounds,
        "converged": result.converged,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (dynamic: 1 run)")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated models")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument(
        "--isolate", action="store_true", help="one process per case and model (own peak)"
    )
    parser.add_argument(
        "--no-record", action="store_true", help="print only (used by --isolate's children)"
    )
    args = parser.parse_args()
    lines: list[dict[str, object]] = []
    for case in args.cases.split(","):
        for name in args.models.split(","):
            if not args.isolate:
                line = run(case, name, args.repeat)
            else:
                cmd = [sys.executable, __file__, "--cases", case, "--models", name, "--no-record"]
                cmd += ["--repeat", str(args.repeat)]
                out = subprocess.run(cmd, capture_output=True, text=True, check=True)
                line = json.loads(out.stdout.strip().splitlines()[-1])
            lines.append(line)
            print(json.dumps(line), flush=True)
    if args.no_record:
        return
    dynamic = ("smp", "expected_utility", "exchange")

    def key(case: object) -> str:  # the file's stem, as the docs' figure keys name it
        return str(FILES.get(str(case), case)).removesuffix(".csv")

    figures = {
        f"{line['model']}_{key(line['case'])}": Figure(
            float(str(line["seconds"])),
            "s",
            f"{float(str(line['seconds'])):.2g} s",
            f"{line['model']} model on {key(line['case'])} ({line['actors']} actors, "
            f"{line['dims']} dimensions, {line['rounds']} rounds): computation only, best of "
            f"{1 if line['model'] in dynamic else args.repeat} run(s); process peak "
            f"{line['peak_rss_mb']} MB"
            + (" (own process)" if args.isolate else " (all runs so far)"),
        )
        for line in lines
    }
    record("forecast", figures, details={"runs": lines})


if __name__ == "__main__":
    main()
