"""Check a :class:`PhasingSpec` built in Python with the same rules as a phasing file.

The spec is written back as a document and run through the file schema and its semantic
checks (unknown references, cycles, horizon fit), so there is one implementation of the rules.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from accord.errors import InputError
from accord.scenario.phasing.model import PhasingSpec
from accord.scenario.phasing.schema import PhasingDocument, semantic_problems

__all__ = ["spec_to_document", "validate_spec"]


def spec_to_document(spec: PhasingSpec) -> dict[str, Any]:
    """The phasing-file form (a plain dict) of ``spec``."""
    return {
        "accord": 1,
        "kind": "phasing",
        "scenario": spec.scenario,
        "title": spec.title,
        "horizon": spec.horizon,
        "discount": spec.discount,
        "balance_band": None if spec.balance_band is None else list(spec.balance_band),
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "exposure_tolerance": p.exposure_tolerance,
                "trust_gain": p.trust_gain,
                "defection_gain": p.defection_gain,
                "capacity": None if p.capacity is None else list(p.capacity),
                "leverage_cap": p.leverage_cap,
                "weight": p.weight,
            }
            for p in spec.parties
        ],
        "actions": [
            {
                "id": a.id,
                "owner": a.owner,
                "name": a.name,
                "description": a.description,
                "duration": a.duration,
                "verification_lag": a.lag,
                "cost": a.cost,
                "value": dict(a.value),
                "reversibility": a.reversibility,
                "reimposition_cost": a.reimposition_cost,
                "prerequisites": list(a.prerequisites),
                "escrow": a.escrow,
                "ratifier_credit": dict(a.ratifier_credit),
                "leverage_loss": a.leverage_loss,
                "verified_by": list(a.verified_by),
            }
            for a in spec.actions
        ],
        "ratifiers": [
            {"id": r.id, "name": r.name, "threshold": r.threshold, "gates": list(r.gates)}
            for r in spec.ratifiers
        ],
        "verifiers": [{"id": v.id, "name": v.name} for v in spec.verifiers],
        "end_state": list(spec.end_state),
        "deal": None
        if spec.deal is None
        else {"package": dict(spec.deal), "note": spec.deal_note, "source": spec.deal_source},
        "objective": {
            "kind": spec.objective.kind,
            "time_penalty": spec.objective.time_penalty,
            "time_limit": spec.objective.time_limit,
            "gap": spec.objective.gap,
        },
    }


def validate_spec(spec: PhasingSpec) -> None:
    """Raise :class:`InputError` listing every problem of ``spec`` (key path: message)."""
    try:
        doc = PhasingDocument.model_validate(spec_to_document(spec))
    except ValidationError as exc:
        lines = [".".join(str(p) for p in err["loc"]) + f": {err['msg']}" for err in exc.errors()]
        raise InputError("invalid phasing problem:\n" + "\n".join(lines)) from None
    problems = semantic_problems(doc)
    if problems:
        lines = [".".join(str(p) for p in path) + f": {msg}" for path, msg in problems]
        raise InputError("invalid phasing problem:\n" + "\n".join(lines))
