"""Command ``uncertainty``: probability of agreement and the numbers that decide the verdict."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any

import typer

from accord import api
from accord.cli._common import (
    OutputFormat,
    check_plot_path,
    guarded,
    write_plot,
)
from accord.cli._sweep_options import (
    DaskLocalOpt,
    OutOpt,
    ResumeOpt,
    SchedulerOpt,
    WorkersOpt,
    check_out,
    emit_sweep,
    executor,
    given_on_command_line,
    interruptible,
    refuse_with_resume,
    sweep_progress,
)
from accord.cli._sweep_options import (
    resume as resume_run,
)
from accord.errors import InputError

__all__ = ["print_sampled_bargaining", "register"]

MAX_SAMPLES = 100_000_000


def uncertainty(
    ctx: typer.Context,
    scenario: Annotated[
        str,
        typer.Argument(
            help="A built-in name, a scenario file with an `uncertainty:` section, or an "
            "uncertainty file (kind: uncertainty) that names a scenario."
        ),
    ] = api.DEFAULT_SCENARIO,
    samples: Annotated[
        int,
        typer.Option(
            "--samples", "-n", help="Monte Carlo draws of the uncertain numbers (per grid point)."
        ),
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
    grid: Annotated[
        list[str] | None,
        typer.Option(
            "--grid",
            help="A grid axis, NAME=A,B,C or NAME=LOW:HIGH:N (repeatable): a lever "
            "(china.enforcement=full,partial,lax) or a declared number held at each value "
            "(congress.threshold=0.7:0.9:5); gives P(agreement) per grid point.",
        ),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    dask_local: DaskLocalOpt = None,
    out: OutOpt = None,
    resume: ResumeOpt = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
    ] = OutputFormat.text,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Write a bar chart of the sensitivity indices (with --grid: a heat map of "
            "P(agreement)) to this file.",
        ),
    ] = None,
) -> None:
    """Probability of agreement under the declared uncertainty, why deals fail, which
    packages the solutions pick, and which numbers decide the verdict; with --grid, the
    probability of agreement at every grid point."""
    with guarded():
        if plot is not None:
            check_plot_path(plot)
        if not 1 <= samples <= MAX_SAMPLES:
            raise InputError(f"--samples {samples}: between 1 and {MAX_SAMPLES:,}")
        if memory < 1:
            raise InputError(f"--memory {memory}: a positive number of MiB")
        if seed is not None and seed < 0:
            raise InputError(f"--seed {seed}: a seed is a non-negative integer")
        check_out(out, resume)
        refuse_with_resume(
            ctx,
            resume,
            ["scenario", "samples", "seed", "sensitivity", "sobol_base", "trajectories", "top",
             "grid"],
        )  # fmt: skip
        if grid:
            for name in ("sensitivity", "sobol_base", "trajectories", "top"):
                if given_on_command_line(ctx, name):
                    option = "--" + name.replace("_", "-")
                    raise InputError(f"--grid reports P(agreement) per point; drop {option}")
            if plot is not None and len(grid) > 2:
                raise InputError(
                    f"--plot {plot}: a heat map shows one or two grid axes, not {len(grid)}"
                )
        elif plot is not None and resume is None and sensitivity == "none":
            raise InputError(
                f"--plot {plot}: draws the sensitivity indices; --sensitivity none computes none"
            )
        chosen = secrets.randbelow(2**32) if seed is None else seed
        with (
            interruptible("uncertainty", out, resume),
            executor(workers, scheduler, dask_local) as ex,
            sweep_progress() as progress,
        ):
            report: Any
            if resume is not None:
                report = resume_run(
                    resume, ex, progress, ["uncertainty", "uncertainty_grid"], memory * 2**20
                )
            elif grid:
                report = api.uncertainty_grid(
                    scenario, grid, samples=samples, seed=chosen, memory=memory * 2**20,
                    executor=ex, out=out, progress=progress,
                )  # fmt: skip
            else:
                report = api.uncertainty_analysis(
                    scenario, samples=samples, seed=chosen, sensitivity=sensitivity,
                    sobol_base=sobol_base, morris_trajectories=trajectories, top=top,
                    memory=memory * 2**20, executor=ex, out=out, progress=progress,
                )  # fmt: skip
        if isinstance(report, api.GridReport):
            return _print_grid(report, fmt, plot)
        from accord.report import uncertainty as rep

        emit_sweep(
            fmt, report, rep.uncertainty_to_dict, rep.uncertainty_markdown,
            rep.uncertainty_renderable,
        )  # fmt: skip
        if plot is not None:
            write_plot(plot, lambda p: rep.plot_sensitivity(report, p), fmt)


def _print_grid(report: api.GridReport, fmt: OutputFormat, plot: Path | None) -> None:
    from accord.report import sweep as rep

    emit_sweep(fmt, report, rep.grid_to_dict, rep.grid_markdown, rep.grid_renderable)
    if plot is not None:
        write_plot(plot, lambda p: rep.plot_grid(report, p), fmt, "heat map")


def print_sampled_bargaining(
    scenario: str,
    strategies: dict[str, str],
    *,
    samples: int | None,
    seed: int | None,
    rounds: int,
    discount: float,
    protocol: str,
    fmt: OutputFormat,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
    out: Path | None = None,
    resume: Path | None = None,
) -> None:
    """``accord simulate --samples N``: runs with preferences drawn per run."""
    if protocol != "alternating":
        raise InputError(
            f"--samples plays alternating offers; --protocol {protocol} is not batched"
        )
    check_out(out, resume)
    if resume is None and (samples is None or not 1 <= samples <= MAX_SAMPLES):
        raise InputError(f"--samples {samples}: between 1 and {MAX_SAMPLES:,}")
    with (
        interruptible("simulate", out, resume),
        executor(workers, scheduler, dask_local) as ex,
        sweep_progress() as progress,
    ):
        if resume is not None:
            r = resume_run(resume, ex, progress, ["simulate"])
        else:
            assert samples is not None
            plain = (lambda d, t: progress("samples", d, t)) if progress is not None else None
            r = api.simulate_samples(
                scenario, strategies, samples=samples, seed=seed, rounds=rounds,
                discount=discount, executor=ex, out=out, progress=plain,
            )  # fmt: skip
    from accord.report import uncertainty as rep

    emit_sweep(
        fmt, r, rep.sampled_bargaining_to_dict, rep.sampled_bargaining_markdown,
        rep.sampled_bargaining_renderable,
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("uncertainty")(uncertainty)
