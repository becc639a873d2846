"""The arithmetic of one KTAB SMP turn, vectorised over actors, pairs and third parties.

Counterparts of ``SMPState::setAllAUtil``, ``probEduChlg``, ``interpBrgnSnPm`` and the bargain
utilities of ``doBCN`` in KTAB's ``examples/smp/libsrc``; see :mod:`accord.forecast.smp`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from accord._types import FloatArray
from accord.forecast.voting import (
    PCEModel,
    VictoryProbModel,
    VotingRule,
    coalitions,
    pce,
    vote,
)

__all__ = [
    "BigRAdjust",
    "BigRRange",
    "DenseUtilities",
    "IntArray",
    "InterVecBrgn",
    "ThirdPartyCommit",
    "Utilities",
    "UtilityTensor",
    "best_challenges",
    "challenge",
    "interpolate",
    "risk_attitudes",
    "sal_distance",
    "utility",
    "utility_tensor",
]

IntArray = NDArray[np.integer[Any]]


class BigRAdjust(IntEnum):
    """How actor h estimates actor i's risk attitude (KTAB enum order)."""

    NONE = 0
    ONE_THIRD = 1
    HALF = 2
    TWO_THIRDS = 3
    FULL = 4


class BigRRange(IntEnum):
    """Range the risk attitudes are mapped onto (KTAB enum order)."""

    MIN = 0
    MID = 1
    MAX = 2


class ThirdPartyCommit(IntEnum):
    """How committed third parties are to the side they join (KTAB enum order)."""

    NO = 0
    SEMI = 1
    FULL = 2


class InterVecBrgn(IntEnum):
    """How a bargain's coordinates are interpolated (KTAB enum order)."""

    S1P1 = 0
    S2P2 = 1
    S2PMAX = 2


_ADJUST = {0: (1.0, 0.0), 1: (2 / 3, 1 / 3), 2: (0.5, 0.5), 3: (1 / 3, 2 / 3), 4: (0.0, 1.0)}


def sal_distance(ideal: FloatArray, pos: FloatArray, sal: FloatArray) -> FloatArray:
    """``d[i, j] = sqrt(Σ_k (s_ik (ideal_ik − pos_jk))² / Σ_k s_ik²)`` (KTAB ``bvDiff``)."""
    diff = sal[:, None, :] * (ideal[:, None, :] - pos[None, :, :])
    return np.asarray(np.sqrt((diff**2).sum(-1) / (sal**2).sum(-1)[:, None]))


def utility(d: FloatArray, risk: FloatArray | float) -> FloatArray:
    """KTAB ``bsUtil``: ``(1 − d)(1 + d R)``, with ``R`` frozen at ``d = 1`` beyond 1."""
    return np.asarray((1 - d) * (1 + np.minimum(d, 1.0) * risk))


def risk_attitudes(
    dist: FloatArray,
    cap: FloatArray,
    rule: VotingRule,
    vpm: VictoryProbModel,
    pcem: PCEModel,
    rng_model: BigRRange,
) -> tuple[FloatArray, FloatArray]:
    """PCE over current positions with risk-neutral utilities, then ``R`` per actor.

    Returns ``(R, p)``: risk attitudes and each actor position's PCE probability.
    """
    p = pce(pcem, vpm, coalitions(rule, cap, utility(dist, 0.0)))
    lo, hi = p.min(), p.max()
    if hi - lo <= 0:
        return np.zeros_like(p), p
    if rng_model is BigRRange.MIN:
        big_r = (p - lo) / (hi - lo)
    elif rng_model is BigRRange.MID:
        big_r = (3 * p - (hi + 2 * lo)) / (2 * (hi - lo))
    else:
        big_r = (2 * p - (hi + lo)) / (hi - lo)
    return np.asarray(big_r), p


