"""Small two-level scenarios for tests, built through the real loader (JSON text)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from hypothesis import strategies as st

from accord.scenario import Scenario, loads_scenario


def issues_doc(shape: tuple[int, ...]) -> list[dict[str, Any]]:
    return [{"id": f"i{k}", "options": [f"o{j}" for j in range(n)]} for k, n in enumerate(shape)]


def pref_doc(
    shape: tuple[int, ...], weights: list[float], values: list[list[float]]
) -> dict[str, Any]:
    return {
        "weights": {f"i{k}": float(w) for k, w in enumerate(weights)},
        "values": {
            f"i{k}": {f"o{j}": float(v) for j, v in enumerate(vals)}
            for k, vals in enumerate(values)
        },
    }


def build(doc: dict[str, Any]) -> Scenario:
    return loads_scenario(json.dumps(doc))


def one_issue(
    n: int = 21,
    reservation: float = 0.2,
    ratifier_threshold: float | None = None,
    sigma: float | None = None,
    level: float = 0.5,
) -> Scenario:
    """One divisible issue: the US values x = j/(n-1), the DPRK 1-x; Congress shares the US view."""
    xs = [j / (n - 1) for j in range(n)]
    doc: dict[str, Any] = {
        "accord": 1,
        "title": "one issue",
        "actors": [
            {"id": "us", "role": "principal", "no_deal": reservation},
            {"id": "dprk", "role": "principal", "no_deal": reservation},
        ],
        "issues": issues_doc((n,)),
        "preferences": {
            "us": pref_doc((n,), [1.0], [xs]),
            "dprk": pref_doc((n,), [1.0], [[1 - x for x in xs]]),
        },
        "ratification": {"level": level},
    }
    if ratifier_threshold is not None:
        r: dict[str, Any] = {
            "id": "congress",
            "role": "ratifier",
            "of": "us",
            "threshold": ratifier_threshold,
        }
        if sigma is not None:
            r["sigma"] = sigma
        doc["actors"].append(r)
        doc["preferences"]["congress"] = pref_doc((n,), [1.0], [xs])
    return build(doc)


@st.composite
def two_level_docs(
    draw: st.DrawFn,
    *,
    ratifiers: int | None = None,
    reservations: tuple[int, int] = (4, 16),
    thresholds: tuple[int, int] = (2, 16),
) -> dict[str, Any]:
    """A random two-principal scenario document with ratifiers, a lever and adjustables.

    ``reservations`` and ``thresholds`` bound the principals' reservation values and the
    ratifiers' thresholds, in twentieths (a property that needs a deal draws low ones).
    """
    n_issues = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(2, 4)) for _ in range(n_issues))
    unit = st.integers(0, 20).map(lambda x: x / 20)

    def pref() -> dict[str, Any]:
        weights = [draw(st.integers(1, 5)) for _ in shape]
        values = [[draw(unit) for _ in range(n)] for n in shape]
        return pref_doc(shape, weights, values)

    actors: list[dict[str, Any]] = [
        {
            "id": "a",
            "role": "principal",
            "no_deal": draw(st.integers(*reservations).map(lambda x: x / 20)),
        },
        {
            "id": "b",
            "role": "principal",
            "no_deal": draw(st.integers(*reservations).map(lambda x: x / 20)),
        },
    ]
    prefs = {"a": pref(), "b": pref()}
    adjustable = [
        {"quantity": "a.no_deal", "min": 0.0, "max": 1.0},
        {"quantity": "b.no_deal", "min": draw(st.sampled_from([0.0, 0.2])), "max": 1.0},
    ]
    k = draw(st.integers(0, 2)) if ratifiers is None else ratifiers
    for j in range(k):
        rid = f"r{j}"
        r: dict[str, Any] = {
            "id": rid,
            "role": "ratifier",
            "of": draw(st.sampled_from(["a", "b"])),
            "threshold": draw(st.integers(*thresholds).map(lambda x: x / 20)),
        }
        if draw(st.booleans()):
            r["sigma"] = draw(st.sampled_from([0.02, 0.05, 0.1, 0.2]))
            if draw(st.booleans()):
                adjustable.append({"quantity": f"{rid}.sigma", "min": 0.01, "max": 0.3})
        actors.append(r)
        prefs[rid] = pref()
        if draw(st.booleans()):
            adjustable.append({"quantity": f"{rid}.threshold", "min": 0.0, "max": 1.0})
    level = draw(st.sampled_from([0.3, 0.5, 0.7]))
    if draw(st.booleans()):
        adjustable.append({"quantity": "ratification.level", "min": 0.2, "max": 0.9})
    shift = draw(st.sampled_from([0.05, 0.1, 0.2]))
    actors.append(
        {
            "id": "c",
            "role": "third_party",
            "levers": [
                {
                    "id": "push",
                    "settings": ["low", "mid", "high"],
                    "current": "mid",
                    "effects": {
                        "low": [{"target": "b", "no_deal": -shift}],
                        "high": [{"target": "b", "no_deal": shift}],
                    },
                }
            ],
        }
    )
    return {
        "accord": 1,
        "title": "random two-level",
        "actors": actors,
        "issues": issues_doc(shape),
        "preferences": prefs,
        "ratification": {"level": level},
        "adjustable": adjustable,
    }


def in_zopa(a: Any, package: dict[str, str]) -> bool:
    """Is ``package`` in analysis ``a``'s ZOPA?"""
    if a.zopa.size == 0:
        return False
    target = np.asarray(a.scenario.package_indices(package))
    return bool((a.space.options(a.zopa) == target).all(axis=1).any())
