"""Render a :class:`~accord.phasing.result.PhasingResult`: rich tables with a text Gantt chart,
markdown, a JSON-ready dict, and a matplotlib Gantt chart with exposure curves (PNG/SVG/PDF)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from accord.errors import InputError
from accord.phasing.explain import deal_lines, deal_verdict, optional_steps_taken
from accord.phasing.result import DealCheck, PhasingResult
from accord.scenario.phasing.model import Action, PhasingSpec

__all__ = ["headline", "plot_phasing", "render_phasing", "text_gantt", "to_dict", "to_markdown"]

PLOT_FORMATS = (".png", ".svg", ".pdf")


def _verified_phase(a: Action, start: int) -> int:
    return start + a.duration + a.lag - 1


def _taken(r: PhasingResult) -> list[tuple[int, Action]]:
    """(start, action) for every action taken, by start phase then id."""
    out = [(r.starts[a.id], a) for a in r.spec.actions if a.id in r.starts]
    return sorted(out, key=lambda x: (x[0], x[1].id))


def _who(spec: PhasingSpec, pid: str) -> str:
    return spec.party(pid).label


def _headline(r: PhasingResult) -> str:
    spec = r.spec
    title = spec.title or spec.scenario
    mode = "one-shot (everything starts in phase 1)" if r.one_shot else f"{spec.horizon} phases"
    if r.feasible:
        head = (
            f"{title}: {r.status} plan, {mode}, objective {r.objective}; the required end "
            f"state is verified by the end of phase {r.t_end} (solved in {r.seconds:.2f} s)"
        )
    else:
        head = f"{title}: {r.status}, {mode} (solver time {r.seconds:.2f} s)"
    verdict = deal_verdict(r.deal)
    if r.deal is not None and r.deal.acceptable is False:
        return f"WARNING: {verdict}. {head}"
    return f"{head}; {verdict}" if verdict else head


def headline(r: PhasingResult) -> str:
    """The plan's headline: status, phases, when the end state is verified, and (first, as a
    warning) whether the deal it implements is acceptable to every side."""
    return _headline(r)


def _deal_style(deal: DealCheck | None) -> str:
    if deal is None or deal.acceptable is None:
        return "yellow"
    return "green" if deal.acceptable else "bold red"


def text_gantt(r: PhasingResult, *, width: int = 28) -> str:
    """A text Gantt chart: ``█`` under way, ``░`` awaiting verification, ``✓`` verified.

    One row per action taken (ordered by start), one 3-character cell per phase, followed
    by a row per party with its exposure and cap in each phase.
    """
    spec = r.spec
    taken = _taken(r)
    lines = []
    header = " " * (width + 8) + "".join(f"{t:>3}" for t in range(1, spec.horizon + 1))
    lines.append(header)
    for s, a in taken:
        v = _verified_phase(a, s)
        cells = []
        for t in range(1, spec.horizon + 1):
            if s <= t <= s + a.duration - 1:
                cell = "███"
            elif s + a.duration <= t <= v:
                cell = "░░░"
            else:
                cell = "   "
            if t == v:
                cell = cell[:2] + "✓"
            cells.append(cell)
        label = a.label if len(a.label) <= width else a.label[: width - 1] + "…"
        lines.append(f"{label:<{width}} {a.owner:>6}  " + "".join(cells))
    for p in spec.parties:
        row = "  ".join(
            f"{ph.phase}: {ph.exposure[p.id]:.1f}/{ph.cap[p.id]:.1f}" for ph in r.phases
        )
        lines.append(f"{p.id} exposure/cap  {row}")
    return "\n".join(lines)


def _plan_table(r: PhasingResult) -> Table:
    spec = r.spec
    table = Table(title="Plan by phase", show_lines=True)
    table.add_column("Phase", justify="right")
    table.add_column("Starts (who: what)")
    table.add_column("Verified at end of phase")
    for p in spec.parties:
        table.add_column(f"{p.label} exposure / cap", justify="right")
    table.add_column("Binding")
    for ph in r.phases:
        starts = "\n".join(
            f"{_who(spec, spec.action(a).owner)}: {spec.action(a).label}"
            + (" (escrow)" if spec.action(a).escrow else "")
            for a in ph.starts
        )
        verified = "\n".join(spec.action(a).label for a in ph.verified)
        expo = [f"{ph.exposure[p.id]:.1f} / {ph.cap[p.id]:.1f}" for p in spec.parties]
        table.add_row(str(ph.phase), starts, verified, *expo, "\n".join(ph.binding))
    return table


def render_phasing(r: PhasingResult, console: Console) -> None:
    """Print the result: headline, plan table, text Gantt, NPVs and explanations (or diagnosis)."""
    parts: list[RenderableType] = [
        Text(_headline(r), style="bold red" if _deal_style(r.deal) == "bold red" else "bold")
    ]
    parts.extend(Text(f"note: {n}", style="dim") for n in r.spec.notes)
    lines = deal_lines(r.deal, r.spec, r.starts if r.feasible else None)
    if lines:
        parts.append(Text("The deal:", style=_deal_style(r.deal)))
        parts.extend(Text(f"  {line}") for line in lines)
    if r.feasible:
        parts.append(_plan_table(r))
        parts.append(Text("Gantt (█ under way, ░ awaiting verification, ✓ verified)"))
        parts.append(Text(text_gantt(r)))
        npv = ", ".join(f"{_who(r.spec, k)} {v:.2f}" for k, v in r.npv.items())
        parts.append(Text(f"Net present value: {npv}"))
        parts.append(Text("Why each step is where it is:", style="bold"))
        parts.extend(Text(f"  - {e.text}") for e in r.explanations if e.phase != 1)
        if r.sooner:
            parts.append(Text("What keeps it from finishing sooner:", style="bold"))
            parts.append(Text(r.sooner))
    elif r.diagnosis is not None:
        parts.append(Text(r.diagnosis.text))
    else:
        parts.append(Text(r.message))
    console.print(Group(*parts))


def to_dict(r: PhasingResult) -> dict[str, Any]:
    """A JSON-ready dict of the result (plan, phases, explanations, diagnosis)."""
    spec = r.spec
    plan = []
    for a in spec.actions:
        s = r.starts.get(a.id)
        if s is None:
            continue
        plan.append(
            {
                "action": a.id,
                "name": a.label,
                "owner": a.owner,
                "start": s,
                "completed": s + a.duration - 1,
                "verified": _verified_phase(a, s),
                "escrow": a.escrow,
                "reversibility": a.reversibility,
            }
        )
    plan.sort(key=lambda x: (x["start"], x["action"]))
    diagnosis = None
    if r.diagnosis is not None:
        diagnosis = {
            "found": r.diagnosis.found,
            "text": r.diagnosis.text,
            "relax": [
                {
                    "kind": x.group.kind,
                    "subject": x.group.subject,
                    "text": x.text,
                    "amount": round(x.amount, 6),
                    "phase": x.phase,
                }
                for x in r.diagnosis.relaxations
            ],
        }
    return {
        "scenario": spec.scenario,
        "title": spec.title,
        "notes": list(spec.notes),
        "status": r.status,
        "objective": r.objective,
        "one_shot": r.one_shot,
        "horizon": spec.horizon,
        "t_end": r.t_end,
        "npv": {k: round(v, 6) for k, v in r.npv.items()},
        "seconds": round(r.seconds, 4),
        "gap": r.gap,
        "plan": plan,
        "not_taken": [a.id for a in spec.actions if a.id not in r.starts] if r.feasible else [],
        "phases": [
            {
                "phase": ph.phase,
                "starts": list(ph.starts),
                "active": list(ph.active),
                "verified": list(ph.verified),
                "exposure": {k: round(v, 6) for k, v in ph.exposure.items()},
                "cap": {k: round(v, 6) for k, v in ph.cap.items()},
                "binding": list(ph.binding),
            }
            for ph in r.phases
        ],
        "explanations": [
            {
                "action": e.action,
                "phase": e.phase,
                "text": e.text,
                "constraints": [f"{g.kind}:{g.subject}" for g in e.groups],
            }
            for e in r.explanations
        ],
        "diagnosis": diagnosis,
        "sooner": r.sooner,
        "deal": _deal_dict(r),
    }


def _deal_dict(r: PhasingResult) -> dict[str, Any] | None:
    """The deal's check as JSON: per side the principal and each ratifier, with the numbers."""
    deal = r.deal
    if deal is None:
        return None
    check = deal.check
    sides = []
    for s in () if check is None else check.sides:
        sides.append(
            {
                "principal": s.principal,
                "name": s.name,
                "utility": round(s.utility, 6),
                "no_deal": round(s.no_deal, 6),
                "margin": round(s.margin, 6),
                "accepts": s.accepts,
                "ratifiers": [
                    {"id": rid, "name": name, "utility": round(u, 6), "probability": p}
                    for rid, name, u, p in s.ratifiers
                ],
                "ratification": s.ratification,
                "level": s.level,
                "ratified": s.ratified,
                "acceptable": s.acceptable,
            }
        )
    return {
        "scenario": deal.scenario,
        "package": None if deal.package is None else dict(deal.package),
        "note": deal.note,
        "source": deal.source,
        "checked": deal.checked,
        "reason": deal.reason,
        "acceptable": deal.acceptable,
        "refused_by": [s.principal for s in deal.refused_by],
        "verdict": deal_verdict(deal),
        "levers": dict(deal.levers),
        "sides": sides,
        "broken_constraints": [
            {"id": c, "reason": deal.constraints.get(c, ""), "held_by": deal.held_by.get(c)}
            for c in (() if check is None else check.broken)
        ],
        "optional_steps_taken": list(optional_steps_taken(r.spec, r.starts)) if r.feasible else [],
        "text": list(deal_lines(deal, r.spec, r.starts if r.feasible else None)),
    }


