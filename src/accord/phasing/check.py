"""An independent plain-Python evaluator and checker of phased plans.

It recomputes every quantity of the model (exposures, caps, continuation and defection values,
ratifier credit, balance, capacity use, NPVs) with loops over actions and phases, without
numpy or the solver's matrices, so the tests can hold the MILP to the model's definition.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from accord.phasing.groups import ConstraintGroup
from accord.scenario.phasing.model import Action, PhasingSpec

__all__ = [
    "Violation",
    "cap_of",
    "check_plan",
    "credit_of",
    "excused",
    "exposure",
    "exposure_cap",
    "exposure_of",
    "npv",
    "t_end",
    "verified",
]

TOL = 1e-6


@dataclass(frozen=True, slots=True)
class Violation:
    """One violated constraint: its group, the phase, and what went wrong in plain words."""

    group: ConstraintGroup
    phase: int
    message: str
    excess: float = 0.0
    action: str = ""
    """The action whose start breaks the rule (precedence and ratification gates)."""


def started(a: Action, starts: Mapping[str, int], t: int) -> bool:
    """``a`` has started in or before phase ``t``."""
    s = starts.get(a.id)
    return s is not None and s <= t


def verified(a: Action, starts: Mapping[str, int], t: int) -> bool:
    """``a`` was verified before phase ``t`` began (at the end of ``s+d+l-1`` or earlier)."""
    s = starts.get(a.id)
    return s is not None and s + a.duration + a.lag <= t


def active(a: Action, starts: Mapping[str, int], t: int) -> bool:
    """``a`` is under way during phase ``t``."""
    s = starts.get(a.id)
    return s is not None and s <= t <= s + a.duration - 1


def exposure_of(
    spec: PhasingSpec, pid: str, started_ids: Collection[str], verified_ids: Collection[str]
) -> float:
    """Exposure of ``pid`` given which actions have started and which are verified.

    Own steps count from their start (escrowed ones from their release, i.e. verification);
    the counterparts' steps count only once verified.
    """
    total = 0.0
    for a in spec.actions:
        if a.owner == pid:
            if a.id in (verified_ids if a.escrow else started_ids):
                total += a.cost - a.recovered  # less what taking the step back recovers
        elif a.id in verified_ids:  # the value the owner could not (credibly) take back
            total -= (1.0 - a.undone) * a.value_to(pid)
    return total


def cap_of(spec: PhasingSpec, pid: str, verified_ids: Collection[str]) -> float:
    """Exposure cap of ``pid``: ``kappa_i + beta_i * (verified counterpart steps)``."""
    p = spec.party(pid)
    n = sum(1 for b in spec.actions if b.owner != pid and b.id in verified_ids)
    return p.exposure_tolerance + p.trust_gain * n


def credit_of(spec: PhasingSpec, rid: str, verified_ids: Collection[str]) -> float:
    """Ratifier ``rid``'s credit from the verified actions."""
    return sum(a.ratifier_credit.get(rid, 0.0) for a in spec.actions if a.id in verified_ids)


def _started_ids(spec: PhasingSpec, starts: Mapping[str, int], t: int) -> set[str]:
    return {a.id for a in spec.actions if started(a, starts, t)}


def _verified_ids(spec: PhasingSpec, starts: Mapping[str, int], t: int) -> set[str]:
    return {a.id for a in spec.actions if verified(a, starts, t)}


def exposure(spec: PhasingSpec, starts: Mapping[str, int], pid: str, t: int) -> float:
    """``E_i(t)``: unrecoverable value ``pid`` has put in minus what it has verifiably received."""
    return exposure_of(spec, pid, _started_ids(spec, starts, t), _verified_ids(spec, starts, t))


def exposure_cap(spec: PhasingSpec, starts: Mapping[str, int], pid: str, t: int) -> float:
    """``kappa_i + beta_i * (number of counterpart steps verified before t)``."""
    return cap_of(spec, pid, _verified_ids(spec, starts, t))


