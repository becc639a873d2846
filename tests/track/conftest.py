"""Shared fixtures of the ledger tests: the database back ends and a tracked Hanoi plan.

Every storage test runs on SQLite and on PostgreSQL. PostgreSQL needs a server: set
``ACCORD_TEST_POSTGRES_URL`` (``. .ci/postgres.sh`` starts one and sets it). Without it the
PostgreSQL tests are skipped with that reason locally, and FAIL when ``CI`` is set (as in
``.ci/run``), so they can never pass silently in CI.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pytest

from accord.track.plan import TrackPlan, make_plan

PG_ENV = "ACCORD_TEST_POSTGRES_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def postgres_url() -> str:
    """The test server's URL, or skip (locally) / fail (in CI) when there is none."""
    url = os.environ.get(PG_ENV, "")
    if not url:
        reason = f"PostgreSQL tests need {PG_ENV} (`. .ci/postgres.sh` starts a server)"
        if _in_ci():
            pytest.fail(reason + "; CI is set, so this is an error, not a skip")
        pytest.skip(reason)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty databases on each back end (PostgreSQL: a schema each)."""
    schemas: list[str] = []
    base = "" if request.param == "sqlite" else postgres_url()

    def make() -> str:
        if not base:
            schemas.append("")
            return str(tmp_path / f"ledger{len(schemas)}.db")
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"

    yield make
    if base:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def db_url(new_db: Callable[[], str]) -> str:
    """A fresh, empty database (SQLite file or PostgreSQL schema)."""
    return new_db()


@cache
def hanoi_plan() -> TrackPlan:
    """The built-in Hanoi phasing problem with the schedule `accord phase` finds for it."""
    from accord.api import load_phasing

    return make_plan(load_phasing("hanoi-2019"), HANOI_STARTS)


HANOI_STARTS = {
    "carve_outs": 1,
    "declaration": 1,
    "end_of_war": 1,
    "inspector_access": 1,
    "liaison_offices": 1,
    "yongbyon_freeze": 1,
    "sector_relief": 3,
    "yongbyon_dismantle": 3,
    "test_moratorium": 4,
    "us_statutory_suspension": 4,
    "beyond_yongbyon": 5,
    "un_2016_2017_relief": 5,
}
"""The schedule `accord phase hanoi-2019` finds (pinned so the tests say what they expect)."""
