"""Renderings of sweeps: the probability of agreement over a grid (table, Markdown, JSON, heat
map) and the distribution of forecasts under perturbation; and the line that says where a
sweep ran and what a resumed run reused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.api import ForecastSweep, GridReport
from accord.report.markdown import markdown_table
from accord.report.uncertainty import _pct

__all__ = [
    "SWEEP_SCHEMA_VERSION",
    "forecast_sweep_markdown",
    "forecast_sweep_renderable",
    "forecast_sweep_to_dict",
    "grid_markdown",
    "grid_renderable",
    "grid_to_dict",
    "plot_grid",
    "run_line",
]

SWEEP_SCHEMA_VERSION = 1
"""Bumped whenever a key of the JSON shapes below is removed or changes meaning."""


def run_line(executor: str, seconds: float, chunks: tuple[int, int], out: str | None) -> str:
    """``ran on 2 local processes in 12.3 s; 40 chunks computed, 205 read back from ...``."""
    reused, computed = chunks
    line = f"ran on {executor} in {seconds:.1f} s"
    if reused:
        line += f"; {computed:,} chunks computed, {reused:,} read back from the run folder"
    if out is not None:
        line += f"; results in {Path(out) / 'samples.parquet'} and summary.json"
    return line


def _value(v: str | float) -> str:
    return v if isinstance(v, str) else f"{v:.6g}"


def _grid_lines(r: GridReport) -> list[str]:
    settings = [a.name for a in r.axes if a.name not in r.held]
    best = max(r.points, key=lambda p: p.agreement[0])
    where = ", ".join(f"{a.name}={_value(v)}" for a, v in zip(r.axes, best.values, strict=True))
    lines = [
        f"{len(r.points):,} grid points × {r.samples:,} draws each (the same draws at every "
        f"point), seed {r.seed}.",
        (
            f"Highest probability of agreement: {_pct(best.agreement[0])} at {where}."
            if best.deals
            else "No grid point has a deal in any draw."
        ),
    ]
    if r.held:
        lines.append(
            f"Held at each grid value instead of drawn: {', '.join(r.held)} (the number as the "
            "file writes it; lever effects apply on top)."
        )
    if settings:
        lines.append(f"Settings changed at each point: {', '.join(settings)}.")
    return lines


def _grid_rows(r: GridReport) -> list[list[str]]:
    return [
        [
            *(_value(v) for v in p.values),
            _pct(p.agreement[0]),
            f"{_pct(p.agreement[1])} to {_pct(p.agreement[2])}",
            f"{p.deals:,}",
            _pct(p.negotiators / r.samples),
        ]
        for p in r.points
    ]


_GRID_COLUMNS = ["P(agreement)", "95% interval", "deals", "leaders agree"]


def grid_renderable(r: GridReport) -> RenderableType:
    """The grid for the terminal."""
    table = Table(title="Probability of agreement at each grid point")
    for a in r.axes:
        table.add_column(a.name)
    for c in _GRID_COLUMNS:
        table.add_column(c, justify="right")
    for row in _grid_rows(r):
        table.add_row(*row)
    panel = Panel(
        "\n".join(f"• {x}" for x in _grid_lines(r)),
        title=f"{r.title}: a grid against the declared draws",
        expand=False,
    )
    foot = Text(run_line(r.executor, r.seconds, r.chunks, r.out), style="dim")
    return Group(panel, table, foot)


def grid_markdown(r: GridReport) -> str:
    """The grid as Markdown."""
    header = [a.name for a in r.axes] + _GRID_COLUMNS
    rows = markdown_table(header, _grid_rows(r))
    return "\n".join(
        [f"# {r.title}: a grid against the declared draws", ""]
        + [f"- {x}" for x in _grid_lines(r)]
        + ["", *rows, "", run_line(r.executor, r.seconds, r.chunks, r.out), ""]
    )


def grid_to_dict(r: GridReport) -> dict[str, Any]:
    """The grid as JSON-ready data."""
    return {
        "schema_version": SWEEP_SCHEMA_VERSION,
        "scenario": r.title,
        "samples_per_point": r.samples,
        "seed": r.seed,
        "axes": [
            {"name": a.name, "values": list(a.values), "held": a.name in r.held} for a in r.axes
        ],
        "points": [
            {
                "values": dict(zip((a.name for a in r.axes), p.values, strict=True)),
                "agreement": dict(zip(("probability", "low", "high"), p.agreement, strict=True)),
                "deals": p.deals,
                "negotiators_could_agree": p.negotiators / r.samples,
            }
            for p in r.points
        ],
        "executor": r.executor,
        "seconds": round(r.seconds, 3),
        "chunks": {"read_back": r.chunks[0], "computed": r.chunks[1]},
        "lines": _grid_lines(r),
    }


def plot_grid(r: GridReport, path: str | Path) -> Path:
    """A heat map of the probability of agreement over two axes (a line over one)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    if len(r.axes) > 2:
        raise ValueError(f"a heat map shows one or two grid axes, not {len(r.axes)}")
    table = r.table()
    fig, ax = plt.subplots(figsize=(7.0, 4.6), dpi=110)
    if len(r.axes) == 1:
        a = r.axes[0]
        x = np.arange(len(a.values))
        lo = [p.agreement[1] for p in r.points]
        hi = [p.agreement[2] for p in r.points]
        ax.plot(x, table, marker="o")
        ax.fill_between(x, lo, hi, alpha=0.25, label="95% interval")
        ax.set_xticks(x, [_value(v) for v in a.values])
        ax.set_xlabel(a.name)
        ax.set_ylabel("probability of agreement")
        ax.set_ylim(0, 1)
        ax.legend(fontsize=8)
    else:
        rows, cols = r.axes
        top = max(float(table.max()), 0.01)  # the colours span the values found
        im = ax.imshow(table, vmin=0.0, vmax=top, cmap="viridis", aspect="auto", origin="lower")
        ax.set_yticks(range(len(rows.values)), [_value(v) for v in rows.values])
        ax.set_xticks(range(len(cols.values)), [_value(v) for v in cols.values])
        ax.set_ylabel(rows.name)
        ax.set_xlabel(cols.name)
        for i in range(table.shape[0]):
            for j in range(table.shape[1]):
                v = float(table[i, j])
                ax.text(j, i, _pct(v), ha="center", va="center", fontsize=8,
                        color="black" if v > 0.6 * top else "white")  # fmt: skip
        fig.colorbar(im, ax=ax, label="probability of agreement")
    ax.set_title(f"{r.title}: probability of agreement ({r.samples:,} draws per point)", fontsize=9)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out


