"""Interactive figures as Plotly figure specifications (plain JSON-ready dicts).

Each function returns ``{"data": [...], "layout": {...}}``, the figure format of Plotly.js:
the HTML report and the web app hand it to ``Plotly.newPlot``. Building the spec needs no
plotly import; the report embeds plotly's JavaScript from the Python package.

- :func:`utility_space`: every feasible package by two principals' utilities, the Pareto
  frontier, each side's win-set, the zone of agreement, the no-deal point and the solutions;
- :func:`phasing_gantt`: the phased plan as a Gantt chart over each party's exposure and cap;
- :func:`simulation_trace`: what each offer was worth to each party, round by round;
- :func:`sensitivity_bars`: which uncertain numbers decide the verdict (Sobol indices);
- :func:`forecast_bars`: each model's forecast per dimension, with the recorded outcome.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from accord.bargaining.analysis import Analysis
from accord.forecast.base import ForecastResult
from accord.negotiate.protocol import NegotiationResult
from accord.phasing.result import PhasingResult
from accord.scenario.spatial.model import SpatialData

__all__ = [
    "forecast_bars",
    "phasing_gantt",
    "sensitivity_bars",
    "simulation_trace",
    "utility_space",
]

Figure = dict[str, Any]

_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_SYMBOLS = ("star", "diamond", "triangle-up", "square", "cross", "x", "pentagon")


def _r(values: Any) -> list[float]:
    """Rounded floats (4 decimals keep the file small and the plot exact to the eye)."""
    return [round(float(v), 4) for v in np.asarray(values, dtype=np.float64).ravel()]


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 15}},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "legend": {"orientation": "h", "y": -0.18},
        "template": "plotly_white",
        **extra,
    }


def utility_space(a: Analysis) -> Figure:
    """The outcome space of the first two principals (every feasible package when enumerated,
    else the Pareto frontier only), with the frontier, each side's win-set (or acceptance
    region), the zone of agreement, the no-deal point and each bargaining solution."""
    sp, sc = a.space, a.scenario
    if len(sp.principals) < 2:
        return {"data": [], "layout": _layout("Utility space: needs two principals")}
    names = {p.id: p.name for p in sc.principals}
    p0, p1 = sp.principals[0], sp.principals[1]
    u = sp.utilities
    x, y = u[0], u[1]
    traces: list[dict[str, Any]] = [
        {
            "type": "scattergl",
            "mode": "markers",
            "name": f"feasible packages ({sp.n_feasible:,})"
            if a.exploration.complete
            else "frontier packages (the space is too large to draw)",
            "x": _r(x),
            "y": _r(y),
            "marker": {"color": "#c7c7c7", "size": 4},
            "hoverinfo": "skip",
        }
    ]
    if a.winsets is not None:
        members = a.winsets.members
        label = "win-set"
    else:
        members = u >= sp.reservations[:, None]
        label = "accepts"
    for i, pid in enumerate(sp.principals[:2]):
        cols = np.flatnonzero(members[i])
        traces.append(
            {
                "type": "scattergl",
                "mode": "markers",
                "name": f"{names.get(pid, pid)}'s {label} ({cols.size:,})",
                "x": _r(x[cols]),
                "y": _r(y[cols]),
                "marker": {
                    "color": _PALETTE[i],
                    "size": 6,
                    "symbol": "circle-open",
                    "opacity": 0.55,
                },
                "hoverinfo": "skip",
            }
        )
    front = a.frontier[np.argsort(x[a.frontier], kind="stable")]
    traces.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"Pareto frontier ({a.frontier.size:,})",
            "x": _r(x[front]),
            "y": _r(y[front]),
            "line": {"color": "#333333", "width": 1.5},
            "marker": {"size": 5, "color": "#333333"},
        }
    )
    traces.append(
        {
            "type": "scattergl",
            "mode": "markers",
            "name": f"zone of agreement ({int(a.zopa.size):,})",
            "x": _r(x[a.zopa]),
            "y": _r(y[a.zopa]),
            "marker": {"color": "#2ca02c", "size": 9, "symbol": "circle"},
        }
    )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": "no deal (each side's no-deal value)",
            "x": _r([sp.reservations[0]]),
            "y": _r([sp.reservations[1]]),
            "marker": {"color": "black", "size": 12, "symbol": "x"},
        }
    )
    sols = [*a.solutions, *([a.ratified] if a.ratified is not None else [])]
    for k, s in enumerate(sols):
        text = "<br>".join(f"{i}: {o}" for i, o in s.package.items())
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": s.title,
                "x": _r([s.utilities[p0]]),
                "y": _r([s.utilities[p1]]),
                "text": [text],
                "hovertemplate": f"{s.title}<br>%{{text}}<extra></extra>",
                "marker": {"size": 14, "symbol": _SYMBOLS[k % len(_SYMBOLS)]},
            }
        )
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": float(sp.reservations[0]),
            "x1": float(sp.reservations[0]),
            "y0": 0,
            "y1": 1,
            "line": {"dash": "dash", "color": _PALETTE[0], "width": 1},
        },
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": float(sp.reservations[1]),
            "y1": float(sp.reservations[1]),
            "line": {"dash": "dash", "color": _PALETTE[1], "width": 1},
        },
    ]
    more = f" (of {len(sp.principals)} principals)" if len(sp.principals) > 2 else ""
    return {
        "data": traces,
        "layout": _layout(
            f"Utility space: {a.verdict.headline}{more}",
            xaxis={"title": {"text": f"utility to {names.get(p0, p0)}"}, "range": [-0.02, 1.02]},
            yaxis={"title": {"text": f"utility to {names.get(p1, p1)}"}, "range": [-0.02, 1.02]},
            shapes=shapes,
            height=560,
        ),
    }


def phasing_gantt(r: PhasingResult) -> Figure:
    """Each step as a bar from its start to its completion (then, hatched, until verified),
    coloured by owner, over each party's exposure and cap per phase."""
    spec = r.spec
    if not r.feasible:
        return {"data": [], "layout": _layout(f"No phased plan: {r.message}")}
    colour = {p.id: _PALETTE[k % len(_PALETTE)] for k, p in enumerate(spec.parties)}
    label = {p.id: p.label for p in spec.parties}
    taken = sorted(
        ((r.starts[a.id], a) for a in spec.actions if a.id in r.starts),
        key=lambda t: (t[0], t[1].id),
    )
    rows = [a.label for _, a in taken]
    traces: list[dict[str, Any]] = []
    shown: set[str] = set()
    for start, a in taken:
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [a.duration],
                "base": [start - 0.5],
                "y": [a.label],
                "name": label[a.owner],
                "legendgroup": a.owner,
                "showlegend": a.owner not in shown,
                "marker": {"color": colour[a.owner]},
                "hovertemplate": f"{a.label}<br>{label[a.owner]}: phases {start} to "
                f"{start + a.duration - 1}<extra></extra>",
                "xaxis": "x",
                "yaxis": "y",
            }
        )
        shown.add(a.owner)
        if a.lag:
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [a.lag],
                    "base": [start - 0.5 + a.duration],
                    "y": [a.label],
                    "name": "awaiting verification",
                    "legendgroup": "lag",
                    "showlegend": "lag" not in shown,
                    "marker": {
                        "color": "white",
                        "line": {"color": colour[a.owner], "width": 1},
                        "pattern": {"shape": "/"},
                    },
                    "hoverinfo": "skip",
                    "xaxis": "x",
                    "yaxis": "y",
                }
            )
            shown.add("lag")
    phases = [ph.phase for ph in r.phases]
    for p in spec.parties:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "line": {"shape": "hvh", "color": colour[p.id]},
                "x": phases,
                "y": _r([ph.exposure[p.id] for ph in r.phases]),
                "name": f"{p.label}: exposure",
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"shape": "hvh", "color": colour[p.id], "dash": "dash"},
                "x": phases,
                "y": _r([ph.cap[p.id] for ph in r.phases]),
                "name": f"{p.label}: cap",
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
    ticks = list(range(1, spec.horizon + 1))
    return {
        "data": traces,
        "layout": _layout(
            f"Phased plan ({r.status}, {spec.horizon} phases)",
            barmode="overlay",
            height=260 + 26 * len(rows),
            xaxis={
                "domain": [0, 1],
                "anchor": "y",
                "tickvals": ticks,
                "range": [0.4, spec.horizon + 0.6],
            },
            yaxis={
                "domain": [0.38, 1],
                "categoryorder": "array",
                "categoryarray": list(reversed(rows)),
                "automargin": True,
            },
            xaxis2={
                "domain": [0, 1],
                "anchor": "y2",
                "tickvals": ticks,
                "range": [0.4, spec.horizon + 0.6],
                "title": {"text": "phase"},
            },
            yaxis2={"domain": [0, 0.28], "title": {"text": "value at risk"}},
        ),
    }


