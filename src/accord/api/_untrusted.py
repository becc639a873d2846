"""Facade: documents from a client that must not name files on the machine that reads them.

A server (``accord serve``) takes a scenario as the name of a built-in or as YAML/JSON text; it
never takes a path. These functions are the only way in for such input:

- a built-in is loaded by name only (a string that happens to name a file is refused);
- a scenario's text may link a lever to spatial data (``forecast: {data: ...}``) only by the
  bare file name of a spatial data file shipped with the built-ins (``hanoi-2019.enforcement.yaml``);
  an absolute path, a folder or ``..`` is a located error, and nothing is read;
- spatial data text is written to a private temporary folder, read under the shared reading
  policy, and deleted.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from accord.api._levers import resolve_levers
from accord.errors import InputError, Problem, ScenarioError
from accord.scenario._io.yamlio import Document, read_document
from accord.scenario.builtin import builtin_folder, builtin_names, builtin_path
from accord.scenario.negotiation.build import build_scenario
from accord.scenario.negotiation.loader import load_scenario
from accord.scenario.negotiation.model import Scenario
from accord.scenario.phasing.loader import builtin_phasing_names
from accord.scenario.phasing.model import PhasingSpec
from accord.scenario.spatial.loader import FORMATS, load_spatial
from accord.scenario.spatial.model import SpatialData
from accord.scenario.uncertainty.loader import Sources

__all__ = [
    "builtin_scenario_text",
    "builtin_spatial_names",
    "load_builtin_phasing",
    "load_builtin_scenario",
    "load_builtin_spatial",
    "package_count",
    "scenario_from_text",
    "scenario_sources",
    "spatial_from_text",
]

_SPATIAL_SUFFIX = ".yaml"


def _unknown(kind: str, name: str, known: list[str] | tuple[str, ...]) -> InputError:
    return InputError(
        f"{name!r}: no built-in {kind} of that name; built-ins are: {', '.join(known)}"
    )


def builtin_scenario_text(name: str) -> str:
    """The YAML text of built-in scenario ``name`` (to show or edit).

    Raises
    ------
    accord.errors.InputError
        When ``name`` is not a built-in scenario (see :func:`accord.api.list_scenarios`).
    """
    path = builtin_path(name)
    if path is None:
        raise _unknown("scenario", name, builtin_names())
    return path.read_text(encoding="utf-8")


def load_builtin_scenario(name: str) -> Scenario:
    """Built-in scenario ``name``, never a file of that name."""
    if builtin_path(name) is None:
        raise _unknown("scenario", name, builtin_names())
    return load_scenario(name)


def _linked_data(doc: Document) -> list[tuple[tuple[str | int, ...], object]]:
    """Each lever's ``forecast.data`` value with its key path (malformed parts are skipped:
    the schema reports them)."""
    out: list[tuple[tuple[str | int, ...], object]] = []
    actors = doc.data.get("actors") if isinstance(doc.data, dict) else None
    for i, actor in enumerate(actors if isinstance(actors, list) else []):
        levers = actor.get("levers") if isinstance(actor, dict) else None
        for j, lever in enumerate(levers if isinstance(levers, list) else []):
            forecast = lever.get("forecast") if isinstance(lever, dict) else None
            if isinstance(forecast, dict) and "data" in forecast:
                out.append((("actors", i, "levers", j, "forecast", "data"), forecast["data"]))
    return out


def builtin_spatial_names() -> list[str]:
    """Names of the spatial data files shipped with the built-ins (``hanoi-2019.enforcement``)."""
    return sorted(
        p.name[: -len(_SPATIAL_SUFFIX)]
        for p in builtin_folder().glob(f"*{_SPATIAL_SUFFIX}")
        if p.name.count(".") == 2 and not p.name.endswith(f".phasing{_SPATIAL_SUFFIX}")
    )


def _check_links(doc: Document) -> None:
    known = [f"{n}{_SPATIAL_SUFFIX}" for n in builtin_spatial_names()]
    problems: list[Problem] = []
    for path, value in _linked_data(doc):
        if isinstance(value, str) and value in known:
            continue
        problems.append(
            doc.problem(
                path,
                f"{value!r}: a scenario sent to the server may link only the spatial data "
                f"shipped with the built-ins, by file name: {', '.join(known) or 'none'}",
            )
        )
    if problems:
        raise ScenarioError(problems)


def scenario_from_text(text: str, source: str = "upload") -> Scenario:
    """Load (and fully check) a scenario from a client's YAML/JSON text.

    Forecast-driven levers are resolved as :func:`accord.api.validate_scenario` does.

    Parameters
    ----------
    text:
        The document (at most 10 MiB).
    source:
        The name problems are located in (a file name the client gave, never opened).

    Raises
    ------
    accord.errors.ScenarioError
        With every located problem, including a lever linked to anything but the built-in
        spatial data.
    """
    doc = read_document(text, source)
    _check_links(doc)
    return resolve_levers(build_scenario(doc, builtin_folder()))


def scenario_sources(text: str | None = None, *, name: str | None = None) -> Sources:
    """The sources :func:`accord.api.uncertainty_analysis` takes, from a built-in ``name`` or
    a client's ``text`` (one of them), checked as :func:`scenario_from_text` checks it."""
    if (text is None) == (name is None):
        raise InputError("give a built-in scenario name or the scenario's text (one of them)")
    if name is not None:
        return Sources(builtin_scenario_text(name), f"{name} (built-in)", str(builtin_folder()))
    assert text is not None
    _check_links(read_document(text, "upload"))
    return Sources(text, "upload", str(builtin_folder()))


def load_builtin_phasing(name: str) -> PhasingSpec:
    """Built-in phasing document ``name`` (``hanoi-2019``, ``six-party-2007``)."""
    from accord.api._phasing import load_phasing

    known = builtin_phasing_names()
    if name not in known:
        raise _unknown("phasing document", name, known)
    return load_phasing(name)


def load_builtin_spatial(name: str) -> SpatialData:
    """Built-in spatial data ``name`` (see :func:`builtin_spatial_names`)."""
    known = builtin_spatial_names()
    if name not in known:
        raise _unknown("spatial data file", name, known)
    return load_spatial(builtin_folder() / f"{name}{_SPATIAL_SUFFIX}")


def spatial_from_text(
    text: str | bytes, filename: str = "upload.yaml", fmt: str | None = None
) -> SpatialData:
    """Spatial data from a client's file content, read in a private temporary folder.

    ``filename`` is only a hint for the format (its extension: .yaml, .json, .csv, .xml,
    .txt); its folder part is dropped. The folder and the file are deleted before returning.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown spatial data format {fmt!r}; valid: {', '.join(FORMATS)}")
    suffix = Path(filename.replace("\\", "/")).suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".csv", ".xml", ".txt", ".tsv", ""):
        raise InputError(
            f"{filename!r}: spatial data files end in .yaml, .yml, .json, .csv, .tsv, .xml or .txt"
        )
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with tempfile.TemporaryDirectory(prefix="accord-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(raw)
        try:
            return load_spatial(path, fmt)
        except ScenarioError as exc:  # name the client's file, not the temporary one
            raise ScenarioError(
                [
                    Problem(p.message, Path(filename).name or "upload", p.path, p.line)
                    for p in exc.problems
                ]
            ) from None


def package_count(scenario: Scenario) -> int:
    """How many packages the scenario's issues make (feasible or not)."""
    return math.prod(len(i.options) for i in scenario.issues)
