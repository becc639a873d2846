"""Every sentence of a verdict, written in one place from the facts the analysis computed.

The computing modules (:mod:`~accord.bargaining.analysis`, :mod:`~accord.bargaining.binding`,
:mod:`~accord.bargaining.history`, :mod:`~accord.bargaining.winsets`,
:mod:`~accord.bargaining.diagnosis`) return numbers and ids; this module turns them into the
plain words a verdict carries: what binds (no-deal values, red lines, ratification), each
side's win-set, where the stated positions part, how robust a deal is, and how the verdict
compares with history. Solution concepts are named from the one list
(:data:`accord.space.concepts.CONCEPTS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.bargaining.diagnosis import Diagnosis, PositionGap
from accord.bargaining.phrases import and_list, package_label, possessive, ratifier_rule
from accord.scenario.negotiation.model import NoDealBasis, Scenario
from accord.space.acceptability import PackageCheck
from accord.space.concepts import concept_titles
from accord.space.method import ZopaCount
from accord.space.outcomes import OutcomeSpace

if TYPE_CHECKING:
    from accord.bargaining.analysis import Solution
    from accord.bargaining.binding import Binding
    from accord.bargaining.history import HistoryFacts
    from accord.bargaining.winsets import WinSets

__all__ = [
    "WEAK_SHARE",
    "binding_reasons",
    "deal_reasons",
    "history_text",
    "no_deal_basis",
    "no_deal_reasons",
    "robustness_reasons",
    "value_notes",
    "winset_reasons",
]

WEAK_SHARE = 0.9
"""A principal that alone accepts more than this share of the feasible packages is said to
hold a weak walk-away value (walk-away.md §6: its own acceptance hardly binds)."""


def no_deal_basis(scenario: Scenario, actor_id: str) -> str:
    """What sets a principal's no-deal value, in words (``"its value of the status quo"``)."""
    a = scenario.actor(actor_id)
    nd = a.no_deal
    if nd is None or nd.basis is NoDealBasis.value:
        return "a value the file states" + (f" ({nd.note.strip()})" if nd and nd.note else "")
    if nd.basis is NoDealBasis.status_quo:
        return "its value of the status quo"
    if nd.basis is NoDealBasis.stated:
        return f"its own stated position, because {nd.reason.strip().rstrip('.')}"
    return "its value of its own alternative to a deal"


def value_notes(scenario: Scenario, space: OutcomeSpace) -> tuple[str, ...]:
    """Notes on no-deal values outside a principal's range of packages (levers can move them
    there): allowed, and said, because they change what every solution measures gains from."""
    out = []
    for i, pid in enumerate(space.principals):
        if space.n_feasible == 0:
            break
        r, lo, hi = (
            float(space.reservations[i]),
            float(space.utilities[i].min()),
            float(space.utilities[i].max()),
        )
        name = scenario.actor(pid).name
        if r < lo:
            out.append(
                f"Note: {possessive(name)} no-deal value {r:.3f} is below its worst feasible "
                f"package ({lo:.3f}): it accepts every package, and the solutions measure its "
                f"gains from {r:.3f}."
            )
        elif r > hi:
            out.append(
                f"Note: {possessive(name)} no-deal value {r:.3f} is above its best feasible "
                f"package ({hi:.3f}): it accepts none."
            )
    return tuple(out)


def deal_reasons(
    scenario: Scenario,
    n_feasible: int,
    n_zopa: ZopaCount,
    sols: Sequence[Solution],
    *,
    winsets: bool,
) -> tuple[str, ...]:
    """Why there is a deal: the zone's size, what the solution concepts point to."""
    names = {a.id: a.name for a in scenario.actors}
    if winsets:
        n = int(n_zopa.value)
        first = (
            f"{n:,} of {n_feasible:,} feasible packages {'is' if n == 1 else 'are'} in every "
            "principal's win-set (accepted by it and ratified at home)."
        )
    else:
        first = (
            f"{n_zopa.text} of {n_feasible:,} feasible packages give every principal at least "
            "what no agreement is worth to it."
        )
    reasons = [first]
    groups: dict[str, list[str]] = {}
    pkgs: dict[str, dict[str, str]] = {}
    for s in sols:
        key = repr(sorted(s.package.items()))
        groups.setdefault(key, []).append(s.concept)
        pkgs[key] = s.package
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    key, concepts = ranked[0]
    who = concept_titles(concepts)
    verb = "points" if len(concepts) == 1 else "point"
    reasons.append(f"{who[:1].upper() + who[1:]} {verb} to: {package_label(scenario, pkgs[key])}.")
    nash = next(s for s in sols if s.concept == "nash")
    surplus = ", ".join(f"{names[p]} +{g:.3f}" for p, g in nash.gains.items())
    reasons.append(f"At the Nash solution each principal gains over its no-deal value: {surplus}.")
    if len(ranked) > 1:
        reasons.append(
            f"The solution concepts disagree on {len(ranked)} different packages; see the table."
        )
    return tuple(reasons)


