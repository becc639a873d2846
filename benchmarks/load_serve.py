"""Bounded load test of ``accord serve`` on 127.0.0.1: concurrent clients send analyse requests,
then the server stops.

    python benchmarks/load_serve.py [--clients 20] [--requests 2000] [--max-seconds 600]

Starts ``accord serve`` as its own process on a free loopback port, warms it with one request,
reads its resident memory (VmRSS), then ``--clients`` threads send ``--requests`` POST
/api/analyse requests in all (Hanoi by name, and the same document as text: the server keeps
recent results, so after the first of each the answers come from its cache), counts errors
(any status but 200, any exception), times each request, reads the memory again and stops the
server. Nothing is sent anywhere but 127.0.0.1, and the run stops after ``--max-seconds``
whatever is left.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import Figure, record
from accord import api


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--max-seconds", type=float, default=600.0)
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    bodies = [{"builtin": "hanoi-2019"}, {"text": api.builtin_scenario_text("hanoi-2019")}]
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/scenarios", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        for body in bodies:
            httpx.post(base + "/api/analyse", json=body, timeout=60).raise_for_status()
        before = _rss_mib(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        left = [args.requests]
        deadline = time.monotonic() + args.max_seconds

        def client(k: int) -> None:
            with httpx.Client(base_url=base, timeout=60) as c:
                i = 0
                while time.monotonic() < deadline:
                    with lock:
                        if left[0] == 0:
                            return
                        left[0] -= 1
                    t = time.perf_counter()
                    try:
                        r = c.post("/api/analyse", json=bodies[(k + i) % 2])
                        ok = (
                            r.status_code == 200
                            and r.json()["verdict"]["headline"] == "No agreement"
                        )
                        what = f"status {r.status_code}"
                    except httpx.HTTPError as exc:
                        ok, what = False, repr(exc)
                    dt = time.perf_counter() - t
                    with lock:
                        latencies.append(dt)
                        if not ok:
                            errors.append(what)
                    i += 1

        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        after = _rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lat = np.array(latencies) * 1000
    p50, p99 = float(np.percentile(lat, 50)), float(np.percentile(lat, 99))
    done = len(latencies)
    print(
        f"{done} requests from {args.clients} clients in {wall:.1f} s ({done / wall:.0f}/s): "
        f"{len(errors)} errors; latency p50 {p50:.1f} ms, p99 {p99:.1f} ms; server memory "
        f"{before:.0f} MiB before, {after:.0f} MiB after"
    )
    what = (
        f"POST /api/analyse (Hanoi by name and as text, results cached by the server) from "
        f"{args.clients} concurrent clients, {done} requests, accord serve on 127.0.0.1 "
        "(the whole process, over HTTP)"
    )
    record(
        "load_serve",
        {
            "errors": Figure(len(errors), "requests", f"{len(errors)} errors", what),
            "p50": Figure(round(p50, 1), "ms", f"{p50:.0f} ms", "median latency: " + what),
            "p99": Figure(round(p99, 1), "ms", f"{p99:.0f} ms", "99th percentile latency: " + what),
            "throughput": Figure(
                round(done / wall, 1), "req/s", f"{done / wall:.0f} requests/s", what
            ),
            "rss_before": Figure(
                round(before, 1),
                "MiB",
                f"{before:.0f} MiB",
                "whole-process VmRSS of the server after warm-up",
            ),
            "rss_after": Figure(
                round(after, 1),
                "MiB",
                f"{after:.0f} MiB",
                "whole-process VmRSS of the server after the run",
            ),
        },
        details={
            "requests": done,
            "clients": args.clients,
            "wall_seconds": round(wall, 2),
            "errors": errors[:20],
        },
    )


if __name__ == "__main__":
    main()
