"""Storage on SQLite and PostgreSQL: the same tests on both back ends, with real processes
for concurrent writers and for a writer killed in the middle of an append."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from accord.errors import InputError
from accord.track.canonical import link_hash
from accord.track.jsonl import export_lines, read_export
from accord.track.store import LedgerStore

from .conftest import hanoi_plan
from .ledgers import Book


def fresh(url: str) -> LedgerStore:
    store = LedgerStore(url, create=True)
    store.create("hanoi", hanoi_plan())
    return store


def test_append_read_and_verify(db_url: str) -> None:
    with fresh(db_url) as store:
        store.append("hanoi", "started", "dprk", {"action": "yongbyon_freeze"})
        rec = store.append(
            "hanoi", "completed", "dprk", {"action": "yongbyon_freeze", "note": "sealed"}
        )
        assert store.head("hanoi") == (2, rec.hash)
        assert store.names() == ["hanoi"] and store.ledger_name(None) == "hanoi"
        check = store.verify("hanoi")
        assert check.ok and check.events == 3
    # a second store on the same database sees the same ledger
    with LedgerStore(db_url) as again:
        state = again.state("hanoi")
        assert state.records["yongbyon_freeze"].state == "done_unverified"
        assert again.records("hanoi")[2].event.data["note"] == "sealed"


@pytest.mark.parametrize(
    ("kind", "by", "data", "match"),
    [
        ("started", "us", {"action": "nope"}, "unknown action"),
        ("completed", "dprk", {"action": "declaration"}, "has not started"),
        (
            "verification",
            "us",
            {"action": "carve_outs", "result": "confirmed", "confidence": 1, "evidence": "x"},
            "not a verifier",
        ),
    ],
)
def test_bad_input_writes_nothing(
    db_url: str, kind: str, by: str, data: dict[str, object], match: str
) -> None:
    with fresh(db_url) as store:
        store.append("hanoi", "started", "us", {"action": "carve_outs"})
        store.append("hanoi", "completed", "us", {"action": "carve_outs"})
        before = store.head("hanoi")
        with pytest.raises(InputError, match=match):
            store.append("hanoi", kind, by, data)
        assert store.head("hanoi") == before and len(store.rows("hanoi")) == 3


def test_ledgers_are_chosen_by_name(db_url: str) -> None:
    with fresh(db_url) as store:
        store.create("six-party", hanoi_plan())
        with pytest.raises(InputError, match=r"several ledgers \(hanoi, six-party\)"):
            store.ledger_name(None)
        with pytest.raises(InputError, match="no ledger named 'x'"):
            store.ledger_name("x")
        with pytest.raises(InputError, match="already exists"):
            store.create("hanoi", hanoi_plan())


def test_a_stale_writer_reads_what_others_appended_first(db_url: str) -> None:
    with fresh(db_url) as a, LedgerStore(db_url) as b:
        b.state("hanoi")  # b caches the state at event 0
        a.append("hanoi", "started", "us", {"action": "carve_outs"})
        with pytest.raises(InputError, match="already started"):
            b.append("hanoi", "started", "us", {"action": "carve_outs"})
        b.append("hanoi", "completed", "us", {"action": "carve_outs"})
        assert a.verify("hanoi").ok


def test_tampering_in_the_database_is_detected(db_url: str) -> None:
    with fresh(db_url) as store:
        for k in range(4):
            store.append("hanoi", "note", "us", {"text": f"n{k}"})
        with store.engine.begin() as conn:
            conn.execute(
                text("UPDATE accord_events SET body = REPLACE(body, 'n1', 'n9') WHERE seq = 2")
            )
        first = store.verify("hanoi").first
        assert first is not None and (first.seq, first.kind) == (2, "hash")
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM accord_events WHERE seq = 4"))
        kinds = {p.kind for p in store.verify("hanoi").problems}
        assert "head" in kinds
        with pytest.raises(Exception, match="broken"):
            LedgerStore(db_url).append("hanoi", "note", "us", {"text": "on a broken chain"})


def test_export_and_import_check_the_chain_first(new_db: Callable[[], str], tmp_path: Path) -> None:
    with fresh(new_db()) as store:
        store.append("hanoi", "note", "us", {"text": "é and ü"})
        lines = list(export_lines(store.rows("hanoi")))
    path = tmp_path / "hanoi.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], lines[1].replace("é", "e")]) + "\n", encoding="utf-8")
    with LedgerStore(new_db(), create=True) as other:
        name, rows = read_export(bad)
        with pytest.raises(InputError, match="broken at event 1"):
            other.import_rows(name, rows)
        assert other.names() == []
        name, rows = read_export(path)
        assert other.import_rows(name, rows).ok
        assert other.verify("hanoi").ok
        assert other.records("hanoi")[1].event.data["text"] == "é and ü"
        with pytest.raises(InputError, match="already exists"):
            other.import_rows(name, rows)


def test_unreachable_databases_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot reach the database postgresql://"):
        LedgerStore("postgresql://accord@127.0.0.1:1/none", create=True)
    with pytest.raises(InputError, match="no such file"):
        LedgerStore(str(tmp_path / "missing.db"))
    with pytest.raises(InputError, match="does not exist"):
        LedgerStore(str(tmp_path / "no" / "x.db"), create=True)
    with pytest.raises(InputError, match="not supported"):
        LedgerStore("mysql://u@h/db")
    assert not (tmp_path / "missing.db").exists()


WRITER = textwrap.dedent(
    """
    import sys
    from accord.track.store import LedgerStore
    url, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with LedgerStore(url) as store:
        for k in range(n):
            store.append("hanoi", "note", "us", {"text": f"{who}-{k}"})
    """
)


def test_two_concurrent_writers_lose_nothing_and_never_fork(db_url: str) -> None:
    fresh(db_url).close()
    n = 25
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, db_url, who, str(n)]) for who in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with LedgerStore(db_url) as store:
        check = store.verify("hanoi")
        assert check.ok, check.problems
        rows = store.rows("hanoi")
        assert [r.seq for r in rows] == list(range(2 * n + 1))
        texts = {r.event.data["text"] for r in store.records("hanoi")[1:]}
        assert texts == {f"{w}-{k}" for w in "ab" for k in range(n)}


KILLED = textwrap.dedent(
    """
    import sys, time
    import accord.track.store as st
    original = st._insert_event
    def insert_then_hang(*args, **kw):
        original(*args, **kw)
        print("inserted", flush=True)
        time.sleep(120)
    st._insert_event = insert_then_hang
    with st.LedgerStore(sys.argv[1]) as store:
        store.append("hanoi", "note", "us", {"text": "never committed"})
    """
)


def test_a_writer_killed_mid_append_leaves_a_ledger_that_verifies(db_url: str) -> None:
    with fresh(db_url) as store:
        store.append("hanoi", "note", "us", {"text": "before"})
        head = store.head("hanoi")
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, db_url], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inserted"  # the row is in, not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with LedgerStore(db_url) as store:
        assert store.head("hanoi") == head
        assert store.verify("hanoi").ok
        store.append("hanoi", "note", "us", {"text": "after"})  # the lock was released
        assert store.verify("hanoi").ok and len(store.rows("hanoi")) == 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://a@127.0.0.1/x", "postgresql+psycopg://a@127.0.0.1/x"),
        ("postgresql://a:secret@h:5433/x", "postgresql+psycopg://a:***@h:5433/x"),
        ("postgresql+psycopg://a@h/x", "postgresql+psycopg://a@h/x"),
    ],
)
def test_postgresql_urls_use_psycopg_3(url: str, expected: str) -> None:
    from accord.track.store import resolve_url

    assert resolve_url(url).render_as_string(hide_password=True) == expected


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("postgresql+asyncpg://a@h/x", "use postgresql:// \\(psycopg 3\\)"),
        ("mysql://u@h/d", "mysql:// is not supported"),
        ("sqlite://", "must be stored in a file"),
        (" ", "--db is empty"),
    ],
)
def test_other_urls_are_refused(url: str, match: str) -> None:
    from accord.track.store import resolve_url

    with pytest.raises(InputError, match=match):
        resolve_url(url, create=True)


def test_the_database_itself_refuses_a_fork(db_url: str) -> None:
    """Two events with the same number, or the same predecessor, cannot both be stored."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    with fresh(db_url) as store:
        store.append("hanoi", "note", "us", {"text": "a"})
        first = store.rows("hanoi")[1]
        for seq in (1, 2):  # same number; next number but same predecessor
            with pytest.raises(IntegrityError), store.engine.begin() as conn:
                conn.execute(
                    insert(store.events).values(
                        ledger="hanoi",
                        seq=seq,
                        body=first.body,
                        prev_hash=first.prev_hash,
                        hash="f" * 64,
                        signature=None,
                    )
                )
        assert store.verify("hanoi").ok


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_tampering_in_storage_is_detected(db_url: str, data: st.DataObject) -> None:
    """The tamper property on real storage: edit, delete, reorder or insert rows with SQL."""
    from sqlalchemy import delete, insert, update

    name = f"e{uuid.uuid4().hex[:8]}"
    book = Book(hanoi_plan(), name)
    book.add("started", "dprk", action="yongbyon_freeze")
    book.add("completed", "dprk", action="yongbyon_freeze")
    for k in range(3):
        book.add("note", "us", text=f"n{k}")
    with LedgerStore(db_url, create=True) as store:
        store.import_rows(name, book.rows())
        rows = store.rows(name)
        n = len(rows)
        what = data.draw(st.sampled_from(["edit", "delete", "reorder", "insert"]))
        i = data.draw(st.integers(0, n - 1))
        e = store.events
        at = (e.c.ledger == name) & (e.c.seq == i)
        with store.engine.begin() as conn:
            if what == "edit":
                body = rows[i].body.replace('"phase":1', '"phase":2', 1)
                conn.execute(update(e).where(at).values(body=body))
            elif what == "delete":
                conn.execute(delete(e).where(at))
            elif what == "reorder":
                j = data.draw(st.integers(0, n - 1).filter(lambda j: j != i))
                other = (e.c.ledger == name) & (e.c.seq == j)
                conn.execute(update(e).where(at).values(prev_hash="t" * 64))
                for where, row in ((other, rows[i]), (at, rows[j])):
                    conn.execute(
                        update(e)
                        .where(where)
                        .values(body=row.body, prev_hash=row.prev_hash, hash=row.hash)
                    )
            else:  # shift the rest up and slip a well-linked note in at position i
                for seq in range(n - 1, i - 1, -1):
                    conn.execute(
                        update(e).where((e.c.ledger == name) & (e.c.seq == seq)).values(seq=seq + 1)
                    )
                prev = rows[i].prev_hash
                body = {**json.loads(rows[i].body), "seq": i, "kind": "note", "by": "us"}
                body["data"] = {"text": "forged"}
                forged = link_hash(prev, body)
                conn.execute(
                    update(e)
                    .where((e.c.ledger == name) & (e.c.seq == i + 1))
                    .values(prev_hash=forged)
                )
                conn.execute(
                    insert(e).values(
                        ledger=name, seq=i, body=json.dumps(body), prev_hash=prev, hash=forged
                    )
                )
        check = store.verify(name)
        assert not check.ok
        assert check.first is not None and check.first.seq <= i + 1