class UtilityTensor(Protocol):
    """``U[h, i, j]``: h's estimate of i's utility for j's position, read by parts.

    The whole ``(n, n, n)`` tensor is 1 GB at 500 actors; the SMP only ever needs gathered
    entries (:meth:`at`) and blocks of perspectives (:meth:`block`).
    """

    @property
    def n(self) -> int:
        """Number of actors."""
        ...

    def at(self, h: IntArray, i: IntArray, j: IntArray) -> FloatArray:
        """``U[h, i, j]`` for broadcasting index arrays."""
        ...

    def block(self, rows: slice) -> FloatArray:
        """``U[rows]``: shape ``(len(rows), n, n)``."""
        ...

    def block_t_into(self, rows: slice, out: FloatArray) -> None:
        """Write ``U[rows]`` with its last two axes swapped (``[h, j, i] = U[h, i, j]``) into
        ``out``."""
        ...


@dataclass(frozen=True, slots=True)
class Utilities:
    """``U[h, i, j] = bsUtil(dist[i, j], R_hi[h, i])``, computed on demand from two matrices."""

    dist: FloatArray  # (n, n): i's distance to j's position
    risk: FloatArray  # (n, n): h's estimate of i's risk attitude

    @property
    def n(self) -> int:
        """Number of actors."""
        return int(self.dist.shape[0])

    def at(self, h: IntArray, i: IntArray, j: IntArray) -> FloatArray:
        """``U[h, i, j]`` for broadcasting index arrays."""
        return utility(self.dist[i, j], self.risk[h, i])

    def block(self, rows: slice) -> FloatArray:
        """``U[rows]``: shape ``(len(rows), n, n)``."""
        return utility(self.dist[None, :, :], self.risk[rows, :, None])

    def block_t_into(self, rows: slice, out: FloatArray) -> None:
        """Write ``U[rows]`` with its last two axes swapped (``[h, j, i] = U[h, i, j]``) into
        ``out``, in the order of operations of :func:`utility`."""
        d = self.dist.T
        np.multiply(np.minimum(d, 1.0)[None, :, :], self.risk[rows, None, :], out=out)
        out += 1.0
        out *= (1 - d)[None, :, :]


@dataclass(frozen=True, slots=True)
class DenseUtilities:
    """A stored ``(n, n, n)`` tensor behind the same interface (for tests and small cases)."""

    u: FloatArray

    @property
    def n(self) -> int:
        """Number of actors."""
        return int(self.u.shape[0])

    def at(self, h: IntArray, i: IntArray, j: IntArray) -> FloatArray:
        """``U[h, i, j]`` for broadcasting index arrays."""
        return np.asarray(self.u[h, i, j])

    def block(self, rows: slice) -> FloatArray:
        """``U[rows]``: shape ``(len(rows), n, n)``."""
        return np.asarray(self.u[rows])

    def block_t_into(self, rows: slice, out: FloatArray) -> None:
        """Write ``U[rows]`` with its last two axes swapped into ``out``."""
        out[...] = np.swapaxes(self.u[rows], 1, 2)


def utility_tensor(dist: FloatArray, big_r: FloatArray, adjust: BigRAdjust) -> Utilities:
    """``U[h, i, j]``: h's estimate of i's utility for j's position (risk-aware), lazily."""
    a, b = _ADJUST[int(adjust)]
    return Utilities(np.asarray(dist), np.asarray(a * big_r[:, None] + b * big_r[None, :]))


