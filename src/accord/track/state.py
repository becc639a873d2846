"""The state of a ledger: the fold of its events, and the rules every new event must keep.

:func:`check_event` refuses an event that does not fit the state (an unknown action, a
completion before the start, a verification by someone the plan does not name as verifier,
a review of the wrong phase) with one clear error; :func:`apply_event` folds an accepted
event into a new, frozen :class:`LedgerState`. Replaying a ledger applies the same rules, so
a stored ledger whose events break them is reported by :mod:`accord.track.chain`.

Commitment states: ``pending`` (not started), ``in_progress`` (started), ``done_unverified``
(completed, no confirming verification yet), ``verified`` (a verifier the plan names
confirmed it) and ``violated`` (a violation was recorded; starting it again resumes it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

from accord.errors import InputError
from accord.phasing import check
from accord.track.events import RESULTS, Event
from accord.track.plan import TrackPlan

__all__ = [
    "ActionRecord",
    "Breach",
    "CommitmentState",
    "LedgerState",
    "Report",
    "apply_event",
    "check_event",
    "initial_state",
]

CommitmentState = Literal["pending", "in_progress", "done_unverified", "verified", "violated"]
_STARTED = ("in_progress", "done_unverified", "verified")


@dataclass(frozen=True, slots=True)
class Report:
    """A verification report on one action."""

    seq: int
    phase: int
    verifier: str
    confirmed: bool
    confidence: float
    evidence: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Breach:
    """A violation recorded against one action."""

    seq: int
    phase: int
    by: str
    evidence: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """What has happened to one action (phases are those in which each event was recorded).

    ``out_of_order`` lists the rules of the plan its (latest) start did not wait for:
    ``("prerequisite", action id)`` or ``("gate", ratifier id)``.
    """

    action: str
    state: CommitmentState = "pending"
    started: int | None = None
    completed: int | None = None
    verified: int | None = None
    violated: int | None = None
    reports: tuple[Report, ...] = ()
    breaches: tuple[Breach, ...] = ()
    out_of_order: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerState:
    """A ledger after some events: the plan, the current phase and each action's record."""

    ledger: str
    plan: TrackPlan
    seq: int
    head: str
    phase: int
    planned: Mapping[str, int]
    horizon: int
    records: Mapping[str, ActionRecord]
    replans: int = 0
    notes: tuple[str, ...] = field(default=())

    def started_ids(self) -> set[str]:
        """Actions started (violated ones too: what their owner put in stays put in)."""
        return {a for a, r in self.records.items() if r.state != "pending"}

    def verified_ids(self) -> set[str]:
        """Actions verified and not violated since."""
        return {a for a, r in self.records.items() if r.state == "verified"}


def initial_state(ledger: str, plan: TrackPlan, head: str) -> LedgerState:
    """The state right after the ``opened`` event (event 0, whose hash is ``head``)."""
    return LedgerState(
        ledger=ledger,
        plan=plan,
        seq=0,
        head=head,
        phase=1,
        planned=MappingProxyType(dict(plan.starts)),
        horizon=plan.spec.horizon,
        records=MappingProxyType({a.id: ActionRecord(a.id) for a in plan.spec.actions}),
    )