def to_markdown(r: PhasingResult) -> str:
    """The result as a markdown document."""
    spec = r.spec
    out = [f"# Phased plan: {spec.title or spec.scenario}", "", _headline(r) + ".", ""]
    out += [f"> Note: {n}" for n in spec.notes] + ([""] if spec.notes else [])
    lines = deal_lines(r.deal, spec, r.starts if r.feasible else None)
    if lines:
        out += ["## The deal", ""]
        out += [("  - " + x.strip()) if x.startswith("  ") else f"- {x}" for x in lines] + [""]
    if not r.feasible:
        out += [r.diagnosis.text if r.diagnosis else r.message, ""]
        return "\n".join(out)
    heads = ["Phase", "Starts", "Verified at end"]
    heads += [f"{p.label} exposure / cap" for p in spec.parties] + ["Binding"]
    out += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for ph in r.phases:
        cells = [
            str(ph.phase),
            "; ".join(f"{spec.action(a).owner}: {spec.action(a).label}" for a in ph.starts),
            "; ".join(spec.action(a).label for a in ph.verified),
            *(f"{ph.exposure[p.id]:.1f} / {ph.cap[p.id]:.1f}" for p in spec.parties),
            "; ".join(ph.binding),
        ]
        out.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    out += ["", "```text", text_gantt(r), "```", "", "## Why each step is where it is", ""]
    out += [f"- {e.text}" for e in r.explanations]
    if r.sooner:
        out += ["", "## What keeps it from finishing sooner", "", r.sooner]
    return "\n".join(out) + "\n"


