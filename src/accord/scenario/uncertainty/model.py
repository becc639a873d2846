"""Declared uncertainty, checked against its scenario: which number each parameter moves,
how it is drawn, and what each side believes about the others.

A :class:`Target` says which number of the scenario a parameter moves (an actor's weight or
option value, a no-deal value, a ratifier's threshold or sigma, the ratification level, a
power, or the shift of a lever effect); :meth:`UncertainParameter.draw` turns uniform draws
into that number. Weights are drawn as the file writes them (before normalisation) and each
actor's weights are then **renormalised** to sum to 1, exactly as the file's own are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from accord._types import FloatArray
from accord.scenario.uncertainty.distributions import Distribution

__all__ = ["Belief", "Declaration", "Quantity", "Target", "UncertainParameter"]


class Quantity(StrEnum):
    """What kind of number a parameter moves."""

    weight = "weight"
    value = "value"
    no_deal = "no_deal"
    threshold = "threshold"
    sigma = "sigma"
    level = "level"
    power = "power"
    effect_shift = "effect_shift"
    """The ``no_deal`` (principal) or ``threshold`` (ratifier) shift of a lever effect."""
    effect_value = "effect_value"
    """The shift a lever effect gives one option value."""


@dataclass(frozen=True, slots=True)
class Target:
    """The number of the scenario a parameter moves.

    Attributes
    ----------
    quantity:
        What kind of number.
    actor:
        The principal or ratifier it belongs to (for a lever effect: the effect's target).
    issue, option:
        Indices for weights and option values (``-1`` when not used).
    lever, setting, effect:
        For lever effects: ``ACTOR.LEVER``, the setting and the effect's index in it.
    file_value:
        The file's number (before lever effects); 0 for a package-valued no-deal value or
        threshold, whose uncertainty is a shift.
    on_package:
        A no-deal value or threshold that is the utility of a package.
    """

    quantity: Quantity
    actor: str = ""
    issue: int = -1
    option: int = -1
    lever: str = ""
    setting: str = ""
    effect: int = -1
    file_value: float = 0.0
    on_package: bool = False


@dataclass(frozen=True, slots=True)
class UncertainParameter:
    """One declared uncertain number: where it is, how it is drawn, why.

    ``apply`` is ``value`` (a draw is the number), ``shift`` (added to the file's number)
    or ``factor`` (multiplies it). For a package-valued no-deal value or threshold the draw
    is a shift of the package's utility (it moves with the sampled weights and values).
    """

    path: str
    target: Target
    distribution: Distribution
    apply: str = "value"
    note: str = ""
    sources: tuple[str, ...] = ()

    def draw(self, u: FloatArray) -> FloatArray:
        """The parameter's number for uniform draws ``u`` in [0, 1] (a shift when
        :attr:`Target.on_package`)."""
        x = self.distribution.ppf(u)
        base = self.target.file_value
        if self.apply == "shift":
            return np.asarray(base + x) if not self.target.on_package else x
        if self.apply == "factor":
            return np.asarray(base * x)
        return x

    @property
    def support(self) -> tuple[float, float]:
        """Smallest and largest number a draw can give."""
        lo, hi = self.draw(np.array([0.0, 1.0]))
        return float(min(lo, hi)), float(max(lo, hi))

    @property
    def text(self) -> str:
        """``uniform [0.1, 0.3]``, ``file + uniform [-0.05, 0.05]``, ... for tables."""
        d = self.distribution.text
        if self.target.on_package:
            return f"package utility + {d}"
        if self.apply == "shift":
            return f"{self.target.file_value:.4g} + {d}"
        if self.apply == "factor":
            return f"{self.target.file_value:.4g} × {d}"
        return d


@dataclass(frozen=True, slots=True)
class Belief:
    """What ``holder`` believes about the no-deal value of ``about``.

    ``apply`` ``value``: the distribution of the value itself; ``shift``: of the error (the
    value believed is the true value plus the draw).
    """

    holder: str
    about: str
    distribution: Distribution
    apply: str = "value"
    note: str = ""
    sources: tuple[str, ...] = ()

    def cdf(self, x: FloatArray, truth: FloatArray) -> FloatArray:
        """Probability, in the holder's belief, that the no-deal value is at most ``x``
        (``truth``: the true no-deal value, used by ``shift`` beliefs)."""
        if self.apply == "shift":
            return self.distribution.cdf(np.asarray(x) - np.asarray(truth))
        return self.distribution.cdf(x)


@dataclass(frozen=True, slots=True, eq=False)
class Declaration:
    """A scenario's declared uncertainty, checked against it.

    Attributes
    ----------
    parameters:
        The uncertain numbers, in file order.
    beliefs:
        Private information: each side's belief about another side's no-deal value.
    raw_weights:
        Per actor, its weights as the file writes them (before normalisation), in issue
        order: sampled weights replace some of them and the actor's weights are renormalised.
    origin:
        The file the declaration was read from.
    note, sources:
        Why the ranges are what they are.
    """

    parameters: tuple[UncertainParameter, ...]
    beliefs: tuple[Belief, ...]
    raw_weights: Mapping[str, tuple[float, ...]]
    origin: str = "<input>"
    note: str = ""
    sources: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters' paths (the columns of every sample matrix)."""
        return tuple(p.path for p in self.parameters)

    def draw(self, uniforms: FloatArray) -> FloatArray:
        """``(n, D)`` uniform draws to ``(n, D)`` parameter numbers (column ``d`` is
        parameter ``d``)."""
        u = np.asarray(uniforms, dtype=np.float64)
        out = np.empty_like(u)
        for d, p in enumerate(self.parameters):
            out[:, d] = p.draw(u[:, d])
        return out
