"""The plan a ledger tracks: a phasing problem, its schedule, and the authors' public keys.

The plan is written into the ledger's first event (``opened``), so the ledger carries
everything needed to judge every later event, and the plan is covered by the hash chain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from accord.errors import InputError
from accord.phasing import check
from accord.phasing.validate import spec_to_document, validate_spec
from accord.scenario.phasing.model import Action, PhasingSpec, spec_from_document
from accord.scenario.phasing.schema import PhasingDocument, semantic_problems

__all__ = ["TrackPlan", "make_plan"]


def _frozen(d: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True, slots=True)
class TrackPlan:
    """What a ledger tracks.

    Parameters
    ----------
    spec:
        The phasing problem (actions, owners, durations, verification lags, verifiers).
    starts:
        The planned start phase of each action in the plan (the solved schedule).
    keys:
        Public keys (PEM) by author id: events by these authors must be signed.
    """

    spec: PhasingSpec
    starts: Mapping[str, int] = field(default_factory=_frozen)
    keys: Mapping[str, str] = field(default_factory=_frozen)

    @property
    def authors(self) -> tuple[str, ...]:
        """Who may record events: the parties and the declared verifiers."""
        return tuple(p.id for p in self.spec.parties) + tuple(v.id for v in self.spec.verifiers)

    def action(self, aid: str) -> Action:
        """The action ``aid``; an :class:`InputError` listing the actions if there is none."""
        try:
            return self.spec.action(aid)
        except KeyError:
            known = ", ".join(a.id for a in self.spec.actions)
            raise InputError(f"unknown action {aid!r}; the plan's actions are: {known}") from None

    def to_data(self) -> dict[str, Any]:
        """The JSON form written into the ``opened`` event."""
        return {
            "phasing": spec_to_document(self.spec),
            "starts": dict(sorted(self.starts.items())),
            "keys": dict(sorted(self.keys.items())),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TrackPlan:
        """Read the plan back from an ``opened`` event (checked like a phasing file)."""
        try:
            doc = PhasingDocument.model_validate(data["phasing"])
            starts = {str(k): int(v) for k, v in dict(data["starts"]).items()}
            keys = {str(k): str(v) for k, v in dict(data.get("keys", {})).items()}
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise InputError(f"the ledger's plan cannot be read: {exc}") from None
        problems = semantic_problems(doc)
        if problems:
            raise InputError(f"the ledger's plan is not a valid phasing problem: {problems[0][1]}")
        return cls(spec_from_document(doc), _frozen(starts), _frozen(keys))


def make_plan(
    spec: PhasingSpec, starts: Mapping[str, int], keys: Mapping[str, str] | None = None
) -> TrackPlan:
    """Check a phasing problem and its schedule for tracking, and bundle them.

    Every action must name who verifies it (``verified_by``), the schedule must satisfy every
    constraint of the problem (checked by the independent checker), and keys must belong to
    authors of the plan.

    Raises
    ------
    InputError
        Naming the first problem and what would be valid.
    """
    validate_spec(spec)
    unverifiable = [a.id for a in spec.actions if not a.verified_by]
    if unverifiable:
        raise InputError(
            "every action must name who verifies it before the plan can be tracked; add "
            f"verified_by: [...] (a declared verifier or a party) to: {', '.join(unverifiable)}"
        )
    known = {a.id for a in spec.actions}
    unknown = sorted(set(starts) - known)
    if unknown:
        raise InputError(f"the schedule names unknown actions: {', '.join(unknown)}")
    broken = check.check_plan(spec, starts)
    if broken:
        raise InputError(
            f"the schedule breaks the phasing problem's rules: {broken[0].message} "
            f"(phase {broken[0].phase}); give the schedule `accord phase` computed for it"
        )
    plan = TrackPlan(spec, _frozen(starts), _frozen(keys or {}))
    strangers = sorted(set(plan.keys) - set(plan.authors))
    if strangers:
        raise InputError(
            f"keys given for {', '.join(strangers)}, who are neither parties nor verifiers of "
            f"the plan; authors: {', '.join(plan.authors)}"
        )
    return plan
