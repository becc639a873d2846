"""Facade for implementation tracking (``accord track``): a tamper-evident ledger of a phased
plan's commitments, verification reports and compliance.

Every function opens the database named by ``db`` (a SQLite file path, or a
``postgresql://`` URL), does one thing and closes it. Results are frozen dataclasses with a
JSON-ready form (``to_dict`` / ``to_json``); :mod:`accord.report.track` writes the sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.phasing.result import PhasingResult
from accord.scenario.phasing.model import PhasingSpec
from accord.scenario.phasing.schedule_file import read_schedule_file
from accord.track.chain import ChainCheck
from accord.track.events import Record
from accord.track.plan import TrackPlan, make_plan
from accord.track.replan import Replan, replan
from accord.track.signing import KeyFiles, read_private_key, read_public_key, write_keypair
from accord.track.status import LedgerStatus, ledger_status

__all__ = [
    "ChainCheck",
    "KeyFiles",
    "LedgerLog",
    "LedgerOpened",
    "LedgerStatus",
    "Record",
    "Replan",
    "Replanned",
    "track_export",
    "track_import",
    "track_init",
    "track_keygen",
    "track_log",
    "track_record",
    "track_replan",
    "track_status",
    "track_verify",
]

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63}$")


@dataclass(frozen=True, slots=True)
class LedgerOpened:
    """A new ledger: its name, database, first event and plan (and the solve, if one ran)."""

    ledger: str
    database: str
    record: Record
    plan: TrackPlan
    solved: PhasingResult | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "ledger": self.ledger,
            "database": self.database,
            "head": self.record.hash,
            "title": self.plan.spec.title,
            "horizon": self.plan.spec.horizon,
            "starts": dict(self.plan.starts),
            "keys": sorted(self.plan.keys),
            "solved": self.solved is not None,
        }


@dataclass(frozen=True, slots=True)
class LedgerLog:
    """A ledger's events in order, with the plan they are about (for names and labels)."""

    ledger: str
    spec: PhasingSpec
    records: tuple[Record, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the ledger's name and its events as exported."""
        return {"ledger": self.ledger, "events": [r.to_json() for r in self.records]}


@dataclass(frozen=True, slots=True)
class Replanned:
    """A re-plan, and the ``replanned`` event if it was recorded."""

    replan: Replan
    record: Record | None


def _store(db: str, *, create: bool = False) -> Any:
    from accord.track.store import LedgerStore

    return LedgerStore(db, create=create)


def track_keygen(name: str, folder: str | Path = ".") -> KeyFiles:
    """Write an Ed25519 key pair ``NAME.key`` (private, mode 0600) and ``NAME.pub``.

    Register the public key with :func:`track_init` (``keys={name: path}``); then every event
    recorded by ``name`` must be signed with the private key.
    """
    return write_keypair(name, Path(folder))


def _default_name(plan: str | Path | PhasingSpec) -> str:
    if isinstance(plan, PhasingSpec):
        return plan.scenario
    name = Path(plan).name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return name.removesuffix(".phasing")


def track_init(
    db: str,
    plan: str | Path | PhasingSpec,
    *,
    schedule: str | Path | None = None,
    ledger: str | None = None,
    keys: Mapping[str, str | Path] | None = None,
    time_limit: float | None = None,
) -> LedgerOpened:
    """Create a ledger that tracks a phased plan.

    Parameters
    ----------
    db:
        Where to store it: a SQLite file (created if needed) or a ``postgresql://`` URL.
    plan:
        A phasing problem: built-in name, phasing file or :class:`PhasingSpec`. Every action
        must name its verifiers (``verified_by``).
    schedule:
        The saved output of ``accord phase PLAN --format json``; without it the plan is solved
        now. Either way the schedule is checked against every constraint.
    ledger:
        The ledger's name (default: the plan's name, e.g. ``hanoi-2019``).
    keys:
        Public key files by author (party or verifier id); their events must then be signed.
    time_limit:
        Solver seconds when the plan is solved here.

    Raises
    ------
    accord.errors.InputError
        For a plan that cannot be tracked (no verifiers, no feasible schedule), a bad name,
        a ledger that already exists or a database that cannot be reached; nothing is written.
    """
    from accord.api._phasing import load_phasing, plan_phasing

    spec = plan if isinstance(plan, PhasingSpec) else load_phasing(plan)
    name = ledger if ledger is not None else _default_name(plan)
    if not _NAME.match(name):
        raise InputError(
            f"ledger name {name!r}: use up to 64 letters, digits, '_', '.' or '-' (--ledger)"
        )
    public = {who: read_public_key(Path(path)) for who, path in (keys or {}).items()}
    solved: PhasingResult | None = None
    if schedule is not None:
        starts = read_schedule_file(schedule)
    else:
        solved = plan_phasing(spec, time_limit=time_limit, explain=False)
        if not solved.feasible:
            raise InputError(
                f"the phasing problem has no plan to track ({solved.status}); see accord phase"
            )
        starts = dict(solved.starts)
    tracked = make_plan(spec, starts, public)
    with _store(db, create=True) as store:
        record = store.create(name, tracked)
        return LedgerOpened(name, store.display, record, tracked, solved)


def track_record(
    db: str,
    kind: str,
    *,
    by: str,
    action: str | None = None,
    ledger: str | None = None,
    result: str | None = None,
    confidence: float | None = None,
    evidence: str | None = None,
    closes: int | None = None,
    text: str | None = None,
    note: str | None = None,
    sign: str | Path | None = None,
) -> Record:
    """Append one event to a ledger.

    Parameters
    ----------
    kind:
        ``started``, ``completed``, ``verification``, ``violation``, ``review`` or ``note``.
    by:
        Who records it: a party or a verifier of the plan (a verification must come from a
        verifier the plan names for that action).
    action:
        The action it is about (all kinds but ``review`` and ``note``).
    result, confidence, evidence:
        A verification's outcome (``confirmed`` or ``not_confirmed``), the verifier's
        confidence (0..1) and a reference to the evidence; a violation's evidence.
    closes:
        The phase a review closes (the current one).
    text:
        A note's text.
    note:
        A remark on any event.
    sign:
        The author's private key file, when the ledger holds a key for the author.

    Raises
    ------
    accord.errors.InputError
        If the event does not fit the ledger: an unknown action, events out of order, a
        verifier the plan does not name, a missing signature. Nothing is written.
    """
    fields = {
        "action": action,
        "result": result,
        "confidence": confidence,
        "evidence": evidence,
        "closes": closes,
        "text": text,
        "note": note,
    }
    data = {k: v for k, v in fields.items() if v is not None}
    if kind in ("started", "completed", "verification", "violation") and action is None:
        raise InputError(f"a {kind} event is about an action: give its id")
    key = read_private_key(Path(sign)) if sign is not None else None
    with _store(db) as store:
        name = store.ledger_name(ledger)
        record: Record = store.append(name, kind, by, data, private_key=key)
        return record


def track_status(db: str, *, ledger: str | None = None) -> LedgerStatus:
    """Where the tracked plan stands: commitments, overdue steps, exposures, what waits."""
    with _store(db) as store:
        return ledger_status(store.state(store.ledger_name(ledger)))


def track_replan(
    db: str,
    *,
    ledger: str | None = None,
    horizon: int | None = None,
    time_limit: float | None = None,
    record_by: str | None = None,
    sign: str | Path | None = None,
) -> Replanned:
    """Re-solve the rest of the plan from the current phase (see :mod:`accord.track.replan`).

    With ``record_by``, a feasible re-plan is appended as a ``replanned`` event, so that
    status and overdue steps follow the new plan from then on.

    Raises
    ------
    accord.errors.InputError
        If the horizon is too short, or a re-plan is to be recorded but none is feasible.
    """
    key = read_private_key(Path(sign)) if sign is not None else None
    with _store(db) as store:
        name = store.ledger_name(ledger)
        new = replan(store.state(name), horizon=horizon, time_limit=time_limit)
        record = None
        if record_by is not None:
            res = new.result
            if not res.feasible:
                raise InputError(f"no feasible re-plan ({res.status}), so nothing was recorded")
            data = {"starts": dict(res.starts), "horizon": new.horizon, "t_end": res.t_end}
            record = store.append(name, "replanned", record_by, data, private_key=key)
        return Replanned(new, record)


def track_verify(db: str, *, ledger: str | None = None, expect: str | None = None) -> ChainCheck:
    """Check every link of the hash chain, every signature and every rule of a ledger.

    ``expect`` is a hash kept elsewhere (e.g. printed by an earlier ``verify``) that must be
    in the chain: it catches events removed from the end together with the head record.
    """
    with _store(db) as store:
        check: ChainCheck = store.verify(store.ledger_name(ledger), expect=expect)
        return check


def track_log(db: str, *, ledger: str | None = None) -> LedgerLog:
    """The ledger's events, in order (not checked: see :func:`track_verify`)."""
    with _store(db) as store:
        name = store.ledger_name(ledger)
        spec = store.state(name).plan.spec
        return LedgerLog(name, spec, tuple(store.records(name)))


def track_export(db: str, *, ledger: str | None = None) -> list[str]:
    """The ledger as JSON lines (one event per line, in order)."""
    from accord.track.jsonl import export_lines

    with _store(db) as store:
        return list(export_lines(store.rows(store.ledger_name(ledger))))


def track_import(path: str | Path, db: str) -> ChainCheck:
    """Import an export as a new ledger, after checking its whole chain (all or nothing).

    Raises
    ------
    accord.errors.InputError
        If any link, signature or rule is broken (the first broken link is named) or the
        ledger already exists in ``db``; nothing is written.
    """
    from accord.track.chain import verify_rows
    from accord.track.jsonl import read_export

    name, rows = read_export(Path(path))
    if not _NAME.match(name):
        raise InputError(f"{path}: the ledger name {name!r} is not valid")
    first = verify_rows(name, rows).first
    if first is not None:
        raise InputError(
            f"nothing imported: the chain is broken at event {first.seq}: {first.detail}"
        )
    with _store(db, create=True) as store:
        check: ChainCheck = store.import_rows(name, rows)
        return check
