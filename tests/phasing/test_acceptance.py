"""Acceptance tests of design §13.7, computed by the solver on the built-in phasing files."""

from __future__ import annotations

from dataclasses import replace

import pytest

from accord.phasing import check
from accord.phasing.schedule import schedule
from accord.scenario.phasing.loader import load_phasing_document
from accord.scenario.phasing.model import PhasingSpec, spec_from_document

from .relax import relax


@pytest.fixture(scope="module")
def hanoi() -> PhasingSpec:
    return spec_from_document(load_phasing_document("hanoi-2019"))


@pytest.fixture(scope="module")
def six_party() -> PhasingSpec:
    return spec_from_document(load_phasing_document("six-party-2007"))


def verified_at(spec: PhasingSpec, starts: dict[str, int], aid: str) -> int:
    """Phase at whose end ``aid`` is verified."""
    a = spec.action(aid)
    return starts[aid] + a.duration + a.lag - 1


def test_hanoi_one_shot_is_infeasible_for_the_us_cap_and_congress(hanoi: PhasingSpec) -> None:
    result = schedule(hanoi, one_shot=True)
    assert result.status == "infeasible"
    assert result.diagnosis is not None and result.diagnosis.found
    relaxed = {(r.group.kind, r.group.subject) for r in result.diagnosis.relaxations}
    assert ("exposure", "us") in relaxed
    assert ("ratification", "congress") in relaxed
    text = result.diagnosis.text
    assert "United States' exposure cap" in text and "US Congress" in text


def test_hanoi_one_shot_diagnosis_is_minimal_and_sufficient(hanoi: PhasingSpec) -> None:
    """Relaxing every named group gives a feasible one-shot deal; leaving any one out does not."""
    diagnosis = schedule(hanoi, one_shot=True).diagnosis
    assert diagnosis is not None
    named = [(r.group.kind, r.group.subject) for r in diagnosis.relaxations]
    relaxed = relax(hanoi, named)
    assert relaxed is not None
    assert schedule(relaxed, one_shot=True, explain=False).feasible
    for k in range(len(named)):
        partial = relax(hanoi, named[:k] + named[k + 1 :])
        assert partial is not None
        assert schedule(partial, one_shot=True, explain=False).status == "infeasible"


def test_hanoi_phased_is_feasible_and_starts_reversible_on_both_sides(
    hanoi: PhasingSpec,
) -> None:
    result = schedule(hanoi)
    assert result.status == "optimal"
    assert hanoi.horizon >= 4 and result.t_end is not None and result.t_end >= 4
    starts = dict(result.starts)
    assert check.check_plan(hanoi, starts) == []
    first = [hanoi.action(a) for a in starts if starts[a] == 1]
    for side in ("us", "dprk"):
        assert any(a.owner == side and a.reversibility >= 0.5 for a in first), side
    # the irreversible steps (r <= 0.1) are not in the first tranche ...
    assert all(a.reversibility > 0.1 for a in first)
    # ... and UN relief, lifted with a snapback (not escrowed: no UN mechanism does that),
    # comes only after the declaration is verified
    relief = hanoi.action("un_2016_2017_relief")
    assert not relief.escrow and relief.reimposition_cost > 0
    assert 0 < relief.recovered < relief.reversibility * relief.cost  # reimposing costs the US
    assert relief.undone == relief.reversibility  # and the threat to reimpose is credible
    assert starts["un_2016_2017_relief"] > verified_at(hanoi, starts, "declaration")
    # the first tranche is verified quickly (lag <= 1)
    assert any(a.owner == "dprk" and a.lag <= 1 and a.reversibility >= 0.5 for a in first)


def test_hanoi_explanations_name_the_binding_gate(hanoi: PhasingSpec) -> None:
    result = schedule(hanoi)
    congress = next(r for r in hanoi.ratifiers if r.id == "congress")
    gated = [e for e in result.explanations if any(g.kind == "ratification" for g in e.groups)]
    assert gated and all(e.action in congress.gates for e in gated)
    assert any("declaration" in e.text and "Congress" in e.text for e in gated)


def test_hanoi_relief_tranche_waits_for_the_us_cap_until_yongbyon_is_verified(
    hanoi: PhasingSpec,
) -> None:
    result = schedule(hanoi)
    why = {e.action: e for e in result.explanations}["sector_relief"]
    assert ("exposure", "us") in {(g.kind, g.subject) for g in why.groups}
    assert "exposure cap binds" in why.text and "Yongbyon" in why.text
    # moving it one phase earlier really breaks the US cap (checked independently)
    starts = dict(result.starts)
    starts["sector_relief"] -= 1
    assert any(
        v.group.kind == "exposure" and v.group.subject == "us"
        for v in check.check_plan(hanoi, starts)
    )


