"""Facade: outcome analysis of a scenario."""

from __future__ import annotations

from pathlib import Path

from accord.api._levers import resolve_levers
from accord.bargaining.analysis import Analysis, analyze
from accord.bargaining.solutions import KS_VARIANTS
from accord.errors import InputError
from accord.scenario import DEFAULT_SCENARIO, Scenario, load_scenario

__all__ = ["analyze_scenario"]


def analyze_scenario(
    scenario: str | Path | Scenario = DEFAULT_SCENARIO, *, ks_variant: str = "max_min_ratio"
) -> Analysis:
    """Analyse a scenario given as a built-in name, a file path or a loaded :class:`Scenario`.

    Levers that take their setting from a forecast are resolved first (:func:`resolve_levers`).
    ``ks_variant`` picks the Kalai–Smorodinsky definition: ``max_min_ratio`` (accord's
    default: maximise the smallest gain-to-ideal ratio) or ``min_spread`` (NegMAS and GENIUS:
    the smallest spread between the ratios).
    """
    if ks_variant not in KS_VARIANTS:
        raise InputError(
            f"unknown Kalai–Smorodinsky variant {ks_variant!r}; valid: {', '.join(KS_VARIANTS)}"
        )
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return analyze(resolve_levers(sc), ks_variant=ks_variant)
