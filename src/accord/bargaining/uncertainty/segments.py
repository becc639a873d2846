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

__all__ = ["CONCEPTS", "Segments", "choose_all", "pick"]

_EPS = 1e-9

CONCEPTS = ("nash", "weighted_nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
"""The solution concepts, in the order of :data:`accord.bargaining.solutions.SOLUTION_CONCEPTS`;
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


def _log_gains(gains: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        return np.asarray(np.log(np.where(gains > _EPS, gains, 0.0)))


def _nash(seg: Segments, gains: FloatArray, p: FloatArray) -> tuple[IntArray, IntArray, BoolArray]:
    logs = _log_gains(gains)
    with np.errstate(invalid="ignore"):
        score = np.where(p > 0, p * logs, 0.0).sum(axis=0)
    chosen, ties = pick(seg, score, gains)
    degenerate = ~np.isfinite(seg.max(score))
    if degenerate.any():
        alt, alt_ties = pick(seg, gains.sum(axis=0), gains)
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
        ``(C, segments)``: the chosen pair per concept, the size of the tie on its
        criterion, and whether the choice is degenerate (no strictly positive product).
    """
    found: list[tuple[IntArray, IntArray, BoolArray]] = []
    ones = np.ones_like(gains)
    found.append(_nash(seg, gains, ones))
    total = powers.sum(axis=0)
    p = np.where(total > 0, powers / np.where(total > 0, total, 1.0), 1.0 / gains.shape[0])
    found.append(_nash(seg, gains, p))
    ideal = np.stack([seg.spread(seg.max(g)) for g in gains]) if gains.size else gains
    safe = np.where(ideal > _EPS, ideal, 1.0)
    ratios = np.where(ideal > _EPS, gains / safe, 1.0)
    no = np.zeros(seg.starts.size, dtype=bool)
    for score, tie in (
        (ratios.min(axis=0), ratios),
        (gains.min(axis=0), gains),
        (gains.sum(axis=0), gains),
    ):
        c, t = pick(seg, score, tie)
        found.append((c, t, no))
    if joint is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            log_gain = (p * _log_gains(gains)).sum(axis=0)
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
