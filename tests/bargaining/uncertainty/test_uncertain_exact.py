"""The probability of agreement on hand-computed cases, and the deterministic case exactly."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.bargaining.uncertainty._uncertain_factory import one_package, run, with_declaration

from accord.api import analyze_scenario, resolve_levers
from accord.bargaining.uncertainty import SampledAnalysis
from accord.scenario import Role, builtin_names, load_scenario
from accord.sweep import proportion_interval


def test_one_uncertain_no_deal_value_gives_the_overlap_fraction() -> None:
    # the package is worth 0.5; a's no-deal value ~ U[0.2, 0.8]: a deal iff it is <= 0.5
    sc = one_package(
        0.0,
        0.1,
        [{"path": "a.no_deal", "distribution": {"kind": "uniform", "low": 0.2, "high": 0.8}}],
    )
    out, x = run(sc, 4000, seed=7)
    np.testing.assert_array_equal(out.deal, x[:, 0] <= 0.5)
    low, high = proportion_interval(int(out.deal.sum()), out.size)
    assert low <= 0.5 <= high  # the overlap fraction (0.5 - 0.2) / (0.8 - 0.2)


def test_two_independent_no_deal_values_give_the_product() -> None:
    sc = one_package(
        0.0,
        0.0,
        [
            {"path": "a.no_deal", "distribution": {"kind": "uniform", "low": 0.2, "high": 0.8}},
            {"path": "b.no_deal", "distribution": {"kind": "uniform", "low": 0.4, "high": 0.9}},
        ],
    )
    out, x = run(sc, 4000, seed=3)
    np.testing.assert_array_equal(out.deal, (x[:, 0] <= 0.5) & (x[:, 1] <= 0.5))
    low, high = proportion_interval(int(out.deal.sum()), out.size)
    assert low <= 0.5 * 0.2 <= high
    # the reason: a side whose no-deal value is above its only package
    assert set(np.unique(out.reason[~out.deal])) == {2}
    np.testing.assert_array_equal(out.unreachable[:, 0], x[:, 0] > 0.5)


def _zero_width(scenario: Any) -> dict[str, Any]:
    """A declaration that moves every kind of number, each at the file's value."""
    sc = resolve_levers(scenario)
    params: list[dict[str, Any]] = []

    def fixed(path: str, value: float, apply: str = "value") -> None:
        params.append(
            {
                "path": path,
                "apply": apply,
                "distribution": {"kind": "uniform", "low": value, "high": value},
            }
        )

    for a in sc.actors:
        if a.role in (Role.principal, Role.ratifier):
            pref = sc.preferences[a.id]
            for k, issue in enumerate(sc.issues):
                fixed(f"{a.id}.weights.{issue.id}", sc.written_weights[a.id][k])
            first = sc.issues[0]
            for o, opt in enumerate(first.options):
                fixed(f"{a.id}.values.{first.id}.{opt.id}", float(pref.values[0][o]))
        if a.role is Role.principal:
            if a.reservation_package is None:
                fixed(f"{a.id}.no_deal", float(a.reservation or 0.0))
            else:
                fixed(f"{a.id}.no_deal", 0.0, "shift")
            fixed(f"{a.id}.power", a.power)
        if a.role is Role.ratifier:
            if a.threshold_package is None:
                fixed(f"{a.id}.threshold", float(a.threshold or 0.0))
            else:
                fixed(f"{a.id}.threshold", 0.0, "shift")
            if a.sigma is not None:
                fixed(f"{a.id}.sigma", a.sigma)
    for lv in sc.levers:
        for setting, effects in lv.effects.items():
            for e, eff in enumerate(effects):
                field = "no_deal" if sc.actor(eff.on).role is Role.principal else "threshold"
                if eff.reservation:
                    fixed(f"{lv.key}.effects.{setting}[{e}].{field}", eff.reservation, "value")
    fixed("ratification.level", sc.ratification_level)
    return {"parameters": params}


@pytest.mark.parametrize("name", builtin_names())
def test_zero_width_distributions_give_accord_runs_verdict(name: str) -> None:
    sc = load_scenario(name)
    uncertain = with_declaration(sc, _zero_width(sc))
    out, _ = run(uncertain, 3)
    a = analyze_scenario(name)
    assert out.deal.tolist() == [a.verdict.agreement_possible] * 3
    assert out.zopa.tolist() == [a.zopa.size] * 3
    ws = a.winsets
    if ws is not None:
        assert out.negotiators.tolist() == [bool(ws.accepts.all(axis=0).any())] * 3
        assert out.pivotal[0].tolist() == [r.pivotal for r in ws.ratifiers]
    sa = SampledAnalysis(resolve_levers(uncertain))
    chosen = [*a.solutions, *([a.ratified] if a.ratified is not None else [])]
    for sol in chosen:
        c = sa.concepts.index(sol.concept)
        flat = int(out.solution[0, c])
        idx = tuple(int(v) for v in np.unravel_index(flat, sc.shape))
        assert sc.package_ids(idx) == sol.package, sol.concept
        np.testing.assert_allclose(out.utility[0, c], list(sol.utilities.values()), atol=1e-12)
