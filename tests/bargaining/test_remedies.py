"""'What it would take': every answer verified by re-running; exact answers checked by brute force."""

from __future__ import annotations

import copy
import itertools

from _twolevel_factory import build, in_zopa, one_issue, two_level_docs
from hypothesis import HealthCheck, given, settings

from accord.bargaining.analysis import analyze
from accord.bargaining.remedies import search_remedies
from accord.bargaining.twolevel_diagnosis import describe_change, diagnose
from accord.scenario.negotiation.adjust import with_changes

FAST = settings(
    max_examples=int(__import__("os").environ.get("ACCORD_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _brute_force_min_changes(doc: dict) -> int | None:  # type: ignore[type-arg]
    """Fewest changes, trying every lever combination and every subset of quantities set to
    their extreme values (the lower bound for reservations, thresholds and the level; both
    bounds for a sigma, since a package's ratification probability is monotone in sigma)."""
    sc = build(doc)
    levers = sc.levers
    quantities = list(sc.adjustable)
    best: int | None = None
    for combo in itertools.product(*(lv.settings for lv in levers)):
        lever_changes = {lv.key: s for lv, s in zip(levers, combo, strict=True) if s != lv.current}
        for k in range(len(quantities) + 1):
            n = len(lever_changes) + k
            if best is not None and n >= best:
                break
            for subset in itertools.combinations(quantities, k):
                extremes = [
                    (q.low, q.high) if q.quantity.endswith(".sigma") else (q.low,) for q in subset
                ]
                for values in itertools.product(*extremes):
                    changes: dict[str, str | float] = dict(lever_changes)
                    changes.update({q.quantity: v for q, v in zip(subset, values, strict=True)})
                    if analyze(with_changes(sc, changes)).zopa.size:
                        best = n
                        break
                if best == n:
                    break
    return best


@FAST
@given(doc=two_level_docs())
def test_every_answer_is_verified_by_rerunning_the_analysis(doc) -> None:  # type: ignore[no-untyped-def]
    sc = build(doc)
    search = search_remedies(sc, limit=3, describe=describe_change)
    for r in search.remedies:
        assert r.verified
        # independently: apply the changes and re-run here
        assert in_zopa(analyze(with_changes(sc, r.settings)), r.package)
        assert r.sentence.startswith("If ") or r.n_changes == 0
    counts = [(r.n_changes, r.size) for r in search.remedies]
    assert counts == sorted(counts)


@FAST
@given(doc=two_level_docs())
def test_exact_answers_have_the_fewest_changes(doc) -> None:  # type: ignore[no-untyped-def]
    sc = build(doc)
    search = search_remedies(sc, limit=1)
    if not search.exact:
        assert "heuristic" in search.method
        return
    assert "exact" in search.method
    expected = _brute_force_min_changes(copy.deepcopy(doc))
    if expected is None:
        assert search.remedies == ()
    else:
        assert search.remedies and search.remedies[0].n_changes == expected


def test_one_issue_remedy_is_the_smallest_threshold_cut() -> None:
    """Congress at 0.9 kills a deal the DPRK would accept up to x = 0.8: lowering Congress to
    the largest x the DPRK accepts is the smallest cut, and the search finds exactly that."""
    doc_sc = one_issue(ratifier_threshold=0.9)
    a = analyze(doc_sc)
    assert a.zopa.size == 0
    import dataclasses

    from accord.scenario.negotiation.model import Adjustable

    sc = dataclasses.replace(doc_sc, adjustable=(Adjustable("congress.threshold", 0.0, 1.0),))
    search = search_remedies(sc)
    assert search.exact
    top = search.remedies[0]
    dprk_max = float(a.space.utilities[0][a.space.utilities[1] >= a.space.reservations[1]].max())
    assert top.n_changes == 1
    assert top.settings["congress.threshold"] <= dprk_max
    assert float(top.settings["congress.threshold"]) > dprk_max - 1e-6
    assert top.verified


def test_hanoi_diagnosis_says_what_would_have_opened_a_deal() -> None:
    from accord.api import resolve_levers
    from accord.scenario import load_scenario

    d = diagnose(resolve_levers(load_scenario("hanoi-2019")))
    assert not d.analysis.verdict.agreement_possible
    assert d.search is not None and d.search.remedies and d.search.exact
    assert all(r.verified for r in d.search.remedies)
    assert d.pivots  # at least a group whose constraints, lifted, open a deal


def test_too_many_lever_combinations_is_labelled_heuristic() -> None:
    from _twolevel_factory import pref_doc

    from accord.bargaining.remedies import MAX_LEVER_COMBINATIONS

    n_levers = 10
    assert 2**n_levers > MAX_LEVER_COMBINATIONS
    doc = {
        "accord": 1,
        "title": "many levers",
        "actors": [
            {"id": "a", "role": "principal", "no_deal": 0.6},
            {"id": "b", "role": "principal", "no_deal": 0.6},
            {
                "id": "c",
                "role": "third_party",
                "levers": [
                    {
                        "id": f"l{k}",
                        "settings": ["off", "on"],
                        "current": "off",
                        "effects": {"on": [{"target": "b", "no_deal": -0.1}]},
                    }
                    for k in range(n_levers)
                ],
            },
        ],
        "issues": [{"id": "i0", "options": ["o0", "o1", "o2"]}],
        "preferences": {
            "a": pref_doc((3,), [1], [[0.0, 0.5, 1.0]]),
            "b": pref_doc((3,), [1], [[1.0, 0.5, 0.0]]),
        },
        "adjustable": [{"quantity": "a.no_deal", "min": 0.4, "max": 0.6}],
    }
    sc = build(doc)
    assert analyze(sc).zopa.size == 0
    search = search_remedies(sc)
    assert (
        not search.exact and "heuristic" in search.method and "one lever at a time" in search.method
    )
    assert search.remedies and all(r.verified for r in search.remedies)
    # one lever cuts b's reservation to 0.5; with a's cut to 0.5 too, o1 is in both win-sets
    assert search.remedies[0].n_changes == 2