def winset_reasons(
    scenario: Scenario,
    space: OutcomeSpace,
    ws: WinSets,
    ratified: Solution | None,
    column: int,
) -> tuple[str, ...]:
    """Each win-set, what each ratifier removes, who is pivotal or binding."""
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
            else "the negotiators' own no-deal values already leave no common package, and the "
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
            + and_list([names[r.ratifier] for r in pivotal])
            + (" — without it alone" if len(pivotal) == 1 else " — without any one of them alone")
            + " the win-sets would meet."
        )
    elif n_zopa == 0 and ws.ratifiers:
        out.append("No single ratifier is pivotal: removing any one would not open a deal.")
    binding = [r for r in ws.ratifiers if r.binding and not r.pivotal]
    if binding and n_zopa:
        out.append(
            "Binding ratifiers (removing one would enlarge the zone of agreement): "
            + and_list([names[r.ratifier] for r in binding])
            + "."
        )
    if ratified is not None and column >= 0:
        probs = ", ".join(
            f"{names[p]} {ws.ratification[i, column]:.2f}" for i, p in enumerate(ws.principals)
        )
        out.append(
            "The ratification-weighted Nash solution (Nash product times joint ratification "
            f"probability) points to: {package_label(scenario, ratified.package)}; ratification "
            f"probability by side: {probs}."
        )
    return tuple(out)


_CAUSE_WORDS = {
    "ratification": "ratification at home (Putnam's involuntary defection)",
    "red_lines": "the sides' red lines",
    "no_deal_values": "the no-deal values themselves",
}


def binding_reasons(scenario: Scenario, b: Binding) -> tuple[str, ...]:
    """What blocks a deal (or, with a deal, whose acceptance hardly binds), in words."""
    names = {a.id: a.name for a in scenario.actors}
    out: list[str] = []
    if b.causes:
        what = and_list([_CAUSE_WORDS[c] for c in b.causes])
        detail = []
        if "ratification" in b.causes and b.leaders_agree:
            detail.append(
                f"the negotiators themselves could agree on {b.leaders_agree:,} "
                f"package{'' if b.leaders_agree == 1 else 's'}, which their ratifiers veto"
            )
        if "red_lines" in b.causes:
            if b.without_red_lines:
                detail.append(
                    f"with every red line lifted, {b.without_red_lines:,} packages would be in "
                    "every win-set"
                )
            elif b.leaders_without_red_lines:
                detail.append(
                    f"with every red line lifted the negotiators could agree on "
                    f"{b.leaders_without_red_lines:,} packages"
                )
        if b.causes == ("no_deal_values",):
            detail.append(
                "even with every red line and ratifier lifted, no package gives every principal "
                "at least what no agreement is worth to it"
            )
        out.append(f"What blocks a deal: {what}" + (f" — {'; '.join(detail)}." if detail else "."))
    for r in b.red_lines:
        holder = names.get(r.holder, r.holder)
        opens = (
            f"lifting it alone would put {r.opens:,} packages in every win-set"
            if r.opens
            else "lifting it alone would not open a deal"
        )
        out.append(
            f"Red line of {holder} ({r.constraint}): rules out {r.excludes:,} packages that no other "
            f"constraint rules out; {opens}."
        )
    for pid, (n_acc, n_feas) in b.accepts.items():
        if n_feas and n_acc / n_feas > WEAK_SHARE:
            a = scenario.actor(pid)
            out.append(
                f"No deal is worth little to {a.name} ({a.reservation:.3f}, "
                f"{no_deal_basis(scenario, pid)}): it alone accepts {n_acc:,} of {n_feas:,} "
                f"feasible packages ({n_acc / n_feas:.0%}), so its own acceptance hardly binds"
                + (
                    "; what binds is elsewhere."
                    if b.causes and b.causes != ("no_deal_values",)
                    else "."
                )
            )
    return tuple(out)


