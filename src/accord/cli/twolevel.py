"""Commands ``whatif`` and ``diagnose``: two-level games, levers and what it would take."""

from __future__ import annotations

from typing import Annotated

import typer

from accord import api
from accord.cli._common import FormatOpt, OutputFormat, ScenarioArg, emit, guarded

__all__ = ["register"]


def whatif(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
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
        from accord.report.twolevel_data import whatif_to_dict
        from accord.report.twolevel_text import print_whatif, whatif_markdown

        w = api.whatif_scenario(
            scenario, api.parse_settings(sets or []), api.parse_moves(moves or [])
        )
        emit(
            fmt,
            data=lambda: whatif_to_dict(w),
            markdown=lambda: whatif_markdown(w),
            text=lambda c: print_whatif(w, c),
        )


def diagnose(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=50, help="How many answers to show.")
    ] = 5,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Why there is no deal, who is pivotal, and the smallest changes that would open one."""
    with guarded():
        from accord.report.twolevel_data import diagnosis_to_dict
        from accord.report.twolevel_text import diagnosis_markdown, print_diagnosis

        d = api.diagnose_scenario(scenario, limit=limit)
        emit(
            fmt,
            data=lambda: diagnosis_to_dict(d),
            markdown=lambda: diagnosis_markdown(d),
            text=lambda c: print_diagnosis(d, c),
        )


def register(app: typer.Typer) -> None:
    """Add the two-level commands to ``app``."""
    app.command("whatif")(whatif)
    app.command("diagnose")(diagnose)
