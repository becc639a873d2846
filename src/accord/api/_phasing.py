"""Facade for phased agreements: load a phasing document, plan it, explain it, and check
that the deal it implements is acceptable to every side of its scenario.

Names meant for :mod:`accord.api`: :func:`load_phasing`, :func:`plan_phasing`,
:func:`check_phased_deal`, :class:`PhasingSpec`, :class:`PhasingResult`, :class:`DealCheck`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from accord.api._levers import resolve_levers
from accord.errors import InputError
from accord.phasing.result import DealCheck, PhasingResult
from accord.phasing.schedule import schedule, with_horizon
from accord.scenario.negotiation.adjust import apply_levers
from accord.scenario.negotiation.loader import load_scenario
from accord.scenario.phasing.deal import deal_problems
from accord.scenario.phasing.loader import (
    builtin_phasing_names,
    locate_scenario,
    read_phasing_file,
)
from accord.scenario.phasing.model import ObjectiveKind, PhasingSpec, spec_from_document
from accord.space.acceptability import check_package

__all__ = [
    "DealCheck",
    "PhasingResult",
    "PhasingSpec",
    "builtin_phasing_names",
    "check_phased_deal",
    "load_phasing",
    "plan_phasing",
]

_OBJECTIVES = ("lexicographic", "weighted")


def load_phasing(name_or_path: str | Path) -> PhasingSpec:
    """Load and validate a phasing document.

    Parameters
    ----------
    name_or_path:
        A built-in name (``hanoi-2019``, ``six-party-2007``) or the path of a YAML/JSON
        phasing file.

    Returns
    -------
    PhasingSpec
        The problem, ready for :func:`plan_phasing`.

    Raises
    ------
    accord.errors.ScenarioError
        With located problems (file, key path, line) when the document is invalid, or when a
        party is not a principal actor of the scenario the document names. If that scenario
        is not available at all, the spec carries a note saying it was not checked.
    """
    loaded = read_phasing_file(name_or_path)
    return spec_from_document(loaded.doc, loaded.notes, loaded.scenario_path)


def check_phased_deal(source: str | Path | PhasingSpec) -> DealCheck:
    """Is the deal a phasing document implements acceptable to every side of its scenario?

    Applies the scenario's one acceptability predicate
    (:func:`accord.space.acceptability.check_package`) to the document's ``deal:`` package,
    after resolving the scenario's forecast-driven levers and applying every lever setting:
    per side, whether the principal accepts (utility against its no-deal value) and each
    ratifier's utility and probability of ratifying (jointly against the scenario's level),
    and which hard constraints the package breaks.

    Parameters
    ----------
    source:
        A :class:`PhasingSpec`, a built-in name or a phasing file.

    Returns
    -------
    DealCheck
        Not checked (``check`` is ``None``, ``reason`` says why) when the document names no
        ``deal:`` or its scenario is not available.

    Raises
    ------
    accord.errors.InputError
        For a spec built in code whose ``deal`` is not a complete package of the scenario.
    """
    spec = source if isinstance(source, PhasingSpec) else load_phasing(source)
    ref = spec.scenario
    if spec.deal is None:
        return DealCheck(
            ref,
            None,
            reason="the phasing document names no `deal:` package",
        )
    path = spec.scenario_path or locate_scenario(ref, None)
    if path is None:
        return DealCheck(
            ref,
            dict(spec.deal),
            reason=f"scenario {ref!r} is not available (no such file, no built-in of that name)",
            note=spec.deal_note,
            source=spec.deal_source,
        )
    scenario = apply_levers(resolve_levers(load_scenario(path)))
    problems = deal_problems(spec.deal, scenario, ref)
    if problems:  # a spec built in code (the loader reports these with lines)
        raise InputError(
            "the deal is not a package of its scenario:\n"
            + "\n".join(".".join(str(k) for k in loc) + f": {msg}" for loc, msg in problems)
        )
    check = check_package(scenario, spec.deal)
    labels = {}
    for issue in scenario.issues:
        option = issue.options[issue.option_index(spec.deal[issue.id])]
        labels[issue.id] = (issue.name, option.label)
    return DealCheck(
        ref,
        dict(spec.deal),
        check,
        labels=labels,
        constraints={c.id: c.reason for c in scenario.constraints if c.id in check.broken},
        held_by={
            c.id: scenario.actor(c.held_by).name
            for c in scenario.constraints
            if c.id in check.broken and c.held_by is not None
        },
        levers={lv.key: lv.current for lv in scenario.levers},
        note=spec.deal_note,
        source=spec.deal_source,
    )


def plan_phasing(
    source: str | Path | PhasingSpec,
    *,
    horizon: int | None = None,
    one_shot: bool = False,
    objective: str | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    explain: bool = True,
    check_deal: bool = True,
) -> PhasingResult:
    """Compute a phased plan ("parallel and simultaneous action" schedule) for a deal.

    The plan is computed whether or not the deal is acceptable; ``result.deal`` says which
    (see :func:`check_phased_deal`) and the reports flag an unacceptable deal in the headline.

    Parameters
    ----------
    source:
        A :class:`PhasingSpec`, a built-in name or a phasing file.
    horizon:
        Override the number of phases.
    one_shot:
        Require every end-state action to start in phase 1 (the deal done at once); an
        infeasible result then says which constraints stand in the way.
    objective:
        ``lexicographic`` (earliest verified completion, then the fairest split of net value)
        or ``weighted`` (weighted NPV minus a time penalty).
    time_limit:
        Seconds the solver may use (default: the document's setting).
    gap:
        Relative optimality gap accepted (0 proves optimality).
    explain:
        Add per-phase binding constraints, per-step explanations and, when infeasible, the
        smallest set of constraints to relax.
    check_deal:
        Check the document's ``deal:`` package against its scenario (:func:`check_phased_deal`).

    Returns
    -------
    PhasingResult

    Raises
    ------
    accord.errors.InputError
        For bad options (unknown objective, non-positive horizon or time limit).
    """
    spec = source if isinstance(source, PhasingSpec) else load_phasing(source)
    if horizon is not None:
        spec = with_horizon(spec, horizon)
    if objective is not None and objective not in _OBJECTIVES:
        raise InputError(f"unknown objective {objective!r}; use one of: {', '.join(_OBJECTIVES)}")
    if time_limit is not None and time_limit <= 0:
        raise InputError(f"time limit must be positive (got {time_limit})")
    if gap is not None and not 0 <= gap <= 1:
        raise InputError(f"gap must be between 0 and 1 (got {gap})")
    kind: ObjectiveKind | None = None
    if objective == "lexicographic":
        kind = "lexicographic"
    elif objective == "weighted":
        kind = "weighted"
    deal = check_phased_deal(spec) if check_deal else None
    result = schedule(
        spec, one_shot=one_shot, objective=kind, time_limit=time_limit, gap=gap, explain=explain
    )
    return dataclasses.replace(result, deal=deal)
