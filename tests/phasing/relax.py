"""Apply a diagnosis to the data: drop or widen the named constraint groups (test helper)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from accord.scenario.phasing.model import PhasingSpec

BIG = 1e6


def relax(spec: PhasingSpec, groups: Iterable[tuple[str, str]]) -> PhasingSpec | None:
    """``spec`` with each (kind, subject) group removed; ``None`` if no data knob does it."""
    out = spec
    for kind, subj in groups:
        if kind == "exposure":
            out = replace(
                out,
                parties=tuple(
                    replace(p, exposure_tolerance=BIG) if p.id == subj else p for p in out.parties
                ),
            )
        elif kind == "self_enforcement":  # defecting made worthless: the IC always holds
            out = replace(
                out,
                parties=tuple(
                    replace(p, defection_gain=-BIG) if p.id == subj else p for p in out.parties
                ),
            )
        elif kind == "capacity":
            out = replace(
                out,
                parties=tuple(
                    replace(p, capacity=None) if p.id == subj else p for p in out.parties
                ),
            )
        elif kind == "leverage":
            out = replace(
                out,
                parties=tuple(
                    replace(p, leverage_cap=None) if p.id == subj else p for p in out.parties
                ),
            )
        elif kind == "ratification":
            out = replace(
                out,
                ratifiers=tuple(r for r in out.ratifiers if r.id != subj),
                actions=tuple(
                    replace(
                        a, ratifier_credit={k: v for k, v in a.ratifier_credit.items() if k != subj}
                    )
                    for a in out.actions
                ),
            )
        elif kind == "parallelism":
            out = replace(out, balance_band=None)
        elif kind == "precedence":
            a, _, pre = subj.partition("<")
            out = replace(
                out,
                actions=tuple(
                    replace(x, prerequisites=tuple(q for q in x.prerequisites if q != pre))
                    if x.id == a
                    else x
                    for x in out.actions
                ),
            )
        else:
            return None
    return out
