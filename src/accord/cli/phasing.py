"""``accord phase``: compute a phased ("parallel and simultaneous action") plan for a deal."""

from __future__ import annotations

from pathlib import Path

import typer

from accord.cli._common import (
    OutputFormat,
    check_plot_path,
    console,
    err_console,
    guarded,
    print_json,
)

__all__ = ["phase", "register"]


def phase(
    scenario: str = typer.Argument(
        ..., help="Built-in name (hanoi-2019, six-party-2007) or a phasing YAML/JSON file."
    ),
    output: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="Output format: text, json or markdown."
    ),
    plot: Path | None = typer.Option(
        None, "--plot", help="Also save a Gantt chart with exposure curves (.png, .svg, .pdf)."
    ),
    horizon: int | None = typer.Option(
        None, "--horizon", help="Number of phases (overrides the file)."
    ),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help="Solver time limit in seconds (overrides the file)."
    ),
    gap: float | None = typer.Option(
        None, "--gap", help="Relative MIP gap accepted (0 = optimal)."
    ),
    objective: str | None = typer.Option(
        None,
        "--objective",
        help="lexicographic (earliest completion, then fairest value) or weighted.",
    ),
    one_shot: bool = typer.Option(
        False, "--one-shot", help="Require every end-state step to start in phase 1."
    ),
) -> None:
    """Schedule a deal's steps so that neither side ever has more at risk than it can afford.

    First checks the deal the file names (`deal:`) against its scenario's win-sets and says,
    in the headline, whether every side would accept it. Then prints the plan per phase (who
    does what, what is verified, each party's exposure and cap), a text Gantt chart and why
    each step waits; if no plan exists, the smallest set of constraints to relax.
    """
    with guarded():
        from accord.api._phasing import plan_phasing
        from accord.report import phasing as report

        if plot is not None:
            check_plot_path(plot)
        result = plan_phasing(
            scenario,
            horizon=horizon,
            one_shot=one_shot,
            objective=objective,
            time_limit=time_limit,
            gap=gap,
        )
        if output is OutputFormat.json:
            print_json(report.to_dict(result))
        elif output is OutputFormat.markdown:
            console.print(report.to_markdown(result), markup=False, highlight=False)
        else:
            report.render_phasing(result, console)
        if plot is not None:
            if result.feasible:
                saved = report.plot_phasing(result, plot)
                if output is OutputFormat.text:
                    console.print(f"Plot saved to {saved}", markup=False)
            else:
                err_console.print(f"note: no plan, so no plot written to {plot}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``accord phase`` to the application."""
    app.command("phase")(phase)
