"""Domain model of a phased agreement (frozen dataclasses).

Timing convention used everywhere in :mod:`accord.phasing`: phases are numbered ``1..T``. An
action started in phase ``s`` occupies phases ``s .. s+d-1``, is completed at the end of phase
``s+d-1`` and is *verified* at the end of phase ``s+d+l-1`` (``d`` duration, ``l`` verification
lag). Everything decided in phase ``t`` may depend only on what was verified before ``t``
began. Every action taken must be verified by the end of the horizon ``T``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from accord.scenario.phasing.schema import PhasingDocument

__all__ = [
    "Action",
    "Objective",
    "Party",
    "PhasingSpec",
    "Ratifier",
    "Verifier",
    "spec_from_document",
]

ObjectiveKind = Literal["lexicographic", "weighted"]


def _frozen_map(d: Mapping[str, float] | None = None) -> Mapping[str, float]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True, slots=True)
class Party:
    """A principal party of the agreement.

    Parameters
    ----------
    id, name:
        Identifier (a principal actor id of the scenario) and display name.
    exposure_tolerance:
        ``kappa_i^0``: how much unrecoverable value the party accepts to have given away
        beyond what it has received (verified), before any trust is built.
    trust_gain:
        ``beta_i``: extra tolerance per verified step of the counterpart.
    defection_gain:
        ``gamma_i``: one-off gain from walking away (e.g. resuming tests).
    capacity:
        Most actions the party can have under way in each phase (``None`` = unlimited).
    leverage_cap:
        Most leverage (outside-option loss) it gives up in one phase (``None`` = unlimited).
    weight:
        Weight in the weighted-sum objective.
    """

    id: str
    name: str = ""
    exposure_tolerance: float = 0.0
    trust_gain: float = 0.0
    defection_gain: float = 0.0
    capacity: tuple[int, ...] | None = None
    leverage_cap: float | None = None
    weight: float = 1.0

    @property
    def label(self) -> str:
        """Display name, falling back to the id."""
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Action:
    """One executable step, owned by one party.

    Parameters
    ----------
    cost:
        ``c_a``: cost to the owner (value units).
    value:
        ``v_{i,a}``: value to each party, received when the action is verified.
    reversibility:
        ``r_a`` in [0, 1]: the fraction of the action's effect its owner can undo by
        defecting (relief whose reimposition third parties would not enforce has a low value).
    reimposition_cost:
        ``k_a`` >= 0: what the owner pays to take the action back (e.g. the diplomatic cost of
        a snapback in the Security Council). By taking it back the owner recovers
        :meth:`recovered` ``= max(r_a c_a - k_a, 0)``; the threat is credible only when
        ``r_a c_a >= k_a``, else the counterpart keeps the whole value (:meth:`undone`).
        With ``k_a = 0`` the action behaves as reversibility alone says.
    escrow:
        A committed pledge (Admati–Perry "subscription"): the owner pays into escrow when the
        action starts, and the value is released to the others only on verification. Until
        release the owner has nothing at risk (no exposure) and nothing to take back by
        defecting; after release the action counts like any other.
    ratifier_credit:
        ``q_{R,a}``: credit the action earns with ratifier ``R`` once verified.
    leverage_loss:
        ``lambda_a``: effect on the owner's outside option (for the optional leverage cap).
    verified_by:
        Ids of the verifiers (or parties) whose report confirms the action. The schedule does
        not use them; the implementation ledger (:mod:`accord.track`) accepts verification
        reports from these only.
    """

    id: str
    owner: str
    name: str = ""
    description: str = ""
    duration: int = 1
    lag: int = 0
    cost: float = 0.0
    value: Mapping[str, float] = field(default_factory=_frozen_map)
    reversibility: float = 0.0
    reimposition_cost: float = 0.0
    prerequisites: tuple[str, ...] = ()
    escrow: bool = False
    ratifier_credit: Mapping[str, float] = field(default_factory=_frozen_map)
    leverage_loss: float = 0.0
    verified_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Short name, falling back to the description, then the id."""
        return self.name or self.description or self.id

    def value_to(self, party: str) -> float:
        """Value of this action to ``party`` (0 when not listed)."""
        return float(self.value.get(party, 0.0))

    @property
    def recovered(self) -> float:
        """What the owner gets back by taking the action back: ``max(r c - k, 0)``."""
        return max(self.reversibility * self.cost - self.reimposition_cost, 0.0)

    @property
    def undone(self) -> float:
        """Share of the action's value the others lose when the owner takes it back.

        ``r`` when taking it back pays the owner (``r c >= k``), else 0: a threat to reimpose
        that costs more than it recovers is not credible.
        """
        credible = self.reversibility * self.cost >= self.reimposition_cost
        return self.reversibility if credible else 0.0


