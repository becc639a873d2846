"""Solve a phasing problem with :func:`scipy.optimize.milp` (HiGHS).

Objectives (design §13.4):

* ``lexicographic``: first minimise ``T_end`` (earliest verified completion of the required end
  state); then, with ``T_end`` fixed at its optimum, maximise the smallest NPV over parties
  (ties broken by the total NPV, weighted by :data:`TIE_BREAK`);
* ``weighted``: maximise ``sum_i w_i NPV_i - time_penalty * T_end``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from accord._types import FloatArray
from accord.errors import InputError
from accord.phasing.milp import MilpModel, build_model
from accord.scenario.phasing.model import ObjectiveKind, PhasingSpec

__all__ = ["RawSolution", "run_objective"]


TIE_BREAK = 1e-3
"""Weight of the total NPV in stage 2 of the lexicographic objective (breaks ties only)."""


@dataclass(frozen=True, slots=True)
class RawSolution:
    """Solver output before interpretation."""

    status: str  # optimal | feasible | infeasible | no_solution
    x: FloatArray | None
    seconds: float
    gap: float | None
    message: str


def _milp(
    model: MilpModel,
    c: FloatArray,
    extra_a: sparse.csr_matrix | None,
    extra_lb: FloatArray | None,
    extra_ub: FloatArray | None,
    time_limit: float,
    gap: float,
) -> Any:
    mat, lb, ub = model.A, model.lb, model.ub
    if extra_a is not None and extra_lb is not None and extra_ub is not None:
        mat = sparse.vstack([mat, extra_a], format="csr")
        lb = np.concatenate([lb, extra_lb])
        ub = np.concatenate([ub, extra_ub])
    return milp(
        c,
        constraints=LinearConstraint(mat, lb, ub),
        integrality=model.integrality,
        bounds=Bounds(model.x_lb, model.x_ub),
        options={"time_limit": max(time_limit, 0.01), "mip_rel_gap": gap, "disp": False},
    )


def _status(res: Any) -> str:
    if res.status == 0:
        return "optimal"
    if res.status == 2:
        return "infeasible"
    if res.x is not None:
        return "feasible"
    return "no_solution"


def run_objective(
    spec: PhasingSpec,
    *,
    one_shot: bool = False,
    kind: ObjectiveKind | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    model: MilpModel | None = None,
) -> tuple[MilpModel, RawSolution]:
    """Build (unless given) and solve the MILP with the chosen objective.

    Parameters
    ----------
    spec:
        The phasing problem.
    one_shot:
        Force every end-state action to start in phase 1.
    kind:
        ``lexicographic`` or ``weighted``; defaults to the spec's objective.
    time_limit:
        Seconds for the whole solve (shared by the lexicographic stages).
    gap:
        Relative MIP gap accepted (0 = prove optimality).

    Returns
    -------
    (MilpModel, RawSolution)
    """
    kind = kind or spec.objective.kind
    limit = spec.objective.time_limit if time_limit is None else time_limit
    rel_gap = spec.objective.gap if gap is None else gap
    if limit <= 0:
        raise InputError(f"time limit must be positive (got {limit})")
    if not 0 <= rel_gap <= 1:
        raise InputError(f"gap must be between 0 and 1 (got {rel_gap})")
    if kind not in ("lexicographic", "weighted"):
        raise InputError(f"unknown objective {kind!r}; use lexicographic or weighted")
    t0 = time.perf_counter()
    model = model or build_model(spec, one_shot=one_shot)
    n = model.n_var
    if kind == "weighted":
        w = np.array([p.weight for p in spec.parties])
        c = -(w @ model.npv)
        c[model.i_tend] += spec.objective.time_penalty
        res = _milp(model, c, None, None, None, limit, rel_gap)
        return model, _raw(res, t0)
    c = np.zeros(n)
    c[model.i_tend] = 1.0
    res1 = _milp(model, c, None, None, None, limit, rel_gap)
    st1 = _status(res1)
    if st1 in ("infeasible", "no_solution"):
        return model, _raw(res1, t0)
    best_t = (
        float(np.round(res1.x[model.i_tend])) if st1 == "optimal" else float(res1.x[model.i_tend])
    )
    # Stage 2: T_end <= best, m <= NPV_i for every party; maximise m.
    rows = [np.zeros(n)]
    rows[0][model.i_tend] = 1.0
    for pi in range(len(spec.parties)):
        r = -model.npv[pi].copy()
        r[model.i_min] = 1.0
        rows.append(r)
    extra = sparse.csr_matrix(np.vstack(rows))
    lb = np.full(len(rows), -np.inf)
    ub = np.concatenate([[best_t + 1e-6], np.zeros(len(spec.parties))])
    # ties between equally fair plans are broken by the total NPV (a much smaller weight)
    c2 = -TIE_BREAK * model.npv.sum(axis=0)
    c2[model.i_min] = -1.0
    remaining = limit - (time.perf_counter() - t0)
    if remaining < 0.05:  # no time left: keep the stage-1 plan (valid, fairness not optimised)
        return model, RawSolution(
            "feasible", np.asarray(res1.x), time.perf_counter() - t0, None, "time limit reached"
        )
    res2 = _milp(model, c2, extra, lb, ub, remaining, rel_gap)
    st2 = _status(res2)
    if res2.x is None:
        # Keep the stage-1 plan: it is valid, only its fairness is not optimised.
        return model, RawSolution(
            "feasible", np.asarray(res1.x), time.perf_counter() - t0, None, str(res2.message)
        )
    status = "optimal" if (st1 == "optimal" and st2 == "optimal") else "feasible"
    gap_v = getattr(res2, "mip_gap", None)
    return model, RawSolution(
        status,
        np.asarray(res2.x),
        time.perf_counter() - t0,
        None if gap_v is None else float(gap_v),
        str(res2.message),
    )


def _raw(res: Any, t0: float) -> RawSolution:
    gap_v = getattr(res, "mip_gap", None)
    return RawSolution(
        _status(res),
        None if res.x is None else np.asarray(res.x),
        time.perf_counter() - t0,
        None if gap_v is None else float(gap_v),
        str(res.message),
    )
