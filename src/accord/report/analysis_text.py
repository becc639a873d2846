"""Terminal (rich) and markdown renderings of an outcome analysis: verdict first, then tables."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.bargaining.analysis import Analysis
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
        for p in a.scenario.principals:
            if p.reservation_package is not None:
                titles.append(f"{p.name}: bottom line")
                packages.append(dict(p.reservation_package))
        if a.diagnosis is not None and a.diagnosis.concession is not None:
            titles.append("Closest package (least total concession)")
            packages.append(a.diagnosis.concession.package)
    rec = a.scenario.outcome
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
        rows.append((f"utility to {p.name} (reservation {p.reservation:.3f})", cells))
    return rows


def analysis_renderable(a: Analysis) -> RenderableType:
    """A rich renderable: verdict panel, reasons, packages table, numbers."""
    sc = a.scenario
    ok = a.verdict.agreement_possible
    head = Text(f"{a.verdict.headline}", style="bold green" if ok else "bold red")
    reasons = Text("\n".join(f"• {r}" for r in a.verdict.reasons))
    if a.history is not None:
        reasons.append("\n" + a.history.text, style="italic")
    verdict = Panel(Group(head, reasons), title=f"{sc.title}", title_align="left")

    titles, packages = _package_columns(a)
    table = Table(
        title="Packages" if ok else "Bottom lines and the closest package", show_lines=False
    )
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
    for cid, n in a.space.excluded_by.items():
        nums.add_row(f"  ruled out by {cid}", f"{n:,}")
    nums.add_row("Pareto frontier", f"{a.frontier.size:,}")
    nums.add_row("zone of possible agreement", a.zopa_count.text)
    nums.add_row("method", f"{a.method}: {a.exploration.reason}")
    parts: list[RenderableType] = [verdict, table]
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