def test_six_party_small_share_first_large_share_after_hard_steps(
    six_party: PhasingSpec,
) -> None:
    result = schedule(six_party)
    assert result.status == "optimal"
    s = dict(result.starts)
    small, large = six_party.action("hfo_initial"), six_party.action("hfo_remaining")
    assert small.cost / (small.cost + large.cost) == pytest.approx(0.05)
    # the shutdown and the 5% come first, before disablement and the declaration start
    assert s["shutdown"] == s["hfo_initial"] == 1
    assert verified_at(six_party, s, "hfo_initial") < min(s["disablement"], s["declaration"])
    # the 95% is released only once disablement and the declaration are verified
    hard = max(verified_at(six_party, s, x) for x in ("disablement", "declaration"))
    assert verified_at(six_party, s, "hfo_remaining") >= hard
    # ...and that is the exposure cap's doing: releasing it earlier breaks the five's cap
    early = dict(s, hfo_remaining=s["disablement"])
    kinds = {(v.group.kind, v.group.subject) for v in check.check_plan(six_party, early)}
    assert ("exposure", "five") in kinds
    # most of the reward goes with the low-reversibility tranche
    after = sum(
        six_party.action(a).cost
        for a in ("hfo_initial", "hfo_remaining", "bda_funds")
        if verified_at(six_party, s, a) >= hard
    )
    assert after / (small.cost + large.cost + six_party.action("bda_funds").cost) > 0.9


def test_loosening_the_five_cap_lets_aid_move_earlier(six_party: PhasingSpec) -> None:
    """Not hard-coded: with an unlimited cap the five's exposure no longer holds the 95% back.

    (Releasing it early still makes defection pay for the DPRK: self-enforcement then binds.)
    """
    loose = replace(
        six_party,
        parties=tuple(
            replace(p, exposure_tolerance=1e4) if p.id == "five" else p for p in six_party.parties
        ),
    )
    s = dict(schedule(six_party, explain=False).starts)
    early = dict(s, hfo_remaining=s["disablement"])
    kinds = {(v.group.kind, v.group.subject) for v in check.check_plan(loose, early)}
    assert ("exposure", "five") not in kinds
    assert kinds == {("self_enforcement", "dprk")}


def test_left_out_steps_are_explained(hanoi: PhasingSpec) -> None:
    """At 6 phases the optional steps cannot fit; the explanation says what blocks them."""
    from accord.phasing.schedule import with_horizon

    short = with_horizon(hanoi, 6)
    result = schedule(short)
    assert result.feasible
    left = [e for e in result.explanations if e.phase == 0]
    assert {e.action for e in left} == {a.id for a in short.actions} - set(result.starts)
    for e in left:
        assert "optional" in e.text
        for aid_start in range(1, short.horizon + 1):
            broken = check.check_plan(short, {**result.starts, e.action: aid_start})
            # "cannot be added" is claimed exactly when every phase breaks something
            if "cannot be added" in e.text:
                assert broken
        if e.groups:
            assert len(set(e.groups)) == len(e.groups)


def test_hanoi_completion_is_set_by_the_dismantlement_chain(hanoi: PhasingSpec) -> None:
    from accord.errors import InputError
    from accord.phasing.schedule import with_horizon

    result = schedule(hanoi, explain=False)
    assert result.t_end == 5
    assert verified_at(hanoi, dict(result.starts), "yongbyon_dismantle") == 5
    with pytest.raises(InputError, match="at least 5"):
        with_horizon(hanoi, 4)


def test_weighted_objective_gives_a_valid_plan(hanoi: PhasingSpec) -> None:
    result = schedule(hanoi, objective="weighted")
    assert result.status == "optimal"
    assert check.check_plan(hanoi, result.starts) == []
    lexi = schedule(hanoi, explain=False)
    weights = {p.id: p.weight for p in hanoi.parties}
    mu = hanoi.objective.time_penalty

    def score(r: object) -> float:
        assert isinstance(r, type(result))
        return sum(weights[k] * v for k, v in r.npv.items()) - mu * (r.t_end or 0)

    assert score(result) >= score(lexi) - 1e-6


def test_what_keeps_the_plan_from_finishing_sooner(hanoi: PhasingSpec) -> None:
    from accord.phasing.schedule import with_horizon

    assert "cannot finish sooner" in schedule(hanoi).sooner  # the dismantlement chain
    # without the shutdown-first rule, the chain allows phase 3; the diagnosis says what binds
    quicker = replace(
        hanoi,
        actions=tuple(
            replace(a, prerequisites=()) if a.id == "yongbyon_dismantle" else a
            for a in hanoi.actions
        ),
    )
    result = schedule(quicker)
    assert result.t_end == 4
    assert result.sooner.startswith("To finish by the end of phase 3 instead of 4")
    assert "exposure cap" in result.sooner and "Congress" in result.sooner
    # and relaxing exactly those groups does allow phase 3
    shorter = with_horizon(quicker, 3)
    assert not schedule(shorter, explain=False).feasible
    relaxed = relax(shorter, [("exposure", "us"), ("ratification", "congress")])
    assert relaxed is not None and schedule(relaxed, explain=False).feasible
