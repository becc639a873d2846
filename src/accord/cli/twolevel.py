"""Commands ``whatif`` and ``diagnose``: two-level games, levers and what it would take."""

from __future__ import annotations

from typing import Annotated

import typer

from accord import api
from accord.cli._common import OutputFormat, console, guarded, print_json
from accord.report.twolevel_data import diagnosis_to_dict, whatif_to_dict
from accord.report.twolevel_text import (
    diagnosis_markdown,
    print_diagnosis,
    print_whatif,
    whatif_markdown,
)
from accord.scenario import DEFAULT_SCENARIO
from accord.scenario.negotiation.adjust import parse_assignments

__all__ = ["register"]

FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
]
ScenarioArg = Annotated[
    str, typer.Argument(help="A built-in scenario name (see `accord list`) or a YAML/JSON file.")
]


def whatif(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            help="NAME=VALUE: a lever (china.enforcement=lax) or a quantity the file declares "
            "adjustable (us.reservation=0.6). Repeat for several.",
        ),
    ] = None,
    moves: Annotated[
        list[str] | None,
        typer.Option(
            "--move",
            "-m",
            help="ACTOR.DIMENSION=POSITION: move an actor in the spatial data that levers take "
            "their setting from (Russia.enforcement=20), re-forecast and re-set those levers. "
            "Repeat for several.",
        ),
    ] = None,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Re-run the analysis with changed levers, quantities or forecast positions; show what moved."""
    with guarded():
        w = api.whatif_scenario(
            scenario, parse_assignments(sets or []), api.parse_moves(moves or [])
        )
        if fmt is OutputFormat.json:
            print_json(whatif_to_dict(w))
        elif fmt is OutputFormat.markdown:
            typer.echo(whatif_markdown(w))
        else:
            print_whatif(w, console)


def diagnose(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=50, help="How many answers to show.")
    ] = 5,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Why there is no deal, who is pivotal, and the smallest changes that would open one."""
    with guarded():
        d = api.diagnose_scenario(scenario, limit=limit)
        if fmt is OutputFormat.json:
            print_json(diagnosis_to_dict(d))
        elif fmt is OutputFormat.markdown:
            typer.echo(diagnosis_markdown(d))
        else:
            print_diagnosis(d, console)


def register(app: typer.Typer) -> None:
    """Add the two-level commands to ``app``."""
    app.command("whatif")(whatif)
    app.command("diagnose")(diagnose)
