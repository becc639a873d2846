"""Commands ``simulate``, ``tournament`` and ``strategies``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord import api
from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    check_plot_path,
    emit,
    guarded,
    markdown_table,
    print_table,
    write_plot,
)
from accord.cli._sweep_options import (
    DaskLocalOpt,
    OutOpt,
    ResumeOpt,
    SchedulerOpt,
    WorkersOpt,
    refuse_with_resume,
)
from accord.errors import InputError

__all__ = ["parse_assignments", "register"]

RoundsOpt = Annotated[
    int,
    typer.Option("--rounds", "-r", help=f"Deadline in rounds (1 to {api.MAX_ROUNDS:,})."),
]
SeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Random seed (a non-negative integer); without one a seed is drawn and printed.",
    ),
]
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
    ctx: typer.Context,
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            "--strategy",
            "-s",
            help="PARTY=STRATEGY, repeatable (e.g. us=boulware, dprk=time-dependent:e=2). "
            f"Parties not named play {api.DEFAULT_STRATEGY}.",
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
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    dask_local: DaskLocalOpt = None,
    out: OutOpt = None,
    resume: ResumeOpt = None,
) -> None:
    """Simulate one negotiation and print its trace and result, explained; with --samples,
    many runs with preferences drawn per run (on any executor, results to --out)."""
    with guarded():
        from accord.report import negotiate as rep

        chosen = parse_assignments(strategy or [])
        if samples is not None or resume is not None:
            from accord.cli.uncertainty import print_sampled_bargaining

            if plot is not None:
                raise InputError(
                    "--plot: draws one run's concessions; with --samples the runs are in "
                    "--out's Parquet file"
                )

            refuse_with_resume(
                ctx, resume, ["scenario", "strategy", "rounds", "seed", "discount", "samples"]
            )
            return print_sampled_bargaining(
                scenario, chosen, samples=samples, seed=seed, rounds=rounds,
                discount=discount, protocol=protocol, fmt=fmt, workers=workers,
                scheduler=scheduler, dask_local=dask_local, out=out, resume=resume,
            )  # fmt: skip
        sweep = [n for n, v in (("--workers", workers), ("--scheduler", scheduler),
                                ("--dask-local", dask_local), ("--out", out)) if v is not None]  # fmt: skip
        if sweep:
            raise InputError(f"{sweep[0]}: runs with --samples N (many runs); one run is quick")
        if plot is not None:
            check_plot_path(plot)
        result = api.simulate(
            scenario, chosen, protocol=protocol, rounds=rounds, discount=discount, seed=seed
        )
        emit(
            fmt,
            data=lambda: rep.result_to_dict(result),
            markdown=lambda: rep.result_markdown(result),
            text=lambda c: c.print(rep.result_renderable(result)),
        )
        if plot is not None:
            write_plot(plot, lambda p: rep.plot_concession(result, p), fmt)


def tournament(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
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
        from accord.report import negotiate as rep

        result = api.tournament(
            scenario, strategy, protocol=protocol, rounds=rounds, discount=discount, seed=seed
        )
        emit(
            fmt,
            data=lambda: rep.tournament_to_dict(result),
            markdown=lambda: rep.tournament_markdown(result),
            text=lambda c: c.print(rep.tournament_renderable(result)),
        )


_STRATEGY_COLUMNS = ("name", "parameters", "what it does")


def _strategy_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [[r["name"], ", ".join(r["params"]) or "–", r["summary"]] for r in rows]


def strategies(fmt: FormatOpt = OutputFormat.text) -> None:
    """List the strategies that --strategy accepts."""
    with guarded():
        rows = api.list_strategies()
        emit(
            fmt,
            data=lambda: rows,
            markdown=lambda: markdown_table(_STRATEGY_COLUMNS, _strategy_rows(rows)),
            text=lambda c: print_table(
                c,
                "Strategies (PARTY=NAME or PARTY=NAME:key=value,...)",
                _STRATEGY_COLUMNS,
                _strategy_rows(rows),
            ),
        )


def register(app: typer.Typer) -> None:
    """Add the simulation commands to ``app``."""
    app.command("simulate")(simulate)
    app.command("tournament")(tournament)
    app.command("strategies")(strategies)
