"""The analysis under uncertainty: many samples of a scenario's numbers at once.

:class:`SampledAnalysis` evaluates chunks of samples as array computations (the tables of
each sample's numbers, the package grid, the win-sets through the one acceptability
predicate, the solutions per sample, each side's proposal under private information).
"""

from __future__ import annotations

from accord.bargaining.uncertainty.engine import SampledAnalysis
from accord.bargaining.uncertainty.outcomes import REASONS, SampleOutcomes
from accord.bargaining.uncertainty.segments import SAMPLED_CONCEPTS
from accord.bargaining.uncertainty.tables import Draw, ScenarioTables

__all__ = [
    "REASONS",
    "SAMPLED_CONCEPTS",
    "Draw",
    "SampleOutcomes",
    "SampledAnalysis",
    "ScenarioTables",
]