@dataclass(frozen=True, slots=True)
class Ratifier:
    """A ratifier whose cumulative verified credit must reach ``threshold`` before ``gates``."""

    id: str
    name: str = ""
    threshold: float = 0.0
    gates: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Display name, falling back to the id."""
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Verifier:
    """Who can confirm that a step was done (an inspectorate, national technical means)."""

    id: str
    name: str = ""

    @property
    def label(self) -> str:
        """Display name, falling back to the id."""
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Objective:
    """Objective and solver limits.

    ``lexicographic``: earliest verified completion of the end state, then the largest
    minimum NPV over parties. ``weighted``: max ``sum_i w_i NPV_i - time_penalty * T_end``.
    """

    kind: ObjectiveKind = "lexicographic"
    time_penalty: float = 1.0
    time_limit: float = 60.0
    gap: float = 0.0


@dataclass(frozen=True, slots=True)
class PhasingSpec:
    """A complete phasing problem.

    Parameters
    ----------
    scenario:
        Name or path of the negotiation scenario this plan implements.
    horizon:
        ``T``: number of phases.
    discount:
        ``delta`` in (0, 1].
    balance_band:
        ``epsilon_t`` per phase for the "parallel and simultaneous" constraint, or ``None``.
    end_state:
        Ids of the actions that must be taken (and verified within the horizon).
    deal:
        The package of the scenario (``{issue id: option id}``) that the completed
        agreement implements, or ``None`` when the document does not say; ``deal_note`` and
        ``deal_source`` say why that package.
    scenario_path:
        The scenario file ``scenario`` resolved to when the document was loaded (``None``:
        not available, or the spec was built in code).
    notes:
        Remarks for the reader from loading (e.g. the scenario could not be cross-checked).
    """

    scenario: str
    horizon: int
    parties: tuple[Party, ...]
    actions: tuple[Action, ...]
    ratifiers: tuple[Ratifier, ...] = ()
    end_state: tuple[str, ...] = ()
    verifiers: tuple[Verifier, ...] = ()
    discount: float = 0.9
    balance_band: tuple[float, ...] | None = None
    objective: Objective = field(default_factory=Objective)
    title: str = ""
    notes: tuple[str, ...] = ()
    deal: Mapping[str, str] | None = None
    deal_note: str = ""
    deal_source: str = ""
    scenario_path: Path | None = None

    def party(self, pid: str) -> Party:
        """The party with id ``pid``."""
        for p in self.parties:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def action(self, aid: str) -> Action:
        """The action with id ``aid``."""
        for a in self.actions:
            if a.id == aid:
                return a
        raise KeyError(aid)

    def verifier_label(self, vid: str) -> str:
        """Display name of a declared verifier or of a party acting as one (else the id)."""
        for v in self.verifiers:
            if v.id == vid:
                return v.label
        for p in self.parties:
            if p.id == vid:
                return p.label
        return vid


def spec_from_document(
    doc: PhasingDocument, notes: tuple[str, ...] = (), scenario_path: Path | None = None
) -> PhasingSpec:
    """Convert a validated :class:`PhasingDocument` into a :class:`PhasingSpec`."""
    horizon = doc.horizon

    def per_phase_int(cap: int | list[int] | None) -> tuple[int, ...] | None:
        if cap is None:
            return None
        return tuple(cap) if isinstance(cap, list) else (cap,) * horizon

    band = doc.balance_band
    return PhasingSpec(
        scenario=doc.scenario,
        horizon=horizon,
        title=doc.title,
        notes=notes,
        deal=None if doc.deal is None else MappingProxyType(dict(doc.deal.package)),
        deal_note="" if doc.deal is None else doc.deal.note,
        deal_source="" if doc.deal is None else doc.deal.source,
        scenario_path=scenario_path,
        discount=doc.discount,
        balance_band=None
        if band is None
        else (tuple(band) if isinstance(band, list) else (float(band),) * horizon),
        parties=tuple(
            Party(
                id=p.id,
                name=p.name,
                exposure_tolerance=p.exposure_tolerance,
                trust_gain=p.trust_gain,
                defection_gain=p.defection_gain,
                capacity=per_phase_int(p.capacity),
                leverage_cap=p.leverage_cap,
                weight=p.weight,
            )
            for p in doc.parties
        ),
        actions=tuple(
            Action(
                id=a.id,
                owner=a.owner,
                name=a.name,
                description=a.description,
                duration=a.duration,
                lag=a.verification_lag,
                cost=a.cost,
                value=_frozen_map(a.value),
                reversibility=a.reversibility,
                reimposition_cost=a.reimposition_cost,
                prerequisites=tuple(a.prerequisites),
                escrow=a.escrow,
                ratifier_credit=_frozen_map(a.ratifier_credit),
                leverage_loss=a.leverage_loss,
                verified_by=tuple(a.verified_by),
            )
            for a in doc.actions
        ),
        ratifiers=tuple(
            Ratifier(id=r.id, name=r.name, threshold=r.threshold, gates=tuple(r.gates))
            for r in doc.ratifiers
        ),
        end_state=tuple(doc.end_state),
        verifiers=tuple(Verifier(id=v.id, name=v.name) for v in doc.verifiers),
        objective=Objective(
            kind=doc.objective.kind,
            time_penalty=doc.objective.time_penalty,
            time_limit=doc.objective.time_limit,
            gap=doc.objective.gap,
        ),
    )
