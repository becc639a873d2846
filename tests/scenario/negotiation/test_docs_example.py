"""The two-level example in docs/ loads and behaves as docs/two-level-games.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

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


WALK_AWAY = EXAMPLE.parent / "walk-away.yaml"


def test_walk_away_example_deal_on_the_status_quo_none_on_the_stated_positions(
    tmp_path: Path,
) -> None:
    # docs/two-level-games.md section 1, worked by hand: the status quo is worth .3 to each
    # side; five of the nine packages give each at least .3; full relief for a full freeze
    # gives each .7 (a gain of .4); the stated positions are worth .85 to their authors
    a = analyze(load_scenario(WALK_AWAY))
    assert a.verdict.agreement_possible and a.zopa.size == 5
    assert all(p.reservation == pytest.approx(0.3) for p in a.scenario.principals)
    nash = next(s for s in a.solutions if s.concept == "nash")
    assert nash.package == {"relief": "full", "freeze": "full"}
    assert nash.gains == pytest.approx({"us": 0.4, "dprk": 0.4})
    text = WALK_AWAY.read_text()
    for who in ("US", "DPRK"):
        old = (
            "    no_deal:\n      status_quo: true\n"
            f"      note: What the {who} gets if it walks away - the status quo.\n"
            "      source: toy\n"
        )
        assert old in text
        text = text.replace(old, "    no_deal: {use_stated: true, reason: taken at its word}\n")
    f = tmp_path / "stated.yaml"
    f.write_text(text)
    b = analyze(load_scenario(f))
    assert all(p.reservation == pytest.approx(0.85) for p in b.scenario.principals)
    assert not b.verdict.agreement_possible
    assert b.binding is not None and b.binding.causes == ("no_deal_values",)
