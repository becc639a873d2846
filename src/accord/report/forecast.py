"""Rendering of forecasts and backtests: rich tables, markdown, JSON-ready dicts, plots."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from accord.api import BacktestReport
from accord.forecast.base import ForecastResult
from accord.scenario.spatial.model import SpatialData

__all__ = [
    "backtest_json",
    "backtest_markdown",
    "backtest_table",
    "forecast_json",
    "forecast_markdown",
    "forecast_notes",
    "forecast_tables",
    "plot_trajectories",
]


def _fmt(v: float, digits: int = 2) -> str:
    return "—" if not math.isfinite(v) else f"{v:.{digits}f}"


def _rounds_label(r: ForecastResult) -> str:
    if r.rounds == 0:
        return "static"
    return f"{r.rounds}" + ("" if r.converged else " (limit)")


def _num(v: float) -> float | None:
    """A JSON-safe number: ``nan`` and infinities become ``None`` (JSON has neither)."""
    return float(v) if math.isfinite(v) else None


def forecast_notes(results: Mapping[str, ForecastResult], data: SpatialData) -> list[str]:
    """What the reader needs to know beside the numbers: the reader's notes, who takes no part
    in which issue, and any seed a stochastic run drew."""
    out = list(data.notes)
    for dim, actors in data.absent().items():
        out.append(f"absent from {dim}: {', '.join(actors)} (they take no part in it)")
    for name, r in results.items():
        seed = r.settings.get("seed")
        if seed is not None and name == "smp" and "seed" not in data.settings.get("smp", {}):
            out.append(
                f"{name}: stochastic run with seed {seed} (repeat: --set {name}.seed={seed})"
            )
        elif seed is not None and name == "smp":
            out.append(f"{name}: stochastic run with the file's prngSeed {seed}")
    return out


def _win_table(r: ForecastResult, data: SpatialData) -> Table:
    """KTAB's per-actor winning probabilities in the final state."""
    t = Table(
        title=f"{r.model}: winning probability of each actor's position (final state; as in "
        "KTAB, actors at one position each show that position's probability)"
    )
    t.add_column("actor")
    t.add_column("probability", justify="right")
    for a, p in zip(data.actors, r.extra["win_probability"][-1], strict=True):
        t.add_row(a, _fmt(float(p), 4))
    return t


def forecast_tables(
    results: Mapping[str, ForecastResult], data: SpatialData, rounds: bool = False
) -> list[RenderableType]:
    """A table of forecasts per dimension and model, then the notes (absent actors, detected
    scales, drawn seeds); with ``rounds``, each dynamic model's forecast by round and the
    SMP's winning probabilities."""
    main = Table(title=f"Forecasts: {data.name}")
    main.add_column("model")
    for d, (lo, hi) in zip(data.dimensions, data.scale, strict=True):
        main.add_column(f"{d} [{lo:g}–{hi:g}]", justify="right")
    main.add_column("rounds", justify="right")
    for name, r in results.items():
        main.add_row(name, *(_fmt(v) for v in r.forecast), _rounds_label(r))
    if not all(math.isnan(v) for v in data.outcome):
        main.add_row("recorded outcome", *(_fmt(v) for v in data.outcome), "", style="italic")
    tables: list[RenderableType] = [main]
    notes = forecast_notes(results, data)
    if notes:
        tables.append(Text("\n".join(f"• {n}" for n in notes)))
    if rounds:
        for name, r in results.items():
            if "win_probability" in r.extra:
                tables.append(_win_table(r, data))
            if r.rounds == 0:
                continue
            t = Table(title=f"{name}: forecast by round")
            t.add_column("round", justify="right")
            for d in data.dimensions:
                t.add_column(d, justify="right")
            for i, row in enumerate(r.forecast_by_round):
                t.add_row(str(i), *(_fmt(v) for v in row))
            tables.append(t)
    return tables


def forecast_json(
    results: Mapping[str, ForecastResult], data: SpatialData, rounds: bool = False
) -> dict[str, Any]:
    """A JSON-ready dict of the forecasts (and, with ``rounds``, the trajectories)."""

    nan_none = _num
    models: dict[str, Any] = {}
    for name, r in results.items():
        entry: dict[str, Any] = {
            "forecast": dict(zip(data.dimensions, map(_num, r.forecast), strict=True)),
            "rounds": r.rounds,
            "converged": r.converged,
            "settings": {
                k: (v if isinstance(v, int | float | str | bool) else str(v))
                for k, v in r.settings.items()
            },
        }
        if "win_probability" in r.extra:
            entry["win_probability"] = dict(
                zip(data.actors, map(_num, r.extra["win_probability"][-1]), strict=True)
            )
        if rounds:
            entry["forecast_by_round"] = [
                dict(zip(data.dimensions, map(_num, row), strict=True))
                for row in r.forecast_by_round
            ]
            entry["positions_by_round"] = [
                {
                    a: dict(zip(data.dimensions, map(_num, pos), strict=True))
                    for a, pos in zip(data.actors, state, strict=True)
                }
                for state in r.trajectory
            ]
        models[name] = entry
    return {
        "scenario": data.name,
        "dimensions": [
            {"name": d, "scale": list(s), "outcome": nan_none(o), "reference": nan_none(ref)}
            for d, s, o, ref in zip(
                data.dimensions, data.scale, data.outcome, data.reference, strict=True
            )
        ],
        "actors": list(data.actors),
        "descriptions": dict(zip(data.actors, data.descriptions, strict=True))
        if data.descriptions
        else {},
        "absent": {d: list(a) for d, a in data.absent().items()},
        "notes": forecast_notes(results, data),
        "models": models,
    }


