"""Infeasibility diagnosis: the smallest set of constraint groups whose relaxation is enough.

Every row of a relaxable group (exposure caps, self-enforcement, ratification gates, the
balance band, capacities, leverage caps, precedence) gets an elastic slack ``s_r >= 0`` bounded
by ``M_r * w_g``, where ``w_g`` is a binary "relax group g" switch and ``M_r`` the largest
violation the row can have (computed from its coefficients and the variable bounds). Stage 1
minimises the number of groups switched on; stage 2 fixes that set and minimises the total
slack, which gives how far each relaxed constraint has to move. The deal itself (end state,
one-shot rule, horizon) is never relaxed.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from accord.phasing import check
from accord.phasing.explain import describe_violation
from accord.phasing.groups import RELAXABLE, ConstraintGroup, describe_group
from accord.phasing.milp import MilpModel
from accord.phasing.result import Diagnosis, Relaxation

__all__ = ["diagnose"]


def diagnose(
    model: MilpModel,
    *,
    one_shot: bool = False,
    time_limit: float = 30.0,
    fixed: Collection[str] = (),
    first_phase: int = 1,
) -> Diagnosis:
    """Find the fewest constraint groups to relax so that ``model`` becomes feasible.

    Parameters
    ----------
    model:
        An infeasible model (from :func:`accord.phasing.milp.build_model`).
    one_shot:
        Whether the model was built in one-shot mode (kept as a hard requirement).
    time_limit:
        Seconds for each of the two stages.
    fixed, first_phase:
        The model is a re-plan of a plan under way (see
        :func:`accord.phasing.milp.build_model`); used to describe the violations.

    Returns
    -------
    Diagnosis
        The relaxed groups with amounts, and a plain-words summary.
    """
    spec = model.spec
    relax_rows = np.array([g.kind in RELAXABLE for g in model.row_group])
    rows = np.flatnonzero(relax_rows)
    groups = sorted({model.row_group[r] for r in rows})
    if not groups:
        return Diagnosis((), _nothing_to_relax(), False)
    gidx = {g: k for k, g in enumerate(groups)}
    n, n_s, n_g = model.n_var, rows.size, len(groups)
    lo = np.where(np.isfinite(model.x_lb), model.x_lb, -1e6)
    hi = np.where(np.isfinite(model.x_ub), model.x_ub, 1e6)
    a_rel = model.A[rows].toarray()
    upper = np.isfinite(model.ub[rows])
    # sign: +1 for "<= ub" rows (A x - s <= ub), -1 for ">= lb" rows (A x + s >= lb)
    max_ax = np.maximum(a_rel * lo, a_rel * hi).sum(axis=1)
    min_ax = np.minimum(a_rel * lo, a_rel * hi).sum(axis=1)
    big_m = np.where(upper, max_ax - model.ub[rows], model.lb[rows] - min_ax)
    big_m = np.maximum(big_m, 0.0) + 1.0
    # Assemble [A | S | W] with S the slack columns and W the group switches.
    s_cols = sparse.csr_matrix(
        (np.where(upper, -1.0, 1.0), (rows, np.arange(n_s))), shape=(model.A.shape[0], n_s)
    )
    base = sparse.hstack([model.A, s_cols, sparse.csr_matrix((model.A.shape[0], n_g))])
    link = sparse.hstack(
        [
            sparse.csr_matrix((n_s, n)),
            sparse.identity(n_s, format="csr"),
            sparse.csr_matrix(
                (-big_m, (np.arange(n_s), [gidx[model.row_group[r]] for r in rows])),
                shape=(n_s, n_g),
            ),
        ]
    )
    mat = sparse.vstack([base, link], format="csr")
    lb = np.concatenate([model.lb, np.full(n_s, -np.inf)])
    ub = np.concatenate([model.ub, np.zeros(n_s)])
    x_lb = np.concatenate([model.x_lb, np.zeros(n_s + n_g)])
    x_ub = np.concatenate([model.x_ub, big_m, np.ones(n_g)])
    integrality = np.concatenate([model.integrality, np.zeros(n_s), np.ones(n_g)]).astype(int)
    c1 = np.zeros(n + n_s + n_g)
    c1[n + n_s :] = 1.0
    opts = {"time_limit": time_limit, "disp": False}
    cons = LinearConstraint(mat, lb, ub)
    res = milp(
        c1, constraints=cons, integrality=integrality, bounds=Bounds(x_lb, x_ub), options=opts
    )
    if res.x is None:
        return Diagnosis((), _nothing_to_relax(), False)
    chosen = np.round(res.x[n + n_s :]) > 0.5
    # Stage 2: keep only the chosen groups relaxable; minimise the relative total slack.
    x_ub2 = x_ub.copy()
    x_ub2[n + n_s :] = chosen.astype(float)
    c2 = np.zeros(n + n_s + n_g)
    c2[n : n + n_s] = 1.0 / big_m
    res2 = milp(
        c2, constraints=cons, integrality=integrality, bounds=Bounds(x_lb, x_ub2), options=opts
    )
    x = res2.x if res2.x is not None else res.x
    starts = model.starts(x)
    violations = check.check_plan(
        spec, starts, one_shot=one_shot, fixed=fixed, first_phase=first_phase
    )
    relaxations: list[Relaxation] = []
    for g in (groups[k] for k in np.flatnonzero(chosen)):
        mine = [v for v in violations if v.group == g]
        slack = x[n : n + n_s][[gidx[model.row_group[r]] == gidx[g] for r in rows]]
        amount = float(slack.max()) if slack.size else 0.0
        if mine:
            worst = max(mine, key=lambda v: v.excess)
            detail = describe_violation(spec, starts, worst)
            phase = min(v.phase for v in mine)
            amount = max(amount, worst.excess)
        else:
            detail, phase = "", 0
        text = f"relax {describe_group(spec, g)}" + (f": {detail}" if detail else "")
        relaxations.append(Relaxation(g, text, amount, phase))
    return Diagnosis(tuple(relaxations), _summary(spec.horizon, relaxations, one_shot), True)


def _summary(horizon: int, relaxations: list[Relaxation], one_shot: bool) -> str:
    what = "everything in phase 1" if one_shot else f"a plan within {horizon} phase(s)"
    n = len(relaxations)
    head = (
        f"No plan satisfies every constraint ({what}). The smallest change that makes one "
        f"possible relaxes {n} constraint group{'s' if n != 1 else ''}:"
    )
    return "\n".join([head, *(f"  {k}. {r.text}" for k, r in enumerate(relaxations, 1))])


def _nothing_to_relax() -> str:
    return (
        "No plan exists, and relaxing exposure caps, gates, self-enforcement, balance, "
        "capacity, leverage and precedence would not help: the required end state cannot be "
        "scheduled within the horizon (or in phase 1 for a one-shot deal)."
    )


def group_names(model: MilpModel) -> list[ConstraintGroup]:
    """All relaxable groups of a model (for reporting)."""
    return sorted({g for g in model.row_group if g.kind in RELAXABLE})
