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


def test_readme_minimal_scenario_file_loads_as_described() -> None:
    from accord.bargaining.analysis import analyze
    from accord.scenario import loads_scenario
    from accord.scenario.negotiation.model import NoDealBasis

    text = (ROOT / "README.md").read_text()
    start = text.index("A minimal file:\n\n```yaml\n") + len("A minimal file:\n\n```yaml\n")
    block = text[start : text.index("```", start)]
    sc = loads_scenario(block, "README.md")
    b = sc.actor("b")
    assert b.no_deal is not None and b.no_deal.basis is NoDealBasis.status_quo
    assert b.stated is not None and sc.notes == ()
    assert analyze(sc).history is not None
