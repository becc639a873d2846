"""`phase` checks the deal it schedules with the one acceptability predicate.

Hand-checked cases on a small scenario (tests/api/_deal_case.py), and the built-ins held to
the win-sets that `accord run` computes (derived at test time, not hard-coded).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from tests.api._deal_case import package, write_case

from accord.api import analyze_scenario, check_phased_deal, load_phasing, plan_phasing
from accord.errors import InputError
from accord.report.phasing import to_dict, to_markdown
from accord.scenario.phasing.loader import builtin_phasing_names

PHI_M3 = 0.0013498980316301  # Phi(-3)
PHI_M05 = 0.3085375387259869  # Phi(-0.5)
PHI_2 = 0.9772498680518208  # Phi(2)


def test_a_deal_outside_the_winsets_is_flagged_with_its_numbers(tmp_path: Path) -> None:
    path = write_case(tmp_path, package("partial", "all"))
    result = plan_phasing(path)
    assert result.feasible  # the plan is still computed ...
    deal = result.deal
    assert deal is not None and deal.checked and deal.acceptable is False
    us, dprk = deal.check.sides if deal.check else ()
    # the US principal: 0.25 against 0.5, a quarter short
    assert (us.utility, us.no_deal, us.accepts) == (0.25, 0.5, False)
    assert us.margin == pytest.approx(-0.25)
    # Congress: utility 0.25, P = Phi((0.25 - 0.55) / 0.1) = Phi(-3)
    [(rid, _, u_c, p_c)] = us.ratifiers
    assert rid == "congress" and u_c == 0.25 and p_c == pytest.approx(PHI_M3, abs=1e-12)
    assert not us.ratified
    # the DPRK accepts (0.75 against 0.2), with no ratifier of its own
    assert dprk.accepts and dprk.acceptable and dprk.margin == pytest.approx(0.55)
    assert deal.check is not None and deal.check.broken == ("all_relief_needs_full_freeze",)
    assert [s.principal for s in deal.refused_by] == ["us"]
    # ... and flagged in its headline, in every format
    data = to_dict(result)
    assert data["deal"]["acceptable"] is False and data["deal"]["refused_by"] == ["us"]
    assert data["deal"]["sides"][0]["ratifiers"][0]["probability"] == pytest.approx(PHI_M3, 1e-5)
    assert data["deal"]["broken_constraints"][0]["reason"] == "all relief only for a full freeze"
    md = to_markdown(result)
    headline = md.splitlines()[2]
    assert headline.startswith("WARNING: the deal is NOT acceptable to United States (0.250 short")
    assert "Congress ratifies with probability 0.001 < 0.5" in headline
    assert "breaks the hard constraint 'all_relief_needs_full_freeze'" in headline
    assert "## The deal" in md


def test_a_ratifier_alone_can_put_the_deal_outside(tmp_path: Path) -> None:
    deal = check_phased_deal(write_case(tmp_path, package("partial", "some")))
    assert deal.check is not None and not deal.check.broken
    us = deal.check.side("us")
    assert us.accepts and us.margin == pytest.approx(0.0)  # the US itself would sign
    assert us.ratification == pytest.approx(PHI_M05, abs=1e-12) and not us.ratified
    assert deal.acceptable is False
    from accord.phasing.explain import deal_verdict

    assert "Congress ratifies with probability 0.309 < 0.5" in deal_verdict(deal)
    assert "short of its no-deal value" not in deal_verdict(deal)


def test_the_other_principal_refusing_is_named(tmp_path: Path) -> None:
    deal = check_phased_deal(write_case(tmp_path, package("full", "none")))
    assert [s.principal for s in deal.refused_by] == ["dprk"]
    dprk = deal.check.side("dprk") if deal.check else None
    assert dprk is not None and dprk.utility == 0.0 and dprk.margin == pytest.approx(-0.2)


def test_a_deal_inside_the_winsets_is_reported_acceptable(tmp_path: Path) -> None:
    path = write_case(tmp_path, package("full", "some"))
    result = plan_phasing(path)
    deal = result.deal
    assert deal is not None and deal.acceptable is True and deal.refused_by == ()
    us = deal.check.side("us") if deal.check else None
    assert us is not None and us.utility == 0.75 and us.margin == pytest.approx(0.25)
    assert us.ratification == pytest.approx(PHI_2, abs=1e-12)
    assert (
        to_markdown(result)
        .splitlines()[2]
        .endswith("the deal is acceptable to every side (principals and ratifiers).")
    )
    # the same verdict as the win-sets of `accord run` on that scenario
    assert _in_winsets(tmp_path / "two-issues.yaml", {"freeze": "full", "relief": "some"}) == {
        "us": True,
        "dprk": True,
    }


def test_without_a_deal_or_a_scenario_nothing_is_checked(tmp_path: Path) -> None:
    result = plan_phasing(write_case(tmp_path, None))
    assert result.deal is not None and not result.deal.checked
    assert result.deal.acceptable is None and "names no `deal:`" in result.deal.reason
    lines = to_dict(result)["deal"]["text"]
    assert any("add `deal: {package:" in x for x in lines)
    lost = tmp_path / "lost"
    lost.mkdir()
    f = lost / "deal.phasing.yaml"
    text = (tmp_path / "deal.phasing.yaml").read_text(encoding="utf-8")
    f.write_text(text + "deal:\n" + package("full", "some"), encoding="utf-8")
    spec = load_phasing(f)  # two-issues.yaml is not next to it
    assert "the parties and the deal were not checked" in spec.notes[0]
    deal = check_phased_deal(spec)
    assert not deal.checked and "'two-issues.yaml' is not available" in deal.reason
    assert "not checked" in to_markdown(plan_phasing(spec)).splitlines()[2]


def test_a_deal_built_in_code_is_checked_against_the_scenario(tmp_path: Path) -> None:
    spec = load_phasing(write_case(tmp_path, package("full", "some")))
    with pytest.raises(InputError, match=r"unknown option 'most'.*none, some, all"):
        check_phased_deal(replace(spec, deal={"freeze": "full", "relief": "most"}))
    with pytest.raises(InputError, match="missing: relief"):
        check_phased_deal(replace(spec, deal={"freeze": "full"}))


def _in_winsets(scenario: str | Path, pkg: dict[str, str]) -> dict[str, bool] | None:
    """Is ``pkg`` in each principal's win-set, as `accord run` computes them? (``None``:
    the package is not feasible, so it is in no win-set.)"""
    a = analyze_scenario(scenario)
    assert a.exploration.complete, "the built-ins are small enough to enumerate"
    sc, space = a.scenario, a.space
    flat = int(np.ravel_multi_index(sc.package_indices(pkg), space.shape))
    col = int(np.searchsorted(space.feasible, flat))
    if col >= space.n_feasible or int(space.feasible[col]) != flat:
        return None
    if a.winsets is not None:
        members = a.winsets.members[:, col]
    else:
        members = space.utilities[:, col] >= space.reservations
    return {p: bool(m) for p, m in zip(space.principals, members, strict=True)}


@pytest.mark.parametrize("name", builtin_phasing_names())
def test_the_builtins_check_agrees_with_the_winsets_of_accord_run(name: str) -> None:
    spec = load_phasing(name)
    assert spec.deal is not None, f"{name}: the built-in names its deal"
    deal = check_phased_deal(spec)
    assert deal.check is not None, deal.reason
    expected = _in_winsets(spec.scenario, dict(spec.deal))
    if expected is None:  # infeasible: a hard constraint rules it out
        assert deal.check.broken and deal.acceptable is False
    else:
        assert {s.principal: s.acceptable for s in deal.check.sides} == expected
        assert deal.acceptable is all(expected.values())
