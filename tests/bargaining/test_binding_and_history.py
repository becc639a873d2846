"""What binds, and the history check, on hand-built scenarios whose answers are worked out by
hand in the comments; the sentences the verdict carries are asserted word for word."""

from __future__ import annotations

from typing import Any

import pytest
from tests.bargaining._twolevel_factory import build, issues_doc, pref_doc

from accord.bargaining.analysis import analyze

XS = [0.0, 0.25, 0.5, 0.75, 1.0]


def doc(
    us: float = 0.2,
    dprk: float = 0.2,
    congress: float | None = None,
    red_line: str | None = None,
    outcome: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One issue x in XS: the US values x, North Korea 1 - x."""
    d: dict[str, Any] = {
        "accord": 1,
        "title": "one issue",
        "actors": [
            {"id": "us", "name": "United States", "role": "principal", "no_deal": us},
            {"id": "dprk", "name": "North Korea", "role": "principal", "no_deal": dprk},
        ],
        "issues": issues_doc((5,)),
        "preferences": {
            "us": pref_doc((5,), [1.0], [XS]),
            "dprk": pref_doc((5,), [1.0], [[1 - x for x in XS]]),
        },
    }
    if congress is not None:
        d["actors"].append(
            {
                "id": "congress",
                "name": "Congress",
                "role": "ratifier",
                "of": "us",
                "threshold": congress,
            }
        )
        d["preferences"]["congress"] = pref_doc((5,), [1.0], [XS])
    if red_line is not None:
        d["constraints"] = [
            {
                "id": "rl",
                "then": {"issue": "i0", "at_most": red_line},
                "reason": "r",
                "held_by": "dprk",
            }
        ]
    if outcome is not None:
        d["outcome"] = outcome
    return d


def test_ratification_binds_and_the_pivotal_ratifier_is_named() -> None:
    # the negotiators accept x in {.25, .5, .75}; Congress ratifies only x = 1, which the
    # DPRK refuses: no deal, and without Congress three packages would be in both win-sets
    a = analyze(build(doc(congress=0.9)))
    b = a.binding
    assert b is not None
    assert (b.causes, b.leaders_agree, b.in_every_winset) == (("ratification",), 3, 0)
    assert a.winsets is not None
    (r,) = a.winsets.ratifiers
    assert r.pivotal and r.binding and r.vetoes == 3
    assert a.verdict.reasons[0] == (
        "What blocks a deal: ratification at home (Putnam's involuntary defection) — the "
        "negotiators themselves could agree on 3 packages, which their ratifiers veto."
    )
    assert "Pivotal ratifier: Congress — without it alone the win-sets would meet." in (
        a.verdict.reasons
    )


def test_a_binding_ratifier_that_is_not_pivotal() -> None:
    # Congress at .6 ratifies x >= .75 (two of the three packages): a deal, but a smaller one
    a = analyze(build(doc(congress=0.6)))
    assert a.verdict.agreement_possible and a.zopa.size == 1  # x = .75 (x = 1 leaves dprk 0)
    assert a.winsets is not None
    (r,) = a.winsets.ratifiers
    assert r.binding and not r.pivotal
    assert (
        "Binding ratifiers (removing one would enlarge the zone of agreement): Congress."
        in a.verdict.reasons
    )
    assert not any(s.startswith("Pivotal ratifier") for s in a.verdict.reasons)


def test_red_lines_bind_and_lifting_one_is_counted() -> None:
    # the DPRK's red line allows only x = 0, which the US (needing x >= .2) refuses
    a = analyze(build(doc(red_line="o0")))
    b = a.binding
    assert b is not None and b.causes == ("red_lines",)
    (rl,) = b.red_lines
    assert (rl.holder, rl.excludes, rl.opens) == ("dprk", 4, 3)
    assert (
        "Red line of North Korea (rl): rules out 4 packages that no other constraint rules "
        "out; lifting it alone would put 3 packages in every win-set." in a.verdict.reasons
    )


def test_no_deal_values_bind_when_nothing_can_be_lifted() -> None:
    a = analyze(build(doc(us=0.8, dprk=0.8)))
    assert a.binding is not None and a.binding.causes == ("no_deal_values",)
    assert a.verdict.reasons[0].startswith("What blocks a deal: the no-deal values themselves")


def test_a_deal_reports_how_far_each_no_deal_value_can_rise() -> None:
    # zone x in {.25, .5, .75}: the US gains at most .75 - .2 = .55, the DPRK the same
    a = analyze(build(doc()))
    assert a.binding is not None
    assert a.binding.margins == pytest.approx({"us": 0.55, "dprk": 0.55})
    assert any("United States by 0.550 and North Korea by 0.550" in r for r in a.verdict.reasons)


def test_history_catches_a_recorded_deal_below_a_no_deal_value() -> None:
    # a deal exists (x = .75 for a US needing .6), but the recorded x = .5 is worth .5 < .6
    rec = {"agreement": True, "package": {"i0": "o2"}}
    a = analyze(build(doc(us=0.6, outcome=rec)))
    h = a.history
    assert h is not None and a.verdict.agreement_possible
    assert h.verdict_agrees and not h.matches
    assert h.package_check is not None and not h.package_check.side("us").accepts
    assert "accord agrees on the verdict but NOT on the recorded package" in h.text
    assert "United States REFUSES it (0.500 against its no-deal value 0.600)" in h.text


def test_history_ranks_and_what_was_left_on_the_table() -> None:
    # zone x in {.25, .5, .75}; recorded x = .75: Nash products .1875, .25, .1875 -> rank 2
    # (tied with .25); utilitarian sums all 1 -> rank 1 (a tie is shared)
    rec = {"agreement": True, "package": {"i0": "o3"}}
    a = analyze(build(doc(us=0.0, dprk=0.0, outcome=rec)))
    h = a.history
    assert h is not None and h.matches
    ranks = {r.concept: r.rank for r in h.ranks}
    assert ranks["nash"] == 2 and ranks["utilitarian"] == 1 and ranks["egalitarian"] == 2
    assert h.improvements == ()  # on one divisible issue nothing is better for both


def test_history_lists_packages_every_side_prefers() -> None:
    # two issues; the recorded (o0, o0) gives each .0; (o1, o1) gives each .5, and (o1, o0),
    # (o0, o1) give one side .5 and the other nothing: all three leave no side worse off
    # (Raiffa's post-settlement settlement); the best by the Nash product over the record
    # is (o1, o1)
    d: dict[str, Any] = {
        "accord": 1,
        "title": "two issues",
        "actors": [
            {"id": "a", "role": "principal", "no_deal": 0.0},
            {"id": "b", "role": "principal", "no_deal": 0.0},
        ],
        "issues": issues_doc((2, 2)),
        "preferences": {
            "a": pref_doc((2, 2), [1.0, 1.0], [[0.0, 1.0], [0.0, 0.0]]),
            "b": pref_doc((2, 2), [1.0, 1.0], [[0.0, 0.0], [0.0, 1.0]]),
        },
        "outcome": {"agreement": True, "package": {"i0": "o0", "i1": "o0"}},
    }
    h = analyze(build(d)).history
    assert h is not None and h.matches
    assert len(h.improvements) == 3
    assert h.improvements[0].package == {"i0": "o1", "i1": "o1"}
    assert h.improvements[0].gains == pytest.approx({"a": 0.5, "b": 0.5})
    assert "The parties left something on the table: at least 3 packages" in h.text


def test_whatif_lifts_a_red_line() -> None:
    from accord.bargaining.whatif import what_if

    w = what_if(build(doc(red_line="o0")), {"red_line.rl": "lifted"})
    assert not w.base.verdict.agreement_possible and w.changed.verdict.agreement_possible
    assert w.changes[0].key == "red_line.rl"
    with pytest.raises(Exception, match="not a red line"):
        what_if(build(doc(red_line="o0")), {"red_line.nope": "lifted"})


def test_remedies_include_a_side_accepting_what_its_red_line_rules_out() -> None:
    from accord.bargaining.remedies import search_remedies

    s = search_remedies(build(doc(red_line="o0")))
    top = s.remedies[0]
    assert [c.key for c in top.changes] == ["red_line.rl"] and top.verified
    assert top.changes[0].text.startswith("North Korea accepted '")
    assert "(lifting its red line rl)" in top.changes[0].text


def test_a_no_deal_value_moved_below_every_package_is_allowed_with_a_note() -> None:
    # a lever lowers the DPRK's no-deal value from .05 to -.15, below its worst package (0):
    # allowed (GENIUS files have negative reservations too), and said, since every solution
    # then measures the DPRK's gains from -.15
    d = doc(dprk=0.05)
    d["actors"].append(
        {
            "id": "plo",
            "role": "third_party",
            "levers": [
                {
                    "id": "squeeze",
                    "settings": ["now", "off"],
                    "current": "now",
                    "effects": {"now": [{"target": "dprk", "no_deal": -0.2}]},
                }
            ],
        }
    )
    a = analyze(build(d))
    assert a.space.reservations[1] == pytest.approx(-0.15)
    assert any(
        n.startswith("Note: North Korea's no-deal value -0.150 is below its worst feasible")
        for n in a.notes
    )