def plot_phasing(r: PhasingResult, path: str | Path) -> Path:
    """Save a Gantt chart with each party's exposure and cap per phase (PNG, SVG or PDF).

    Uses matplotlib's Agg canvas directly (no pyplot state, no display needed).

    Raises
    ------
    InputError
        For an unsupported file suffix or a result without a plan.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    out = Path(path)
    if out.suffix.lower() not in PLOT_FORMATS:
        raise InputError(f"plot file must end in {', '.join(PLOT_FORMATS)} (got {out.name!r})")
    if not r.feasible:
        raise InputError(
            "there is no plan to plot: " + (r.diagnosis.text if r.diagnosis else r.message)
        )
    spec = r.spec
    taken = _taken(r)
    colours = {p.id: f"C{k}" for k, p in enumerate(spec.parties)}
    fig = Figure(figsize=(10, 2.0 + 0.38 * len(taken) + 2.6))
    FigureCanvasAgg(fig)
    gs = fig.add_gridspec(2, 1, height_ratios=[max(len(taken), 1) * 0.38 + 1, 2.6])
    ax, ax2 = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    for row, (s, a) in enumerate(taken):
        y = len(taken) - 1 - row
        ax.barh(y, a.duration, left=s - 0.5, color=colours[a.owner], edgecolor="black")
        if a.lag:
            ax.barh(
                y,
                a.lag,
                left=s - 0.5 + a.duration,
                color="white",
                edgecolor=colours[a.owner],
                hatch="///",
            )
        ax.plot(_verified_phase(a, s) + 0.5, y, marker="v", color="black", markersize=6)
    ax.set_yticks(range(len(taken)), [a.label for _, a in reversed(taken)], fontsize=8)
    ax.set_xlim(0.5, spec.horizon + 0.8)
    ax.set_xticks(range(1, spec.horizon + 1))
    ax.set_title("\n".join(textwrap.wrap(_headline(r), 110)), fontsize=8)
    ax.legend(
        handles=[Patch(color=colours[p.id], label=p.label) for p in spec.parties]
        + [Patch(facecolor="white", edgecolor="grey", hatch="///", label="awaiting verification")],
        fontsize=7,
        loc="lower right",
    )
    phases = [ph.phase for ph in r.phases]
    for p in spec.parties:
        ax2.step(
            phases,
            [ph.exposure[p.id] for ph in r.phases],
            where="mid",
            color=colours[p.id],
            label=f"{p.label} exposure",
        )
        ax2.step(
            phases,
            [ph.cap[p.id] for ph in r.phases],
            where="mid",
            color=colours[p.id],
            linestyle="--",
            label=f"{p.label} cap",
        )
    ax2.axhline(0, color="grey", linewidth=0.5)
    ax2.set_xlim(0.5, spec.horizon + 0.8)
    ax2.set_xticks(range(1, spec.horizon + 1))
    ax2.set_xlabel("phase")
    ax2.set_ylabel("value at risk")
    ax2.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    return out
