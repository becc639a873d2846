"""Bargaining analysis: ZOPA, bargaining solutions, verdict and diagnosis."""

from __future__ import annotations

from accord.bargaining.analysis import Analysis, HistoryCheck, Solution, Verdict, analyze
from accord.bargaining.diagnosis import BlockingIssue, Concession, Diagnosis, Shortfall
from accord.bargaining.solutions import (
    SOLUTION_CONCEPTS,
    Choice,
    egalitarian,
    kalai_smorodinsky,
    nash,
    utilitarian,
    weighted_nash,
)
from accord.bargaining.zopa import acceptable_options, zopa_mask

__all__ = [
    "SOLUTION_CONCEPTS",
    "Analysis",
    "BlockingIssue",
    "Choice",
    "Concession",
    "Diagnosis",
    "HistoryCheck",
    "Shortfall",
    "Solution",
    "Verdict",
    "acceptable_options",
    "analyze",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
    "weighted_nash",
    "zopa_mask",
]
