"""Outcome spaces: feasible packages, vectorised utilities, the Pareto frontier."""

from __future__ import annotations

from accord.space.outcomes import (
    DEFAULT_MAX_PACKAGES,
    OutcomeSpace,
    build_space,
    feasibility_mask,
    utility_grid,
)
from accord.space.pareto import pareto_mask

__all__ = [
    "DEFAULT_MAX_PACKAGES",
    "OutcomeSpace",
    "build_space",
    "feasibility_mask",
    "pareto_mask",
    "utility_grid",
]
