"""The ``uncertainty:`` section of a scenario, and the separate uncertainty file, in pydantic v2.

A section lists **parameters** (any number of the scenario by its path, with a distribution)
and **beliefs** (what one side believes about another side's no-deal value). A separate
file (``kind: uncertainty``) carries the same lists and names the scenario they apply to.
Shapes and ranges are checked here; paths are checked against the scenario by
:mod:`accord.scenario.uncertainty.build`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "BeliefSpec",
    "BetaSpec",
    "DiscreteSpec",
    "DistributionSpec",
    "ParameterSpec",
    "TriangularSpec",
    "TruncatedNormalSpec",
    "UncertaintyFile",
    "UncertaintySpec",
    "UniformSpec",
]

SourceRefs = Annotated[
    str | list[str],
    Field(description="Id (or list of ids) of entries in the scenario's `sources`."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


class UniformSpec(_Strict):
    """Every value in ``[low, high]`` equally likely (``low == high``: a constant)."""

    kind: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> UniformSpec:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class TriangularSpec(_Strict):
    """Triangular on ``[low, high]`` with its peak at ``mode``."""

    kind: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> TriangularSpec:
        if not self.low <= self.mode <= self.high:
            raise ValueError(
                f"need low <= mode <= high (got {self.low:g}, {self.mode:g}, {self.high:g})"
            )
        return self


class TruncatedNormalSpec(_Strict):
    """Normal(mean, sd) cut to ``[low, high]`` (``sd == 0``: the constant ``mean``)."""

    kind: Literal["truncated_normal"]
    mean: float
    sd: Annotated[float, Field(ge=0.0)]
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> TruncatedNormalSpec:
        if not self.low <= self.mean <= self.high:
            raise ValueError(
                f"need low <= mean <= high (got {self.low:g}, {self.mean:g}, {self.high:g})"
            )
        if self.sd > 0 and self.low == self.high:
            raise ValueError("low equals high: write a uniform of zero width for a constant")
        return self


class BetaSpec(_Strict):
    """Beta(alpha, beta) scaled to ``[low, high]`` (by default [0, 1])."""

    kind: Literal["beta"]
    alpha: Annotated[float, Field(gt=0.0)]
    beta: Annotated[float, Field(gt=0.0)]
    low: float = 0.0
    high: float = 1.0

    @model_validator(mode="after")
    def _ordered(self) -> BetaSpec:
        if not self.low < self.high:
            raise ValueError(f"need low < high (got {self.low:g}, {self.high:g})")
        return self


class DiscreteSpec(_Strict):
    """A few values with their probabilities (which must add up to 1)."""

    kind: Literal["discrete"]
    values: list[float] = Field(min_length=1)
    probabilities: list[Annotated[float, Field(ge=0.0, le=1.0)]] = Field(min_length=1)

    @model_validator(mode="after")
    def _matched(self) -> DiscreteSpec:
        if len(self.values) != len(self.probabilities):
            raise ValueError(
                f"{len(self.values)} values but {len(self.probabilities)} probabilities"
            )
        if len(set(self.values)) != len(self.values):
            raise ValueError("values must be distinct")
        if abs(sum(self.probabilities) - 1.0) > 1e-9:
            raise ValueError(f"probabilities add up to {sum(self.probabilities):g}, not 1")
        return self


DistributionSpec = Annotated[
    UniformSpec | TriangularSpec | TruncatedNormalSpec | BetaSpec | DiscreteSpec,
    Field(discriminator="kind"),
]

Apply = Literal["value", "shift", "factor"]


class ParameterSpec(_Strict):
    """One uncertain number of the scenario.

    ``path`` names it: ``ACTOR.weights.ISSUE``, ``ACTOR.values.ISSUE.OPTION``,
    ``ACTOR.no_deal``, ``ACTOR.power`` (principals), ``ACTOR.threshold``, ``ACTOR.sigma``
    (ratifiers), ``ratification.level``, and a lever effect's shift:
    ``ACTOR.LEVER.effects.SETTING[i].no_deal`` (or ``.threshold``, or
    ``.values.ISSUE.OPTION``); ``ACTOR.LEVER.effects[i]`` is short for the ``no_deal`` or
    ``threshold`` shift of effect ``i`` of the lever's current setting.

    ``apply`` says what a draw is: ``value`` (the number itself, the default), ``shift``
    (added to the file's number) or ``factor`` (multiplies it). A no-deal value or threshold
    that is the utility of a package moves with the weights and values: uncertainty about it
    is a ``shift`` of that utility.
    """

    path: str = Field(min_length=1)
    distribution: DistributionSpec
    apply: Apply = "value"
    note: str = ""
    source: SourceRefs | None = None


class BeliefSpec(_Strict):
    """What ``holder`` believes about the no-deal value of ``about`` (private information).

    ``apply: value`` (default): the belief is a distribution of the value itself;
    ``apply: shift``: of the error, the value believed being the true one plus the draw.
    """

    holder: str = Field(min_length=1)
    about: str = Field(min_length=1)
    distribution: DistributionSpec
    apply: Literal["value", "shift"] = "value"
    note: str = ""
    source: SourceRefs | None = None


class UncertaintySpec(_Strict):
    """The ``uncertainty:`` section of a scenario."""

    parameters: list[ParameterSpec] = Field(default_factory=list)
    beliefs: list[BeliefSpec] = Field(default_factory=list)
    note: str = ""
    source: SourceRefs | None = None


class UncertaintyFile(UncertaintySpec):
    """A separate uncertainty file: the section's lists and the scenario they apply to."""

    accord: Literal[1] = Field(description="Schema version; must be 1.")
    kind: Literal["uncertainty"]
    scenario: str = Field(
        min_length=1,
        description="A built-in scenario name or a scenario file, relative to this file.",
    )
    title: str = ""
