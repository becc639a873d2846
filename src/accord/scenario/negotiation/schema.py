"""The scenario file schema (``accord: 1``), defined with pydantic v2.

This is the boundary: files are checked here for shape (types, ranges, unknown keys), then
:mod:`accord.scenario.negotiation.build` checks references and turns the document into the frozen core
model. ``accord schema`` prints the JSON Schema generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ActorSpec",
    "AdjustableSpec",
    "ConditionSpec",
    "ConstraintSpec",
    "IssueSpec",
    "LeverEffectSpec",
    "LeverForecastSpec",
    "LeverSpec",
    "OptionSpec",
    "OutcomeSpec",
    "PreferenceSpec",
    "RatificationSpec",
    "RationaleSpec",
    "ReservationSpec",
    "ScenarioFile",
    "SourceSpec",
]

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
        max_length=64,
        description="Identifier: a letter, then letters, digits, '_' or '-'.",
    ),
]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
# A reservation may lie below 0 (below every package), as GENIUS and NegMAS allow.
Reservation = Annotated[float, Field(ge=-1.0, le=1.0)]
SourceRefs = Annotated[
    str | list[str],
    Field(description="Id (or list of ids) of entries in `sources` that support this value."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False, strict=True
    )


class SourceSpec(_Strict):
    """A source any value can cite by its id."""

    id: Id
    title: str = Field(min_length=1)
    url: str = ""


class OptionSpec(_Strict):
    """One option of an issue. A bare string in `options` is shorthand for `{id: ...}`."""

    id: Id
    label: str = ""
    description: str = ""


class IssueSpec(_Strict):
    """An issue: an ordered list of options (order matters for `at_least` / `at_most`)."""

    id: Id
    name: str = ""
    description: str = ""
    options: list[Id | OptionSpec] = Field(min_length=1)
    source: SourceRefs | None = None
    note: str = ""


class ReservationSpec(_Strict):
    """Reservation given as a package: the principal's utility of that package.

    Use it when a source states a bottom line ("we will not accept less than ...") rather
    than a number. Issues left out take the principal's worst option on that issue.
    """

    package: dict[Id, Id]
    note: str = ""
    source: SourceRefs | None = None


class LeverEffectSpec(_Strict):
    """What one setting of a lever does to one principal or ratifier.

    ``reservation`` shifts a principal's reservation value (a ratifier's threshold) by the
    amount given; ``values`` shifts the value of the named options for that actor (results are
    clipped to [0, 1]).
    """

    target: Id = Field(description="The principal or ratifier affected.")
    reservation: Annotated[float, Field(ge=-1.0, le=1.0)] | None = None
    values: dict[Id, dict[Id, Annotated[float, Field(ge=-1.0, le=1.0)]]] = Field(
        default_factory=dict
    )
    note: str = ""
    source: SourceRefs | None = None


class LeverForecastSpec(_Strict):
    """Where a lever takes its setting from: a spatial forecast over the third parties.

    The lever takes the setting whose ``positions`` entry is nearest the forecast on
    ``dimension`` (ties: the first in ``settings`` order).
    """

    data: str = Field(
        min_length=1,
        description="Spatial data file (kind: spatial, KTAB, Decide, ...), relative to this file.",
    )
    model: str = Field(default="compromise", min_length=1, description="Forecasting model.")
    dimension: str = Field(min_length=1, description="The dimension of the data that drives it.")
    actor: str | None = Field(
        default=None,
        description="Use this actor's final position in the model's trajectory instead of "
        "the collective forecast.",
    )
    positions: dict[Id, float] = Field(
        description="Per lever setting, its position on the dimension's scale."
    )
    note: str = ""
    source: SourceRefs | None = None


class LeverSpec(_Strict):
    """A third party's lever: a named setting with allowed values and their effects.

    Effects are stated relative to the file's own numbers: a setting without effects leaves
    them as they are (normally the setting the file's numbers were measured at). The current
    setting is either stated (``current``) or taken from a spatial forecast (``forecast``).
    """

    id: Id
    name: str = ""
    settings: list[Id] = Field(min_length=2)
    current: Id | None = None
    forecast: LeverForecastSpec | None = None
    effects: dict[Id, list[LeverEffectSpec]] = Field(default_factory=dict)
    note: str = ""
    source: SourceRefs | None = None


class ActorSpec(_Strict):
    """An actor of the negotiation.

    Principals negotiate (``reservation``); ratifiers (``of`` a principal, with a
    ``threshold`` and optionally ``sigma``) approve or veto at home; third parties act
    through ``levers``.
    """

    id: Id
    name: str = ""
    role: Literal["principal", "ratifier", "third_party", "mediator"] = "principal"
    power: Unit = 0.5
    reservation: Reservation | ReservationSpec | None = Field(
        default=None,
        description="Utility of no agreement (-1 to 1; below 0 lies below every package), "
        "or a package whose utility it is.",
    )
    of: Id | None = Field(default=None, description="Ratifiers: the principal they ratify for.")
    threshold: Unit | ReservationSpec | None = Field(
        default=None,
        description="Ratifiers: ratifies a package worth at least this (a number or a package).",
    )
    sigma: Annotated[float, Field(gt=0.0, le=1.0)] | None = Field(
        default=None,
        description="Ratifiers: uncertainty about the ratifier; P = Phi((U - threshold) / sigma).",
    )
    levers: list[LeverSpec] = Field(default_factory=list)
    note: str = ""
    source: SourceRefs | None = None


class RatificationSpec(_Strict):
    """The joint ratification probability a principal's win-set requires."""

    level: Annotated[float, Field(gt=0.0, le=1.0)] = 0.5
    note: str = ""
    source: SourceRefs | None = None


class AdjustableSpec(_Strict):
    """A quantity what-if and diagnosis may change, within bounds.

    ``quantity`` is ``ACTOR.reservation`` (principal), ``ACTOR.threshold`` or ``ACTOR.sigma``
    (ratifier), or ``ratification.level``. Levers are always adjustable over their settings.
    """

    quantity: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*\.[A-Za-z][A-Za-z0-9_\-]*$")
    min: float
    max: float
    note: str = ""
    source: SourceRefs | None = None

    @model_validator(mode="after")
    def _ordered(self) -> AdjustableSpec:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class RationaleSpec(_Strict):
    """Why a value is what it is: free text and the sources behind it."""

    note: str = ""
    source: SourceRefs | None = None


class PreferenceSpec(_Strict):
    """A principal's preferences: a weight (salience) per issue and a value per option."""

    weights: dict[Id, Annotated[float, Field(ge=0.0)]]
    values: dict[Id, dict[Id, Unit]]
    rationale: dict[Id, RationaleSpec] = Field(
        default_factory=dict,
        description="Per issue id (or 'weights'): the note and sources behind the numbers.",
    )


class ConditionSpec(_Strict):
    """A condition on one issue: exactly one of `is`, `in`, `at_least`, `at_most`."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    issue: Id
    is_: Id | None = Field(default=None, alias="is")
    in_: list[Id] | None = Field(default=None, alias="in", min_length=1)
    at_least: Id | None = None
    at_most: Id | None = None

    @field_validator("in_")
    @classmethod
    def _unique(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and len(set(v)) != len(v):
            raise ValueError("options in `in` must be distinct")
        return v

    @model_validator(mode="after")
    def _exactly_one(self) -> ConditionSpec:
        given = [
            k
            for k, v in (
                ("is", self.is_),
                ("in", self.in_),
                ("at_least", self.at_least),
                ("at_most", self.at_most),
            )
            if v is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "a condition needs exactly one of `is`, `in`, `at_least`, `at_most`"
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self


class ConstraintSpec(_Strict):
    """A hard constraint between issues: if all of `if` hold, `then` must hold."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    id: Id
    if_: ConditionSpec | Annotated[list[ConditionSpec], Field(min_length=1)] | None = Field(
        default=None, alias="if"
    )
    then: ConditionSpec
    reason: str = Field(min_length=1)
    source: SourceRefs | None = None


class OutcomeSpec(_Strict):
    """The recorded historical outcome, used to validate the model."""

    agreement: bool
    package: dict[Id, Id] | None = None
    note: str = ""
    source: SourceRefs | None = None


class ScenarioFile(_Strict):
    """A negotiation scenario file, version 1."""

    accord: Literal[1] = Field(description="Schema version; must be 1.")
    kind: Literal["negotiation"] = "negotiation"
    title: str = Field(min_length=1)
    date: str | dt.date = ""
    description: str = ""
    sources: list[SourceSpec] = Field(default_factory=list)
    actors: list[ActorSpec] = Field(min_length=1)
    issues: list[IssueSpec] = Field(min_length=1)
    preferences: dict[Id, PreferenceSpec]
    constraints: list[ConstraintSpec] = Field(default_factory=list)
    ratification: RatificationSpec | None = None
    adjustable: list[AdjustableSpec] = Field(default_factory=list)
    outcome: OutcomeSpec | None = None

    @field_validator("accord", mode="before")
    @classmethod
    def _not_a_boolean(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError(f"{v!r} is not a schema version; write `accord: 1`")
        return v