def simulation_trace(r: NegotiationResult) -> Figure:
    """What each offer (or mediator's text) was worth to each party, by round, with each
    party's no-deal value dashed."""
    d = r.domain
    traces: list[dict[str, Any]] = []
    offers = [e for e in r.trace if e.kind in ("offer", "text") and e.utilities]
    for i in range(len(d.parties)):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"worth to {d.names[i]}",
                "x": [e.round + 1 for e in offers],
                "y": _r([e.utilities[i] for e in offers]),
                "line": {"color": _PALETTE[i % len(_PALETTE)]},
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{d.names[i]}'s no-deal value",
                "x": [1, max(r.n_rounds, 1)],
                "y": _r([d.reservations[i]] * 2),
                "line": {"color": _PALETTE[i % len(_PALETTE)], "dash": "dash", "width": 1},
            }
        )
    end = "agreement" if r.agreement else "no agreement"
    return {
        "data": traces,
        "layout": _layout(
            f"Simulated negotiation: {end} (round {r.round + 1} of {r.n_rounds}, seed {r.seed})",
            xaxis={"title": {"text": "round"}},
            yaxis={"title": {"text": "utility"}, "range": [-0.02, 1.02]},
            height=420,
        ),
    }


def sensitivity_bars(ranking: Any, *, top: int = 12) -> Figure:
    """Sobol first-order and total indices of the numbers that decide the verdict.

    ``ranking`` is :attr:`accord.api.UncertaintyReport.ranking` (most influential first).
    """
    rows = list(ranking)[:top][::-1]

    def clean(v: float) -> float | None:
        return None if not math.isfinite(v) else round(v, 4)

    names = [x.path for x in rows]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "total index (ST)",
                "y": names,
                "x": [clean(x.st) for x in rows],
                "error_x": {"type": "data", "array": [clean(x.st_conf) for x in rows]},
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "first-order index (S1)",
                "y": names,
                "x": [clean(x.s1) for x in rows],
            },
        ],
        "layout": _layout(
            "Which numbers decide the verdict (Sobol indices)",
            barmode="group",
            height=200 + 34 * len(rows),
            yaxis={"automargin": True},
            xaxis={"title": {"text": "share of the output's variance"}},
        ),
    }


def forecast_bars(results: Mapping[str, ForecastResult], data: SpatialData) -> Figure:
    """Each model's forecast per dimension (the recorded outcome as a black mark)."""
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": name,
            "x": list(data.dimensions),
            "y": [None if not math.isfinite(v) else round(float(v), 4) for v in r.forecast],
        }
        for name, r in results.items()
    ]
    if not np.isnan(data.outcome).all():
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "recorded outcome",
                "x": list(data.dimensions),
                "y": [None if math.isnan(v) else round(float(v), 4) for v in data.outcome],
                "marker": {"color": "black", "symbol": "line-ew-open", "size": 30},
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            "Forecast per model", barmode="group", yaxis={"title": {"text": "position"}}
        ),
    }
