"""Facade: the built-in scenarios and the scenario file's JSON Schema.

Light on purpose: ``accord list`` reads the few fields it shows from the built-in files'
YAML, without the schema (pydantic), the scenario model (numpy) or its linked forecasts. The
built-in files are checked against the schema by the test suite
(``tests/scenario/negotiation/test_loader.py`` loads each one whole, and
``tests/api/test_catalogue.py`` checks this listing against the loaded scenarios).
"""

from __future__ import annotations

from typing import Any

from accord.scenario._io.yamlio import read_file
from accord.scenario.builtin import builtin_names, builtin_path

__all__ = ["list_scenarios", "scenario_json_schema"]


def list_scenarios() -> list[dict[str, Any]]:
    """The built-in scenarios with their titles and recorded outcomes."""
    out = []
    for name in builtin_names():
        path = builtin_path(name)
        assert path is not None  # a listed name has its file
        data = read_file(path).data
        outcome = data.get("outcome")
        out.append(
            {
                "name": name,
                "title": data["title"],
                "date": str(data["date"]),
                "principals": [a["id"] for a in data["actors"] if a["role"] == "principal"],
                "issues": len(data["issues"]),
                "recorded_agreement": None if outcome is None else bool(outcome["agreement"]),
            }
        )
    return out


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of scenario files (``accord: 1``)."""
    from accord.scenario.negotiation.schema import ScenarioFile

    return ScenarioFile.model_json_schema(by_alias=True)
