"""Load scenarios from files, strings or built-in names."""

from __future__ import annotations

from pathlib import Path

from accord.errors import Problem, ScenarioError
from accord.scenario._io.yamlio import read_document, read_file
from accord.scenario.builtin import DEFAULT_SCENARIO, builtin_names, builtin_path
from accord.scenario.negotiation.build import build_scenario
from accord.scenario.negotiation.model import Scenario

__all__ = ["DEFAULT_SCENARIO", "load_scenario", "loads_scenario", "resolve_scenario_path"]


def resolve_scenario_path(name_or_path: str | Path) -> Path:
    """A user's file path, or the file of a built-in scenario name.

    A string that names an existing file is that file; otherwise a built-in name
    (see ``accord list``); anything else is an error naming both possibilities.
    """
    if str(name_or_path).strip() == "":
        raise ScenarioError(
            [Problem("no scenario given: name a file or a built-in (see `accord list`)", "<empty>")]
        )
    path = Path(name_or_path)
    if path.is_file():
        return path
    if path.is_dir():
        raise ScenarioError(
            [Problem("is a folder, not a scenario file; give a .yaml or .json file", str(path))]
        )
    found = builtin_path(str(name_or_path))
    if found is not None:
        return found
    raise ScenarioError(
        [
            Problem(
                "no such file, and no built-in scenario of that name; built-ins are: "
                + ", ".join(builtin_names()),
                str(name_or_path),
            )
        ]
    )


def load_scenario(name_or_path: str | Path = DEFAULT_SCENARIO) -> Scenario:
    """Load a scenario from a YAML/JSON file or a built-in name.

    Raises
    ------
    ScenarioError
        With every located problem of the file.
    """
    path = resolve_scenario_path(name_or_path)
    doc = read_file(path)
    if builtin_path(str(name_or_path)) == path and not Path(name_or_path).is_file():
        doc.source = f"{name_or_path} (built-in)"
    return build_scenario(doc, path.parent)


def loads_scenario(
    text: str, source: str = "<string>", base_dir: str | Path | None = None
) -> Scenario:
    """Load a scenario from YAML or JSON text.

    ``base_dir`` is the folder relative paths in the text (a lever's forecast ``data``) are
    read from; by default the working directory.
    """
    return build_scenario(read_document(text, source), None if base_dir is None else Path(base_dir))
