"""JSON shapes for win-sets, ``accord diagnose`` and ``accord whatif`` (see docs/two-level-games.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from accord import __version__
from accord.bargaining.analysis import Analysis
from accord.bargaining.remedies import Change
from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis
from accord.bargaining.whatif import WhatIf

__all__ = ["diagnosis_to_dict", "levers_to_list", "whatif_to_dict", "winsets_to_dict"]


def winsets_to_dict(a: Analysis) -> dict[str, Any] | None:
    """Win-set sizes, ratifiers and the ratification-weighted Nash package (None without ratifiers)."""
    ws = a.winsets
    if ws is None:
        return None
    return {
        "level": ws.level,
        "principals": {
            p: {"accepted": ws.accepted(p), "winset": ws.size(p)} for p in ws.principals
        },
        "ratifiers": [asdict(r) for r in ws.ratifiers],
        "ratified_nash": None if a.ratified is None else asdict(a.ratified),
    }


def levers_to_list(a: Analysis) -> list[dict[str, Any]]:
    """Each lever: key, settings, current setting."""
    return [
        {"key": lv.key, "name": lv.name, "settings": list(lv.settings), "current": lv.current}
        for lv in a.scenario.levers
    ]


def _change(c: Change) -> dict[str, Any]:
    return {"key": c.key, "old": c.old, "new": c.new, "text": c.text}


def diagnosis_to_dict(d: TwoLevelDiagnosis) -> dict[str, Any]:
    """Plain data for ``accord diagnose --format json``."""
    a = d.analysis
    s = d.search
    return {
        "schema": 1,
        "accord_version": __version__,
        "scenario": a.scenario.title,
        "agreement_possible": a.verdict.agreement_possible,
        "headline": a.verdict.headline,
        "winsets": {p: {"accepted": n, "winset": m} for p, (n, m) in d.winset_sizes.items()},
        "blocking_issues": [asdict(b) for b in d.blocking],
        "pivots": [
            {
                "actors": list(p.actors),
                "single": p.single,
                "opens": p.opens,
                "text": p.text,
            }
            for p in d.pivots
        ],
        "what_it_would_take": None
        if s is None
        else {
            "exact": s.exact,
            "method": s.method,
            "remedies": [
                {
                    "changes": [_change(c) for c in r.changes],
                    "n_changes": r.n_changes,
                    "size": r.size,
                    "package": r.package,
                    "sentence": r.sentence,
                    "verified": r.verified,
                }
                for r in s.remedies
            ],
        },
        "levers": levers_to_list(a),
        "adjustable": [
            {"quantity": x.quantity, "min": x.low, "max": x.high} for x in a.scenario.adjustable
        ],
    }


def whatif_to_dict(w: WhatIf) -> dict[str, Any]:
    """Plain data for ``accord whatif --format json``."""
    return {
        "schema": 1,
        "accord_version": __version__,
        "scenario": w.base.scenario.title,
        "changes": [_change(c) for c in w.changes],
        "diff": w.diff(),
        "changed_reasons": list(w.changed.verdict.reasons),
    }
