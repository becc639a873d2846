"""The phrases the bargaining layer's facts are written in: one place for the wording.

The computing modules (diagnosis, the two-level diagnosis, the remedy search) compute ids,
masks and numbers and call these functions for the one sentence each fact carries; the
verdict itself is composed in :mod:`accord.bargaining.verdict`. Changing how accord says a
thing means changing it here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from accord._types import BoolArray
from accord.scenario.negotiation.model import Issue, Role, Scenario

__all__ = [
    "and_list",
    "blocking_issue_text",
    "blocking_pair_text",
    "change_text",
    "describe_range",
    "package_label",
    "pivot_text",
    "position_gap_text",
    "possessive",
    "ratifier_rule",
    "red_line_text",
    "remedy_sentence",
    "winset_block_text",
]


def possessive(name: str) -> str:
    """``'United States'`` -> ``"United States'"``, ``'China'`` -> ``"China's"``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def and_list(items: Sequence[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def describe_range(issue: Issue, mask: BoolArray) -> str:
    """The options ``mask`` marks, in words: ``"at most 'single sectors'"``."""
    idx = np.flatnonzero(mask)
    n = len(issue.options)
    labels = [issue.options[i].label for i in idx]
    if idx.size == 0:
        return "no option at all"
    if idx.size == n:
        return "any option"
    contiguous = idx[-1] - idx[0] + 1 == idx.size
    if contiguous and idx[0] == 0:
        return f"at most '{issue.options[idx[-1]].label}'"
    if contiguous and idx[-1] == n - 1:
        return f"at least '{issue.options[idx[0]].label}'"
    if contiguous:
        return f"between '{labels[0]}' and '{labels[-1]}'"
    return "only " + " or ".join(f"'{label}'" for label in labels)


def package_label(scenario: Scenario, package: Mapping[str, str]) -> str:
    """``"Scope: all of Yongbyon; Sanctions relief: no relief; ..."`` (issues in file order)."""
    parts = []
    for issue in scenario.issues:
        if issue.id in package:
            opt = issue.options[issue.option_index(package[issue.id])]
            parts.append(f"{issue.name}: {opt.label}")
    return "; ".join(parts)


def ratifier_rule(threshold: float, sigma: float | None) -> str:
    """``'ratifies when its utility is at least 0.620'`` or ``'... Phi((U - 0.620) / 0.050)'``."""
    if sigma is None:
        return f"ratifies when its utility is at least {threshold:.3f}"
    return f"ratifies with probability Phi((U - {threshold:.3f}) / {sigma:.3f})"


def blocking_issue_text(issue: Issue, accepted: Sequence[tuple[str, BoolArray]]) -> str:
    """``"Sanctions relief: A accepts at most 'x'; B accepts at least 'y' (each ...)"``."""
    parts = [f"{name} accepts {describe_range(issue, mask)}" for name, mask in accepted]
    return f"{issue.name}: " + "; ".join(parts) + " (each with every other issue at its best)"


def blocking_pair_text(
    a: Issue,
    b: Issue,
    example: tuple[Issue, int, Issue, Sequence[tuple[str, BoolArray]]] | None,
) -> str:
    """Two issues with no jointly acceptable combination, with the closest example if any:
    ``(conditioning issue, its option, the other issue, [(name, acceptable options), ...])``."""
    text = f"{a.name} and {b.name} together: no combination is acceptable to all"
    if example is not None:
        cond, o, other, rows = example
        parts = [f"{name} accepts {describe_range(other, row)}" for name, row in rows]
        text += (
            f". With {cond.name.lower()} '{cond.options[o].label}', "
            f"on {other.name.lower()} " + " while ".join(parts)
        )
    return text


def position_gap_text(issue: Issue, positions: Sequence[tuple[str, int]], kind: str) -> str:
    """``"Scope (A's stated position: 'x'; B's stated position: 'y')"``."""
    parts = [f"{possessive(name)} {kind}: '{issue.options[o].label}'" for name, o in positions]
    return f"{issue.name} ({'; '.join(parts)})"


def pivot_text(scenario: Scenario, group: Sequence[str], opens: int) -> str:
    """``"US Congress (ratifier for United States): if its constraint were lifted, ..."``."""
    parts = []
    for x in group:
        a = scenario.actor(x)
        role = (
            "principal"
            if a.role is Role.principal
            else f"ratifier for {scenario.actor(str(a.of)).name}"
        )
        parts.append(f"{a.name} ({role})")
    its = "its constraint were" if len(group) == 1 else "their constraints were all"
    return f"{' and '.join(parts)}: if {its} lifted, {opens:,} packages would be in every win-set"


def winset_block_text(issue: Issue, holds: Sequence[tuple[str, BoolArray]]) -> str:
    """``"Scope: A's win-set holds at most 'x'; B's win-set holds at least 'y'"``."""
    parts = [f"{possessive(name)} win-set holds {describe_range(issue, m)}" for name, m in holds]
    return f"{issue.name}: " + "; ".join(parts)


def change_text(scenario: Scenario, key: str, old: str | float, new: str | float) -> str:
    """A change in words: ``"China set sanctions enforcement to 'full' (not 'partial')"``."""
    if key == "ratification.level":
        return f"the required ratification probability were {float(new):.2f} (not {float(old):.2f})"
    parts = key.split(".")
    if parts[0] == "red_line":
        c = next(x for x in scenario.constraints if x.id == parts[1])
        holder = scenario.actor(str(c.held_by)).name
        return f"{holder} {'lifted' if new == 'lifted' else 'kept'} its red line {c.id}"
    actor = scenario.actor(parts[0])
    if any(lv.key == key for lv in scenario.levers):
        lv = scenario.lever(key)
        return f"{actor.name} set {lv.name[:1].lower() + lv.name[1:]} to '{new}' (not '{old}')"
    if len(parts) == 3:  # a package edit: ACTOR.no_deal.ISSUE or ACTOR.stated.ISSUE
        issue = scenario.issues[scenario.issue_index(parts[2])]
        n_label = issue.options[issue.option_index(str(new))].label
        o_label = issue.options[issue.option_index(str(old))].label
        what = "no-deal package" if parts[1] == "no_deal" else "stated position"
        return (
            f"{possessive(actor.name)} {what} had '{n_label}' on {issue.name.lower()} "
            f"(not '{o_label}')"
        )
    field = parts[1]
    assert isinstance(new, float) and isinstance(old, float)
    if field == "sigma":
        return f"the uncertainty about {actor.name} (sigma) were {new:.3f} (not {old:.3f})"
    verb = "lowered" if new < old else "raised"
    what = {"no_deal": "its no-deal value", "threshold": "its ratification threshold"}[field]
    return f"{actor.name} {verb} {what} from {old:.3f} to {new:.3f}"


def red_line_text(scenario: Scenario, cid: str, package: Mapping[str, str]) -> str:
    """``"the United States accepted '5 of 11 UN resolutions' with 'all of Yongbyon' (lifting
    its red line ...)"``: the options of ``package`` that break the red line."""
    c = next(x for x in scenario.constraints if x.id == cid)
    holder = scenario.actor(str(c.held_by)).name
    issues = [w.issue for w in c.when] + [c.then.issue]
    labels = []
    for k in dict.fromkeys(issues):
        iss = scenario.issues[k]
        if iss.id in package:
            labels.append(f"'{iss.options[iss.option_index(package[iss.id])].label}'")
    what = " with ".join(labels) if labels else "a package it had ruled out"
    return f"{holder} accepted {what} (lifting its red line {cid})"


def remedy_sentence(scenario: Scenario, changes: Sequence[str], package: Mapping[str, str]) -> str:
    """``"If A and B, this package would be in every win-set: ..."``."""
    if not changes:
        return "Nothing needs to change: there is already a package in every win-set."
    return (
        f"If {and_list(changes)}, this package would be in every win-set: "
        f"{package_label(scenario, package)}."
    )