def robustness_reasons(scenario: Scenario, b: Binding) -> tuple[str, ...]:
    """With a deal: how far each side's no-deal value could rise before the zone closes, and
    which assumptions would have to fail for talks to fail anyway."""
    if not b.margins:
        return ()
    names = {a.id: a.name for a in scenario.actors}
    parts = [f"{names[p]} by {m:.3f}" for p, m in b.margins.items()]
    return (
        "The zone of agreement closes if a no-deal value rose by more than its side's largest "
        f"gain in it: {and_list(parts)}.",
        "The model finds a deal. For talks to fail anyway, an assumption would have to fail: a "
        "side's no-deal value higher than the file says, or misjudged by the other (private "
        "information: `accord uncertainty`); a red line or ratifier not modelled; or no safe "
        "sequence of steps (commitment: `accord phase`).",
    )


def no_deal_reasons(scenario: Scenario, space: OutcomeSpace, diag: Diagnosis) -> tuple[str, ...]:
    """Why the principals themselves cannot agree: shortfalls, blocking issues, concessions."""
    names = {a.id: a.name for a in scenario.actors}
    reasons: list[str] = []
    if space.n_feasible == 0:
        return ("No package satisfies all the hard constraints together.",)
    hopeless = {pid for pid, _, _ in diag.unreachable}
    for pid, res, best in diag.unreachable:
        reasons.append(
            f"{possessive(names[pid])} no-deal value {res:.3f} is above the best feasible "
            f"package for it ({best:.3f}): no package can satisfy {names[pid]}, whatever the "
            "others concede."
        )
    for blk in diag.blocking:
        if any(not blk.acceptable[pid] for pid in hopeless):
            continue  # follows from an unreachable no-deal value, already said
        reasons.append(f"Blocking issue — {blk.text}.")
    for bp in diag.blocking_pairs:
        reasons.append(f"Blocking pair — {bp.text} (each with every other issue at its best).")
    for s in diag.shortfalls:
        if s.best_utility is None:
            others = [names[p] for p in space.principals if p != s.principal]
            who = others[0] if len(others) == 1 else "all of " + ", ".join(others)
            if not hopeless - {s.principal}:
                reasons.append(f"No package is acceptable to {who}.")
        else:
            reasons.append(
                f"The best {names[s.principal]} can get from packages the others accept is worth "
                f"{s.best_utility:.3f} to it, {s.shortfall:.3f} below its no-deal value "
                f"{s.reservation:.3f}."
            )
    for x, y in diag.incompatible_pairs if len(space.principals) > 2 else ():
        reasons.append(f"{names[x]} and {names[y]} cannot agree even between themselves.")
    if diag.concession is not None:
        c = diag.concession
        who = ", ".join(f"{names[p]} {v:.3f}" for p, v in c.by_principal.items() if v > 0)
        reasons.append(
            f"The smallest total concession that would make some package acceptable to all is "
            f"{c.total:.3f} in utility ({who}), for the package: "
            f"{package_label(scenario, c.package)}."
        )
    if not diag.issues_checked:
        reasons.append(
            f"Blocking issues and pairs need every package enumerated; this space of "
            f"{space.size:,} packages was analysed from its exact Pareto frontier, so they "
            "were not computed."
        )
    elif not diag.blocking and not diag.blocking_pairs:
        reasons.append(
            "No single issue or pair of issues blocks a deal on its own: every one has options "
            "all could accept if they got their way elsewhere. Together the demands ask for more "
            "than any package can give all sides at once."
        )
    return tuple(reasons)


def stated_reasons(
    scenario: Scenario, checks: Sequence[tuple[str, PackageCheck]]
) -> tuple[str, ...]:
    """Each side's stated position put through the predicate: who refuses it, and why."""
    names = {a.id: a.name for a in scenario.actors}
    holders = {c.id: c.held_by for c in scenario.constraints}
    out = []
    for pid, chk in checks:
        verdicts = []
        for s in chk.sides:
            whose = "its own side" if s.principal == pid else s.name
            why = []
            if not s.accepts:
                why.append(f"{s.name} refuses it ({s.utility:.3f} against {s.no_deal:.3f})")
            if not s.ratified:
                rats = ", ".join(f"{nm} {pr:.2f}" for _, nm, _, pr in s.ratifiers)
                why.append(f"ratification fails ({rats}, joint {s.ratification:.2f} < {s.level:g})")
            if why:
                verdicts.append(f"for {whose}, " + " and ".join(why))
        reds = [c for c in chk.broken if holders.get(c) is not None]
        facts = [c for c in chk.broken if holders.get(c) is None]
        for c in reds:
            verdicts.append(
                f"it breaks the red line {c} of {names.get(str(holders[c]), holders[c])}"
            )
        for c in facts:
            verdicts.append(f"it breaks the constraint {c}")
        if verdicts:
            out.append(
                f"{possessive(names[pid])} stated position fails: " + "; ".join(verdicts) + "."
            )
        else:
            out.append(f"{possessive(names[pid])} stated position is in every win-set.")
    return tuple(out)