def forecast_markdown(
    results: Mapping[str, ForecastResult], data: SpatialData, rounds: bool = False
) -> str:
    """Markdown tables of the forecasts (and forecasts by round)."""
    head = "| model | " + " | ".join(data.dimensions) + " | rounds |"
    lines = [f"## Forecasts: {data.name}", "", head, "|" + "---|" * (len(data.dimensions) + 2)]
    for name, r in results.items():
        lines.append(
            f"| {name} | " + " | ".join(_fmt(v) for v in r.forecast) + f" | {_rounds_label(r)} |"
        )
    if not all(math.isnan(v) for v in data.outcome):
        lines.append("| *recorded outcome* | " + " | ".join(_fmt(v) for v in data.outcome) + " | |")
    notes = forecast_notes(results, data)
    if notes:
        lines += ["", *(f"- {n}" for n in notes)]
    if rounds:
        for name, r in results.items():
            if r.rounds == 0:
                continue
            lines += [
                "",
                f"### {name}: forecast by round",
                "",
                "| round | " + " | ".join(data.dimensions) + " |",
                "|" + "---|" * (len(data.dimensions) + 1),
            ]
            lines += [
                f"| {i} | " + " | ".join(_fmt(v) for v in row) + " |"
                for i, row in enumerate(r.forecast_by_round)
            ]
    return "\n".join(lines) + "\n"


def backtest_table(report: BacktestReport) -> Table:
    """Rich table of backtest scores."""
    t = Table(title=f"Backtest over {len(report.issues)} issue(s) (errors on a 0–100 scale)")
    for col, just in (
        ("model", "left"),
        ("MAE", "right"),
        ("within 10", "right"),
        (f"Δ MAE vs {report.baseline}", "right"),
        ("95% CI", "right"),
    ):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for s in report.scores:
        ci = "" if math.isnan(s.ci_low) else f"[{s.ci_low:+.2f}, {s.ci_high:+.2f}]"
        diff = "" if math.isnan(s.diff_vs_baseline) else f"{s.diff_vs_baseline:+.2f}"
        t.add_row(s.model, f"{s.mae:.2f}", f"{100 * s.within_10:.0f}%", diff, ci)
    return t


def backtest_markdown(report: BacktestReport) -> str:
    """Markdown table of backtest scores."""
    lines = [
        f"## Backtest over {len(report.issues)} issue(s)",
        "",
        f"| model | MAE | within 10 | Δ MAE vs {report.baseline} | 95% CI |",
        "|---|---|---|---|---|",
    ]
    for s in report.scores:
        ci = "" if math.isnan(s.ci_low) else f"[{s.ci_low:+.2f}, {s.ci_high:+.2f}]"
        diff = "" if math.isnan(s.diff_vs_baseline) else f"{s.diff_vs_baseline:+.2f}"
        lines.append(f"| {s.model} | {s.mae:.2f} | {100 * s.within_10:.0f}% | {diff} | {ci} |")
    return "\n".join(lines) + "\n"


def backtest_json(report: BacktestReport) -> dict[str, Any]:
    """JSON-ready dict of a backtest."""

    clean = _num

    return {
        "baseline": report.baseline,
        "scores": [
            {
                "model": s.model,
                "n": s.n,
                "mae": _num(s.mae),
                "within_10": s.within_10,
                "diff_vs_baseline": clean(s.diff_vs_baseline),
                "ci": [clean(s.ci_low), clean(s.ci_high)],
            }
            for s in report.scores
        ],
        "issues": [
            {
                "source": i.source,
                "dimension": i.dimension,
                "outcome": i.outcome,
                "scale": list(i.scale),
                "forecasts": {k: _num(v) for k, v in i.forecasts.items()},
            }
            for i in report.issues
        ],
    }


def plot_trajectories(
    results: Mapping[str, ForecastResult], data: SpatialData, path: str | Path
) -> Path:
    """Draw each dynamic model's actor trajectories and forecast per dimension to ``path``.

    One row per model, one column per dimension; static models appear as a horizontal line
    in every dynamic panel for reference.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dynamic = {n: r for n, r in results.items() if r.rounds > 0}
    static = {n: r for n, r in results.items() if r.rounds == 0}
    shown = dynamic or results
    k = data.n_dimensions
    fig, axes = plt.subplots(len(shown), k, figsize=(4.2 * k, 3.0 * len(shown)), squeeze=False)
    for row, (name, r) in enumerate(shown.items()):
        for d in range(k):
            ax = axes[row][d]
            t = range(r.trajectory.shape[0])
            for i in range(data.n_actors):
                ax.plot(t, r.trajectory[:, i, d], color="0.7", lw=0.8)
            ax.plot(t, r.forecast_by_round[:, d], color="C3", lw=2, label=f"{name} forecast")
            for j, (sname, s) in enumerate(static.items()):
                ax.axhline(float(s.forecast[d]), ls="--", lw=1, color=f"C{j}", label=sname)
            if not math.isnan(data.outcome[d]):
                ax.axhline(float(data.outcome[d]), color="k", lw=1.2, label="outcome")
            ax.set_ylim(*data.scale[d])
            ax.set_title(f"{name}: {data.dimensions[d]}", fontsize=9)
            ax.set_xlabel("round")
            if row == 0 and d == 0:
                ax.legend(fontsize=7)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
