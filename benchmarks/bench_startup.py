"""Start-up cost of the command line: CPU time of three quick commands, and what imports cost.

Each command runs as a whole process (``python -m accord ...``, this checkout's ``src`` first
on the path) after one warm-up; the CPU time (user + sys, from the operating system's
accounting of the finished child) of each run is recorded and the median quoted. The goal is
under 0.3 s for each. Then ``python -X importtime`` lists the ten modules whose own import
time is largest for ``accord validate hanoi-2019``.

Run: ``python benchmarks/bench_startup.py [--runs 9]`` (records in benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from _results import Figure, record

SRC = Path(__file__).resolve().parents[1] / "src"
COMMANDS = {
    "help": ["--help"],
    "list": ["list"],
    "validate": ["validate", "hanoi-2019"],
}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def cpu_seconds(args: list[str]) -> float:
    """User + sys CPU seconds of one finished ``python -m accord ARGS`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "accord", *args],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_top_ten(args: list[str]) -> list[tuple[str, float]]:
    """The ten modules with the largest own import time (ms) for ``python -m accord ARGS``."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "accord", *args],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            rows.append((m.group(2), int(m.group(1)) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:10]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="counted runs per command")
    args = ap.parse_args()
    figures = {}
    times = {}
    for name, argv in COMMANDS.items():
        cpu_seconds(argv)  # warm-up: file caches, .pyc files
        runs = [cpu_seconds(argv) for _ in range(args.runs)]
        times[name] = runs
        med = statistics.median(runs)
        figures[f"{name}_cpu"] = Figure(
            value=round(med, 3),
            unit="s",
            text=f"{med:.2f} s",
            measures=f"`accord {' '.join(argv)}` as a whole process: CPU time (user + sys), "
            f"median of {args.runs} runs",
        )
        print(
            f"accord {' '.join(argv):22} CPU median {med:.3f} s  (min {min(runs):.3f}, "
            f"max {max(runs):.3f})"
        )
    top = import_top_ten(COMMANDS["validate"])
    print("\n-X importtime, `accord validate hanoi-2019`, largest own import times:")
    for mod, ms in top:
        print(f"  {ms:7.1f} ms  {mod}")
    record(
        "startup",
        figures,
        details={
            "cpu_seconds_per_run": {k: [round(x, 4) for x in v] for k, v in times.items()},
            "importtime_top_ten_ms_validate": [[m, round(ms, 1)] for m, ms in top],
        },
    )


if __name__ == "__main__":
    main()
