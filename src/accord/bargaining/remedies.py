"""What it would take: the smallest changes to declared adjustable quantities that open a ZOPA.

The search runs over every combination of lever settings (exhaustively while there are at
most :data:`MAX_LEVER_COMBINATIONS`) and, for each, over every feasible package at once
(arrays). For a package to be in every win-set, each failing condition needs one change:

* a principal that does not accept it: its reservation value lowered to the package's
  utility (if ``ACTOR.reservation`` is adjustable and the new value is within bounds);
* a deterministic ratifier that does not ratify it: its threshold lowered likewise;
* a principal whose probabilistic ratifiers ratify it with joint probability below the
  level: one of their thresholds lowered, or one sigma moved (raised for a package below
  the ratifier's threshold, lowered above it), until the joint probability reaches the
  level, whichever single move is smallest;
* alternatively, if ``ratification.level`` is adjustable, the level lowered to the smallest
  joint probability among the principals (or to its bound, with the rest as above);
* a package that breaks a side's red line (a hard constraint with ``held_by``): that side
  accepting the options that break it, one change per red line (the search runs over the
  packages every *other* constraint allows).

Changes are ranked by their number (a lever setting counts as one), then by the total shift,
each quantity in its own units (utility for reservations and thresholds, probability for the
level, the sigma itself). The number of changes is **exact** (a true minimum) when every
lever combination was enumerated and no package needed two knobs of the same principal's
ratifiers moved together; otherwise the search is **heuristic** and says so. Within the
same number of changes the total shift is the smallest found with one move per condition.
Every answer is then verified by re-running the full analysis with the change applied.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtri

from accord.bargaining.analysis import analyze
from accord.bargaining.phrases import red_line_text, remedy_sentence
from accord.scenario.negotiation.adjust import apply_levers, current_value, with_changes
from accord.scenario.negotiation.model import Actor, Scenario
from accord.space.acceptability import ratification_probability, ratifier_utilities
from accord.space.outcomes import OutcomeSpace, build_space, feasibility_mask

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


def _knob(
    rat: Actor,
    field: str,
    util: NDArray[np.float64],
    required: NDArray[np.float64],
    bounds: tuple[float, float],
    shift: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """New value (file terms) and cost of moving one knob so ``Phi(...) >= required``.

    ``field`` is ``threshold`` (lowered until the probability is reached) or ``sigma``
    (raised for packages below the threshold, lowered for packages above it).
    """
    lo, hi = bounds
    sigma = float(rat.sigma or 1.0)
    t_eff = float(rat.threshold or 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = ndtri(np.clip(required, 0.0, 1.0))
        if field == "threshold":
            t_new = util - sigma * z  # effective threshold giving exactly ``required``
            file_new = t_new - shift
            ok = np.isfinite(file_new) & (file_new >= lo - 1e-12) & (file_new <= hi + 1e-12)
            file_new = np.maximum(file_new - _MARGIN, lo)
            return file_new, np.where(ok, np.abs(t_eff - shift - file_new), np.inf)
        gap = util - t_eff
        s_new = gap / z  # sigma giving exactly ``required``
        below = (gap < 0) & (z < 0)  # raise sigma, at least s_new
        above = (gap > 0) & (z > 0)  # lower sigma, at most s_new
        s_pick = np.where(
            below, np.maximum(s_new * (1 + 1e-9), lo), np.minimum(s_new * (1 - 1e-9), hi)
        )
        ok = (below & (s_pick <= hi + 1e-12)) | (above & (s_pick >= lo - 1e-12) & (s_pick > 0))
        ok &= np.isfinite(s_pick)
        return s_pick, np.where(ok, np.abs(s_pick - sigma), np.inf)


def _block_fixes(
    eff: Scenario,
    space: OutcomeSpace,
    bounds: dict[str, tuple[float, float]],
    level: NDArray[np.float64],
) -> tuple[list[_Fix], NDArray[np.bool_], NDArray[np.int64]]:
    """Fixes needed per package under one lever combination and per-package ``level``.

    Returns the fixes, which packages can be fixed within bounds, and per package a lower
    bound on the number of changes it would need when it could only be fixed by moving two
    knobs of one principal's ratifiers together, which is not searched (int64 max elsewhere).
    """
    n = space.n_feasible
    possible = np.ones(n, dtype=bool)
    unexplored = np.zeros(n, dtype=bool)
    extra = np.zeros(n, dtype=np.int64)
    fixes: list[_Fix] = []
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
        numeric(f"{pid}.no_deal", float(r), need, pid)
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
        short = prob_product < level - 1e-12
        knobs = [
            (rat, field)
            for rat in probabilistic
            for field in ("threshold", "sigma")
            if f"{rat.id}.{field}" in bounds
        ]
        if not knobs:
            possible &= ~short
            continue
        # one knob per principal: the one needing the smallest move (within bounds)
        best_new = np.full(n, np.nan)
        best_cost = np.full(n, np.inf)
        best_key = np.full(n, -1)
        for j, (rat, field) in enumerate(knobs):
            util = rutil[rat.id]
            mine = ratification_probability(rat, util)
            with np.errstate(divide="ignore", invalid="ignore"):
                required = level * mine / prob_product
            required = np.where(np.isfinite(required), required, 2.0)
            new, cost = _knob(
                rat, field, util, required, bounds[f"{rat.id}.{field}"], _shift(eff, rat.id)
            )
            cost = np.where(required < 1.0, cost, np.inf)
            better = short & (cost < best_cost)
            best_cost = np.where(better, cost, best_cost)
            best_new = np.where(better, new, best_new)
            best_key = np.where(better, j, best_key)
        fixable = np.isfinite(best_cost)
        if len(knobs) > 1:
            # two knobs together might have done it: at least two changes for this principal
            unexplored |= short & ~fixable
            extra += np.where(short & ~fixable, 2, 0)
        possible &= ~short | fixable
        for j, (rat, field) in enumerate(knobs):
            chosen = np.where(short & (best_key == j), best_new, np.nan)
            if field == "threshold":
                shift = _shift(eff, rat.id)
                old = float(rat.threshold or 0.0) - shift
                fixes.append(_Fix(f"{rat.id}.threshold", chosen + shift, shift, old))
            else:
                fixes.append(_Fix(f"{rat.id}.sigma", chosen, 0.0, float(rat.sigma or 0.0)))
    # a lower bound on the changes the unexplored packages would need
    base_count = sum((~np.isnan(f.new_effective)).astype(np.int64) for f in fixes) if fixes else 0
    bound = np.where(unexplored & ~possible, base_count + extra, np.iinfo(np.int64).max)
    return fixes, possible, bound


def _level_variant(
    eff: Scenario, space: OutcomeSpace, bounds: dict[str, tuple[float, float]]
) -> NDArray[np.float64] | None:
    """Per package, the ratification level to try instead of the current one (NaN: none).

    The highest level (within bounds) at which the fewest principals' ratifiers fall short:
    the smallest joint probability among them, or the lower bound.
    """
    if "ratification.level" not in bounds or not any(r.sigma is not None for r in eff.ratifiers):
        return None
    lo, _ = bounds["ratification.level"]
    rutil = ratifier_utilities(eff, space)
    low = np.full(space.n_feasible, np.inf)
    for pid in space.principals:
        probs = [
            ratification_probability(r, rutil[r.id])
            for r in eff.ratifiers_of(pid)
            if r.sigma is not None
        ]
        if probs:
            low = np.minimum(low, np.prod(probs, axis=0))
    target = np.maximum(low * (1 - 1e-9), lo)
    return np.where(target < eff.ratification_level - 1e-12, target, np.nan)


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


_Candidate = tuple[int, float, dict[str, str], list[tuple[str, float, float]], int]


def _candidates(
    eff: Scenario,
    space: OutcomeSpace,
    bounds: dict[str, tuple[float, float]],
    combo: dict[str, str],
    level: NDArray[np.float64],
    alt_level: NDArray[np.float64] | None,
    flags: dict[str, int],
    red_lines: dict[str, NDArray[np.bool_]],
) -> list[_Candidate]:
    """The cheapest package per distinct set of changed quantities, for one variant."""
    fixes, possible, bound = _block_fixes(eff, space, bounds, level)
    for cid, broken in red_lines.items():
        fixes.append(_Fix(f"red_line.{cid}", np.where(broken, 0.0, np.nan), 0.0, 0.0))
    if bound.size:
        lowest = int(bound.min()) + len(combo) + (alt_level is not None)
        flags["unexplored"] = min(flags["unexplored"], lowest)
    if alt_level is not None:
        possible &= ~np.isnan(alt_level)
        old = eff.ratification_level
        fixes.append(_Fix("ratification.level", alt_level, 0.0, old))
    cols = np.flatnonzero(possible)
    if cols.size == 0:
        return []
    needed = np.stack([~np.isnan(f.new_effective[cols]) for f in fixes]) if fixes else None
    count = np.full(cols.size, len(combo))
    size = np.zeros(cols.size)
    mask = np.zeros(cols.size, dtype=np.int64)
    if needed is not None:
        count = count + needed.sum(axis=0)
        for j, f in enumerate(fixes):
            delta = np.where(needed[j], np.abs(f.old_file + f.shift - f.new_effective[cols]), 0.0)
            size = size + delta
            mask |= needed[j].astype(np.int64) << j
    out: list[_Candidate] = []
    for m in np.unique(mask):
        sel = np.flatnonzero(mask == m)
        best = sel[np.lexsort((cols[sel], size[sel]))[0]]
        col = int(cols[best])
        numeric = [
            (f.key, f.old_file, float(f.new_effective[col] - f.shift))
            for f in fixes
            if not np.isnan(f.new_effective[col])
        ]
        out.append((int(count[best]), float(size[best]), combo, numeric, int(space.feasible[col])))
    return out


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
    flags = {"unexplored": np.iinfo(np.int64).max}
    candidates: list[_Candidate] = []
    kw = {} if max_packages is None else {"max_packages": max_packages}
    for combo in combos:
        eff = apply_levers(with_changes(base, combo))
        space, red_lines = _without_red_lines(eff, kw)
        if space.n_feasible == 0:
            continue
        current = np.full(space.n_feasible, eff.ratification_level)
        variants: list[tuple[NDArray[np.float64], NDArray[np.float64] | None]] = [(current, None)]
        alt = _level_variant(eff, space, bounds)
        if alt is not None:
            variants.append((np.where(np.isnan(alt), eff.ratification_level, alt), alt))
        for level, alt_level in variants:
            candidates += _candidates(eff, space, bounds, combo, level, alt_level, flags, red_lines)
    candidates.sort(key=lambda c: (c[0], c[1]))
    # exact if nothing left unexplored could need fewer changes than the best answer found
    exact = exhaustive and (
        flags["unexplored"] == np.iinfo(np.int64).max
        or (bool(candidates) and candidates[0][0] <= flags["unexplored"])
    )
    chosen: list[Remedy] = []
    taken: list[frozenset[str]] = []
    for _count, total, combo, numeric, flat in candidates:
        keys = frozenset(combo) | frozenset(k for k, _, _ in numeric)
        if any(t <= keys for t in taken):
            continue
        taken.append(keys)
        chosen.append(_remedy(base, combo, numeric, flat, total, describe, verify))
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
        method += (
            ": for some package no single threshold or sigma of one principal's ratifiers "
            "suffices, and moving two together is not searched"
        )
    return RemedySearch(tuple(chosen), exact, method)


def _without_red_lines(
    eff: Scenario, kw: dict[str, int]
) -> tuple[OutcomeSpace, dict[str, NDArray[np.bool_]]]:
    """The space with every red line lifted, and per red line the packages that break it."""
    reds = [c for c in eff.constraints if c.held_by is not None]
    if not reds:
        return build_space(eff, **kw), {}
    kept = tuple(c for c in eff.constraints if c.held_by is None)
    space = build_space(dataclasses.replace(eff, constraints=kept), **kw)
    broken = {}
    for c in reds:
        ok, _ = feasibility_mask(dataclasses.replace(eff, constraints=(c,)))
        broken[c.id] = np.asarray(~ok.ravel()[space.feasible])
    return space, broken


def _remedy(
    base: Scenario,
    combo: dict[str, str],
    numeric: list[tuple[str, float, float]],
    flat: int,
    size: float,
    describe: Callable[[Scenario, Change], str] | None,
    verify: Callable[[Scenario, dict[str, str]], bool] | None,
) -> Remedy:
    opts = np.unravel_index(flat, base.shape)
    package = base.package_ids(tuple(int(x) for x in opts))
    changes = [Change(key, base.lever(key).current, new, "") for key, new in combo.items()]
    for key, _, new in numeric:
        if key.startswith("red_line."):
            changes.append(Change(key, "kept", "lifted", ""))
        else:
            # rounded for display; still 1e-9 below the package's value, and verified below
            changes.append(Change(key, current_value(base, key), round(new, 10), ""))
    text = describe or (lambda sc, c: f"{c.key}: {c.old} -> {c.new}")
    changes = [
        Change(
            c.key,
            c.old,
            c.new,
            red_line_text(base, c.key.removeprefix("red_line."), package)
            if c.key.startswith("red_line.")
            else text(base, c),
        )
        for c in changes
    ]
    changed = with_changes(base, {c.key: c.new for c in changes})
    sentence = remedy_sentence(base, [c.text for c in changes], package)
    check = verify or _reanalyse
    return Remedy(tuple(changes), size, package, sentence, check(changed, package))


def _reanalyse(changed: Scenario, package: dict[str, str]) -> bool:
    """Re-run the full analysis on ``changed``: is ``package`` in its ZOPA?"""
    a = analyze(changed)
    if a.zopa.size == 0:
        return False
    target = a.scenario.package_indices(package)
    opts = a.space.options(a.zopa)
    return bool((opts == np.asarray(target)).all(axis=1).any())
