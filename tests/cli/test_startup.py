"""Start-up stays cheap: the command line's modules load no heavy library until a command
needs it (``accord --help`` must stay fast; see benchmarks/bench_startup.py for the times)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")

HEAVY = (
    "scipy.stats",
    "matplotlib",
    "pandas",
    "fastapi",
    "uvicorn",
    "jinja2",
    "starlette",
    "dask",
    "sqlalchemy",
    "pyarrow",
    "plotly",
    "numpy",  # 0.1-0.15 s of CPU by itself: --help and list do without it
    "scipy",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = _loaded_after("import accord.cli.app")
    assert "accord.cli.app" in loaded
    assert _heavy(loaded) == []


def test_help_loads_no_heavy_module() -> None:
    code = (
        "import contextlib, io\nfrom accord.cli.app import app\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    app(['--help'])"
    )
    assert _heavy(_loaded_after(code)) == []


def test_list_reads_the_files_only() -> None:
    loaded = _loaded_after("from accord import api\napi.list_scenarios()")
    assert "yaml" in loaded  # the probe did run the listing
    assert _heavy(loaded) == []
    assert "pydantic" not in loaded and "numpy" not in loaded


def test_the_probe_sees_a_heavy_import() -> None:
    assert _heavy(_loaded_after("import scipy.stats")) != []
