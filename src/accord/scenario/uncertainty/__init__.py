"""Declared uncertainty: ranges of a scenario's numbers and each side's beliefs about the others.

One folder per document kind: the schema of the ``uncertainty:`` section and of the separate
``kind: uncertainty`` file, the distributions, the checked model; the loader (``accord.scenario.uncertainty.loader``) sits above the
negotiation loader and is imported from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord._lazy import lazy_names

if TYPE_CHECKING:
    from accord.scenario.uncertainty.distributions import KINDS, Distribution
    from accord.scenario.uncertainty.model import (
        Belief,
        Declaration,
        Quantity,
        Target,
        UncertainParameter,
    )

# names load on first use: the schema (read by every scenario file) must not pull in numpy
# and scipy.special through the distributions
_MODEL = "accord.scenario.uncertainty.model"
__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "KINDS": "accord.scenario.uncertainty.distributions",
        "Distribution": "accord.scenario.uncertainty.distributions",
        **{
            n: _MODEL for n in ("Belief", "Declaration", "Quantity", "Target", "UncertainParameter")
        },
    },
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
