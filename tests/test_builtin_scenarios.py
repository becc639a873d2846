"""End to end: the built-in scenarios come out as they did in history, for stated reasons."""

from __future__ import annotations

from accord.api import analyze_scenario
from accord.scenario.negotiation.model import NoDealBasis


def test_hanoi_2019_no_agreement_for_reasons_the_model_finds() -> None:
    a = analyze_scenario()  # the default scenario
    assert a.scenario.title.startswith("Hanoi summit")
    assert not a.verdict.agreement_possible
    assert a.verdict.headline == "No agreement"
    assert a.history is not None and a.history.matches
    # walk-away values are what no agreement is worth (the status quo), not the stated offers
    for p in a.scenario.principals:
        assert p.no_deal is not None and p.no_deal.basis is NoDealBasis.status_quo
        assert p.stated is not None and p.no_deal.sources
    assert a.scenario.status_quo is not None and a.scenario.status_quo.sources
    # what binds: the negotiators could agree, their home fronts veto; Congress is pivotal
    b = a.binding
    assert b is not None and b.causes[0] == "ratification"
    assert b.leaders_agree > 0 and b.in_every_winset == 0
    assert a.winsets is not None
    assert [r.ratifier for r in a.winsets.ratifiers if r.pivotal] == ["congress"]
    text = " ".join(a.verdict.reasons)
    assert text.startswith("What blocks a deal: ratification at home")
    assert "Pivotal ratifier: US Congress" in text
    # the stated offers are tested through the one predicate, not assumed to be limits
    dprk_offer = dict(a.stated)["dprk"]
    assert not dprk_offer.acceptable and "no_major_relief_without_full_freeze" in dprk_offer.broken
    assert "North Korea's stated position fails" in text
    # and the red lines each side holds are named with what they rule out
    assert {r.holder for r in b.red_lines} == {"us", "dprk"}


def test_singapore_2018_agreement_on_the_recorded_package() -> None:
    a = analyze_scenario("singapore-2018")
    assert a.verdict.agreement_possible
    assert a.zopa.size > 0
    nash = next(s for s in a.solutions if s.concept == "nash")
    assert a.scenario.outcome is not None and a.scenario.outcome.package is not None
    assert nash.package == dict(a.scenario.outcome.package)
    assert a.history is not None and a.history.matches
    assert a.history.package_issues_matched == a.history.package_issues_recorded == 7
    assert any("point to" in r for r in a.verdict.reasons)


def test_six_party_2007_agreement_explained() -> None:
    a = analyze_scenario("six-party-2007")
    assert a.verdict.agreement_possible and len(a.scenario.principals) == 6
    assert a.history is not None and a.history.matches
    recorded = a.scenario.outcome.package if a.scenario.outcome is not None else None
    assert recorded is not None
    nash = next(s for s in a.solutions if s.concept == "nash")
    # Japan pays nothing and the abductions go to the working group in the Nash package too:
    # the two red lines (Japan's and the DPRK's) leave no package in which Japan pays
    assert nash.package["japan_aid"] == recorded["japan_aid"] == "withheld"
    assert nash.package["abductions"] == recorded["abductions"] == "working_group"
    # the recorded package is in the zone of possible agreement
    cols = {tuple(int(x) for x in a.space.options(int(c))[0]) for c in a.zopa}
    assert a.scenario.package_indices(recorded) in cols