def _forecast_rows(r: ForecastSweep) -> list[list[str]]:
    rows = []
    for j, m in enumerate(r.models):
        for d, dim in enumerate(r.dimensions):
            q = r.quantiles[:, j, d]
            rows.append(
                [
                    m,
                    dim,
                    f"{r.base[j, d]:.2f}",
                    f"{r.mean[j, d]:.2f}",
                    f"{r.sd[j, d]:.2f}",
                    f"{q[0]:.2f} to {q[-1]:.2f}",
                    f"{q[1]:.2f} / {q[2]:.2f} / {q[3]:.2f}",
                ]
            )
    return rows


_FC_COLUMNS = ["model", "dimension", "as given", "mean", "sd", "5%–95%", "quartiles"]


def _forecast_lines(r: ForecastSweep) -> list[str]:
    return [
        f"{r.samples:,} forecasts of {r.name}, each with every capability scaled by a factor "
        f"from [{1 - r.capability:g}, {1 + r.capability:g}] and every salience by one from "
        f"[{1 - r.salience:g}, {1 + r.salience:g}] (clipped to [0, 1]), seed {r.seed}.",
    ]


def forecast_sweep_renderable(r: ForecastSweep) -> RenderableType:
    """Forecasts under perturbation for the terminal."""
    table = Table(title="Each dimension's forecast under perturbation")
    for c in _FC_COLUMNS:
        table.add_column(c, justify="left" if c in ("model", "dimension") else "right")
    for row in _forecast_rows(r):
        table.add_row(*row)
    panel = Panel(
        "\n".join(f"• {x}" for x in _forecast_lines(r)),
        title=f"{r.name}: forecasts under perturbed capabilities and saliences",
        expand=False,
    )
    foot = Text(run_line(r.executor, r.seconds, r.chunks, r.out), style="dim")
    return Group(panel, table, foot)


def forecast_sweep_markdown(r: ForecastSweep) -> str:
    """Forecasts under perturbation as Markdown."""
    rows = markdown_table(_FC_COLUMNS, _forecast_rows(r))
    return "\n".join(
        [f"# {r.name}: forecasts under perturbation", ""]
        + [f"- {x}" for x in _forecast_lines(r)]
        + ["", *rows, "", run_line(r.executor, r.seconds, r.chunks, r.out), ""]
    )


def forecast_sweep_to_dict(r: ForecastSweep) -> dict[str, Any]:
    """Forecasts under perturbation as JSON-ready data."""
    return {
        "schema_version": SWEEP_SCHEMA_VERSION,
        "data": r.name,
        "samples": r.samples,
        "seed": r.seed,
        "perturbation": {"capability": r.capability, "salience": r.salience},
        "forecasts": {
            m: {
                dim: {
                    "as_given": float(r.base[j, d]),
                    "mean": float(r.mean[j, d]),
                    "sd": float(r.sd[j, d]),
                    "quantiles": {
                        f"{q:g}": float(r.quantiles[k, j, d])
                        for k, q in enumerate(r.quantile_levels)
                    },
                    "scale": list(r.scale[d]),
                }
                for d, dim in enumerate(r.dimensions)
            }
            for j, m in enumerate(r.models)
        },
        "executor": r.executor,
        "seconds": round(r.seconds, 3),
        "chunks": {"read_back": r.chunks[0], "computed": r.chunks[1]},
        "lines": _forecast_lines(r),
    }
