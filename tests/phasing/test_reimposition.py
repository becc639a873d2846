"""The cost of taking a step back (``reimposition_cost``), hand-checked.

US relief worth cost 10 to the US and 12 to the DPRK, reversibility 0.5 (half its effect
can be taken back). With reimposition cost ``k`` the US recovers ``max(5 - k, 0)`` by taking
it back, so it has ``10 - max(5 - k, 0)`` at risk; the DPRK loses ``0.5 * 12 = 6`` when the US
takes it back, but only if that is worth doing for the US (``5 >= k``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from accord.phasing import check
from accord.phasing.schedule import schedule
from accord.scenario.phasing.model import Action, Party, PhasingSpec


def spec(k: float, tolerance: float = 8.0) -> PhasingSpec:
    return PhasingSpec(
        scenario="hand-checked",
        horizon=2,
        discount=1.0,
        parties=(
            Party("us", exposure_tolerance=tolerance),
            Party("dprk", exposure_tolerance=20.0, defection_gain=1.0),
        ),
        actions=(
            Action(
                "relief",
                "us",
                cost=10.0,
                value={"dprk": 12.0},
                reversibility=0.5,
                reimposition_cost=k,
            ),
            Action("freeze", "dprk", cost=4.0, value={"us": 6.0}, duration=2),
        ),
        end_state=("relief",),
    )


@pytest.mark.parametrize(
    ("k", "recovered", "at_risk", "dprk_loses"),
    [
        (0.0, 5.0, 5.0, 6.0),  # reversibility alone: (1 - r) * cost at risk
        (3.0, 2.0, 8.0, 6.0),  # 5 - 3 recovered; the threat is credible
        (5.0, 0.0, 10.0, 6.0),  # recovers nothing net, still (just) worth doing
        (6.0, 0.0, 10.0, 0.0),  # costs more than it recovers: not credible, nothing lost
    ],
)
def test_exposure_and_defection_by_hand(
    k: float, recovered: float, at_risk: float, dprk_loses: float
) -> None:
    sp = spec(k)
    relief = sp.action("relief")
    assert relief.recovered == pytest.approx(recovered)
    starts = {"relief": 1, "freeze": 1}
    # phase 1: the US has started the relief, nothing is verified yet
    assert check.exposure(sp, starts, "us", 1) == pytest.approx(at_risk)
    assert check.deviation(sp, starts, "us", 1) == pytest.approx(recovered)
    # phase 2: the relief is verified; the DPRK's freeze is still under way
    assert check.exposure(sp, starts, "dprk", 2) == pytest.approx(4.0 - (12.0 - dprk_loses))
    assert check.deviation(sp, starts, "dprk", 2) == pytest.approx(1.0 - dprk_loses)


@pytest.mark.parametrize(("k", "feasible"), [(0.0, True), (3.0, True), (4.0, False), (6.0, False)])
def test_the_solver_agrees_the_cost_can_break_the_cap(k: float, feasible: bool) -> None:
    """US tolerance 8: the relief fits while 10 - max(5 - k, 0) <= 8, i.e. k <= 3.

    (The freeze is optional; the plan needs it so that the US, which could take back
    ``max(5 - k, 0)`` by defecting, still expects more (6) from continuing.)
    """
    result = schedule(spec(k))
    assert result.feasible is feasible
    if feasible:
        assert check.check_plan(spec(k), result.starts) == []
    else:
        assert result.diagnosis is not None
        assert ("exposure", "us") in {
            (r.group.kind, r.group.subject) for r in result.diagnosis.relaxations
        }


def test_a_zero_cost_changes_nothing() -> None:
    base = spec(0.0)
    plain = replace(base, actions=tuple(replace(a, reimposition_cost=0.0) for a in base.actions))
    assert schedule(base, explain=False).starts == schedule(plain, explain=False).starts
