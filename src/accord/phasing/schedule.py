"""One call from a :class:`PhasingSpec` to an explained :class:`PhasingResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from accord.errors import AnalysisError, InputError
from accord.phasing import check
from accord.phasing.diagnose import diagnose
from accord.phasing.explain import explain_starts, phase_states
from accord.phasing.milp import build_model
from accord.phasing.result import PhasingResult
from accord.phasing.solve import run_objective
from accord.phasing.validate import validate_spec
from accord.scenario.phasing.model import ObjectiveKind, PhasingSpec

__all__ = ["schedule", "with_horizon"]


def with_horizon(spec: PhasingSpec, horizon: int) -> PhasingSpec:
    """``spec`` with another horizon (per-phase lists are cut or extended with their last value).

    Raises
    ------
    InputError
        If ``horizon`` is not positive or a required action cannot fit it.
    """
    if horizon < 1:
        raise InputError(f"horizon must be at least 1 phase (got {horizon})")

    def fit(xs: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if xs is None:
            return None
        return tuple(xs[min(k, len(xs) - 1)] for k in range(horizon))

    parties = tuple(
        replace(
            p,
            capacity=None
            if p.capacity is None
            else tuple(p.capacity[min(k, len(p.capacity) - 1)] for k in range(horizon)),
        )
        for p in spec.parties
    )
    new = replace(spec, horizon=horizon, parties=parties, balance_band=fit(spec.balance_band))
    earliest = _earliest_verification(new)
    late = [e for e in new.end_state if earliest[e] > horizon]
    if late:
        worst = max(late, key=lambda e: earliest[e])
        raise InputError(
            f"horizon {horizon} is too short: required action {worst!r} cannot be verified "
            f"before the end of phase {earliest[worst]} (duration + verification lag + "
            f"prerequisites); use a horizon of at least {max(earliest[e] for e in late)}"
        )
    return new


def _earliest_verification(spec: PhasingSpec) -> dict[str, int]:
    memo: dict[str, int] = {}

    def visit(aid: str) -> int:
        if aid not in memo:
            a = spec.action(aid)
            start = 1 + max((visit(p) for p in a.prerequisites), default=0)
            memo[aid] = start + a.duration + a.lag - 1
        return memo[aid]

    for a in spec.actions:
        visit(a.id)
    return memo


def schedule(
    spec: PhasingSpec,
    *,
    one_shot: bool = False,
    objective: ObjectiveKind | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    explain: bool = True,
    fixed: Mapping[str, int] | None = None,
    first_phase: int = 1,
) -> PhasingResult:
    """Find, check and explain a phased plan (or diagnose why none exists).

    Parameters
    ----------
    spec:
        The phasing problem.
    one_shot:
        Require every end-state action to start in phase 1 (the "big deal" done at once).
    objective:
        ``lexicographic`` (earliest verified completion, then fairest NPV) or ``weighted``;
        defaults to the spec's objective.
    time_limit, gap:
        Solver limits (seconds; relative MIP gap); default to the spec's objective settings.
    explain:
        Compute per-action explanations and, when infeasible, the diagnosis.
    fixed, first_phase:
        Re-plan a plan under way: the ``fixed`` actions keep their start phases, the others
        start from ``first_phase`` on, and constraints of earlier phases (and the order and
        gates of actions already started) are not re-judged. See
        :func:`accord.phasing.milp.build_model`.

    Returns
    -------
    PhasingResult

    Raises
    ------
    InputError
        If ``spec`` breaks the rules of a phasing file (unknown references, cycles, a
        required action that cannot fit the horizon, out-of-range numbers).
    """
    validate_spec(spec)
    kind = objective or spec.objective.kind
    held = dict(fixed or {})
    replanning = bool(held) or first_phase > 1
    model, raw = run_objective(
        spec,
        one_shot=one_shot,
        kind=kind,
        time_limit=time_limit,
        gap=gap,
        model=build_model(spec, one_shot=one_shot, fixed=held, first_phase=first_phase),
    )
    if raw.x is None:
        diagnosis = None
        if explain and raw.status == "infeasible":
            limit = spec.objective.time_limit if time_limit is None else time_limit
            plain = build_model(
                spec, one_shot=one_shot, cuts=False, fixed=held, first_phase=first_phase
            )
            diagnosis = diagnose(
                plain, one_shot=one_shot, time_limit=limit, fixed=held, first_phase=first_phase
            )
        message = (
            "no plan satisfies every constraint"
            if raw.status == "infeasible"
            else f"no plan found within the time limit ({raw.message})"
        )
        return PhasingResult(
            spec=spec,
            status="infeasible" if raw.status == "infeasible" else "no_solution",
            objective=kind,
            one_shot=one_shot,
            starts={},
            t_end=None,
            npv={},
            phases=(),
            explanations=(),
            diagnosis=diagnosis,
            seconds=raw.seconds,
            gap=raw.gap,
            message=message,
        )
    starts = model.starts(raw.x)
    t_end = check.t_end(spec, starts)
    sooner = ""
    if (
        explain
        and not replanning
        and kind == "lexicographic"
        and raw.status == "optimal"
        and t_end > 1
    ):
        sooner = finish_sooner(spec, t_end, one_shot=one_shot, time_limit=time_limit)
    problems = check.check_plan(
        spec, starts, one_shot=one_shot, fixed=held, first_phase=first_phase
    )
    if problems:  # pragma: no cover - would be a solver/model bug; never hide it
        raise AnalysisError(
            f"internal check failed: the solver's plan breaks {problems[0].message}; "
            "please report this with the phasing file"
        )
    return PhasingResult(
        spec=spec,
        status="optimal" if raw.status == "optimal" else "feasible",
        objective=kind,
        one_shot=one_shot,
        starts=starts,
        t_end=t_end,
        npv={p.id: check.npv(spec, starts, p.id) for p in spec.parties},
        phases=phase_states(spec, starts),
        explanations=explain_starts(
            spec, starts, one_shot=one_shot, objective=kind, fixed=held, first_phase=first_phase
        )
        if explain
        else (),
        diagnosis=None,
        seconds=raw.seconds,
        gap=raw.gap,
        message=raw.message,
        sooner=sooner,
    )


def finish_sooner(
    spec: PhasingSpec, t_end: int, *, one_shot: bool = False, time_limit: float | None = None
) -> str:
    """Plain words on what stops the end state from being verified by phase ``t_end - 1``.

    Either the durations, lags and prerequisites alone rule it out, or the smallest set of
    constraint groups whose relaxation would allow it (the diagnosis at horizon
    ``t_end - 1``).
    """
    target = t_end - 1
    earliest = _earliest_verification(spec)
    chain = [e for e in spec.end_state if earliest[e] > target]
    if chain:
        names = ", ".join(f"'{spec.action(e).label}'" for e in chain)
        return (
            f"It cannot finish sooner: {names} cannot be verified before the end of phase "
            f"{t_end} (duration, verification lag and prerequisites alone)."
        )
    shorter = with_horizon(spec, target)
    limit = min(spec.objective.time_limit if time_limit is None else time_limit, 10.0)
    found = diagnose(
        build_model(shorter, one_shot=one_shot, cuts=False), one_shot=one_shot, time_limit=limit
    )
    if not found.found or not found.relaxations:
        return f"It cannot finish by phase {target}: relaxing the constraints would not help."
    n = len(found.relaxations)
    head = (
        f"To finish by the end of phase {target} instead of {t_end}, relax {n} constraint "
        f"group{'s' if n != 1 else ''}:"
    )
    return "\n".join([head, *(f"  {k}. {r.text}" for k, r in enumerate(found.relaxations, 1))])
