"""A scenario's numbers as arrays over samples: what each draw of the declared parameters makes
of the weights, option values, no-deal values, thresholds, sigmas, level and powers.

:class:`ScenarioTables` holds the scenario's own numbers (lever effects not yet folded in) and
the declared parameters' targets; :meth:`ScenarioTables.draw` turns a ``(S, D)`` matrix of
parameter numbers into a :class:`Draw`: per sample, each actor's per-issue contributions
``weight * value`` in integer lattice units (:data:`accord.space.outcomes.SCALE`), the
principals' no-deal values, the ratifiers' thresholds and sigmas, the level and the powers.

Lever effects of each lever's current setting are folded in per sample the way
:func:`accord.scenario.negotiation.adjust.apply_levers` folds them into one scenario: option
value shifts in lever and effect order, each clipped to [0, 1]; package-valued no-deal values
and thresholds re-evaluated with the shifted values; then the shifts added. Every rounding step
is the one the deterministic analysis takes, so a draw at the file's numbers gives exactly the
numbers ``accord run`` works with (a test holds this on every built-in scenario).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord._types import FloatArray, IntArray
from accord.scenario.negotiation.model import Scenario
from accord.scenario.uncertainty.model import Declaration, Quantity
from accord.space.outcomes import SCALE, TOLERANCE_DECIMALS

__all__ = ["Draw", "ScenarioTables"]


@dataclass(frozen=True, slots=True, eq=False)
class Draw:
    """The scenario's numbers for ``S`` samples.

    Attributes
    ----------
    units:
        ``(S, A, K, O)``: per actor (principals, then ratifiers), issue and option, the
        contribution ``weight * value`` in integer lattice units (stored as floats: sums of
        them are exact in any order). Options past an issue's last are 0.
    no_deal_units:
        ``(S, m)``: each principal's no-deal value in lattice units (integers).
    threshold:
        ``(S, R)``: each ratifier's threshold (rounded as the deterministic rule rounds it).
    sigma:
        ``(S, R)``: each ratifier's sigma, NaN for a deterministic ratifier.
    level:
        ``(S,)``: the ratification level.
    powers:
        ``(S, m)``: the principals' powers.
    """

    units: FloatArray
    no_deal_units: FloatArray
    threshold: FloatArray
    sigma: FloatArray
    level: FloatArray
    powers: FloatArray

    @property
    def size(self) -> int:
        return int(self.units.shape[0])

    @property
    def no_deal(self) -> FloatArray:
        """``(S, m)``: the no-deal values as utilities."""
        return np.asarray(self.no_deal_units / SCALE)


@dataclass(frozen=True, slots=True)
class _Effect:
    actor: int
    shift: float
    shift_column: int
    values: tuple[tuple[int, int, float, int], ...]
    """``(issue, option, shift, column)``; column -1 when the shift is not declared."""


class ScenarioTables:
    """The numbers of ``scenario`` as arrays, and the declared parameters' places in them.

    Parameters
    ----------
    scenario:
        The scenario as loaded, forecast-driven levers resolved, lever effects not applied.
    declaration:
        Its declared uncertainty (``None``: no parameter; every draw is the file's numbers).
    """

    def __init__(self, scenario: Scenario, declaration: Declaration | None) -> None:
        if scenario.levers_applied:
            raise ValueError("ScenarioTables needs the scenario before apply_levers")
        self.scenario = scenario
        self.declaration = declaration
        principals, ratifiers = scenario.principals, scenario.ratifiers
        self.actors = tuple(a.id for a in (*principals, *ratifiers))
        self.m, self.r = len(principals), len(ratifiers)
        shape = scenario.shape
        self.shape = shape
        k, o = len(shape), max(shape)
        a_n = len(self.actors)
        self.values = np.zeros((a_n, k, o))
        self.weights = np.zeros((a_n, k))
        self.written = np.zeros((a_n, k))
        for i, aid in enumerate(self.actors):
            pref = scenario.preferences[aid]
            self.weights[i] = pref.weights
            written = scenario.written_weights.get(aid, tuple(pref.weights))
            self.written[i] = written
            for j, v in enumerate(pref.values):
                self.values[i, j, : len(v)] = v
        self.no_deal_file = np.array([float(a.reservation or 0.0) for a in principals])
        self.no_deal_pkg = [
            None
            if a.reservation_package is None
            else scenario.package_indices(a.reservation_package)
            for a in principals
        ]
        self.threshold_file = np.array([float(a.threshold or 0.0) for a in ratifiers])
        self.threshold_pkg = [
            None if a.threshold_package is None else scenario.package_indices(a.threshold_package)
            for a in ratifiers
        ]
        self.sigma_file = np.array([np.nan if a.sigma is None else a.sigma for a in ratifiers])
        self.power_file = np.array([a.power for a in principals])
        params = () if declaration is None else declaration.parameters
        self.names = tuple(p.path for p in params)
        self._column = {p.path: d for d, p in enumerate(params)}
        self._params = params
        self.effects = self._effects()
        self.weighted = sorted(
            {
                self.actors.index(p.target.actor)
                for p in params
                if p.target.quantity is Quantity.weight
            }
        )

    def _effects(self) -> tuple[_Effect, ...]:
        """The effects of each lever's current setting, with their declared columns."""
        cols: dict[tuple[str, str, int, int, int], int] = {}
        for d, p in enumerate(self._params):
            t = p.target
            if t.quantity in (Quantity.effect_shift, Quantity.effect_value):
                cols[(t.lever, t.setting, t.effect, t.issue, t.option)] = d
        out = []
        for lv in self.scenario.levers:
            for e, eff in enumerate(lv.effects.get(lv.current, ())):
                shifts = tuple(
                    (k, o, d, cols.get((lv.key, lv.current, e, k, o), -1)) for k, o, d in eff.values
                )
                out.append(
                    _Effect(
                        self.actors.index(eff.on),
                        eff.reservation,
                        cols.get((lv.key, lv.current, e, -1, -1), -1),
                        shifts,
                    )
                )
        return tuple(out)

    @property
    def dimension(self) -> int:
        """Number of declared parameters (columns of a parameter matrix)."""
        return len(self.names)

    def file_numbers(self, n: int = 1) -> FloatArray:
        """``(n, D)`` parameter numbers at the file's values (shifts 0)."""
        row = np.array([0.0 if p.target.on_package else p.target.file_value for p in self._params])
        return np.asarray(np.broadcast_to(row, (n, self.dimension)).copy())

    def draw(self, x: FloatArray) -> Draw:
        """The scenario's numbers for the parameter numbers ``x`` ``(S, D)``."""
        x = np.asarray(x, dtype=np.float64)
        s_n = x.shape[0]
        values = np.broadcast_to(self.values, (s_n, *self.values.shape)).copy()
        written = np.broadcast_to(self.written, (s_n, *self.written.shape)).copy()
        powers = np.broadcast_to(self.power_file, (s_n, self.m)).copy()
        sigma = np.broadcast_to(self.sigma_file, (s_n, self.r)).copy()
        level = np.full(s_n, self.scenario.ratification_level)
        nd_value = np.broadcast_to(self.no_deal_file, (s_n, self.m)).copy()
        nd_shift = np.zeros((s_n, self.m))
        t_value = np.broadcast_to(self.threshold_file, (s_n, self.r)).copy()
        t_shift = np.zeros((s_n, self.r))
        for d, p in enumerate(self._params):
            t, col = p.target, x[:, d]
            i = self.actors.index(t.actor) if t.actor else -1
            if t.quantity is Quantity.weight:
                written[:, i, t.issue] = col
            elif t.quantity is Quantity.value:
                values[:, i, t.issue, t.option] = col
            elif t.quantity is Quantity.no_deal:
                (nd_shift if t.on_package else nd_value)[:, i] = col
            elif t.quantity is Quantity.threshold:
                (t_shift if t.on_package else t_value)[:, i - self.m] = col
            elif t.quantity is Quantity.sigma:
                sigma[:, i - self.m] = col
            elif t.quantity is Quantity.level:
                level[:] = col
            elif t.quantity is Quantity.power:
                powers[:, i] = col
        weights = np.broadcast_to(self.weights, (s_n, *self.weights.shape)).copy()
        for i in self.weighted:  # renormalised, as the file's weights are
            weights[:, i] = written[:, i] / written[:, i].sum(axis=1)[:, None]
        level_shift = self._fold_effects(values, x)
        units = np.rint(weights[..., None] * values * SCALE)  # padded options have value 0
        nd_units = np.empty((s_n, self.m))
        for i, pkg in enumerate(self.no_deal_pkg):
            shift = level_shift[:, i]
            if pkg is None:
                nd_units[:, i] = np.rint((nd_value[:, i] + shift) * SCALE)
                continue
            u = self._float_utility(weights[:, i], values[:, i], pkg)
            value = (u + nd_shift[:, i]) + shift
            exact = self._lattice(units[:, i], pkg)
            nd_units[:, i] = np.where(np.abs(u - value) < 1e-9, exact, np.rint(value * SCALE))
        thresholds = np.empty((s_n, self.r))
        for j, pkg in enumerate(self.threshold_pkg):
            i = self.m + j
            if pkg is None:
                thresholds[:, j] = t_value[:, j] + level_shift[:, i]
            else:
                u = self._float_utility(weights[:, i], values[:, i], pkg)
                thresholds[:, j] = (u + t_shift[:, j]) + level_shift[:, i]
        return Draw(
            units=units,
            no_deal_units=nd_units,
            threshold=np.round(thresholds, TOLERANCE_DECIMALS),
            sigma=sigma,
            level=level,
            powers=powers,
        )

    def _fold_effects(self, values: FloatArray, x: FloatArray) -> FloatArray:
        """Shift and clip option values in place; return the no-deal/threshold shift per
        actor ``(S, A)`` (added in lever and effect order, from 0.0)."""
        shift = np.zeros((x.shape[0], len(self.actors)))
        for eff in self.effects:
            for k, o, d, col in eff.values:
                delta = x[:, col] if col >= 0 else d
                values[:, eff.actor, k, o] = np.clip(values[:, eff.actor, k, o] + delta, 0.0, 1.0)
            shift[:, eff.actor] += x[:, eff.shift_column] if eff.shift_column >= 0 else eff.shift
        return shift

    @staticmethod
    def _float_utility(weights: FloatArray, values: FloatArray, pkg: tuple[int, ...]) -> FloatArray:
        """``(S,)`` utility of one package as :meth:`Preference.utility` sums it (issue order)."""
        total = np.zeros(weights.shape[0])
        for k, o in enumerate(pkg):
            total = total + weights[:, k] * values[:, k, o]
        return total

    @staticmethod
    def _lattice(units: FloatArray, pkg: tuple[int, ...]) -> FloatArray:
        """``(S,)`` lattice units of one package (exact integer sums)."""
        return np.asarray(sum(units[:, k, o] for k, o in enumerate(pkg)), dtype=np.float64)

    def options(self) -> IntArray:
        """``(N, K)`` option indices of every package, in C order over the space."""
        grids = np.unravel_index(np.arange(int(np.prod(self.shape))), self.shape)
        return np.stack(grids, axis=1).astype(np.int64)
