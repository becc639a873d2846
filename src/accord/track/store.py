"""Ledger storage on SQLite (a file, the default) or PostgreSQL, through SQLAlchemy Core.

One schema for both back ends:

* ``accord_ledgers(name PK, head_seq, head_hash, created_at)``: one row per ledger, its head;
* ``accord_events(ledger, seq, body, prev_hash, hash, signature)``: primary key
  ``(ledger, seq)`` and a unique ``(ledger, prev_hash)``, so the database itself refuses two
  events with the same number or the same predecessor: the chain cannot fork.

Appends are serialised per ledger: on SQLite each append runs in ``BEGIN IMMEDIATE`` (the
database's write lock, in WAL mode), on PostgreSQL the ledger's head row is locked with
``SELECT ... FOR UPDATE``. Within that one transaction the writer reads what others appended
since it last looked, checks the new event against the state, inserts it and moves the head;
a writer that dies before the commit leaves nothing behind. Should two writers ever collide
on the unique keys regardless, the loser retries from the new head.

SQLAlchemy and the database driver are imported when a store is opened, not before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import AnalysisError, InputError
from accord.track.canonical import GENESIS_PREV, link_hash
from accord.track.chain import (
    ChainCheck,
    StoredRow,
    next_record,
    opening_record,
    to_row,
    verify_rows,
)
from accord.track.events import Event, Record
from accord.track.plan import TrackPlan
from accord.track.state import LedgerState, apply_event, initial_state

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table
    from sqlalchemy.engine import URL

__all__ = ["LedgerStore", "resolve_url", "utc_now"]

Clock = Callable[[], datetime]
_RETRIES = 5
_SCHEMES = "a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def _stamp(clock: Clock) -> str:
    return clock().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def resolve_url(text: str, *, create: bool = False) -> URL:
    """The SQLAlchemy URL a ``--db`` argument names.

    A plain path is a SQLite file. ``postgresql://`` (or ``postgres://``) is PostgreSQL through
    psycopg 3. A SQLite file must exist unless ``create`` (then its folder must exist).

    Raises
    ------
    InputError
        For another scheme, a malformed URL, or a missing file or folder.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not text.strip():
        raise InputError(f"--db is empty; give {_SCHEMES}")
    if "://" not in text:
        path = Path(text)
        url = make_url("sqlite://").set(database=str(path))
    else:
        try:
            url = make_url(text)
        except ArgumentError:
            raise InputError(f"--db {text!r} is not a database URL; give {_SCHEMES}") from None
    scheme, _, driver = url.drivername.partition("+")
    if scheme in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise InputError(f"--db: use postgresql:// (psycopg 3), not {url.drivername}://")
        return url.set(drivername="postgresql+psycopg")
    backend = scheme
    if backend != "sqlite":
        raise InputError(f"--db: {url.drivername}:// is not supported; give {_SCHEMES}")
    if not url.database or url.database == ":memory:":
        raise InputError("--db: a ledger must be stored in a file; give its path")
    path = Path(url.database)
    if create and not path.parent.is_dir():
        raise InputError(f"--db {path}: the folder {path.parent} does not exist")
    if not create and not path.is_file():
        raise InputError(
            f"--db {path}: no such file (create a ledger there with accord track init)"
        )
    return url


def _display(text: str) -> str:
    """The ``--db`` argument as the user wrote it, without its password."""
    from sqlalchemy.engine import make_url

    if "://" not in text:
        return text
    return make_url(text).render_as_string(hide_password=True)


def _tables() -> tuple[Table, Table]:
    from sqlalchemy import (
        Column,
        ForeignKey,
        Integer,
        MetaData,
        String,
        Table,
        Text,
        UniqueConstraint,
    )

    md = MetaData()
    ledgers = Table(
        "accord_ledgers",
        md,
        Column("name", String(64), primary_key=True),
        Column("head_seq", Integer, nullable=False),
        Column("head_hash", String(64), nullable=False),
        Column("created_at", String(32), nullable=False),
    )
    events = Table(
        "accord_events",
        md,
        Column("ledger", String(64), ForeignKey("accord_ledgers.name"), primary_key=True),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("body", Text, nullable=False),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        Column("signature", String(128), nullable=True),
        UniqueConstraint("ledger", "prev_hash", name="accord_events_no_fork"),
    )
    return ledgers, events