def gap_reason(gaps: Sequence[PositionGap]) -> tuple[str, ...]:
    """``"The stated positions part most on: ..."`` (the three largest gaps)."""
    if not gaps:
        return ()
    kind = "stated positions" if "stated position" in gaps[0].text else "principals' positions"
    return (f"The {kind} part most on: " + "; ".join(g.text for g in gaps[:3]) + ".",)


def certainty_note(scenario: Scenario) -> str:
    """What a yes/no verdict takes as given, and how to get its probability."""
    decl = scenario.uncertainty
    if decl is None or not (decl.parameters or decl.beliefs):
        return (
            "This verdict takes every number in the file at its stated value, and the file "
            "declares no ranges for them: an `uncertainty:` section (docs/uncertainty.md) "
            "lets `accord uncertainty` give the probability of agreement."
        )
    n, b = len(decl.parameters), len(decl.beliefs)
    beliefs = f" and {b} belief{'s' if b != 1 else ''} about the other side" if b else ""
    return (
        f"This verdict takes every number at its stated value; the file declares ranges for "
        f"{n} of them{beliefs}: `accord uncertainty` on this scenario gives the probability of "
        "agreement and the numbers that decide it."
    )


def history_text(scenario: Scenario, h: HistoryFacts, sols: Sequence[Solution]) -> str:
    """The history check in words: verdict, the recorded package side by side, ranks, and
    what the parties left on the table."""
    names = {a.id: a.name for a in scenario.actors}
    rec = "agreement" if h.recorded_agreement else "no agreement"
    if not h.verdict_agrees:
        head = f"History: {rec}; accord DISAGREES (it finds {'no agreement' if h.recorded_agreement else 'a deal'})."
    elif h.check is not None and not h.check.acceptable:
        head = f"History: {rec}; accord agrees on the verdict but NOT on the recorded package."
    elif h.unchecked:
        head = f"History: {rec}; accord agrees on the verdict; the recorded package was not checked ({h.unchecked})."
    else:
        head = f"History: {rec}; accord agrees."
    parts = [head]
    if h.check is not None:
        if h.completed:
            parts.append(
                "The record leaves out "
                + and_list([scenario.issues[scenario.issue_index(i)].name for i in h.completed])
                + ", taken as in the status quo."
            )
        sides = []
        for s in h.check.sides:
            verdict = "accepts" if s.accepts else "REFUSES"
            line = (
                f"{s.name} {verdict} it ({s.utility:.3f} against its no-deal value {s.no_deal:.3f})"
            )
            if s.ratifiers:
                rats = ", ".join(f"{nm} {p:.2f}" for _, nm, _, p in s.ratifiers)
                ok = "ratified" if s.ratified else "NOT ratified"
                line += f", {ok} (probability {s.ratification:.2f} against {s.level:g}: {rats})"
            sides.append(line)
        parts.append("The recorded package: " + "; ".join(sides) + ".")
        if h.check.broken:
            parts.append(
                "It breaks the hard constraint(s) "
                + and_list(list(h.check.broken))
                + " of the model."
            )
        ranked = [r for r in h.ranks if r.rank is not None]
        if ranked:
            firsts = [r.concept for r in ranked if r.rank == 1]
            others = [f"{r.title} {r.rank} of {r.of:,}" for r in ranked if r.rank != 1]
            text = ""
            if firsts:
                text = f"It is the choice of {concept_titles(firsts)}"
                text += f"; rank under {', '.join(others)}." if others else "."
            else:
                text = "Its rank among the packages in every win-set: " + ", ".join(others) + "."
            parts.append(text)
        if h.improvements:
            best = h.improvements[0]
            gains = ", ".join(f"{names[p]} +{g:.3f}" for p, g in best.gains.items())
            n = len(h.improvements)
            parts.append(
                f"The parties left something on the table: {n if n < 3 else 'at least 3'} "
                f"package{'s' if n > 1 else ''} in every win-set that leave no side worse off "
                f"than the recorded one and some better off; the best ({gains}): "
                f"{package_label(scenario, best.package)}."
            )
    elif sols and scenario.outcome is not None and scenario.outcome.package:
        nash = next(s for s in sols if s.concept == "nash")
        rec_pkg = scenario.outcome.package
        matched = sum(1 for k, v in rec_pkg.items() if nash.package.get(k) == v)
        parts.append(
            f"The Nash package matches the recorded package on {matched} of {len(rec_pkg)} issues."
        )
    return " ".join(parts)
