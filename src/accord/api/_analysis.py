"""Facade: outcome analysis of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.bargaining.analysis import Analysis, analyze
from accord.errors import InputError
from accord.scenario import DEFAULT_SCENARIO, Scenario, ScenarioFile, builtin_names, load_scenario
from accord.scenario.builtin import builtin_path

__all__ = [
    "analyze_scenario",
    "copy_builtin",
    "list_scenarios",
    "scenario_json_schema",
    "validate_scenario",
]


def analyze_scenario(scenario: str | Path | Scenario = DEFAULT_SCENARIO) -> Analysis:
    """Analyse a scenario given as a built-in name, a file path or a loaded :class:`Scenario`."""
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return analyze(sc)


def validate_scenario(path: str | Path) -> Scenario:
    """Load and fully check a scenario file; raises :class:`accord.errors.ScenarioError`."""
    return load_scenario(path)


def list_scenarios() -> list[dict[str, Any]]:
    """The built-in scenarios with their titles and recorded outcomes."""
    out = []
    for name in builtin_names():
        sc = load_scenario(name)
        out.append(
            {
                "name": name,
                "title": sc.title,
                "date": sc.date,
                "principals": [p.id for p in sc.principals],
                "issues": len(sc.issues),
                "recorded_agreement": None if sc.outcome is None else sc.outcome.agreement,
            }
        )
    return out


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of scenario files (``accord: 1``)."""
    return ScenarioFile.model_json_schema(by_alias=True)


def copy_builtin(name: str, dest: str | Path, *, overwrite: bool = False) -> Path:
    """Write the file of built-in scenario ``name`` to ``dest`` (a file or a folder)."""
    src = builtin_path(name)
    if src is None:
        raise InputError(
            f"{name}: no built-in scenario of that name; built-ins are: {', '.join(builtin_names())}"
        )
    target = Path(dest)
    if target.is_dir():
        target = target / src.name
    if target.exists() and not overwrite:
        raise InputError(f"{target}: the file exists; choose another name or pass --force")
    try:
        target.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{target}: cannot write the file: {exc.strerror}") from None
    return target
