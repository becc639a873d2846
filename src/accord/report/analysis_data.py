"""The documented, stable JSON shape of an outcome analysis (``accord run --format json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from accord import __version__
from accord.bargaining.analysis import Analysis
from accord.report.twolevel_data import levers_to_list, winsets_to_dict

__all__ = ["SCHEMA_VERSION", "analysis_to_dict"]

SCHEMA_VERSION = 1
"""Bumped whenever a key is removed or changes meaning (adding keys does not bump it)."""


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    """Plain data (JSON-ready) for an analysis. See docs/json-output.md for every key."""
    sc = a.scenario
    d = a.diagnosis
    return {
        "schema": SCHEMA_VERSION,
        "accord_version": __version__,
        "scenario": {
            "title": sc.title,
            "date": sc.date,
            "origin": sc.origin,
            "principals": [
                {
                    "id": p.id,
                    "name": p.name,
                    "power": p.power,
                    "no_deal": p.reservation,
                    "no_deal_basis": None if p.no_deal is None else p.no_deal.basis.value,
                    "no_deal_package": None
                    if p.reservation_package is None
                    else dict(p.reservation_package),
                    "no_deal_note": "" if p.no_deal is None else p.no_deal.note,
                    "no_deal_sources": [] if p.no_deal is None else list(p.no_deal.sources),
                    "no_deal_reason": "" if p.no_deal is None else p.no_deal.reason,
                    "stated": None if p.stated is None else dict(p.stated.package),
                    "reservation": p.reservation,
                }
                for p in sc.principals
            ],
            "status_quo": None
            if sc.status_quo is None
            else {
                "package": dict(sc.status_quo.package),
                "note": sc.status_quo.note,
                "sources": list(sc.status_quo.sources),
            },
            "red_lines": [
                {"id": c.id, "held_by": c.held_by, "reason": c.reason, "sources": list(c.sources)}
                for c in sc.constraints
                if c.held_by is not None
            ],
            "notes": list(a.notes),
            "issues": [
                {"id": i.id, "name": i.name, "options": [o.id for o in i.options]}
                for i in sc.issues
            ],
        },
        "space": {
            "packages": a.space.size,
            "feasible": a.n_feasible,
            "frontier": int(a.frontier.size),
            "zopa": int(a.zopa_count.value) if a.zopa_count.exact else a.zopa_count.value,
            "excluded_by_constraint": dict(a.space.excluded_by),
            "method": a.method,
            "method_reason": a.exploration.reason,
            "zopa_count": {
                "value": a.zopa_count.value,
                "exact": a.zopa_count.exact,
                "how": a.zopa_count.how,
                "ci95": None if a.zopa_count.exact else [a.zopa_count.low, a.zopa_count.high],
                "samples": a.zopa_count.samples or None,
            },
        },
        "verdict": {
            "agreement_possible": a.verdict.agreement_possible,
            "headline": a.verdict.headline,
            "reasons": list(a.verdict.reasons),
            "certainty": a.verdict.certainty,
        },
        "solutions": [asdict(s) for s in a.solutions],
        "diagnosis": None
        if d is None
        else {
            "shortfalls": [asdict(s) for s in d.shortfalls],
            "concession": None if d.concession is None else asdict(d.concession),
            "blocking_issues": [asdict(b) for b in d.blocking],
            "blocking_pairs": [
                {"issues": list(b.issues), "text": b.text} for b in d.blocking_pairs
            ],
            "gaps": [asdict(g) for g in d.gaps],
            "incompatible_pairs": [list(p) for p in d.incompatible_pairs],
            "contested": [{"issue": n, "least_joint_loss": v} for n, v in d.contested],
        },
        "binding": None if a.binding is None else asdict(a.binding),
        "history": None if a.history is None else asdict(a.history),
        "winsets": winsets_to_dict(a),
        "levers": levers_to_list(a),
    }
