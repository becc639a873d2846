"""Diagnosis of a two-level negotiation: blocking issues, pivotal actors, what it would take."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from accord.bargaining.analysis import Analysis, analyze
from accord.bargaining.diagnosis import _describe_range, possessive
from accord.bargaining.remedies import Change, RemedySearch, search_remedies
from accord.bargaining.winsets import compute_winsets
from accord.bargaining.zopa import best_by_option
from accord.scenario.model import Role, Scenario

__all__ = [
    "Pivot",
    "TwoLevelDiagnosis",
    "WinsetBlock",
    "analyze_without",
    "describe_change",
    "diagnose",
]


@dataclass(frozen=True, slots=True)
class WinsetBlock:
    """An issue on which no option lies in every principal's win-set."""

    issue: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Pivot:
    """A principal or ratifier whose constraint, relaxed alone, would open a ZOPA."""

    actor: str
    name: str
    role: str
    opens: int
    """Packages in the ZOPA once this actor's constraint is relaxed."""
    text: str


@dataclass(frozen=True, slots=True, eq=False)
class TwoLevelDiagnosis:
    """Everything ``accord diagnose`` reports."""

    analysis: Analysis
    winset_sizes: dict[str, tuple[int, int]]
    """Principal -> (packages it accepts, packages in its win-set)."""
    blocking: tuple[WinsetBlock, ...]
    pivots: tuple[Pivot, ...]
    search: RemedySearch | None
    """``None`` when there already is a deal."""


def describe_change(scenario: Scenario, change: Change) -> str:
    """A change in words: ``"China set sanctions enforcement to 'full' (was 'partial')"``."""
    owner, field = change.key.split(".", 1)
    if change.key == "ratification.level":
        return f"the required ratification probability were {float(change.new):.2f} (not {float(change.old):.2f})"
    actor = scenario.actor(owner)
    if any(lv.key == change.key for lv in scenario.levers):
        lv = scenario.lever(change.key)
        return f"{actor.name} set {lv.name.lower()} to '{change.new}' (not '{change.old}')"
    assert isinstance(change.new, float) and isinstance(change.old, float)
    verb = "lowered" if change.new < change.old else "raised"
    what = {
        "reservation": "its reservation value",
        "threshold": "its ratification threshold",
        "sigma": "the uncertainty (sigma) about it",
    }[field]
    return f"{actor.name} {verb} {what} from {change.old:.3f} to {change.new:.3f}"


def _pivots(a: Analysis) -> tuple[Pivot, ...]:
    sc, space = a.scenario, a.space
    ws = a.winsets if a.winsets is not None else compute_winsets(sc, space)
    out = []
    for i, pid in enumerate(ws.principals):
        relaxed = ws.members.copy()
        relaxed[i] = ws.ratification[i] >= ws.level - 1e-12
        n = int(relaxed.all(axis=0).sum())
        if n:
            out.append(
                Pivot(
                    pid,
                    sc.actor(pid).name,
                    Role.principal.value,
                    n,
                    f"{sc.actor(pid).name} (principal): if it accepted any package its "
                    f"ratifiers ratify, {n:,} packages would be in every win-set",
                )
            )
    for r in ws.ratifiers:
        if r.pivotal:
            without = analyze_without(sc, r.ratifier)
            out.append(
                Pivot(
                    r.ratifier,
                    r.name,
                    Role.ratifier.value,
                    without,
                    f"{r.name} (ratifier for {sc.actor(r.principal).name}): without its veto, "
                    f"{without:,} packages would be in every win-set",
                )
            )
    return tuple(out)


def analyze_without(scenario: Scenario, ratifier: str) -> int:
    """Size of the ZOPA with ``ratifier`` removed (the scenario's levers already applied)."""
    reduced = dataclasses.replace(
        scenario, actors=tuple(a for a in scenario.actors if a.id != ratifier)
    )
    return int(analyze(reduced).zopa.size)


def _blocking(a: Analysis) -> tuple[WinsetBlock, ...]:
    sc, space = a.scenario, a.space
    ws = a.winsets if a.winsets is not None else compute_winsets(sc, space)
    per = [
        best_by_option(space, ws.members[i].astype(np.float64)) for i in range(len(ws.principals))
    ]
    out = []
    for k, issue in enumerate(sc.issues):
        ok = [per[i][k] > 0.5 for i in range(len(ws.principals))]
        if np.logical_and.reduce(ok).any():
            continue
        parts = [
            f"{possessive(sc.actor(pid).name)} win-set holds {_describe_range(issue, ok[i])}"
            for i, pid in enumerate(ws.principals)
        ]
        out.append(WinsetBlock(issue.id, issue.name, f"{issue.name}: " + "; ".join(parts)))
    return tuple(out)


def diagnose(scenario: Scenario, *, limit: int = 5) -> TwoLevelDiagnosis:
    """Diagnose ``scenario`` (as loaded): win-sets, blocking issues, pivots, remedies."""
    a = analyze(scenario)
    ws = a.winsets if a.winsets is not None else compute_winsets(a.scenario, a.space)
    sizes = {p: (ws.accepted(p), ws.size(p)) for p in ws.principals}
    if a.zopa.size:
        return TwoLevelDiagnosis(a, sizes, (), (), None)
    search = search_remedies(scenario, limit=limit, describe=describe_change)
    return TwoLevelDiagnosis(a, sizes, _blocking(a), _pivots(a), search)
