"""Time every forecasting model on KTAB's synthetic scenarios; prints one JSON line per run.

Run from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_forecast.py [--repeat N]

Reference (issue 7): KTAB's own C++ SMP, -O2, 2 cores, database output off: 3.1 s, 34.6 s
and about 800 s for 40, 80 and 160 actors; 1.3 s for 27 x 6 (not measured here). Records the
SMP times in benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from _results import Figure, record
from accord.api import load_spatial_data
from accord.forecast.registry import MODELS, build_model

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "forecast"
CASES = ("dummyData-a040.csv", "dummyData-a080.csv", "dummyData-a160.csv", "dummyData_6Dim.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (SMP: 1 run)")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated models")
    args = parser.parse_args()
    lines = []
    for case in CASES:
        data = load_spatial_data(DATA / case)
        for name in args.models.split(","):
            model = build_model(name)
            runs = 1 if name == "smp" else args.repeat
            best = float("inf")
            for _ in range(runs):
                start = time.perf_counter()
                result = model.forecast(data)
                best = min(best, time.perf_counter() - start)
            line = {
                "case": case.removesuffix(".csv"),
                "actors": data.n_actors,
                "dims": data.n_dimensions,
                "model": name,
                "seconds": round(best, 4),
                "rounds": result.rounds,
                "converged": result.converged,
                "python": platform.python_version(),
            }
            lines.append(line)
            print(json.dumps(line), flush=True)
    figures = {
        f"{line['model']}_{line['case']}": Figure(
            line["seconds"],
            "s",
            f"{line['seconds']:.2g} s",
            f"{line['model']} model on KTAB's {line['case']} ({line['actors']} actors, "
            f"{line['dims']} dimensions, {line['rounds']} rounds): computation only, best of "
            f"{1 if line['model'] == 'smp' else args.repeat} run(s)",
        )
        for line in lines
    }
    record("forecast", figures, details={"runs": lines})


if __name__ == "__main__":
    main()
