"""The analysis of a scenario for many samples of its uncertain numbers, as array computations.

For a chunk of ``S`` samples: every principal's margin over its no-deal value for every
package (``(S, H, T)``, :mod:`.grid`); the packages each principal accepts and those all
accept (the negotiators' common ground) through the acceptability predicate
(:func:`accord.space.acceptability.acceptable`); then, on the common packages only, the
ratifiers' probabilities (:func:`accord.space.acceptability.ratify`) and the predicate again
with ratification: the win-sets and their intersection. A package outside the principals'
common ground fails the predicate whatever its ratifiers do, so computing ratification only
there changes no verdict and saves most of the work. Solutions are chosen over each sample's
zone of agreement (:mod:`.segments`); the reasons for no deal and each ratifier's pivotality
are array facts too. There is no Python loop over samples or packages.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from accord._types import BoolArray, FloatArray, IntArray
from accord.bargaining.uncertainty.grid import PackageGrid
from accord.bargaining.uncertainty.outcomes import REASONS, SampleOutcomes
from accord.bargaining.uncertainty.private import propose
from accord.bargaining.uncertainty.segments import SAMPLED_CONCEPTS, Segments, choose_all
from accord.bargaining.uncertainty.tables import Draw, ScenarioTables
from accord.scenario.negotiation.model import Scenario
from accord.scenario.uncertainty.model import Declaration
from accord.space import acceptability as predicate
from accord.space.acceptability import LEVEL_TOLERANCE, ratify
from accord.space.outcomes import SCALE, feasibility_mask

__all__ = ["SampledAnalysis"]


class SampledAnalysis:
    """The analysis of ``scenario`` for samples of its declared uncertain numbers.

    Parameters
    ----------
    scenario:
        As loaded, forecast-driven levers resolved, lever effects not applied.
    declaration:
        The declared uncertainty (default: the scenario's own; ``None`` for none).
    """

    def __init__(self, scenario: Scenario, declaration: Declaration | None = None) -> None:
        declaration = declaration if declaration is not None else scenario.uncertainty
        self.scenario = scenario
        self.declaration = declaration
        self.tables = ScenarioTables(scenario, declaration)
        ok, _ = feasibility_mask(scenario)
        self.grid = PackageGrid.build(scenario.shape, ok)
        self.feasible = np.flatnonzero(self.grid.feasible.ravel()).astype(np.int64)
        """Flat indices of the feasible packages (ascending)."""
        self.penalty = np.where(self.grid.feasible, 0.0, -np.inf)
        """``(H, T)``: 0 for a feasible package, -inf for one breaking a hard constraint."""
        self.principals = tuple(a.id for a in scenario.principals)
        self.ratifiers = tuple(a.id for a in scenario.ratifiers)
        self.side = np.array(
            [self.principals.index(str(a.of)) for a in scenario.ratifiers], dtype=np.int64
        )
        self.beliefs = () if declaration is None else declaration.beliefs
        self.concepts = SAMPLED_CONCEPTS + (("ratified_nash",) if self.ratifiers else ())

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters' paths, the columns of a parameter matrix."""
        return self.tables.names

    def bytes_per_sample(self, *, margins: bool = False) -> int:
        """Peak working memory of one sample: the grids and masks, and the pairs at worst."""
        n, m, r = self.grid.size, len(self.principals), len(self.ratifiers)
        grids = m + 2 + (r + 2 if margins else 0)
        masks = m + 2 + r + 2
        pairs = 8 * (3 * m + r + 8) * (n if (self.beliefs or r) else 1)
        return n * (8 * grids + masks) + pairs

    def evaluate(self, x: FloatArray, *, margins: bool = False) -> SampleOutcomes:
        """The analysis for the parameter numbers ``x`` ``(S, D)`` (one sample per row).

        With ``margins`` the largest joint margin over feasible packages is computed too
        (the smooth output of the sensitivity analysis; it costs a grid per ratifier).
        """
        draw = self.tables.draw(x)
        s_n, m, n_c = draw.size, len(self.principals), len(self.concepts)
        halves = [self.grid.halves(draw.units[:, i], draw.no_deal_units[:, i]) for i in range(m)]
        # each principal's margin over its no-deal value, infeasible packages at -inf
        grids = []
        for i in range(m):
            g = self.grid.fill(*halves[i])
            g += self.penalty
            grids.append(g)
        low = np.minimum(grids[0], grids[1]) if m > 1 else grids[0]
        for g in grids[2:]:
            np.minimum(low, g, out=low)
        # a principal accepts a package when its utility is at least its no-deal value
        negotiators = predicate.acceptable(low.max(axis=(1, 2)), 0.0, 1.0, 0.0)
        some = np.flatnonzero(negotiators)
        # with a common package nobody is out of reach; otherwise look at each one's best
        unreachable = np.zeros((s_n, m), dtype=bool)
        apart = np.flatnonzero(~negotiators)
        if apart.size:
            best = np.stack([g[apart].max(axis=(1, 2)) for g in grids], axis=1)
            unreachable[apart] = ~predicate.acceptable(best, 0.0, 1.0, 0.0)
        every = np.arange(s_n, dtype=np.int64)
        conditions = self.ratifier_conditions(draw, every if self.beliefs else some)
        candidates = predicate.acceptable(low, 0.0, 1.0, 0.0)[some]
        ratifiable = self._ratifiable(conditions, some if self.beliefs else None)
        if ratifiable is not None:  # only packages all but at most one ratifier could pass
            candidates &= ratifiable
        flat = np.flatnonzero(candidates)  # (one index array: faster than a 3-D nonzero)
        n_pk = self.grid.size
        rows, pk = some[flat // n_pk].astype(np.int64), (flat % n_pk).astype(np.int64)
        u_units = np.stack(
            [self.grid.at(halves[i], rows, pk) + draw.no_deal_units[rows, i] for i in range(m)]
        )
        probs = self._ratifier_probabilities(draw, rows, pk)
        joint = self._joint(probs, rows.size)
        member = np.stack(
            [
                predicate.acceptable(
                    u_units[i], draw.no_deal_units[rows, i], joint[i], draw.level[rows]
                )
                for i in range(m)
            ]
        )
        in_zopa = member.all(axis=0)
        zopa = np.bincount(rows[in_zopa], minlength=s_n).astype(np.int64)
        deal = zopa > 0
        pivotal = self._pivotal(draw, rows, u_units, probs, member, deal, negotiators)
        reason = np.full(s_n, REASONS.index("ratifiers"), dtype=np.int64)
        reason[~negotiators] = REASONS.index("negotiators")
        reason[unreachable.any(axis=1)] = REASONS.index("unreachable")
        if not self.grid.feasible.any():
            reason[:] = REASONS.index("no_feasible")
        reason[deal] = REASONS.index("deal")
        solution = np.full((s_n, n_c), -1, dtype=np.int64)
        utility = np.full((s_n, n_c, m), np.nan)
        degenerate = np.zeros((s_n, n_c), dtype=bool)
        sel = np.flatnonzero(in_zopa)
        if sel.size:
            seg = Segments.of(rows[sel])
            u = u_units[:, sel] / SCALE
            gains = np.maximum(u - draw.no_deal[rows[sel]].T, 0.0)
            chosen, _, degen = choose_all(
                seg, gains, draw.powers[rows[sel]].T, joint[:, sel] if self.ratifiers else None
            )
            for c in range(n_c):
                solution[seg.samples, c] = pk[sel][chosen[c]]
                utility[seg.samples, c] = u[:, chosen[c]].T
                degenerate[seg.samples, c] = degen[c]
        private, proposal = self._private(draw, halves, grids, conditions, deal)
        return SampleOutcomes(
            deal=deal,
            negotiators=negotiators,
            zopa=zopa,
            reason=reason,
            unreachable=unreachable,
            pivotal=pivotal,
            solution=solution,
            utility=utility,
            degenerate=degenerate,
            no_deal=draw.no_deal,
            margin=self._margin(draw, low) if margins else np.full(s_n, np.nan),
            private_deal=private,
            proposal=proposal,
        )

    def utilities(
        self, x: FloatArray, rows: IntArray | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Per sample, every principal's utility of every feasible package (in ascending
        package order, as in :class:`~accord.negotiate.domain.NegotiationDomain`) and its
        no-deal value: ``(S, m, n_feasible)`` and ``(S, m)``. Preferences drawn per run.

        With ``rows`` (indices into the feasible packages) only those packages are valued,
        ``(S, m, len(rows))``: one gather per issue instead of the whole grid.
        """
        draw = self.tables.draw(x)
        m = len(self.principals)
        if rows is not None:
            flat = self.feasible[np.asarray(rows, dtype=np.int64)]
            opts = np.stack(np.unravel_index(flat, self.grid.shape), axis=1)
            part = np.zeros((draw.size, m, flat.size))
            for k in range(opts.shape[1]):
                part += draw.units[:, :m, k, :][:, :, opts[:, k]]
            part /= SCALE
            return part, draw.no_deal
        out = np.empty((draw.size, m, self.feasible.size))
        for i in range(m):
            grid = self.grid.fill(*self.grid.halves(draw.units[:, i]))
            np.take(grid.reshape(draw.size, -1), self.feasible, axis=1, out=out[:, i])
        out /= SCALE
        return out, draw.no_deal

    def ratifier_conditions(self, draw: Draw, rows: IntArray) -> list[BoolArray]:
        """Per ratifier, ``(len(rows), H, T)``: a necessary condition for its side's joint
        ratification probability to reach the level, for samples ``rows``.

        A side's joint probability is at most that of each of its ratifiers, so reaching the
        level needs ``Phi((U - t) / sigma) >= level``, that is
        ``U >= t + sigma * Phi^-1(level)`` (``U >= t`` for a deterministic ratifier). The test
        is taken with a small slack: it only rules packages out, the acceptability predicate
        decides on the rest.
        """
        m = len(self.principals)
        z = ndtri(np.clip(draw.level[rows] - LEVEL_TOLERANCE, 0.0, 1.0)) - 1e-6
        out = []
        for j in range(len(self.ratifiers)):
            sigma = draw.sigma[rows, j]
            bound = draw.threshold[rows, j] + np.where(np.isnan(sigma), 0.0, sigma * z)
            offset = np.where(np.isnan(sigma), bound * SCALE - 16.0, bound * SCALE)
            head, tail = self.grid.halves(draw.units[rows, m + j], offset)
            grid = self.grid.fill(head, tail)
            out.append(np.greater_equal(grid, 0.0))
        return out

    def _ratifiable(self, conditions: list[BoolArray], rows: IntArray | None) -> BoolArray | None:
        """``(len(rows), H, T)``: packages that meet the necessary ratification condition of
        every ratifier but at most one (what the win-sets and each ratifier's pivotality
        need); with a single ratifier, those that meet its condition; ``None`` without
        ratifiers. ``rows`` picks rows of ``conditions`` (``None``: all)."""
        if not self.ratifiers:
            return None
        conds = conditions if rows is None else [c[rows] for c in conditions]
        if len(conds) == 1:  # its pivotality needs no pairs (see _pivotal)
            return conds[0]
        count = np.zeros(conds[0].shape, dtype=np.int8)
        for c in conds:
            count += c
        return np.asarray(count >= len(conds) - 1)

    def _ratifier_probabilities(self, draw: Draw, rows: IntArray, pk: IntArray) -> FloatArray:
        """``(R, n)`` each ratifier's probability of ratifying package ``pk[i]`` of sample
        ``rows[i]``."""
        m = len(self.principals)
        out = np.empty((len(self.ratifiers), rows.size))
        for j in range(len(self.ratifiers)):
            u = self.grid.gather(draw.units[:, m + j], rows, pk) / SCALE
            sigma = draw.sigma[rows, j]
            out[j] = ratify(u, draw.threshold[rows, j], None if np.isnan(sigma).all() else sigma)
        return out

    def _joint(self, probs: FloatArray, n: int, skip: int = -1) -> FloatArray:
        """``(m, n)`` each side's joint ratification probability (ratifier ``skip`` left out)."""
        joint = np.ones((len(self.principals), n))
        for j, side in enumerate(self.side):
            if j != skip:
                joint[side] *= probs[j]
        return joint

    def _pivotal(
        self,
        draw: Draw,
        rows: IntArray,
        u_units: FloatArray,
        probs: FloatArray,
        member: BoolArray,
        deal: BoolArray,
        negotiators: BoolArray,
    ) -> BoolArray:
        """``(S, R)``: with no deal, leaving this ratifier out alone would open one."""
        out = np.zeros((deal.size, len(self.ratifiers)), dtype=bool)
        if len(self.ratifiers) == 1:  # without it the win-sets are the principals' own
            out[:, 0] = negotiators & ~deal
            return out
        open_ = ~deal[rows]
        for j, side in enumerate(self.side):
            joint = self._joint(probs[:, open_], int(open_.sum()), skip=j)
            alt = member[:, open_].copy()
            r_open = rows[open_]
            alt[side] = predicate.acceptable(
                u_units[side, open_],
                draw.no_deal_units[r_open, side],
                joint[side],
                draw.level[r_open],
            )
            out[r_open[alt.all(axis=0)], j] = True
        return out

    def _margin(self, draw: Draw, low: FloatArray) -> FloatArray:
        """``(S,)``: max over feasible packages of the smallest margin of any principal or
        ratifier, in utility. A ratifier's margin is ``U - threshold - sigma * z`` with
        ``z = Phi^-1(level^(1/k))`` for a side with ``k`` probabilistic ratifiers (exact for
        one; deterministic ratifiers have ``sigma * z = 0``)."""
        m = len(self.principals)
        k = np.bincount(self.side[~np.isnan(self.tables.sigma_file)], minlength=m).astype(
            np.float64
        )
        for j, side in enumerate(self.side):
            sigma = np.nan_to_num(draw.sigma[:, j], nan=0.0)
            z = ndtri(draw.level ** (1.0 / max(k[side], 1.0)))
            offset = (draw.threshold[:, j] + sigma * z) * SCALE
            np.minimum(low, self.grid.utilities(draw.units[:, m + j], offset), out=low)
        return np.asarray(low.reshape(draw.size, -1).max(axis=1) / SCALE)

    def _private(
        self,
        draw: Draw,
        halves: list[tuple[FloatArray, FloatArray]],
        grids: list[FloatArray],
        conditions: list[BoolArray],
        deal: BoolArray,
    ) -> tuple[BoolArray, IntArray]:
        """Deals and proposals when each side only believes the others' no-deal values."""
        s_n, m = draw.size, len(self.principals)
        if not self.beliefs:
            return deal.copy(), np.full((s_n, m), -1, dtype=np.int64)
        return propose(self, draw, halves, grids, conditions)
