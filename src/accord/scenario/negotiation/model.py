"""The core domain model of a scenario: frozen dataclasses, validated and normalised.

Files are read and checked at the boundary (:mod:`accord.scenario.negotiation.schema`); everything below
that layer works with these types. Option values and weights are numpy arrays so that the
outcome space can be computed without a Python loop per package.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from accord.scenario.spatial.model import SpatialData
from accord.scenario.uncertainty.model import Declaration

__all__ = [
    "Actor",
    "Adjustable",
    "Condition",
    "Constraint",
    "Issue",
    "Lever",
    "LeverEffect",
    "LeverForecast",
    "LeverResolution",
    "NoDeal",
    "NoDealBasis",
    "Option",
    "Preference",
    "RecordedOutcome",
    "Role",
    "Scenario",
    "Source",
    "StatedPosition",
    "StatusQuo",
]


class Role(StrEnum):
    """What an actor does in a negotiation."""

    principal = "principal"
    ratifier = "ratifier"
    third_party = "third_party"
    mediator = "mediator"


@dataclass(frozen=True, slots=True)
class Source:
    """A citable source (id, title, url)."""

    id: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Option:
    """One option of an issue.

    ``no_deal_only`` options describe the world without an agreement ("no relief", "no
    limits"): they can appear in a no-deal or status-quo package but no deal contains them.
    """

    id: str
    label: str
    description: str = ""
    no_deal_only: bool = False


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue with its ordered options (order as written in the file)."""

    id: str
    name: str
    options: tuple[Option, ...]
    description: str = ""

    def option_index(self, option_id: str) -> int:
        """Position of ``option_id`` in :attr:`options` (``KeyError`` if unknown)."""
        for i, opt in enumerate(self.options):
            if opt.id == option_id:
                return i
        raise KeyError(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class NoDealBasis(StrEnum):
    """What sets a principal's no-deal value."""

    value = "value"
    """A number stated in the file."""
    package = "package"
    """The principal's utility of its own no-deal package (its best alternative)."""
    status_quo = "status_quo"
    """The principal's utility of the scenario's status quo."""
    stated = "stated"
    """The principal's utility of its own stated position (the file gives the reason)."""


@dataclass(frozen=True, slots=True)
class NoDeal:
    """What no agreement is worth to a principal (its BATNA), and what sets it.

    The number itself is :attr:`Actor.reservation` (levers and what-ifs move it); this
    records where the file's number comes from, for explanations.
    """

    basis: NoDealBasis
    package: Mapping[str, str] | None = None
    """The package valued (for ``package``, ``status_quo`` and ``stated``)."""
    note: str = ""
    sources: tuple[str, ...] = ()
    reason: str = ""
    """With basis ``stated``: why the stated position is the walk-away value."""


@dataclass(frozen=True, slots=True)
class StatedPosition:
    """What a side announced at the table (its demand or stated bottom line).

    Used to explain where the demands part; never the no-deal value unless the file says so
    (``no_deal: {use_stated: true, reason: ...}``).
    """

    package: Mapping[str, str]
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusQuo:
    """The world without an agreement, as a package (options may be ``no_deal_only``)."""

    package: Mapping[str, str]
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor. Principals carry a no-deal value (``reservation``: utility of no agreement)."""

    id: str
    name: str
    role: Role
    power: float
    reservation: float | None = None
    """Principals: what no agreement is worth to it, on its utility scale (its BATNA)."""
    no_deal: NoDeal | None = None
    """Principals: what sets :attr:`reservation` in the file."""
    stated: StatedPosition | None = None
    """Principals: what the side announced at the table, if the file says."""
    note: str = ""
    sources: tuple[str, ...] = ()
    of: str | None = None
    """Ratifiers: the principal whose agreements they ratify."""
    threshold: float | None = None
    """Ratifiers: the utility at which they ratify (probability 1/2 if probabilistic)."""
    threshold_package: Mapping[str, str] | None = None
    sigma: float | None = None
    """Ratifiers: ``None`` for a deterministic rule, else P = Phi((U - threshold) / sigma)."""

    @property
    def probabilistic(self) -> bool:
        return self.sigma is not None

    @property
    def reservation_package(self) -> Mapping[str, str] | None:
        """The package whose utility is the file's no-deal value, if it is one."""
        return None if self.no_deal is None else self.no_deal.package


@dataclass(frozen=True, slots=True)
class LeverEffect:
    """One effect of a lever setting on a principal (or ratifier).

    ``reservation`` shifts the reservation value (a ratifier's threshold); ``values`` holds
    ``(issue index, option index, shift)`` triples for the actor's option values.
    """

    on: str
    reservation: float = 0.0
    values: tuple[tuple[int, int, float], ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class LeverForecast:
    """A lever's link to a spatial forecast: which data, model, dimension (and actor).

    The scenario layer only describes the link; running the model and choosing the setting
    happens above the forecasting layer (``accord.api``), which fills :class:`LeverResolution`.

    Parameters
    ----------
    data_path:
        The spatial data file, resolved against the scenario file's folder.
    data_ref:
        The file as written in the scenario (``data:``), for reports.
    data:
        The spatial data as loaded (shared between levers linked to the same file).
    model:
        Forecasting model name as written (checked when the forecast is run).
    dimension:
        The dimension of ``data`` that drives the lever.
    actor:
        ``None`` for the collective forecast, else the spatial actor whose final position
        (last state of the model's trajectory) drives the lever.
    positions:
        Per setting, its position on the dimension's scale (one per setting).
    source, path, line:
        Where the link is written (file, key path, line), for located errors later.
    """

    data_path: str
    data_ref: str
    data: SpatialData
    model: str
    dimension: str
    actor: str | None
    positions: Mapping[str, float]
    source: str = ""
    path: str = ""
    line: int | None = None
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LeverResolution:
    """How a forecast-driven lever got its setting: model, forecast position, setting."""

    model: str
    position: float
    setting: str
    dimension: str
    actor: str | None = None

    @property
    def text(self) -> str:
        """``"partial, from the smp forecast 47.3 on 'enforcement'"``."""
        whose = f" of {self.actor}'s position" if self.actor else ""
        return (
            f"{self.setting}, from the {self.model} forecast{whose} {self.position:.1f} "
            f"on '{self.dimension}'"
        )


@dataclass(frozen=True, slots=True)
class Lever:
    """A third party's lever: allowed settings, the current one, and each setting's effects.

    A lever with a ``forecast`` takes its current setting from that forecast once it is
    resolved (``resolution`` set, see ``accord.api.resolve_levers``); until then ``current``
    is only a placeholder and :func:`accord.scenario.negotiation.adjust.apply_levers` refuses it. Setting
    such a lever by hand (``with_changes``) detaches it from the forecast.
    """

    actor: str
    id: str
    name: str
    settings: tuple[str, ...]
    current: str
    effects: Mapping[str, tuple[LeverEffect, ...]]
    note: str = ""
    sources: tuple[str, ...] = ()
    forecast: LeverForecast | None = None
    resolution: LeverResolution | None = None

    @property
    def key(self) -> str:
        """``ACTOR.LEVER``, the name ``--set`` uses."""
        return f"{self.actor}.{self.id}"

    @property
    def unresolved(self) -> bool:
        """True for a forecast-driven lever whose forecast has not been run yet."""
        return self.forecast is not None and self.resolution is None


@dataclass(frozen=True, slots=True)
class Adjustable:
    """A numeric quantity what-if and diagnosis may change, within ``[low, high]``.

    ``quantity`` is ``ACTOR.no_deal``, ``ACTOR.threshold``, ``ACTOR.sigma`` or
    ``ratification.level``.
    """

    quantity: str
    low: float
    high: float
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Preference:
    """A principal's additive utility: normalised issue weights and option values in [0, 1].

    ``values[k][o]`` is the value of option ``o`` of issue ``k``; ``weights`` sums to 1.
    """

    actor: str
    weights: NDArray[np.float64]
    values: tuple[NDArray[np.float64], ...]

    def utility(self, package: tuple[int, ...]) -> float:
        """Utility of one package given as option indices (one per issue)."""
        return float(
            sum(w * v[o] for w, v, o in zip(self.weights, self.values, package, strict=True))
        )


@dataclass(frozen=True, slots=True)
class Condition:
    """``issue`` takes one of the options in ``allowed`` (indices into the issue's options)."""

    issue: int
    allowed: frozenset[int]
    text: str


@dataclass(frozen=True, slots=True)
class Constraint:
    """A hard constraint: when every condition in ``when`` holds, ``then`` must hold too.

    ``held_by`` names the actor whose red line it is (``None``: a fact of the world, such as
    a law or the ``no_deal_only`` options that no deal can contain).
    """

    id: str
    when: tuple[Condition, ...]
    then: Condition
    reason: str
    sources: tuple[str, ...] = ()
    held_by: str | None = None

    def holds(self, package: tuple[int, ...]) -> bool:
        """Does ``package`` (option indices) satisfy this constraint?"""
        if all(package[c.issue] in c.allowed for c in self.when):
            return package[self.then.issue] in self.then.allowed
        return True


@dataclass(frozen=True, slots=True)
class RecordedOutcome:
    """What happened in history, for validation."""

    agreement: bool
    package: Mapping[str, str] | None = None
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Scenario:
    """One negotiation: actors, issues, preferences, constraints and (optionally) history."""

    title: str
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    preferences: Mapping[str, Preference]
    constraints: tuple[Constraint, ...] = ()
    outcome: RecordedOutcome | None = None
    date: str = ""
    description: str = ""
    sources: tuple[Source, ...] = ()
    origin: str = "<input>"
    levers: tuple[Lever, ...] = ()
    adjustable: tuple[Adjustable, ...] = ()
    ratification_level: float = 0.5
    """Joint ratification probability a principal's win-set requires."""
    levers_applied: bool = False
    """True once the lever settings' effects are folded into the numbers (see :func:`~accord.scenario.negotiation.adjust.apply_levers`)."""
    status_quo: StatusQuo | None = None
    """The world without an agreement, when the file gives it."""
    notes: tuple[str, ...] = ()
    """What the reader should know about how the file was read (e.g. an old key upgraded)."""
    written_weights: Mapping[str, tuple[float, ...]] = dataclasses.field(default_factory=dict)
    """Per actor, its weights as the file writes them (before normalisation), in issue order."""
    uncertainty: Declaration | None = None
    """The ranges of the scenario's numbers and the sides' beliefs, when the file declares them."""

    @property
    def principals(self) -> tuple[Actor, ...]:
        """The actors with role ``principal``, in file order."""
        return tuple(a for a in self.actors if a.role is Role.principal)

    @property
    def ratifiers(self) -> tuple[Actor, ...]:
        """The actors with role ``ratifier``, in file order."""
        return tuple(a for a in self.actors if a.role is Role.ratifier)

    def ratifiers_of(self, principal: str) -> tuple[Actor, ...]:
        """The ratifiers attached to ``principal``."""
        return tuple(a for a in self.ratifiers if a.of == principal)

    def lever(self, key: str) -> Lever:
        """The lever named ``ACTOR.LEVER`` (``KeyError`` if unknown)."""
        for lv in self.levers:
            if lv.key == key:
                return lv
        raise KeyError(key)

    def actor(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id`` (``KeyError`` if unknown)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def issue_index(self, issue_id: str) -> int:
        """Position of issue ``issue_id`` (``KeyError`` if unknown)."""
        for i, issue in enumerate(self.issues):
            if issue.id == issue_id:
                return i
        raise KeyError(issue_id)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of options per issue: the shape of the outcome space."""
        return tuple(len(i.options) for i in self.issues)

    def package_ids(self, package: tuple[int, ...]) -> dict[str, str]:
        """Turn option indices into ``{issue id: option id}``."""
        return {iss.id: iss.options[o].id for iss, o in zip(self.issues, package, strict=True)}

    def package_indices(self, package: Mapping[str, str]) -> tuple[int, ...]:
        """Turn ``{issue id: option id}`` (complete) into option indices."""
        return tuple(iss.option_index(package[iss.id]) for iss in self.issues)
