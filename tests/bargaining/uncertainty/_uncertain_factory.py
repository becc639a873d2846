"""Scenarios with declared uncertainty for the tests, built from plain data."""

from __future__ import annotations

from typing import Any

import numpy as np
import yaml

from accord.api import resolve_levers
from accord.bargaining.uncertainty import SampledAnalysis, SampleOutcomes
from accord.scenario import Scenario, loads_scenario
from accord.scenario._io.yamlio import read_document
from accord.scenario.uncertainty.build import build_declaration
from accord.scenario.uncertainty.schema import UncertaintySpec
from accord.sweep import block_uniforms


def load(doc: dict[str, Any]) -> Scenario:
    return loads_scenario(yaml.safe_dump(doc, sort_keys=False))


def one_package(no_deal_a: Any, no_deal_b: Any, params: list[dict[str, Any]]) -> Scenario:
    """One issue with one option: a package worth 0.5 to each side."""
    return load(
        {
            "accord": 1,
            "title": "one package",
            "actors": [
                {"id": "a", "role": "principal", "no_deal": no_deal_a},
                {"id": "b", "role": "principal", "no_deal": no_deal_b},
            ],
            "issues": [{"id": "x", "options": ["only", "other"]}],
            "preferences": {
                "a": {"weights": {"x": 1}, "values": {"x": {"only": 0.5, "other": 0.0}}},
                "b": {"weights": {"x": 1}, "values": {"x": {"only": 0.5, "other": 0.0}}},
            },
            "uncertainty": {"parameters": params},
        }
    )


def with_declaration(scenario: Scenario, section: dict[str, Any]) -> Scenario:
    """``scenario`` with the declaration ``section`` (checked as a file's would be)."""
    import dataclasses

    doc = read_document(yaml.safe_dump(section, sort_keys=False), "<test>")
    spec = UncertaintySpec.model_validate(section)
    written = {
        a: scenario.written_weights.get(a, tuple(p.weights))
        for a, p in scenario.preferences.items()
    }
    decl = build_declaration(spec, scenario, written, doc, ())
    return dataclasses.replace(scenario, uncertainty=decl)


def run(scenario: Scenario, n: int, seed: int = 0, **kw: Any) -> tuple[SampleOutcomes, np.ndarray]:
    """Outcomes of the first ``n`` samples of block 0, and the parameter numbers drawn."""
    sa = SampledAnalysis(resolve_levers(scenario))
    assert sa.declaration is not None
    x = sa.declaration.draw(block_uniforms(seed, 0, n, len(sa.names)))
    return sa.evaluate(x, **kw), x
