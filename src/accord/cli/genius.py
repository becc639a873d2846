"""Commands ``import genius`` and ``export genius``: GENIUS (ANAC) XML files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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
        text, sc = api.import_genius_files(domain, profiles, output, title=title)
        if output is None:
            sys.stdout.write(text)
        else:
            console.print(
                f"{output}: {len(sc.principals)} principals, {len(sc.issues)} issues",
                markup=False,
            )


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
        for path in api.export_genius_files(scenario, output, overwrite=force):
            console.print(str(path), markup=False)


def register(app: typer.Typer) -> None:
    """Add ``import genius`` and ``export genius`` to ``app``."""
    group(app, "import", "Import a negotiation from another tool's files.").command("genius")(
        import_genius
    )
    group(app, "export", "Export a scenario to another tool's files.").command("genius")(
        export_genius
    )
