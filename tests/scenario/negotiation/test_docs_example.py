"""The two-level example in docs/ loads and behaves as docs/two-level-games.md says."""

from __future__ import annotations

from pathlib import Path

from accord.bargaining.analysis import analyze
from accord.bargaining.whatif import what_if
from accord.scenario import load_scenario

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "two-level.yaml"


def test_docs_example_deal_and_the_lever_that_kills_it() -> None:
    sc = load_scenario(EXAMPLE)
    a = analyze(sc)
    assert a.verdict.agreement_possible and a.zopa.size == 1
    w = what_if(sc, {"c.subsidies": "some"})
    assert not w.changed.verdict.agreement_possible
    d = w.diff()["winsets"]
    assert (d["base"]["b"]["winset"], d["changed"]["b"]["winset"]) == (6, 3)
