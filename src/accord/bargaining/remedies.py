"""What it would take: the smallest changes to declared adjustable quantities that open a ZOPA.

The search runs over every combination of lever settings (exhaustively while there are at
most :data:`MAX_LEVER_COMBINATIONS`) and, for each, over every feasible package at once
(arrays). For a package to be in every win-set, each failing condition needs one change:

* a principal that does not accept it: its reservation value lowered to the package's
  utility (if ``ACTOR.reservation`` is adjustable and the new value is within bounds);
* a deterministic ratifier that does not ratify it: its threshold lowered likewise;
* a principal whose probabilistic ratifiers ratify it with joint probability below the
  level: one of their thresholds lowered until the joint probability reaches the level.

Changes are ranked by their number (a lever setting counts as one), then by the total shift
in utility units. The result is **exact** (the true minimum under that ranking) when the
lever combinations were all enumerated and no principal has two or more probabilistic
ratifiers with adjustable thresholds; otherwise it is **heuristic** (one threshold per such
principal, or one lever changed at a time) and says so. Every answer is then verified by
re-running the full analysis with the change applied.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm

from accord.bargaining.analysis import analyze
from accord.bargaining.winsets import ratification_probability, ratifier_utilities
from accord.scenario.adjust import apply_levers, current_value, with_changes
from accord.scenario.model import Scenario
from accord.space.outcomes import OutcomeSpace, build_space

__all__ = ["MAX_LEVER_COMBINATIONS", "Change", "Remedy", "RemedySearch", "search_remedies"]

MAX_LEVER_COMBINATIONS = 512
"""Beyond this many lever combinations only one lever is changed at a time (heuristic)."""

_MARGIN = 1e-9
"""New thresholds are set this far below the package's value so the re-run accepts it."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change: a lever setting or a new value of an adjustable quantity."""

    key: str
    old: str | float
    new: str | float
    text: str


@dataclass(frozen=True, slots=True)
class Remedy:
    """A set of changes under which ``package`` is in every principal's win-set."""

    changes: tuple[Change, ...]
    size: float
    """Total shift in utility units of the numeric changes (lever changes add 0)."""
    package: dict[str, str]
    sentence: str
    verified: bool
    """The analysis re-run with these changes has ``package`` in its ZOPA."""

    @property
    def n_changes(self) -> int:
        return len(self.changes)

    @property
    def settings(self) -> dict[str, str | float]:
        """The changes as ``--set`` would take them."""
        return {c.key: c.new for c in self.changes}


@dataclass(frozen=True, slots=True)
class RemedySearch:
    """The ranked remedies and how they were found."""

    remedies: tuple[Remedy, ...]
    exact: bool
    method: str


@dataclass(frozen=True, slots=True)
class _Fix:
    """Per package: which quantity needs which new effective value (NaN: not needed)."""

    key: str
    new_effective: NDArray[np.float64]  # NaN where no change is needed, inf where impossible
    shift: float  # effective = file value + shift for numeric overrides
    old_file: float


def _bounds(scenario: Scenario) -> dict[str, tuple[float, float]]:
    return {a.quantity: (a.low, a.high) for a in scenario.adjustable}


def _shift(scenario: Scenario, actor: str) -> float:
    """Reservation (threshold) shift the current lever settings give ``actor``."""
    total = 0.0
    for lv in scenario.levers:
        for eff in lv.effects.get(lv.current, ()):
            if eff.on == actor:
                total += eff.reservation
    return total


