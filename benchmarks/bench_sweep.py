"""Issue 12's figures: 10^6 draws of Hanoi under uncertainty on each executor.

The built-in ``hanoi-2019`` declaration (20 uncertain numbers, both ratifiers, the sides'
beliefs), the full two-level analysis per draw, no sensitivity analysis, results kept in
memory (no ``--out``), with the chunk size the tool chooses (one block of 4,096 draws per
task). Executors:

1. in this process on one thread: the reference throughput of one worker;
2. a local pool of 2 worker processes (``--workers 2``);
3. a Dask ``LocalCluster`` of 2 single-threaded workers on 127.0.0.1 (``--dask-local 2``).

Each executor is started and warmed (workers spawned, accord imported, the scenario prepared)
by a small sweep first; the figure times the sweep alone. Parallel efficiency is the
throughput on 2 workers divided by twice the throughput of *one worker of the same kind*
(target 0.8 or better); the one-worker references run a quarter of the draws (the work per
draw is the same in every block). The speed-up over one thread in this process is reported
too: on this shared 2-core machine the one-thread figure varies by about 20% between runs
(other jobs), so a ratio against it can exceed 2. The load is recorded.

Run: ``python benchmarks/bench_sweep.py [--samples N]`` (default 10^6; prints JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `accord` sets it (before numpy loads)

from accord.api import sweep_executor, uncertainty_analysis

TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes ``pids`` have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def _pids(ex: Any) -> list[int]:
    pids = ex.pids()
    return sorted(pids.values()) if isinstance(pids, dict) else sorted(pids)


def _sweep(ex: Any, samples: int) -> dict[str, Any]:
    uncertainty_analysis("hanoi-2019", samples=2 * 4096 * ex.workers, seed=7,
                         sensitivity="none", executor=ex)  # warm every worker  # fmt: skip
    load = os.getloadavg()[0]
    pids = _pids(ex) if hasattr(ex, "pids") else []
    worker_cpu = _cpu(pids)
    wall, cpu = time.perf_counter(), time.process_time()
    r = uncertainty_analysis("hanoi-2019", samples=samples, seed=1, sensitivity="none",
                             executor=ex)  # fmt: skip
    seconds = time.perf_counter() - wall
    driver = time.process_time() - cpu
    if pids and _pids(ex) != pids:
        raise RuntimeError("a worker was replaced during the benchmark: run it again")
    workers = _cpu(pids) - worker_cpu
    return {
        "executor": ex.name,
        "workers": ex.workers,
        "seconds": round(seconds, 2),
        "driver_cpu_s": round(driver, 2),
        "workers_cpu_s": round(workers, 2),
        "draws_per_s": round(samples / seconds),
        "draws_per_cpu_s": round(samples / (driver + workers)),
        "agreement": r.agreement,
        "load_at_start": round(load, 2),
        "load_at_end": round(os.getloadavg()[0], 2),
    }


def _peak_mib() -> float:
    """This process's peak resident memory in MiB: VmHWM, which starts afresh in a new
    program (getrusage's ru_maxrss would carry over the peak of the process that spawned it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    args = parser.parse_args()
    n = args.samples
    report: dict[str, Any] = {"samples": n, "cpus": os.cpu_count()}
    ref = max(4096, n // 4)
    with sweep_executor(threads=1) as ex:
        report["in_process"] = _sweep(ex, n)
    with sweep_executor(workers=1) as ex:
        report["processes1"] = _sweep(ex, ref)
    with sweep_executor(workers=2) as ex:
        report["processes2"] = _sweep(ex, n)
    with sweep_executor(dask_local=1) as ex:
        report["dask1"] = _sweep(ex, ref)
    start = time.perf_counter()
    with sweep_executor(dask_local=2) as ex:
        report["dask_startup_s"] = round(time.perf_counter() - start, 2)
        report["dask2"] = _sweep(ex, n)
        report["dask_worker_peak_rss_mib"] = sorted(ex.client.run(_peak_mib).values())
    thread = report["in_process"]["draws_per_s"]
    for two, one in (("processes2", "processes1"), ("dask2", "dask1")):
        r1, r2 = report[one], report[two]
        r2["efficiency"] = round(r2["draws_per_s"] / (2 * r1["draws_per_s"]), 3)
        r2["speedup_over_one_thread"] = round(r2["draws_per_s"] / thread, 3)
        # the work done per CPU second against one worker: what parallelism itself costs
        # (pickling, scheduling), whatever other jobs on the machine take
        r2["cpu_efficiency"] = round(r2["draws_per_cpu_s"] / r1["draws_per_cpu_s"], 3)
    same = {report[k]["agreement"] for k in ("in_process", "processes2", "dask2")}
    report["same_answer"] = len(same) == 1
    print(json.dumps(report, indent=2))
    if n < 1_000_000:
        return  # a trial run: the figures are recorded for 10^6 draws only
    from _results import Figure, record

    base, p2, d2 = report["in_process"], report["processes2"], report["dask2"]
    what = f"{n:,} Hanoi draws (built-in declaration, full two-level analysis)"
    record(
        "sweep",
        {
            "in_process_rate": Figure(
                base["draws_per_s"], "draws per second", f"{base['draws_per_s']:,}",
                f"{what}, in this process on one thread: computation only, wall clock",
            ),
            "processes2_rate": Figure(
                p2["draws_per_s"], "draws per second", f"{p2['draws_per_s']:,}",
                "the same on 2 local worker processes (--workers 2), pool warmed first: computation only, wall clock",
            ),
            "processes2_efficiency": Figure(
                p2["efficiency"], "ratio", f"{p2['efficiency']:.2f}",
                "2-process throughput / (2 x the throughput of one worker process), computation only",
            ),
            "processes2_speedup": Figure(
                p2["speedup_over_one_thread"], "ratio", f"{p2['speedup_over_one_thread']:.2f}",
                "2-process throughput / one thread in this process, computation only",
            ),
            "dask2_rate": Figure(
                d2["draws_per_s"], "draws per second", f"{d2['draws_per_s']:,}",
                "the same on a Dask LocalCluster of 2 single-threaded workers on 127.0.0.1, "
                "warmed first: computation only, wall clock",
            ),
            "dask2_efficiency": Figure(
                d2["efficiency"], "ratio", f"{d2['efficiency']:.2f}",
                "2-worker Dask throughput / (2 x the throughput of a 1-worker LocalCluster), computation only",
            ),
            "dask2_speedup": Figure(
                d2["speedup_over_one_thread"], "ratio", f"{d2['speedup_over_one_thread']:.2f}",
                "2-worker Dask throughput / one thread in this process, computation only",
            ),
            "processes2_cpu_efficiency": Figure(
                p2["cpu_efficiency"], "ratio", f"{p2['cpu_efficiency']:.2f}",
                "draws per CPU second (driver and workers) on 2 processes / on one process, computation only",
            ),
            "dask2_cpu_efficiency": Figure(
                d2["cpu_efficiency"], "ratio", f"{d2['cpu_efficiency']:.2f}",
                "draws per CPU second (driver and workers) on 2 Dask workers / on one, computation only",
            ),
            "dask_worker_peak": Figure(
                max(report["dask_worker_peak_rss_mib"]), "MiB",
                f"{max(report['dask_worker_peak_rss_mib']):.0f} MiB",
                "whole-process peak resident memory (VmHWM) of a Dask worker process over the sweep",
            ),
            "dask_startup": Figure(
                report["dask_startup_s"], "s", f"{report['dask_startup_s']:.1f} s",
                "starting the 2-worker LocalCluster (not in the rates): the whole process start of scheduler and workers, wall clock",
            ),
        },
        details=report,
    )  # fmt: skip


if __name__ == "__main__":
    main()
