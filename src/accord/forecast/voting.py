"""KTAB's voting rules, victory-probability models and probabilistic Condorcet elections.

Vectorised counterparts of ``Model::vote``, ``Model::vProb``, ``Model::coalitions`` and the
three PCE variants of KTAB's ``kmodel.cpp``.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from accord._types import FloatArray

__all__ = [
    "PCEModel",
    "VictoryProbModel",
    "VotingRule",
    "coalitions",
    "pce",
    "victory_probability",
    "vote",
]

MIN_COALITION = 1e-8
_CHUNK = 4_000_000  # elements of one chunk of votes (32 MB)


class VotingRule(IntEnum):
    """How an actor's utility difference turns into a vote (KTAB enum order)."""

    BINARY = 0
    PROP_BIN = 1
    PROPORTIONAL = 2
    PROP_CBC = 3
    CUBIC = 4
    ASYM_PROSP = 5


class VictoryProbModel(IntEnum):
    """How coalition strengths turn into a victory probability (KTAB enum order)."""

    LINEAR = 0
    SQUARE = 1
    QUARTIC = 2
    OCTIC = 3
    BINARY = 4


class PCEModel(IntEnum):
    """Probabilistic Condorcet election variant (KTAB enum order)."""

    CONDITIONAL = 0
    MARKOV_INCENTIVE = 1
    MARKOV_UNIFORM = 2


def vote(rule: VotingRule, weight: FloatArray | float, du: FloatArray) -> FloatArray:
    """Vote of actors with ``weight`` given utility differences ``du`` (broadcasting)."""
    w = np.asarray(weight, dtype=np.float64)
    if rule is VotingRule.PROPORTIONAL:
        return np.asarray(w * du)
    binary = np.clip(du / 1e-8, -1.0, 1.0)
    if rule is VotingRule.BINARY:
        return np.asarray(w * binary)
    if rule is VotingRule.PROP_BIN:
        return np.asarray(w * (0.8 * du + 0.2 * binary))
    if rule is VotingRule.PROP_CBC:
        return np.asarray(w * (0.5 * du + 0.5 * du**3))
    if rule is VotingRule.CUBIC:
        return np.asarray(w * du**3)
    return np.asarray(np.where(du < 0, w * du, np.where(du > 0, 2.0 * w * du / 3.0, 0.0)))


_SMALL = 64
"""Up to this many options the city-block spread is one numpy expression: importing
``scipy.spatial`` costs more than it saves (about 0.3 s), and ``accord validate`` runs it."""


def coalitions(rule: VotingRule, weight: FloatArray, util: FloatArray) -> FloatArray:
    """``C[a, b] = 1e-8 + Σ_k max(0, v_k(a, b))`` for ``util[k, option]``; diagonal ``1e-8``.

    ``util`` may carry leading batch axes: shape ``(..., n_voters, n_options)`` with ``weight``
    of shape ``(..., n_voters)``. Voters are summed in chunks, so the ``(voters, a, b)`` votes
    never exist at once (memory ``O(options²)`` per chunk of voters).

    Proportional voting (the default rule) takes a shortcut: with ``v = w (u_a − u_b)``,
    ``Σ max(v, 0) = (Σ w |u_a − u_b| + Σ w (u_a − u_b)) / 2``; the first sum is a weighted
    city-block distance between the options' utility columns (scipy's ``cdist``, in C, with
    no temporaries), the second is linear.
    """
    if rule is VotingRule.PROPORTIONAL and util.ndim == 2:
        w = np.asarray(weight, dtype=np.float64)
        if util.shape[1] <= _SMALL:  # a few options: numpy at once (no scipy.spatial import)
            spread = np.einsum("k,kab->ab", w, np.abs(util[:, :, None] - util[:, None, :]))
        else:
            from scipy.spatial.distance import cdist

            spread = cdist(util.T, util.T, "cityblock", w=w)
        pull = w @ util
        c = 0.5 * (spread + (pull[:, None] - pull[None, :]))
        np.maximum(c, 0.0, out=c)  # rounding can leave -1e-17 where the sum is 0
        c += MIN_COALITION
        np.fill_diagonal(c, MIN_COALITION)
        return np.asarray(c)
    n_voters, m = util.shape[-2], util.shape[-1]
    per_voter = m * m * int(np.prod(util.shape[:-2], dtype=np.int64))
    step = max(1, _CHUNK // max(1, per_voter))
    c = np.zeros((*util.shape[:-2], m, m))
    for lo in range(0, n_voters, step):
        u = util[..., lo : lo + step, :]
        du = u[..., :, :, None] - u[..., :, None, :]  # (..., k, a, b)
        v = vote(rule, weight[..., lo : lo + step, None, None], du)
        c += np.maximum(v, 0.0).sum(axis=-3)
        del du, v
    c += MIN_COALITION
    idx = np.arange(c.shape[-1])
    c[..., idx, idx] = MIN_COALITION
    return np.asarray(c)


def victory_probability(model: VictoryProbModel, c: FloatArray) -> FloatArray:
    """``P[a, b]``, the probability that option ``a`` beats ``b``, from coalition strengths."""
    ct = np.swapaxes(c, -1, -2)
    if model is VictoryProbModel.BINARY:
        thresh = 1.10
        r = c / (c + ct)
        p = np.where(
            c >= thresh * ct,
            1.0,
            np.where(ct >= thresh * c, 1e-6, (r * (thresh + 1) - 1) / (thresh - 1)),
        )
        q = np.where(c >= thresh * ct, 1e-6, np.where(ct >= thresh * c, 1.0, 1 - p))
        prob = p / (p + q)
    else:
        power = {0: 1, 1: 2, 2: 4, 3: 8}[int(model)]
        x1, x2 = c**power, ct**power
        prob = x1 / (x1 + x2)
    idx = np.arange(c.shape[-1])
    prob[..., idx, idx] = 0.5
    return np.asarray(prob)


def pce(model: PCEModel, vpm: VictoryProbModel, c: FloatArray) -> FloatArray:
    """Probability of each option winning the probabilistic Condorcet election."""
    pv = victory_probability(vpm, c)
    n = pv.shape[-1]
    if model is PCEModel.CONDITIONAL:
        logp = np.log(pv).sum(axis=-1)
        logp -= logp.max(axis=-1, keepdims=True)
        p = np.exp(logp)
        return np.asarray(p / p.sum(axis=-1, keepdims=True))
    p = np.full(pv.shape[:-1], 1.0 / n)
    if model is PCEModel.MARKOV_UNIFORM:
        for _ in range(1000):
            q = (pv * (p[..., :, None] + p[..., None, :])).sum(axis=-1) / n
            change = np.max(np.abs(q - p))
            p = (p + q) / 2.0
            if change <= 1e-6:
                break
        return np.asarray(p)
    incentive = c * pv + 1e-10 * np.eye(n)
    chlg = incentive / incentive.sum(axis=-2, keepdims=True)  # P[i -> j]
    for _ in range(1000):
        ct = p[..., :, None] * np.swapaxes(chlg, -1, -2)  # ct[i, j] = p_i P[j -> i]
        q = (pv * (ct + np.swapaxes(ct, -1, -2))).sum(axis=-1)
        change = np.max(np.abs(q - p))
        p = (p + q) / 2.0
        if change <= 1e-8:
            break
    return np.asarray(p)