def _block_fixes(
    eff: Scenario, space: OutcomeSpace, bounds: dict[str, tuple[float, float]]
) -> tuple[list[_Fix], NDArray[np.bool_], bool]:
    """Fixes needed per package under one lever combination, and which packages can be fixed."""
    n = space.n_feasible
    possible = np.ones(n, dtype=bool)
    fixes: list[_Fix] = []
    exact = True
    rutil = ratifier_utilities(eff, space)

    def numeric(key: str, old_eff: float, need: NDArray[np.float64], actor: str) -> None:
        """``need``: the largest effective value that works (NaN where no change is needed)."""
        nonlocal possible
        if key not in bounds:
            possible &= np.isnan(need)
            return
        shift = _shift(eff, actor)
        lo, hi = bounds[key]
        file_new = need - shift
        ok = np.isnan(need) | ((file_new >= lo - 1e-12) & (file_new <= hi + 1e-12))
        possible &= ok
        # a hair below the package's value (so the re-run accepts it), but never below bounds
        file_new = np.maximum(file_new - _MARGIN, lo)
        fixes.append(_Fix(key, file_new + shift, shift, old_eff - shift))

    for i, pid in enumerate(space.principals):
        u, r = space.utilities[i], space.reservations[i]
        need = np.where(u >= r, np.nan, u)
        numeric(f"{pid}.reservation", float(r), need, pid)
        prob_product = np.ones(n)
        probabilistic = []
        for rat in eff.ratifiers_of(pid):
            util = rutil[rat.id]
            t = float(rat.threshold or 0.0)
            if rat.sigma is None:
                need = np.where(util >= round(t, 12), np.nan, util)
                numeric(f"{rat.id}.threshold", t, need, rat.id)
            else:
                probabilistic.append(rat)
                prob_product *= ratification_probability(rat, util)
        if not probabilistic:
            continue
        short = prob_product < eff.ratification_level - 1e-12
        adjustable = [r_ for r_ in probabilistic if f"{r_.id}.threshold" in bounds]
        if len(adjustable) > 1:
            exact = False
        if not adjustable:
            possible &= ~short
            continue
        # one threshold per principal: the one needing the smallest shift (within bounds)
        best_need = np.full(n, np.nan)
        best_cost = np.full(n, np.inf)
        best_key = np.full(n, -1)
        for j, rat in enumerate(adjustable):
            util = rutil[rat.id]
            mine = ratification_probability(rat, util)
            with np.errstate(divide="ignore", invalid="ignore"):
                others = prob_product / np.where(mine > 0, mine, np.nan)
                required = eff.ratification_level / others
            z = norm.ppf(np.clip(required, 0.0, 1.0))
            t_new = util - float(rat.sigma or 1.0) * z
            t_new = np.where(np.isfinite(t_new) & (required < 1.0), t_new, -np.inf)
            lo, hi = bounds[f"{rat.id}.threshold"]
            file_new = t_new - _shift(eff, rat.id)
            ok = (file_new >= lo - 1e-12) & (file_new <= hi + 1e-12)
            t_new = np.maximum(file_new - _MARGIN, lo) + _shift(eff, rat.id)
            cost = np.where(ok, float(rat.threshold or 0.0) - t_new, np.inf)
            better = short & (cost < best_cost)
            best_cost = np.where(better, cost, best_cost)
            best_need = np.where(better, t_new, best_need)
            best_key = np.where(better, j, best_key)
        possible &= ~short | np.isfinite(best_cost)
        for j, rat in enumerate(adjustable):
            need = np.where(short & (best_key == j), best_need, np.nan)
            t = float(rat.threshold or 0.0)
            fixes.append(
                _Fix(f"{rat.id}.threshold", need, _shift(eff, rat.id), t - _shift(eff, rat.id))
            )
    return fixes, possible, exact


def _combinations(base: Scenario) -> tuple[list[dict[str, str]], bool]:
    levers = base.levers
    total = int(np.prod([len(lv.settings) for lv in levers], dtype=np.float64)) if levers else 1
    if total <= MAX_LEVER_COMBINATIONS:
        combos = [
            {lv.key: s for lv, s in zip(levers, combo, strict=True) if s != lv.current}
            for combo in itertools.product(*(lv.settings for lv in levers))
        ]
        return combos, True
    singles: list[dict[str, str]] = [{}]
    for lv in levers:
        singles += [{lv.key: s} for s in lv.settings if s != lv.current]
    return singles, False


