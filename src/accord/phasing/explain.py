"""Plain-words explanations of a plan: what binds in each phase, why each step waits, and
whether the deal it implements is acceptable to every side.

"Why does action ``a`` start in phase ``s`` and not ``s-1``?" is answered by moving ``a`` one
phase earlier (everything else fixed) and asking the independent checker which constraints
break, and which counterpart verification (at the end of phase ``s-1``) lifts the constraint.

The deal's verdict (:func:`deal_verdict`, :func:`deal_lines`) is written from the facts of a
:class:`~accord.phasing.result.DealCheck`: per side, the principal's utility against its
no-deal value and each ratifier's probability of ratifying against the scenario's level.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from accord.phasing import check
from accord.phasing.check import TOL, Violation
from accord.phasing.groups import ConstraintGroup, describe_group, possessive
from accord.phasing.result import DealCheck, Explanation, PhaseState
from accord.scenario.phasing.model import PhasingSpec
from accord.space.acceptability import PackageCheck, SideCheck

__all__ = [
    "deal_lines",
    "deal_verdict",
    "describe_violation",
    "explain_starts",
    "optional_steps_taken",
    "phase_states",
]


def _names(spec: PhasingSpec, ids: list[str]) -> str:
    labels = [f"'{spec.action(i).label}'" for i in ids]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _verified_at_end_of(spec: PhasingSpec, starts: Mapping[str, int], phase: int) -> list[str]:
    """Actions whose verification completes at the end of ``phase``."""
    return [
        a.id
        for a in spec.actions
        if check.verified(a, starts, phase + 1) and not check.verified(a, starts, phase)
    ]


def describe_violation(spec: PhasingSpec, starts: Mapping[str, int], v: Violation) -> str:
    """One violation, in plain words with the numbers that matter."""
    g, t = v.group, v.phase
    if g.kind == "exposure":
        p = spec.party(g.subject)
        e = check.exposure(spec, starts, p.id, t)
        cap = check.exposure_cap(spec, starts, p.id, t)
        return (
            f"{p.label} would have {e:g} at risk in phase {t} against an exposure cap of "
            f"{cap:g} (over by {e - cap:g})"
        )
    if g.kind == "ratification":
        r = next(x for x in spec.ratifiers if x.id == g.subject)
        gated = [x for x in r.gates if starts.get(x) == t]
        have = check.credit(spec, starts, r.id, t)
        return (
            f"{_names(spec, gated) or 'a gated step'} would start in phase {t} with "
            f"{possessive(r.label)} credit at {have:g} of the {r.threshold:g} it requires"
        )
    if g.kind == "self_enforcement":
        p = spec.party(g.subject)
        cont = check.continuation(spec, starts, p.id, t)
        dev = check.deviation(spec, starts, p.id, t)
        return (
            f"{p.label} would gain {dev:.3g} by defecting in phase {t} but only {cont:.3g} "
            "by continuing"
        )
    if g.kind == "capacity":
        p = spec.party(g.subject)
        cap = p.capacity[t - 1] if p.capacity else 0
        return f"{p.label} would have more than {cap} steps under way in phase {t}"
    if g.kind == "parallelism":
        i, _, j = g.subject.partition("~")
        gap = check.given(spec, starts, i, j, t) - check.given(spec, starts, j, i, t)
        band = spec.balance_band[t - 1] if spec.balance_band else 0.0
        return (
            f"by phase {t} the value given by {spec.party(i).label} and by "
            f"{spec.party(j).label} would differ by {abs(gap):g}, beyond the band of {band:g}"
        )
    if g.kind == "precedence":
        a, _, pre = g.subject.partition("<")
        first, then = spec.action(a).label, spec.action(pre).label
        return f"'{first}' would start in phase {t} before '{then}' is verified"
    if g.kind == "leverage":
        p = spec.party(g.subject)
        return (
            f"{p.label} would give up more leverage in phase {t} than its cap of {p.leverage_cap:g}"
        )
    return f"{describe_group(spec, g)} is broken in phase {t}"


def _lifted_by(spec: PhasingSpec, starts: Mapping[str, int], v: Violation, phase: int) -> list[str]:
    """Counterpart verifications at the end of ``phase - 1`` that relieve violation ``v``."""
    fresh = _verified_at_end_of(spec, starts, phase - 1)
    g = v.group
    if g.kind in ("exposure", "self_enforcement"):
        return [b for b in fresh if spec.action(b).owner != g.subject]
    if g.kind == "ratification":
        return [b for b in fresh if spec.action(b).ratifier_credit.get(g.subject, 0.0) > 0]
    if g.kind == "precedence":
        pre = g.subject.partition("<")[2]
        return [pre] if pre in fresh else []
    return []


def _preference(objective: str) -> str:
    if objective == "weighted":
        return "that would not raise the weighted net value of the plan"
    return "that would not make the plan finish sooner or share its value more evenly"


def explain_starts(
    spec: PhasingSpec,
    starts: Mapping[str, int],
    *,
    one_shot: bool = False,
    objective: str = "lexicographic",
    fixed: Collection[str] = (),
    first_phase: int = 1,
) -> tuple[Explanation, ...]:
    """Why each step starts when it does (and which optional steps are left out).

    Parameters
    ----------
    spec, starts:
        The problem and a plan that satisfies it.
    one_shot:
        Whether the plan was made in one-shot mode.
    objective:
        The objective the plan optimises (for the wording of "the objective prefers it").
    fixed, first_phase:
        A re-plan of a plan under way: the actions already started, and the first phase
        the others may start in.
    """
    out: list[Explanation] = []
    for a in sorted(spec.actions, key=lambda x: (starts.get(x.id, 10**9), x.id)):
        s = starts.get(a.id)
        if s is None:
            out.append(
                _explain_left_out(spec, starts, a.id, one_shot, objective, fixed, first_phase)
            )
            continue
        if a.id in fixed:
            out.append(Explanation(a.id, s, f"'{a.label}' was started in phase {s}.", ()))
            continue
        if s == first_phase:
            out.append(Explanation(a.id, s, f"'{a.label}' starts in phase {s}.", ()))
            continue
        moved = dict(starts)
        moved[a.id] = s - 1
        broken = check.check_plan(
            spec, moved, one_shot=one_shot, fixed=fixed, first_phase=first_phase
        )
        if not broken:
            out.append(
                Explanation(
                    a.id,
                    s,
                    f"'{a.label}' starts in phase {s}; it could start in phase {s - 1} without "
                    f"breaking a constraint, but {_preference(objective)}.",
                    (),
                )
            )
            continue
        first = min(v.phase for v in broken)
        reasons: list[str] = []
        groups: list[ConstraintGroup] = []
        for v in broken:
            if v.phase != first or v.group in groups:
                continue
            groups.append(v.group)
            why = f"{describe_group(spec, v.group)} binds: {describe_violation(spec, moved, v)}"
            lifted = _lifted_by(spec, starts, v, s)
            if lifted:
                verb = "is" if len(lifted) == 1 else "are"
                why += (
                    f"; it stops binding once {_names(spec, lifted)} {verb} verified "
                    f"(end of phase {s - 1})"
                )
            reasons.append(why)
        out.append(
            Explanation(
                a.id,
                s,
                f"'{a.label}' waits for phase {s} because " + "; and ".join(reasons) + ".",
                tuple(groups),
            )
        )
    return tuple(out)


def _explain_left_out(
    spec: PhasingSpec,
    starts: Mapping[str, int],
    aid: str,
    one_shot: bool,
    objective: str,
    fixed: Collection[str],
    first_phase: int,
) -> Explanation:
    """Why an optional step is not in the plan: it cannot be added, or adding it does not pay."""
    label = spec.action(aid).label
    blocked: list[ConstraintGroup] = []
    for s in range(first_phase, spec.horizon + 1):
        broken = check.check_plan(
            spec, {**starts, aid: s}, one_shot=one_shot, fixed=fixed, first_phase=first_phase
        )
        if not broken:
            return Explanation(
                aid,
                0,
                f"'{label}' is optional and left out: it could be added (e.g. in phase {s}) "
                f"without breaking a constraint, but {_preference(objective)}.",
                (),
            )
        for v in broken:
            if v.group not in blocked:
                blocked.append(v.group)
    names = "; ".join(describe_group(spec, g) for g in blocked[:3])
    return Explanation(
        aid,
        0,
        f"'{label}' is optional and cannot be added to this plan in any phase without "
        f"breaking: {names}.",
        tuple(blocked),
    )


def phase_states(spec: PhasingSpec, starts: Mapping[str, int]) -> tuple[PhaseState, ...]:
    """Per phase: who starts what, what is under way or verified, exposures, what binds."""
    states: list[PhaseState] = []
    for t in range(1, spec.horizon + 1):
        binding: list[str] = []
        exposure: dict[str, float] = {}
        caps: dict[str, float] = {}
        for p in spec.parties:
            e = check.exposure(spec, starts, p.id, t)
            cap = check.exposure_cap(spec, starts, p.id, t)
            exposure[p.id], caps[p.id] = e, cap
            if e > TOL and cap - e <= TOL:
                binding.append(f"{possessive(p.label)} exposure cap ({e:g} of {cap:g})")
            if p.capacity is not None:
                used = sum(
                    1 for a in spec.actions if a.owner == p.id and check.active(a, starts, t)
                )
                if used and used >= p.capacity[t - 1]:
                    binding.append(f"{possessive(p.label)} capacity ({used} under way)")
            if not all(check.verified(a, starts, t) for a in spec.actions if a.id in starts):
                slack = check.continuation(spec, starts, p.id, t) - check.deviation(
                    spec, starts, p.id, t
                )
                if abs(slack) <= 1e-6:
                    binding.append(f"{possessive(p.label)} self-enforcement")
        for r in spec.ratifiers:
            for g in r.gates:
                if starts.get(g) == t and check.credit(spec, starts, r.id, t) - r.threshold <= TOL:
                    binding.append(f"the {r.label} gate for '{spec.action(g).label}'")
        if spec.balance_band is not None:
            ids = [p.id for p in spec.parties]
            for x, i in enumerate(ids):
                for j in ids[x + 1 :]:
                    gap = check.given(spec, starts, i, j, t) - check.given(spec, starts, j, i, t)
                    if gap and abs(abs(gap) - spec.balance_band[t - 1]) <= TOL:
                        binding.append(f"the balance band between {i} and {j}")
        for a in spec.actions:
            if starts.get(a.id) == t:
                for pre in a.prerequisites:
                    if t - 1 >= 1 and pre in _verified_at_end_of(spec, starts, t - 1):
                        binding.append(f"'{a.label}' right after '{spec.action(pre).label}'")
        states.append(
            PhaseState(
                phase=t,
                starts=tuple(a.id for a in spec.actions if starts.get(a.id) == t),
                active=tuple(a.id for a in spec.actions if check.active(a, starts, t)),
                verified=tuple(_verified_at_end_of(spec, starts, t)),
                exposure=exposure,
                cap=caps,
                binding=tuple(binding),
            )
        )
    return tuple(states)


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _why_not(side: SideCheck) -> str:
    """Why ``side`` does not accept, with the numbers (principal short, ratifiers veto)."""
    why = []
    if not side.accepts:
        why.append(f"{-side.margin:.3f} short of its no-deal value {side.no_deal:.3f}")
    if not side.ratified:
        if len(side.ratifiers) == 1:
            _, name, _, prob = side.ratifiers[0]
            why.append(f"{name} ratifies with probability {prob:.3f} < {side.level:g}")
        else:
            why.append(
                f"its ratifiers ratify with probability {side.ratification:.3f} < {side.level:g}"
            )
    return f"{side.name} ({'; '.join(why)})"


def deal_verdict(deal: DealCheck | None) -> str:
    """One clause for a plan's headline: is the deal acceptable to every side, and if not, to whom.

    Empty when the deal was not asked about (``deal`` is ``None``).
    """
    if deal is None:
        return ""
    if deal.check is None:
        return f"the deal was not checked against its scenario: {deal.reason}"
    if deal.check.acceptable:
        return "the deal is acceptable to every side (principals and ratifiers)"
    parts = []
    refused = deal.refused_by
    if refused:
        parts.append("acceptable to " + _and([_why_not(s) for s in refused]))
    if deal.check.broken:
        n = len(deal.check.broken)
        names = [_constraint(deal, c) for c in deal.check.broken]
        parts.append(f"it breaks the hard constraint{'s' if n != 1 else ''} " + _and(names))
    head = "the deal is NOT " if refused else "the deal is NOT acceptable: "
    return head + "; ".join(parts)


def _constraint(deal: DealCheck, cid: str) -> str:
    """``'id'``, with whose red line it is when an actor holds it."""
    holder = deal.held_by.get(cid)
    return f"'{cid}' ({possessive(holder)} red line)" if holder else f"'{cid}'"


def optional_steps_taken(spec: PhasingSpec, starts: Mapping[str, int]) -> tuple[str, ...]:
    """Ids of the steps a plan takes beyond its required end state, in file order."""
    return tuple(a.id for a in spec.actions if a.id in starts and a.id not in spec.end_state)


def _side_lines(side: SideCheck) -> list[str]:
    verb = "accepts" if side.accepts else "refuses"
    relation = "against" if side.accepts else f"{-side.margin:.3f} short of"
    head = (
        f"{side.name} {verb} it: the deal is worth {side.utility:.3f} to it, {relation} its "
        f"no-deal value {side.no_deal:.3f}"
        + (f" (margin {side.margin:.3f})." if side.accepts else ".")
    )
    out = [head]
    verdict = "ratified" if side.ratified else "vetoed"
    where = "at or above" if side.ratified else "below"
    if len(side.ratifiers) == 1:
        _, name, utility, prob = side.ratifiers[0]
        out.append(
            f"  {name}: worth {utility:.3f} to it; it ratifies with probability {prob:.3f}, "
            f"{where} the level {side.level:g}: {verdict}."
        )
    elif side.ratifiers:
        for _, name, utility, prob in side.ratifiers:
            out.append(
                f"  {name}: worth {utility:.3f} to it; it ratifies with probability {prob:.3f}."
            )
        out.append(
            f"  Joint ratification probability {side.ratification:.3f}, {where} the level "
            f"{side.level:g}: {verdict}."
        )
    return out


def deal_lines(
    deal: DealCheck | None, spec: PhasingSpec, starts: Mapping[str, int] | None = None
) -> tuple[str, ...]:
    """The deal's check in plain words: the package, each side's verdict with its numbers,
    the broken hard constraints, and the steps the plan adds beyond the required end state.

    Parameters
    ----------
    deal:
        The check (``None``: nothing to say).
    spec:
        The phasing problem.
    starts:
        The plan, when there is one (to name the optional steps it takes).
    """
    if deal is None:
        return ()
    out: list[str] = []
    if deal.check is None:
        out.append(f"The deal was not checked against scenario {deal.scenario!r}: {deal.reason}.")
        if deal.package is None:
            out.append(
                "To check it, add `deal: {package: {ISSUE: OPTION, ...}}` to the phasing "
                "document, naming the option of every issue of the scenario that the completed "
                "agreement implements."
            )
        return tuple(out)
    package = "; ".join(f"{issue}: {option}" for issue, option in deal.labels.values())
    out.append(f"The deal (a package of scenario {deal.scenario!r}): {package}.")
    if deal.note or deal.source:
        src = f" [{deal.source}]" if deal.source else ""
        out.append(f"Why this package: {deal.note.strip().rstrip('.')}{src}.")
    if deal.levers:
        settings = ", ".join(f"{k}={v}" for k, v in deal.levers.items())
        out.append(f"Checked with the scenario's levers set as: {settings}.")
    for side in deal.check.sides:
        out.extend(_side_lines(side))
    for cid in deal.check.broken:
        reason = deal.constraints.get(cid, "").strip().rstrip(".")
        out.append(
            f"It breaks the hard constraint {_constraint(deal, cid)}"
            + (f": {reason}." if reason else ".")
        )
    out.append(_conclusion(deal.check, deal.refused_by))
    if starts:
        extra = optional_steps_taken(spec, starts)
        if extra:
            names = _and([f"'{spec.action(a).label}'" for a in extra])
            out.append(
                f"The plan also takes {len(extra)} optional step{'s' if len(extra) != 1 else ''} "
                f"beyond the required end state ({names}); the check is of the deal package, "
                "not of these."
            )
    return tuple(out)


def _conclusion(check: PackageCheck, refused: tuple[SideCheck, ...]) -> str:
    if check.acceptable:
        return (
            "So the deal lies in every side's win-set: each principal accepts it, and so do its "
            "ratifiers where it has any."
        )
    names = [s.name for s in refused]
    if names:
        return (
            f"So the deal lies outside the win-set{'s' if len(names) != 1 else ''} of "
            f"{_and(names)}: a schedule shows how it could be carried out, not that it would be "
            "agreed."
        )
    return (
        "So the deal is not feasible in the scenario (it breaks a hard constraint), although "
        "every side would accept it."
    )
