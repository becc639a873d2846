"""Facts on a ledger's compliance: each commitment's state, what is overdue, each side's
exposure against its cap, and what the next steps of the plan wait for.

Only facts are computed here; :mod:`accord.report.track` writes the sentences.

Timing (the phasing model's convention): a step planned to start in phase ``s`` is due to
start in ``s``, to be completed by the end of ``s+d-1`` and verified by the end of
``s+d+l-1``. The current phase ``c`` is 1 plus the number of phase reviews; phases before
``c`` are closed, so a step is *overdue* when its due phase is before ``c``.

The next steps are the plan's steps not yet started (or violated, to be taken again) in the
earliest phase from ``c`` on that has any; overdue steps count as due now. They *wait* on:
a prerequisite that is not verified, a ratification gate whose ratifier has too little
verified credit, or an owner whose exposure would exceed its cap if they started now (the
exposure cap counts the counterpart steps verified so far).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from accord.phasing import check
from accord.scenario.phasing.model import Action, PhasingSpec
from accord.track.state import ActionRecord, CommitmentState, LedgerState

__all__ = [
    "Commitment",
    "Exposure",
    "LedgerStatus",
    "NextSteps",
    "Overdue",
    "Wait",
    "ledger_status",
]


@dataclass(frozen=True, slots=True)
class Overdue:
    """A step behind its plan: what is late, the phase it was due, by how many phases."""

    what: Literal["start", "completion", "verification"]
    due: int
    late_by: int


@dataclass(frozen=True, slots=True)
class Commitment:
    """One action of the plan (or started outside it) and where it stands."""

    action: str
    owner: str
    state: CommitmentState
    required: bool
    planned_start: int | None
    planned_completion: int | None
    planned_verification: int | None
    record: ActionRecord
    overdue: Overdue | None


@dataclass(frozen=True, slots=True)
class Exposure:
    """A party's exposure now and its cap now (same units as the phasing file)."""

    party: str
    exposure: float
    cap: float

    @property
    def over(self) -> bool:
        """Exposure beyond the cap."""
        return self.exposure > self.cap + check.TOL


@dataclass(frozen=True, slots=True)
class Wait:
    """What some next steps wait on.

    ``kind`` is ``prerequisite`` (``subject``: the action not yet verified), ``gate``
    (``subject``: the ratifier; ``have`` its credit, ``need`` its threshold) or ``exposure``
    (``subject``: the party; ``have`` its exposure if the steps started, ``need`` its cap).
    """

    kind: Literal["prerequisite", "gate", "exposure"]
    subject: str
    steps: tuple[str, ...]
    have: float = 0.0
    need: float = 0.0


@dataclass(frozen=True, slots=True)
class NextSteps:
    """The plan's next steps: their phase, which they are, and what they wait on."""

    phase: int
    steps: tuple[str, ...]
    waits: tuple[Wait, ...]

    @property
    def can_start(self) -> bool:
        """Nothing stands in their way."""
        return not self.waits


@dataclass(frozen=True, slots=True)
class LedgerStatus:
    """Where a tracked plan stands."""

    ledger: str
    spec: PhasingSpec
    phase: int
    horizon: int
    events: int
    head: str
    replans: int
    commitments: tuple[Commitment, ...]
    exposures: tuple[Exposure, ...]
    next: NextSteps | None
    complete: bool

    def commitment(self, aid: str) -> Commitment:
        """The commitment of action ``aid``."""
        return next(c for c in self.commitments if c.action == aid)

    def to_dict(self) -> dict[str, Any]:
        """The facts as a JSON-ready dict (``accord.report.track`` adds the sentences)."""
        return {
            "ledger": self.ledger,
            "title": self.spec.title,
            "phase": self.phase,
            "horizon": self.horizon,
            "events": self.events,
            "head": self.head,
            "replans": self.replans,
            "complete": self.complete,
            "commitments": [_commitment_dict(c) for c in self.commitments],
            "exposures": [
                {
                    "party": e.party,
                    "exposure": round(e.exposure, 6),
                    "cap": round(e.cap, 6),
                    "over": e.over,
                }
                for e in self.exposures
            ],
            "next": None
            if self.next is None
            else {
                "phase": self.next.phase,
                "steps": list(self.next.steps),
                "can_start": self.next.can_start,
                "waits": [
                    {
                        "kind": w.kind,
                        "subject": w.subject,
                        "steps": list(w.steps),
                        "have": round(w.have, 6),
                        "need": round(w.need, 6),
                    }
                    for w in self.next.waits
                ],
            },
        }


