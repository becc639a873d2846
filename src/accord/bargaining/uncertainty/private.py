"""Private information (Fearon 1995): each side only believes what no agreement is worth to the
others, so talks can fail although a zone of agreement exists.

The model (design note uncertainty.md §2): each side ``i`` knows its own no-deal value and
the others' utilities and ratifiers, and holds a belief ``F_ij`` about each other side ``j``'s
no-deal value (a side without a declared belief about ``j`` knows it). It proposes the
package of its own win-set that maximises its expected gain

    E_i(p) = (u_i(p) - r_i) * prod_j q_ij(p),
    q_ij(p) = F_ij(u_j(p)) if j's ratifiers ratify p (at the level), else 0

(the probability, in its belief, that ``j`` accepts), ties going to the larger acceptance
probability, then the first package. A deal happens when some side's proposal is acceptable
to every other side, judged with their true numbers by the acceptability predicate. With
every belief exact this is a deal exactly when a zone of agreement exists; a belief that
puts a side's no-deal value too low makes the holder overreach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, FloatArray, IntArray
from accord.bargaining.uncertainty.segments import Segments, pick
from accord.bargaining.uncertainty.tables import Draw
from accord.space import acceptability as predicate
from accord.space.outcomes import SCALE

if TYPE_CHECKING:
    from accord.bargaining.uncertainty.engine import SampledAnalysis

__all__ = ["propose"]


def propose(
    analysis: SampledAnalysis,
    draw: Draw,
    halves: list[tuple[FloatArray, FloatArray]],
    grids: list[FloatArray],
    conditions: list[BoolArray],
) -> tuple[BoolArray, IntArray]:
    """Per sample: is some side's proposal accepted; each side's proposal (-1: none).

    ``halves[i]``: principal ``i``'s head and tail sums of its margin over its no-deal value
    (lattice units; see :class:`~accord.bargaining.uncertainty.grid.PackageGrid`);
    ``grids[i]`` ``(S, H, T)``: that margin for every package (-inf if infeasible);
    ``conditions[j]``: ratifier ``j``'s necessary condition
    (:meth:`~accord.bargaining.uncertainty.engine.SampledAnalysis.ratifier_conditions`).
    """
    s_n, m = draw.size, len(halves)
    grid = analysis.grid
    beliefs = {(b.holder, b.about): b for b in analysis.beliefs}
    ids = analysis.principals
    deal = np.zeros(s_n, dtype=bool)
    proposal = np.full((s_n, m), -1, dtype=np.int64)
    for i in range(m):
        margin = grids[i]
        mine = predicate.acceptable(margin, 0.0, 1.0, 0.0)
        for cond, side in zip(conditions, analysis.side, strict=True):
            if side == i:  # what its own ratifiers could never pass is not in its win-set
                mine &= cond
        flat = np.flatnonzero(mine)
        rows, pk = (flat // grid.size).astype(np.int64), (flat % grid.size).astype(np.int64)
        r_units = draw.no_deal_units[rows]
        u_units = np.stack([grid.at(halves[j], rows, pk) + r_units[:, j] for j in range(m)])
        joint = analysis._joint(analysis._ratifier_probabilities(draw, rows, pk), rows.size)
        level = draw.level[rows]
        member = np.stack(
            [predicate.acceptable(u_units[j], r_units[:, j], joint[j], level) for j in range(m)]
        )
        own = np.flatnonzero(member[i])
        rows, pk, u_units, joint, member, level = (
            rows[own],
            pk[own],
            u_units[:, own],
            joint[:, own],
            member[:, own],
            level[own],
        )
        if rows.size == 0:
            continue
        q = np.ones(rows.size)
        for j in range(m):
            if j == i:
                continue
            belief = beliefs.get((ids[i], ids[j]))
            if belief is None:
                q = q * member[j]
                continue
            ratified = predicate.acceptable(0.0, 0.0, joint[j], level)
            truth = draw.no_deal[rows, j]
            q = q * belief.cdf(u_units[j] / SCALE, truth) * ratified
        gain = (u_units[i] - draw.no_deal_units[rows, i]) / SCALE
        seg = Segments.of(rows)
        chosen, _ = pick(seg, gain * q, q[None, :])
        proposal[seg.samples, i] = pk[chosen]
        others = np.asarray(np.delete(member, i, axis=0).all(axis=0), dtype=bool)
        deal[seg.samples[others[chosen]]] = True
    return deal, proposal
