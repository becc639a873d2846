"""What many samples say together: how often a deal, why not, which packages, what each side
gets. Facts only (counts, shares, quantiles); sentences are written by the report layer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.bargaining.uncertainty.outcomes import REASONS, SampleOutcomes
from accord.scenario.negotiation.model import Scenario

__all__ = [
    "ConceptSummary",
    "PackageShare",
    "ReasonShare",
    "Summary",
    "UtilitySummary",
    "summarise",
]

QUANTILES = (0.05, 0.5, 0.95)


@dataclass(frozen=True, slots=True)
class PackageShare:
    """A package and in how many samples (with a deal) a concept picks it."""

    package: dict[str, str]
    label: str
    count: int
    share: float
    """Of all samples."""


@dataclass(frozen=True, slots=True)
class UtilitySummary:
    """A principal's utility at a concept's package over the samples with a deal."""

    principal: str
    mean: float
    quantiles: tuple[float, ...]
    """At :data:`QUANTILES` (5%, median, 95%)."""


@dataclass(frozen=True, slots=True)
class ConceptSummary:
    """A solution concept over the samples: its most frequent packages and the utilities."""

    concept: str
    top: tuple[PackageShare, ...]
    distinct: int
    degenerate: int
    utilities: tuple[UtilitySummary, ...]


@dataclass(frozen=True, slots=True)
class ReasonShare:
    """Why there is no deal, in how many samples; ``who`` names the binding actors."""

    reason: str
    who: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    """The facts of a run of samples."""

    samples: int
    deals: int
    negotiators: int
    """Samples where the principals alone have a common acceptable package."""
    private_deals: int | None
    """Samples where, with each side's beliefs, a proposal is accepted (``None``: no beliefs)."""
    reasons: tuple[ReasonShare, ...]
    concepts: tuple[ConceptSummary, ...]
    margin: tuple[float, ...] | None
    """Quantiles of the largest joint margin, when computed."""


def _label(scenario: Scenario, package: dict[str, str]) -> str:
    out = []
    for issue in scenario.issues:
        out.append(f"{issue.name}: {issue.options[issue.option_index(package[issue.id])].label}")
    return "; ".join(out)


def summarise(
    outcomes: SampleOutcomes,
    scenario: Scenario,
    concepts: tuple[str, ...],
    *,
    top: int = 3,
    private: bool = False,
) -> Summary:
    """Aggregate ``outcomes`` of ``scenario`` (levers resolved)."""
    n = outcomes.size
    principals = tuple(a.id for a in scenario.principals)
    ratifiers = tuple(a.id for a in scenario.ratifiers)
    reasons: list[ReasonShare] = []
    code = outcomes.reason
    for r in REASONS[1:]:
        mask = code == REASONS.index(r)
        if not mask.any():
            continue
        if r == "unreachable":
            hopeless = outcomes.unreachable[mask]
            for i, p in enumerate(principals):
                reasons.append(ReasonShare(r, (p,), int(hopeless[:, i].sum())))
            continue
        if r == "ratifiers":
            piv = outcomes.pivotal[mask]
            alone = piv.sum(axis=1) == 1
            for j, rid in enumerate(ratifiers):
                c = int((alone & piv[:, j]).sum())
                if c:
                    reasons.append(ReasonShare(r, (rid,), c))
            several = piv.sum(axis=1) > 1
            if several.any():
                reasons.append(ReasonShare("ratifiers_each", ratifiers, int(several.sum())))
            jointly = piv.sum(axis=1) == 0
            if jointly.any():
                reasons.append(ReasonShare("ratifiers_together", ratifiers, int(jointly.sum())))
            continue
        reasons.append(ReasonShare(r, (), int(mask.sum())))
    deal = outcomes.deal
    summaries = []
    for c, concept in enumerate(concepts):
        picks = outcomes.solution[deal, c]
        ids, counts = np.unique(picks, return_counts=True)
        order = np.lexsort((ids, -counts))[:top]
        shares = []
        for k in order:
            pkg = scenario.package_ids(
                tuple(int(v) for v in np.unravel_index(int(ids[k]), scenario.shape))
            )
            shares.append(PackageShare(pkg, _label(scenario, pkg), int(counts[k]), counts[k] / n))
        util = outcomes.utility[deal, c]
        us = tuple(
            UtilitySummary(
                p,
                float(util[:, i].mean()) if util.size else float("nan"),
                tuple(float(q) for q in np.quantile(util[:, i], QUANTILES))
                if util.size
                else (float("nan"),) * len(QUANTILES),
            )
            for i, p in enumerate(principals)
        )
        summaries.append(
            ConceptSummary(
                concept, tuple(shares), int(ids.size), int(outcomes.degenerate[deal, c].sum()), us
            )
        )
    margin = None
    if not np.isnan(outcomes.margin).all():
        margin = tuple(float(q) for q in np.quantile(outcomes.margin, QUANTILES))
    return Summary(
        samples=n,
        deals=int(deal.sum()),
        negotiators=int(outcomes.negotiators.sum()),
        private_deals=int(outcomes.private_deal.sum()) if private else None,
        reasons=tuple(reasons),
        concepts=tuple(summaries),
        margin=margin,
    )
