"""Outcome analysis of a scenario: frontier, ZOPA, bargaining solutions and a verdict."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining import verdict as words
from accord.bargaining.binding import Binding, binding_facts
from accord.bargaining.diagnosis import Diagnosis, diagnose_no_deal, position_gaps
from accord.bargaining.history import ConceptRank, HistoryFacts, Improvement, history_facts
from accord.bargaining.solutions import choose
from accord.bargaining.winsets import WinSets, compute_winsets, ratified_nash
from accord.bargaining.zopa import zopa_mask
from accord.errors import AnalysisError
from accord.scenario.negotiation.adjust import apply_levers
from accord.scenario.negotiation.model import Scenario
from accord.space.acceptability import PackageCheck, acceptability, check_package
from accord.space.concepts import concepts
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
    certainty: str = ""
    """What the verdict takes as given: every number at its stated value; where the file
    declares ranges, the command that gives the probability of agreement."""


@dataclass(frozen=True, slots=True)
class HistoryCheck:
    """How the model compares with the recorded outcome: the verdict, and the package.

    ``matches`` holds only when the verdict agrees *and* the recorded package (if any) lies
    in every win-set (see :mod:`accord.bargaining.history`).
    """

    recorded_agreement: bool
    matches: bool
    package_issues_matched: int | None
    package_issues_recorded: int | None
    text: str
    exact_matches: tuple[str, ...] = ()
    """Solution concepts whose package equals the recorded package on every recorded issue."""
    verdict_agrees: bool = True
    package_check: PackageCheck | None = None
    """The recorded package, side by side, through the acceptability predicate."""
    completed: tuple[str, ...] = ()
    """Issues the record leaves out, taken from the status quo for the check."""
    ranks: tuple[ConceptRank, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    """Packages in every win-set that every side prefers to the recorded one."""


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
    binding: Binding | None = None
    """What binds (``None`` when the space was not enumerated)."""
    stated: tuple[tuple[str, PackageCheck], ...] = ()
    """Each principal's stated position through the acceptability predicate."""
    notes: tuple[str, ...] = ()
    """How the file was read, and no-deal values outside a side's range of packages."""

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


def _solutions(
    scenario: Scenario, space: OutcomeSpace, cols: NDArray[np.int64], ks: str = "max_min_ratio"
) -> tuple[Solution, ...]:
    if cols.size == 0:
        return ()
    u = space.utilities[:, cols]
    gains = np.maximum(u - space.reservations[:, None], 0.0)
    out = []
    for name, concept in concepts(ks).items():
        title = concept.title
        choice = choose(concept, gains, space.powers)
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
    acc = (
        ws.acceptability
        if ws is not None
        else (acceptability(scenario, space) if outcome.complete else None)
    )
    binding = binding_facts(scenario, space, acc) if acc is not None else None
    diag = None
    if not agreement and (ws is None or not ws.accepts.all(axis=0).any()):
        # the negotiators themselves cannot agree: say where and by how much
        diag = diagnose_no_deal(scenario, space, issues=outcome.complete)
    stated = tuple(
        (p.id, check_package(scenario, p.stated.package))
        for p in scenario.principals
        if p.stated is not None
    )
    verdict = _verdict(
        scenario, space, outcome, n_zopa, sols, ws, ratified, col, binding, diag, stated
    )
    facts = history_facts(scenario, space, acc, agreement)
    return Analysis(
        scenario=scenario,
        space=space,
        frontier=frontier,
        zopa=zopa,
        solutions=sols,
        verdict=verdict,
        diagnosis=diag,
        history=None if facts is None else _history(scenario, facts, sols),
        exploration=outcome,
        zopa_count=n_zopa,
        winsets=ws,
        ratified=ratified,
        binding=binding,
        stated=stated,
        notes=scenario.notes + words.value_notes(scenario, space),
    )


def _verdict(
    scenario: Scenario,
    space: OutcomeSpace,
    outcome: Exploration,
    n_zopa: ZopaCount,
    sols: tuple[Solution, ...],
    ws: WinSets | None,
    ratified: Solution | None,
    col: int,
    binding: Binding | None,
    diag: Diagnosis | None,
    stated: tuple[tuple[str, PackageCheck], ...],
) -> Verdict:
    """The verdict's headline and reasons, in the order a reader needs them."""
    sure = words.certainty_note(scenario)
    extra = words.winset_reasons(scenario, space, ws, ratified, col) if ws is not None else ()
    bind = words.binding_reasons(scenario, binding) if binding is not None else ()
    gaps = words.gap_reason(position_gaps(scenario, space)) if outcome.complete else ()
    if sols:
        reasons = words.deal_reasons(
            scenario, outcome.n_feasible, n_zopa, sols, winsets=ws is not None
        )
        robust = words.robustness_reasons(scenario, binding) if binding is not None else ()
        return Verdict(True, "Agreement possible", reasons + extra + bind + robust, sure)
    why = words.no_deal_reasons(scenario, space, diag) if diag is not None else ()
    if space.n_feasible == 0:
        return Verdict(False, "No agreement", why, sure)
    offers = words.stated_reasons(scenario, stated)
    # what blocks first, then the win-sets, the stated positions tested, the details
    return Verdict(False, "No agreement", bind[:1] + extra + offers + bind[1:] + gaps + why, sure)


def _history(scenario: Scenario, facts: HistoryFacts, sols: tuple[Solution, ...]) -> HistoryCheck:
    rec = scenario.outcome
    assert rec is not None
    matched = recorded = None
    exact: tuple[str, ...] = ()
    if rec.package and sols:
        nash = next(s for s in sols if s.concept == "nash")
        recorded = len(rec.package)
        matched = sum(1 for k, v in rec.package.items() if nash.package.get(k) == v)
        exact = tuple(
            s.concept for s in sols if all(s.package.get(k) == v for k, v in rec.package.items())
        )
    return HistoryCheck(
        recorded_agreement=facts.recorded_agreement,
        matches=facts.agrees,
        package_issues_matched=matched,
        package_issues_recorded=recorded,
        text=words.history_text(scenario, facts, sols),
        exact_matches=exact,
        verdict_agrees=facts.verdict_agrees,
        package_check=facts.check,
        completed=facts.completed,
        ranks=facts.ranks,
        improvements=facts.improvements,
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
