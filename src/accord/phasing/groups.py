"""Constraint groups: the units in which constraints are reported, explained and relaxed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.scenario.phasing.model import PhasingSpec

__all__ = ["RELAXABLE", "ConstraintGroup", "GroupKind", "describe_group", "possessive"]

GroupKind = Literal[
    "once",
    "end_state",
    "horizon",
    "one_shot",
    "precedence",
    "exposure",
    "self_enforcement",
    "ratification",
    "parallelism",
    "capacity",
    "leverage",
    "definition",
]

RELAXABLE: frozenset[str] = frozenset(
    {
        "precedence",
        "exposure",
        "self_enforcement",
        "ratification",
        "parallelism",
        "capacity",
        "leverage",
    }
)
"""Kinds the infeasibility diagnosis may relax (the deal's content itself is not relaxed)."""


@dataclass(frozen=True, slots=True, order=True)
class ConstraintGroup:
    """A family of constraint rows, e.g. the exposure cap of party ``us`` over all phases.

    ``subject`` is a party id (exposure, self_enforcement, capacity, leverage), a ratifier id,
    an action id (once, end_state, horizon, one_shot, precedence: ``"a<p"``) or a party pair
    (parallelism: ``"i~j"``).
    """

    kind: GroupKind
    subject: str


def possessive(name: str) -> str:
    """``"DPRK"`` -> ``"DPRK's"``, ``"United States"`` -> ``"United States'"``."""
    return name + ("'" if name.endswith("s") else "'s")


def describe_group(spec: PhasingSpec, group: ConstraintGroup) -> str:
    """Plain-words name of a constraint group, e.g. ``"the United States' exposure cap"``."""
    kind, subj = group.kind, group.subject

    def party(pid: str) -> str:
        try:
            return spec.party(pid).label
        except KeyError:
            return pid

    def action(aid: str) -> str:
        try:
            return spec.action(aid).label
        except KeyError:
            return aid

    if kind == "exposure":
        return f"{possessive(party(subj))} exposure cap"
    if kind == "self_enforcement":
        who = possessive(party(subj))
        return f"{who} self-enforcement (continuing must be worth more than defecting)"
    if kind == "capacity":
        return f"{possessive(party(subj))} capacity"
    if kind == "leverage":
        return f"{possessive(party(subj))} per-phase leverage-loss cap"
    if kind == "ratification":
        r = next((x for x in spec.ratifiers if x.id == subj), None)
        return f"the {r.label if r else subj} ratification gate"
    if kind == "parallelism":
        i, _, j = subj.partition("~")
        return f"the parallel-and-simultaneous balance band between {party(i)} and {party(j)}"
    if kind == "precedence":
        a, _, p = subj.partition("<")
        return f"the rule that '{action(a)}' waits for '{action(p)}' to be verified"
    if kind == "end_state":
        return f"the required end state ('{action(subj)}' must be done)"
    if kind == "definition":
        return "model bookkeeping"
    if kind == "horizon":
        return f"verification of '{action(subj)}' within the horizon"
    if kind == "one_shot":
        return f"the one-shot rule ('{action(subj)}' starts in phase 1)"
    return f"'{action(subj)}' is taken at most once"
