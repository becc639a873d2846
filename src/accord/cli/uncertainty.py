"""Command ``uncertainty``: probability of agreement and the numbers that decide the verdict."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer

from accord import api
from accord.cli._common import (
    OutputFormat,
    check_plot_path,
    console,
    emit,
    err_console,
    guarded,
)
from accord.errors import InputError

__all__ = ["print_sampled_bargaining", "register"]

MAX_SAMPLES = 100_000_000


def uncertainty(
    scenario: Annotated[
        str,
        typer.Argument(
            help="A built-in name, a scenario file with an `uncertainty:` section, or an "
            "uncertainty file (kind: uncertainty) that names a scenario."
        ),
    ] = api.DEFAULT_SCENARIO,
    samples: Annotated[
        int, typer.Option("--samples", "-n", help="Monte Carlo draws of the uncertain numbers.")
    ] = 10_000,
    seed: Annotated[
        int | None,
        typer.Option(help="Random seed (non-negative); without one a seed is drawn and printed."),
    ] = None,
    sensitivity: Annotated[
        str,
        typer.Option(help="Global sensitivity: sobol, morris, both or none."),
    ] = "both",
    sobol_base: Annotated[
        int,
        typer.Option(help="Sobol base sample size N, a power of 2 (N x (parameters + 2) runs)."),
    ] = 512,
    trajectories: Annotated[
        int, typer.Option(help="Morris trajectories r (r x (parameters + 1) runs).")
    ] = 20,
    top: Annotated[int, typer.Option(help="Packages listed per solution concept.")] = 3,
    memory: Annotated[
        int, typer.Option(help="Working-memory budget in MiB; samples are chunked to fit.")
    ] = 512,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker threads (default: the processors available)."),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
    ] = OutputFormat.text,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Write a bar chart of the sensitivity indices to this file."),
    ] = None,
) -> None:
    """Probability of agreement under the declared uncertainty, why deals fail, which
    packages the solutions pick, and which numbers decide the verdict."""
    with guarded():
        if plot is not None:
            check_plot_path(plot)
        if not 1 <= samples <= MAX_SAMPLES:
            raise InputError(f"--samples {samples}: between 1 and {MAX_SAMPLES:,}")
        if memory < 1:
            raise InputError(f"--memory {memory}: a positive number of MiB")
        if workers is not None and workers < 1:
            raise InputError(f"--workers {workers}: at least 1")
        if seed is not None and seed < 0:
            raise InputError(f"--seed {seed}: a seed is a non-negative integer")
        chosen = secrets.randbelow(2**32) if seed is None else seed
        report = _run(
            scenario, samples, chosen, sensitivity, sobol_base, trajectories, top, memory, workers
        )
        from accord.report import uncertainty as rep

        emit(
            fmt,
            data=lambda: rep.uncertainty_to_dict(report),
            markdown=lambda: rep.uncertainty_markdown(report),
            text=lambda c: c.print(rep.uncertainty_renderable(report)),
        )
        if plot is not None:
            from accord.report.uncertainty import plot_sensitivity

            try:
                out = plot_sensitivity(report, plot)
            except (OSError, ValueError) as exc:
                raise InputError(f"--plot {plot}: cannot write the image: {exc}") from None
            if fmt is OutputFormat.text:
                console.print(f"plot written to {out}", markup=False)


def _run(
    scenario: str,
    samples: int,
    seed: int,
    sensitivity: str,
    sobol_base: int,
    trajectories: int,
    top: int,
    memory: int,
    workers: int | None,
) -> api.UncertaintyReport:
    """Run the analysis with a progress bar (with ETA) on a terminal."""
    kwargs = dict(
        samples=samples,
        seed=seed,
        sensitivity=sensitivity,
        sobol_base=sobol_base,
        morris_trajectories=trajectories,
        top=top,
        memory=memory * 2**20,
        workers=workers,
    )
    if not err_console.is_terminal:
        return api.uncertainty_analysis(scenario, **kwargs)  # type: ignore[arg-type]
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        ids: dict[str, object] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bar.add_task(stage, total=total)
            bar.update(ids[stage], completed=done)  # type: ignore[arg-type]

        return api.uncertainty_analysis(scenario, progress=progress, **kwargs)  # type: ignore[arg-type]


def print_sampled_bargaining(
    scenario: str,
    strategies: dict[str, str],
    *,
    samples: int,
    seed: int | None,
    rounds: int,
    discount: float,
    protocol: str,
    fmt: OutputFormat,
) -> None:
    """``accord simulate --samples N``: runs with preferences drawn per run."""
    if protocol != "alternating":
        raise InputError(
            f"--samples plays alternating offers; --protocol {protocol} is not batched"
        )
    if not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"--samples {samples}: between 1 and {MAX_SAMPLES:,}")
    r = api.simulate_samples(
        scenario, strategies, samples=samples, seed=seed, rounds=rounds, discount=discount
    )
    from accord.report import uncertainty as rep

    emit(
        fmt,
        data=lambda: rep.sampled_bargaining_to_dict(r),
        markdown=lambda: rep.sampled_bargaining_markdown(r),
        text=lambda c: c.print(rep.sampled_bargaining_renderable(r)),
    )


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("uncertainty")(uncertainty)
