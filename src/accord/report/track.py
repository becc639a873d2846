"""Render implementation tracking (``accord track``): the compliance verdict in plain words,
tables, and JSON-ready dicts. Every sentence about a ledger is written here; the facts come
from :mod:`accord.track`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from accord.phasing.groups import possessive
from accord.report.phasing import to_dict as phasing_to_dict
from accord.scenario.phasing.model import PhasingSpec
from accord.track.chain import ChainCheck
from accord.track.events import Record
from accord.track.replan import Replan
from accord.track.status import Commitment, LedgerStatus, Wait

__all__ = [
    "check_to_dict",
    "check_verdict",
    "describe_event",
    "render_check",
    "render_log",
    "render_replan",
    "render_status",
    "replan_sentences",
    "replan_to_dict",
    "status_sentences",
    "status_to_dict",
]

_STATE_WORDS = {
    "pending": "pending",
    "in_progress": "in progress",
    "done_unverified": "done, not verified",
    "verified": "verified",
    "violated": "violated",
}


def _num(x: float) -> str:
    return f"{round(x, 2):g}"


def _step(spec: PhasingSpec, aid: str) -> str:
    return f"'{spec.action(aid).label}'"


def _steps(spec: PhasingSpec, ids: Sequence[str]) -> str:
    names = [_step(spec, a) for a in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _party(spec: PhasingSpec, pid: str) -> str:
    return spec.party(pid).label


def _verifiers(spec: PhasingSpec, ids: Sequence[str]) -> str:
    return " or ".join(spec.verifier_label(v) for v in ids)


def _phases(n: int) -> str:
    return f"{n} phase{'s' if n != 1 else ''}"


def headline(status: LedgerStatus) -> str:
    """``"<title>, phase 3 of 8: behind plan"``."""
    cs = status.commitments
    if status.complete:
        verdict = "complete: every required step is verified"
    elif any(c.state == "violated" for c in cs):
        verdict = "a commitment is violated"
    elif any(c.overdue for c in cs):
        verdict = "behind plan"
    else:
        verdict = "on plan"
    title = status.spec.title or status.ledger
    return f"{title}, phase {status.phase} of {status.horizon}: {verdict}"


def _prerequisite(status: LedgerStatus, w: Wait) -> str:
    spec = status.spec
    c = status.commitment(w.subject)
    a, owner = spec.action(w.subject), _party(spec, spec.action(w.subject).owner)
    before = f" (needed before {_steps(spec, w.steps)})"
    if c.state == "pending":
        return f"{owner} has not started {_step(spec, a.id)}{before}"
    if c.state == "in_progress":
        return f"{owner} has not completed {_step(spec, a.id)}{before}"
    if c.state == "violated":
        return f"{_step(spec, a.id)} was violated in phase {c.record.violated}{before}"
    text = f"{_verifiers(spec, a.verified_by)} has not verified {_step(spec, a.id)}"
    last = c.record.reports[-1] if c.record.reports else None
    if last is not None and not last.confirmed:
        text += (
            f" ({spec.verifier_label(last.verifier)} reported in phase {last.phase} that it "
            "could not confirm it)"
        )
    return text + before


def _wait(status: LedgerStatus, w: Wait) -> str:
    spec = status.spec
    if w.kind == "prerequisite":
        return _prerequisite(status, w)
    if w.kind == "gate":
        r = next(x for x in spec.ratifiers if x.id == w.subject)
        return (
            f"{r.label} has {_num(w.have)} of the {_num(w.need)} verified credit it needs "
            f"before {_steps(spec, w.steps)}"
        )
    return (
        f"{possessive(_party(spec, w.subject))} exposure would be {_num(w.have)} against its "
        f"cap of {_num(w.need)} if {_steps(spec, w.steps)} started"
    )


def next_sentence(status: LedgerStatus) -> str:
    """Whether the plan's next steps can start, and if not what they wait on."""
    spec, n = status.spec, status.next
    if n is None:
        return "Every step of the plan has started."
    exposures = "; ".join(
        f"{possessive(_party(spec, e.party))} exposure {_num(e.exposure)} of cap {_num(e.cap)}"
        for e in status.exposures
    )
    if n.can_start:
        return (
            f"Phase {n.phase} can start: nothing stands in the way of {_steps(spec, n.steps)}; "
            f"{exposures}."
        )
    reasons = "; ".join(_wait(status, w) for w in n.waits)
    return f"Phase {n.phase} cannot start: {reasons}; {exposures}."


