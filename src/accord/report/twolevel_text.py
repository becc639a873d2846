"""Terminal (rich) and markdown renderings of win-sets, ``accord diagnose`` and ``accord whatif``."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.bargaining.analysis import Analysis
from accord.bargaining.phrases import ratifier_rule
from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis
from accord.bargaining.whatif import WhatIf
from accord.report.markdown import markdown_table

__all__ = [
    "diagnosis_markdown",
    "diagnosis_renderable",
    "print_diagnosis",
    "print_whatif",
    "whatif_markdown",
    "whatif_renderable",
    "winset_rows",
    "winset_table",
]


def winset_rows(a: Analysis) -> list[list[str]]:
    """Rows ``[side, actor, rule, accepts/ratifies, win-set]`` (empty without ratifiers)."""
    ws = a.winsets
    if ws is None:
        return []
    names = {x.id: x.name for x in a.scenario.actors}
    rows = []
    for p in ws.principals:
        r = a.space.reservations[ws.principals.index(p)]
        rows.append(
            [
                names[p],
                names[p],
                f"accepts at utility >= {r:.3f}",
                f"{ws.accepted(p):,}",
                f"{ws.size(p):,}",
            ]
        )
        for rr in ws.ratifiers:
            if rr.principal == p:
                tag = " (pivotal)" if rr.pivotal else (" (binding)" if rr.binding else "")
                rows.append(
                    [
                        names[p],
                        rr.name + tag,
                        ratifier_rule(rr.threshold, rr.sigma),
                        f"vetoes {rr.vetoes:,}",
                        f"-{rr.marginal:,}",
                    ]
                )
    return rows


def winset_table(a: Analysis) -> Table | None:
    """The win-set table of an analysis (None without ratifiers)."""
    rows = winset_rows(a)
    if not rows:
        return None
    assert a.winsets is not None
    t = Table(title=f"Win-sets (joint ratification probability >= {a.winsets.level:g})")
    for col in ("side", "actor", "rule", "accepts / vetoes", "win-set"):
        t.add_column(col, justify="right" if col in ("accepts / vetoes", "win-set") else "left")
    for row in rows:
        t.add_row(*row)
    return t


def diagnosis_renderable(d: TwoLevelDiagnosis) -> RenderableType:
    """Verdict, win-sets, blocking issues, pivots and what it would take."""
    a = d.analysis
    ok = a.verdict.agreement_possible
    body = Text()
    body.append(a.verdict.headline + "\n", style="bold green" if ok else "bold red")
    for p, (n, m) in d.winset_sizes.items():
        body.append(f"• {a.scenario.actor(p).name}: accepts {n:,}, win-set {m:,}\n")
    if ok:
        body.append(f"• {a.zopa.size:,} packages are in every win-set: nothing needs to change.\n")
    for b in d.blocking:
        body.append(f"• Blocking issue — {b.text}.\n")
    if not ok and not d.blocking:
        body.append(
            "• No single issue blocks on its own: every issue has an option in every win-set "
            "if the rest is set at each side's best.\n"
        )
    for pv in d.pivots:
        label = "Pivotal actor" if pv.single else "Pivotal group (no single actor suffices)"
        body.append(f"• {label}: {pv.text}.\n")
    parts: list[RenderableType] = [
        Panel(body, title=f"Diagnosis: {a.scenario.title}", title_align="left")
    ]
    if d.search is not None:
        t = Table(title="What it would take", show_lines=True)
        t.add_column("#", justify="right")
        t.add_column("changes", justify="right")
        t.add_column("shift", justify="right")
        t.add_column("what it would take")
        t.add_column("verified")
        for i, r in enumerate(d.search.remedies, 1):
            t.add_row(
                str(i), str(r.n_changes), f"{r.size:.3f}", r.sentence, "yes" if r.verified else "NO"
            )
        parts.append(t)
        parts.append(Text(f"Search: {d.search.method}.", style="italic"))
        if not d.search.remedies:
            parts.append(Text("No combination of the declared adjustable quantities opens a deal."))
    wt = winset_table(a)
    if wt is not None:
        parts.append(wt)
    return Group(*parts)


def print_diagnosis(d: TwoLevelDiagnosis, console: Console) -> None:
    """Print the rich rendering of a diagnosis."""
    console.print(diagnosis_renderable(d))


def diagnosis_markdown(d: TwoLevelDiagnosis) -> str:
    """Markdown for ``accord diagnose --format markdown``."""
    a = d.analysis
    lines = [f"## Diagnosis: {a.scenario.title}", "", f"**{a.verdict.headline}**", ""]
    for p, (n, m) in d.winset_sizes.items():
        lines.append(f"- {a.scenario.actor(p).name}: accepts {n:,}, win-set {m:,}")
    lines += [f"- Blocking issue — {b.text}." for b in d.blocking]
    for pv in d.pivots:
        label = "Pivotal actor" if pv.single else "Pivotal group (no single actor suffices)"
        lines.append(f"- {label}: {pv.text}.")
    if d.search is not None:
        lines += ["", "### What it would take", ""]
        rows = [
            [str(i), str(r.n_changes), f"{r.size:.3f}", r.sentence, "yes" if r.verified else "NO"]
            for i, r in enumerate(d.search.remedies, 1)
        ]
        lines += markdown_table(["#", "changes", "shift", "what it would take", "verified"], rows)
        lines += ["", f"_Search: {d.search.method}._"]
    rows = winset_rows(a)
    if rows:
        lines += ["", "### Win-sets", ""]
        lines += markdown_table(["side", "actor", "rule", "accepts / vetoes", "win-set"], rows)
    return "\n".join(lines) + "\n"


def _short(w: WhatIf, package: dict[str, str] | None) -> str:
    """A package as its option labels, or a dash."""
    if package is None:
        return "–"
    return "; ".join(i.options[i.option_index(package[i.id])].label for i in w.base.scenario.issues)


def _diff_rows(w: WhatIf) -> list[list[str]]:
    diff = w.diff()
    names = {x.id: x.name for x in w.base.scenario.actors}
    rows = [
        ["verdict", diff["verdict"]["base"], diff["verdict"]["changed"]],
        ["zone of possible agreement", f"{diff['zopa']['base']:,}", f"{diff['zopa']['changed']:,}"],
    ]
    for key, (b, c) in diff["levers"].items():
        lv = w.base.scenario.lever(key)
        rows.append([f"{names[lv.actor]}: {lv.name[:1].lower() + lv.name[1:]}", b, c])
    for p, base in diff["winsets"]["base"].items():
        ch = diff["winsets"]["changed"][p]
        rows.append([f"{names[p]}: accepts", f"{base['accepted']:,}", f"{ch['accepted']:,}"])
        rows.append([f"{names[p]}: win-set", f"{base['winset']:,}", f"{ch['winset']:,}"])
    issues = {i.id: i for i in w.base.scenario.issues}
    titles = {s.concept: s.title for s in (*w.base.solutions, *w.changed.solutions)}
    for sol in (w.base.ratified, w.changed.ratified):
        if sol is not None:
            titles[sol.concept] = sol.title
    for concept, entry in diff["solutions"].items():
        title = titles.get(concept, concept)
        if entry["base"] is None or entry["changed"] is None:
            rows.append([title, _short(w, entry["base"]), _short(w, entry["changed"])])
            continue
        moved = entry["moved"] or {}
        if not moved:
            rows.append([title, "same package", "same package"])
        for k, (b, c) in moved.items():
            iss = issues[k]
            rows.append(
                [
                    f"{title}: {iss.name}",
                    iss.options[iss.option_index(b)].label,
                    iss.options[iss.option_index(c)].label,
                ]
            )
    return rows


def whatif_renderable(w: WhatIf) -> RenderableType:
    """The changes, then a base-versus-changed table, then the changed verdict's reasons."""
    head = Text()
    for c in w.changes:
        head.append(f"• {c.text}\n")
    t = Table(title="Base case and what-if")
    t.add_column("")
    t.add_column("base")
    t.add_column("what-if")
    for row in _diff_rows(w):
        t.add_row(*row)
    reasons = Text()
    ok = w.changed.verdict.agreement_possible
    reasons.append(w.changed.verdict.headline + "\n", style="bold green" if ok else "bold red")
    for r in w.changed.verdict.reasons:
        reasons.append(f"• {r}\n")
    return Group(
        Panel(head, title=f"What if: {w.base.scenario.title}", title_align="left"),
        t,
        Panel(reasons, title="What-if verdict", title_align="left"),
    )


def print_whatif(w: WhatIf, console: Console) -> None:
    """Print the rich rendering of a what-if."""
    console.print(whatif_renderable(w))


def whatif_markdown(w: WhatIf) -> str:
    """Markdown for ``accord whatif --format markdown``."""
    lines = [f"## What if: {w.base.scenario.title}", ""]
    lines += [f"- {c.text}" for c in w.changes]
    lines += ["", *markdown_table(["", "base", "what-if"], _diff_rows(w))]
    lines += ["", f"**What-if verdict: {w.changed.verdict.headline}**", ""]
    lines += [f"- {r}" for r in w.changed.verdict.reasons]
    return "\n".join(lines) + "\n"
