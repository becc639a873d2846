"""Benchmark: ledger appends per second, and whole-chain verification, on SQLite and PostgreSQL.

Run ``python3 benchmarks/bench_track.py [--events 2000] [--writers 2] [--postgres URL]``
(the PostgreSQL URL defaults to ``$ACCORD_TEST_POSTGRES_URL``; without one only SQLite runs).
Each back end gets a fresh ledger on the built-in Hanoi plan, then:

* ``append``: one writer appends ``--events`` notes, one transaction each (SQLite: WAL,
  synchronous=FULL; each append checks the event, links it and moves the head);
* ``append, N writers``: N processes append ``--events / N`` notes each at the same time;
* ``verify``: the whole chain re-checked (links, hashes, rules), events per second;
* ``append + verify``: appends per second counting the final verification of the chain.

Prints one JSON object per back end and records the figures in benchmarks/results.json.
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

from _results import Figure, record
from accord.api import load_phasing, plan_phasing
from accord.track.plan import make_plan
from accord.track.store import LedgerStore

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
    spec = load_phasing("hanoi-2019")
    plan = make_plan(
        spec, plan_phasing(spec, explain=False).starts
    )  # the schedule accord phase gives
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
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(str(Path(tmp) / "bench.db"), args.events, args.writers)
        print(json.dumps({"backend": "sqlite", **results["sqlite"]}))
    if args.postgres:
        results["postgresql"] = run(fresh_postgres(args.postgres), args.events, args.writers)
        print(json.dumps({"backend": "postgresql", **results["postgresql"]}))
    else:
        print(json.dumps({"backend": "postgresql", "skipped": "no --postgres URL"}))
    figures = {}
    for backend, r in results.items():
        n = args.events
        for key, value, what in (
            ("appends", r["appends_per_s"], f"one writer appending {n:,} notes"),
            (
                f"appends_{args.writers}_writers",
                r[f"appends_per_s_{args.writers}_writers"],
                f"{args.writers} writer processes appending {n:,} notes in all",
            ),
            (
                "verify",
                r["verify_events_per_s"],
                f"verifying the whole chain ({r['events']:,} events)",
            ),
        ):
            figures[f"{backend}_{key}"] = Figure(
                float(value),
                "per second",
                f"{float(value):,.0f}",
                f"{backend} ledger, {what}, one transaction per append flushed to disk: "
                "computation only (in-process, one run)",
            )
    record("track", figures, details=results)


if __name__ == "__main__":
    main()
