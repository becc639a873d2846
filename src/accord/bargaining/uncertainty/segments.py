"""Bargaining solutions for many samples at once, over each sample's zone of agreement.

The candidates of all samples are listed together as ``(sample, package)`` pairs sorted by
sample and then package (a *segment* per sample). Each concept scores every pair and picks,
per segment, the best score with the tie-breaking rules of :mod:`accord.bargaining.solutions`
(within ``1e-9`` relative, then leximin of the gains rounded to 9 decimals, then the lowest
package), with ``numpy.maximum.reduceat`` instead of a loop over samples. The scores are the
formulas of :mod:`accord.bargaining.solutions` and :func:`accord.bargaining.winsets.ratified_nash`
written for pairs (a test checks every concept against them sample by sample).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import BoolArray, FloatArray, IntArray
from accord.space.concepts import CONCEPTS, Concept

__all__ = ["SAMPLED_CONCEPTS", "Segments", "choose_all", "pick"]

_EPS = 1e-9

SAMPLED_CONCEPTS = tuple(CONCEPTS)
"""The solution concepts (:data:`accord.space.concepts.CONCEPTS`, in its order);
``ratified_nash`` follows when the scenario has ratifiers."""


@dataclass(frozen=True, slots=True, eq=False)
class Segments:
    """Pairs grouped by sample: ``starts`` of each non-empty segment and its sample."""

    rows: IntArray
    starts: IntArray
    samples: IntArray

    @classmethod
    def of(cls, rows: IntArray) -> Segments:
        """Segments of ``rows`` (sorted ascending)."""
        if rows.size == 0:
            empty = np.zeros(0, dtype=np.int64)
            return cls(rows, empty, empty)
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]).astype(np.int64)
        return cls(rows, starts, rows[starts])

    def spread(self, per_segment: FloatArray | BoolArray) -> FloatArray:
        """A per-segment value on every pair of the segment."""
        counts = np.diff(np.r_[self.starts, self.rows.size])
        return np.asarray(np.repeat(per_segment, counts))

    def max(self, values: FloatArray) -> FloatArray:
        return (
            np.asarray(np.maximum.reduceat(values, self.starts)) if self.starts.size else values[:0]
        )


def pick(seg: Segments, score: FloatArray, tie: FloatArray) -> tuple[IntArray, IntArray]:
    """Per segment: the chosen pair and the number of pairs tied on the score."""
    best = seg.max(score)
    finite = np.isfinite(best)
    slack = np.where(finite, _EPS * np.maximum(1.0, np.abs(np.where(finite, best, 0.0))), 0.0)
    b, sl = seg.spread(best), seg.spread(slack)
    with np.errstate(invalid="ignore"):
        tied = np.where(np.isfinite(b), score >= b - sl, score == b)
    ties = np.add.reduceat(tied.astype(np.int64), seg.starts) if seg.starts.size else seg.starts
    keys = np.sort(np.round(tie, 9), axis=0)
    chosen = tied.copy()
    for j in range(keys.shape[0]):
        k = np.where(chosen, keys[j], -np.inf)
        chosen &= k == seg.spread(seg.max(k))
    index = np.where(chosen, np.arange(score.size), score.size)
    first = np.minimum.reduceat(index, seg.starts) if seg.starts.size else seg.starts
    return np.asarray(first, dtype=np.int64), np.asarray(ties, dtype=np.int64)


def _choose(
    seg: Segments, concept: Concept, gains: FloatArray, powers: FloatArray, ideal: FloatArray
) -> tuple[IntArray, IntArray, BoolArray]:
    """One concept's choice per segment, as :func:`accord.bargaining.solutions.choose`."""
    score = concept.score(gains, powers, ideal if concept.needs_ideal else None)
    tie = gains if concept.tiebreak is None else concept.tiebreak(gains, ideal)
    chosen, ties = pick(seg, score, tie)
    degenerate = np.zeros(seg.starts.size, dtype=bool)
    if concept.name in ("nash", "weighted_nash"):
        degenerate = ~np.isfinite(seg.max(score))
        if degenerate.any():
            alt, alt_ties = pick(seg, CONCEPTS["utilitarian"].score(gains, powers, None), gains)
            chosen, ties = np.where(degenerate, alt, chosen), np.where(degenerate, alt_ties, ties)
    return chosen, ties, degenerate


def choose_all(
    seg: Segments,
    gains: FloatArray,
    powers: FloatArray,
    joint: FloatArray | None,
) -> tuple[IntArray, IntArray, BoolArray]:
    """Every concept's choice per segment.

    Parameters
    ----------
    seg:
        The pairs' segments.
    gains:
        ``(m, n)`` each principal's gain over its no-deal value (>= 0) per pair.
    powers:
        ``(m, n)`` each principal's power, per pair (its sample's).
    joint:
        ``(m, n)`` each side's joint ratification probability per pair, or ``None`` without
        ratifiers (no ``ratified_nash``).

    Returns
    -------
    chosen, ties, degenerate:
        ``(C, segments)``: the chosen pair per concept (:data:`SAMPLED_CONCEPTS` order), the
        size of the tie on its criterion, and whether the choice is degenerate.
    """
    ideal = np.stack([seg.spread(seg.max(g)) for g in gains]) if gains.size else gains
    found = [_choose(seg, c, gains, powers, ideal) for c in CONCEPTS.values()]
    if joint is not None:
        # ratification-weighted Nash (accord.bargaining.winsets.ratified_nash): the
        # power-weighted Nash score plus the log of every side's ratification probability
        log_gain = CONCEPTS["weighted_nash"].score(gains, powers, None)
        with np.errstate(divide="ignore"):
            log_p = np.log(np.clip(joint, 0.0, 1.0)).sum(axis=0)
        score = log_gain + log_p
        c, t = pick(seg, score, gains)
        degenerate = ~np.isfinite(seg.max(score))
        if degenerate.any():
            alt, alt_t = pick(seg, np.where(np.isfinite(log_p), log_p, -np.inf), gains)
            c, t = np.where(degenerate, alt, c), np.where(degenerate, alt_t, t)
        found.append((c, t, degenerate))
    return (
        np.stack([f[0] for f in found]),
        np.stack([f[1] for f in found]),
        np.stack([f[2] for f in found]),
    )
