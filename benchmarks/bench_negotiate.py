"""Throughput of bilateral negotiations on a 10^4-package additive domain.

Domain: 4 issues x 10 options, two parties, built from ``numpy.random.default_rng(12345)``:
per party ``w = rng.random(4); w /= w.sum()`` then one ``rng.random(10)`` value table per
issue; additive utilities; reservation 0. Strategies: time-dependent (Boulware e=0.25 against
conceder e=4, plus a sweep of exponents), deadline 100 rounds.

Measured:

* accord's batched engine (:func:`accord.negotiate.batch.run_batch`), many runs in lockstep
  (the same rules as the scalar protocol: offers and agreements only inside the win-sets);
* accord's scalar protocol (:class:`accord.negotiate.AlternatingOffers`), one run at a time;
* NegMAS's ``SAOMechanism`` with ``BoulwareTBNegotiator`` against ``ConcederTBNegotiator`` at
  100 steps on the same domain, when ``negmas`` is importable (install it in a separate
  environment; it is never a dependency of accord), and the ratio.

A NegMAS step lets both parties act, so 100 steps hold up to 200 offers; the batch is also
timed at 200 rounds for a like-for-like count of offers.

Wall-clock and CPU (``time.process_time``) figures are both printed, with the load average:
on a busy machine the wall-clock figure is inflated. Preferences drawn per run on a scenario
with ratifiers (Hanoi): ``benchmarks/bench_batch_sampled.py``.

Every figure is labelled with what its runs are: *identical* runs (one deterministic
negotiation repeated: the same exponents and preferences in every run, so every run ends the
same way) or *distinct* runs (exponents or preferences drawn per run). Times are of the
computation only (in-process, best of ``--repeat``).

Run: ``PYTHONPATH=src python3 benchmarks/bench_negotiate.py`` (prints JSON; records in
benchmarks/results.json). For the NegMAS column, run it with a Python that has both accord
and NegMAS (a separate environment: NegMAS is never a dependency of accord).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from _results import Figure, record
from accord.negotiate import AlternatingOffers, make_strategy
from accord.negotiate.batch import run_batch
from accord.negotiate.synthetic import additive_domain

N_ISSUES, N_OPTIONS, SEED = 4, 10, 12345


def build_tables() -> list[tuple[np.ndarray, list[np.ndarray]]]:
    """Per party: normalised weights and one value table per issue, as the brief specifies."""
    rng = np.random.default_rng(SEED)
    out = []
    for _ in range(2):
        w = rng.random(N_ISSUES)
        w /= w.sum()
        out.append((w, [rng.random(N_OPTIONS) for _ in range(N_ISSUES)]))
    return out


CPU: dict[str, float] = {}
"""CPU seconds (``time.process_time``) of the last :func:`best_of` measurement: on a busy
machine the wall-clock figure is inflated, the CPU figure much less."""


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    CPU["last"] = cpu
    return best, out


def bench_batch(runs: int, rounds: int, exponents: np.ndarray, repeat: int) -> dict[str, Any]:
    dom = additive_domain(2, N_ISSUES, N_OPTIONS, seed=SEED)
    secs, res = best_of(lambda: run_batch(dom, exponents, rounds=rounds), repeat)
    t = res.table
    return {
        "runs": runs,
        "rounds": rounds,
        "seconds": round(secs, 4),
        "negotiations_per_second": round(runs / secs, 1),
        "negotiations_per_cpu_second": round(runs / CPU["last"], 1),
        "agreement_rate": round(float(t["agreement"].mean()), 4),
        "mean_round_ended": round(float(t["round"].mean()) + 1, 2),
    }


def bench_sampled(runs: int, rounds: int, chunk: int, repeat: int) -> dict[str, Any]:
    """Each run with its own preferences (weights redrawn around the domain's), in chunks.

    Timed: the batched engine including its per-run sorting; drawing utilities is not timed.
    """
    dom = additive_domain(2, N_ISSUES, N_OPTIONS, seed=SEED)
    rng = np.random.default_rng(2)
    tables = build_tables()
    vals = np.stack(
        [np.stack([t[dom.options[:, j]] for j, t in enumerate(tabs)]) for _, tabs in tables]
    )  # (2, k, n)
    base = np.stack([w for w, _ in tables])  # (2, k)
    e = np.tile([0.25, 4.0], (chunk, 1))
    total, cpu, agreed, ended = 0.0, 0.0, 0, 0.0
    for _ in range(max(1, runs // chunk)):
        w = np.stack([rng.dirichlet(base[i] * 50, size=chunk) for i in range(2)], axis=1)
        u = np.round(np.einsum("rik,ikn->rin", w, vals), 12)
        secs, res = best_of(lambda u=u: run_batch(dom, e, rounds=rounds, utilities=u), repeat)
        total += secs
        cpu += CPU["last"]
        agreed += int(res.table["agreement"].sum())
        ended += float(res.table["round"].sum()) + chunk
    n = max(1, runs // chunk) * chunk
    return {
        "runs": n,
        "rounds": rounds,
        "seconds": round(total, 4),
        "negotiations_per_second": round(n / total, 1),
        "negotiations_per_cpu_second": round(n / cpu, 1),
        "agreement_rate": round(agreed / n, 4),
        "mean_round_ended": round(ended / n, 2),
    }


def bench_scalar(runs: int, rounds: int, repeat: int) -> dict[str, Any]:
    dom = additive_domain(2, N_ISSUES, N_OPTIONS, seed=SEED)
    proto = AlternatingOffers(rounds)
    pair = [make_strategy("boulware"), make_strategy("conceder")]

    def go() -> list[int]:
        return [proto.run(dom, pair).round for _ in range(runs)]

    secs, ends = best_of(go, repeat)
    return {
        "runs": runs,
        "rounds": rounds,
        "seconds": round(secs, 4),
        "negotiations_per_second": round(runs / secs, 1),
        "negotiations_per_cpu_second": round(runs / CPU["last"], 1),
        "mean_round_ended": round(float(np.mean(ends)) + 1, 2),
    }


def bench_negmas(runs: int, steps: int) -> dict[str, Any] | None:
    try:
        import negmas
        from negmas import SAOMechanism, make_issue
        from negmas.preferences import LinearAdditiveUtilityFunction
        from negmas.preferences.value_fun import TableFun
        from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator
    except ImportError:
        return None
    issues = [make_issue(N_OPTIONS, name=f"i{j}") for j in range(N_ISSUES)]
    ufs = [
        LinearAdditiveUtilityFunction(
            values=[TableFun(dict(enumerate(t.tolist()))) for t in tables],
            weights=w.tolist(),
            issues=issues,
            reserved_value=0.0,
        )
        for w, tables in build_tables()
    ]

    def one() -> Any:
        m = SAOMechanism(issues=issues, n_steps=steps)
        m.add(BoulwareTBNegotiator(name="boulware"), preferences=ufs[0])
        m.add(ConcederTBNegotiator(name="conceder"), preferences=ufs[1])
        m.run()
        return m.state

    one()  # warm-up
    t0 = time.perf_counter()
    states = [one() for _ in range(runs)]
    secs = time.perf_counter() - t0
    return {
        "version": negmas.__version__,
        "runs": runs,
        "steps": steps,
        "seconds": round(secs, 4),
        "negotiations_per_second": round(runs / secs, 2),
        "agreement_rate": float(np.mean([s.agreement is not None for s in states])),
        "mean_step_ended": float(np.mean([s.step for s in states])),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20_000, help="batched runs per measurement")
    ap.add_argument("--sampled-runs", type=int, default=2_000, help="runs with own preferences")
    ap.add_argument("--scalar-runs", type=int, default=300)
    ap.add_argument("--negmas-runs", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    dom = additive_domain(2, N_ISSUES, N_OPTIONS, seed=SEED)
    # the accord domain is the family the brief specifies (same draws, same utilities)
    grid = dom.options
    for i, (w, tables) in enumerate(build_tables()):
        direct = sum(w[j] * tables[j][grid[:, j]] for j in range(N_ISSUES))
        assert np.allclose(dom.utilities[i], direct, atol=1e-12)

    pair = np.tile([0.25, 4.0], (args.runs, 1))
    sweep = np.exp(np.random.default_rng(1).uniform(np.log(0.1), np.log(10.0), (args.runs, 2)))
    hard = np.tile([0.25, 0.25], (args.runs, 1))
    out: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "load_average_1min": round(os.getloadavg()[0], 2),
        },
        "domain": {
            "packages": dom.n_packages,
            "issues": N_ISSUES,
            "options": N_OPTIONS,
            "seed": SEED,
        },
        "accord_batch": {
            "boulware_vs_conceder_100_rounds": bench_batch(args.runs, 100, pair, args.repeat),
            "boulware_vs_conceder_200_rounds": bench_batch(args.runs, 200, pair, args.repeat),
            "exponent_sweep_100_rounds": bench_batch(args.runs, 100, sweep, args.repeat),
            "boulware_vs_boulware_100_rounds": bench_batch(args.runs, 100, hard, args.repeat),
            "sampled_preferences_boulware_vs_conceder_100_rounds": bench_sampled(
                args.sampled_runs, 100, 500, args.repeat
            ),
        },
        "accord_scalar": {
            "boulware_vs_conceder_100_rounds": bench_scalar(args.scalar_runs, 100, args.repeat)
        },
    }
    nm = bench_negmas(args.negmas_runs, 100)
    out["negmas"] = nm
    out["reference_negmas_0_16_per_second"] = 19.9
    base = nm["negotiations_per_second"] if nm else 19.9
    batch = out["accord_batch"]
    out["ratio_vs_negmas"] = {
        "baseline": "measured in this run"
        if nm
        else "reference figure 19.9/s (negmas not importable)",
        "batch_boulware_vs_conceder_100_rounds": round(
            batch["boulware_vs_conceder_100_rounds"]["negotiations_per_second"] / base, 1
        ),
        "batch_boulware_vs_conceder_200_rounds": round(
            batch["boulware_vs_conceder_200_rounds"]["negotiations_per_second"] / base, 1
        ),
        "batch_sampled_preferences_100_rounds": round(
            batch["sampled_preferences_boulware_vs_conceder_100_rounds"]["negotiations_per_second"]
            / base,
            1,
        ),
        "batch_boulware_vs_boulware_100_rounds": round(
            batch["boulware_vs_boulware_100_rounds"]["negotiations_per_second"] / base, 1
        ),
        "scalar_boulware_vs_conceder_100_rounds": round(
            out["accord_scalar"]["boulware_vs_conceder_100_rounds"]["negotiations_per_second"]
            / base,
            1,
        ),
    }
    print(json.dumps(out, indent=2))
    record("negotiate", _figures(out, args.runs), details=out)


def _rate(value: float, measures: str) -> Figure:
    return Figure(
        round(value, 1),
        "negotiations/s",
        f"{value:,.3g}" if value < 100 else f"{round(value, -2 if value >= 10_000 else -1):,.0f}",
        measures,
    )


def _earlier_negmas() -> Figure | None:
    from _results import RESULTS

    if not RESULTS.exists():
        return None
    entry = json.loads(RESULTS.read_text())["benchmarks"].get("negotiate", {})
    fig = entry.get("figures", {}).get("negmas")
    if fig is None:
        return None
    note = "" if "earlier run" in fig["measures"] else f" [an earlier run, {entry['date']}]"
    return Figure(fig["value"], fig["unit"], fig["text"], fig["measures"] + note)


def _figures(out: dict[str, Any], runs: int) -> dict[str, Figure]:
    batch = out["accord_batch"]
    common = "bilateral alternating offers, 10^4-package additive domain, 100 rounds"
    figures = {
        "batch_identical": _rate(
            batch["boulware_vs_conceder_100_rounds"]["negotiations_per_second"],
            f"batched engine, Boulware vs conceder, {runs:,} identical runs (one deterministic "
            f"negotiation repeated); {common}; computation only",
        ),
        "batch_sweep": _rate(
            batch["exponent_sweep_100_rounds"]["negotiations_per_second"],
            f"batched engine, {runs:,} distinct runs (concession exponents drawn per run, "
            f"0.1-10); {common}; computation only",
        ),
        "batch_boulware_pair": _rate(
            batch["boulware_vs_boulware_100_rounds"]["negotiations_per_second"],
            f"batched engine, Boulware vs Boulware, {runs:,} identical runs; {common}; "
            "computation only",
        ),
        "batch_sampled": _rate(
            batch["sampled_preferences_boulware_vs_conceder_100_rounds"]["negotiations_per_second"],
            "batched engine, Boulware vs conceder, distinct runs (each with its own preferences "
            f"drawn around the domain's, sorted per run); {common}; computation only",
        ),
        "scalar": _rate(
            out["accord_scalar"]["boulware_vs_conceder_100_rounds"]["negotiations_per_second"],
            f"scalar protocol, one negotiation at a time, Boulware vs conceder (identical runs); "
            f"{common}; computation only",
        ),
    }
    if not out["negmas"]:  # keep the last NegMAS figure, saying that it is an earlier run's
        earlier = _earlier_negmas()
        if earlier is not None:
            figures["negmas"] = earlier
    else:
        figures["negmas"] = _rate(
            out["negmas"]["negotiations_per_second"],
            f"NegMAS {out['negmas']['version']} SAOMechanism, Boulware vs conceder, 100 steps, "
            "one at a time (identical runs), measured in the same run; computation only",
        )
    return figures


if __name__ == "__main__":
    main()