def _engine(url: URL) -> Engine:
    from sqlalchemy import create_engine, event

    if url.get_backend_name() != "sqlite":
        return create_engine(url, connect_args={"connect_timeout": 5})
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by pysqlite
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("accord_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def _insert_event(conn: Connection, events: Table, ledger: str, row: StoredRow) -> None:
    from sqlalchemy import insert

    conn.execute(
        insert(events).values(
            ledger=ledger,
            seq=row.seq,
            body=row.body,
            prev_hash=row.prev_hash,
            hash=row.hash,
            signature=row.signature,
        )
    )


class LedgerStore:
    """Ledgers in one database.

    Parameters
    ----------
    url:
        A SQLite file path or URL, or a ``postgresql://`` URL.
    create:
        Create the tables if they are not there (``accord track init``); otherwise the
        database must already hold ledgers.

    Raises
    ------
    InputError
        If the URL is not supported or the database cannot be reached or holds no ledger.
    """

    def __init__(self, url: str, *, create: bool = False) -> None:
        from sqlalchemy import inspect

        self.url = resolve_url(url, create=create)
        self.display = _display(url)
        self.engine = _engine(self.url)
        self.ledgers, self.events = _tables()
        self._cache: dict[str, LedgerState] = {}
        with self._guard("cannot reach the database"):
            with self.engine.connect() as conn:
                present = inspect(conn).has_table("accord_events")
            if create and not present:
                self.ledgers.metadata.create_all(self.engine, checkfirst=True)
            elif not present:
                self.engine.dispose()
                raise InputError(
                    f"the database {self.display} holds no accord ledger (create one with "
                    "accord track init)"
                )

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> LedgerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self, what: str = "database error at") -> Iterator[None]:
        """Database failures (other than a lost race, which the caller retries) as one line."""
        from sqlalchemy.exc import DBAPIError, IntegrityError

        try:
            yield
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise InputError(f"{what} {self.display}: {_reason(exc)}") from None

    # ---- reading ---------------------------------------------------------------------

    def names(self) -> list[str]:
        """The ledgers in this database, by name."""
        from sqlalchemy import select

        with self._guard(), self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(self.ledgers.c.name).order_by("name"))]

    def ledger_name(self, given: str | None) -> str:
        """The ledger a command works on: the one given, or the only one in the database."""
        names = self.names()
        if given is not None:
            if given not in names:
                listed = ", ".join(names) or "none"
                raise InputError(f"no ledger named {given!r} in {self.display}; ledgers: {listed}")
            return given
        if not names:
            raise InputError(f"the database {self.display} holds no ledger")
        if len(names) > 1:
            raise InputError(
                f"the database {self.display} holds several ledgers ({', '.join(names)}); "
                "choose one with --ledger"
            )
        return names[0]

    def head(self, ledger: str) -> tuple[int, str]:
        """The (number, hash) of the ledger's last event, as its head record says."""
        from sqlalchemy import select

        c = self.ledgers.c
        with self._guard(), self.engine.connect() as conn:
            row = conn.execute(
                select(c.head_seq, c.head_hash).where(c.name == ledger)
            ).one_or_none()
        if row is None:
            raise InputError(f"no ledger named {ledger!r} in {self.display}")
        return int(row[0]), str(row[1])

    def rows(self, ledger: str) -> list[StoredRow]:
        """The ledger's stored events, by number."""
        from sqlalchemy import select

        e = self.events.c
        with self._guard(), self.engine.connect() as conn:
            result = conn.execute(
                select(e.seq, e.body, e.prev_hash, e.hash, e.signature)
                .where(e.ledger == ledger)
                .order_by(e.seq)
            )
            return [StoredRow(int(r[0]), r[1], r[2], r[3], r[4]) for r in result]

    def records(self, ledger: str) -> list[Record]:
        """The ledger's events as records (not checked; see :meth:`verify`)."""
        return [
            Record(Event.from_body(json.loads(r.body)), r.prev_hash, r.hash, r.signature)
            for r in self.rows(ledger)
        ]

    def verify(self, ledger: str, *, expect: str | None = None) -> ChainCheck:
        """Check the whole chain, every signature and every rule (see :mod:`~accord.track.chain`)."""
        return verify_rows(ledger, self.rows(ledger), head=self.head(ledger), expect=expect)

    def state(self, ledger: str) -> LedgerState:
        """The ledger's current state (events read since the last call are folded in)."""
        with self._guard(), self.engine.connect() as conn, conn.begin():
            return self._catch_up(conn, ledger, self._head_in(conn, ledger, lock=False))

    # ---- writing ---------------------------------------------------------------------

    def create(
        self, ledger: str, plan: TrackPlan, *, clock: Clock = utc_now, by: str = ""
    ) -> Record:
        """Create a ledger whose event 0 (``opened``) holds ``plan``.

        Raises
        ------
        InputError
            If a ledger of that name already exists in the database.
        """
        from sqlalchemy import insert
        from sqlalchemy.exc import IntegrityError

        record = opening_record(ledger, plan, _stamp(clock), by)
        event = record.event
        if ledger in self.names():
            raise InputError(f"a ledger named {ledger!r} already exists in {self.display}")
        try:
            with self._guard(), self.engine.connect() as conn:
                conn.execution_options(accord_write=True)
                with conn.begin():
                    conn.execute(
                        insert(self.ledgers).values(
                            name=ledger,
                            head_seq=0,
                            head_hash=record.hash,
                            created_at=event.recorded_at,
                        )
                    )
                    _insert_event(conn, self.events, ledger, to_row(record))
        except IntegrityError:
            raise InputError(
                f"a ledger named {ledger!r} already exists in {self.display}"
            ) from None
        self._cache[ledger] = initial_state(ledger, plan, record.hash)
        return record

    def append(
        self,
        ledger: str,
        kind: str,
        by: str,
        data: Mapping[str, Any],
        *,
        private_key: bytes | None = None,
        clock: Clock = utc_now,
    ) -> Record:
        """Check an event against the ledger's state and append it, in one transaction.

        Parameters
        ----------
        ledger, kind, by, data:
            Where, what, who and the event's fields (see :mod:`accord.track.events`).
        private_key:
            PEM Ed25519 private key of ``by``; required when the ledger holds a key for
            ``by``, refused otherwise.
        clock:
            Source of the recording time (UTC).

        Raises
        ------
        InputError
            If the event does not fit the ledger (nothing is written).
        """
        from sqlalchemy import update
        from sqlalchemy.exc import IntegrityError

        for _ in range(_RETRIES):
            try:
                with self._guard(), self.engine.connect() as conn:
                    conn.execution_options(accord_write=True)
                    with conn.begin():
                        state = self._catch_up(conn, ledger, self._head_in(conn, ledger, True))
                        record = next_record(
                            state, kind, by, data, _stamp(clock), private_key=private_key
                        )
                        event, h = record.event, record.hash
                        _insert_event(conn, self.events, ledger, to_row(record))
                        conn.execute(
                            update(self.ledgers)
                            .where(self.ledgers.c.name == ledger)
                            .values(head_seq=event.seq, head_hash=h)
                        )
            except IntegrityError:  # another writer took this number: read again, retry
                self._cache.pop(ledger, None)
                continue
            self._cache[ledger] = apply_event(state, event, h)
            return record
        raise AnalysisError(
            f"could not append to ledger {ledger!r} after {_RETRIES} attempts (other writers "
            "kept taking the next number); try again"
        )

    def import_rows(self, ledger: str, rows: Sequence[StoredRow]) -> ChainCheck:
        """Store a checked export as a new ledger, all or nothing.

        Raises
        ------
        InputError
            If the chain does not verify (the first broken link is named) or the ledger exists.
        """
        from sqlalchemy import insert

        check = verify_rows(ledger, rows)
        if not check.ok:
            first = check.problems[0]
            raise InputError(
                f"nothing imported: the chain is broken at event {first.seq}: {first.detail}"
            )
        if ledger in self.names():
            raise InputError(f"a ledger named {ledger!r} already exists in {self.display}")
        with self._guard(), self.engine.connect() as conn:
            conn.execution_options(accord_write=True)
            with conn.begin():
                created = json.loads(rows[0].body)["recorded_at"]
                conn.execute(
                    insert(self.ledgers).values(
                        name=ledger,
                        head_seq=rows[-1].seq,
                        head_hash=rows[-1].hash,
                        created_at=created,
                    )
                )
                for row in rows:
                    _insert_event(conn, self.events, ledger, row)
        return check

    # ---- internals -------------------------------------------------------------------

    def _head_in(self, conn: Connection, ledger: str, lock: bool) -> tuple[int, str]:
        from sqlalchemy import select

        c = self.ledgers.c
        query = select(c.head_seq, c.head_hash).where(c.name == ledger)
        row = conn.execute(query.with_for_update() if lock else query).one_or_none()
        if row is None:
            listed = ", ".join(self.names()) or "none"
            raise InputError(f"no ledger named {ledger!r} in {self.display}; ledgers: {listed}")
        return int(row[0]), str(row[1])

    def _catch_up(self, conn: Connection, ledger: str, head: tuple[int, str]) -> LedgerState:
        """Fold in the events appended since this store last read the ledger."""
        from sqlalchemy import select

        state = self._cache.get(ledger)
        if state is not None and (state.seq, state.head) == head:
            return state
        if state is not None and state.seq > head[0]:
            state = None
        e = self.events.c
        after = -1 if state is None else state.seq
        result = conn.execute(
            select(e.seq, e.body, e.prev_hash, e.hash)
            .where(e.ledger == ledger, e.seq > after)
            .order_by(e.seq)
        )
        for seq, text, prev, h in result:
            broken = f"ledger {ledger!r} is broken at event {seq}; run accord track verify"
            try:
                body = json.loads(text)
                event = Event.from_body(body)
                want_prev = GENESIS_PREV if state is None else state.head
                if prev != want_prev or link_hash(prev, body) != h or event.seq != seq:
                    raise AnalysisError(broken)
                if state is None:
                    if event.kind != "opened" or seq != 0:
                        raise AnalysisError(broken)
                    state = initial_state(ledger, TrackPlan.from_data(event.data["plan"]), h)
                else:
                    state = apply_event(state, event, h)
            except (ValueError, KeyError, InputError) as exc:
                raise AnalysisError(f"{broken} ({exc})") from None
        if state is None or (state.seq, state.head) != head:
            raise AnalysisError(
                f"ledger {ledger!r}: its head record does not match its last event; "
                "run accord track verify"
            )
        self._cache[ledger] = state
        return state
