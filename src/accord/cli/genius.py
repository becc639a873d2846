"""Commands ``import genius|geniusweb`` and ``export genius|geniusweb``: the XML files of
GENIUS and the JSON files of GeniusWeb (ANAC)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from accord import api
from accord.cli._common import console, group, guarded

__all__ = ["register"]


def import_genius(
    domain: Annotated[Path, typer.Argument(help="The GENIUS domain file (XML).")],
    profiles: Annotated[
        list[Path], typer.Argument(help="One GENIUS preference profile (XML) per party.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Scenario file to write (default: print the YAML)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the scenario.")] = None,
) -> None:
    """Turn a GENIUS domain and its profiles into an accord scenario (YAML)."""
    with guarded():
        _show_import(*api.import_genius_files(domain, profiles, output, title=title), output)


def export_genius(
    scenario: Annotated[
        str, typer.Argument(help="A built-in scenario name or a YAML/JSON scenario file.")
    ] = api.DEFAULT_SCENARIO,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory to write the XML files into.")
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Write a scenario as a GENIUS domain file and one profile per principal."""
    with guarded():
        _show_paths(api.export_genius_files(scenario, output, overwrite=force))


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Scenario file to write (default: print the YAML)."),
]
TitleOpt = Annotated[str | None, typer.Option(help="Title of the scenario.")]
ScenarioArg = Annotated[
    str, typer.Argument(help="A built-in scenario name or a YAML/JSON scenario file.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace existing files.")]


def _show_import(text: str, sc: Any, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        console.print(
            f"{output}: {len(sc.principals)} principals, {len(sc.issues)} issues", markup=False
        )


def _show_paths(paths: list[Path]) -> None:
    for path in paths:
        console.print(str(path), markup=False)


def import_geniusweb(
    domain: Annotated[Path, typer.Argument(help="The GeniusWeb domain file (JSON).")],
    profiles: Annotated[
        list[Path],
        typer.Argument(help="One GeniusWeb LinearAdditiveUtilitySpace profile (JSON) per party."),
    ],
    output: OutputOpt = None,
    title: TitleOpt = None,
) -> None:
    """Turn a GeniusWeb domain and its profiles into an accord scenario (YAML)."""
    with guarded():
        _show_import(*api.import_geniusweb_files(domain, profiles, output, title=title), output)


def export_geniusweb(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory to write the JSON files into.")
    ] = Path("."),
    force: ForceOpt = False,
) -> None:
    """Write a scenario as a GeniusWeb domain file and one profile per principal."""
    with guarded():
        _show_paths(api.export_geniusweb_files(scenario, output, overwrite=force))


def register(app: typer.Typer) -> None:
    """Add ``import genius|geniusweb`` and ``export genius|geniusweb`` to ``app``."""
    imports = group(app, "import", "Import a negotiation from another tool's files.")
    imports.command("genius")(import_genius)
    imports.command("geniusweb")(import_geniusweb)
    exports = group(app, "export", "Export a scenario to another tool's files.")
    exports.command("genius")(export_genius)
    exports.command("geniusweb")(export_geniusweb)
