"""The entry point: method choice, counts, estimates, and agreement with enumeration."""

from __future__ import annotations

import numpy as np
import pytest
from _space_strategies import make_scenario, scenarios
from hypothesis import given, settings

from accord.bargaining.analysis import analyze
from accord.errors import AnalysisError, InputError
from accord.scenario import load_scenario
from accord.scenario.negotiation.model import Scenario
from accord.space.method import COUNT_LIMIT, EXACT_COUNT_LIMIT, excluded_counts, explore
from accord.space.outcomes import feasibility_mask
from accord.space.sampling import wilson_interval


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_analysis_by_merge_equals_analysis_by_enumeration(sc: Scenario) -> None:
    full = analyze(sc)
    merged = analyze(sc, max_packages=0)
    assert full.method == "enumerate" and merged.method == "merge"
    assert full.verdict.agreement_possible == merged.verdict.agreement_possible
    assert full.solutions == merged.solutions
    assert full.frontier.size == merged.frontier.size
    assert full.zopa_count == merged.zopa_count.__class__(
        merged.zopa_count.value, True, "enumeration", merged.zopa_count.low, merged.zopa_count.high
    )
    assert full.n_feasible == merged.n_feasible
    assert full.space.excluded_by == merged.space.excluded_by
    if full.diagnosis is not None and merged.diagnosis is not None:
        # values agree; among tied packages the frontier may name another (undominated) one
        for x, y in zip(full.diagnosis.shortfalls, merged.diagnosis.shortfalls, strict=True):
            assert (x.best_utility, x.shortfall) == (y.best_utility, y.shortfall)
        assert full.diagnosis.incompatible_pairs == merged.diagnosis.incompatible_pairs
        c, d = full.diagnosis.concession, merged.diagnosis.concession
        assert (c is None) == (d is None) == (full.n_feasible == 0)
        if c is not None and d is not None:
            assert c.total == d.total


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_stream_method_equals_merge(sc: Scenario) -> None:
    a = explore(sc, method="merge", enumerate_limit=0)
    b = explore(sc, method="stream", enumerate_limit=0, memory_bytes=500)
    assert a.method == "merge" and b.method == "stream"
    assert np.array_equal(a.space.feasible, b.space.feasible)
    assert np.array_equal(a.space.utilities, b.space.utilities)
    assert a.zopa == b.zopa


def test_scenarios_with_ratifiers_need_enumeration() -> None:
    from accord.api import resolve_levers

    sc = resolve_levers(load_scenario("hanoi-2019"))
    assert sc.ratifiers
    with pytest.raises(AnalysisError, match="package by package"):
        analyze(sc, max_packages=0)
    with pytest.raises(AnalysisError, match="cannot judge win-sets"):
        analyze(sc, method="merge")


@pytest.mark.parametrize("name", ["singapore-2018", "six-party-2007"])
def test_builtin_verdicts_do_not_depend_on_the_method(name: str) -> None:
    sc = load_scenario(name)
    full, merged = analyze(sc), analyze(sc, max_packages=0)
    assert full.verdict.agreement_possible == merged.verdict.agreement_possible
    assert full.solutions == merged.solutions
    assert full.zopa_count.value == merged.zopa_count.value


def test_excluded_counts_match_enumeration() -> None:
    sc = load_scenario("hanoi-2019")
    assert excluded_counts(sc) == feasibility_mask(sc)[1]


def _big(k: int) -> Scenario:
    rng = np.random.default_rng(7)
    values = [[list(rng.random(10)) for _ in range(k)] for _ in range(2)]
    weights = [list(rng.random(k)) for _ in range(2)]
    return make_scenario(values, weights, [0.55, 0.55])


def test_large_space_uses_merge_and_estimates_the_count() -> None:
    sc = _big(12)  # 10**12 packages
    ex = explore(sc, samples=20_000, seed=3)
    assert ex.method == "merge" and ex.n_feasible == 10**12
    assert ex.zopa is not None and not ex.zopa.exact and ex.zopa.how == "sampling"
    assert ex.zopa.low <= ex.zopa.value <= ex.zopa.high
    assert "estimate" in ex.zopa.text
    again = explore(sc, samples=20_000, seed=3)
    assert again.zopa == ex.zopa  # seeded


def test_sampled_interval_covers_the_exact_count() -> None:
    sc = _big(5)
    exact = explore(sc, enumerate_limit=0)
    est = explore(sc, enumerate_limit=0, count_limit=10, samples=50_000, seed=1)
    assert exact.zopa is not None and exact.zopa.exact
    assert est.zopa is not None and not est.zopa.exact
    assert est.zopa.low <= exact.zopa.value <= est.zopa.high


