"""One results file for every benchmark: ``benchmarks/results.json``.

Each benchmark script records its figures here with the machine, the date and the command that
produced them, and each figure says what it measures (identical or distinct runs; the
computation or the whole process; tracemalloc's count or the process's peak). The README's and
docs' performance figures are copied from this file by ``benchmarks/render_figures.py`` into
marked places (``<!-- fig KEY -->TEXT<!-- /fig -->``); ``tests/test_figures.py`` checks that
every marked figure quotes the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shlex
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results.json")


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure.

    ``text`` is how the docs quote it (``"0.18 s"``); ``measures`` says what was measured and
    how (``"accord --help as a whole process: CPU time, user + sys, median of 9 runs"``).
    """

    value: float
    unit: str
    text: str
    measures: str


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = "unknown"
    import numpy

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        # other jobs on a shared machine slow every figure: the 1-minute load when recorded
        "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def record(name: str, figures: dict[str, Figure], *, details: dict[str, Any] | None = None) -> None:
    """Replace the entry ``name`` of the results file with ``figures`` (and raw ``details``)."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"benchmarks": {}}
    data["benchmarks"][name] = {
        "command": "python " + " ".join(shlex.quote(a) for a in sys.argv),
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "figures": {k: asdict(v) for k, v in figures.items()},
        **({"details": details} if details else {}),
    }
    data["benchmarks"] = dict(sorted(data["benchmarks"].items()))
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(f"recorded {len(figures)} figures as {name!r} in {RESULTS}", file=sys.stderr)
