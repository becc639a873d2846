"""The file schema of a phasing document (``kind: phasing``), validated with pydantic v2.

A phasing document describes how an agreement could be implemented step by step: the actions
of each party, how long each takes and how long its verification takes, what each is worth to
whom, how reversible it is, which steps must come first, which need a ratifier's consent, and
how much each party can afford to have given away at any time (its *exposure tolerance*),
and which package of its negotiation scenario the completed agreement implements (``deal``).

Every model forbids unknown keys. Cross-references (owners, prerequisites, gates), cyclic
prerequisites and horizon fit are checked by :func:`semantic_problems`, which returns key paths
so the loader can attach line numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

__all__ = [
    "MAX_MAGNITUDE",
    "ActionDoc",
    "DealDoc",
    "ObjectiveDoc",
    "PartyDoc",
    "PhasingDocument",
    "RatifierDoc",
    "VerifierDoc",
    "semantic_problems",
]

MAX_MAGNITUDE = 1e6
"""Largest value, cost, tolerance or credit a phasing file may state. Quantities are points on
a 0-100 scale; far larger ones defeat the MILP solver's numerical tolerances (a cost of 1e15
made a feasible plan look infeasible), so they are refused, not solved."""


def _bounded(value: float) -> float:
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(
            f"{value:g} is too large: phasing quantities must lie within ±{MAX_MAGNITUDE:,.0f} "
            "(they are points on a 0-100 scale; larger magnitudes defeat the solver's "
            "numerical tolerances)"
        )
    return value


Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
NonNeg = Annotated[float, Field(ge=0.0, allow_inf_nan=False), AfterValidator(_bounded)]
Finite = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_bounded)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class PartyDoc(_Strict):
    """A principal party: its exposure tolerance, trust gain, defection gain and limits."""

    id: Id
    name: str = ""
    exposure_tolerance: NonNeg = Field(description="kappa_i^0: base exposure the party accepts")
    trust_gain: NonNeg = Field(0.0, description="beta_i: extra tolerance per verified step")
    defection_gain: Finite = Field(
        0.0,
        description="gamma_i: one-off gain from defecting (negative: defecting costs, e.g. "
        "reputation or later stages of the process)",
    )
    capacity: Annotated[int, Field(ge=1)] | list[Annotated[int, Field(ge=0)]] | None = None
    leverage_cap: NonNeg | None = None
    weight: NonNeg = 1.0
    members: list[Id] = Field(
        default_factory=list,
        description="principal actors of the scenario this party stands for (default: its id)",
    )
    source: str = ""
    note: str = ""


class ActionDoc(_Strict):
    """One executable step of the agreement, owned by one party."""

    id: Id
    owner: Id
    name: str = ""
    description: str = ""
    duration: Annotated[int, Field(ge=1, le=1000)] = 1
    verification_lag: Annotated[int, Field(ge=0, le=1000)] = 0
    cost: NonNeg = 0.0
    value: dict[Id, Finite] = Field(default_factory=dict)
    reversibility: Share = 0.0
    reimposition_cost: NonNeg = Field(
        0.0,
        description="k_a: what the owner pays to take the step back (e.g. a snapback fight in "
        "the Security Council); it recovers max(r*cost - k, 0), and the threat to take the step "
        "back is credible only when r*cost >= k",
    )
    prerequisites: list[Id] = Field(default_factory=list)
    escrow: bool = False
    ratifier_credit: dict[Id, NonNeg] = Field(default_factory=dict)
    leverage_loss: NonNeg = 0.0
    verified_by: list[Id] = Field(
        default_factory=list,
        description="ids of the verifiers (or parties) whose report confirms this step "
        "(needed to track the plan with accord track)",
    )
    source: str = ""
    note: str = ""


class VerifierDoc(_Strict):
    """Who can confirm that a step was done: an inspectorate, national technical means, a panel."""

    id: Id
    name: str = ""
    source: str = ""
    note: str = ""


class RatifierDoc(_Strict):
    """A domestic or international ratifier whose consent gates some actions."""

    id: Id
    name: str = ""
    threshold: NonNeg
    gates: list[Id] = Field(min_length=1)
    source: str = ""
    note: str = ""


class DealDoc(_Strict):
    """The package of the scenario that the completed agreement implements.

    ``package`` names one option of the scenario for every issue (checked against the
    scenario when it is available); ``accord phase`` checks that package with the scenario's
    acceptability predicate (principal and ratifiers of every side, hard constraints).
    """

    package: dict[Id, Id] = Field(min_length=1)
    note: str = ""
    source: str = ""


class ObjectiveDoc(_Strict):
    """Which plan to prefer among feasible ones, and solver limits."""

    kind: Literal["lexicographic", "weighted"] = "lexicographic"
    time_penalty: NonNeg = Field(1.0, description="mu: value units per phase of delay")
    time_limit: Annotated[float, Field(gt=0.0, le=86400.0)] = 60.0
    gap: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0


class PhasingDocument(_Strict):
    """A whole phasing file."""

    accord: Literal[1]
    kind: Literal["phasing"]
    scenario: Annotated[str, Field(min_length=1)]
    title: str = ""
    description: str = ""
    source: str = ""
    note: str = ""
    horizon: Annotated[int, Field(ge=1, le=500)]
    discount: Annotated[float, Field(gt=0.0, le=1.0)] = 0.9
    balance_band: NonNeg | list[NonNeg] | None = None
    parties: list[PartyDoc] = Field(min_length=1)
    actions: list[ActionDoc] = Field(min_length=1)
    ratifiers: list[RatifierDoc] = Field(default_factory=list)
    verifiers: list[VerifierDoc] = Field(default_factory=list)
    end_state: list[Id] = Field(default_factory=list)
    deal: DealDoc | None = Field(
        None,
        description="the scenario package that the agreement, once complete, implements; "
        "without it the deal is not checked against the scenario's win-sets",
    )
    objective: ObjectiveDoc = Field(default_factory=ObjectiveDoc)


Path = tuple[str | int, ...]


def semantic_problems(doc: PhasingDocument) -> list[tuple[Path, str]]:
    """Cross-reference, cycle and horizon checks that pydantic cannot express.

    Parameters
    ----------
    doc:
        A document that passed pydantic validation.

    Returns
    -------
    list of (key path, message)
        Empty when the document is consistent.
    """
    out: list[tuple[Path, str]] = []
    party_ids = [p.id for p in doc.parties]
    action_ids = [a.id for a in doc.actions]
    ratifier_ids = [r.id for r in doc.ratifiers]
    out += _duplicates("parties", party_ids)
    out += _duplicates("actions", action_ids)
    out += _duplicates("ratifiers", ratifier_ids)
    verifier_ids = [v.id for v in doc.verifiers]
    out += _duplicates("verifiers", verifier_ids)
    parties, actions, ratifiers = set(party_ids), set(action_ids), set(ratifier_ids)
    known_p = ", ".join(sorted(parties))
    for k, v in enumerate(doc.verifiers):
        if v.id in parties:
            out.append(
                (
                    ("verifiers", k, "id"),
                    f"verifier {v.id!r} has the id of a party; a party can verify without being "
                    "declared (name it in verified_by), so give the verifier another id",
                )
            )
    can_verify = set(verifier_ids) | parties
    for k, p in enumerate(doc.parties):
        if isinstance(p.capacity, list) and len(p.capacity) != doc.horizon:
            out.append(
                (
                    ("parties", k, "capacity"),
                    f"capacity list has {len(p.capacity)} entries; give one per phase "
                    f"({doc.horizon}) or a single number",
                )
            )
    if isinstance(doc.balance_band, list) and len(doc.balance_band) != doc.horizon:
        out.append(
            (
                ("balance_band",),
                f"balance_band list has {len(doc.balance_band)} entries; give one per phase "
                f"({doc.horizon}) or a single number",
            )
        )
    for k, a in enumerate(doc.actions):
        if a.owner not in parties:
            out.append(
                (
                    ("actions", k, "owner"),
                    f"action {a.id!r} is owned by unknown party {a.owner!r}; parties: {known_p}",
                )
            )
        for who in a.value:
            if who not in parties:
                out.append(
                    (
                        ("actions", k, "value", who),
                        f"value for unknown party {who!r}; parties: {known_p}",
                    )
                )
        if a.reimposition_cost > 0 and a.reversibility == 0:
            out.append(
                (
                    ("actions", k, "reimposition_cost"),
                    f"action {a.id!r} has a reimposition cost but reversibility 0: there is "
                    "nothing to take back; give its reversibility or drop the cost",
                )
            )
        for j, pre in enumerate(a.prerequisites):
            if pre not in actions:
                out.append(
                    (("actions", k, "prerequisites", j), f"unknown prerequisite action {pre!r}")
                )
            elif pre == a.id:
                out.append((("actions", k, "prerequisites", j), "an action cannot require itself"))
        for j, who in enumerate(a.verified_by):
            if who not in can_verify:
                out.append(
                    (
                        ("actions", k, "verified_by", j),
                        f"unknown verifier {who!r}; declared verifiers: "
                        + (", ".join(verifier_ids) or "none")
                        + f"; parties: {known_p}",
                    )
                )
        for rid in a.ratifier_credit:
            if rid not in ratifiers:
                out.append(
                    (
                        ("actions", k, "ratifier_credit", rid),
                        f"credit for unknown ratifier {rid!r}; ratifiers: "
                        + (", ".join(sorted(ratifiers)) or "none declared"),
                    )
                )
    for k, r in enumerate(doc.ratifiers):
        for j, g in enumerate(r.gates):
            if g not in actions:
                out.append((("ratifiers", k, "gates", j), f"gates unknown action {g!r}"))
    for j, e in enumerate(doc.end_state):
        if e not in actions:
            out.append((("end_state", j), f"unknown action {e!r} in the required end state"))
    if out:
        return out
    cycle = _find_cycle(doc.actions)
    if cycle:
        first = action_ids.index(cycle[0])
        out.append(
            (
                ("actions", first, "prerequisites"),
                "cyclic prerequisites: " + " -> ".join([*cycle, cycle[0]]),
            )
        )
        return out
    out += _horizon_problems(doc)
    return out


def _duplicates(section: str, ids: Sequence[str]) -> list[tuple[Path, str]]:
    seen: dict[str, int] = {}
    out: list[tuple[Path, str]] = []
    for k, i in enumerate(ids):
        if i in seen:
            out.append(((section, k, "id"), f"duplicate id {i!r} (first at {section}[{seen[i]}])"))
        else:
            seen[i] = k
    return out


def _find_cycle(actions: Sequence[ActionDoc]) -> list[str]:
    """One cycle of the prerequisite graph, each action followed by one it requires, or ``[]``
    (:class:`graphlib.TopologicalSorter` finds it)."""
    try:
        TopologicalSorter({a.id: a.prerequisites for a in actions}).prepare()
    except CycleError as exc:
        # graphlib lists each node before one that requires it, the first repeated at the end
        return list(reversed(exc.args[1]))[:-1]
    return []


def earliest_verification(actions: Sequence[ActionDoc]) -> dict[str, int]:
    """Earliest phase at whose end each action can be verified (acyclic prerequisites)."""
    by_id = {a.id: a for a in actions}
    memo: dict[str, int] = {}

    def visit(aid: str) -> int:
        if aid not in memo:
            a = by_id[aid]
            start = 1 + max((visit(p) for p in a.prerequisites), default=0)
            memo[aid] = start + a.duration + a.verification_lag - 1
        return memo[aid]

    for a in actions:
        visit(a.id)
    return memo


def _horizon_problems(doc: PhasingDocument) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    earliest = earliest_verification(doc.actions)
    index = {a.id: k for k, a in enumerate(doc.actions)}
    for j, e in enumerate(doc.end_state):
        if earliest[e] > doc.horizon:
            a = doc.actions[index[e]]
            chain = (
                f" after its prerequisites ({', '.join(a.prerequisites)})"
                if a.prerequisites
                else ""
            )
            out.append(
                (
                    ("end_state", j),
                    f"required action {e!r} cannot be verified within the horizon of "
                    f"{doc.horizon} phase(s): duration {a.duration} + verification lag "
                    f"{a.verification_lag}{chain} means phase {earliest[e]} at the earliest; "
                    f"raise horizon to at least {earliest[e]}",
                )
            )
    return out
