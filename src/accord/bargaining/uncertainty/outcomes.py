"""What the analysis finds in each sample: one small array per fact, one row per sample."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from accord._types import BoolArray, FloatArray, IntArray

__all__ = ["REASONS", "SampleOutcomes"]

REASONS = (
    "deal",
    "no_feasible",
    "unreachable",
    "negotiators",
    "ratifiers",
)
"""Codes of :attr:`SampleOutcomes.reason`: a deal; no package satisfies the hard constraints;
some principal's no-deal value is above every feasible package; the negotiators' no-deal values
leave no common package; the negotiators could agree but ratification fails."""


@dataclass(frozen=True, slots=True, eq=False)
class SampleOutcomes:
    """Per-sample results (``S`` rows; ``m`` principals, ``R`` ratifiers, ``C`` concepts).

    Attributes
    ----------
    deal:
        ``(S,)`` the win-sets intersect (a zone of agreement exists).
    negotiators:
        ``(S,)`` the principals alone have a common acceptable package.
    zopa:
        ``(S,)`` number of packages in every win-set.
    reason:
        ``(S,)`` index into :data:`REASONS`.
    unreachable:
        ``(S, m)`` the principal accepts no feasible package.
    pivotal:
        ``(S, R)`` without this ratifier (the others kept) a deal would exist; only where
        there is none.
    solution:
        ``(S, C)`` flat package index each concept picks, -1 without a deal.
    utility:
        ``(S, C, m)`` each principal's utility of that package (NaN without a deal).
    degenerate:
        ``(S, C)`` the choice is degenerate (no strictly positive product of gains).
    no_deal:
        ``(S, m)`` each principal's no-deal value.
    margin:
        ``(S,)`` the largest joint margin over feasible packages (positive iff a deal exists
        when each side has at most one probabilistic ratifier); NaN when not computed.
    private_deal:
        ``(S,)`` with each side's beliefs about the others, a proposal is accepted.
    proposal:
        ``(S, m)`` each principal's proposal under its beliefs (-1: none).
    """

    deal: BoolArray
    negotiators: BoolArray
    zopa: IntArray
    reason: IntArray
    unreachable: BoolArray
    pivotal: BoolArray
    solution: IntArray
    utility: FloatArray
    degenerate: BoolArray
    no_deal: FloatArray
    margin: FloatArray
    private_deal: BoolArray
    proposal: IntArray

    @property
    def size(self) -> int:
        return int(self.deal.shape[0])

    @classmethod
    def concat(cls, parts: Sequence[SampleOutcomes]) -> SampleOutcomes:
        """The rows of ``parts`` one after the other."""
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )

    def payoffs(self, concept: int = 0) -> FloatArray:
        """``(S, m)`` each principal's utility at the concept's package, its no-deal value
        where there is no deal."""
        return np.asarray(np.where(self.deal[:, None], self.utility[:, concept], self.no_deal))
