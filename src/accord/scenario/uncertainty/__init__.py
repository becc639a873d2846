"""Declared uncertainty: ranges of a scenario's numbers and each side's beliefs about the others.

One folder per document kind: the schema of the ``uncertainty:`` section and of the separate
``kind: uncertainty`` file, the distributions, the checked model; the loader (``accord.scenario.uncertainty.loader``) sits above the
negotiation loader and is imported from there.
"""

from __future__ import annotations

from accord.scenario.uncertainty.distributions import KINDS, Distribution
from accord.scenario.uncertainty.model import (
    Belief,
    Declaration,
    Quantity,
    Target,
    UncertainParameter,
)

__all__ = [
    "KINDS",
    "Belief",
    "Declaration",
    "Distribution",
    "Quantity",
    "Target",
    "UncertainParameter",
]