def _overdue(spec: PhasingSpec, c: Commitment) -> str:
    assert c.overdue is not None
    a, o = spec.action(c.action), c.overdue
    who = f"{_step(spec, a.id)} ({_party(spec, a.owner)}) is {_phases(o.late_by)} late"
    if o.what == "start":
        return f"{who}: it was due to start in phase {o.due}."
    if o.what == "completion":
        return f"{who}: it was due to be completed by the end of phase {o.due}."
    text = (
        f"{who}: {_verifiers(spec, a.verified_by)} was due to verify it by the end of phase {o.due}"
    )
    if c.record.reports and not c.record.reports[-1].confirmed:
        text += ", and the last report did not confirm it"
    return text + "."


def status_sentences(status: LedgerStatus) -> list[str]:
    """The verdict on compliance in plain words: headline, next steps, then each finding."""
    spec = status.spec
    out = [headline(status) + ".", next_sentence(status)]
    for c in status.commitments:
        for b in c.record.breaches:
            out.append(
                f"{_party(spec, c.owner)} violated {_step(spec, c.action)}: recorded in phase "
                f"{b.phase} by {spec.verifier_label(b.by)} ({b.evidence})."
            )
    out += [_overdue(spec, c) for c in status.commitments if c.overdue is not None]
    for e in status.exposures:
        if e.over:
            out.append(
                f"{possessive(_party(spec, e.party))} exposure {_num(e.exposure)} is over its "
                f"cap of {_num(e.cap)}."
            )
    for c in status.commitments:
        for kind, subject in c.record.out_of_order:
            if kind == "prerequisite":
                why = f"before {_step(spec, subject)} was verified"
            else:
                r = next(x for x in spec.ratifiers if x.id == subject)
                why = f"before {r.label} had the verified credit it requires"
            out.append(f"{_step(spec, c.action)} started {why}, out of the plan's order.")
    return out


def status_to_dict(status: LedgerStatus) -> dict[str, Any]:
    """The status facts (see :meth:`LedgerStatus.to_dict`) with the verdict sentences."""
    return {**status.to_dict(), "verdict": status_sentences(status)}


def _commitment_row(spec: PhasingSpec, c: Commitment) -> list[str]:
    planned = (
        "—"
        if c.planned_start is None
        else f"{c.planned_start}/{c.planned_completion}/{c.planned_verification}"
    )
    r = c.record
    actual = "/".join("–" if x is None else str(x) for x in (r.started, r.completed, r.verified))
    last = ""
    if r.reports:
        x = r.reports[-1]
        word = "confirmed" if x.confirmed else "NOT confirmed"
        last = f"{spec.verifier_label(x.verifier)}: {word} ({_num(x.confidence)})"
    state = _STATE_WORDS[c.state] + (f", {c.overdue.what} late" if c.overdue else "")
    return [spec.action(c.action).label, c.owner, state, planned, actual, last]


def render_status(status: LedgerStatus, console: Console) -> None:
    """Print the verdict, the commitments table and the exposures."""
    spec = status.spec
    sentences = status_sentences(status)
    parts: list[RenderableType] = [Text(sentences[0], style="bold")]
    parts += [Text(f"• {s}") for s in sentences[1:]]
    table = Table(title="Commitments (phases: start/done/verified)")
    for head in ("Step", "Owner", "State", "Planned", "Actual", "Last report"):
        table.add_column(head)
    order = sorted(status.commitments, key=lambda c: (c.planned_start or 10**6, c.action))
    for c in order:
        table.add_row(*_commitment_row(spec, c))
    parts.append(table)
    parts.append(Text(f"Ledger {status.ledger}: {status.events} events, head {status.head[:16]}…"))
    console.print(Group(*parts))


def check_verdict(check: ChainCheck) -> str:
    """One sentence on a ledger check."""
    if check.ok:
        n = check.signed
        signed = f", {n} signature{'s' if n != 1 else ''} valid" if n else ""
        return (
            f"Ledger {check.ledger} verifies: {check.events} events, every link intact{signed}; "
            f"head {check.head}."
        )
    first = check.problems[0]
    more = len(check.problems) - 1
    tail = f" ({more} more problem{'s' if more != 1 else ''} after it)" if more else ""
    return (
        f"Ledger {check.ledger} does NOT verify: the first broken link is event {first.seq}: "
        f"{first.detail}{tail}."
    )


