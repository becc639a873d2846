"""The scenario's facts as table rows for HTML pages (the report and the web app): actors,
issues, each principal's no-deal value with what sets it, stated positions and red lines, each
with its sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from accord.bargaining.analysis import Analysis
from accord.report.analysis_text import no_deal_rows
from accord.scenario.negotiation.model import Scenario

__all__ = [
    "SourceRef",
    "actor_rows",
    "issue_rows",
    "package_text",
    "principal_rows",
    "red_line_rows",
    "source_refs",
]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source: its id, title and address (empty when the file gives none)."""

    id: str
    title: str
    url: str


def source_refs(sc: Scenario, ids: tuple[str, ...] | list[str]) -> list[SourceRef]:
    """The scenario's sources named by ``ids`` (an unknown id is shown as it is)."""
    known = {s.id: s for s in sc.sources}
    out = []
    for i in ids:
        s = known.get(i)
        out.append(SourceRef(i, s.title if s else i, s.url if s else ""))
    return out


def package_text(sc: Scenario, package: Mapping[str, str]) -> str:
    """``"Sanctions relief: carve-outs; Scope: Yongbyon"``: each issue's chosen option."""
    parts = []
    for issue in sc.issues:
        if issue.id in package:
            opt = issue.options[issue.option_index(package[issue.id])]
            parts.append(f"{issue.name}: {opt.label}")
    return "; ".join(parts)


def principal_rows(a: Analysis) -> list[dict[str, object]]:
    """Per principal: power, no-deal value and what sets it (with note and sources), stated
    position (with note and sources) and the red lines it holds."""
    sc = a.scenario
    nd = {name: (value, what) for name, value, what, _ in no_deal_rows(a)}
    rows = []
    for p in sc.principals:
        value, what = nd[p.name]
        stated = p.stated
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "power": p.power,
                "no_deal": value,
                "no_deal_what": what,
                "no_deal_note": "" if p.no_deal is None else p.no_deal.note,
                "no_deal_reason": "" if p.no_deal is None else p.no_deal.reason,
                "no_deal_sources": source_refs(
                    sc, [] if p.no_deal is None else list(p.no_deal.sources)
                ),
                "stated": "" if stated is None else package_text(sc, stated.package),
                "stated_note": "" if stated is None else stated.note,
                "stated_sources": source_refs(sc, [] if stated is None else list(stated.sources)),
                "red_lines": [c.id for c in sc.constraints if c.held_by == p.id],
            }
        )
    return rows


def red_line_rows(sc: Scenario) -> list[dict[str, object]]:
    """Each red line (a hard constraint held by a side), with its reason and sources."""
    return [
        {
            "id": c.id,
            "held_by": sc.actor(c.held_by).name,
            "reason": c.reason,
            "sources": source_refs(sc, list(c.sources)),
        }
        for c in sc.constraints
        if c.held_by is not None
    ]


def actor_rows(sc: Scenario) -> list[dict[str, object]]:
    """Every actor with its role, power, whom a ratifier answers to, note and sources."""
    return [
        {
            "name": x.name,
            "role": x.role.value,
            "power": x.power,
            "of": "" if x.of is None else sc.actor(x.of).name,
            "note": x.note,
            "sources": source_refs(sc, list(x.sources)),
        }
        for x in sc.actors
    ]


def issue_rows(sc: Scenario) -> list[dict[str, object]]:
    """Every issue with its options in order."""
    return [
        {"name": i.name, "options": [o.label for o in i.options], "description": i.description}
        for i in sc.issues
    ]
