"""Import GENIUS (ANAC) negotiation domains and preference profiles as accord scenarios.

A GENIUS *domain* file lists the issues and their items
(``negotiation_template/utility_space/objective/issue[@etype=discrete]/item``); each
*profile* file gives one party's additive utility: a ``weight`` per issue, an
``evaluation`` per item, a ``reservation`` value and a ``discount_factor``. GENIUS's own
semantics are applied (see ``docs/genius.md``):

- an item's value is its evaluation divided by the largest evaluation of its issue, so each
  issue's best item is worth 1 (evaluations must be >= 0, and not all 0);
- issue weights must sum to 1 (within 0.01), and are used after normalising them exactly;
- the reservation value is the utility of no agreement (0 when absent);
- the discount factor (time pressure) has no counterpart in accord: it is recorded in the
  scenario's description and otherwise ignored.

Items are matched between domain and profile by their ``value`` (as GENIUS does), issues by
their ``index``. Every problem is reported with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accord.errors import Problem, ScenarioError
from accord.scenario._io.xml import Element, parse_xml
from accord.scenario._io.yamlio import read_document
from accord.scenario.negotiation.build import build_scenario
from accord.scenario.negotiation.model import Scenario

__all__ = [
    "WEIGHT_TOLERANCE",
    "GeniusIssue",
    "GeniusProfile",
    "genius_document",
    "import_genius",
    "read_domain",
    "read_profile",
]

WEIGHT_TOLERANCE = 0.01
"""How far from 1 the sum of a profile's issue weights may be."""

_SUPPORTED = "discrete"


@dataclass(frozen=True, slots=True)
class GeniusIssue:
    """A discrete issue of a GENIUS domain."""

    index: int
    name: str
    items: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class GeniusProfile:
    """One party's GENIUS profile, evaluations already divided by each issue's maximum."""

    path: str
    weights: dict[int, float]
    values: dict[int, dict[str, float]]
    reservation: float
    discount_factor: float


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, src: str, el: Element | None, where: str, message: str) -> None:
        self.items.append(Problem(message, src, where, None if el is None else el.line))


def _number(
    el: Element, attr: str, src: str, where: str, probs: _Problems, *, integer: bool = False
) -> float | None:
    raw = el.attrs.get(attr)
    if raw is None:
        probs.add(src, el, where, f"<{el.tag}> has no {attr!r} attribute")
        return None
    try:
        return float(int(raw)) if integer else float(raw)
    except ValueError:
        kind = "an integer" if integer else "a number"
        probs.add(src, el, where, f"{attr}={raw!r} is not {kind}")
        return None


def _objective(root: Element, src: str, probs: _Problems, *, domain: bool) -> Element | None:
    space = root
    if domain:
        if root.tag != "negotiation_template":
            probs.add(
                src, root, root.tag, "a GENIUS domain file starts with <negotiation_template>"
            )
            return None
        found = root.find("utility_space")
        if found is None:
            probs.add(src, root, root.tag, "missing <utility_space> element")
            return None
        space = found
    elif root.tag != "utility_space":
        probs.add(src, root, root.tag, "a GENIUS profile file starts with <utility_space>")
        return None
    obj = space.find("objective")
    if obj is None:
        probs.add(src, space, "utility_space", "missing <objective> element")
    return obj


def _issue_kind(el: Element) -> str:
    return (el.attrs.get("etype") or el.attrs.get("type") or el.attrs.get("vtype") or "").lower()


def read_domain(path: Path) -> tuple[GeniusIssue, ...]:
    """The discrete issues of a GENIUS domain file.

    Raises
    ------
    ScenarioError
        With every located problem (unsupported issue types, duplicate indices, items
        without a value, ...).
    """
    src = str(path)
    probs = _Problems()
    obj = _objective(parse_xml(path), src, probs, domain=True)
    issues: list[GeniusIssue] = []
    seen: dict[int, int] = {}
    if obj is not None:
        for el in obj.find_all("issue"):
            name = el.attrs.get("name", "")
            where = f"issue {name!r}" if name else "issue"
            kind = _issue_kind(el)
            if kind != _SUPPORTED:
                probs.add(
                    src,
                    el,
                    where,
                    f"issue type {kind or '(none)'!r} is not supported; accord imports discrete "
                    "issues only (integer and real issues would need to be discretised first)",
                )
                continue
            idx = _number(el, "index", src, where, probs, integer=True)
            if not name:
                probs.add(src, el, where, "<issue> has no 'name' attribute")
            items: list[str] = []
            for it in el.find_all("item"):
                value = it.attrs.get("value")
                if value is None or not value.strip():
                    probs.add(src, it, where, "<item> has no 'value' attribute")
                elif value in items:
                    probs.add(src, it, where, f"duplicate item value {value!r}")
                else:
                    items.append(value)
            if not items:
                probs.add(src, el, where, "the issue has no <item>")
            if idx is None:
                continue
            if int(idx) in seen:
                probs.add(
                    src,
                    el,
                    where,
                    f"duplicate issue index {int(idx)} (first on line {seen[int(idx)]})",
                )
                continue
            seen[int(idx)] = el.line
            issues.append(GeniusIssue(int(idx), name, tuple(items), el.line))
        if not issues and not probs.items:
            probs.add(src, obj, "objective", "the domain has no <issue>")
    if probs.items:
        raise ScenarioError(probs.items)
    return tuple(issues)


