"""The README starts with the two command lines, and CI runs the test line verbatim."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_starts_with_two_commands_and_ci_runs_the_second() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert lines[0] == "python3 -m pip install . && accord run"
    assert lines[1] == "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert lines[2] == ""
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert lines[1] in ci
