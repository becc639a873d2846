"""Bargaining solutions over a finite set of utility vectors (the ZOPA's frontier).

Each solution picks one column of ``gains`` (utility minus reservation, all >= 0). Ties are
broken the same way everywhere: by leximin of the gains (the worst-off first), then by the
lowest column (the first package in issue/option order). The number of exactly tied
packages on the primary criterion is reported so a reader can see when a choice was close.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.space.concepts import CONCEPTS

__all__ = [
    "SOLUTION_CONCEPTS",
    "Choice",
    "choose",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
    "weighted_nash",
]

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Choice:
    """The column a solution concept chose, with the size of the tie on its criterion."""

    column: int
    score: float
    ties: int
    degenerate: bool = False


def _leximin_order(gains: NDArray[np.float64], cols: NDArray[np.int64]) -> int:
    """Among ``cols``, the one whose sorted gains are lexicographically largest (then lowest)."""
    if cols.size == 1:
        return int(cols[0])
    srt = np.sort(np.round(gains[:, cols], 9), axis=0)  # ascending per column
    # lexsort's last key is primary: smallest gain first (larger is better), ..., then column
    keys = (cols, *tuple(-srt[i] for i in range(srt.shape[0] - 1, -1, -1)))
    return int(cols[np.lexsort(keys)[0]])


def _pick(
    score: NDArray[np.float64], gains: NDArray[np.float64], degenerate: bool = False
) -> Choice:
    best = float(np.max(score))
    if np.isfinite(best):
        tied = np.flatnonzero(score >= best - _EPS * max(1.0, abs(best)))
    else:
        tied = np.flatnonzero(score == best)
    col = _leximin_order(gains, tied.astype(np.int64))
    return Choice(col, best, int(tied.size), degenerate)


def choose(
    concept: str,
    gains: NDArray[np.float64],
    powers: NDArray[np.float64] | None = None,
    ideal: NDArray[np.float64] | None = None,
) -> Choice:
    """The column ``concept`` (a name in :data:`~accord.space.concepts.CONCEPTS`) picks.

    A Nash score with no candidate giving every principal a strictly positive gain is zero
    (minus infinity in logs) everywhere; the choice is then the utilitarian one and is
    flagged ``degenerate``.
    """
    c = CONCEPTS[concept]
    p = np.ones(gains.shape[0]) if powers is None else np.asarray(powers, dtype=np.float64)
    score = c.score(gains, p, ideal)
    if concept in ("nash", "weighted_nash") and not np.isfinite(score).any():
        return _pick(CONCEPTS["utilitarian"].score(gains, p, None), gains, degenerate=True)
    order = gains if c.tiebreak is None else c.tiebreak(gains, ideal)
    return _pick(score, order)


def nash(gains: NDArray[np.float64], powers: NDArray[np.float64] | None = None) -> Choice:
    """Nash bargaining solution: maximise the product of gains over the no-deal values.

    Computed as the sum of logs (weighted by ``powers`` when given). When no package gives
    every principal a strictly positive gain the product is zero everywhere; the choice is
    then the utilitarian one and is flagged ``degenerate``.
    """
    return choose("nash" if powers is None else "weighted_nash", gains, powers)


def weighted_nash(gains: NDArray[np.float64], powers: NDArray[np.float64]) -> Choice:
    """Asymmetric (power-weighted) Nash: maximise prod gain_i ** power_i (powers normalised)."""
    return choose("weighted_nash", gains, powers)


def kalai_smorodinsky(gains: NDArray[np.float64]) -> Choice:
    """Kalai–Smorodinsky: the largest equal share of each principal's ideal gain.

    The ideal gain of a principal is its largest gain over the candidate set. The score of a
    package is its smallest gain-to-ideal ratio; ties by leximin of those ratios.
    """
    return choose("kalai_smorodinsky", gains)


def egalitarian(gains: NDArray[np.float64]) -> Choice:
    """Egalitarian: maximise the smallest gain (leximin)."""
    return choose("egalitarian", gains)


def utilitarian(gains: NDArray[np.float64]) -> Choice:
    """Utilitarian: maximise the sum of gains (equivalently of utilities)."""
    return choose("utilitarian", gains)


SOLUTION_CONCEPTS = CONCEPTS
"""Every solution concept by name (:data:`accord.space.concepts.CONCEPTS`), in report order."""