def _text(data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{key} must be text")
    value = value.strip()
    if required and not value:
        raise InputError(f"{key} is required")
    return value


def _only(data: Mapping[str, Any], keys: tuple[str, ...], kind: str) -> None:
    extra = sorted(set(data) - set(keys))
    if extra:
        raise InputError(f"a {kind} event has no field {extra[0]!r}; fields: {', '.join(keys)}")


def _who(state: LedgerState, who: str) -> str:
    return state.plan.spec.verifier_label(who)


def check_event(state: LedgerState, kind: str, by: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check that an event fits the ledger's state; return its data in stored form.

    Raises
    ------
    InputError
        One clear message: what is wrong and what would be valid.
    """
    plan = state.plan
    if kind == "opened":
        raise InputError("a ledger is opened once, by accord track init")
    if by not in plan.authors:
        raise InputError(
            f"unknown author {by!r}; events are recorded by the plan's parties or verifiers: "
            + ", ".join(plan.authors)
        )
    if kind == "note":
        _only(data, ("text",), kind)
        return {"text": _text(data, "text", required=True)}
    if kind == "review":
        _only(data, ("closes", "note"), kind)
        closes = data.get("closes")
        if closes != state.phase or isinstance(closes, bool):
            raise InputError(
                f"the current phase is {state.phase}: a review closes phase {state.phase} "
                f"(got {closes!r})"
            )
        return {"closes": state.phase, "note": _text(data, "note")}
    if kind == "replanned":
        return _check_replan(state, data)
    if kind not in ("started", "completed", "verification", "violation"):
        raise InputError(
            f"unknown event kind {kind!r}; record one of: started, completed, verification, "
            "violation, review, note"
        )
    fields = {
        "started": ("action", "note"),
        "completed": ("action", "note"),
        "verification": ("action", "result", "confidence", "evidence", "note"),
        "violation": ("action", "evidence", "note"),
    }[kind]
    _only(data, fields, kind)
    aid = data.get("action")
    if not isinstance(aid, str):
        raise InputError(f"a {kind} event names the action it is about")
    action = plan.action(aid)
    rec = state.records[aid]
    label = f"'{action.label}'"
    out: dict[str, Any] = {"action": aid, "note": _text(data, "note")}
    if kind == "started":
        if rec.state in _STARTED:
            raise InputError(f"{label} has already started (phase {rec.started})")
        return out
    if kind == "completed":
        if rec.state == "pending":
            raise InputError(
                f"cannot record the completion of {label}: it has not started "
                "(record `started` first)"
            )
        if rec.state == "violated":
            raise InputError(
                f"cannot record the completion of {label}: it was violated in phase "
                f"{rec.violated} (record `started` again when it resumes)"
            )
        if rec.state != "in_progress":
            raise InputError(f"{label} was already completed (phase {rec.completed})")
        return out
    if kind == "violation":
        if rec.state == "pending":
            raise InputError(f"cannot record a violation of {label}: it has not started")
        if rec.state == "violated":
            raise InputError(f"{label} is already recorded as violated (phase {rec.violated})")
        out["evidence"] = _text(data, "evidence", required=True)
        return out
    # verification
    if by not in action.verified_by:
        names = ", ".join(f"{v} ({_who(state, v)})" for v in action.verified_by)
        raise InputError(f"{by!r} is not a verifier of {label}: the plan names {names}")
    if rec.state in ("pending", "in_progress"):
        what = "it has not started" if rec.state == "pending" else "it is not completed yet"
        raise InputError(
            f"cannot record a verification of {label}: {what} (record `completed` first)"
        )
    if rec.state == "violated":
        raise InputError(
            f"cannot record a verification of {label}: it was violated in phase {rec.violated}"
        )
    result = data.get("result")
    if result not in RESULTS:
        raise InputError(f"result must be one of: {', '.join(RESULTS)} (got {result!r})")
    conf = data.get("confidence")
    if (
        isinstance(conf, bool)
        or not isinstance(conf, int | float)
        or not math.isfinite(conf)
        or not 0 <= conf <= 1
    ):
        raise InputError(f"confidence must be a number from 0 to 1 (got {conf!r})")
    out.update(
        result=result, confidence=float(conf), evidence=_text(data, "evidence", required=True)
    )
    return out


def _check_replan(state: LedgerState, data: Mapping[str, Any]) -> dict[str, Any]:
    _only(data, ("starts", "horizon", "t_end", "note"), "replanned")
    starts, horizon, t_end = data.get("starts"), data.get("horizon"), data.get("t_end")
    if not isinstance(starts, dict) or not isinstance(horizon, int) or horizon < 1:
        raise InputError("a replanned event has starts (action: phase) and a horizon")
    if not (t_end is None or isinstance(t_end, int)):
        raise InputError("t_end must be a phase number")
    clean: dict[str, int] = {}
    for aid, s in starts.items():
        state.plan.action(aid)
        rec = state.records[aid]
        if not isinstance(s, int) or isinstance(s, bool) or not 1 <= s <= horizon:
            raise InputError(f"start of {aid!r} must be a phase from 1 to {horizon}")
        if rec.state in _STARTED and s != rec.started:
            raise InputError(f"{aid!r} started in phase {rec.started}; a re-plan keeps that")
        if rec.state not in _STARTED and s < state.phase:
            raise InputError(
                f"{aid!r} cannot be planned to start in phase {s}: the current phase is "
                f"{state.phase}"
            )
        clean[aid] = s
    return {
        "starts": dict(sorted(clean.items())),
        "horizon": horizon,
        "t_end": t_end,
        "note": _text(data, "note"),
    }


def _out_of_order(state: LedgerState, aid: str) -> tuple[tuple[str, str], ...]:
    spec, done = state.plan.spec, state.verified_ids()
    out = [("prerequisite", p) for p in spec.action(aid).prerequisites if p not in done]
    for r in spec.ratifiers:
        if aid in r.gates and check.credit_of(spec, r.id, done) < r.threshold - check.TOL:
            out.append(("gate", r.id))
    return tuple(out)


def apply_event(state: LedgerState, event: Event, event_hash: str) -> LedgerState:
    """Fold an event into the state (checking it first, with :func:`check_event`).

    Raises
    ------
    InputError
        If the event breaks the rules or is not the next one of this ledger.
    """
    if event.ledger != state.ledger or event.seq != state.seq + 1:
        raise InputError(
            f"event {event.seq} of ledger {event.ledger!r} does not follow event {state.seq} "
            f"of ledger {state.ledger!r}"
        )
    if event.phase != state.phase:
        raise InputError(
            f"event {event.seq} says it was recorded in phase {event.phase}, but the ledger was "
            f"in phase {state.phase}"
        )
    data = check_event(state, event.kind, event.by, event.data)
    base = replace(state, seq=event.seq, head=event_hash)
    p = state.phase
    if event.kind == "note":
        return replace(base, notes=(*state.notes, data["text"]))
    if event.kind == "review":
        return replace(base, phase=p + 1)
    if event.kind == "replanned":
        return replace(
            base,
            planned=MappingProxyType(data["starts"]),
            horizon=data["horizon"],
            replans=state.replans + 1,
        )
    aid = data["action"]
    rec = state.records[aid]
    if event.kind == "started":
        new = replace(
            rec,
            state="in_progress",
            started=p,
            completed=None,
            verified=None,
            out_of_order=_out_of_order(state, aid),
        )
    elif event.kind == "completed":
        new = replace(rec, state="done_unverified", completed=p)
    elif event.kind == "violation":
        breach = Breach(event.seq, p, event.by, data["evidence"], data["note"])
        new = replace(rec, state="violated", violated=p, breaches=(*rec.breaches, breach))
    else:  # verification
        ok = data["result"] == "confirmed"
        report = Report(
            event.seq, p, event.by, ok, data["confidence"], data["evidence"], data["note"]
        )
        new = replace(rec, reports=(*rec.reports, report))
        if ok and rec.state == "done_unverified":
            new = replace(new, state="verified", verified=p)
    records = dict(state.records)
    records[aid] = new
    return replace(base, records=MappingProxyType(records))
