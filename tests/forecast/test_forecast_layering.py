"""Layering: the core (scenario, forecast, api) imports neither matplotlib nor typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

CODE = """
import sys
import accord.scenario.spatial.loader, accord.scenario.spatial.readers.ktab_xml, accord.forecast
import accord.api._forecast
bad = sorted(m for m in ("matplotlib", "typer", "rich") if m in sys.modules)
print(",".join(bad))
"""


def test_core_does_not_import_front_end_libraries() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    )
    assert out.stdout.strip() == ""


def test_report_imports_matplotlib_only_when_plotting() -> None:
    code = "import sys, accord.report.forecast; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    )
    assert out.stdout.strip() == "False"
