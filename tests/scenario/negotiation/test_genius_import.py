"""GENIUS import and export: semantics, located errors, refused entities, round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.bargaining.analysis import analyze
from accord.errors import InputError, ScenarioError
from accord.scenario import load_scenario
from accord.scenario.negotiation.genius_export import export_genius
from accord.scenario.negotiation.genius_import import genius_document, import_genius, read_domain
from accord.scenario.negotiation.model import Scenario

DATA = Path(__file__).parents[2] / "data" / "genius"
DOMAIN = DATA / "holiday_domain.xml"
PROFILES = [DATA / "holiday_party1.xml", DATA / "holiday_party2.xml"]


def _problems(domain: Path, profiles: list[Path]) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        import_genius(domain, profiles)
    return [str(p) for p in exc.value.problems]


def test_domain_issues_and_items() -> None:
    issues = read_domain(DOMAIN)
    assert [i.name for i in issues] == ["Destination", "Duration", "Accommodation"]
    assert issues[0].items == ("Beach", "Mountains", "City trip", "Countryside")
    assert [i.index for i in issues] == [1, 2, 3]


def test_genius_semantics_divide_by_the_issue_maximum() -> None:
    _, sc = import_genius(DOMAIN, PROFILES)
    p1 = sc.preferences["holiday_party1"]
    # evaluations 10, 4, 7, 1 -> divided by 10
    assert np.allclose(p1.values[0], [1.0, 0.4, 0.7, 0.1])
    # evaluations 1, 8, 6 -> divided by 8
    assert np.allclose(p1.values[2], [0.125, 1.0, 0.75])
    assert np.allclose(p1.weights, [0.5, 0.2, 0.3])
    p2 = sc.preferences["holiday_party2"]
    assert np.allclose(p2.values[0], np.array([0.2, 0.9, 0.6, 0.7]) / 0.9)
    assert sc.actor("holiday_party1").reservation == 0.4
    assert sc.actor("holiday_party2").reservation == 0.3
    assert "discount factor 0.9" in sc.description
    # labels keep the GENIUS item values; ids are valid accord ids
    assert sc.issues[1].options[0].label == "1 week"
    assert sc.issues[1].options[0].id == "x_1_week"


def test_imported_scenario_is_analysed() -> None:
    _, sc = import_genius(DOMAIN, PROFILES)
    a = analyze(sc)
    assert a.verdict.agreement_possible
    # the Nash package, checked by hand over all 36 packages: City trip, 2 weeks, Apartment
    nash = next(s for s in a.solutions if s.concept == "nash")
    assert nash.package == {
        "Destination": "City_trip",
        "Duration": "x_2_weeks",
        "Accommodation": "Apartment",
    }


@pytest.mark.parametrize(
    ("bad", "line", "words"),
    [
        ("bad_unknown_issue.xml", 15, "unknown issue index 7"),
        ("bad_missing_item.xml", 10, "missing evaluation for items: '3 weeks'"),
        ("bad_weights.xml", 3, "weights sum to 1.3"),
        ("bad_malformed.xml", 5, "malformed XML"),
    ],
)
def test_bad_profiles_are_located(bad: str, line: int, words: str) -> None:
    problems = _problems(DOMAIN, [PROFILES[0], DATA / bad])
    assert any(f"{bad}:{line}:" in p and words in p for p in problems), problems


def test_integer_issues_are_refused_with_their_line() -> None:
    problems = _problems(DATA / "bad_integer_domain.xml", PROFILES)
    assert any(
        "bad_integer_domain.xml:11:" in p and "'integer' is not supported" in p for p in problems
    )


@pytest.mark.parametrize("bad", ["bad_billion_laughs.xml", "bad_external_entity.xml"])
def test_entity_declarations_are_refused(bad: str) -> None:
    problems = _problems(DOMAIN, [PROFILES[0], DATA / bad])
    assert any(bad in p and "refused" in p and "entity" in p for p in problems), problems


def test_entity_in_domain_refused_before_expansion(tmp_path: Path) -> None:
    text = (
        (DATA / "bad_billion_laughs.xml")
        .read_text()
        .replace("utility_space", "negotiation_template")
    )
    dom = tmp_path / "domain.xml"
    dom.write_text(text)
    with pytest.raises(ScenarioError, match="entity-expansion"):
        read_domain(dom)


def test_every_problem_of_every_file_is_reported() -> None:
    problems = _problems(DOMAIN, [DATA / "bad_weights.xml", DATA / "bad_unknown_issue.xml"])
    assert any("bad_weights.xml" in p for p in problems)
    assert any("bad_unknown_issue.xml" in p for p in problems)


def test_one_profile_is_not_a_negotiation() -> None:
    assert any("at least two profiles" in p for p in _problems(DOMAIN, PROFILES[:1]))


def test_round_trip_genius_accord_genius(tmp_path: Path) -> None:
    first = genius_document(DOMAIN, PROFILES)
    _, sc = import_genius(DOMAIN, PROFILES)
    for name, text in export_genius(sc).items():
        (tmp_path / name).write_text(text)
    profiles = [tmp_path / f"{p}.xml" for p in ("holiday_party1", "holiday_party2")]
    second = genius_document(tmp_path / "domain.xml", profiles)
    assert second["issues"] == [{**i, "source": "genius_domain"} for i in first["issues"]]
    assert [a["no_deal"]["value"] for a in second["actors"]] == [
        a["no_deal"]["value"] for a in first["actors"]
    ]
    for a in ("holiday_party1", "holiday_party2"):
        p, q = first["preferences"][a], second["preferences"][a]
        assert p["weights"] == pytest.approx(q["weights"], abs=1e-12)
        for issue, vals in p["values"].items():
            assert vals == pytest.approx(q["values"][issue], abs=1e-12)


def _scaled_scenario() -> Scenario:
    text = """
