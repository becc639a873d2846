"""Facade: the built-in scenarios and the scenario file's JSON Schema.

Light on purpose: ``accord list`` reads the built-in files through the schema alone, without
building the scenario model (numpy) or its linked forecasts.
"""

from __future__ import annotations

from typing import Any

from accord.scenario._io.yamlio import read_file
from accord.scenario.builtin import builtin_names, builtin_path
from accord.scenario.negotiation.schema import ScenarioFile

__all__ = ["list_scenarios", "scenario_json_schema"]


def list_scenarios() -> list[dict[str, Any]]:
    """The built-in scenarios with their titles and recorded outcomes."""
    out = []
    for name in builtin_names():
        path = builtin_path(name)
        assert path is not None  # a listed name has its file
        spec = ScenarioFile.model_validate(read_file(path).data)
        out.append(
            {
                "name": name,
                "title": spec.title,
                "date": str(spec.date),
                "principals": [a.id for a in spec.actors if a.role == "principal"],
                "issues": len(spec.issues),
                "recorded_agreement": None if spec.outcome is None else spec.outcome.agreement,
            }
        )
    return out


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of scenario files (``accord: 1``)."""
    return ScenarioFile.model_json_schema(by_alias=True)