def challenge(
    u: UtilityTensor,
    h: IntArray,
    i: IntArray,
    j: IntArray,
    cap: FloatArray,
    sal_tot: FloatArray,
    rule: VotingRule,
    commit: ThirdPartyCommit,
) -> tuple[FloatArray, FloatArray]:
    """h's estimate of ``P[i beats j]`` and of i's expected gain from challenging j.

    Vectorised ``SMPState::probEduChlg(h, k=i, i, j)`` over equal-shape index arrays; every
    third party's little-coalition vote is evaluated at once.
    """
    uii, uij = u.at(h, i, i), u.at(h, i, j)
    uji, ujj = u.at(h, j, i), u.at(h, j, j)
    c_i = vote(rule, sal_tot[i] * cap[i], uii - uij)
    c_j = vote(rule, sal_tot[j] * cap[j], uji - ujj)
    ch_ij = 1e-10 + np.maximum(c_i, 0) + np.maximum(c_j, 0)
    ch_ji = 1e-10 + np.maximum(-c_i, 0) + np.maximum(-c_j, 0)
    everyone = np.arange(u.n)[None, :]
    uni = u.at(h[:, None], everyone, i[:, None])  # (m, n): h's view of n's utility for i's position
    unj = u.at(h[:, None], everyone, j[:, None])
    unn = u.at(h[:, None], everyone, everyone)
    wn = (sal_tot * cap)[None, :]
    v0 = vote(rule, wn, uni - unj)
    cni = ch_ij[:, None] + np.maximum(v0, 0)
    cnj = ch_ji[:, None] + np.maximum(-v0, 0)
    pin = cni / (cni + cnj)
    if commit is ThirdPartyCommit.SEMI:
        a_win, a_lose, b_win, b_lose = 2 * uni + unn, 3 * unj, 3 * uni, 2 * unj + unn
    elif commit is ThirdPartyCommit.FULL:
        a_win, a_lose, b_win, b_lose = 3 * uni, 3 * unj, 3 * uni, 3 * unj
    else:
        a_win, a_lose, b_win, b_lose = 2 * uni + unn, 2 * unj + unn, 2 * uni + unn, 2 * unj + unn
    join_i = pin * a_win + (1 - pin) * a_lose
    join_j = pin * b_win + (1 - pin) * b_lose
    vn = vote(rule, wn, join_i - join_j)
    n = u.n
    third = (np.arange(n)[None, :] != i[:, None]) & (np.arange(n)[None, :] != j[:, None])
    ch_ij = ch_ij + np.where(third, np.maximum(vn, 0), 0).sum(1)
    ch_ji = ch_ji + np.where(third, np.maximum(-vn, 0), 0).sum(1)
    p = ch_ij / (ch_ij + ch_ji)
    sj = sal_tot[j]
    eu = (1 - sj) * 2 * uii + sj * (p * 2 * uii + (1 - p) * 2 * uij)
    return np.asarray(p), np.asarray(eu - (uii + uij))


