"""The built-in scenarios on the walk-away convention: sourced no-deal values, stated
positions, red lines, Japan's own preferences in six-party-2007, and the enforcement data's
stated ranges. Expectations are derived from the files at test time, not copied from them."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
import yaml

from accord.scenario import load_scenario
from accord.scenario._io.yamlio import read_file
from accord.scenario.builtin import builtin_path
from accord.scenario.negotiation.model import NoDealBasis, Scenario
from accord.scenario.negotiation.schema import ScenarioFile
from accord.space.outcomes import build_space

REDERIVED = ("six-party-2007", "singapore-2018")


def _raw(name: str) -> ScenarioFile:
    path = builtin_path(name)
    assert path is not None
    return ScenarioFile.model_validate(read_file(path).data)


def _utility(sc: Scenario, actor: str, package: dict[str, str]) -> float:
    return sc.preferences[actor].utility(sc.package_indices(package))


@pytest.mark.parametrize("name", REDERIVED)
def test_no_deal_is_the_sourced_status_quo(name: str) -> None:
    sc = load_scenario(name)
    assert sc.notes == ()  # no old keys left to upgrade
    assert sc.status_quo is not None and sc.status_quo.note and sc.status_quo.sources
    for a in sc.principals:
        assert a.no_deal is not None and a.no_deal.basis is NoDealBasis.status_quo, a.id
        assert a.no_deal.note and a.no_deal.sources, a.id
        assert a.reservation == pytest.approx(_utility(sc, a.id, dict(sc.status_quo.package)))


@pytest.mark.parametrize("name", REDERIVED)
def test_stated_positions_are_sourced_and_never_the_walk_away(name: str) -> None:
    sc = load_scenario(name)
    stated = [a for a in sc.principals if a.stated is not None]
    assert len(stated) >= 2
    for a in stated:
        assert a.stated is not None and a.stated.note and a.stated.sources
        # a side's announced position is worth more to it than no agreement
        assert _utility(sc, a.id, dict(a.stated.package)) > a.reservation


def test_japan_has_its_own_sourced_preferences() -> None:
    sc = load_scenario("six-party-2007")
    japan = sc.preferences["japan"]
    for other in ("china", "rok", "russia"):
        p = sc.preferences[other]
        same_values = all(np.array_equal(a, b) for a, b in zip(japan.values, p.values, strict=True))
        assert not (np.allclose(japan.weights, p.weights) and same_values), other
    # on the abductions and on its own share of the aid Japan ranks the options its own way
    for issue in ("abductions", "japan_aid", "us_steps"):
        k = sc.issue_index(issue)
        for other in ("china", "rok", "russia"):
            assert not np.array_equal(japan.values[k], sc.preferences[other].values[k]), issue
    # every number of Japan's carries a note and a source
    rationale = _raw("six-party-2007").preferences["japan"].rationale
    assert set(rationale) == {"weights"} | {i.id for i in sc.issues}
    assert all(r.note and r.source for r in rationale.values())


def test_china_rok_and_russia_are_told_apart() -> None:
    prefs = load_scenario("six-party-2007").preferences
    pairs = (("china", "rok"), ("china", "russia"), ("rok", "russia"))
    for a, b in pairs:
        assert not np.allclose(prefs[a].weights, prefs[b].weights), (a, b)


def test_japan_pays_nothing_because_two_red_lines_meet() -> None:
    sc = load_scenario("six-party-2007")
    held = {c.id: c.held_by for c in sc.constraints}
    assert held["japan_pays_only_with_progress"] == "japan"
    assert held["abductions_settled"] == "dprk"
    assert all(c.sources for c in sc.constraints if c.held_by is not None)

    def paying_packages(scenario: Scenario) -> int:
        space = build_space(scenario)
        k, share = scenario.issue_index("japan_aid"), 1
        opts = space.options(np.arange(space.n_feasible))
        return int(np.sum(opts[:, k] == share))

    assert sc.issues[sc.issue_index("japan_aid")].options[1].id == "share"
    assert paying_packages(sc) == 0
    # either red line alone leaves packages in which Japan pays
    from dataclasses import replace

    for dropped in ("japan_pays_only_with_progress", "abductions_settled"):
        kept = tuple(c for c in sc.constraints if c.id != dropped)
        assert paying_packages(replace(sc, constraints=kept)) > 0, dropped


def test_recorded_six_party_deal_is_acceptable_to_every_principal() -> None:
    sc = load_scenario("six-party-2007")
    assert sc.outcome is not None and sc.outcome.package is not None
    recorded = dict(sc.outcome.package)
    assert recorded["japan_aid"] == "withheld"
    assert all(c.holds(sc.package_indices(recorded)) for c in sc.constraints)
    for a in sc.principals:
        assert _utility(sc, a.id, recorded) > a.reservation, a.id


def test_singapore_red_line_is_held_by_the_dprk() -> None:
    sc = load_scenario("singapore-2018")
    [no_cvid] = [c for c in sc.constraints if c.id == "no_cvid"]
    assert no_cvid.held_by == "dprk" and len(no_cvid.sources) >= 2


# -- the enforcement data behind hanoi-2019's levers ---------------------------------------

RANGE = re.compile(r"[Rr]ange (\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)")


def _enforcement() -> dict[str, Any]:
    path = builtin_path("hanoi-2019")
    assert path is not None
    with path.with_name("hanoi-2019.enforcement.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def test_every_enforcement_value_lies_in_its_stated_range() -> None:
    doc = _enforcement()
    ids = {s["id"] for s in doc["sources"]}
    for actor in doc["actors"]:
        values = {
            "capability": actor["capability"],
            "positions": actor["positions"]["enforcement"],
            "saliences": actor["saliences"]["enforcement"],
        }
        for key, value in values.items():
            why = actor["rationale"][key]
            m = RANGE.search(why["note"])
            assert m is not None, (actor["name"], key)
            low, high = float(m.group(1)), float(m.group(2))
            assert low <= value <= high, (actor["name"], key, value, (low, high))
            cited = why["source"] if isinstance(why["source"], list) else [why["source"]]
            assert cited and set(cited) <= ids, (actor["name"], key)


def test_russia_is_less_strict_than_china_and_japan_is_full() -> None:
    pos = {a["name"]: a["positions"]["enforcement"] for a in _enforcement()["actors"]}
    assert pos["Russia"] < pos["China"] < pos["South Korea"] < pos["Japan"] <= pos["US"]
    assert pos["Japan"] == pos["US"] == 100


def test_the_smp_pulls_the_lax_pair_toward_the_weighted_majority() -> None:
    from accord.api import load_spatial_data, run_model

    path = builtin_path("hanoi-2019")
    assert path is not None
    data = load_spatial_data(path.with_name("hanoi-2019.enforcement.yaml"))
    result = run_model(data, "smp")
    start, end = result.trajectory[0, :, 0], result.trajectory[-1, :, 0]
    names = list(data.actors)
    for lax in ("China", "Russia"):
        i = names.index(lax)
        # the model's mechanics: outvoted actors move up, toward the capability-weighted
        # mean of the others (no veto, no unilateral action); see docs/forecasting.md
        assert end[i] > start[i], lax
    assert result.converged
