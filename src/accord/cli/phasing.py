"""``accord phase``: compute a phased ("parallel and simultaneous action") plan for a deal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord import api
from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    check_plot_path,
    console,
    emit,
    err_console,
    guarded,
)

__all__ = ["phase", "register"]


def phase(
    scenario: Annotated[
        str,
        typer.Argument(
            help="Built-in name (hanoi-2019, six-party-2007) or a phasing YAML/JSON file."
        ),
    ],
    fmt: FormatOpt = OutputFormat.text,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot", help="Also save a Gantt chart with exposure curves (.png, .svg, .pdf)."
        ),
    ] = None,
    horizon: Annotated[
        int | None, typer.Option("--horizon", help="Number of phases (overrides the file).")
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", help="Solver time limit in seconds (overrides the file)."),
    ] = None,
    gap: Annotated[
        float | None, typer.Option("--gap", help="Relative MIP gap accepted (0 = optimal).")
    ] = None,
    objective: Annotated[
        str | None,
        typer.Option(
            "--objective",
            help="lexicographic (earliest completion, then fairest value) or weighted.",
        ),
    ] = None,
    one_shot: Annotated[
        bool,
        typer.Option("--one-shot", help="Require every end-state step to start in phase 1."),
    ] = False,
) -> None:
    """Schedule a deal's steps so that neither side ever has more at risk than it can afford.

    First checks the deal the file names (`deal:`) against its scenario's win-sets and says,
    in the headline, whether every side would accept it. Then prints the plan per phase (who
    does what, what is verified, each party's exposure and cap), a text Gantt chart and why
    each step waits; if no plan exists, the smallest set of constraints to relax.
    """
    with guarded():
        from accord.report import phasing as report

        if plot is not None:
            check_plot_path(plot)
        result = api.plan_phasing(
            scenario,
            horizon=horizon,
            one_shot=one_shot,
            objective=objective,
            time_limit=time_limit,
            gap=gap,
        )
        emit(
            fmt,
            data=lambda: report.to_dict(result),
            markdown=lambda: report.to_markdown(result),
            text=lambda c: report.render_phasing(result, c),
        )
        if plot is not None:
            if result.feasible:
                saved = report.plot_phasing(result, plot)
                if fmt is OutputFormat.text:
                    console.print(f"Plot saved to {saved}", markup=False)
            else:
                err_console.print(f"note: no plan, so no plot written to {plot}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``accord phase`` to ``app``."""
    app.command("phase")(phase)
