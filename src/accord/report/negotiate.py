"""Renderings of simulated negotiations: rich text, markdown, JSON, and a concession plot.

Rounds are shown from 1. Utilities in traces are undiscounted; "value" columns are what a
party obtained (discounted agreement, or its reservation value without one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord import __version__
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.explain import actor_name, explain
from accord.negotiate.protocol import Event, NegotiationResult
from accord.negotiate.reasons import probability, ratifier_veto
from accord.negotiate.tournament import TournamentResult

__all__ = [
    "NEGOTIATION_SCHEMA_VERSION",
    "plot_concession",
    "result_markdown",
    "result_renderable",
    "result_to_dict",
    "tournament_markdown",
    "tournament_renderable",
    "tournament_to_dict",
    "trace_rows",
]

NEGOTIATION_SCHEMA_VERSION = 1
"""Bumped whenever a key of the JSON shape is removed or changes meaning."""


def _seed_note(seed: int | None) -> str:
    return f", seed {seed}" if seed is not None else ""


def _headline(r: NegotiationResult) -> str:
    if r.agreement:
        return f"Agreement in round {r.round + 1}"
    if r.walked_away is not None:
        return f"Breakdown: {r.domain.names[r.walked_away]} walked away in round {r.round + 1}"
    return f"Breakdown: no agreement by the deadline ({r.n_rounds} rounds)"


def _title(r: NegotiationResult) -> str:
    sides = ", ".join(f"{n} plays {s}" for n, s in zip(r.domain.names, r.strategies, strict=True))
    disc = f", discount {r.discount:g} per round" if r.discount < 1 else ""
    return f"{sides}; {r.protocol} protocol, {r.n_rounds} rounds{disc}{_seed_note(r.seed)}"


def _short(r: NegotiationResult, e: Event) -> str:
    """A refusal, veto or walk-away in a few words."""
    name = actor_name(r, e.actor)
    if e.kind == "walk-away":
        return f"{name} walks away: {e.reason}"
    if e.kind == "accept":
        return f"{name} accepts"
    d = r.domain
    res = float(d.reservations[e.actor])
    f = r.discount**e.round
    row = e.package if e.package is not None else 0
    whys = []
    if float(d.utilities[e.actor, row]) * f < res:
        whys.append(f"below its reservation {res:.3f}")
    if not d.ratified[e.actor, row]:
        whys.append(ratifier_veto(d, e.actor, row))
    why = "; ".join(whys) or "short of what it still asks"
    if e.issues:
        why += "; objects to " + ", ".join(d.issue_names[k] for k in e.issues)
    if e.kind == "veto":
        return f"the mechanism refuses the deal for {name}: {why}"
    return f"{name} rejects: {why}"


def trace_rows(r: NegotiationResult) -> list[tuple[int, str, tuple[float, ...], list[str]]]:
    """One row per offer or text (round from 1, proposer, utilities, responses in words).

    A walk-away gets a row of its own, with no utilities.
    """
    rows: list[tuple[int, str, tuple[float, ...], list[str]]] = []
    for e in r.trace:
        if e.kind in ("offer", "text"):
            rows.append((e.round + 1, actor_name(r, e.actor), e.utilities, []))
        elif e.kind == "walk-away" or not rows:
            rows.append((e.round + 1, actor_name(r, e.actor), (), [_short(r, e)]))
        else:
            rows[-1][3].append(_short(r, e))
    return rows


def result_renderable(r: NegotiationResult) -> RenderableType:
    """Verdict panel with the explanation, then the trace, then the packages that mattered."""
    ok = r.agreement
    head = Text(_headline(r), style="bold green" if ok else "bold red")
    why = Text()
    why.append(_title(r) + "\n", style="italic")
    for line in explain(r):
        why.append(f"• {line}\n")
    sc = r.domain.scenario
    panel = Panel(Group(head, why), title=sc.title if sc else "Negotiation", title_align="left")
    trace = Table(title="Trace: each offer, its utility to each party (undiscounted), the answers")
    trace.add_column("round", justify="right")
    trace.add_column("by")
    for name in r.domain.names:
        trace.add_column(f"u {name}", justify="right")
    trace.add_column("answer")
    for rnd, who, utils, answers in trace_rows(r):
        cells = [f"{u:.3f}" for u in utils] or [""] * r.domain.n_parties
        trace.add_row(str(rnd), who, *cells, "\n".join(answers))
    return Group(panel, trace, _packages_table(r))


def _key_packages(r: NegotiationResult) -> list[tuple[str, int]]:
    if r.package is not None:
        return [("Agreement", r.package)]
    out: list[tuple[str, int]] = []
    for i, name in enumerate(r.domain.names):
        own = [e for e in r.trace if e.kind == "offer" and e.actor == i]
        if own and own[-1].package is not None:
            out.append((f"{name}: last offer", own[-1].package))
    texts = [e for e in r.trace if e.kind == "text"]
    if texts and texts[-1].package is not None:
        out.append(("Mediator: last text", texts[-1].package))
    return out


def _packages_table(r: NegotiationResult) -> Table:
    cols = _key_packages(r)
    table = Table(title="Packages")
    table.add_column("Issue", style="bold")
    for title, _ in cols:
        table.add_column(title)
    labels = [r.domain.package_labels(row) for _, row in cols]
    for issue in r.domain.issue_names:
        table.add_row(issue, *[lab[issue] for lab in labels])
    for i, name in enumerate(r.domain.names):
        res = float(r.domain.reservations[i])
        table.add_row(
            Text(f"utility to {name} (reservation {res:.3f})", style="dim"),
            *[f"{float(r.domain.utilities[i, row]):.3f}" for _, row in cols],
        )
    for label, values in _ratification_rows(r, [row for _, row in cols]):
        table.add_row(Text(label, style="dim"), *values)
    return table


def _ratification_rows(r: NegotiationResult, rows: list[int]) -> list[tuple[str, list[str]]]:
    """Per side with ratifiers: the joint probability that they ratify each package shown."""
    d = r.domain
    out = []
    for i, name in enumerate(d.names):
        rats = d.ratifiers_of(i)
        if rats:
            who = rats[0].name if len(rats) == 1 else f"{name}'s ratifiers (jointly)"
            out.append(
                (
                    f"P(ratified by {who}; level {d.level:g})",
                    [probability(float(d.ratification[i, row])) for row in rows],
                )
            )
    return out


def _esc(s: str) -> str:
    return s.replace("|", "\\|")


def result_markdown(r: NegotiationResult) -> str:
    """Markdown: headline, explanation, trace table, key packages."""
    names = r.domain.names
    sc = r.domain.scenario
    lines = [f"## {_esc(sc.title if sc else 'Negotiation')}", "", f"_{_esc(_title(r))}_", ""]
    lines += [f"**{_headline(r)}**", ""]
    lines += [f"- {x}" for x in explain(r)]
    lines += ["", "| round | by | " + " | ".join(f"u {n}" for n in names) + " | answer |"]
    lines.append("|---" * (3 + len(names)) + "|")
    for rnd, who, utils, answers in trace_rows(r):
        cells = [f"{u:.3f}" for u in utils] or [""] * len(names)
        lines.append(
            f"| {rnd} | {_esc(who)} | " + " | ".join(cells) + f" | {_esc('; '.join(answers))} |"
        )
    cols = _key_packages(r)
    if cols:
        lines += ["", "| Issue | " + " | ".join(_esc(t) for t, _ in cols) + " |"]
        lines.append("|---" * (len(cols) + 1) + "|")
        labels = [r.domain.package_labels(row) for _, row in cols]
        for issue in r.domain.issue_names:
            lines.append(
                f"| {_esc(issue)} | " + " | ".join(_esc(lab[issue]) for lab in labels) + " |"
            )
        for label, values in _ratification_rows(r, [row for _, row in cols]):
            lines.append(f"| {_esc(label)} | " + " | ".join(values) + " |")
    lines.append("")
    return "\n".join(lines)


def _package(d: NegotiationDomain, row: int | None) -> dict[str, str] | None:
    """Package ``row`` as ``{issue id: option id}`` (labels without a scenario)."""
    if row is None:
        return None
    return (
        d.scenario.package_ids(tuple(int(o) for o in d.options[row]))
        if d.scenario
        else dict(d.package_labels(row))
    )


def result_to_dict(r: NegotiationResult) -> dict[str, Any]:
    """Plain data (JSON-ready). Rounds here count from 1, like the other renderings."""
    d = r.domain

    def package(row: int | None) -> dict[str, str] | None:
        return _package(d, row)

    return {
        "schema": NEGOTIATION_SCHEMA_VERSION,
        "accord_version": __version__,
        "scenario": d.scenario.title if d.scenario is not None else None,
        "protocol": r.protocol,
        "rounds": r.n_rounds,
        "discount": r.discount,
        "seed": r.seed,
        "ratification_level": d.level,
        "parties": [
            {
                "id": p,
                "name": n,
                "strategy": s,
                "reservation": float(d.reservations[i]),
                "ratifiers": [x.id for x in d.ratifiers_of(i)],
            }
            for i, (p, n, s) in enumerate(zip(d.parties, d.names, r.strategies, strict=True))
        ],
        "result": {
            "agreement": r.agreement,
            "ending": str(r.ending),
            "round": r.round + 1,
            "walked_away": None if r.walked_away is None else d.parties[r.walked_away],
            "package": package(r.package),
            "values": dict(zip(d.parties, r.values, strict=True)),
            "ratification": _ratification_dict(r),
        },
        "explanation": list(explain(r)),
        "trace": [
            {
                "round": e.round + 1,
                "actor": "mediator" if e.actor < 0 else d.parties[e.actor],
                "action": e.kind,
                "package": package(e.package),
                "utilities": dict(zip(d.parties, e.utilities, strict=True))
                if e.utilities
                else None,
                "rejected_issues": [d.scenario.issues[k].id for k in e.issues]
                if d.scenario is not None
                else list(e.issues),
                "reason": e.reason or None,
            }
            for e in r.trace
        ],
    }


def _ratification_dict(r: NegotiationResult) -> dict[str, Any] | None:
    """Per party with ratifiers: joint and per-ratifier probability of ratifying the agreement."""
    d, row = r.domain, r.package
    if row is None:
        return None
    return {
        d.parties[i]: {
            "probability": float(d.ratification[i, row]),
            "ratifiers": {x.id: float(x.probability[row]) for x in d.ratifiers_of(i)},
        }
        for i in range(d.n_parties)
        if d.ratifiers_of(i)
    }


def tournament_renderable(t: TournamentResult) -> RenderableType:
    """Ranked standings table."""
    sc = t.domain.scenario
    title = (
        f"Tournament on {sc.title if sc else 'the domain'}: {t.protocol}, {t.rounds} rounds"
        f"{_seed_note(t.seed)}; ranked by mean gain over reservation value"
    )
    table = Table(title=title)
    for col, just in (
        ("rank", "right"),
        ("strategy", "left"),
        ("played", "right"),
        ("agreements", "right"),
        ("mean value", "right"),
        ("mean gain", "right"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for s in t.standings:
        table.add_row(
            str(s.rank),
            s.strategy,
            str(s.played),
            str(s.agreements),
            f"{s.mean_value:.3f}",
            f"{s.mean_gain:+.3f}",
        )
    return table


def tournament_markdown(t: TournamentResult) -> str:
    lines = [
        f"Tournament: {t.protocol}, {t.rounds} rounds{_seed_note(t.seed)}.",
        "",
        "| rank | strategy | played | agreements | mean value | mean gain over reservation |",
        "|---|---|---|---|---|---|",
    ]
    for s in t.standings:
        lines.append(
            f"| {s.rank} | {s.strategy} | {s.played} | {s.agreements} | "
            f"{s.mean_value:.3f} | {s.mean_gain:+.3f} |"
        )
    return "\n".join(lines) + "\n"


def tournament_to_dict(t: TournamentResult) -> dict[str, Any]:
    parties = t.domain.parties
    return {
        "schema": NEGOTIATION_SCHEMA_VERSION,
        "protocol": t.protocol,
        "rounds": t.rounds,
        "seed": t.seed,
        "standings": [
            {
                "rank": s.rank,
                "strategy": s.strategy,
                "played": s.played,
                "agreements": s.agreements,
                "mean_value": s.mean_value,
                "mean_gain": s.mean_gain,
            }
            for s in t.standings
        ],
        "matches": [
            {
                parties[0]: m.first,
                parties[1]: m.second,
                "ending": str(m.ending),
                "round": m.round + 1,
                "values": dict(zip(parties, m.values, strict=True)),
                "package": _package(t.domain, m.package),
            }
            for m in t.matches
        ],
    }


def plot_concession(r: NegotiationResult, path: str | Path) -> Path:
    """Draw the offers in utility space over the Pareto frontier (first two parties) to ``path``.

    Grey dots are all feasible packages, the line the Pareto frontier, dashed lines the
    reservation values; each party's offers are joined in order, the agreement is a star.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from accord.space.pareto import pareto_mask

    d = r.domain
    u = d.utilities[:2]
    front = pareto_mask(np.asarray(u))
    order = np.argsort(u[0, front])
    fig, ax = plt.subplots(figsize=(6.4, 5.6), dpi=110)
    ax.scatter(u[0], u[1], s=4, color="0.82", label="feasible packages", rasterized=True)
    ax.plot(u[0, front][order], u[1, front][order], color="0.3", lw=1.2, label="Pareto frontier")
    ax.axvline(float(d.reservations[0]), color="C0", ls="--", lw=0.8)
    ax.axhline(float(d.reservations[1]), color="C1", ls="--", lw=0.8)
    for i, name in enumerate(d.names):
        rows = [e.package for e in r.trace if e.kind == "offer" and e.actor == i]
        rows_i = [x for x in rows if x is not None]
        if rows_i:
            ax.plot(
                u[0, rows_i],
                u[1, rows_i],
                "o-",
                ms=3.5,
                lw=1,
                color=f"C{i}",
                label=f"{name} ({r.strategies[i]})",
            )
    texts = [e.package for e in r.trace if e.kind == "text" and e.package is not None]
    if texts:
        ax.plot(u[0, texts], u[1, texts], "s-", ms=3.5, lw=1, color="C2", label="mediator's texts")
    if r.package is not None:
        ax.plot(
            [u[0, r.package]],
            [u[1, r.package]],
            "*",
            ms=16,
            color="gold",
            mec="k",
            label="agreement",
        )
    ax.set_xlabel(f"utility to {d.names[0]} (dashed: reservation)")
    ax.set_ylabel(f"utility to {d.names[1]} (dashed: reservation)")
    ax.set_title(_headline(r), fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    out = Path(path)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
