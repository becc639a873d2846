"""End to end: the built-in scenarios come out as they did in history, for stated reasons."""

from __future__ import annotations

from accord.api import analyze_scenario


def test_hanoi_2019_no_agreement_explained_by_issues() -> None:
    a = analyze_scenario()  # the default scenario
    assert a.scenario.title.startswith("Hanoi summit")
    assert not a.verdict.agreement_possible
    assert a.verdict.headline == "No agreement"
    assert a.history is not None and a.history.matches
    text = " ".join(a.verdict.reasons)
    # the reasons are about the issues: the scope the US required against the relief asked
    assert "Scope of denuclearization" in text and "Sanctions relief" in text
    assert "5 of 11 UN resolutions" in text and "all of Yongbyon" in text
    d = a.diagnosis
    assert d is not None
    gaps = [g.issue for g in d.gaps[:3]]
    assert "scope" in gaps and "sanctions" in gaps
    # both sides fall short of their bottom line, each with the best the other accepts
    assert all(s.shortfall is not None and s.shortfall > 0 for s in d.shortfalls)
    assert d.concession is not None and d.concession.total > 0


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