def continuation(spec: PhasingSpec, starts: Mapping[str, int], pid: str, t: int) -> float:
    """``Cont_i(t)``: discounted value still to come after phase ``t``, net of own costs."""
    d = spec.discount
    total = 0.0
    for s in range(t + 1, spec.horizon + 2):
        flow = 0.0
        for b in spec.actions:
            if verified(b, starts, s) and not verified(b, starts, s - 1):
                flow += b.value_to(pid)
            if b.owner == pid and starts.get(b.id) == s:
                flow -= b.cost
        total += d ** (s - t) * flow
    return total


def deviation(spec: PhasingSpec, starts: Mapping[str, int], pid: str, t: int) -> float:
    """``Dev_i(t)``: value of defecting in phase ``t``.

    The one-off gain, plus what ``pid`` recovers by taking its own steps back (net of the
    cost of reimposing), minus what it loses when the others credibly take theirs back.
    """
    total = spec.party(pid).defection_gain
    for a in spec.actions:
        if a.owner == pid:
            # an escrowed pledge is committed: nothing to take back until it is released
            taken = verified(a, starts, t) if a.escrow else started(a, starts, t)
            if taken:  # taken back, net of the cost of reimposing it
                total += a.recovered
        elif verified(a, starts, t):
            total -= a.undone * a.value_to(pid)
    return total


def credit(spec: PhasingSpec, starts: Mapping[str, int], rid: str, t: int) -> float:
    """Ratifier ``rid``'s credit from steps verified before phase ``t``."""
    return credit_of(spec, rid, _verified_ids(spec, starts, t))


def given(spec: PhasingSpec, starts: Mapping[str, int], giver: str, to: str, t: int) -> float:
    """Value to ``to`` of the steps ``giver`` has started by phase ``t``."""
    return sum(a.value_to(to) for a in spec.actions if a.owner == giver and started(a, starts, t))


def t_end(spec: PhasingSpec, starts: Mapping[str, int]) -> int:
    """Phase at whose end the last required action is verified (0 for an empty end state)."""
    ends = [starts[e] + spec.action(e).duration + spec.action(e).lag - 1 for e in spec.end_state]
    return max(ends, default=0)


def npv(spec: PhasingSpec, starts: Mapping[str, int], pid: str) -> float:
    """``NPV_i``: discounted value received (at verification) minus own costs (at start)."""
    d = spec.discount
    total = 0.0
    for a in spec.actions:
        s = starts.get(a.id)
        if s is None:
            continue
        total += d ** (s + a.duration + a.lag) * a.value_to(pid)
        if a.owner == pid:
            total -= d**s * a.cost
    return total


def _all_taken_verified(spec: PhasingSpec, starts: Mapping[str, int], t: int) -> bool:
    return all(verified(a, starts, t) for a in spec.actions if a.id in starts)


def excused(v: Violation, fixed: Collection[str], first_phase: int) -> bool:
    """Whether a re-plan from ``first_phase`` with ``fixed`` actions under way ignores ``v``.

    The past is not re-judged: violations in phases before ``first_phase``, and the precedence
    and ratification rules of actions that have already started.
    """
    if v.phase < first_phase:
        return True
    return v.group.kind in ("precedence", "ratification") and v.action in fixed


def check_plan(
    spec: PhasingSpec,
    starts: Mapping[str, int],
    *,
    one_shot: bool = False,
    fixed: Collection[str] = (),
    first_phase: int = 1,
) -> list[Violation]:
    """Every constraint of the model that ``starts`` violates (empty when the plan is valid).

    Parameters
    ----------
    spec:
        The problem.
    starts:
        Start phase of each action taken; actions not in the mapping are not taken.
    one_shot:
        Also require every end-state action to start in phase 1.
    fixed, first_phase:
        A re-plan of a plan under way: violations :func:`excused` by the history are dropped,
        and an action not in ``fixed`` starting before ``first_phase`` is a violation.
    """
    out = _violations(spec, starts, one_shot=one_shot)
    if not fixed and first_phase <= 1:
        return out
    out = [v for v in out if not excused(v, fixed, first_phase)]
    for aid, s in starts.items():
        if aid not in fixed and s < first_phase:
            out.append(
                Violation(
                    ConstraintGroup("horizon", aid),
                    first_phase,
                    f"{aid} starts in phase {s}, before the re-plan's first phase {first_phase}",
                )
            )
    return out


