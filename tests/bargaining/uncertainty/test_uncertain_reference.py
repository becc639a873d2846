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
