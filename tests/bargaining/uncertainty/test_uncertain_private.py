"""Private information: proposals under beliefs, hand-computed."""

from __future__ import annotations

from typing import Any

import numpy as np
from tests.bargaining.uncertainty._uncertain_factory import load, run

STEPS = ["o0", "o1", "o2", "o3", "o4"]


def _scenario(beliefs: list[dict[str, Any]]) -> Any:
    # one issue; a values o_i at i/4, b at 1 - i/4; both no-deal values 0.3
    return load(
        {
            "accord": 1,
            "title": "private information",
            "actors": [
                {"id": "a", "role": "principal", "no_deal": 0.3},
                {"id": "b", "role": "principal", "no_deal": 0.3},
            ],
            "issues": [{"id": "x", "options": STEPS}],
            "preferences": {
                "a": {
                    "weights": {"x": 1},
                    "values": {"x": {o: i / 4 for i, o in enumerate(STEPS)}},
                },
                "b": {
                    "weights": {"x": 1},
                    "values": {"x": {o: 1 - i / 4 for i, o in enumerate(STEPS)}},
                },
            },
            "uncertainty": {"beliefs": beliefs},
        }
    )


def _belief(
    holder: str, about: str, low: float, high: float, apply: str = "value"
) -> dict[str, Any]:
    return {
        "holder": holder,
        "about": about,
        "apply": apply,
        "distribution": {"kind": "uniform", "low": low, "high": high},
    }


def test_both_sides_overreach_although_a_zone_of_agreement_exists() -> None:
    # Each believes the other's no-deal value is U[0, 0.1]. a's win-set is o2..o4; it expects
    # gains 0.2 * 1, 0.45 * 1, 0.7 * F(0) = 0: it proposes o3, worth 0.25 < 0.3 to b.
    # b proposes o1 the same way, worth 0.25 < 0.3 to a. The zone of agreement is {o2}.
    sc = _scenario([_belief("a", "b", 0.0, 0.1), _belief("b", "a", 0.0, 0.1)])
    out, _ = run(sc, 2)
    assert out.deal.tolist() == [True, True]
    assert out.zopa.tolist() == [1, 1]
    assert out.private_deal.tolist() == [False, False]
    assert out.proposal.tolist() == [[3, 1], [3, 1]]


def test_one_side_that_knows_the_other_makes_the_deal() -> None:
    # b knows a (no belief): b proposes its best package a accepts, o2
    sc = _scenario([_belief("a", "b", 0.0, 0.1)])
    out, _ = run(sc, 1)
    assert out.private_deal.tolist() == [True]
    assert out.proposal.tolist() == [[3, 2]]


def test_a_cautious_belief_trades_gain_for_acceptance() -> None:
    # a believes b's value is U[0.2, 0.5]: expected gains o2 0.2 * F(0.5) = 0.2,
    # o3 0.45 * F(0.25) = 0.45 * (0.05 / 0.3) = 0.075, o4 0.7 * F(0) = 0 -> a proposes o2,
    # which b accepts (b's own proposal, o1, a refuses)
    sc = _scenario([_belief("a", "b", 0.2, 0.5), _belief("b", "a", 0.0, 0.1)])
    out, _ = run(sc, 1)
    assert out.proposal[0, 0] == 2
    assert out.private_deal.tolist() == [True]


def test_exact_beliefs_give_a_deal_exactly_when_a_zone_of_agreement_exists() -> None:
    sc = _scenario([_belief("a", "b", 0.0, 0.0, "shift"), _belief("b", "a", 0.0, 0.0, "shift")])
    out, _ = run(sc, 1)
    np.testing.assert_array_equal(out.private_deal, out.deal)