def _commitment_dict(c: Commitment) -> dict[str, Any]:
    r = c.record
    return {
        "action": c.action,
        "owner": c.owner,
        "state": c.state,
        "required": c.required,
        "planned": {
            "start": c.planned_start,
            "completion": c.planned_completion,
            "verification": c.planned_verification,
        },
        "actual": {
            "start": r.started,
            "completion": r.completed,
            "verification": r.verified,
            "violation": r.violated,
        },
        "overdue": None
        if c.overdue is None
        else {"what": c.overdue.what, "due": c.overdue.due, "late_by": c.overdue.late_by},
        "reports": [
            {
                "event": x.seq,
                "phase": x.phase,
                "verifier": x.verifier,
                "result": "confirmed" if x.confirmed else "not_confirmed",
                "confidence": x.confidence,
                "evidence": x.evidence,
                "note": x.note,
            }
            for x in r.reports
        ],
        "violations": [
            {"event": b.seq, "phase": b.phase, "by": b.by, "evidence": b.evidence, "note": b.note}
            for b in r.breaches
        ],
        "out_of_order": [{"kind": k, "subject": s} for k, s in r.out_of_order],
    }


def _overdue(a: Action, state: CommitmentState, start: int | None, now: int) -> Overdue | None:
    if start is None:
        return None
    due = {
        "pending": ("start", start),
        "in_progress": ("completion", start + a.duration - 1),
        "done_unverified": ("verification", start + a.duration + a.lag - 1),
    }.get(state)
    if due is None or due[1] >= now:
        return None
    what, phase = due
    return Overdue(what, phase, now - phase)  # type: ignore[arg-type]


def _next_steps(state: LedgerState, planned: Mapping[str, int]) -> NextSteps | None:
    spec, now = state.plan.spec, state.phase
    todo = {
        aid: max(s, now)
        for aid, s in planned.items()
        if state.records[aid].state in ("pending", "violated")
    }
    if not todo:
        return None
    phase = min(todo.values())
    steps = tuple(a.id for a in spec.actions if todo.get(a.id) == phase)
    started, verified = state.started_ids(), state.verified_ids()
    waits: list[Wait] = []
    for pre in (a.id for a in spec.actions):
        waiting = tuple(s for s in steps if pre in spec.action(s).prerequisites)
        if waiting and pre not in verified:
            waits.append(Wait("prerequisite", pre, waiting))
    for r in spec.ratifiers:
        gated = tuple(s for s in steps if s in r.gates)
        credit = check.credit_of(spec, r.id, verified)
        if gated and credit < r.threshold - check.TOL:
            waits.append(Wait("gate", r.id, gated, credit, r.threshold))
    for p in spec.parties:
        own = tuple(s for s in steps if spec.action(s).owner == p.id)
        if not own:
            continue
        would = check.exposure_of(spec, p.id, started | set(own), verified)
        cap = check.cap_of(spec, p.id, verified)
        if would > cap + check.TOL:
            waits.append(Wait("exposure", p.id, own, would, cap))
    return NextSteps(phase, steps, tuple(waits))


def ledger_status(state: LedgerState) -> LedgerStatus:
    """The facts on where the plan stands, from a ledger's state."""
    spec, now = state.plan.spec, state.phase
    planned = dict(state.planned)
    commitments = []
    for a in spec.actions:
        rec = state.records[a.id]
        s = planned.get(a.id)
        if s is None and rec.state == "pending":
            continue  # not in the plan, and not started: not a commitment
        commitments.append(
            Commitment(
                action=a.id,
                owner=a.owner,
                state=rec.state,
                required=a.id in spec.end_state,
                planned_start=s,
                planned_completion=None if s is None else s + a.duration - 1,
                planned_verification=None if s is None else s + a.duration + a.lag - 1,
                record=rec,
                overdue=_overdue(a, rec.state, s, now),
            )
        )
    started, verified = state.started_ids(), state.verified_ids()
    exposures = tuple(
        Exposure(
            p.id,
            check.exposure_of(spec, p.id, started, verified),
            check.cap_of(spec, p.id, verified),
        )
        for p in spec.parties
    )
    return LedgerStatus(
        ledger=state.ledger,
        spec=spec,
        phase=now,
        horizon=state.horizon,
        events=state.seq + 1,
        head=state.head,
        replans=state.replans,
        commitments=tuple(commitments),
        exposures=exposures,
        next=_next_steps(state, planned),
        complete=all(e in verified for e in spec.end_state),
    )
