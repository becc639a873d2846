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
                    "reservation": p.reservation,
                    "reservation_package": None
                    if p.reservation_package is None
                    else dict(p.reservation_package),
                }
                for p in sc.principals
            ],
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
        "history": None if a.history is None else asdict(a.history),
        "winsets": winsets_to_dict(a),
        "levers": levers_to_list(a),
    }
