"""JSON shapes for win-sets, ``accord diagnose`` and ``accord whatif`` (see docs/two-level-games.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from accord import __version__
from accord.bargaining.analysis import Analysis
from accord.bargaining.remedies import Change
from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis
from accord.bargaining.whatif import WhatIf

__all__ = [
    "diagnosis_to_dict",
    "lever_sentence",
    "levers_to_list",
    "whatif_to_dict",
    "winsets_to_dict",
]


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
    """Each lever: key, settings, current setting, and (if forecast-driven) the forecast."""
    out = []
    for lv in a.scenario.levers:
        entry: dict[str, Any] = {
            "key": lv.key,
            "name": lv.name,
            "settings": list(lv.settings),
            "current": lv.current,
            "forecast": None,
        }
        res, fc = lv.resolution, lv.forecast
        if res is not None and fc is not None:
            entry["forecast"] = {
                "model": res.model,
                "dimension": res.dimension,
                "actor": res.actor,
                "position": res.position,
                "setting": res.setting,
                "positions": dict(fc.positions),
                "data": fc.data_ref,
                "text": lever_sentence(a, lv.key),
            }
        out.append(entry)
    return out


def lever_sentence(a: Analysis, key: str) -> str:
    """``"China's sanctions enforcement: partial, from the smp forecast ... 47.3 on ..."``."""
    lv = a.scenario.lever(key)
    owner = a.scenario.actor(lv.actor).name
    head = f"{owner}'s {lv.name[:1].lower() + lv.name[1:]}"
    return f"{head}: {lv.current}" if lv.resolution is None else f"{head}: {lv.resolution.text}"


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
