"""The mixed-integer program of a phasing problem (design §13.3, constraints 1–8), as matrices.

Variables, in this order:

* ``y[a, s]`` (binary, ``A*T`` of them): action ``a`` starts in phase ``s``;
* ``T_end`` (continuous): phase at whose end the last required action is verified;
* ``m`` (continuous, free): the smallest NPV over parties (lexicographic stage 2);
* ``done[t]`` (continuous in [0, 1]): every action taken was verified before ``t`` began
  (self-enforcement is required only while the agreement is still being carried out).

All constraint rows are linear in ``y`` through three indicators built here with numpy:
``started(a, t)`` (start <= t), ``verified(a, t)`` (start + d + l <= t) and ``active(a, t)``.
Each row belongs to a :class:`ConstraintGroup` and a phase, which the explanation and the
infeasibility diagnosis use.

Re-planning a plan under way (``fixed`` and ``first_phase``): the actions already under way keep
their start phases, the others may start only from ``first_phase`` on, and what has happened
is not re-judged: rows of phases before ``first_phase`` are left out, and so are the
precedence rows and ratification gates of actions already started (they were passed, or
breached, in the past). :func:`accord.phasing.check.excused` states the same rule for the
independent checker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from accord._types import FloatArray
from accord.errors import InputError
from accord.phasing.groups import ConstraintGroup
from accord.scenario.phasing.model import PhasingSpec

__all__ = ["MilpModel", "build_model"]


@dataclass(frozen=True, slots=True)
class MilpModel:
    """Constraint matrix ``lb <= A x <= ub`` with variable bounds and row labels."""

    spec: PhasingSpec
    A: sparse.csr_matrix
    lb: FloatArray
    ub: FloatArray
    x_lb: FloatArray
    x_ub: FloatArray
    integrality: npt.NDArray[np.int8]
    row_group: tuple[ConstraintGroup, ...]
    row_phase: npt.NDArray[np.int64]
    npv: FloatArray  # (parties, nvar): NPV_i as a linear form
    n_y: int

    @property
    def n_var(self) -> int:
        """Number of variables."""
        return int(self.x_lb.size)

    @property
    def i_tend(self) -> int:
        """Index of ``T_end``."""
        return self.n_y

    @property
    def i_min(self) -> int:
        """Index of ``m`` (the smallest NPV)."""
        return self.n_y + 1

    def starts(self, x: FloatArray) -> dict[str, int]:
        """Decode a solution vector into ``{action id: start phase}``."""
        n_t = self.spec.horizon
        y = np.asarray(x[: self.n_y]).reshape(len(self.spec.actions), n_t)
        out: dict[str, int] = {}
        for k, a in enumerate(self.spec.actions):
            hit = np.flatnonzero(y[k] > 0.5)
            if hit.size:
                out[a.id] = int(hit[0]) + 1
        return out


def _earliest_starts(spec: PhasingSpec) -> dict[str, int]:
    """Earliest phase each action can start, given its prerequisite chain."""
    memo: dict[str, int] = {}

    def visit(aid: str) -> int:
        if aid not in memo:
            pres = spec.action(aid).prerequisites
            memo[aid] = 1 + max(
                (visit(p) + spec.action(p).duration + spec.action(p).lag - 1 for p in pres),
                default=0,
            )
        return memo[aid]

    for a in spec.actions:
        visit(a.id)
    return memo


class _Rows:
    """Accumulates row blocks of a fixed width."""

    def __init__(self, n_var: int) -> None:
        self.n_var = n_var
        self.blocks: list[FloatArray] = []
        self.lb: list[FloatArray] = []
        self.ub: list[FloatArray] = []
        self.group: list[ConstraintGroup] = []
        self.phase: list[int] = []

    def add(
        self,
        block: FloatArray,
        group: ConstraintGroup,
        phases: npt.ArrayLike,
        lb: float | FloatArray = -np.inf,
        ub: float | FloatArray = np.inf,
    ) -> None:
        block = np.atleast_2d(block)
        k = block.shape[0]
        ph = np.broadcast_to(np.asarray(phases, dtype=np.int64), (k,))
        self.blocks.append(block)
        self.lb.append(np.broadcast_to(np.asarray(lb, dtype=float), (k,)).copy())
        self.ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (k,)).copy())
        self.group.extend([group] * k)
        self.phase.extend(int(p) for p in ph)


def build_model(
    spec: PhasingSpec,
    *,
    one_shot: bool = False,
    cuts: bool = True,
    fixed: Mapping[str, int] | None = None,
    first_phase: int = 1,
) -> MilpModel:
    """Build the constraint system of ``spec``.

    Parameters
    ----------
    spec:
        The phasing problem (already validated).
    one_shot:
        Force every end-state action to start in phase 1 (the "everything at once" deal).
    cuts:
        Fix ``y = 0`` before each action's earliest start allowed by its prerequisite chain
        (valid while precedence is a hard constraint; the diagnosis, which may relax
        precedence, builds the model without them).
    fixed:
        Start phases of actions already under way (re-planning); they are kept as they are.
    first_phase:
        No other action may start before this phase, and no constraint of an earlier phase is
        imposed (re-planning from the current phase).

    Returns
    -------
    MilpModel
        Matrices ready for :func:`scipy.optimize.milp`.
    """
    acts, parties = spec.actions, spec.parties
    n_a, n_t = len(acts), spec.horizon
    fixed = dict(fixed or {})
    _check_fixed(spec, fixed, first_phase, one_shot)
    n_y = n_a * n_t
    n_var = n_y + 2 + n_t
    i_done = n_y + 2
    idx = {a.id: k for k, a in enumerate(acts)}
    dur = np.array([a.duration for a in acts], dtype=np.int64)
    lag = np.array([a.lag for a in acts], dtype=np.int64)
    ver = dur + lag
    cost = np.array([a.cost for a in acts])
    rev = np.array([a.reversibility for a in acts])
    reimpose = np.array([a.reimposition_cost for a in acts])
    back = np.maximum(rev * cost - reimpose, 0.0)  # what the owner recovers by taking a back
    undone = np.where(rev * cost >= reimpose, rev, 0.0)  # share the others lose when it does
    escrow = np.array([a.escrow for a in acts], dtype=bool)
    owner = np.array([a.owner for a in acts])
    value = np.array([[a.value_to(p.id) for a in acts] for p in parties])  # (P, A)
    s_grid = np.arange(1, n_t + 1)

    def ind(shift: npt.NDArray[np.int64], phases: npt.NDArray[np.int64]) -> FloatArray:
        """(len(phases), A, T): 1 where start s <= t - shift[a]."""
        return (s_grid[None, None, :] <= (phases[:, None, None] - shift[None, :, None])).astype(
            float
        )

    def form(weights: FloatArray, indicator: FloatArray) -> FloatArray:
        """Rows sum_a weights[a] * indicator[t, a, :] over the ``y`` block, padded to n_var."""
        body = (indicator * weights[None, :, None]).reshape(indicator.shape[0], n_y)
        return np.hstack([body, np.zeros((body.shape[0], n_var - n_y))])

    zero = np.zeros(n_a, dtype=np.int64)
    ph = np.arange(1, n_t + 1)
    ph1 = np.arange(1, n_t + 2)
    st, vt = ind(zero, ph), ind(ver, ph)
    st1, vt1 = ind(zero, ph1), ind(ver, ph1)
    rows = _Rows(n_var)

    # 1. once, end state, horizon and one-shot (variable bounds + one row per action).
    x_lb = np.zeros(n_var)
    x_ub = np.ones(n_var)
    y_ub = x_ub[:n_y].reshape(n_a, n_t)
    y_lb = x_lb[:n_y].reshape(n_a, n_t)
    y_ub[s_grid[None, :] + ver[:, None] - 1 > n_t] = 0.0  # must be verified by the end of T
    if cuts:  # no start before the prerequisite chain allows it
        earliest = _earliest_starts(spec)
        y_ub[s_grid[None, :] < np.array([earliest[a.id] for a in acts])[:, None]] = 0.0
    required = np.zeros(n_a, dtype=bool)
    for e in spec.end_state:
        required[idx[e]] = True
    if one_shot:
        y_lb[required, 0] = 1.0
    y_ub[:, : first_phase - 1] = 0.0
    for aid, s_fix in fixed.items():
        k = idx[aid]
        y_lb[k], y_ub[k] = 0.0, 0.0
        y_lb[k, s_fix - 1] = y_ub[k, s_fix - 1] = 1.0
    for k, a in enumerate(acts):
        row = np.zeros(n_var)
        row[k * n_t : (k + 1) * n_t] = 1.0
        grp = ConstraintGroup("end_state" if required[k] else "once", a.id)
        rows.add(row, grp, 0, 1.0 if required[k] else 0.0, 1.0)

    # 2. precedence: started(a, t) <= verified(p, t).
    for k, a in enumerate(acts):
        if a.id in fixed:  # already started: the order was kept or breached in the past
            continue
        for pre in a.prerequisites:
            j = idx[pre]
            w_a, w_p = np.zeros(n_a), np.zeros(n_a)
            w_a[k], w_p[j] = 1.0, -1.0
            block = form(w_a, st) + form(w_p, vt)
            rows.add(block, ConstraintGroup("precedence", f"{a.id}<{pre}"), ph, ub=0.0)

    # 3. exposure caps, phases 1..T+1 (T+1 = the end state).
    for pi, p in enumerate(parties):
        own = owner == p.id
        w_start = np.where(own & ~escrow, cost - back, 0.0)
        w_ver = np.where(own & escrow, cost - back, 0.0)
        w_ver -= np.where(~own, (1 - undone) * value[pi] + p.trust_gain, 0.0)
        block = form(w_start, st1) + form(w_ver, vt1)
        rows.add(block, ConstraintGroup("exposure", p.id), ph1, ub=p.exposure_tolerance)

    # 4. self-enforcement while the agreement is under way: Cont - Dev + M*done >= gamma.
    delta = spec.discount
    flow_at = s_grid[None, :] + ver[:, None]  # (A, n_t): phase at which value flows
    for pi, p in enumerate(parties):
        own = owner == p.id
        t_col = ph[:, None, None]
        fut_val = (flow_at[None] >= t_col + 1) & (flow_at[None] <= n_t + 1)
        cont = np.where(fut_val, value[pi][None, :, None] * delta ** (flow_at[None] - t_col), 0.0)
        fut_cost = (s_grid[None, None, :] >= t_col + 1) & own[None, :, None]
        cont -= np.where(
            fut_cost, cost[None, :, None] * delta ** (s_grid[None, None, :] - t_col), 0.0
        )
        dev_start = np.where(own & ~escrow, back, 0.0)
        dev_ver = np.where(own & escrow, back, 0.0)
        dev_ver -= np.where(~own, undone * value[pi], 0.0)
        block = np.hstack([cont.reshape(n_t, n_y), np.zeros((n_t, n_var - n_y))])
        block -= form(dev_start, st) + form(dev_ver, vt)
        big_m = p.defection_gain + 2 * cost[own].sum() + 2 * np.abs(value[pi]).sum() + 1.0
        block[np.arange(n_t), i_done + np.arange(n_t)] = big_m
        rows.add(block, ConstraintGroup("self_enforcement", p.id), ph, lb=p.defection_gain)
    # done[t] <= verified(a, t) + 1 - taken(a) for every action a
    for k in range(n_a):
        w = np.zeros(n_a)
        w[k] = 1.0
        block = form(-w, vt)
        block[:, k * n_t : (k + 1) * n_t] += 1.0
        block[np.arange(n_t), i_done + np.arange(n_t)] = 1.0
        rows.add(block, ConstraintGroup("definition", "done"), ph, ub=1.0)

    # 5. ratification gates: theta * started(g, t) <= credit(R, t).
    for r in spec.ratifiers:
        q = np.array([a.ratifier_credit.get(r.id, 0.0) for a in acts])
        for g in r.gates:
            if g in fixed:  # already started: the gate was passed (or not) in the past
                continue
            w = np.zeros(n_a)
            w[idx[g]] = r.threshold
            block = form(w, st) - form(q, vt)
            rows.add(block, ConstraintGroup("ratification", r.id), ph, ub=0.0)

    # 6. parallelism: |value i gave j - value j gave i| <= eps_t, pairwise.
    if spec.balance_band is not None:
        band = np.asarray(spec.balance_band, dtype=float)
        for x, pi_ in enumerate(parties):
            for y_, pj in enumerate(parties[x + 1 :], start=x + 1):
                w = np.where(owner == pi_.id, value[y_], 0.0) - np.where(
                    owner == pj.id, value[x], 0.0
                )
                block = form(w, st)
                grp = ConstraintGroup("parallelism", f"{pi_.id}~{pj.id}")
                rows.add(block, grp, ph, ub=band)
                rows.add(-block, grp, ph, ub=band)

    # 7. capacity: actions under way per owner.
    for p in parties:
        if p.capacity is None:
            continue
        own = (owner == p.id).astype(float)
        block = form(own, st) - form(own, ind(dur, ph))
        rows.add(
            block,
            ConstraintGroup("capacity", p.id),
            ph,
            ub=np.asarray(p.capacity, dtype=np.float64),
        )

    # 8. leverage-shift cap per phase (optional).
    lev = np.array([a.leverage_loss for a in acts])
    for p in parties:
        if p.leverage_cap is None:
            continue
        w = np.where(owner == p.id, lev, 0.0)
        block = form(w, st) - form(w, ind(zero + 1, ph))
        rows.add(block, ConstraintGroup("leverage", p.id), ph, ub=p.leverage_cap)

    # T_end >= (s + d + l - 1) * y[a, s] summed over s, for required a.
    for k in (int(i) for i in np.flatnonzero(required)):
        row = np.zeros(n_var)
        row[k * n_t : (k + 1) * n_t] = s_grid + ver[k] - 1
        row[n_y] = -1.0
        rows.add(row, ConstraintGroup("definition", f"t_end:{acts[k].id}"), 0, ub=0.0)

    x_lb[n_y], x_ub[n_y] = 0.0, float(n_t)
    x_lb[n_y + 1], x_ub[n_y + 1] = -np.inf, np.inf
    integrality = np.zeros(n_var, dtype=np.int8)
    integrality[:n_y] = 1

    # NPV_i as linear forms: value at delta^(s+d+l), own cost at delta^s.
    npv = np.zeros((len(parties), n_var))
    disc_flow = delta ** flow_at.astype(float)
    disc_start = np.broadcast_to(delta ** s_grid.astype(float), (n_a, n_t))
    for pi, p in enumerate(parties):
        own = (owner == p.id)[:, None]
        npv[pi, :n_y] = (value[pi][:, None] * disc_flow - own * cost[:, None] * disc_start).ravel()

    row_phase = np.asarray(rows.phase, dtype=np.int64)
    keep = (row_phase == 0) | (row_phase >= first_phase)  # the past is not re-judged
    return MilpModel(
        spec=spec,
        A=sparse.csr_matrix(np.vstack(rows.blocks)[keep]),
        lb=np.concatenate(rows.lb)[keep],
        ub=np.concatenate(rows.ub)[keep],
        x_lb=x_lb,
        x_ub=x_ub,
        integrality=integrality,
        row_group=tuple(g for g, k in zip(rows.group, keep, strict=True) if k),
        row_phase=row_phase[keep],
        npv=npv,
        n_y=n_y,
    )


def _check_fixed(
    spec: PhasingSpec, fixed: Mapping[str, int], first_phase: int, one_shot: bool
) -> None:
    if not 1 <= first_phase <= spec.horizon:
        raise InputError(
            f"re-planning from phase {first_phase}: it must be within the horizon 1..{spec.horizon}"
        )
    if one_shot and (fixed or first_phase > 1):
        raise InputError("a one-shot deal cannot be re-planned from a plan under way")
    ids = {a.id for a in spec.actions}
    for aid, s in fixed.items():
        if aid not in ids:
            raise InputError(f"fixed start for unknown action {aid!r}")
        a = spec.action(aid)
        if not 1 <= s <= spec.horizon or s + a.duration + a.lag - 1 > spec.horizon:
            raise InputError(
                f"action {aid!r} fixed to start in phase {s} cannot be verified within the "
                f"horizon of {spec.horizon} phase(s); raise the horizon"
            )
