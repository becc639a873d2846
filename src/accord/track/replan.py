"""Re-plan the rest of a tracked plan from where it stands (the phasing MILP, re-solved).

From the ledger's state in phase ``c``:

* a step *under way* (started, not violated) keeps its start phase. Its timing is what
  happened: a verified step is verified when it was; a completed one is verified at the
  end of phase ``c`` at the earliest (its lag, counted from its completion, or now if
  that is overdue); a step still in progress is completed at the end of ``c`` at the
  earliest;
* a step *not started* may start in phase ``c`` or later;
* a *violated* step counts as undone: its owner must take it again (in full) if the end state
  requires it, and nothing it delivered counts;
* what happened before phase ``c`` is not re-judged (see :func:`accord.phasing.milp.build_model`).

The horizon is the plan's, extended when the steps under way (or the required steps, started
from phase ``c``) need more; the re-plan reports the one it used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from accord.errors import InputError
from accord.phasing import check
from accord.phasing.result import PhasingResult
from accord.phasing.schedule import schedule, with_horizon
from accord.scenario.phasing.model import Action, PhasingSpec
from accord.track.state import ActionRecord, LedgerState

__all__ = ["Replan", "replan"]


@dataclass(frozen=True, slots=True)
class Replan:
    """A re-plan: from which phase, over what horizon, what was held, and the new plan."""

    ledger: str
    first_phase: int
    horizon: int
    extended: bool
    fixed: Mapping[str, int]
    previous: Mapping[str, int]
    previous_t_end: int
    result: PhasingResult

    @property
    def changes(self) -> tuple[tuple[str, int | None, int | None], ...]:
        """(action, planned start before, planned start now) for every step that moved."""
        ids = [a.id for a in self.result.spec.actions]
        before, after = self.previous, self.result.starts
        return tuple((a, before.get(a), after.get(a)) for a in ids if before.get(a) != after.get(a))


def _as_happened(a: Action, rec: ActionRecord, now: int) -> Action:
    """``a`` with the duration and lag that match its record (for a step under way)."""
    s = rec.started
    assert s is not None
    if rec.state == "verified":
        assert rec.completed is not None and rec.verified is not None
        return replace(a, duration=rec.completed - s + 1, lag=rec.verified - rec.completed)
    if rec.state == "done_unverified":
        assert rec.completed is not None
        return replace(a, duration=rec.completed - s + 1, lag=max(a.lag, now - rec.completed))
    return replace(a, duration=max(a.duration, now - s + 1))


def _chain_end(spec: PhasingSpec, aid: str, memo: dict[str, int]) -> int:
    """Phases from the first free phase until ``aid`` can be verified (prerequisite chain)."""
    if aid not in memo:
        a = spec.action(aid)
        before = max((_chain_end(spec, p, memo) for p in a.prerequisites), default=0)
        memo[aid] = before + a.duration + a.lag
    return memo[aid]


def replan(
    state: LedgerState, *, horizon: int | None = None, time_limit: float | None = None
) -> Replan:
    """Re-solve the remaining steps of a tracked plan from its current phase.

    Parameters
    ----------
    state:
        The ledger's state.
    horizon:
        Number of phases of the new plan (default: the plan's, extended if needed).
    time_limit:
        Solver seconds (default: the phasing file's setting).

    Raises
    ------
    InputError
        If ``horizon`` is too short for the steps already under way.
    """
    spec, now = state.plan.spec, state.phase
    fixed: dict[str, int] = {}
    actions = []
    for a in spec.actions:
        rec = state.records[a.id]
        if rec.state in ("in_progress", "done_unverified", "verified"):
            assert rec.started is not None
            fixed[a.id] = rec.started
            actions.append(_as_happened(a, rec, now))
        else:
            actions.append(a)
    adjusted = replace(spec, actions=tuple(actions))
    held = max((fixed[a.id] + a.duration + a.lag - 1 for a in actions if a.id in fixed), default=0)
    memo: dict[str, int] = {}
    free_need = max(
        (now - 1 + _chain_end(adjusted, e, memo) for e in spec.end_state if e not in fixed),
        default=0,
    )
    needed = max(held, free_need, now)
    if horizon is not None and horizon < max(held, now):
        raise InputError(
            f"--horizon {horizon} is too short: the plan is in phase {now} and the steps under "
            f"way are verified by the end of phase {held} at the earliest; use at least "
            f"{max(held, now)}"
        )
    new_h = horizon if horizon is not None else max(spec.horizon, needed)
    result = schedule(
        with_horizon(adjusted, new_h), fixed=fixed, first_phase=now, time_limit=time_limit
    )
    return Replan(
        ledger=state.ledger,
        first_phase=now,
        horizon=new_h,
        extended=horizon is None and new_h > spec.horizon,
        fixed=MappingProxyType(fixed),
        previous=MappingProxyType(dict(state.planned)),
        previous_t_end=check.t_end(spec, state.planned),
        result=result,
    )
