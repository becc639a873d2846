"""Facade for phased agreements: load a phasing document, plan it, explain it.

Names meant for :mod:`accord.api`: :func:`load_phasing`, :func:`plan_phasing`,
:class:`PhasingSpec`, :class:`PhasingResult`.
"""

from __future__ import annotations

from pathlib import Path

from accord.errors import InputError
from accord.phasing.result import PhasingResult
from accord.phasing.schedule import schedule, with_horizon
from accord.scenario.phasing.loader import builtin_phasing_names, read_phasing_file
from accord.scenario.phasing.model import ObjectiveKind, PhasingSpec, spec_from_document

__all__ = [
    "PhasingResult",
    "PhasingSpec",
    "builtin_phasing_names",
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
    return spec_from_document(loaded.doc, loaded.notes)


def plan_phasing(
    source: str | Path | PhasingSpec,
    *,
    horizon: int | None = None,
    one_shot: bool = False,
    objective: str | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    explain: bool = True,
) -> PhasingResult:
    """Compute a phased plan ("parallel and simultaneous action" schedule) for a deal.

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
    return schedule(
        spec, one_shot=one_shot, objective=kind, time_limit=time_limit, gap=gap, explain=explain
    )
