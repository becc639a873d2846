"""Result values of the phasing solver (frozen dataclasses)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from accord.phasing.groups import ConstraintGroup
from accord.scenario.phasing.model import PhasingSpec
from accord.space.acceptability import PackageCheck, SideCheck

__all__ = [
    "DealCheck",
    "Diagnosis",
    "Explanation",
    "PhaseState",
    "PhasingResult",
    "Relaxation",
    "Status",
]

Status = Literal["optimal", "feasible", "infeasible", "no_solution"]


@dataclass(frozen=True, slots=True)
class PhaseState:
    """What happens in one phase of a plan.

    ``verified`` lists the actions whose verification completes at the end of this phase.
    ``exposure`` and ``cap`` are each party's exposure during the phase and its cap.
    ``binding`` names, in plain words, the constraints with no slack in this phase.
    """

    phase: int
    starts: tuple[str, ...]
    active: tuple[str, ...]
    verified: tuple[str, ...]
    exposure: Mapping[str, float]
    cap: Mapping[str, float]
    binding: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an action starts in the phase it does, in plain words."""

    action: str
    phase: int
    text: str
    groups: tuple[ConstraintGroup, ...]


@dataclass(frozen=True, slots=True)
class Relaxation:
    """One constraint group the diagnosis relaxes, with by how much and where it bites first."""

    group: ConstraintGroup
    text: str
    amount: float
    phase: int


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The smallest set of constraint groups whose relaxation makes the request feasible."""

    relaxations: tuple[Relaxation, ...]
    text: str
    found: bool

    def kinds(self) -> set[str]:
        """Kinds of the relaxed groups (e.g. ``{"exposure", "ratification"}``)."""
        return {r.group.kind for r in self.relaxations}


@dataclass(frozen=True, slots=True)
class DealCheck:
    """Whether the deal a plan implements is acceptable to every side of its scenario.

    The verdict is the scenario's one acceptability predicate
    (:func:`accord.space.acceptability.check_package`) applied to the document's ``deal:``
    package, with the scenario's levers resolved and applied.

    Parameters
    ----------
    scenario:
        How the phasing document names its scenario.
    package:
        The ``deal:`` package, or ``None`` when the document names none.
    check:
        Every side's verdict (principal, ratifiers) and the broken hard constraints; ``None``
        when the deal was not checked.
    reason:
        Why the deal was not checked (empty when it was).
    labels:
        ``{issue id: (issue name, option label)}`` of the package, for display.
    constraints:
        ``{constraint id: reason}`` for each hard constraint the package breaks.
    held_by:
        ``{constraint id: actor name}`` for those of them that are an actor's red line.
    levers:
        ``{lever key: setting}`` the check used (after forecasts set their levers).
    note, source:
        The document's note on the deal (why this package) and its source.
    """

    scenario: str
    package: Mapping[str, str] | None
    check: PackageCheck | None = None
    reason: str = ""
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    constraints: Mapping[str, str] = field(default_factory=dict)
    held_by: Mapping[str, str] = field(default_factory=dict)
    levers: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    source: str = ""

    @property
    def checked(self) -> bool:
        """The predicate was applied (the document names a deal and its scenario is available)."""
        return self.check is not None

    @property
    def acceptable(self) -> bool | None:
        """In every side's win-set and breaking no hard constraint (``None``: not checked)."""
        return None if self.check is None else self.check.acceptable

    @property
    def refused_by(self) -> tuple[SideCheck, ...]:
        """The sides whose principal refuses the deal or whose ratifiers veto it."""
        return () if self.check is None else tuple(s for s in self.check.sides if not s.acceptable)


@dataclass(frozen=True, slots=True)
class PhasingResult:
    """The outcome of :func:`accord.phasing.solve.solve_phasing`.

    Parameters
    ----------
    status:
        ``optimal`` (proved within the gap), ``feasible`` (a plan, optimality not proved
        within the time limit), ``infeasible`` (proved; see ``diagnosis``) or
        ``no_solution`` (time limit reached with no plan found).
    starts:
        Start phase of each action taken.
    t_end:
        Phase at whose end the last required action is verified.
    npv:
        Each party's discounted net value of the plan.
    """

    spec: PhasingSpec
    status: Status
    objective: str
    one_shot: bool
    starts: Mapping[str, int]
    t_end: int | None
    npv: Mapping[str, float]
    phases: tuple[PhaseState, ...]
    explanations: tuple[Explanation, ...]
    diagnosis: Diagnosis | None
    seconds: float
    gap: float | None
    message: str
    sooner: str = ""
    """What would let the end state be verified one phase sooner (plain words), if computed."""
    deal: DealCheck | None = None
    """Whether the deal the plan implements is acceptable to every side (``None``: not asked)."""

    @property
    def feasible(self) -> bool:
        """A plan was found."""
        return self.status in ("optimal", "feasible")
