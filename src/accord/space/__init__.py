"""Outcome spaces: feasible packages, vectorised utilities, the Pareto frontier."""

from __future__ import annotations

from accord.space.blocks import Block, constraint_groups, split_blocks
from accord.space.frontier import Frontier
from accord.space.merge import merge_frontier
from accord.space.method import ENUMERATE_LIMIT, Exploration, ZopaCount, explore
from accord.space.outcomes import (
    DEFAULT_MAX_PACKAGES,
    SCALE,
    OutcomeSpace,
    build_space,
    feasibility_mask,
    issue_units,
    reservation_units,
    utility_grid,
)
from accord.space.pareto import pareto_mask
from accord.space.stream import DEFAULT_MEMORY, StreamResult, iter_zopa, stream_space

__all__ = [
    "DEFAULT_MAX_PACKAGES",
    "DEFAULT_MEMORY",
    "ENUMERATE_LIMIT",
    "SCALE",
    "Block",
    "Exploration",
    "Frontier",
    "OutcomeSpace",
    "StreamResult",
    "ZopaCount",
    "build_space",
    "constraint_groups",
    "explore",
    "feasibility_mask",
    "issue_units",
    "iter_zopa",
    "merge_frontier",
    "pareto_mask",
    "reservation_units",
    "split_blocks",
    "stream_space",
    "utility_grid",
]
