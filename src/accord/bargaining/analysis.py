"""Outcome analysis of a scenario: frontier, ZOPA, bargaining solutions and a verdict."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.diagnosis import Diagnosis, diagnose_no_deal
from accord.bargaining.solutions import solution_concepts
from accord.bargaining.twolevel_text import winset_reasons
from accord.bargaining.winsets import WinSets, compute_winsets, ratified_nash
from accord.bargaining.zopa import zopa_mask
from accord.errors import AnalysisError
from accord.scenario.negotiation.adjust import apply_levers
from accord.scenario.negotiation.model import Scenario
from accord.space.method import ENUMERATE_LIMIT, Exploration, Method, ZopaCount, explore
from accord.space.outcomes import OutcomeSpace
from accord.space.pareto import pareto_mask

__all__ = ["Analysis", "HistoryCheck", "Solution", "Verdict", "analyze"]


@dataclass(frozen=True, slots=True)
class Solution:
    """A bargaining solution's package with each principal's utility and gain."""

    concept: str
    title: str
    package: dict[str, str]
    utilities: dict[str, float]
    gains: dict[str, float]
    ties: int
    degenerate: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    """Deal or no deal, with the reasons in plain words."""

    agreement_possible: bool
    headline: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HistoryCheck:
    """How the verdict compares with the recorded outcome."""

    recorded_agreement: bool
    matches: bool
    package_issues_matched: int | None
    package_issues_recorded: int | None
    text: str
    exact_matches: tuple[str, ...] = ()
    """Solution concepts whose package equals the recorded package on every recorded issue."""


@dataclass(frozen=True, slots=True, eq=False)
class Analysis:
    """The full outcome analysis of one scenario.

    ``space`` holds every feasible package when ``exploration.complete`` (method
    ``enumerate``); for larger spaces it holds the Pareto frontier only, and ``zopa`` lists
    the frontier packages in the ZOPA (``zopa_count`` says how many packages the ZOPA has).
    """

    scenario: Scenario
    space: OutcomeSpace
    frontier: NDArray[np.int64]
    zopa: NDArray[np.int64]
    solutions: tuple[Solution, ...]
    verdict: Verdict
    diagnosis: Diagnosis | None
    history: HistoryCheck | None
    exploration: Exploration
    zopa_count: ZopaCount
    winsets: WinSets | None = None
    """Win-sets when the scenario has ratifiers (``None`` otherwise)."""
    ratified: Solution | None = None
    """The ratification-weighted Nash solution when there are ratifiers and a deal."""

    @property
    def n_packages(self) -> int:
        return self.space.size

    @property
    def n_feasible(self) -> int:
        return self.exploration.n_feasible

    @property
    def method(self) -> str:
        """How the outcome space was analysed: ``enumerate``, ``merge`` or ``stream``."""
        return self.exploration.method


def _label(scenario: Scenario, package: dict[str, str]) -> str:
    parts = []
    for issue in scenario.issues:
        opt = issue.options[issue.option_index(package[issue.id])]
        parts.append(f"{issue.name}: {opt.label}")
    return "; ".join(parts)


def _solutions(
    scenario: Scenario, space: OutcomeSpace, cols: NDArray[np.int64], ks: str = "max_min_ratio"
) -> tuple[Solution, ...]:
    if cols.size == 0:
        return ()
    u = space.utilities[:, cols]
    gains = np.maximum(u - space.reservations[:, None], 0.0)
    out = []
    for name, (title, fn) in solution_concepts(ks).items():
        choice = fn(gains, space.powers)
        col = int(cols[choice.column])
        pkg = scenario.package_ids(tuple(int(x) for x in space.options(col)[0]))
        out.append(
            Solution(
                concept=name,
                title=title,
                package=pkg,
                utilities={
                    p: float(space.utilities[i, col]) for i, p in enumerate(space.principals)
                },
                gains={p: float(gains[i, choice.column]) for i, p in enumerate(space.principals)},
                ties=choice.ties,
                degenerate=choice.degenerate,
            )
        )
    return tuple(out)


def _deal_reasons(
    scenario: Scenario, n_feasible: int, n_zopa: ZopaCount, sols: tuple[Solution, ...]
) -> tuple[str, ...]:
    names = {a.id: a.name for a in scenario.actors}
    reasons = [
        f"{n_zopa.text} of {n_feasible:,} feasible packages give every principal at least its "
        "reservation value."
    ]
    groups: dict[str, list[str]] = {}
    pkgs: dict[str, dict[str, str]] = {}
    for s in sols:
        key = repr(sorted(s.package.items()))
        groups.setdefault(key, []).append(s.title)
        pkgs[key] = s.package
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    key, titles = ranked[0]
    if len(titles) == len(sols):
        agree = "All five solution concepts point to"
    elif len(titles) == 1:
        agree = f"The {titles[0]} points to"
    else:
        agree = ", ".join(titles[:-1]) + f" and {titles[-1]} point to"
    reasons.append(f"{agree}: {_label(scenario, pkgs[key])}.")
    nash = next(s for s in sols if s.concept == "nash")
    surplus = ", ".join(f"{names[p]} +{g:.3f}" for p, g in nash.gains.items())
    reasons.append(
        f"At the Nash solution each principal gains over its reservation value: {surplus}."
    )
    if len(ranked) > 1:
        reasons.append(
            f"The solution concepts disagree on {len(ranked)} different packages; see the table."
        )
    return tuple(reasons)


def _no_deal_reasons(scenario: Scenario, space: OutcomeSpace, diag: Diagnosis) -> tuple[str, ...]:
    names = {a.id: a.name for a in scenario.actors}
    reasons: list[str] = []
    if space.n_feasible == 0:
        return ("No package satisfies all the hard constraints together.",)
    hopeless = {pid for pid, _, _ in diag.unreachable}
    for pid, res, best in diag.unreachable:
        reasons.append(
            f"{names[pid]}'s reservation value {res:.3f} is above the best feasible package for "
            f"it ({best:.3f}): no package can satisfy {names[pid]}, whatever the others concede."
        )
    for b in diag.blocking:
        if any(not b.acceptable[pid] for pid in hopeless):
            continue  # follows from an unreachable reservation, already said
        reasons.append(f"Blocking issue — {b.text}.")
    for bp in diag.blocking_pairs:
        reasons.append(f"Blocking pair — {bp.text} (each with every other issue at its best).")
    if diag.gaps:
        top = diag.gaps[:3]
        reasons.append(
            "The principals' demands part most on: " + "; ".join(g.text for g in top) + "."
        )
    for s in diag.shortfalls:
        if s.best_utility is None:
            others = [names[p] for p in space.principals if p != s.principal]
            who = others[0] if len(others) == 1 else "all of " + ", ".join(others)
            if not hopeless - {s.principal}:
                reasons.append(f"No package is acceptable to {who}.")
        else:
            reasons.append(
                f"The best {names[s.principal]} can get from packages the others accept is worth "
                f"{s.best_utility:.3f} to it, {s.shortfall:.3f} below its reservation value "
                f"{s.reservation:.3f}."
            )
    for x, y in diag.incompatible_pairs if len(space.principals) > 2 else ():
        reasons.append(f"{names[x]} and {names[y]} cannot agree even between themselves.")
    if diag.concession is not None:
        c = diag.concession
        who = ", ".join(f"{names[p]} {v:.3f}" for p, v in c.by_principal.items() if v > 0)
        reasons.append(
            f"The smallest total concession that would make some package acceptable to all is "
            f"{c.total:.3f} in utility ({who}), for the package: {_label(scenario, c.package)}."
        )
    if not diag.issues_checked:
        reasons.append(
            f"Blocking issues and pairs need every package enumerated; this space of "
            f"{space.size:,} packages was analysed from its exact Pareto frontier, so they "
            "were not computed."
        )
    elif not diag.blocking and not diag.blocking_pairs:
        reasons.append(
            "No single issue or pair of issues blocks a deal on its own: every one has options "
            "all could accept if they got their way elsewhere. Together the demands ask for more "
            "than any package can give all sides at once."
        )
    return tuple(reasons)


def _history(
    scenario: Scenario, agreement: bool, sols: tuple[Solution, ...]
) -> HistoryCheck | None:
    rec = scenario.outcome
    if rec is None:
        return None
    matches = rec.agreement == agreement
    matched = recorded = None
    exact: tuple[str, ...] = ()
    text = (
        f"History: {'agreement' if rec.agreement else 'no agreement'}; accord "
        f"{'agrees' if matches else 'DISAGREES'}."
    )
    if rec.package and sols:
        nash = next(s for s in sols if s.concept == "nash")
        recorded = len(rec.package)
        matched = sum(1 for k, v in rec.package.items() if nash.package.get(k) == v)
        text += f" The Nash package matches the recorded package on {matched} of {recorded} issues."
        exact = tuple(
            s.concept for s in sols if all(s.package.get(k) == v for k, v in rec.package.items())
        )
        if exact:
            titles = [s.title for s in sols if s.concept in exact]
            text += f" Exact match: {', '.join(titles)}."
    return HistoryCheck(rec.agreement, matches, matched, recorded, text, exact)


def analyze(
    scenario: Scenario,
    *,
    max_packages: int = ENUMERATE_LIMIT,
    method: Method = "auto",
    ks_variant: str = "max_min_ratio",
) -> Analysis:
    """Analyse a scenario: feasible packages, Pareto frontier, ZOPA, solutions, verdict.

    Parameters
    ----------
    scenario:
        The scenario (see :func:`accord.scenario.load_scenario`).
    max_packages:
        Largest outcome space enumerated in memory; larger ones are analysed from their
        exact frontier (see :func:`accord.space.method.explore`).
    method:
        ``auto`` (default) picks enumeration, merge or streaming by itself; the others force
        one (see :func:`accord.space.method.explore`).
    ks_variant:
        The Kalai–Smorodinsky definition: ``max_min_ratio`` (default) or ``min_spread`` (as
        NegMAS and GENIUS; see :func:`accord.bargaining.solutions.kalai_smorodinsky`).
    """
    scenario = apply_levers(scenario)
    if scenario.ratifiers:
        # win-sets are judged package by package: they need the enumerated space
        size = int(np.prod(scenario.shape, dtype=np.float64))
        if method not in ("auto", "enumerate"):
            raise AnalysisError(
                f"method {method!r} cannot judge win-sets: a scenario with ratifiers is "
                "analysed by enumeration (use method 'auto' or 'enumerate')"
            )
        if size > max_packages:
            raise AnalysisError(
                f"a scenario with ratifiers is analysed package by package, and this one has "
                f"{size:,} packages, more than the enumeration limit of {max_packages:,}; "
                "reduce the issues or options (the limit bounds memory use), or analyse the "
                "principals without their ratifiers"
            )
        method = "enumerate"
    outcome = explore(scenario, enumerate_limit=max_packages, method=method)
    space, frontier = outcome.space, outcome.frontier
    ws = compute_winsets(scenario, space) if scenario.ratifiers else None
    # with ratifiers the ZOPA is the intersection of the win-sets
    zopa = np.flatnonzero(zopa_mask(space) if ws is None else ws.zopa_mask).astype(np.int64)
    n_zopa: ZopaCount | None
    if ws is not None:
        n_zopa = ZopaCount.counted(int(zopa.size), "enumeration of the win-sets")
        # ratifiers can veto frontier packages: take the frontier of the ZOPA itself
        candidates = zopa[pareto_mask(space.utilities[:, zopa])]
    else:
        n_zopa = (
            ZopaCount.counted(int(zopa.size), "enumeration") if outcome.complete else outcome.zopa
        )
        # every ZOPA package is weakly below a frontier package that is in the ZOPA too
        in_zopa = np.zeros(space.n_feasible, dtype=bool)
        in_zopa[zopa] = True
        candidates = frontier[in_zopa[frontier]]
    assert n_zopa is not None
    sols = _solutions(scenario, space, candidates, ks_variant)
    ratified, col = _ratified(scenario, space, ws, zopa) if ws is not None else (None, -1)
    agreement = zopa.size > 0
    diag = None
    extra = winset_reasons(scenario, space, ws, ratified, col) if ws is not None else ()
    if agreement:
        reasons = _deal_reasons(scenario, outcome.n_feasible, n_zopa, sols)
        if scenario.ratifiers:  # the ZOPA is the intersection of the win-sets
            n = int(zopa.size)
            first = (
                f"{n:,} of {outcome.n_feasible:,} feasible packages {'is' if n == 1 else 'are'} "
                "in every principal's win-set (accepted by it and ratified at home)."
            )
            reasons = (first, *reasons[1:])
        verdict = Verdict(True, "Agreement possible", reasons + extra)
    elif ws is not None and ws.accepts.all(axis=0).any():
        # the negotiators could agree: only the ratifiers stand in the way
        n_exec = int(ws.accepts.all(axis=0).sum())
        verdict = Verdict(
            False,
            "No agreement",
            (
                *extra,
                f"The negotiators themselves could agree on {n_exec:,} package{'' if n_exec == 1 else 's'}; "
                "ratification at home is what fails.",
            ),
        )
    else:
        diag = diagnose_no_deal(scenario, space, issues=outcome.complete)
        verdict = Verdict(False, "No agreement", extra + _no_deal_reasons(scenario, space, diag))
    return Analysis(
        scenario=scenario,
        space=space,
        frontier=frontier,
        zopa=zopa,
        solutions=sols,
        verdict=verdict,
        diagnosis=diag,
        history=_history(scenario, agreement, sols),
        exploration=outcome,
        zopa_count=n_zopa,
        winsets=ws,
        ratified=ratified,
    )


def _ratified(
    scenario: Scenario, space: OutcomeSpace, ws: WinSets, cols: NDArray[np.int64]
) -> tuple[Solution | None, int]:
    """The ratification-weighted Nash package over the whole ZOPA, and its column."""
    if cols.size == 0:
        return None, -1
    gains = np.maximum(space.utilities[:, cols] - space.reservations[:, None], 0.0)
    choice = ratified_nash(gains, space.powers, ws.ratification[:, cols])
    col = int(cols[choice.column])
    return Solution(
        concept="ratified_nash",
        title="ratification-weighted Nash",
        package=scenario.package_ids(tuple(int(x) for x in space.options(col)[0])),
        utilities={p: float(space.utilities[i, col]) for i, p in enumerate(space.principals)},
        gains={p: float(gains[i, choice.column]) for i, p in enumerate(space.principals)},
        ties=choice.ties,
        degenerate=choice.degenerate,
    ), col
