"""The ``deal:`` link of a phasing document to its scenario, and the reimposition cost:
located errors for what cannot be right, and the built-ins' links to their scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.api._deal_case import package, write_case

from accord.errors import ScenarioError
from accord.scenario import load_scenario
from accord.scenario.phasing.loader import (
    builtin_phasing_names,
    parse_phasing_document,
    read_phasing_file,
)


def problems_of(path: Path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ScenarioError) as info:
        read_phasing_file(path)
    return [(p.path, p.line, p.message) for p in info.value.problems]


def deal_line(path: Path) -> int:
    """1-based line of ``deal:`` in the file (the package is on the next line)."""
    return path.read_text(encoding="utf-8").splitlines().index("deal:") + 1


def test_a_good_deal_loads(tmp_path: Path) -> None:
    loaded = read_phasing_file(write_case(tmp_path, package("full", "some")))
    assert loaded.notes == ()
    assert loaded.doc.deal is not None
    assert loaded.doc.deal.package == {"freeze": "full", "relief": "some"}
    assert loaded.scenario_path == tmp_path / "two-issues.yaml"


def test_unknown_issue_is_located_and_lists_the_issues(tmp_path: Path) -> None:
    deal = "  package: {freeze: full, relief: some, colour: red}\n"
    f = write_case(tmp_path, deal)
    [(path, line, msg)] = problems_of(f)
    assert path == "deal.package.colour" and line == deal_line(f) + 1
    assert "unknown issue 'colour'" in msg and "freeze, relief" in msg


def test_unknown_option_is_located_and_lists_the_options(tmp_path: Path) -> None:
    f = write_case(tmp_path, package("full", "most"))
    [(path, line, msg)] = problems_of(f)
    assert path == "deal.package.relief" and line == deal_line(f) + 1
    assert "unknown option 'most'" in msg and "none, some, all" in msg


def test_a_no_deal_only_option_cannot_be_a_deal(tmp_path: Path) -> None:
    [(path, _, msg)] = problems_of(write_case(tmp_path, package("none", "some")))
    assert path == "deal.package.freeze"
    assert "`no_deal_only`" in msg and "on the table: partial, full" in msg


def test_an_incomplete_deal_names_what_is_missing(tmp_path: Path) -> None:
    f = write_case(tmp_path, "  package: {freeze: full}\n")
    [(path, line, msg)] = problems_of(f)
    assert path == "deal.package" and line == deal_line(f) + 1
    assert "every issue of scenario 'two-issues.yaml'" in msg and "missing: relief" in msg


def test_a_deal_needs_its_package_and_no_other_keys(tmp_path: Path) -> None:
    found = {p for p, _, _ in problems_of(write_case(tmp_path, "  note: which one?\n"))}
    assert found == {"deal.package"}
    f = write_case(tmp_path, package("full", "some") + "  terms: secret\n")
    [(path, _, msg)] = problems_of(f)
    assert path == "deal.terms" and "unknown key" in msg


def test_a_reimposition_cost_needs_something_to_take_back(tmp_path: Path) -> None:
    text = write_case(tmp_path, None).read_text(encoding="utf-8")
    bad = text.replace("value: {dprk: 4},", "value: {dprk: 4}, reimposition_cost: 1,")
    with pytest.raises(ScenarioError) as info:
        parse_phasing_document(bad, "p.yaml")
    [problem] = info.value.problems
    assert problem.path == "actions[1].reimposition_cost" and problem.line == 11
    assert "reversibility 0" in problem.message
    ok = bad.replace("reimposition_cost: 1,", "reimposition_cost: 1, reversibility: 0.5,")
    assert parse_phasing_document(ok, "p.yaml").actions[1].reimposition_cost == 1.0


def test_the_builtins_name_their_deal_and_it_is_the_scenario_package() -> None:
    for name in builtin_phasing_names():
        loaded = read_phasing_file(name)
        assert loaded.doc.deal is not None, name
        assert loaded.doc.deal.note and loaded.doc.deal.source, name
    # Six-Party: the package the scenario records as agreed
    six = read_phasing_file("six-party-2007").doc.deal
    outcome = load_scenario("six-party-2007").outcome
    assert six is not None and outcome is not None and outcome.package is not None
    assert six.package == dict(outcome.package)
    # Hanoi: the DPRK's offer, the position the scenario gives the DPRK
    hanoi = read_phasing_file("hanoi-2019").doc.deal
    dprk = load_scenario("hanoi-2019").actor("dprk")
    offer = dprk.stated.package if dprk.stated is not None else dprk.reservation_package
    assert hanoi is not None and offer is not None and hanoi.package == dict(offer)


def test_no_builtin_escrows_what_nobody_holds_in_trust() -> None:
    """UN relief cannot be escrowed (no UN mechanism does it), nor undelivered aid."""
    for name in builtin_phasing_names():
        for a in read_phasing_file(name).doc.actions:
            assert not a.escrow, f"{name}: {a.id}"
            if a.reimposition_cost:
                assert "DERIVED" in a.note and a.source, f"{name}: {a.id}"
