"""An in-memory ledger for the tests (the same record-building code as the store, no DB)."""

from __future__ import annotations

from typing import Any

from accord.track.chain import StoredRow, next_record, opening_record, to_row
from accord.track.events import Record
from accord.track.plan import TrackPlan
from accord.track.state import LedgerState, apply_event, initial_state

AT = "2019-02-28T00:00:00.000Z"


class Book:
    """A ledger kept in a list: ``add`` checks, links and (optionally) signs each event."""

    def __init__(self, plan: TrackPlan, name: str = "t") -> None:
        first = opening_record(name, plan, AT)
        self.records: list[Record] = [first]
        self.state: LedgerState = initial_state(name, plan, first.hash)

    def add(self, kind: str, by: str, *, key: bytes | None = None, **data: Any) -> Record:
        rec = next_record(self.state, kind, by, data, AT, private_key=key)
        self.state = apply_event(self.state, rec.event, rec.hash)
        self.records.append(rec)
        return rec

    def rows(self) -> list[StoredRow]:
        return [to_row(r) for r in self.records]

    @property
    def head(self) -> tuple[int, str]:
        return self.records[-1].event.seq, self.records[-1].hash


def confirm(book: Book, action: str, by: str, evidence: str = "report") -> Record:
    return book.add(
        "verification", by, action=action, result="confirmed", confidence=0.9, evidence=evidence
    )


def hanoi_to_phase_three(book: Book) -> None:
    """Phase 1 as planned; in phase 2 the IAEA cannot confirm the Yongbyon shutdown."""
    for a in ("carve_outs", "liaison_offices", "end_of_war"):
        book.add("started", "us", action=a)
        book.add("completed", "us", action=a)
        confirm(book, a, "dprk")
    for a in ("yongbyon_freeze", "inspector_access"):
        book.add("started", "dprk", action=a)
        book.add("completed", "dprk", action=a)
    book.add("review", "us", closes=1)
    confirm(book, "inspector_access", "iaea", "GOV/2019/10")
    book.add(
        "verification",
        "iaea",
        action="yongbyon_freeze",
        result="not_confirmed",
        confidence=0.6,
        evidence="GOV/2019/11: seals on the reprocessing line found broken",
    )
    book.add("started", "dprk", action="declaration")
    book.add("completed", "dprk", action="declaration")
    book.add("review", "dprk", closes=2)
