"""Plain-words explanations of a plan: what binds in each phase, and why each step waits.

"Why does action ``a`` start in phase ``s`` and not ``s-1``?" is answered by moving ``a`` one
phase earlier (everything else fixed) and asking the independent checker which constraints
break, and which counterpart verification (at the end of phase ``s-1``) lifts the constraint.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from accord.phasing import check
from accord.phasing.check import TOL, Violation
from accord.phasing.groups import ConstraintGroup, describe_group, possessive
from accord.phasing.result import Explanation, PhaseState
from accord.scenario.phasing.model import PhasingSpec

__all__ = ["describe_violation", "explain_starts", "phase_states"]


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
