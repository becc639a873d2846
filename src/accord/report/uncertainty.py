"""Renderings of the analysis under uncertainty: rich text, markdown, JSON, and a bar chart of
the sensitivity indices. The sentences about reasons are written here, from the facts."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.api import SampledBargaining, UncertaintyReport
from accord.report.markdown import markdown_table
from accord.space.concepts import CONCEPTS

__all__ = [
    "UNCERTAINTY_SCHEMA_VERSION",
    "plot_sensitivity",
    "reason_lines",
    "sampled_bargaining_markdown",
    "sampled_bargaining_renderable",
    "sampled_bargaining_to_dict",
    "uncertainty_markdown",
    "uncertainty_renderable",
    "uncertainty_to_dict",
]

UNCERTAINTY_SCHEMA_VERSION = 1
"""Bumped whenever a key of the JSON shape is removed or changes meaning."""

TITLES = {
    **{name: c.title for name, c in CONCEPTS.items()},
    "ratified_nash": "ratification-weighted Nash",
}


def _pct(x: float) -> str:
    """``6.1%``, ``0.019%``, ``99.98%``: never "100%" or "0%" for a share that is not."""
    if x in (0.0, 1.0):
        return f"{100 * x:.0f}%"
    if x < 0.1:
        return f"{100 * x:.2g}%"
    digits = 1
    while digits < 6 and f"{100 * x:.{digits}f}" in ("100." + "0" * digits,):
        digits += 1
    text = f"{100 * x:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _names(r: UncertaintyReport, ids: tuple[str, ...]) -> str:
    names = [r.scenario.actor(i).name for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _reason(r: UncertaintyReport, reason: str, who: tuple[str, ...]) -> str:
    if reason == "no_feasible":
        return "no package satisfies the hard constraints"
    if reason == "unreachable":
        return f"{_names(r, who)}'s no-deal value is above every feasible package"
    if reason == "negotiators":
        return "the negotiators' own no-deal values leave no common package"
    if reason == "ratifiers":
        return (
            f"the negotiators could agree and the binding constraint is {_names(r, who)}: "
            "it alone vetoes every package they could agree on"
        )
    if reason == "ratifiers_each":
        return f"the negotiators could agree; lifting any one of {_names(r, who)} would open a deal"
    return (
        f"the negotiators could agree; only lifting several of {_names(r, who)} together "
        "would open a deal"
    )


def reason_lines(r: UncertaintyReport) -> list[str]:
    """The verdict over the samples and the reasons, in plain sentences."""
    s = r.summary
    p, lo, hi = r.agreement
    lines = [
        f"Probability of agreement: {_pct(p)} (95% interval {_pct(lo)} to {_pct(hi)}): a zone "
        f"of agreement exists in {s.deals:,} of {s.samples:,} draws."
    ]
    none = s.samples - s.deals
    if none:
        parts = [
            f"in {_pct(x.count / s.samples)} {_reason(r, x.reason, x.who)}"
            for x in sorted(s.reasons, key=lambda x: -x.count)
            if x.count
        ]
        lines.append(f"No deal in {_pct(none / s.samples)} of draws: " + "; ".join(parts) + ".")
    if r.private is not None and s.private_deals is not None:
        pp, plo, phi = r.private
        lost = s.deals - s.private_deals
        lines.append(
            f"With each side's beliefs about the others (private information), a proposal is "
            f"accepted in {_pct(pp)} of draws (95% interval {_pct(plo)} to {_pct(phi)}): in "
            f"{_pct(lost / s.samples)} a zone of agreement exists but every side overreaches."
        )
    if r.ranking:
        top = [x for x in r.ranking if _score(r, x) > 0][:3]
        if top:
            lines.append(
                "The numbers that most decide it ("
                + r.ranked_by
                + "): "
                + ", ".join(f"{x.path} ({_score(r, x):.2f})" for x in top)
                + "."
            )
    return lines


def _score(r: UncertaintyReport, x: Any) -> float:
    v = x.st if r.sobol is not None else x.mu_star
    return float(v) if math.isfinite(v) else 0.0


def _concept_table(r: UncertaintyReport) -> Table:
    t = Table(title="Solutions over the draws with a deal (share of all draws)")
    t.add_column("concept")
    t.add_column("package")
    t.add_column("share", justify="right")
    for c in r.summary.concepts:
        for j, p in enumerate(c.top):
            t.add_row(TITLES.get(c.concept, c.concept) if j == 0 else "", p.label, _pct(p.share))
    return t


def _utility_table(r: UncertaintyReport) -> Table:
    t = Table(title="Each side's utility at the Nash solution (draws with a deal)")
    for col in ("side", "mean", "5%", "median", "95%"):
        t.add_column(col, justify="left" if col == "side" else "right")
    nash = r.summary.concepts[0]
    for u in nash.utilities:
        t.add_row(
            r.scenario.actor(u.principal).name, f"{u.mean:.3f}", *(f"{q:.3f}" for q in u.quantiles)
        )
    return t


def _ranking_table(r: UncertaintyReport) -> Table:
    t = Table(title=f"Which numbers decide the verdict (ranked by {r.ranked_by})")
    t.add_column("#", justify="right")
    t.add_column("parameter", overflow="fold")
    t.add_column("range")
    if r.sobol is not None:
        t.add_column("S1", justify="right")
        t.add_column("ST", justify="right")
    if r.morris is not None:
        t.add_column("mu*", justify="right")
    for k, x in enumerate(r.ranking, start=1):
        row = [str(k), x.path, x.text]
        if r.sobol is not None:
            row += [f"{x.s1:.2f} ± {x.s1_conf:.2f}", f"{x.st:.2f} ± {x.st_conf:.2f}"]
        if r.morris is not None:
            row.append(f"{x.mu_star:.3g}")
        t.add_row(*row)
    return t


def _footer(r: UncertaintyReport) -> str:
    d = len(r.declaration.parameters)
    runs = []
    if r.sobol is not None:
        runs.append(f"Sobol: {r.sobol.base:,} base samples, {r.sobol.runs:,} runs")
    if r.morris is not None:
        runs.append(f"Morris: {r.morris.trajectories} trajectories, {r.morris.runs:,} runs")
    beliefs = f", {len(r.declaration.beliefs)} beliefs" if r.declaration.beliefs else ""
    return (
        f"{r.samples:,} draws, seed {r.seed}; {d} uncertain parameters{beliefs} "
        f"(weights drawn as written and renormalised); "
        + ("; ".join(runs) + "; " if runs else "")
        + f"memory budget {r.memory / 2**20:,.0f} MiB; "
        + _ran(r.executor or f"{r.workers} worker(s)", r.seconds, r.chunks, r.out)
    )


def _ran(executor: str, seconds: float, chunks: tuple[int, int], out: str | None) -> str:
    from accord.report.sweep import run_line

    return run_line(executor, seconds, chunks, out)


def uncertainty_renderable(r: UncertaintyReport) -> RenderableType:
    """The report for the terminal."""
    panel = Panel(
        "\n".join(f"• {line}" for line in reason_lines(r)),
        title=f"{r.scenario.title}: under uncertainty",
        expand=False,
    )
    parts: list[RenderableType] = [panel]
    if r.summary.deals:
        parts += [_concept_table(r), _utility_table(r)]
    if r.ranking:
        parts.append(_ranking_table(r))
    parts.append(Text(_footer(r), style="dim"))
    return Group(*parts)


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(markdown_table(header, rows))


def uncertainty_markdown(r: UncertaintyReport) -> str:
    """The report as markdown."""
    out = [f"# {r.scenario.title}: under uncertainty", ""]
    out += [f"- {line}" for line in reason_lines(r)]
    if r.summary.deals:
        rows = [
            [TITLES.get(c.concept, c.concept) if j == 0 else "", p.label, _pct(p.share)]
            for c in r.summary.concepts
            for j, p in enumerate(c.top)
        ]
        out += [
            "",
            "## Solutions over the draws with a deal",
            "",
            _md_table(["concept", "package", "share"], rows),
        ]
        nash = r.summary.concepts[0]
        rows = [
            [
                r.scenario.actor(u.principal).name,
                f"{u.mean:.3f}",
                *(f"{q:.3f}" for q in u.quantiles),
            ]
            for u in nash.utilities
        ]
        out += [
            "",
            "## Utility at the Nash solution",
            "",
            _md_table(["side", "mean", "5%", "median", "95%"], rows),
        ]
    if r.ranking:
        header = ["#", "parameter", "range"]
        header += ["S1", "ST"] if r.sobol is not None else []
        header += ["mu*"] if r.morris is not None else []
        rows = []
        for k, x in enumerate(r.ranking, start=1):
            row = [str(k), f"`{x.path}`", x.text]
            if r.sobol is not None:
                row += [f"{x.s1:.2f} ± {x.s1_conf:.2f}", f"{x.st:.2f} ± {x.st_conf:.2f}"]
            if r.morris is not None:
                row.append(f"{x.mu_star:.3g}")
            rows.append(row)
        out += [
            "",
            f"## Which numbers decide the verdict ({r.ranked_by})",
            "",
            _md_table(header, rows),
        ]
    out += ["", f"_{_footer(r)}_", ""]
    return "\n".join(out)


def _num(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def uncertainty_to_dict(r: UncertaintyReport) -> dict[str, Any]:
    """The report as JSON-ready data (see docs/uncertainty.md for every key)."""
    s = r.summary
    out: dict[str, Any] = {
        "schema_version": UNCERTAINTY_SCHEMA_VERSION,
        "scenario": r.scenario.title,
        "samples": r.samples,
        "seed": r.seed,
        "workers": r.workers,
        "executor": r.executor,
        "chunks": {"read_back": r.chunks[0], "computed": r.chunks[1]},
        "memory_bytes": r.memory,
        "seconds": round(r.seconds, 3),
        "agreement": dict(zip(("probability", "low", "high"), r.agreement, strict=True)),
        "private_information": None
        if r.private is None
        else dict(zip(("probability", "low", "high"), r.private, strict=True)),
        "negotiators_could_agree": s.negotiators / s.samples,
        "reasons": [
            {
                "reason": x.reason,
                "who": list(x.who),
                "share": x.count / s.samples,
                "text": _reason(r, x.reason, x.who),
            }
            for x in s.reasons
        ],
        "lines": reason_lines(r),
        "solutions": {
            c.concept: {
                "top": [{"package": p.package, "share": p.share} for p in c.top],
                "distinct_packages": c.distinct,
                "degenerate": c.degenerate,
                "utilities": {
                    u.principal: {"mean": _num(u.mean), "quantiles": [_num(q) for q in u.quantiles]}
                    for u in c.utilities
                },
            }
            for c in s.concepts
        },
        "parameters": [
            {
                "path": p.path,
                "distribution": p.text,
                "apply": p.apply,
                "note": p.note,
                "source": list(p.sources),
            }
            for p in r.declaration.parameters
        ],
        "beliefs": [
            {
                "holder": b.holder,
                "about": b.about,
                "distribution": b.distribution.text,
                "apply": b.apply,
            }
            for b in r.declaration.beliefs
        ],
        "sensitivity": {
            "ranked_by": r.ranked_by,
            "ranking": [
                {
                    "path": x.path,
                    "s1": _num(x.s1),
                    "s1_conf": _num(x.s1_conf),
                    "st": _num(x.st),
                    "st_conf": _num(x.st_conf),
                    "mu_star": _num(x.mu_star),
                    "mu_star_conf": _num(x.mu_star_conf),
                }
                for x in r.ranking
            ],
            "sobol": None
            if r.sobol is None
            else {
                "base": r.sobol.base,
                "runs": r.sobol.runs,
                "outputs": {
                    key: {
                        "s1": [_num(v) for v in r.sobol.s1[key]],
                        "st": [_num(v) for v in r.sobol.st[key]],
                        "variance": r.sobol.variance[key],
                    }
                    for key in r.sobol.s1
                },
            },
            "morris": None
            if r.morris is None
            else {
                "trajectories": r.morris.trajectories,
                "runs": r.morris.runs,
                "outputs": {
                    key: {
                        "mu_star": [_num(v) for v in r.morris.mu_star[key]],
                        "sigma": [_num(v) for v in r.morris.sigma[key]],
                    }
                    for key in r.morris.mu_star
                },
            },
        },
    }
    return out


def plot_sensitivity(r: UncertaintyReport, path: str | Path, *, top: int = 15) -> Path:
    """Bar chart of the indices that rank the parameters (with their intervals) to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = list(r.ranking[:top])[::-1]
    if not rows:
        raise ValueError(
            "no sensitivity indices to plot (no uncertain parameters, or --sensitivity none)"
        )
    y = np.arange(len(rows))
    fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(rows) + 1.6), dpi=110)
    if r.sobol is not None:
        ax.barh(
            y + 0.2,
            [x.st for x in rows],
            0.4,
            xerr=[x.st_conf for x in rows],
            label="total (ST)",
            color="C0",
        )
        ax.barh(
            y - 0.2,
            [x.s1 for x in rows],
            0.4,
            xerr=[x.s1_conf for x in rows],
            label="first order (S1)",
            color="C1",
        )
        ax.set_xlabel("Sobol index")
    else:
        ax.barh(
            y,
            [x.mu_star for x in rows],
            0.6,
            xerr=[x.mu_star_conf for x in rows],
            label="mu*",
            color="C0",
        )
        ax.set_xlabel("Morris mu*")
    ax.set_yticks(y, [x.path for x in rows], fontsize=8)
    ax.set_title(f"{r.scenario.title}: {r.ranked_by}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out


def _bargaining_lines(r: SampledBargaining) -> list[str]:
    p, lo, hi = r.agreement
    sides = ", ".join(f"{n} plays {s}" for n, s in zip(r.names, r.strategies, strict=True))
    lines = [
        f"Bargaining ends in a deal in {_pct(p)} of {r.samples:,} runs (95% interval "
        f"{_pct(lo)} to {_pct(hi)}), each run drawing the declared uncertain numbers "
        f"(preferences and no-deal values) anew.",
        f"{sides}; alternating offers, {r.rounds} rounds"
        + (f", discount {r.discount:g} per round" if r.discount < 1 else "")
        + f"; seed {r.seed}.",
        "Endings: " + ", ".join(f"{k} {v:,}" for k, v in r.endings.items()) + ".",
    ]
    walked = [f"{n} {r.walked_away[p]:,}" for p, n in zip(r.parties, r.names, strict=True)]
    if r.endings.get("walk-away"):
        lines.append("Walked away: " + ", ".join(walked) + ".")
    if r.agreement[0] > 0:
        lines.append(
            "Mean utility of the deal: "
            + ", ".join(f"{n} {r.utility[p]:.3f}" for p, n in zip(r.parties, r.names, strict=True))
            + f"; agreed on average in round {r.mean_round:.1f}."
        )
    if r.ratifiers_fixed:
        lines.append(
            f"The ratifiers ({', '.join(r.ratifiers_fixed)}) judge every run with the file's own "
            "numbers: the engine draws the principals' preferences and no-deal values per run, "
            "not the ratifiers' (`accord uncertainty` draws those)."
        )
    lines.append(
        f"{r.rate:,.0f} negotiations per second; "
        + _ran(r.executor or f"{r.workers} worker(s)", r.seconds, r.chunks, r.out)
        + "."
    )
    return lines


def sampled_bargaining_renderable(r: SampledBargaining) -> RenderableType:
    """``accord simulate --samples`` for the terminal."""
    return Panel(
        "\n".join(f"• {line}" for line in _bargaining_lines(r)),
        title=f"{r.title}: bargaining under uncertainty",
        expand=False,
    )


def sampled_bargaining_markdown(r: SampledBargaining) -> str:
    """``accord simulate --samples`` as markdown."""
    return "\n".join(
        [f"# {r.title}: bargaining under uncertainty", ""]
        + [f"- {line}" for line in _bargaining_lines(r)]
        + [""]
    )


def sampled_bargaining_to_dict(r: SampledBargaining) -> dict[str, Any]:
    """``accord simulate --samples`` as JSON-ready data."""
    return {
        "schema_version": UNCERTAINTY_SCHEMA_VERSION,
        "scenario": r.title,
        "samples": r.samples,
        "seed": r.seed,
        "rounds": r.rounds,
        "discount": r.discount,
        "strategies": dict(zip(r.parties, r.strategies, strict=True)),
        "agreement": dict(zip(("probability", "low", "high"), r.agreement, strict=True)),
        "endings": dict(r.endings),
        "walked_away": dict(r.walked_away),
        "mean_utility": {p: _num(v) for p, v in r.utility.items()},
        "mean_round": _num(r.mean_round),
        "ratifiers_not_drawn": list(r.ratifiers_fixed),
        "negotiations_per_second": r.rate,
        "executor": r.executor,
        "chunks": {"read_back": r.chunks[0], "computed": r.chunks[1]},
        "lines": _bargaining_lines(r),
    }