def test_reports_say_which_method_and_label_estimates() -> None:
    from accord.report.analysis_data import analysis_to_dict
    from accord.report.analysis_text import analysis_markdown

    a = analyze(_big(12))
    d = analysis_to_dict(a)["space"]
    assert d["method"] == "merge" and "merged issue by issue" in d["method_reason"]
    assert d["packages"] == 10**12 and d["feasible"] == 10**12
    assert d["zopa_count"]["exact"] is False and d["zopa_count"]["how"] == "sampling"
    low, high = d["zopa_count"]["ci95"]
    assert low <= d["zopa_count"]["value"] <= high
    md = analysis_markdown(a)
    assert "Method: merge" in md and "estimate: 95% CI" in md
    small = analysis_to_dict(analyze(load_scenario("singapore-2018")))["space"]
    assert small["method"] == "enumerate" and small["zopa_count"]["exact"] is True


def test_wilson_interval() -> None:
    lo, hi = wilson_interval(0, 100)
    assert lo == 0.0 and 0.0 < hi < 0.05
    lo, hi = wilson_interval(50, 100)
    assert lo < 0.5 < hi


def test_unknown_method_and_stream_limit() -> None:
    sc = _big(12)
    with pytest.raises(InputError):
        explore(sc, method="guess")  # type: ignore[arg-type]
    with pytest.raises(AnalysisError):
        explore(sc, method="stream")


def test_auto_merges_mid_size_deals_and_enumerates_mid_size_no_deals() -> None:
    deal = _big(6)  # 10**6 packages, reservations 0.55
    a = explore(deal)
    assert a.method == "merge" and a.zopa is not None and a.zopa.exact and a.zopa.value > 0
    rng = np.random.default_rng(0)
    values = [[list(rng.random(10)) for _ in range(6)] for _ in range(2)]
    weights = [list(rng.random(6)) for _ in range(2)]
    no_deal = make_scenario(values, weights, [0.95, 0.95])
    b = explore(no_deal)
    assert b.method == "enumerate" and "no-deal diagnosis" in b.reason
    assert b.space.n_feasible == 10**6


def test_api_lists_the_whole_zopa() -> None:
    from accord import api

    sc = load_scenario("singapore-2018")
    listed = list(api.zopa_packages(sc, memory_bytes=2_000))
    a = analyze(sc)
    assert len(listed) == a.zopa_count.value == 78
    pkgs = {tuple(sorted(p.items())) for p, _ in listed}
    assert len(pkgs) == 78
    for _, u in listed:
        for actor in sc.principals:
            assert u[actor.id] >= (actor.reservation or 0.0) - 1e-12
    assert api.explore_space(sc, method="merge").method == "merge"


def test_auto_counts_exactly_only_when_cheap() -> None:
    sc = _big(7)  # 10**7 packages: streaming them would cost about 1,000 times the frontier
    assert EXACT_COUNT_LIMIT < 10**7 <= COUNT_LIMIT
    auto = explore(sc, samples=20_000, seed=2)
    assert auto.method == "merge" and auto.zopa is not None
    assert not auto.zopa.exact and auto.zopa.how == "sampling" and "estimate" in auto.zopa.text
    assert auto.zopa.low <= auto.zopa.value <= auto.zopa.high
    assert auto.zopa.value >= auto.zopa.at_least > 0
    small = explore(_big(6))  # 10**6 feasible packages: cheap, counted
    assert small.zopa is not None and small.zopa.exact and small.zopa.how == "streaming"


def test_forced_merge_still_counts_exactly_and_the_estimate_covers_it() -> None:
    sc = _big(6)
    exact = explore(sc, method="merge")
    est = explore(sc, count_limit=10**5, samples=50_000, seed=4)
    assert exact.zopa is not None and exact.zopa.exact and exact.zopa.how == "streaming"
    assert est.zopa is not None and not est.zopa.exact
    assert est.zopa.low <= exact.zopa.value <= est.zopa.high


def test_no_frontier_package_in_the_zopa_means_an_exact_zero() -> None:
    rng = np.random.default_rng(0)
    values = [[list(rng.random(10)) for _ in range(7)] for _ in range(2)]
    weights = [list(rng.random(7)) for _ in range(2)]
    no_deal = make_scenario(values, weights, [0.95, 0.95])  # 10**7 packages, beyond enumeration
    ex = explore(no_deal)
    assert ex.method == "merge" and ex.zopa is not None
    assert ex.zopa.exact and ex.zopa.value == 0 and ex.zopa.how == "frontier"