def read_profile(path: Path, issues: Sequence[GeniusIssue]) -> GeniusProfile:
    """One party's profile, checked against the domain's issues.

    Raises
    ------
    ScenarioError
        With every located problem (unknown issue index, missing or unknown items,
        negative evaluations, weights that do not sum to ~1, ...).
    """
    src = str(path)
    probs = _Problems()
    root = parse_xml(path)
    obj = _objective(root, src, probs, domain=False)
    by_index = {i.index: i for i in issues}
    weights: dict[int, float] = {}
    values: dict[int, dict[str, float]] = {}
    reservation, discount = 0.0, 1.0
    present: set[int] = set()
    if obj is not None:
        for el in obj.find_all("issue"):
            idx = _number(el, "index", src, "issue", probs, integer=True)
            if idx is None:
                continue
            present.add(int(idx))
            issue = by_index.get(int(idx))
            where = f"issue index {int(idx)}"
            if issue is None:
                known = ", ".join(str(i) for i in sorted(by_index))
                probs.add(src, el, where, f"unknown issue index {int(idx)}; the domain has {known}")
                continue
            name = el.attrs.get("name")
            if name is not None and name != issue.name:
                probs.add(
                    src, el, where, f"issue name {name!r} differs from the domain's {issue.name!r}"
                )
            evals: dict[str, float] = {}
            listed: set[str] = set()
            for it in el.find_all("item"):
                value = it.attrs.get("value", "")
                listed.add(value)
                if value not in issue.items:
                    probs.add(
                        src,
                        it,
                        where,
                        f"unknown item {value!r}; items of {issue.name!r} are: "
                        + ", ".join(issue.items),
                    )
                    continue
                ev = _number(it, "evaluation", src, f"{where} item {value!r}", probs)
                if ev is not None and ev < 0:
                    probs.add(src, it, where, f"evaluation {ev} of item {value!r} is negative")
                elif ev is not None:
                    evals[value] = ev
            missing = [v for v in issue.items if v not in evals]
            if any(v not in listed for v in missing):
                missing = [v for v in missing if v not in listed]
                probs.add(
                    src, el, where, "missing evaluation for items: " + ", ".join(map(repr, missing))
                )
            top = max(evals.values(), default=0.0)
            if evals and top <= 0:
                probs.add(src, el, where, "every evaluation is 0; the issue's values are undefined")
            elif not missing:
                values[issue.index] = {v: evals[v] / top for v in issue.items}
        for issue in issues:
            if issue.index not in present:
                probs.add(
                    src, obj, "objective", f"missing issue index {issue.index} ({issue.name!r})"
                )
        for el in obj.find_all("weight"):
            idx = _number(el, "index", src, "weight", probs, integer=True)
            w = _number(el, "value", src, "weight", probs)
            if idx is None or w is None:
                continue
            if int(idx) not in by_index:
                probs.add(src, el, f"weight index {int(idx)}", f"unknown issue index {int(idx)}")
            elif w < 0:
                probs.add(src, el, f"weight index {int(idx)}", f"negative weight {w}")
            else:
                weights[int(idx)] = w
        missing_w = [i for i in issues if i.index not in weights]
        for i in missing_w:
            probs.add(src, obj, "objective", f"missing <weight> for issue index {i.index}")
        total = sum(weights.values())
        if not missing_w and abs(total - 1.0) > WEIGHT_TOLERANCE:
            probs.add(
                src,
                obj,
                "objective",
                f"the issue weights sum to {total:.6g}; GENIUS profiles need weights summing to 1 "
                f"(within {WEIGHT_TOLERANCE})",
            )
    space = root if root.tag == "utility_space" else None
    holders = [e for e in (space, obj) if e is not None]
    for holder in holders:
        for el in holder.find_all("reservation"):
            r = _number(el, "value", src, "reservation", probs)
            if r is not None and not 0.0 <= r <= 1.0:
                probs.add(src, el, "reservation", f"reservation value {r} is outside [0, 1]")
            elif r is not None:
                reservation = r
        for el in holder.find_all("discount_factor"):
            d = _number(el, "value", src, "discount_factor", probs)
            if d is not None and not 0.0 < d <= 1.0:
                probs.add(src, el, "discount_factor", f"discount factor {d} is outside (0, 1]")
            elif d is not None:
                discount = d
    if probs.items:
        raise ScenarioError(probs.items)
    total = sum(weights.values())
    return GeniusProfile(
        src, {k: w / total for k, w in weights.items()}, values, reservation, discount
    )


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_\-]+", "_", text.strip()).strip("_") or "x"
    if not base[0].isalpha():
        base = "x_" + base
    base = base[:60]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def genius_document(
    domain: Path, profiles: Sequence[Path], *, title: str | None = None
) -> dict[str, Any]:
    """An accord scenario document (``accord: 1``, YAML-ready) from GENIUS files.

    Raises
    ------
    ScenarioError
        With the located problems of every file (all files are checked).
    """
    problems: list[Problem] = []
    if len(profiles) < 2:
        problems.append(Problem("a negotiation needs at least two profiles", str(domain)))
    try:
        issues = read_domain(domain)
    except ScenarioError as exc:
        raise ScenarioError(list(exc.problems) + problems) from None
    parsed: list[GeniusProfile] = []
    for p in profiles:
        try:
            parsed.append(read_profile(p, issues))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)

    taken: set[str] = set()
    issue_ids = [_slug(i.name, taken) for i in issues]
    option_ids = []
    for iss in issues:
        seen: set[str] = set()
        option_ids.append([_slug(v, seen) for v in iss.items])
    actor_taken: set[str] = set()
    actor_ids = [_slug(Path(p.path).stem, actor_taken) for p in parsed]
    notes = [
        f"{Path(p.path).name}: discount factor {p.discount_factor:g} (not modelled)"
        for p in parsed
        if p.discount_factor != 1.0
    ]
    description = (
        f"Imported from the GENIUS domain {domain.name} and profiles "
        + ", ".join(Path(p.path).name for p in parsed)
        + ". Item values are evaluations divided by each issue's largest evaluation (GENIUS "
        "semantics); weights are normalised to sum to 1; reservation values as given."
    )
    if notes:
        description += " Time discounting is not modelled: " + "; ".join(notes) + "."
    sources = [{"id": "genius_domain", "title": f"GENIUS domain file {domain.name}"}]
    sources += [
        {"id": f"genius_{a}", "title": f"GENIUS profile file {Path(p.path).name}"}
        for a, p in zip(actor_ids, parsed, strict=True)
    ]
    return {
        "accord": 1,
        "title": title or f"{domain.stem} (GENIUS)",
        "description": description,
        "sources": sources,
        "actors": [
            {
                "id": a,
                "name": Path(p.path).stem,
                "role": "principal",
                "power": 0.5,
                "no_deal": {
                    "value": p.reservation,
                    "note": "the profile's reservation value (utility of no agreement in GENIUS)",
                    "source": f"genius_{a}",
                },
                "source": f"genius_{a}",
            }
            for a, p in zip(actor_ids, parsed, strict=True)
        ],
        "issues": [
            {
                "id": iid,
                "name": iss.name,
                "source": "genius_domain",
                "options": [
                    {"id": oid, "label": v} for oid, v in zip(opts, iss.items, strict=True)
                ],
            }
            for iid, iss, opts in zip(issue_ids, issues, option_ids, strict=True)
        ],
        "preferences": {
            a: {
                "weights": {
                    iid: p.weights[iss.index] for iid, iss in zip(issue_ids, issues, strict=True)
                },
                "values": {
                    iid: {
                        oid: p.values[iss.index][v] for oid, v in zip(opts, iss.items, strict=True)
                    }
                    for iid, iss, opts in zip(issue_ids, issues, option_ids, strict=True)
                },
            }
            for a, p in zip(actor_ids, parsed, strict=True)
        },
    }


def import_genius(
    domain: Path, profiles: Sequence[Path], *, title: str | None = None
) -> tuple[str, Scenario]:
    """Import GENIUS files: the scenario as YAML text, and the scenario built from that text.

    The YAML is loaded back through the ordinary scenario loader, so what is written is
    exactly what accord will read.
    """
    doc = genius_document(domain, profiles, title=title)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return text, build_scenario(read_document(text, f"<import of {domain.name}>"))