def _violations(
    spec: PhasingSpec, starts: Mapping[str, int], *, one_shot: bool = False
) -> list[Violation]:
    out: list[Violation] = []
    horizon = spec.horizon
    ids = {a.id for a in spec.actions}
    for aid, s in starts.items():
        if aid not in ids:
            out.append(Violation(ConstraintGroup("once", aid), s, f"unknown action {aid!r}"))
    for e in spec.end_state:
        if e not in starts:
            out.append(Violation(ConstraintGroup("end_state", e), horizon, f"{e} is not taken"))
        elif one_shot and starts[e] != 1:
            out.append(Violation(ConstraintGroup("one_shot", e), starts[e], f"{e} not in phase 1"))
    for a in spec.actions:
        if a.id not in starts:
            continue
        s = starts[a.id]
        if s < 1 or s + a.duration + a.lag - 1 > horizon:
            out.append(
                Violation(ConstraintGroup("horizon", a.id), s, f"{a.id} not verified within T")
            )
        for pre in a.prerequisites:
            if not verified(spec.action(pre), starts, s):
                out.append(
                    Violation(
                        ConstraintGroup("precedence", f"{a.id}<{pre}"),
                        s,
                        f"{a.id} starts in phase {s} before {pre} is verified",
                        action=a.id,
                    )
                )
    for r in spec.ratifiers:
        for g in r.gates:
            gs = starts.get(g)
            if gs is not None and credit(spec, starts, r.id, gs) < r.threshold - TOL:
                have = credit(spec, starts, r.id, gs)
                out.append(
                    Violation(
                        ConstraintGroup("ratification", r.id),
                        gs,
                        f"{g} starts with {r.id} credit {have:g} < {r.threshold:g}",
                        r.threshold - have,
                        action=g,
                    )
                )
    for p in spec.parties:
        for t in range(1, horizon + 2):
            ex, cap = exposure(spec, starts, p.id, t), exposure_cap(spec, starts, p.id, t)
            if ex > cap + TOL:
                out.append(
                    Violation(
                        ConstraintGroup("exposure", p.id),
                        t,
                        f"{p.id} exposure {ex:g} > cap {cap:g} in phase {t}",
                        ex - cap,
                    )
                )
        for t in range(1, horizon + 1):
            if not _all_taken_verified(spec, starts, t):
                cont = continuation(spec, starts, p.id, t)
                dev = deviation(spec, starts, p.id, t)
                if dev > cont + TOL:
                    out.append(
                        Violation(
                            ConstraintGroup("self_enforcement", p.id),
                            t,
                            f"{p.id} gains {dev:g} by defecting in phase {t} but {cont:g} by "
                            "continuing",
                            dev - cont,
                        )
                    )
            if p.capacity is not None:
                used = sum(1 for a in spec.actions if a.owner == p.id and active(a, starts, t))
                if used > p.capacity[t - 1]:
                    out.append(
                        Violation(
                            ConstraintGroup("capacity", p.id),
                            t,
                            f"{p.id} has {used} actions under way, capacity {p.capacity[t - 1]}",
                            used - p.capacity[t - 1],
                        )
                    )
            if p.leverage_cap is not None:
                lev = sum(
                    a.leverage_loss
                    for a in spec.actions
                    if a.owner == p.id and starts.get(a.id) == t
                )
                if lev > p.leverage_cap + TOL:
                    out.append(
                        Violation(
                            ConstraintGroup("leverage", p.id),
                            t,
                            f"{p.id} gives up leverage {lev:g} > {p.leverage_cap:g}",
                            lev - p.leverage_cap,
                        )
                    )
    if spec.balance_band is not None:
        pids = [p.id for p in spec.parties]
        for x, i in enumerate(pids):
            for j in pids[x + 1 :]:
                for t in range(1, horizon + 1):
                    gap = given(spec, starts, i, j, t) - given(spec, starts, j, i, t)
                    band = spec.balance_band[t - 1]
                    if abs(gap) > band + TOL:
                        out.append(
                            Violation(
                                ConstraintGroup("parallelism", f"{i}~{j}"),
                                t,
                                f"imbalance {gap:g} between {i} and {j} exceeds {band:g}",
                                abs(gap) - band,
                            )
                        )
    return out
