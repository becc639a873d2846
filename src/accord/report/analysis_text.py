"""Terminal (rich) and markdown renderings of an outcome analysis: verdict first, then tables."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.bargaining.analysis import Analysis
from accord.bargaining.verdict import no_deal_basis
from accord.report.twolevel_data import lever_sentence
from accord.report.twolevel_text import winset_rows, winset_table

__all__ = ["analysis_markdown", "analysis_renderable", "print_analysis"]


def _label(a: Analysis, issue_id: str, option_id: str) -> str:
    issue = a.scenario.issues[a.scenario.issue_index(issue_id)]
    return issue.options[issue.option_index(option_id)].label


def _package_columns(a: Analysis) -> tuple[list[str], list[dict[str, str]]]:
    """Column titles and packages for the main table."""
    titles: list[str] = []
    packages: list[dict[str, str]] = []
    sc = a.scenario
    if a.verdict.agreement_possible:
        # one column per distinct package, titled by every concept that chose it
        for s in a.solutions:
            if s.package in packages:
                k = packages.index(s.package)
                titles[k] += f" = {s.title}"
            else:
                titles.append(s.title)
                packages.append(s.package)
    else:
        for p in sc.principals:
            if p.stated is not None:
                titles.append(f"{p.name}: stated position")
                packages.append(dict(p.stated.package))
        if a.diagnosis is not None and a.diagnosis.concession is not None:
            titles.append("Closest package (least total concession)")
            packages.append(a.diagnosis.concession.package)
    if sc.status_quo is not None:
        titles.append("No deal (status quo)")
        packages.append(dict(sc.status_quo.package))
    rec = sc.outcome
    if rec is not None and rec.package:
        titles.append("Recorded outcome")
        packages.append(dict(rec.package))
    return titles, packages


def _utility_rows(a: Analysis, packages: list[dict[str, str]]) -> list[tuple[str, list[str]]]:
    rows = []
    for p in a.scenario.principals:
        pref = a.scenario.preferences[p.id]
        cells = []
        for pkg in packages:
            if len(pkg) == len(a.scenario.issues):
                cells.append(f"{pref.utility(a.scenario.package_indices(pkg)):.3f}")
            else:
                cells.append("–")
        rows.append((f"utility to {p.name} (no deal {p.reservation:.3f})", cells))
    return rows


def no_deal_rows(a: Analysis) -> list[tuple[str, str, str, str]]:
    """Per principal: its no-deal value, what sets it (with lever shifts), and the sources."""
    sc = a.scenario
    rows = []
    for p in sc.principals:
        nd = p.no_deal
        shifts = [
            (eff.reservation, f"{sc.actor(lv.actor).name}: {lv.name} = {lv.current}")
            for lv in sc.levers
            for eff in lv.effects.get(lv.current, ())
            if eff.on == p.id and eff.reservation
        ]
        value = float(p.reservation or 0.0)
        base = value - sum(s for s, _ in shifts)
        what = no_deal_basis(sc, p.id)
        if shifts:
            what += f", worth {base:.3f}; " + "; ".join(f"{s:+.3f} from {w}" for s, w in shifts)
        srcs = ", ".join(nd.sources) if nd is not None and nd.sources else ""
        rows.append((p.name, f"{value:.3f}", what, srcs))
    return rows


def analysis_renderable(a: Analysis) -> RenderableType:
    """A rich renderable: verdict panel, reasons, packages table, numbers."""
    sc = a.scenario
    ok = a.verdict.agreement_possible
    head = Text(f"{a.verdict.headline}", style="bold green" if ok else "bold red")
    reasons = Text("\n".join(f"• {r}" for r in a.verdict.reasons))
    if a.history is not None:
        reasons.append("\n" + a.history.text, style="italic")
    if a.verdict.certainty:
        reasons.append("\n" + a.verdict.certainty, style="dim")
    verdict = Panel(Group(head, reasons), title=f"{sc.title}", title_align="left")

    titles, packages = _package_columns(a)
    table = Table(title="Packages" if ok else "Stated positions, no deal, and the closest package")
    table.add_column("Issue", style="bold")
    for t in titles:
        table.add_column(t)
    for issue in sc.issues:
        cells = [_label(a, issue.id, pkg[issue.id]) if issue.id in pkg else "–" for pkg in packages]
        table.add_row(issue.name, *cells)
    for label, cells in _utility_rows(a, packages):
        table.add_row(Text(label, style="dim"), *cells)

    nums = Table(title="Outcome space", show_header=False)
    nums.add_column("what")
    nums.add_column("count", justify="right")
    nums.add_row("packages", f"{a.space.size:,}")
    nums.add_row("feasible (hard constraints)", f"{a.n_feasible:,}")
    if a.space.excluded_by:
        nums.add_row("  each constraint, over all packages (they overlap):", "")
    for cid, n in a.space.excluded_by.items():
        nums.add_row(f"    ruled out by {cid}", f"{n:,}")
    nums.add_row("Pareto frontier", f"{a.frontier.size:,}")
    nums.add_row("zone of possible agreement", a.zopa_count.text)
    nums.add_row("method", f"{a.method}: {a.exploration.reason}")
    nd = Table(title="What no agreement is worth to each side (its walk-away value)")
    for col in ("side", "no-deal value", "what sets it", "sources"):
        nd.add_column(col, justify="right" if col == "no-deal value" else "left")
    for row in no_deal_rows(a):
        nd.add_row(*row)
    parts: list[RenderableType] = [verdict, nd, table]
    if a.notes:
        parts.append(Panel(Text("\n".join(a.notes)), title="Notes", title_align="left"))
    wt = winset_table(a)
    if wt is not None:
        parts.append(wt)
    parts.append(nums)
    linked = _forecast_levers(a)
    if linked:
        parts.append(
            Panel(Text("\n".join(linked)), title="Levers set by forecasts", title_align="left")
        )
    return Group(*parts)


def _forecast_levers(a: Analysis) -> list[str]:
    """One sentence per lever that took its setting from a forecast."""
    return [lever_sentence(a, lv.key) for lv in a.scenario.levers if lv.resolution is not None]


def print_analysis(a: Analysis, console: Console) -> None:
    """Print the rich rendering."""
    console.print(analysis_renderable(a))


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|")


def analysis_markdown(a: Analysis) -> str:
    """Markdown for pasting into a report."""
    sc = a.scenario
    lines = [f"## {sc.title}", "", f"**Verdict: {a.verdict.headline}**", ""]
    lines += [f"- {r}" for r in a.verdict.reasons]
    if a.history is not None:
        lines += ["", f"_{a.history.text}_"]
    if a.verdict.certainty:
        lines += ["", f"_{a.verdict.certainty}_"]
    lines += ["", "| side | no-deal value | what sets it | sources |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(map(_md_escape, r)) + " |" for r in no_deal_rows(a)]
    if a.notes:
        lines += ["", *[f"> {_md_escape(n)}" for n in a.notes]]
    titles, packages = _package_columns(a)
    lines += ["", "| Issue | " + " | ".join(map(_md_escape, titles)) + " |"]
    lines.append("|---" * (len(titles) + 1) + "|")
    for issue in sc.issues:
        cells = [_label(a, issue.id, p[issue.id]) if issue.id in p else "–" for p in packages]
        lines.append(f"| {_md_escape(issue.name)} | " + " | ".join(map(_md_escape, cells)) + " |")
    for label, cells in _utility_rows(a, packages):
        lines.append(f"| _{_md_escape(label)}_ | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Packages: {a.space.size:,}; feasible: {a.n_feasible:,}; "
        f"Pareto frontier: {a.frontier.size:,}; zone of possible agreement: {a.zopa_count.text}.",
        "",
        f"Method: {a.method} ({a.exploration.reason}).",
        "",
    ]
    rows = winset_rows(a)
    if rows:
        lines += ["| side | actor | rule | accepts / vetoes | win-set |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(map(_md_escape, r)) + " |" for r in rows]
        lines.append("")
    linked = _forecast_levers(a)
    if linked:
        lines += ["Levers set by forecasts:", "", *[f"- {t}" for t in linked], ""]
    return "\n".join(lines)
