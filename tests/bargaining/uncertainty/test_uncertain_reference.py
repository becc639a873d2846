"""Random draws against an independent reference: the deterministic analysis of the scenario
with the drawn numbers written into it, one draw at a time."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from accord.api import resolve_levers
from accord.bargaining.analysis import analyze
from accord.bargaining.uncertainty import SampledAnalysis
from accord.scenario import Scenario
from accord.scenario.negotiation.model import LeverEffect, Preference
from accord.scenario.uncertainty.loader import load_uncertain
from accord.sweep import block_uniforms

DATA = Path(__file__).parents[2] / "data" / "uncertainty"


def _write(sc: Scenario, x: np.ndarray) -> Scenario:
    """The scenario's numbers replaced by one draw (the test file's seven parameters)."""
    # (a shift of a number the file gives is drawn as that number: file value + shift)
    a_nd, b_money, sigma, threshold, eff_shift, eff_value, level = (float(v) for v in x)
    actors = []
    for a in sc.actors:
        if a.id == "a":
            a = dataclasses.replace(a, reservation=a_nd)
        if a.id == "senate":
            a = dataclasses.replace(a, sigma=sigma, threshold=threshold)
        actors.append(a)
    prefs = dict(sc.preferences)
    raw = np.array([b_money, sc.written_weights["b"][1]])
    prefs["b"] = Preference("b", raw / float(raw.sum()), sc.preferences["b"].values)
    lv = sc.levers[0]
    first, second = lv.effects["some"]
    effects = {
        "some": (
            dataclasses.replace(first, reservation=eff_shift),
            LeverEffect(second.on, 0.0, ((0, 1, eff_value),)),
        )
    }
    return dataclasses.replace(
        sc,
        actors=tuple(actors),
        preferences=prefs,
        levers=(dataclasses.replace(lv, effects=effects),),
        ratification_level=level,
    )


def test_each_draw_matches_the_deterministic_analysis_of_its_numbers() -> None:
    sc = resolve_levers(load_uncertain(DATA / "two-issues.yaml"))
    sa = SampledAnalysis(sc)
    assert sa.declaration is not None
    x = sa.declaration.draw(block_uniforms(11, 0, 60, len(sa.names)))
    out = sa.evaluate(x)
    assert 0 < out.deal.sum() < out.size  # both verdicts occur
    for s in range(out.size):
        a = analyze(_write(sc, x[s]))
        assert bool(out.deal[s]) == a.verdict.agreement_possible, s
        assert int(out.zopa[s]) == a.zopa.size, s
        if a.verdict.agreement_possible:
            nash = a.solutions[0]
            idx = np.unravel_index(int(out.solution[s, 0]), sc.shape)
            assert sc.package_ids(tuple(int(v) for v in idx)) == nash.package, s


def test_hanoi_draws_match_the_deterministic_analysis() -> None:
    """Two ratifiers: the win-sets, the reasons and each ratifier's pivotality, draw by draw."""
    from tests.bargaining.uncertainty._uncertain_factory import with_declaration

    from accord.scenario import load_scenario
    from accord.scenario.negotiation.adjust import apply_levers

    shifts = [("us.no_deal", 0.25), ("dprk.no_deal", 0.1), ("congress.threshold", 0.3)]
    shifts += [("dprk_base.threshold", 0.2)]
    section = {
        "parameters": [
            {"path": p, "apply": "shift", "distribution": {"kind": "uniform", "low": -w, "high": w}}
            for p, w in shifts
        ]
        + [
            {
                "path": "congress.sigma",
                "distribution": {"kind": "uniform", "low": 0.02, "high": 0.1},
            }
        ]
    }
    sc = resolve_levers(with_declaration(load_scenario("hanoi-2019"), section))
    sa = SampledAnalysis(sc)
    assert sa.declaration is not None
    x = sa.declaration.draw(block_uniforms(2, 0, 14, len(sa.names)))
    out = sa.evaluate(x)
    applied = apply_levers(sc)
    deals = 0
    for s in range(out.size):
        us_x, dprk_x, c_x, b_x, sigma = (float(v) for v in x[s])
        actors = []
        for a in applied.actors:
            if a.id in ("us", "dprk"):
                extra = us_x if a.id == "us" else dprk_x
                a = dataclasses.replace(a, reservation=(a.reservation or 0.0) + extra, no_deal=None)
            if a.id == "congress":
                a = dataclasses.replace(a, threshold=(a.threshold or 0.0) + c_x, sigma=sigma)
            if a.id == "dprk_base":
                a = dataclasses.replace(a, threshold=(a.threshold or 0.0) + b_x)
            actors.append(a)
        ref = analyze(dataclasses.replace(applied, actors=tuple(actors)))
        ws = ref.winsets
        assert ws is not None
        assert bool(out.deal[s]) == ref.verdict.agreement_possible, s
        assert int(out.zopa[s]) == ref.zopa.size, s
        assert bool(out.negotiators[s]) == bool(ws.accepts.all(axis=0).any()), s
        assert out.pivotal[s].tolist() == [r.pivotal for r in ws.ratifiers], s
        deals += int(out.deal[s])
    assert 0 < deals < out.size and out.pivotal.any()
