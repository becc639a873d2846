"""Run every benchmark that records into benchmarks/results.json, then copy the figures into
the README and docs.

Run on a machine as quiet as you can get (each entry records the load it ran under)::

    . .ci/postgres.sh   # optional: a throwaway PostgreSQL for the ledger benchmark
    python benchmarks/run_all.py [--negmas-python PATH]

``--negmas-python`` names a Python that has both accord and NegMAS (a separate environment);
it runs ``bench_negotiate.py`` and ``compare_negmas.py`` so that NegMAS is measured in the same
run. Without it, the NegMAS figures already in the file are kept and say that they come from
an earlier run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--negmas-python", help="a Python with accord and NegMAS installed")
    args = ap.parse_args()
    py = sys.executable
    nm = args.negmas_python or py
    runs = [
        (py, ["bench_startup.py"]),
        (py, ["bench_analysis.py"]),
        (py, ["bench_space.py", "--max-k", "6", "--enumerate-max-k", "6"]),
        (nm, ["bench_negotiate.py"]),
        (py, ["bench_phasing.py"]),
        (py, ["bench_forecast.py"]),
        (py, ["bench_track.py"]),  # PostgreSQL too when ACCORD_TEST_POSTGRES_URL is set
    ]
    if args.negmas_python:
        runs.append((nm, ["compare_negmas.py", "--k", "5", "6", "--parties", "2", "3"]))
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    for python, argv in runs:
        print(f"== {Path(python).name} {' '.join(argv)}", flush=True)
        subprocess.run([python, str(HERE / argv[0]), *argv[1:]], env=env, check=True)
    subprocess.run([py, str(HERE / "render_figures.py")], check=True)


if __name__ == "__main__":
    main()
