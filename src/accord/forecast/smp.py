"""KTAB's Spatial Model of Politics (SMP): challenge, bargain and resolve, turn by turn.

A faithful, vectorised re-implementation of KTAB's ``smpc`` (lsyaseen/KTAB, MIT licence):
probabilistic Condorcet elections give risk attitudes; each actor targets the challenge with the
largest expected gain; a bargain is interpolated between the two positions (rounded to 4
decimals on the internal 0–1 scale); every actor resolves the bargains it is party to (plus its
status quo) by a PCE over their utilities; all move at once. The run stops after at least 2
and at most 100 turns, once the turn's total movement is below 2% of the first turn's.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError
from accord.forecast.base import ForecastResult, Progress, check_size, effective_weights, freeze
from accord.forecast.compromise import weighted_mean
from accord.forecast.median import weighted_median
from accord.forecast.smp_core import (
    BigRAdjust,
    BigRRange,
    IntArray,
    InterVecBrgn,
    ThirdPartyCommit,
    UtilityTensor,
    best_challenges,
    challenge,
    interpolate,
    risk_attitudes,
    sal_distance,
    utility,
    utility_tensor,
)
from accord.forecast.voting import PCEModel, VictoryProbModel, VotingRule, coalitions, pce
from accord.scenario.spatial.model import SpatialData

__all__ = ["BargainModel", "SMPModel", "StateTransition"]


class StateTransition(IntEnum):
    """How an actor picks among its bargains (KTAB enum order)."""

    DETERMINISTIC = 0
    STOCHASTIC = 1


class BargainModel(IntEnum):
    """Which bargains are proposed (KTAB enum order)."""

    INIT_ONLY = 0
    INIT_RCVR = 1
    PW_COMP = 2


_SWITCHES = (
    ("victory_prob", VictoryProbModel),
    ("pce", PCEModel),
    ("state_transition", StateTransition),
    ("voting_rule", VotingRule),
    ("big_r_adjust", BigRAdjust),
    ("big_r_range", BigRRange),
    ("third_party_commit", ThirdPartyCommit),
    ("inter_vec_bargain", InterVecBrgn),
    ("bargain_model", BargainModel),
)


@dataclass(frozen=True, slots=True)
class SMPModel:
    """KTAB SMP with its nine model switches (defaults = KTAB's defaults).

    Parameters
    ----------
    victory_prob, pce, state_transition, voting_rule, big_r_adjust, big_r_range,
    third_party_commit, inter_vec_bargain, bargain_model:
        The nine KTAB switches, in the order of KTAB's parameter vector (enum member, its
        name, or its KTAB integer). Defaults: Linear, Conditional, Deterministic,
        Proportional, OneThird, Mid, Semi, S2P2, InitOnly.
    min_rounds, max_rounds, stop_ratio:
        Stop rule: at least ``min_rounds`` (2) and at most ``max_rounds`` (100) turns; stop
        once a turn's summed movement is below ``stop_ratio`` (0.02) of the first turn's.
    round_bargains:
        KTAB rounds S1P1/S2P2 bargain coordinates to 4 decimals on the 0–1 scale (default on).
    accommodation:
        Optional ``n × n`` ideal-accommodation matrix ``A`` (rows sum to at most 1); ideals
        then move as ``ideal ← A x + (1 − Σ_j a_ij) ideal``. Default: identity.
    position_tolerance:
        Positions closer than this (Euclidean, 0–1 scale; KTAB's ``posTol``) count as one
        option when the winning probabilities are reported.
    forecast_by:
        Summary of the converged positions: ``"mean"`` (default; c·s-weighted mean per
        dimension, the centre of exercised power) or ``"median"`` (c·s-weighted median).
    normalize_capability:
        Rescale capabilities so the largest is 100 before running (default on). KTAB's guards
        against 0/0 (``1e-8``, ``1e-10`` added to coalition strengths) are absolute, so KTAB
        itself gives different answers for capabilities in different units when they are
        tiny; rescaling makes the model depend on capability ratios only. Off: KTAB's
        literal arithmetic.
    seed:
        Seed of the one random generator, used only by the stochastic state transition.
        Without one, a stochastic run draws a seed and reports it in its settings (a KTAB
        XML file's non-zero ``prngSeed`` is used when the user sets none; accord's generator
        is numpy's PCG64, not KTAB's Mersenne twister, so the same seed gives a repeatable
        run, not KTAB's run).
    """

    victory_prob: VictoryProbModel = VictoryProbModel.LINEAR
    pce: PCEModel = PCEModel.CONDITIONAL
    state_transition: StateTransition = StateTransition.DETERMINISTIC
    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    big_r_adjust: BigRAdjust = BigRAdjust.ONE_THIRD
    big_r_range: BigRRange = BigRRange.MID
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI
    inter_vec_bargain: InterVecBrgn = InterVecBrgn.S2P2
    bargain_model: BargainModel = BargainModel.INIT_ONLY
    min_rounds: int = 2
    max_rounds: int = 100
    stop_ratio: float = 0.02
    round_bargains: bool = True
    accommodation: FloatArray | None = field(default=None, compare=False)
    forecast_by: str = "mean"
    position_tolerance: float = 1e-3
    normalize_capability: bool = True
    seed: int | None = None
    name: str = "smp"

    def __post_init__(self) -> None:
        for attr, enum in _SWITCHES:
            object.__setattr__(self, attr, _as_enum(enum, getattr(self, attr), attr))
        if self.forecast_by not in ("mean", "median"):
            raise InputError(f"unknown forecast_by {self.forecast_by!r}; valid: mean, median")
        if not 1 <= self.min_rounds <= self.max_rounds:
            raise InputError("need 1 <= min_rounds <= max_rounds")

    @classmethod
    def from_parameters(cls, params: list[int], **kwargs: object) -> SMPModel:
        """Build from KTAB's 9-integer parameter vector (pySMP / ScenarioDesc order)."""
        if len(params) != len(_SWITCHES):
            raise InputError(f"KTAB parameter vector needs 9 integers, got {len(params)}")
        named = {attr: enum(int(v)) for (attr, enum), v in zip(_SWITCHES, params, strict=True)}
        return cls(**named, **kwargs)  # type: ignore[arg-type]

    def settings(self) -> dict[str, object]:
        """The switches as JSON-friendly names."""
        out: dict[str, object] = {a: getattr(self, a).name.lower() for a, _ in _SWITCHES}
        out.update(
            min_rounds=self.min_rounds,
            max_rounds=self.max_rounds,
            stop_ratio=self.stop_ratio,
            round_bargains=self.round_bargains,
            normalize_capability=self.normalize_capability,
            forecast_by=self.forecast_by,
        )
        return out

    # ------------------------------------------------------------------------------------
    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Run SMP turns until the stop rule holds; return the whole position history.

        Actors absent from some issues: the dimensions are split into groups with the same
        actors taking part, and each group is run as its own SMP (KTAB has no notion of an
        absent actor; an actor's utility needs its position on every dimension of the run).
        The groups' histories are padded with their last state to a common length.
        """
        check_size(data)
        sal_all = np.asarray(data.salience)
        here = data.present
        if np.any((np.where(here, sal_all, 0.0) ** 2).sum(1) <= 0):
            raise InputError("SMP needs every actor to have a positive salience somewhere")
        seed = self.seed
        if seed is None and self.state_transition is StateTransition.STOCHASTIC:
            seed = secrets.randbits(63)  # drawn, and reported in the settings
        rng = np.random.default_rng(seed)
        cap_all = np.asarray(data.capability)
        if self.normalize_capability:
            cap_all = 100.0 * data.relative_capability()
        unit = data.to_unit(np.asarray(data.position))
        by_mask: dict[tuple[bool, ...], list[int]] = {}
        for d in range(data.n_dimensions):
            by_mask.setdefault(tuple(here[:, d].tolist()), []).append(d)
        groups = {m: np.array(d, dtype=np.int64) for m, d in by_mask.items()}
        runs = []
        for g, (mask, dims) in enumerate(groups.items()):
            rows = np.flatnonzero(mask)
            sal = sal_all[np.ix_(rows, dims)]
            if np.any((sal**2).sum(1) <= 0):
                names = ", ".join(data.dimensions[d] for d in dims)
                raise InputError(
                    f"SMP on {names}: every actor taking part needs a positive salience there"
                )

            def report(turn: int, g: int = g) -> None:
                if progress is not None:
                    progress(g * self.max_rounds + turn, len(groups) * self.max_rounds)

            runs.append(
                (
                    rows,
                    dims,
                    *self._run(unit[np.ix_(rows, dims)], cap_all[rows], sal, rows, rng, report),
                )
            )
        length = max(len(h) for _, _, h, _, _ in runs)
        traj_unit = np.full((length, data.n_actors, data.n_dimensions), np.nan)
        probs = np.full((length, data.n_actors), np.nan)
        steps = np.arange(length)
        for rows, dims, hist, prob, _ in runs:
            pad = [hist[-1]] * (length - len(hist))
            traj_unit[np.ix_(steps, rows, dims)] = np.stack(hist + pad)
            probs[np.ix_(steps, rows)] = np.stack(prob + [prob[-1]] * len(pad))
        traj = data.from_unit(traj_unit)
        weights = effective_weights(data, "capability_salience")
        by_round = np.stack([self._summary(state, weights) for state in traj])
        settings = self.settings()
        if seed is not None:
            settings["seed"] = seed
        if len(runs) > 1:
            settings["groups"] = "; ".join(
                ", ".join(data.dimensions[d] for d in dims) for _, dims, _, _, _ in runs
            )
        return ForecastResult(
            model=self.name,
            forecast=freeze(by_round[-1]),
            trajectory=freeze(traj),
            forecast_by_round=freeze(by_round),
            settings=settings,
            converged=all(conv for *_, conv in runs),
            extra={"win_probability": freeze(probs)},
        )

    def _run(
        self,
        x: FloatArray,
        cap: FloatArray,
        sal: FloatArray,
        rows: IntArray,
        rng: np.random.Generator,
        report: Callable[[int], None],
    ) -> tuple[list[FloatArray], list[FloatArray], bool]:
        """One SMP run on unit-scale positions ``x``: histories of positions and winning
        probabilities, and whether the stop rule ended it."""
        ideal = x.copy()
        acc = self._accommodation(rows)
        history, probs = [x], [self._win_probability(x, ideal, cap, sal)]
        for turn in range(1, self.max_rounds + 1):
            x_new = self._turn(x, ideal, cap, sal, rng)
            ideal = x_new if acc is None else acc @ x_new + (1 - acc.sum(1))[:, None] * ideal
            history.append(x_new)
            probs.append(self._win_probability(x_new, ideal, cap, sal))
            x = x_new
            report(turn)
            first = float(np.linalg.norm(history[1] - history[0], axis=1).sum()) + 1e-4
            last = float(np.linalg.norm(history[-1] - history[-2], axis=1).sum())
            if turn >= self.min_rounds and last / first < self.stop_ratio:
                return history, probs, True
        return history, probs, False

    def _summary(self, pos: FloatArray, weights: FloatArray) -> FloatArray:
        if self.forecast_by == "mean":
            return weighted_mean(pos, weights)
        return weighted_median(pos, weights)

    def _accommodation(self, rows: IntArray) -> FloatArray | None:
        """The accommodation matrix among the actors ``rows`` (of the whole data)."""
        if self.accommodation is None:
            return None
        acc = np.asarray(self.accommodation, dtype=np.float64)
        n = int(rows.max()) + 1 if rows.size else 0
        if (
            acc.ndim != 2
            or acc.shape[0] != acc.shape[1]
            or acc.shape[0] < n
            or np.any(acc < 0)
            or np.any(acc.sum(1) > 1 + 1e-10)
        ):
            raise InputError("accommodation must be n x n, non-negative, rows summing to <= 1")
        return np.asarray(acc[np.ix_(rows, rows)])

    def _turn(
        self,
        x: FloatArray,
        ideal: FloatArray,
        cap: FloatArray,
        sal: FloatArray,
        rng: np.random.Generator,
    ) -> FloatArray:
        n = x.shape[0]
        dist = sal_distance(ideal, x, sal)
        big_r, _ = risk_attitudes(
            dist, cap, self.voting_rule, self.victory_prob, self.pce, self.big_r_range
        )
        u = utility_tensor(dist, big_r, self.big_r_adjust)
        sal_tot = sal.sum(1)
        # Every actor's best target, from its own perspective.
        p_ij, eu = best_challenges(u, cap, sal_tot, self.voting_rule, self.third_party_commit)
        np.fill_diagonal(eu, -np.inf)
        best = eu.argmax(axis=1)
        active = np.flatnonzero(eu[np.arange(n), best] > 1e-5)
        init, rcvr = active, best[active]
        p_i = p_ij[init, rcvr]
        bargains = self._bargains(x, sal, cap, sal_tot, u, init, rcvr, p_i)
        return self._resolve(x, dist, big_r, cap, sal, bargains, rng)

    def _bargains(
        self,
        x: FloatArray,
        sal: FloatArray,
        cap: FloatArray,
        sal_tot: FloatArray,
        u: UtilityTensor,
        init: IntArray,
        rcvr: IntArray,
        p_i: FloatArray,
    ) -> list[tuple[IntArray, IntArray, FloatArray, FloatArray]]:
        """Proposed bargains as (initiators, receivers, initiator coords, receiver coords)."""
        ivb, rnd = self.inter_vec_bargain, self.round_bargains
        bi, bj = interpolate(x[init], sal[init], p_i, x[rcvr], sal[rcvr], ivb, rnd)
        if self.bargain_model is BargainModel.INIT_ONLY:
            return [(init, rcvr, bi, bj)]
        # The receiver's own estimate of the initiator's chance (KTAB passes the receiver's
        # expected gain here, an evident slip; accord uses the probability).
        p_j, _ = challenge(
            u, rcvr, init, rcvr, cap, sal_tot, self.voting_rule, self.third_party_commit
        )
        ci, cj = interpolate(x[init], sal[init], p_j, x[rcvr], sal[rcvr], ivb, rnd)
        if self.bargain_model is BargainModel.INIT_RCVR:
            return [(init, rcvr, bi, bj), (init, rcvr, ci, cj)]
        wi = (cap[init] * sal_tot[init])[:, None]
        wj = (cap[rcvr] * sal_tot[rcvr])[:, None]
        return [(init, rcvr, (wi * bi + wj * ci) / (wi + wj), (wi * bj + wj * cj) / (wi + wj))]

    def _resolve(
        self,
        x: FloatArray,
        dist: FloatArray,
        big_r: FloatArray,
        cap: FloatArray,
        sal: FloatArray,
        bargains: list[tuple[IntArray, IntArray, FloatArray, FloatArray]],
        rng: np.random.Generator,
    ) -> FloatArray:
        """Each actor picks one of its bargains (or its status quo) by a PCE over utilities."""
        n = x.shape[0]
        own = utility(dist, big_r[:, None])  # own[a, m]: a's utility for m's position
        base = own.sum(1)
        # Bargain order per actor: status quo, then by initiator (then IIJ before JIJ).
        init = np.concatenate([b[0] for b in bargains]).astype(int)
        rcvr = np.concatenate([b[1] for b in bargains]).astype(int)
        pos_i = np.concatenate([b[2] for b in bargains])
        pos_j = np.concatenate([b[3] for b in bargains])
        order = np.lexsort((np.arange(init.size), init))
        init, rcvr, pos_i, pos_j = init[order], rcvr[order], pos_i[order], pos_j[order]

        def util_of(pos: FloatArray) -> FloatArray:  # (n actors, B bargains)
            return utility(sal_distance(x, pos, sal), big_r[:, None])

        ub = (base[:, None] - own[:, init] - own[:, rcvr] + util_of(pos_i) + util_of(pos_j)) / n
        u_sq = base / n
        new = x.copy()
        for k in range(n):
            mine = np.flatnonzero((init == k) | (rcvr == k))
            if mine.size == 0:
                continue
            opts = np.column_stack([u_sq, ub[:, mine]])
            p = pce(self.pce, self.victory_prob, coalitions(self.voting_rule, cap, opts))
            if self.state_transition is StateTransition.DETERMINISTIC:
                pick = int(np.argmax(p))
            else:
                pick = int(rng.choice(p.size, p=p / p.sum()))
            if pick > 0:
                b = mine[pick - 1]
                new[k] = pos_i[b] if init[b] == k else pos_j[b]
        return new

    def _win_probability(
        self, x: FloatArray, ideal: FloatArray, cap: FloatArray, sal: FloatArray
    ) -> FloatArray:
        """Probability that each actor's position wins a PCE among the distinct positions.

        As KTAB's history of "winning probabilities": own-perspective risk-aware utilities,
        proportional votes weighted by capability, duplicates merged.
        """
        dist = sal_distance(ideal, x, sal)
        big_r, _ = risk_attitudes(
            dist, cap, self.voting_rule, self.victory_prob, self.pce, self.big_r_range
        )
        first, group = _equivalent(x, self.position_tolerance)
        util = utility(dist[:, first], big_r[:, None])
        c = coalitions(VotingRule.PROPORTIONAL, cap, util)
        p = pce(self.pce, self.victory_prob, c)
        return np.asarray(p[group])


def _equivalent(x: FloatArray, tol: float) -> tuple[list[int], IntArray]:
    """KTAB's unique positions: each actor joins the first earlier representative within tol."""
    reps: list[int] = []
    group = np.empty(x.shape[0], dtype=np.int64)
    for i in range(x.shape[0]):
        near = np.flatnonzero(np.linalg.norm(x[reps] - x[i], axis=1) < tol)
        if reps and near.size:
            group[i] = near[0]
        else:
            group[i] = len(reps)
            reps.append(i)
    return reps, group


def _as_enum(enum: type[IntEnum], value: object, what: str) -> IntEnum:
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        key = value.strip().upper().replace("-", "_")
        aliases = {m.name.replace("_", ""): m for m in enum}
        member = enum.__members__.get(key) or aliases.get(key.replace("_", ""))
        if member is not None:
            return member
    elif isinstance(value, int):
        try:
            return enum(value)
        except ValueError:
            pass
    valid = ", ".join(m.name.lower() for m in enum)
    raise InputError(f"unknown {what} {value!r}; valid: {valid}")
