"""Benchmark: ledger appends per second, and whole-chain verification, on SQLite and PostgreSQL.

Run ``python3 benchmarks/bench_track.py [--events 2000] [--writers 2] [--postgres URL]``
(the PostgreSQL URL defaults to ``$ACCORD_TEST_POSTGRES_URL``; without one only SQLite runs).
Each back end gets a fresh ledger on the built-in Hanoi plan, then:

* ``append``: one writer appends ``--events`` notes, one transaction each (SQLite: WAL,
  synchronous=FULL; each append checks the event, links it and moves the head);
* ``append, N writers``: N processes append ``--events / N`` notes each at the same time;
* ``verify``: the whole chain re-checked (links, hashes, rules), events per second;
* ``append + verify``: appends per second counting the final verification of the chain.

Prints one JSON object per back end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from accord.api import load_phasing
from accord.track.plan import make_plan
from accord.track.store import LedgerStore

STARTS = {"carve_outs": 1, "end_of_war": 1, "inspector_access": 1, "liaison_offices": 1,
          "yongbyon_freeze": 1, "declaration": 2, "sector_relief": 3, "yongbyon_dismantle": 3,
          "test_moratorium": 5, "un_2016_2017_relief": 5, "beyond_yongbyon": 6,
          "us_statutory_suspension": 6}  # fmt: skip

WRITER = textwrap.dedent(
    """
    import sys
    from accord.track.store import LedgerStore
    url, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with LedgerStore(url) as store:
        for k in range(n):
            store.append("bench", "note", "us", {"text": f"{who}-{k}"})
    """
)


def fresh_postgres(base: str) -> str:
    """A new schema on the server, so every run starts empty."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


def run(url: str, events: int, writers: int) -> dict[str, float | int | str]:
    plan = make_plan(load_phasing("hanoi-2019"), STARTS)
    with LedgerStore(url, create=True) as store:
        store.create("bench", plan)
        t0 = time.perf_counter()
        for k in range(events):
            store.append("bench", "note", "us", {"text": f"one-{k}"})
        t_append = time.perf_counter() - t0
        t0 = time.perf_counter()
        procs = [
            subprocess.Popen([sys.executable, "-c", WRITER, url, f"w{w}", str(events // writers)])
            for w in range(writers)
        ]
        if any(p.wait() != 0 for p in procs):
            raise SystemExit("a writer failed")
        t_many = time.perf_counter() - t0
        t0 = time.perf_counter()
        check = store.verify("bench")
        t_verify = time.perf_counter() - t0
        if not check.ok:
            raise SystemExit(f"the chain does not verify: {check.problems[:3]}")
    return {
        "events": check.events,
        "appends_per_s": round(events / t_append, 1),
        f"appends_per_s_{writers}_writers": round(writers * (events // writers) / t_many, 1),
        "verify_events_per_s": round(check.events / t_verify, 1),
        "appends_per_s_with_verify": round(
            events / (t_append + t_verify * events / check.events), 1
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--postgres", default=os.environ.get("ACCORD_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = run(str(Path(tmp) / "bench.db"), args.events, args.writers)
        print(json.dumps({"backend": "sqlite", **sqlite}))
    if args.postgres:
        pg = run(fresh_postgres(args.postgres), args.events, args.writers)
        print(json.dumps({"backend": "postgresql", **pg}))
    else:
        print(json.dumps({"backend": "postgresql", "skipped": "no --postgres URL"}))


if __name__ == "__main__":
    main()
