"""Plain-words reasons about win-sets, added to the verdict when a scenario has ratifiers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.bargaining.diagnosis import possessive
from accord.scenario.negotiation.model import Scenario
from accord.space.outcomes import OutcomeSpace

if TYPE_CHECKING:
    from accord.bargaining.analysis import Solution
    from accord.bargaining.winsets import WinSets

__all__ = ["ratifier_rule", "winset_reasons"]


def ratifier_rule(threshold: float, sigma: float | None) -> str:
    """``'ratifies at utility >= 0.620'`` or ``'P = Phi((U - 0.620) / 0.050)'``."""
    if sigma is None:
        return f"ratifies when its utility is at least {threshold:.3f}"
    return f"ratifies with probability Phi((U - {threshold:.3f}) / {sigma:.3f})"


def winset_reasons(
    scenario: Scenario,
    space: OutcomeSpace,
    ws: WinSets,
    ratified: Solution | None,
    column: int,
) -> tuple[str, ...]:
    """Reasons in plain words: each win-set, what each ratifier removes, who is pivotal."""
    names = {a.id: a.name for a in scenario.actors}
    out: list[str] = []
    for pid in ws.principals:
        mine = [r for r in ws.ratifiers if r.principal == pid]
        if not mine:
            out.append(
                f"{possessive(names[pid])} win-set: the {ws.accepted(pid):,} packages it accepts "
                "(no ratifier is modelled on its side)."
            )
            continue
        cuts = "; ".join(
            f"{r.name} ({ratifier_rule(r.threshold, r.sigma)}) alone vetoes {r.vetoes:,}"
            for r in mine
        )
        out.append(
            f"{possessive(names[pid])} win-set: it accepts {ws.accepted(pid):,} of "
            f"{space.n_feasible:,} feasible packages, of which {ws.size(pid):,} are ratified at "
            f"joint probability {ws.level:g} or more — {cuts}."
        )
    n_zopa = int(ws.zopa_mask.sum())
    sizes = " and ".join(f"{names[p]} ({ws.size(p):,})" for p in ws.principals)
    if n_zopa == 0:
        accepted_all = bool(ws.accepts.all(axis=0).any())
        why = (
            "the ratifiers veto every package the negotiators themselves could accept"
            if accepted_all
            else "the negotiators' own bottom lines already leave no common package, and the "
            "ratifiers only narrow them further"
        )
        out.append(f"The win-sets of {sizes} do not intersect: {why}.")
    else:
        out.append(
            f"The win-sets of {sizes} intersect in {n_zopa:,} package{'' if n_zopa == 1 else 's'}."
        )
    pivotal = [r for r in ws.ratifiers if r.pivotal]
    if pivotal:
        out.append(
            "Pivotal ratifier: "
            + ", ".join(names[r.ratifier] for r in pivotal)
            + " — without it alone the win-sets would meet."
        )
    elif n_zopa == 0 and ws.ratifiers:
        out.append("No single ratifier is pivotal: removing any one would not open a deal.")
    binding = [r for r in ws.ratifiers if r.binding and not r.pivotal]
    if binding and n_zopa:
        out.append(
            "Binding ratifiers (removing one would enlarge the zone of agreement): "
            + ", ".join(names[r.ratifier] for r in binding)
            + "."
        )
    if ratified is not None and column >= 0:
        probs = ", ".join(
            f"{names[p]} {ws.ratification[i, column]:.2f}" for i, p in enumerate(ws.principals)
        )
        label = "; ".join(
            f"{iss.name}: {iss.options[iss.option_index(ratified.package[iss.id])].label}"
            for iss in scenario.issues
        )
        out.append(
            f"The ratification-weighted Nash solution (Nash product times joint ratification "
            f"probability) points to: {label}; ratification probability by side: {probs}."
        )
    return tuple(out)
