"""Tamper evidence: any edited, deleted, reordered or inserted event is detected (property),
and a wrong or missing signature is named."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.track.canonical import link_hash
from accord.track.chain import StoredRow, verify_rows
from accord.track.plan import make_plan
from accord.track.signing import read_private_key, read_public_key, write_keypair

from .conftest import hanoi_plan
from .ledgers import Book, hanoi_to_phase_three


@cache
def _keys(folder: str) -> dict[str, tuple[bytes, str]]:
    out = {}
    for who in ("dprk", "iaea", "mallory"):
        files = write_keypair(who, Path(folder))
        out[who] = (read_private_key(files.private), read_public_key(files.public))
    return out


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, str]]:
    return _keys(str(tmp_path_factory.mktemp("keys")))


@cache
def plain_rows() -> tuple[StoredRow, ...]:
    book = Book(hanoi_plan())
    hanoi_to_phase_three(book)
    return tuple(book.rows())


def test_an_untouched_ledger_verifies() -> None:
    rows = list(plain_rows())
    check = verify_rows("t", rows, head=(rows[-1].seq, rows[-1].hash))
    assert check.ok, check.problems
    assert check.events == len(rows) == 20
    assert check.state is not None and check.state.phase == 3


def _edit(row: StoredRow, rehash: bool) -> StoredRow:
    body = json.loads(row.body)
    body["recorded_at"] = "2020-01-01T00:00:00.000Z"
    text = json.dumps(body, separators=(",", ":"))
    return replace(row, body=text, hash=link_hash(row.prev_hash, body) if rehash else row.hash)


def _renumber(rows: list[StoredRow]) -> list[StoredRow]:
    """Storage order after a reorder or insertion: the stored numbers follow the positions."""
    return [replace(r, seq=k) for k, r in enumerate(rows)]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.data())
def test_any_edit_deletion_reordering_or_insertion_is_detected(data: st.DataObject) -> None:
    rows = list(plain_rows())
    n = len(rows)
    head = (rows[-1].seq, rows[-1].hash)
    what = data.draw(st.sampled_from(["edit", "rehash", "delete", "reorder", "insert"]))
    i = data.draw(st.integers(0, n - 1))
    earliest = i
    if what in ("edit", "rehash"):
        rows[i] = _edit(rows[i], rehash=what == "rehash")
    elif what == "delete":
        del rows[i]
    elif what == "reorder":
        j = data.draw(st.integers(0, n - 1).filter(lambda j: j != i))
        rows[i], rows[j] = rows[j], rows[i]
        rows = _renumber(rows)
        earliest = min(i, j)
    else:  # a forged note that links properly to the event before it
        prev = rows[i - 1].hash if i else "0" * 64
        body = json.loads(rows[max(i - 1, 0)].body)
        body.update(seq=i, kind="note", by="us", data={"text": "forged"})
        forged = StoredRow(i, json.dumps(body), prev, link_hash(prev, body))
        rows = _renumber([*rows[:i], forged, *rows[i:]])
    check = verify_rows("t", rows, head=head)
    assert not check.ok
    assert check.first is not None
    assert earliest <= check.first.seq <= earliest + 1


def test_the_first_broken_link_is_named() -> None:
    rows = list(plain_rows())
    rows[5] = _edit(rows[5], rehash=False)
    check = verify_rows("t", rows, head=(rows[-1].seq, rows[-1].hash))
    assert check.first is not None
    assert (check.first.seq, check.first.kind) == (5, "hash")


def test_events_removed_from_the_end_are_caught_by_the_head_or_an_anchor() -> None:
    rows = list(plain_rows())
    last = rows[-1]
    check = verify_rows("t", rows[:-1], head=(last.seq, last.hash))
    assert check.first is not None and check.first.kind == "head"
    anchored = verify_rows("t", rows[:-1], expect=last.hash)
    assert anchored.first is not None and anchored.first.kind == "anchor"
    assert verify_rows("t", rows, expect=last.hash).ok


def signed_book(keys: dict[str, tuple[bytes, str]]) -> Book:
    base = hanoi_plan()
    plan = make_plan(base.spec, base.starts, {w: keys[w][1] for w in ("dprk", "iaea")})
    book = Book(plan)
    book.add("started", "dprk", action="yongbyon_freeze", key=keys["dprk"][0])
    book.add("completed", "dprk", action="yongbyon_freeze", key=keys["dprk"][0])
    book.add(
        "verification",
        "iaea",
        key=keys["iaea"][0],
        action="yongbyon_freeze",
        result="confirmed",
        confidence=1.0,
        evidence="GOV/2019/1",
    )
    book.add("note", "us", text="the US has no key, so it does not sign")
    return book


def test_signed_events_verify(keys: dict[str, tuple[bytes, str]]) -> None:
    check = verify_rows("t", signed_book(keys).rows())
    assert check.ok and check.signed == 3


def test_a_wrong_or_missing_signature_is_named(keys: dict[str, tuple[bytes, str]]) -> None:
    from accord.track.canonical import signed_message
    from accord.track.signing import sign

    rows = signed_book(keys).rows()
    forged = list(rows)
    forged[3] = replace(rows[3], signature=sign(keys["mallory"][0], signed_message(rows[3].hash)))
    check = verify_rows("t", forged)
    assert check.first is not None
    assert (check.first.seq, check.first.kind) == (3, "signature")
    assert "'iaea' does not verify" in check.first.detail
    stripped = list(rows)
    stripped[1] = replace(rows[1], signature=None)
    first = verify_rows("t", stripped).first
    assert first is not None and (first.seq, first.kind) == (1, "unsigned")


def test_signing_is_enforced_when_recording(keys: dict[str, tuple[bytes, str]]) -> None:
    book = signed_book(keys)
    with pytest.raises(InputError, match="registered a signing key"):
        book.add("note", "dprk", text="unsigned")
    with pytest.raises(InputError, match="not the key 'dprk' registered"):
        book.add("note", "dprk", text="x", key=keys["mallory"][0])
    with pytest.raises(InputError, match="has no signing key"):
        book.add("note", "us", text="x", key=keys["dprk"][0])


def test_keys_for_strangers_are_refused(keys: dict[str, tuple[bytes, str]]) -> None:
    base = hanoi_plan()
    with pytest.raises(InputError, match="neither parties nor verifiers"):
        make_plan(base.spec, base.starts, {"mallory": keys["mallory"][1]})
