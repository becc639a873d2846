"""One entry point for the outcome space: picks enumeration, merge or stream and says which.

- ``enumerate``: every feasible package in memory (:func:`accord.space.outcomes.build_space`),
  for spaces up to ``enumerate_limit`` packages; everything downstream (diagnosis included)
  works on the full space.
- ``merge``: the exact Pareto frontier of an additive space without enumeration
  (:mod:`accord.space.merge`), for larger spaces. Utilities in accord are additive over issues.
- ``stream``: brute force in bounded memory (:mod:`accord.space.stream`), when asked for, or
  when the merge cannot hold the frontier.

Whatever the method, the Pareto frontier is exact and the solution points and the existence
of a ZOPA follow from it (every ZOPA package is weakly dominated by a frontier package that
is in the ZOPA too). The number of ZOPA packages is exact when the space is enumerated, when
no frontier package is in the ZOPA (then the ZOPA is empty), or when counting is cheap
(streaming up to ``count_limit`` feasible packages: :data:`EXACT_COUNT_LIMIT` for the automatic
choice, :data:`COUNT_LIMIT` for a forced method); otherwise it is estimated by sampling, with
a 95% confidence interval, and labelled an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accord.errors import AnalysisError, InputError
from accord.scenario.negotiation.model import Scenario
from accord.space.blocks import Block, split_blocks
from accord.space.frontier import Frontier
from accord.space.merge import merge_frontier
from accord.space.outcomes import SCALE, OutcomeSpace, build_space, reservation_units
from accord.space.pareto import pareto_mask
from accord.space.sampling import DEFAULT_SAMPLES, estimate_zopa
from accord.space.stream import DEFAULT_MEMORY, stream_space

__all__ = [
    "COUNT_LIMIT",
    "ENUMERATE_LIMIT",
    "EXACT_COUNT_LIMIT",
    "METHODS",
    "SMALL_SPACE",
    "Exploration",
    "Method",
    "ZopaCount",
    "excluded_counts",
    "explore",
]

ENUMERATE_LIMIT = 2_000_000
"""Largest space the automatic choice enumerates in full (so the diagnosis has everything)."""

SMALL_SPACE = 100_000
"""Spaces up to this size are always enumerated by the automatic choice; larger ones up to
``ENUMERATE_LIMIT`` only when the frontier shows no ZOPA (the no-deal diagnosis then gets
every package), otherwise they are merged."""

COUNT_LIMIT = 1_000_000_000
"""Largest number of feasible packages a forced ``merge`` or ``stream`` counts (or streams)
exactly."""

EXACT_COUNT_LIMIT = 2_000_000
"""Largest number of feasible packages whose ZOPA the automatic choice counts exactly by
streaming (about 0.1 s; the merged frontier itself takes milliseconds); beyond it the count
is a sampled estimate with its 95% interval, labelled as such."""

METHODS = ("auto", "enumerate", "merge", "stream")

Method = Literal["auto", "enumerate", "merge", "stream"]


@dataclass(frozen=True, slots=True)
class ZopaCount:
    """How many feasible packages give every principal at least its reservation value.

    ``value`` is exact when ``exact``; otherwise it is an estimate from ``samples`` uniform
    draws with the 95% interval ``[low, high]``. ``how`` is ``enumeration``, ``streaming``,
    ``frontier`` (no frontier package is in the ZOPA, so none is) or ``sampling``.
    """

    value: float
    exact: bool
    how: str
    low: float
    high: float
    samples: int = 0
    hits: int = 0
    at_least: int = 0
    """A certain lower bound (the frontier packages in the ZOPA) that the estimate respects."""

    @classmethod
    def counted(cls, n: int, how: str) -> ZopaCount:
        """An exact count."""
        return cls(float(n), True, how, float(n), float(n))

    @property
    def text(self) -> str:
        """``"1,234"`` or ``"about 1.2e+09 (95% CI 1.1e+09 to 1.3e+09; estimate from ...)"``."""
        if self.exact:
            return f"{int(self.value):,}"
        known = f"; at least {self.at_least:,} on the frontier" if self.at_least else ""
        return (
            f"about {self.value:.3g} (estimate: 95% CI {self.low:.3g} to {self.high:.3g}, "
            f"{self.hits:,} of {self.samples:,} sampled packages{known})"
        )


@dataclass(frozen=True, slots=True, eq=False)
class Exploration:
    """The outcome space as far as an analysis needs it, and how it was obtained.

    Attributes
    ----------
    method:
        ``enumerate``, ``merge`` or ``stream``.
    reason:
        Why that method, in one sentence.
    space:
        Every feasible package when ``complete``; otherwise only the frontier packages (its
        ``shape``, ``reservations``, ``powers`` and ``excluded_by`` are those of the scenario).
    frontier:
        Columns of ``space`` on the Pareto frontier.
    n_feasible:
        Exact number of feasible packages.
    zopa:
        The ZOPA count (exact or estimated); ``None`` when ``complete`` (count it from
        ``space``).
    """

    method: str
    reason: str
    space: OutcomeSpace
    frontier: NDArray[np.int64]
    n_feasible: int
    zopa: ZopaCount | None

    @property
    def complete(self) -> bool:
        return self.method == "enumerate"


def excluded_counts(scenario: Scenario) -> dict[str, int]:
    """For each hard constraint, how many of all the packages it rules out taken by itself (the
    counts overlap; exact, no enumeration)."""
    shape = scenario.shape
    out: dict[str, int] = {}
    for c in scenario.constraints:
        allowed = [set(range(n)) for n in shape]
        for w in c.when:
            allowed[w.issue] &= set(w.allowed)
        allowed[c.then.issue] -= set(c.then.allowed)
        n = 1
        for a in allowed:
            n *= len(a)
        out[c.id] = n
    return out


def _frontier_space(scenario: Scenario, front: Frontier) -> OutcomeSpace:
    shape = scenario.shape
    flat = (
        np.ravel_multi_index(tuple(front.options.T), shape).astype(np.int64)
        if front.size
        else np.zeros(0, dtype=np.int64)
    )
    order = np.argsort(flat, kind="stable")
    principals = scenario.principals
    return OutcomeSpace(
        shape=shape,
        principals=tuple(a.id for a in principals),
        feasible=flat[order],
        utilities=front.utilities[:, order],
        reservations=reservation_units(scenario) / SCALE,
        powers=np.array([a.power for a in principals], dtype=np.float64),
        excluded_by=excluded_counts(scenario),
    )


def _count(
    blocks: list[Block],
    n_issues: int,
    n_feasible: int,
    res: NDArray[np.int64],
    count_limit: int,
    memory_bytes: int,
    samples: int,
    seed: int,
    known: int,
) -> ZopaCount:
    if n_feasible <= count_limit:
        r = stream_space(blocks, n_issues, res, frontier=False, memory_bytes=memory_bytes)
        return ZopaCount.counted(r.n_zopa, "streaming")
    if known == 0:  # every ZOPA package is weakly dominated by a frontier package in the ZOPA
        return ZopaCount.counted(0, "frontier")
    hits, est, lo, hi = estimate_zopa(blocks, res, samples=samples, seed=seed)
    k = float(known)
    return ZopaCount(max(est, k), False, "sampling", max(lo, k), max(hi, k), samples, hits, known)


def _enumerated(scenario: Scenario, limit: int, why: str) -> Exploration:
    space = build_space(scenario, max_packages=max(limit, 1))
    frontier = np.flatnonzero(pareto_mask(space.utilities)).astype(np.int64)
    return Exploration("enumerate", why, space, frontier, space.n_feasible, None)


def explore(
    scenario: Scenario,
    *,
    method: Method = "auto",
    enumerate_limit: int = ENUMERATE_LIMIT,
    count_limit: int | None = None,
    memory_bytes: int = DEFAULT_MEMORY,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> Exploration:
    """The frontier and counts of ``scenario``'s outcome space by the fitting method.

    Parameters
    ----------
    scenario:
        The scenario.
    method:
        ``auto`` (enumerate up to :data:`SMALL_SPACE` packages, and up to
        ``enumerate_limit`` when the frontier shows no ZOPA; else merge; else stream), or
        force one method.
    enumerate_limit:
        Largest space enumerated in full (by ``auto`` and by ``enumerate``).
    count_limit:
        Largest number of feasible packages whose ZOPA is counted exactly by streaming; beyond
        it the count is a sampled estimate. Default: :data:`EXACT_COUNT_LIMIT` for ``auto``
        (cheap counts only), :data:`COUNT_LIMIT` for a forced method. Streaming the frontier
        is refused beyond it too (beyond :data:`COUNT_LIMIT` for ``auto``).
    memory_bytes:
        Working-memory budget of one streaming chunk.
    samples, seed:
        Size and seed of the sample for an estimated ZOPA count.

    Raises
    ------
    AnalysisError
        When no method can handle the space within the limits.
    """
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    stream_limit = COUNT_LIMIT if count_limit is None else count_limit
    if count_limit is None:
        count_limit = EXACT_COUNT_LIMIT if method == "auto" else COUNT_LIMIT
    size = int(np.prod(scenario.shape, dtype=np.float64))
    if method == "enumerate" or (method == "auto" and size <= min(enumerate_limit, SMALL_SPACE)):
        why = f"the space has {size:,} packages, few enough to enumerate every one"
        return _enumerated(scenario, enumerate_limit, why)
    if size >= 2**62:
        raise AnalysisError(
            f"the outcome space has {size:.3g} packages, more than accord can index"
        )
    blocks = split_blocks(scenario)
    n_issues = len(scenario.issues)
    res = reservation_units(scenario)
    n_feasible = 1
    for b in blocks:
        n_feasible *= b.size
    front: Frontier | None = None
    fallback = ""
    if method in ("auto", "merge"):
        try:
            front = merge_frontier(blocks, n_issues)
        except AnalysisError as exc:
            if method == "merge":
                raise
            fallback = f"the merge could not hold the frontier ({exc}); "
    if front is None:
        if n_feasible > stream_limit:
            raise AnalysisError(
                f"the space has {n_feasible:,} feasible packages, too many to stream "
                f"(limit {stream_limit:,}), and its frontier is too large to merge"
            )
        r = stream_space(blocks, n_issues, res, memory_bytes=memory_bytes)
        assert r.frontier is not None
        space = _frontier_space(scenario, r.frontier)
        why = fallback + (
            f"streamed all {n_feasible:,} feasible packages in {r.chunks} chunks "
            f"(memory budget {memory_bytes / 2**20:.0f} MiB)"
        )
        return Exploration(
            "stream",
            why,
            space,
            np.arange(space.n_feasible, dtype=np.int64),
            n_feasible,
            ZopaCount.counted(r.n_zopa, "streaming"),
        )
    why = (
        f"the space has {size:,} packages; utilities are additive, so the exact frontier is "
        f"merged issue by issue ({len(blocks)} blocks after linking constrained issues)"
    )
    known = int(np.count_nonzero((front.units >= res[:, None]).all(axis=0)))
    if method == "auto" and known == 0 and size <= enumerate_limit:
        why = (
            f"no package of the exact frontier gives every principal its reservation value, so "
            f"all {size:,} packages were enumerated for the full no-deal diagnosis"
        )
        return _enumerated(scenario, enumerate_limit, why)
    space = _frontier_space(scenario, front)
    count = _count(
        blocks, n_issues, n_feasible, res, count_limit, memory_bytes, samples, seed, known
    )
    return Exploration(
        "merge", why, space, np.arange(space.n_feasible, dtype=np.int64), n_feasible, count
    )
