"""Commands ``run``, ``validate``, ``schema`` and ``list``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from accord import api
from accord.cli._common import OutputFormat, console, err_console, guarded, print_json
from accord.errors import ScenarioError
from accord.report.analysis_data import analysis_to_dict
from accord.report.analysis_text import analysis_markdown, print_analysis
from accord.scenario import DEFAULT_SCENARIO

__all__ = ["register"]

FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
]


def run(
    scenario: Annotated[
        str,
        typer.Argument(help="A built-in scenario name (see `accord list`) or a YAML/JSON file."),
    ] = DEFAULT_SCENARIO,
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
        analysis = api.analyze_scenario(scenario, ks_variant=ks_variant)
        if fmt is OutputFormat.json:
            print_json(analysis_to_dict(analysis))
        elif fmt is OutputFormat.markdown:
            typer.echo(analysis_markdown(analysis))
        else:
            print_analysis(analysis, console)


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario files to check.")],
) -> None:
    """Check scenario files and print every problem with its location."""
    failed = False
    for path in files:
        try:
            sc = api.validate_scenario(path)
        except ScenarioError as exc:
            failed = True
            for problem in exc.problems:
                err_console.print(f"error: {problem}", markup=False, highlight=False)
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


def list_builtin(fmt: FormatOpt = OutputFormat.text) -> None:
    """List the built-in scenarios."""
    with guarded():
        rows = api.list_scenarios()
        if fmt is OutputFormat.json:
            print_json(rows)
            return
        if fmt is OutputFormat.markdown:
            typer.echo("| name | title | principals | issues | history |\n|---|---|---|---|---|")
            for r in rows:
                hist = {True: "agreement", False: "no agreement", None: "–"}[
                    r["recorded_agreement"]
                ]
                typer.echo(
                    f"| {r['name']} | {r['title']} | {', '.join(r['principals'])} | "
                    f"{r['issues']} | {hist} |"
                )
            return
        table = Table(title="Built-in scenarios")
        for col in ("name", "title", "principals", "issues", "history"):
            table.add_column(col)
        for r in rows:
            hist = {True: "agreement", False: "no agreement", None: "–"}[r["recorded_agreement"]]
            table.add_row(r["name"], r["title"], ", ".join(r["principals"]), str(r["issues"]), hist)
        console.print(table)


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
