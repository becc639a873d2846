"""Check a whole ledger: every link of the hash chain, every signature, every rule.

The check walks the stored events in order and reports, for each problem, the event number
and what is wrong, so the first one is the first broken link:

* ``sequence``: an event number is missing or out of place (deleted, inserted, reordered);
* ``body``: a stored event cannot be read;
* ``order``: an event stored under one number or ledger says it is another;
* ``link``: its previous hash is not the hash of the event before it;
* ``hash``: its content does not match its hash (edited);
* ``signature`` / ``unsigned``: the signature does not verify with the author's key, or an
  author with a key did not sign;
* ``rule``: the event breaks the ledger's rules (:func:`accord.track.state.check_event`);
* ``head``: the ledger's head record (last number and hash) does not match the last event,
  so events were removed from (or replaced at) the end;
* ``anchor``: a hash the caller expects (e.g. one printed earlier) is not in the chain.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from accord.errors import InputError
from accord.track.canonical import GENESIS_PREV, canonical, link_hash, signed_message
from accord.track.events import Event, Record
from accord.track.plan import TrackPlan
from accord.track.signing import fingerprint, public_key_of, sign, signature_valid
from accord.track.state import LedgerState, apply_event, check_event, initial_state

__all__ = [
    "Broken",
    "ChainCheck",
    "StoredRow",
    "check_signer",
    "next_record",
    "opening_record",
    "to_row",
    "verify_rows",
]

_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class StoredRow:
    """An event as it sits in storage (or in an export line)."""

    seq: int
    body: str
    prev_hash: str
    hash: str
    signature: str | None = None


@dataclass(frozen=True, slots=True)
class Broken:
    """One problem: the event number, the kind of problem, and what was found."""

    seq: int
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The result of checking a ledger."""

    ledger: str
    events: int
    head: str
    signed: int
    problems: tuple[Broken, ...]
    state: LedgerState | None = None

    @property
    def ok(self) -> bool:
        """No problem was found."""
        return not self.problems

    @property
    def first(self) -> Broken | None:
        """The first broken link, if any."""
        return self.problems[0] if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready facts."""
        return {
            "ledger": self.ledger,
            "ok": self.ok,
            "events": self.events,
            "head": self.head,
            "signed": self.signed,
            "problems": [
                {"event": p.seq, "kind": p.kind, "detail": p.detail} for p in self.problems
            ],
        }


def verify_rows(
    ledger: str,
    rows: Sequence[StoredRow],
    *,
    head: tuple[int, str] | None = None,
    expect: str | None = None,
) -> ChainCheck:
    """Check the chain, signatures and rules of a ledger's stored events.

    Parameters
    ----------
    ledger:
        The ledger's name.
    rows:
        Its stored events, ordered by their stored number.
    head:
        The (number, hash) the ledger's head record holds, when it has one.
    expect:
        A hash that must be in the chain (an anchor kept elsewhere).
    """
    problems: list[Broken] = []
    state: LedgerState | None = None
    prev, expected, signed = GENESIS_PREV, 0, 0

    def add(seq: int, kind: str, detail: str) -> None:
        problems.append(Broken(seq, kind, detail))

    for row in rows:
        if row.seq != expected:
            add(
                expected,
                "sequence",
                f"event {expected} is missing or out of place: the next stored event is "
                f"number {row.seq}",
            )
        try:
            body = json.loads(row.body)
            event = Event.from_body(body)
        except (ValueError, InputError) as exc:
            add(row.seq, "body", f"the stored event cannot be read ({exc})")
            prev, expected, state = row.hash, row.seq + 1, None
            continue
        if event.seq != row.seq or event.ledger != ledger:
            add(
                row.seq,
                "order",
                f"stored as event {row.seq} of {ledger!r}, but it says it is event "
                f"{event.seq} of {event.ledger!r}",
            )
        if row.prev_hash != prev:
            add(row.seq, "link", "its previous hash is not the hash of the event before it")
        if not _HEX64.fullmatch(row.prev_hash) or link_hash(row.prev_hash, body) != row.hash:
            add(row.seq, "hash", "its content does not match its hash (it was edited)")
        if event.kind == "opened" and event.seq == 0:
            try:
                state = initial_state(ledger, TrackPlan.from_data(event.data["plan"]), row.hash)
            except (InputError, KeyError) as exc:
                add(row.seq, "rule", f"the opening event holds no readable plan ({exc})")
        elif state is None:
            if event.seq == 0 or not problems:
                add(row.seq, "rule", "a ledger starts with its opening event")
        else:
            try:
                state = apply_event(state, event, row.hash)
            except InputError as exc:
                add(row.seq, "rule", str(exc))
                state = replace(state, seq=event.seq, head=row.hash)
        keys = state.plan.keys if state is not None else {}
        key = keys.get(event.by)
        if key is not None:
            if not row.signature:
                add(row.seq, "unsigned", f"it is not signed, but {event.by!r} has a signing key")
            elif not _HEX64.fullmatch(row.hash) or not signature_valid(
                key, signed_message(row.hash), row.signature
            ):
                add(
                    row.seq,
                    "signature",
                    f"the signature of {event.by!r} does not verify (a wrong key, or the event "
                    "was altered)",
                )
            else:
                signed += 1
        elif row.signature:
            add(row.seq, "signature", f"it is signed, but the ledger has no key for {event.by!r}")
        prev, expected = row.hash, row.seq + 1
    if not rows:
        add(0, "sequence", "the ledger has no events")
    last = (rows[-1].seq, rows[-1].hash) if rows else (-1, GENESIS_PREV)
    if head is not None and head != last:
        add(
            head[0],
            "head",
            f"the ledger's head record says the last event is number {head[0]} "
            f"({head[1][:12]}…), but the chain ends at event {last[0]} ({last[1][:12]}…): "
            "events were removed from or replaced at the end",
        )
    if expect is not None and expect.lower() not in {r.hash for r in rows}:
        add(last[0], "anchor", f"the expected hash {expect[:12]}… is not in the chain")
    return ChainCheck(ledger, len(rows), last[1], signed, tuple(problems), state)


def to_row(record: Record) -> StoredRow:
    """How a record is stored: its body as canonical JSON text."""
    return StoredRow(
        record.event.seq,
        canonical(record.event.body()).decode("utf-8"),
        record.prev_hash,
        record.hash,
        record.signature,
    )


def opening_record(ledger: str, plan: TrackPlan, recorded_at: str, by: str = "") -> Record:
    """Event 0 of a new ledger, holding its plan."""
    event = Event(ledger, 0, "opened", recorded_at, 1, by, {"plan": plan.to_data()})
    return Record(event, GENESIS_PREV, link_hash(GENESIS_PREV, event.body()))


def check_signer(state: LedgerState, by: str, private_key: bytes | None) -> None:
    """An author with a registered key must sign with it; one without a key must not sign."""
    key = state.plan.keys.get(by)
    if key is None:
        if private_key is not None:
            raise InputError(
                f"{by!r} has no signing key in this ledger, so its events are not signed "
                "(leave out --sign)"
            )
        return
    if private_key is None:
        raise InputError(
            f"{by!r} registered a signing key in this ledger: sign the event with --sign "
            f"(e.g. --sign {by}.key)"
        )
    if fingerprint(public_key_of(private_key)) != fingerprint(key):
        raise InputError(f"the key given with --sign is not the key {by!r} registered")


def next_record(
    state: LedgerState,
    kind: str,
    by: str,
    data: Mapping[str, Any],
    recorded_at: str,
    *,
    private_key: bytes | None = None,
) -> Record:
    """The record that appends an event to a ledger in ``state`` (checked, linked, signed).

    Raises
    ------
    InputError
        If the event does not fit the state, or the signing key is missing or wrong.
    """
    clean = check_event(state, kind, by, data)
    check_signer(state, by, private_key)
    event = Event(state.ledger, state.seq + 1, kind, recorded_at, state.phase, by, clean)
    h = link_hash(state.head, event.body())
    sig = sign(private_key, signed_message(h)) if private_key is not None else None
    return Record(event, state.head, h, sig)
