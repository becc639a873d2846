"""Shared test helpers: small scenarios built from plain data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from accord.scenario import Scenario, loads_scenario


def scenario_dict(
    values: dict[str, list[list[float]]],
    *,
    weights: dict[str, list[float]] | None = None,
    reservations: dict[str, float] | None = None,
    powers: dict[str, float] | None = None,
    constraints: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A scenario document: ``values[actor][issue][option]``; issues i0.., options o0..."""
    actors = list(values)
    n_issues = len(values[actors[0]])
    issues = [
        {"id": f"i{k}", "options": [f"o{j}" for j in range(len(values[actors[0]][k]))]}
        for k in range(n_issues)
    ]
    prefs = {}
    for a in actors:
        w = (weights or {}).get(a, [1.0] * n_issues)
        prefs[a] = {
            "weights": {f"i{k}": w[k] for k in range(n_issues)},
            "values": {
                f"i{k}": {f"o{j}": v for j, v in enumerate(values[a][k])} for k in range(n_issues)
            },
        }
    return {
        "accord": 1,
        "title": "test",
        "actors": [
            {
                "id": a,
                "role": "principal",
                "power": (powers or {}).get(a, 0.5),
                "no_deal": (reservations or {}).get(a, 0.0),
            }
            for a in actors
        ],
        "issues": issues,
        "preferences": prefs,
        "constraints": constraints or [],
    }


def make_scenario(values: dict[str, list[list[float]]], **kw: Any) -> Scenario:
    """Build a :class:`Scenario` through the real loader (JSON is YAML)."""
    return loads_scenario(json.dumps(scenario_dict(values, **kw)), "test.json")


@pytest.fixture
def two_party_split() -> Scenario:
    """One issue, five splits of a unit: a's share 0, .25, .5, .75, 1."""
    shares = [0.0, 0.25, 0.5, 0.75, 1.0]
    return make_scenario({"a": [shares], "b": [[1 - s for s in shares]]})
