"""An additive space as independent blocks: issues, and compound issues tied by constraints.

Hard constraints only link the issues they name. Issues linked (directly or through a chain of
constraints) are grouped with union-find over the constraints' scopes; each group becomes one
*compound issue* whose options are the feasible combinations of its issues' options. The
feasible packages of the scenario are then exactly the Cartesian product of the blocks'
options, and each principal's utility is the sum of the blocks' contributions (in integer
lattice units, see :func:`accord.space.outcomes.issue_units`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import AnalysisError
from accord.scenario.negotiation.model import Scenario
from accord.space.outcomes import issue_units

__all__ = ["DEFAULT_MAX_BLOCK", "Block", "constraint_groups", "split_blocks"]

DEFAULT_MAX_BLOCK = 20_000_000
"""Largest number of combinations enumerated for one compound issue."""


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """One (possibly compound) issue of an additive space.

    Attributes
    ----------
    issues:
        Indices of the scenario's issues in this block, ascending.
    options:
        ``(n, len(issues))``: option index of each issue for each of the block's ``n`` options
        (for a compound issue: its feasible combinations, in C order).
    units:
        ``(n_principals, n)``: each principal's utility contribution in lattice units.
    """

    issues: tuple[int, ...]
    options: NDArray[np.int64]
    units: NDArray[np.int64]

    @property
    def size(self) -> int:
        return int(self.options.shape[0])


def constraint_groups(scenario: Scenario) -> list[tuple[int, ...]]:
    """Partition of the issues: issues linked by hard constraints share a group (union-find)."""
    n = len(scenario.issues)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in scenario.constraints:
        scope = [w.issue for w in c.when] + [c.then.issue]
        root = find(scope[0])
        for k in scope[1:]:
            other = find(k)
            if other != root:
                parent[other] = root
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(find(k), []).append(k)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])


def split_blocks(scenario: Scenario, *, max_block: int = DEFAULT_MAX_BLOCK) -> list[Block]:
    """The scenario's feasible space as blocks (one per constraint group), in issue order.

    Raises
    ------
    AnalysisError
        If a compound issue has more than ``max_block`` combinations before its constraints.
    """
    shape = scenario.shape
    units = [
        issue_units(scenario.preferences[a.id].weights, scenario.preferences[a.id].values)
        for a in scenario.principals
    ]
    m = len(units)
    blocks = []
    for group in constraint_groups(scenario):
        sub = tuple(shape[k] for k in group)
        n = int(np.prod(sub, dtype=np.float64))
        if n > max_block:
            names = ", ".join(scenario.issues[k].id for k in group)
            raise AnalysisError(
                f"the issues {names} are linked by hard constraints into one compound issue of "
                f"{n:,} combinations, more than the limit of {max_block:,}"
            )
        grids = np.indices(sub).reshape(len(group), -1)  # (g, n) option indices, C order
        ok = np.ones(n, dtype=bool)
        pos = {k: j for j, k in enumerate(group)}
        for c in scenario.constraints:
            if c.then.issue not in pos:
                continue
            violated = ~np.isin(grids[pos[c.then.issue]], list(c.then.allowed))
            for w in c.when:
                violated &= np.isin(grids[pos[w.issue]], list(w.allowed))
            ok &= ~violated
        opts = grids[:, ok].T.astype(np.int64)
        contrib = np.zeros((m, opts.shape[0]), dtype=np.int64)
        for i in range(m):
            for j, k in enumerate(group):
                contrib[i] += units[i][k][opts[:, j]]
        blocks.append(Block(group, np.ascontiguousarray(opts), contrib))
    return blocks
