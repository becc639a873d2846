"""The scenario file schema (``accord: 1``), defined with pydantic v2.

This is the boundary: files are checked here for shape (types, ranges, unknown keys), then
:mod:`accord.scenario.negotiation.build` checks references and turns the document into the frozen core
model. ``accord schema`` prints the JSON Schema generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from accord.scenario.uncertainty.schema import UncertaintySpec

__all__ = [
    "ActorSpec",
    "AdjustableSpec",
    "ConditionSpec",
    "ConstraintSpec",
    "IssueSpec",
    "LeverEffectSpec",
    "LeverForecastSpec",
    "LeverSpec",
    "NoDealSpec",
    "OptionSpec",
    "OutcomeSpec",
    "PackageSpec",
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
SourceRefs = Annotated[
    str | list[str],
    Field(description="Id (or list of ids) of entries in `sources` that support this value."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
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
    no_deal_only: bool = Field(
        default=False,
        description="The option describes the world without an agreement (e.g. 'no limits', "
        "'no relief') and can appear in a `no_deal` or `status_quo` package, but is not on the "
        "table: no deal contains it.",
    )


class IssueSpec(_Strict):
    """An issue: an ordered list of options (order matters for `at_least` / `at_most`)."""

    id: Id
    name: str = ""
    description: str = ""
    options: list[Id | OptionSpec] = Field(min_length=1)
    source: SourceRefs | None = None
    note: str = ""


class ReservationSpec(_Strict):
    """A package and what it stands for, with its note and sources.

    As a principal's (deprecated) ``reservation`` or a ratifier's ``threshold``: the actor's
    utility of that package. The package must name an option for every issue.
    """

    package: dict[Id, Id]
    note: str = ""
    source: SourceRefs | None = None


class PackageSpec(ReservationSpec):
    """A complete package with a note and sources (a status quo or a stated position)."""


class NoDealSpec(_Strict):
    """What no agreement is worth to a principal (its BATNA), and what sets it.

    Exactly one of: ``value`` (a utility in [0, 1]); ``package`` (the principal's utility of
    that package, which may use `no_deal_only` options); ``status_quo: true`` (its utility of
    the scenario's `status_quo` package); ``use_stated: true`` with a ``reason`` (its utility
    of its own `stated` position: only when a source says the side would truly walk away from
    anything less, since sides misstate their limits on purpose).
    """

    value: Unit | None = None
    package: dict[Id, Id] | None = None
    status_quo: bool = False
    use_stated: bool = False
    reason: str = Field(
        default="",
        description="Required with `use_stated`: why the stated position is the walk-away value.",
    )
    note: str = ""
    source: SourceRefs | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> NoDealSpec:
        given = [
            k
            for k, on in (
                ("value", self.value is not None),
                ("package", self.package is not None),
                ("status_quo", self.status_quo),
                ("use_stated", self.use_stated),
            )
            if on
        ]
        if len(given) != 1:
            raise ValueError(
                "no_deal needs exactly one of `value`, `package`, `status_quo: true`, "
                "`use_stated: true`" + (f" (got {', '.join(given)})" if given else "")
            )
        if self.use_stated and not self.reason.strip():
            raise ValueError(
                "`use_stated: true` needs a `reason`: why the side would walk away from anything "
                "less than what it announced (a stated position is not a walk-away value by default)"
            )
        if self.reason.strip() and not self.use_stated:
            raise ValueError("`reason` belongs to `use_stated: true`; use `note` otherwise")
        return self


Shift = Annotated[float, Field(ge=-1.0, le=1.0)]


class LeverEffectSpec(_Strict):
    """What one setting of a lever does to one principal or ratifier.

    ``no_deal`` shifts a principal's no-deal value (what no agreement is worth to it: e.g.
    lax enforcement by a third party makes no deal less costly); ``threshold`` shifts a
    ratifier's threshold; ``values`` shifts the value of the named options for that actor
    (results are clipped to [0, 1]). ``reservation`` is the old name of both shifts.
    """

    target: Id = Field(description="The principal or ratifier affected.")
    no_deal: Shift | None = None
    threshold: Shift | None = None
    reservation: Shift | None = Field(
        default=None,
        description="Deprecated: `no_deal` for a principal, `threshold` for a ratifier.",
    )
    values: dict[Id, dict[Id, Shift]] = Field(default_factory=dict)
    note: str = ""
    source: SourceRefs | None = None

    @model_validator(mode="after")
    def _one_shift(self) -> LeverEffectSpec:
        given = [
            k
            for k, v in (
                ("no_deal", self.no_deal),
                ("threshold", self.threshold),
                ("reservation", self.reservation),
            )
            if v is not None
        ]
        if len(given) > 1:
            raise ValueError(f"give one of {', '.join(given)}, not several")
        if not given and not self.values:
            raise ValueError(
                "an effect must change something: give `no_deal` (principal), `threshold` "
                "(ratifier) or `values`; a setting that changes nothing needs no effect entry"
            )
        return self


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

    Principals negotiate: ``no_deal`` is what no agreement is worth to them, ``stated`` what
    they announced at the table (optional; used to explain where the demands part). Ratifiers
    (``of`` a principal, with a ``threshold`` and optionally ``sigma``) approve or veto at
    home; third parties act through ``levers``.
    """

    id: Id
    name: str = ""
    role: Literal["principal", "ratifier", "third_party", "mediator"] = "principal"
    power: Unit = 0.5
    no_deal: Unit | NoDealSpec | Literal["status_quo"] | None = Field(
        default=None,
        description="Principals: what no agreement is worth (a number in [0, 1], 'status_quo', "
        "or {value | package | status_quo | use_stated, note, source}).",
    )
    stated: PackageSpec | None = Field(
        default=None,
        description="Principals: the position the side announced (its demand or bottom line).",
    )
    reservation: Unit | ReservationSpec | None = Field(
        default=None,
        description="Deprecated name of `no_deal` (read as the no-deal value, with a note).",
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

    ``quantity`` is ``ACTOR.no_deal`` (principal; ``ACTOR.reservation`` is its old name),
    ``ACTOR.threshold`` or ``ACTOR.sigma`` (ratifier), or ``ratification.level``. Levers are
    always adjustable over their settings, and no-deal packages and stated positions over the
    options of each issue.
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
    held_by: Id | None = Field(
        default=None,
        description="The actor whose red line this is (a principal or ratifier that would "
        "refuse any deal breaking it); omit for a fact of the world (law, physics).",
    )
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
    status_quo: PackageSpec | None = Field(
        default=None,
        description="The world without an agreement, as a package; principals with "
        "`no_deal: status_quo` value it.",
    )
    constraints: list[ConstraintSpec] = Field(default_factory=list)
    ratification: RatificationSpec | None = None
    adjustable: list[AdjustableSpec] = Field(default_factory=list)
    uncertainty: UncertaintySpec | None = Field(
        default=None,
        description="Ranges of the scenario's numbers and each side's beliefs about the "
        "others (see `accord uncertainty`).",
    )
    outcome: OutcomeSpec | None = None

    @field_validator("accord", mode="before")
    @classmethod
    def _not_a_boolean(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError(f"{v!r} is not a schema version; write `accord: 1`")
        return v
