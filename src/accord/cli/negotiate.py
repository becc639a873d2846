"""Commands ``simulate``, ``tournament`` and ``strategies``."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from accord.api import _negotiate as neg
from accord.cli._common import OutputFormat, check_plot_path, console, guarded, print_json
from accord.errors import InputError
from accord.report.negotiate import (
    plot_concession,
    result_markdown,
    result_renderable,
    result_to_dict,
    tournament_markdown,
    tournament_renderable,
    tournament_to_dict,
)
from accord.scenario import DEFAULT_SCENARIO

__all__ = ["parse_assignments", "register"]

ScenarioArg = Annotated[
    str, typer.Argument(help="A built-in scenario name (see `accord list`) or a YAML/JSON file.")
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
]
MAX_ROUNDS = 10_000
RoundsOpt = Annotated[
    int,
    typer.Option("--rounds", "-r", help=f"Deadline in rounds (1 to {MAX_ROUNDS:,})."),
]
SeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Random seed (a non-negative integer); without one a seed is drawn and printed.",
    ),
]


def _seed(seed: int | None, rounds: int) -> int:
    """Check ``--rounds`` and ``--seed``; return the seed, or a fresh one when none was given
    (it is shown in the output so that the run can be repeated)."""
    if rounds > MAX_ROUNDS:
        raise InputError(f"--rounds {rounds}: at most {MAX_ROUNDS:,} rounds")
    if seed is not None and seed < 0:
        raise InputError(f"--seed {seed}: a seed is a non-negative integer")
    return secrets.randbelow(2**32) if seed is None else seed


ProtocolOpt = Annotated[
    str, typer.Option("--protocol", "-p", help="alternating, stacked or mediation.")
]
DiscountOpt = Annotated[
    float, typer.Option("--discount", "-d", help="Per-round discount factor in (0, 1].")
]


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["us=boulware", ...]`` into ``{"us": "boulware"}``; bad syntax is an InputError."""
    out: dict[str, str] = {}
    for item in items:
        party, eq, spec = item.partition("=")
        if not eq or not party.strip() or not spec.strip():
            raise InputError(
                f"--strategy {item!r}: expected PARTY=STRATEGY, e.g. us=boulware "
                "(see `accord strategies`)"
            )
        if party.strip() in out:
            raise InputError(f"--strategy {item!r}: party {party.strip()!r} given twice")
        out[party.strip()] = spec.strip()
    return out


def simulate(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            "--strategy",
            "-s",
            help="PARTY=STRATEGY, repeatable (e.g. us=boulware, dprk=time-dependent:e=2). "
            f"Parties not named play {neg.DEFAULT_STRATEGY}.",
        ),
    ] = None,
    rounds: RoundsOpt = 20,
    seed: SeedOpt = None,
    protocol: ProtocolOpt = "alternating",
    discount: DiscountOpt = 1.0,
    fmt: FormatOpt = OutputFormat.text,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write concession curves to this image file.")
    ] = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            "-n",
            help="Play N runs, drawing the scenario's declared uncertain numbers anew for each "
            "(time-dependent strategies, alternating offers); report the probability of a deal.",
        ),
    ] = None,
) -> None:
    """Simulate one negotiation and print its trace and result, explained."""
    with guarded():
        chosen = parse_assignments(strategy or [])
        if samples is not None:
            from accord.cli.uncertainty import print_sampled_bargaining

            return print_sampled_bargaining(
                scenario, chosen, samples=samples, seed=_seed(seed, rounds), rounds=rounds,
                discount=discount, protocol=protocol, fmt=fmt,
            )  # fmt: skip
        if plot is not None:
            check_plot_path(plot)
        result = neg.simulate(
            scenario,
            chosen,
            protocol=protocol,
            rounds=rounds,
            discount=discount,
            seed=_seed(seed, rounds),
        )
        if fmt is OutputFormat.json:
            print_json(result_to_dict(result))
        elif fmt is OutputFormat.markdown:
            typer.echo(result_markdown(result))
        else:
            console.print(result_renderable(result))
        if plot is not None:
            try:
                out = plot_concession(result, plot)
            except (OSError, ValueError) as exc:
                raise InputError(f"--plot {plot}: cannot write the image: {exc}") from None
            if fmt is OutputFormat.text:
                console.print(f"plot written to {out}", markup=False)


def tournament(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    strategy: Annotated[
        list[str] | None,
        typer.Option("--strategy", "-s", help="Strategies to include (default: all), repeatable."),
    ] = None,
    rounds: RoundsOpt = 20,
    seed: SeedOpt = None,
    protocol: ProtocolOpt = "alternating",
    discount: DiscountOpt = 1.0,
    fmt: FormatOpt = OutputFormat.text,
) -> None:
    """Play every pair of strategies (both sides) and print a ranked table."""
    with guarded():
        result = neg.tournament(
            scenario,
            strategy,
            protocol=protocol,
            rounds=rounds,
            discount=discount,
            seed=_seed(seed, rounds),
        )
        if fmt is OutputFormat.json:
            print_json(tournament_to_dict(result))
        elif fmt is OutputFormat.markdown:
            typer.echo(tournament_markdown(result))
        else:
            console.print(tournament_renderable(result))


def strategies(fmt: FormatOpt = OutputFormat.text) -> None:
    """List the strategies that --strategy accepts."""
    rows = neg.list_strategies()
    if fmt is OutputFormat.json:
        print_json(rows)
        return
    table = Table(title="Strategies (PARTY=NAME or PARTY=NAME:key=value,...)")
    for col in ("name", "parameters", "what it does"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["name"], ", ".join(r["params"]) or "–", r["summary"])
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the simulation commands to ``app``."""
    app.command("simulate")(simulate)
    app.command("tournament")(tournament)
    app.command("strategies")(strategies)
