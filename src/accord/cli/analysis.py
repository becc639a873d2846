"""Commands ``run``, ``validate``, ``schema``, ``list`` and ``copy``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord import api
from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    console,
    emit,
    guarded,
    markdown_table,
    print_json,
    print_problems,
    print_table,
)
from accord.errors import ScenarioError

__all__ = ["register"]


def run(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
    fmt: FormatOpt = OutputFormat.text,
    ks_variant: Annotated[
        str,
        typer.Option(
            "--ks-variant",
            help="Kalai–Smorodinsky definition: max_min_ratio (default: largest smallest "
            "gain-to-ideal ratio) or min_spread (NegMAS/GENIUS: smallest spread of the ratios).",
        ),
    ] = "max_min_ratio",
) -> None:
    """Analyse a scenario: is there a deal everyone can accept, and why (not)?"""
    with guarded():
        from accord.report.analysis_data import analysis_to_dict
        from accord.report.analysis_text import analysis_markdown, print_analysis

        analysis = api.analyze_scenario(scenario, ks_variant=ks_variant)
        emit(
            fmt,
            data=lambda: analysis_to_dict(analysis),
            markdown=lambda: analysis_markdown(analysis),
            text=lambda c: print_analysis(analysis, c),
        )


def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Scenario files (or built-in names) to check.")
    ],
) -> None:
    """Check scenario files and print every problem with its location."""
    failed = False
    for path in files:
        try:
            sc = api.validate_scenario(path)
        except ScenarioError as exc:
            failed = True
            print_problems(exc)
            continue
        extra = "".join(
            f", {n} {what}"
            for n, what in ((len(sc.ratifiers), "ratifiers"), (len(sc.levers), "levers"))
            if n
        )
        console.print(
            f"{path}: ok ({len(sc.principals)} principals{extra}, {len(sc.issues)} issues, "
            f"{len(sc.constraints)} constraints)",
            markup=False,
        )
    if failed:
        raise typer.Exit(code=2)


def schema() -> None:
    """Print the JSON Schema of scenario files."""
    print_json(api.scenario_json_schema())


_LIST_COLUMNS = ("name", "title", "principals", "issues", "history")


def _list_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    history = {True: "agreement", False: "no agreement", None: "–"}
    return [
        [
            r["name"],
            r["title"],
            ", ".join(r["principals"]),
            str(r["issues"]),
            history[r["recorded_agreement"]],
        ]
        for r in rows
    ]


def list_builtin(fmt: FormatOpt = OutputFormat.text) -> None:
    """List the built-in scenarios."""
    with guarded():
        rows = api.list_scenarios()
        emit(
            fmt,
            data=lambda: rows,
            markdown=lambda: markdown_table(_LIST_COLUMNS, _list_rows(rows)),
            text=lambda c: print_table(c, "Built-in scenarios", _LIST_COLUMNS, _list_rows(rows)),
        )


def copy(
    name: Annotated[str, typer.Argument(help="Built-in scenario name (see `accord list`).")],
    dest: Annotated[Path, typer.Argument(help="File (or folder) to write.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Copy a built-in scenario's YAML file so that you can edit it."""
    with guarded():
        written = api.copy_builtin(name, dest, overwrite=force)
        console.print(f"wrote {written[0]}", markup=False)
        for extra in written[1:]:
            console.print(f"wrote {extra} (spatial data its levers are set from)", markup=False)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    app.command("run")(run)
    app.command("validate")(validate)
    app.command("schema")(schema)
    app.command("list")(list_builtin)
    app.command("copy")(copy)
