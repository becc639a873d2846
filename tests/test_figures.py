"""The performance figures of the README and docs/ quote benchmarks/results.json, and every
figure there says what it measures and where it was measured."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = json.loads((ROOT / "benchmarks" / "results.json").read_text())

spec = importlib.util.spec_from_file_location(
    "render_figures", ROOT / "benchmarks" / "render_figures.py"
)
assert spec is not None and spec.loader is not None
render_figures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render_figures)


def test_every_quoted_figure_is_the_one_in_the_results_file() -> None:
    known = render_figures.figures()
    quoted = 0
    for path in render_figures.documents():
        text = path.read_text()
        for key, shown in render_figures.MARK.findall(text):
            assert key in known, f"{path.name}: {key} is not in benchmarks/results.json"
            assert shown == known[key], (
                f"{path.name}: {key} shows {shown!r}, the file says {known[key]!r} "
                "(run python benchmarks/render_figures.py)"
            )
            quoted += 1
    assert quoted >= 30


def test_the_performance_tables_quote_the_file_in_every_row() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Performance") : readme.index("## Development")]
    rows = [r for r in section.splitlines() if r.startswith("| `python benchmarks/")]
    assert len(rows) >= 7
    for row in rows:
        assert "<!-- fig " in row, row
    sim = (ROOT / "docs" / "simulation.md").read_text()
    rates = [r for r in sim.splitlines() if r.startswith("| accord") or r.startswith("| NegMAS")]
    assert rates and all("<!-- fig negotiate." in r for r in rates)


def test_no_typed_rate_or_memory_figure_outside_the_marks() -> None:
    """A number with a rate or memory unit in a performance passage comes from the file."""
    pattern = re.compile(r"\d[\d,.]*\s*(?:/s|MiB|MB|GB|negotiations/s)\b")
    for name in ("README.md", "docs/simulation.md", "docs/scale.md"):
        text = render_figures.MARK.sub("", (ROOT / name).read_text())
        text = text.replace("10 MiB", "").replace("256 MiB", "")  # limits, not measurements
        assert not pattern.findall(text), (name, pattern.findall(text))


def test_each_benchmark_entry_says_where_and_how() -> None:
    assert RESULTS["benchmarks"]
    for name, entry in RESULTS["benchmarks"].items():
        assert entry["command"].startswith("python "), name
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", entry["date"]), name
        assert {"cpu", "cores", "python", "numpy"} <= set(entry["machine"]), name
        for key, fig in entry["figures"].items():
            assert set(fig) == {"value", "unit", "text", "measures"}, (name, key)
            assert fig["measures"] and fig["text"], (name, key)


def test_figures_that_could_be_confused_say_which_they_are() -> None:
    for bench, entry in RESULTS["benchmarks"].items():
        for key, fig in entry["figures"].items():
            measures, where = fig["measures"], f"{bench}.{key}"
            if bench == "negotiate":
                assert "identical runs" in measures or "distinct runs" in measures, where
            if fig["unit"] == "MiB":  # what the analysis allocated, or what the process held
                assert "tracemalloc" in measures or "whole-process" in measures, where
            else:  # a time or a rate: of the computation, or of the whole process
                assert "computation only" in measures or "whole process" in measures, where
