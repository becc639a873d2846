"""Export an accord scenario as GeniusWeb JSON: one domain file and one profile per principal.

GeniusWeb's linear additive profiles hold exactly what accord's preferences hold (value
utilities in [0, 1], issue weights summing to 1), so utilities are written as they are. Two
things need care:

- **weights** must sum to exactly 1 for GeniusWeb, which checks the sum in decimal; they are
  written with 6 decimals and the rounding residue is put on the largest weight, so each
  utility changes by less than 1e-6;
- a **reservation** is a bid in GeniusWeb. A bottom-line package is written as the
  ``reservationBid`` (issues it leaves out at the principal's worst option, as accord reads
  it). A reservation of 0 or below needs no bid ("any agreement is better than none"). A
  positive number cannot be written as a bid without changing which packages the principal
  accepts, so it is refused with the way out (state it as a package, or export GENIUS XML).

GeniusWeb has no hard constraints: a scenario with constraints is refused, as for GENIUS.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import numpy as np

from accord.errors import InputError
from accord.scenario.negotiation.model import Scenario

__all__ = ["DOMAIN_JSON", "export_geniusweb", "geniusweb_domain", "geniusweb_profile"]

DOMAIN_JSON = "domain.json"
"""File name of the exported domain; each profile is ``<principal id>.json``."""

_STEP = Decimal("0.000001")


def _labels(values: list[str], fallback: list[str]) -> list[str]:
    return values if len(set(values)) == len(values) and all(values) else fallback


def _issue_names(scenario: Scenario) -> list[str]:
    return _labels([i.name for i in scenario.issues], [i.id for i in scenario.issues])


def _value_names(scenario: Scenario) -> list[list[str]]:
    return [
        _labels([o.label for o in i.options], [o.id for o in i.options]) for i in scenario.issues
    ]


def geniusweb_domain(scenario: Scenario) -> dict[str, Any]:
    """The GeniusWeb domain of ``scenario`` (a JSON-ready dict)."""
    name = re.sub(r"[^A-Za-z0-9]+", "", scenario.title) or "accord"
    return {
        "name": name,
        "issuesValues": {
            issue: {"values": values}
            for issue, values in zip(_issue_names(scenario), _value_names(scenario), strict=True)
        },
    }


def _exact_weights(weights: np.ndarray[Any, Any]) -> list[float]:
    """Weights with 6 decimals whose decimal sum is exactly 1."""
    rounded = [Decimal(float(w)).quantize(_STEP, ROUND_HALF_EVEN) for w in weights]
    rounded[int(np.argmax(weights))] += Decimal(1) - sum(rounded, Decimal(0))
    return [float(r) for r in rounded]


def geniusweb_profile(scenario: Scenario, principal: str) -> dict[str, Any]:
    """The GeniusWeb ``LinearAdditiveUtilitySpace`` of one principal (a JSON-ready dict).

    Raises
    ------
    InputError
        If the principal's reservation is a positive number (see the module notes).
    """
    pref = scenario.preferences[principal]
    actor = scenario.actor(principal)
    issues, values = _issue_names(scenario), _value_names(scenario)
    profile: dict[str, Any] = {
        "issueUtilities": {
            issue: {
                "DiscreteValueSetUtilities": {
                    "valueUtilities": {
                        v: float(u) for v, u in zip(vals, pref.values[k], strict=True)
                    }
                }
            }
            for k, (issue, vals) in enumerate(zip(issues, values, strict=True))
        },
        "issueWeights": dict(zip(issues, _exact_weights(pref.weights), strict=True)),
        "domain": geniusweb_domain(scenario),
        "name": re.sub(r"[^A-Za-z0-9]+", "", principal) or "party",
    }
    if actor.reservation_package is not None:
        bid = {}
        for k, issue in enumerate(scenario.issues):
            chosen = actor.reservation_package.get(issue.id)
            o = issue.option_index(chosen) if chosen else int(np.argmin(pref.values[k]))
            bid[issues[k]] = values[k][o]
        profile["reservationBid"] = {"issuevalues": bid}
    elif (actor.reservation or 0.0) > 0.0:
        raise InputError(
            f"{scenario.origin}: principal {principal!r} has the reservation value "
            f"{actor.reservation:g}, a number; GeniusWeb states a reservation as a bid. Give "
            "the reservation as a package (reservation: {package: ...}), or export GENIUS "
            "XML (accord export genius), which keeps numbers"
        )
    return {"LinearAdditiveUtilitySpace": profile}


def export_geniusweb(scenario: Scenario) -> dict[str, str]:
    """File name -> JSON text: the domain and one profile per principal.

    Raises
    ------
    InputError
        If the scenario has hard constraints, or a principal's reservation cannot be written
        (see :func:`geniusweb_profile`).
    """
    if scenario.constraints:
        ids = ", ".join(c.id for c in scenario.constraints)
        raise InputError(
            f"{scenario.origin}: constraints: GeniusWeb has no hard constraints, and exporting "
            f"without them would change the feasible packages; remove them first ({ids})"
        )
    files = {DOMAIN_JSON: json.dumps(geniusweb_domain(scenario), indent=2, ensure_ascii=False)}
    for p in scenario.principals:
        files[f"{p.id}.json"] = json.dumps(
            geniusweb_profile(scenario, p.id), indent=2, ensure_ascii=False
        )
    return {name: text + "\n" for name, text in files.items()}