def best_challenges(
    u: UtilityTensor,
    cap: FloatArray,
    sal_tot: FloatArray,
    rule: VotingRule,
    commit: ThirdPartyCommit,
    block: int | None = None,
) -> tuple[FloatArray, FloatArray]:
    """``challenge(u, i, i, j, ...)`` for every ordered pair at once, as ``(n, n)`` matrices.

    The same arithmetic as :func:`challenge` with h = i, laid out as ``[i, j, n]`` broadcasts,
    processed in blocks of ``block`` initiators (default: as many as keep one block near 2
    million elements) so memory stays ``O(n²)`` and the temporaries stay in cache.
    """
    n = u.n
    if block is None:
        block = max(1, min(16, 2_000_000 // max(1, n * n)))
    ar = np.arange(n)
    own = u.at(ar[:, None], ar[:, None], ar[None, :])  # own[i, m] = U[i, i, m]
    uii = own[ar, ar][:, None]  # (i, 1)
    uji = u.at(ar[:, None], ar[None, :], ar[:, None])  # uji[i, j] = U[i, j, i]
    ujj = u.at(ar[:, None], ar[None, :], ar[None, :])  # ujj[i, j] = U[i, j, j]
    w = sal_tot * cap
    c_i = vote(rule, w[:, None], uii - own)
    c_j = vote(rule, w[None, :], uji - ujj)
    ch_ij = 1e-10 + np.maximum(c_i, 0) + np.maximum(c_j, 0)
    ch_ji = 1e-10 + np.maximum(-c_i, 0) + np.maximum(-c_j, 0)
    if commit is ThirdPartyCommit.SEMI:
        _third_parties(u, w, rule, ch_ij, ch_ji, uji, ujj, block)
    # Under no or full commitment a third party's two expected utilities coincide: no vote.
    p = ch_ij / (ch_ij + ch_ji)
    sj = sal_tot[None, :]
    eu = (1 - sj) * 2 * uii + sj * (p * 2 * uii + (1 - p) * 2 * own)
    return np.asarray(p), np.asarray(eu - (uii + own))


def _third_parties(
    u: UtilityTensor,
    w: FloatArray,
    rule: VotingRule,
    ch_ij: FloatArray,
    ch_ji: FloatArray,
    uji: FloatArray,
    ujj: FloatArray,
    block: int,
) -> None:
    """Add every third party's semi-committed vote to the coalitions ``ch_ij``, ``ch_ji``.

    Works on ``block`` initiators at a time in four preallocated ``(block, n, n)`` buffers,
    every step in place (fresh arrays of this size cost more in page faults than in
    arithmetic), in the order of operations of KTAB's formula, so results are bitwise those
    of the plain expression.
    """
    n = u.n
    ar = np.arange(n)
    wn = w[None, None, :]
    bufs = [np.empty((min(block, n), n, n)) for _ in range(4)]
    for lo in range(0, n, block):
        rows = slice(lo, min(lo + block, n))
        m = rows.stop - rows.start
        unj, v0, cni, den = (b[:m] for b in bufs)
        u.block_t_into(rows, unj)  # [i, j, n] = U[i, n, j]
        uni = uji[rows][:, None, :]  # [i, 1, n] = U[i, n, i]
        unn = ujj[rows][:, None, :]  # [i, 1, n] = U[i, n, n]
        _vote_into(rule, wn, np.subtract(uni, unj, out=v0), v0)
        np.maximum(v0, 0.0, out=cni)
        neg = np.subtract(cni, v0, out=v0)  # max(-v0, 0), exactly
        cni += ch_ij[rows][:, :, None]
        np.add(cni, ch_ji[rows][:, :, None], out=den)
        den += neg
        pin = np.divide(cni, den, out=cni)
        # EU(join i) − EU(join j) = p (u_nn − u_ni) + (1 − p)(u_nj − u_nn)
        rest = np.subtract(1.0, pin, out=den)
        rest *= np.subtract(unj, unn, out=unj)
        gap = np.multiply(pin, unn - uni, out=pin)
        gap += rest
        vn = _vote_into(rule, wn, gap, v0)
        ii = ar[rows]
        vn[np.arange(ii.size), :, ii] = 0.0  # n = i is no third party
        vn[:, ar, ar] = 0.0  # nor is n = j
        ch_ij[rows] += np.maximum(vn, 0.0, out=den).sum(-1)
        np.negative(vn, out=vn)
        ch_ji[rows] += np.maximum(vn, 0.0, out=vn).sum(-1)


def _vote_into(rule: VotingRule, w: FloatArray, du: FloatArray, out: FloatArray) -> FloatArray:
    """:func:`vote` written into ``out`` (in place for the proportional rule)."""
    if rule is VotingRule.PROPORTIONAL:
        return np.multiply(w, du, out=out)
    out[...] = vote(rule, w, du)
    return out


def _round4(x: FloatArray) -> FloatArray:
    return np.asarray(np.trunc(0.5 + x * 1e4) / 1e4)


def interpolate(
    ti: FloatArray,
    si: FloatArray,
    pi: FloatArray,
    tj: FloatArray,
    sj: FloatArray,
    method: InterVecBrgn,
    rounding: bool = True,
) -> tuple[FloatArray, FloatArray]:
    """Bargain coordinates for initiator and receiver (KTAB ``interpBrgnSnPm``/``S2PMax``).

    ``ti, si, tj, sj`` have shape ``(m, K)``; ``pi`` (the initiator's victory probability) has
    shape ``(m,)``. ``rounding`` applies KTAB's 4-decimal rounding of S1P1/S2P2 bargains.
    """
    p = pi[:, None]
    min_w = 1e-6
    if method is InterVecBrgn.S2PMAX:
        di, dj = np.maximum(1 - 2 * p, 0), np.maximum(2 * p - 1, 0)
        si2, sj2 = si * si, sj * sj
        dik = di * sj2 / (di * sj2 + min_w + (1 - di) * si2)
        djk = dj * si2 / (dj * si2 + min_w + (1 - dj) * sj2)
        return np.asarray(ti + dik * (tj - ti)), np.asarray(tj + djk * (ti - tj))
    e = 1 if method is InterVecBrgn.S1P1 else 2
    wi = si**e * p**e
    wj = sj**e * (1 - p) ** e
    den = wi + min_w + wj
    bi = ((wi + min_w) * ti + wj * tj) / den
    bj = (wi * ti + (min_w + wj) * tj) / den
    if rounding:
        return _round4(bi), _round4(bj)
    return np.asarray(bi), np.asarray(bj)
