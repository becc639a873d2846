"""Copy the figures of ``benchmarks/results.json`` into the README and docs.

A figure is quoted in Markdown as ``<!-- fig BENCH.KEY -->TEXT<!-- /fig -->``; this script
rewrites TEXT from the file (``--check`` only reports what differs, exit code 1).

Run: ``python benchmarks/render_figures.py`` after a benchmark has recorded new figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
MARK = re.compile(r"<!-- fig ([\w.-]+) -->(.*?)<!-- /fig -->", re.S)


def documents() -> list[Path]:
    """The files that may quote figures."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def figures() -> dict[str, str]:
    """``"bench.key"`` to the text the docs show."""
    data = json.loads(RESULTS.read_text())
    return {
        f"{bench}.{key}": fig["text"]
        for bench, entry in data["benchmarks"].items()
        for key, fig in entry["figures"].items()
    }


def render(text: str, known: dict[str, str], where: str = "") -> str:
    """``text`` with every marked figure replaced by its quote; an unknown key is an error."""

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in known:
            raise SystemExit(f"{where}: figure {key!r} is not in {RESULTS.name}")
        return f"<!-- fig {key} -->{known[key]}<!-- /fig -->"

    return MARK.sub(one, text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report differences, change nothing")
    args = ap.parse_args()
    known = figures()
    stale = []
    for path in documents():
        old = path.read_text()
        new = render(old, known, str(path.relative_to(ROOT)))
        if new != old:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.write_text(new)
    verb = "differ from" if args.check else "rewritten from"
    for p in stale:
        print(f"{p}: figures {verb} {RESULTS.name}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