accord: 1
title: scaled
actors:
  - {id: a, role: principal, no_deal: 0.3}
  - {id: b, role: principal, no_deal: 0.2}
issues:
  - {id: x, options: [x0, x1, x2]}
  - {id: y, options: [y0, y1]}
preferences:
  a: {weights: {x: 2, y: 1}, values: {x: {x0: 0.1, x1: 0.5, x2: 0.4}, y: {y0: 0.0, y1: 0.0}}}
  b: {weights: {x: 1, y: 1}, values: {x: {x0: 0.9, x1: 0.2, x2: 0.6}, y: {y0: 0.3, y1: 0.8}}}
"""
    from accord.scenario import loads_scenario

    return loads_scenario(text)


def test_export_scales_issues_whose_best_value_is_below_one(tmp_path: Path) -> None:
    sc = _scaled_scenario()
    for name, text in export_genius(sc).items():
        (tmp_path / name).write_text(text)
    _, back = import_genius(tmp_path / "domain.xml", [tmp_path / "a.xml", tmp_path / "b.xml"])
    # utilities are the same up to one positive factor per principal
    for pid in ("a", "b"):
        before, after = sc.preferences[pid], back.preferences[pid]
        packages = [(i, j) for i in range(3) for j in range(2)]
        u0 = np.array([before.utility(p) for p in packages])
        u1 = np.array([after.utility(p) for p in packages])
        factor = u1.max() / u0.max()
        assert np.allclose(u1, u0 * factor)
        assert back.actor(pid).reservation == pytest.approx(sc.actor(pid).reservation * factor)
    a, b = analyze(sc), analyze(back)
    assert a.zopa_count.value == b.zopa_count.value
    assert [s.package for s in a.solutions] == [
        {"x": s.package["x"], "y": s.package["y"]} for s in b.solutions
    ]


def test_export_refuses_constraints() -> None:
    with pytest.raises(InputError, match="GENIUS has no hard constraints"):
        export_genius(load_scenario("hanoi-2019"))
