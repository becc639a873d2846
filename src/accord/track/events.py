"""Ledger events: what each kind records, and the body that is hashed.

Every event has the same envelope (the *body*, hashed as canonical JSON)::

    {"accord_track": 1, "ledger": NAME, "seq": N, "kind": KIND, "recorded_at": ISO-8601 UTC,
     "phase": CURRENT PHASE, "by": AUTHOR, "data": {...}}

and a ``data`` object per kind:

=============  ===========================================================================
``opened``      ``plan``: the phasing problem, its schedule and the authors' public keys
``started``     ``action``, ``note``
``completed``   ``action``, ``note``
``verification`` ``action``, ``result`` (``confirmed`` or ``not_confirmed``), ``confidence``
                (0..1), ``evidence`` (a reference: report number, URL), ``note``
``violation``   ``action``, ``evidence``, ``note``
``review``      ``closes`` (the phase reviewed, which ends it), ``note``
``replanned``   ``starts`` (new planned start of every action in the plan), ``horizon``,
                ``t_end``, ``note``
``note``        ``text``: a remark for the record
=============  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from accord.errors import InputError

__all__ = ["KINDS", "RESULTS", "Event", "EventKind", "Record"]

EventKind = Literal[
    "opened",
    "started",
    "completed",
    "verification",
    "violation",
    "review",
    "replanned",
    "note",
]
KINDS: tuple[str, ...] = get_args(EventKind)
RESULTS = ("confirmed", "not_confirmed")
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of a ledger (the part that is hashed)."""

    ledger: str
    seq: int
    kind: str
    recorded_at: str
    phase: int
    by: str
    data: Mapping[str, Any]

    def body(self) -> dict[str, Any]:
        """The JSON object that is canonicalised and hashed."""
        return {
            "accord_track": FORMAT,
            "ledger": self.ledger,
            "seq": self.seq,
            "kind": self.kind,
            "recorded_at": self.recorded_at,
            "phase": self.phase,
            "by": self.by,
            "data": dict(self.data),
        }

    @classmethod
    def from_body(cls, body: Any) -> Event:
        """Read an event body back (from storage or an export).

        Raises
        ------
        InputError
            If the body does not have the envelope above.
        """
        if not isinstance(body, dict):
            raise InputError("an event body must be a JSON object")
        want = {"accord_track", "ledger", "seq", "kind", "recorded_at", "phase", "by", "data"}
        if set(body) != want:
            raise InputError(f"an event body has exactly the keys {', '.join(sorted(want))}")
        if body["accord_track"] != FORMAT:
            raise InputError(f"unknown ledger format {body['accord_track']!r} (this is {FORMAT})")
        if body["kind"] not in KINDS:
            raise InputError(f"unknown event kind {body['kind']!r}; kinds: {', '.join(KINDS)}")
        ok = (
            isinstance(body["ledger"], str)
            and isinstance(body["seq"], int)
            and isinstance(body["recorded_at"], str)
            and isinstance(body["phase"], int)
            and isinstance(body["by"], str)
            and isinstance(body["data"], dict)
        )
        if not ok:
            raise InputError("an event body has a field of the wrong type")
        return cls(
            body["ledger"],
            body["seq"],
            body["kind"],
            body["recorded_at"],
            body["phase"],
            body["by"],
            body["data"],
        )


@dataclass(frozen=True, slots=True)
class Record:
    """An event as stored: with its previous hash, its own link hash and its signature."""

    event: Event
    prev_hash: str
    hash: str
    signature: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One line of the JSON-lines export."""
        return {
            "event": self.event.body(),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
        }
