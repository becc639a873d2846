"""The one list of bargaining solution concepts, as scores over candidate packages.

Each concept scores a set of candidate packages from each principal's *gain* (utility minus
its no-deal value, all >= 0 on the zone of agreement); the chosen package is the one with the
highest score, ties broken by leximin (see :mod:`accord.bargaining.solutions`). The analysis,
the stream scorer (:mod:`accord.space.stream`), the ratified Nash solution, the history check
and every report read this list, so a new concept added here appears everywhere at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray

__all__ = ["CONCEPTS", "GAIN_EPS", "Concept", "concept_titles", "ideal_point"]

GAIN_EPS = 1e-9
"""A gain at or below this counts as zero (a package that leaves a side no better off)."""

Score = Callable[[FloatArray, FloatArray, FloatArray | None], FloatArray]
"""``score(gains (m, n), powers (m,), ideal (m,) or None) -> (n,)``, higher is better; powers
and ideal may also be ``(m, n)``, one column per candidate."""


def _column(x: FloatArray) -> FloatArray:
    """A per-principal vector ``(m,)`` as a column; a per-candidate ``(m, n)`` matrix as it is
    (when candidates of many samples are scored together, each with its sample's powers)."""
    return x[:, None] if x.ndim == 1 else x


def ideal_point(gains: FloatArray) -> FloatArray:
    """Each principal's largest gain over the candidates (the Kalai–Smorodinsky ideal)."""
    return np.asarray(gains.max(axis=1), dtype=np.float64)


def _logs(gains: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        return np.asarray(np.log(np.where(gains > GAIN_EPS, gains, 0.0)), dtype=np.float64)


def _nash(gains: FloatArray, powers: FloatArray, ideal: FloatArray | None) -> FloatArray:
    return np.asarray(_logs(gains).sum(axis=0), dtype=np.float64)


def _weighted_nash(gains: FloatArray, powers: FloatArray, ideal: FloatArray | None) -> FloatArray:
    p = np.asarray(powers, dtype=np.float64)
    total = p.sum(axis=0)
    p = np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / p.shape[0])
    logs = _logs(gains)
    # a principal with power 0 drops out of the product (0 * log 0 would be NaN)
    with np.errstate(invalid="ignore"):
        weighted = np.where(_column(p) > 0, _column(p) * logs, 0.0)
    return np.asarray(weighted.sum(axis=0), dtype=np.float64)


def ks_ratios(gains: FloatArray, ideal: FloatArray | None = None) -> FloatArray:
    """Each principal's gain as a share of its ideal gain (1 where the ideal is zero)."""
    top = ideal_point(gains) if ideal is None else np.asarray(ideal, dtype=np.float64)
    safe = _column(np.where(top > GAIN_EPS, top, 1.0))
    return np.asarray(np.where(_column(top) > GAIN_EPS, gains / safe, 1.0))


def _ks(gains: FloatArray, powers: FloatArray, ideal: FloatArray | None) -> FloatArray:
    return np.asarray(ks_ratios(gains, ideal).min(axis=0), dtype=np.float64)


def _egalitarian(gains: FloatArray, powers: FloatArray, ideal: FloatArray | None) -> FloatArray:
    return np.asarray(gains.min(axis=0), dtype=np.float64)


def _utilitarian(gains: FloatArray, powers: FloatArray, ideal: FloatArray | None) -> FloatArray:
    return np.asarray(gains.sum(axis=0), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Concept:
    """A solution concept: its name, its title in reports, its score and its tie-break.

    ``tiebreak`` gives the matrix whose leximin order breaks ties (default: the gains);
    ``needs_ideal`` marks a score that needs each principal's ideal gain over the whole
    candidate set (a stream must be given it).
    """

    name: str
    title: str
    score: Score
    needs_ideal: bool = False
    tiebreak: Callable[[FloatArray, FloatArray | None], FloatArray] | None = None
    description: str = ""


CONCEPTS: dict[str, Concept] = {
    c.name: c
    for c in (
        Concept(
            "nash",
            "Nash",
            _nash,
            description="maximises the product of the gains over the no-deal values",
        ),
        Concept(
            "weighted_nash",
            "power-weighted Nash",
            _weighted_nash,
            description="maximises the product of the gains, each raised to its side's power",
        ),
        Concept(
            "kalai_smorodinsky",
            "Kalai–Smorodinsky",
            _ks,
            needs_ideal=True,
            tiebreak=ks_ratios,
            description="maximises the smallest gain as a share of that side's ideal gain",
        ),
        Concept(
            "egalitarian",
            "egalitarian (max-min gain)",
            _egalitarian,
            description="maximises the smallest gain",
        ),
        Concept(
            "utilitarian",
            "utilitarian (max total)",
            _utilitarian,
            description="maximises the sum of the gains",
        ),
    )
}
"""Every solution concept by name, in report order."""


def concept_titles(names: tuple[str, ...] | list[str]) -> str:
    """``"Nash, egalitarian (max-min gain) and utilitarian (max total)"``; "all N concepts"
    when every concept is named."""
    titles = [CONCEPTS[n].title if n in CONCEPTS else n for n in names]
    if len(titles) == len(CONCEPTS) and set(names) == set(CONCEPTS):
        return f"all {len(titles)} solution concepts"
    if len(titles) == 1:
        return f"the {titles[0]}"
    return ", ".join(titles[:-1]) + f" and {titles[-1]}"