def check_to_dict(check: ChainCheck) -> dict[str, Any]:
    """The check's facts with its verdict sentence."""
    return {**check.to_dict(), "verdict": check_verdict(check)}


def render_check(check: ChainCheck, console: Console) -> None:
    """Print the verdict and every problem found."""
    parts: list[RenderableType] = [Text(check_verdict(check), style="bold")]
    parts += [Text(f"  event {p.seq} ({p.kind}): {p.detail}") for p in check.problems]
    console.print(Group(*parts))


def replan_sentences(rp: Replan, recorded: Record | None = None) -> list[str]:
    """The re-plan in plain words: headline, then each moved step."""
    res, spec = rp.result, rp.result.spec
    horizon = f"{rp.horizon} phases" + (" (extended to fit)" if rp.extended else "")
    if not res.feasible:
        out = [f"No re-plan from phase {rp.first_phase} within {horizon}: {res.status}."]
        if res.diagnosis is not None:
            out.append(res.diagnosis.text)
        return out
    out = [
        f"Re-plan from phase {rp.first_phase} over {horizon}: the required steps are verified "
        f"by the end of phase {res.t_end} (the plan said {rp.previous_t_end})."
    ]
    for aid, before, after in rp.changes:
        label = f"{_step(spec, aid)} ({_party(spec, spec.action(aid).owner)})"
        if before is None:
            out.append(f"{label} is added in phase {after}.")
        elif after is None:
            out.append(f"{label} is left out (it was planned for phase {before}).")
        else:
            out.append(f"{label} moves from phase {before} to phase {after}.")
    if not rp.changes:
        out.append("No step moves.")
    moved = {aid for aid, _, _ in rp.changes}
    out += [e.text for e in res.explanations if e.action in moved and e.groups]
    if recorded is not None:
        out.append(f"Recorded as event {recorded.event.seq} (hash {recorded.hash[:16]}…).")
    return out


def replan_to_dict(rp: Replan, recorded: Record | None = None) -> dict[str, Any]:
    """The re-plan as a JSON-ready dict (the new plan in ``accord phase``'s format)."""
    return {
        "ledger": rp.ledger,
        "first_phase": rp.first_phase,
        "horizon": rp.horizon,
        "extended": rp.extended,
        "fixed": dict(rp.fixed),
        "previous": dict(rp.previous),
        "previous_t_end": rp.previous_t_end,
        "changes": [{"action": a, "before": b, "after": c} for a, b, c in rp.changes],
        "recorded": None if recorded is None else recorded.to_json(),
        "plan": phasing_to_dict(rp.result),
        "verdict": replan_sentences(rp, recorded),
    }


def render_replan(rp: Replan, console: Console, recorded: Record | None = None) -> None:
    """Print the re-plan's sentences."""
    lines = replan_sentences(rp, recorded)
    parts: list[RenderableType] = [Text(lines[0], style="bold")]
    parts += [Text(f"• {s}") for s in lines[1:]]
    console.print(Group(*parts))


def describe_event(spec: PhasingSpec, record: Record) -> str:
    """One line on an event: who recorded what."""
    e, d = record.event, record.event.data
    who = spec.verifier_label(e.by) if e.by else "the plan"
    if e.kind == "opened":
        return f"ledger opened with the plan '{spec.title or e.ledger}'"
    if e.kind == "review":
        return f"{who} closed phase {d['closes']}"
    if e.kind == "note":
        return f"{who}: {d['text']}"
    if e.kind == "replanned":
        return f"{who} recorded a re-plan (end state verified by phase {d['t_end']})"
    step = _step(spec, d["action"])
    if e.kind == "verification":
        word = "confirmed" if d["result"] == "confirmed" else "could NOT confirm"
        return f"{who} {word} {step} (confidence {_num(d['confidence'])}; {d['evidence']})"
    if e.kind == "violation":
        return f"{who} reported a violation of {step} ({d['evidence']})"
    return f"{who}: {step} {e.kind}"


def render_log(spec: PhasingSpec, records: Sequence[Record], console: Console) -> None:
    """Print the events as a table."""
    table = Table(title="Ledger events")
    for head in ("#", "Phase", "Recorded (UTC)", "Event", "Signed", "Hash"):
        table.add_column(head)
    for r in records:
        table.add_row(
            str(r.event.seq),
            str(r.event.phase),
            r.event.recorded_at,
            describe_event(spec, r),
            "yes" if r.signature else "",
            r.hash[:12] + "…",
        )
    console.print(table)