def search_remedies(
    base: Scenario,
    *,
    limit: int = 5,
    describe: Callable[[Scenario, Change], str] | None = None,
    verify: Callable[[Scenario, dict[str, str]], bool] | None = None,
    max_packages: int | None = None,
) -> RemedySearch:
    """The smallest sets of changes that put some package in every win-set.

    Parameters
    ----------
    base:
        The scenario as loaded (levers at their current settings, not yet applied).
    limit:
        How many remedies to return (distinct sets of changed quantities, none a superset of
        a better-ranked one).
    describe:
        Turns a change into words; defaults to ``"KEY: OLD -> NEW"``.
    verify:
        Re-runs the analysis on the changed scenario and says whether the package is in its
        ZOPA; required for :attr:`Remedy.verified` to mean anything (the default re-runs
        :func:`accord.bargaining.analysis.analyze`).
    """
    bounds = _bounds(base)
    combos, exhaustive = _combinations(base)
    exact = exhaustive
    candidates: list[tuple[int, float, dict[str, str], list[tuple[str, float, float]], int]] = []
    kw = {} if max_packages is None else {"max_packages": max_packages}
    for combo in combos:
        eff = apply_levers(with_changes(base, combo))
        space = build_space(eff, **kw)
        if space.n_feasible == 0:
            continue
        fixes, possible, block_exact = _block_fixes(eff, space, bounds)
        exact &= block_exact
        cols = np.flatnonzero(possible)
        if cols.size == 0:
            continue
        needed = np.stack([~np.isnan(f.new_effective[cols]) for f in fixes]) if fixes else None
        count = np.full(cols.size, len(combo))
        size = np.zeros(cols.size)
        mask = np.zeros(cols.size, dtype=np.int64)
        if needed is not None:
            count = count + needed.sum(axis=0)
            for j, f in enumerate(fixes):
                delta = np.where(
                    needed[j], np.abs(f.old_file + f.shift - f.new_effective[cols]), 0.0
                )
                size = size + delta
                mask |= needed[j].astype(np.int64) << j
        for m in np.unique(mask):
            sel = np.flatnonzero(mask == m)
            best = sel[np.lexsort((cols[sel], size[sel]))[0]]
            col = int(cols[best])
            numeric = [
                (f.key, f.old_file, float(f.new_effective[col] - f.shift))
                for f in fixes
                if not np.isnan(f.new_effective[col])
            ]
            candidates.append((int(count[best]), float(size[best]), combo, numeric, col))
    candidates.sort(key=lambda c: (c[0], c[1]))
    chosen: list[Remedy] = []
    taken: list[frozenset[str]] = []
    for _count, total, combo, numeric, col in candidates:
        keys = frozenset(combo) | frozenset(k for k, _, _ in numeric)
        if any(t <= keys for t in taken):
            continue
        taken.append(keys)
        chosen.append(_remedy(base, combo, numeric, col, total, describe, verify, kw))
        if len(chosen) >= limit:
            break
    n_space = build_space(apply_levers(base), **kw).n_feasible
    method = (
        f"searched {len(combos)} lever combination(s) x {n_space:,} feasible packages over "
        f"{len(bounds)} adjustable quantit{'y' if len(bounds) == 1 else 'ies'}; "
        + ("exact (exhaustive)" if exact else "heuristic")
    )
    if not exhaustive:
        method += f": more than {MAX_LEVER_COMBINATIONS} lever combinations, so one lever at a time"
    elif not exact:
        method += ": a principal has several probabilistic ratifiers with adjustable thresholds; only one is changed at a time"
    return RemedySearch(tuple(chosen), exact, method)


def _remedy(
    base: Scenario,
    combo: dict[str, str],
    numeric: list[tuple[str, float, float]],
    col: int,
    size: float,
    describe: Callable[[Scenario, Change], str] | None,
    verify: Callable[[Scenario, dict[str, str]], bool] | None,
    kw: dict[str, int],
) -> Remedy:
    changes = [Change(key, base.lever(key).current, new, "") for key, new in combo.items()] + [
        Change(key, current_value(base, key), new, "") for key, _, new in numeric
    ]
    text = describe or (lambda sc, c: f"{c.key}: {c.old} -> {c.new}")
    changes = [Change(c.key, c.old, c.new, text(base, c)) for c in changes]
    changed = with_changes(base, {c.key: c.new for c in changes})
    space = build_space(apply_levers(changed), **kw)
    flat = int(space.feasible[col]) if col < space.n_feasible else -1
    opts = np.unravel_index(flat, space.shape) if flat >= 0 else ()
    package = base.package_ids(tuple(int(x) for x in opts)) if flat >= 0 else {}
    parts = [c.text for c in changes]
    if not parts:
        sentence = "Nothing needs to change: there is already a package in every win-set."
    else:
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        sentence = (
            f"If {joined}, this package would be in every win-set: "
            + "; ".join(
                f"{iss.name}: {iss.options[iss.option_index(package[iss.id])].label}"
                for iss in base.issues
            )
            + "."
        )
    check = verify or _reanalyse
    ok = check(changed, package) if package else False
    return Remedy(tuple(changes), size, package, sentence, ok)


def _reanalyse(changed: Scenario, package: dict[str, str]) -> bool:
    """Re-run the full analysis on ``changed``: is ``package`` in its ZOPA?"""
    a = analyze(changed)
    if a.zopa.size == 0:
        return False
    target = a.scenario.package_indices(package)
    opts = a.space.options(a.zopa)
    return bool((opts == np.asarray(target)).all(axis=1).any())
