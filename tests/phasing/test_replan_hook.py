"""Re-planning a plan under way: fixed starts and a first phase (``schedule(fixed=...)``)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.phasing import check
from accord.phasing.schedule import schedule
from accord.scenario.phasing.model import Action, Party, PhasingSpec

from .strategies import specs

FAST = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def brute_force_replan(spec: PhasingSpec, fixed: dict[str, int], first: int) -> int | None:
    """Smallest T_end over every start assignment of the free actions the checker accepts."""
    free = [a for a in spec.actions if a.id not in fixed]
    best: int | None = None
    for combo in itertools.product([None, *range(first, spec.horizon + 1)], repeat=len(free)):
        starts = dict(fixed)
        starts.update({a.id: s for a, s in zip(free, combo, strict=True) if s is not None})
        if not check.check_plan(spec, starts, fixed=fixed, first_phase=first):
            te = check.t_end(spec, starts)
            best = te if best is None else min(best, te)
    return best


@FAST
@given(specs(max_actions=4, horizon=4), st.integers(2, 3))
def test_replan_matches_brute_force(spec: PhasingSpec, first: int) -> None:
    """Fix what a solved plan started before ``first``; the re-plan is optimal among the rest."""
    base = schedule(spec, explain=False)
    if not base.feasible:
        return
    fixed = {a: s for a, s in base.starts.items() if s < first}
    result = schedule(spec, explain=False, fixed=fixed, first_phase=first)
    # the rest of the original plan is still a valid plan, so the re-plan is feasible ...
    assert result.feasible
    assert {a: result.starts[a] for a in fixed} == fixed
    assert all(s >= first for a, s in result.starts.items() if a not in fixed)
    assert check.check_plan(spec, result.starts, fixed=fixed, first_phase=first) == []
    # ... and no later than the original, and as early as exhaustive search finds
    assert result.t_end is not None and base.t_end is not None
    assert result.t_end <= base.t_end
    assert result.t_end == brute_force_replan(spec, fixed, first)


def two_step() -> PhasingSpec:
    """DPRK shuts down (verified after one phase lag); the US pays once it is verified."""
    return PhasingSpec(
        scenario="t",
        horizon=5,
        parties=(Party("us", exposure_tolerance=1.0), Party("dprk", exposure_tolerance=10.0)),
        actions=(
            Action("shut", "dprk", lag=1, cost=2.0, value={"us": 5.0}),
            Action("pay", "us", cost=1.0, value={"dprk": 6.0}, prerequisites=("shut",)),
        ),
        end_state=("shut", "pay"),
    )


def test_a_delayed_step_moves_what_waits_for_it() -> None:
    spec = two_step()
    assert schedule(spec).starts == {"shut": 1, "pay": 3}
    # nothing started by phase 3: the shutdown starts now, the payment two phases later
    late = schedule(spec, first_phase=3)
    assert late.starts == {"shut": 3, "pay": 5}
    assert late.t_end == 5


def test_the_past_is_not_rejudged() -> None:
    """A payment started too early (a breach) is kept; only phases from now on are checked."""
    spec = two_step()
    result = schedule(spec, fixed={"pay": 1}, first_phase=3)
    assert result.feasible and result.starts["pay"] == 1
    assert check.check_plan(spec, result.starts) != []  # the full history breaks the rules
    assert any(e.text == "'pay' was started in phase 1." for e in result.explanations)


@pytest.mark.parametrize(
    ("fixed", "first", "match"),
    [
        ({"nope": 1}, 2, "unknown action"),
        ({"shut": 5}, 2, "cannot be verified within the horizon"),
        ({}, 9, "within the horizon"),
    ],
)
def test_bad_history_is_refused(fixed: dict[str, int], first: int, match: str) -> None:
    with pytest.raises(InputError, match=match):
        schedule(two_step(), fixed=fixed, first_phase=first)
