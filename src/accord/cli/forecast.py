"""``accord forecast`` and ``accord backtest``: multi-actor spatial forecasts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from accord import api
from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    check_plot_path,
    emit,
    guarded,
)
from accord.cli._forecast_options import (
    SalienceScaleOpt,
    ScaleOpt,
    forecast_progress,
    parse_scale,
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
    interruptible,
    refuse_with_resume,
    sweep_progress,
)
from accord.cli._sweep_options import (
    resume as resume_run,
)
from accord.errors import InputError

__all__ = ["register"]

_SET_HELP = (
    "Model switch as MODEL.SWITCH=VALUE (or SWITCH=VALUE when one model runs), e.g. "
    "expected_utility.q=0.5 or smp.voting_rule=binary. Repeatable."
)
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Model name, comma list, or 'all'.")]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)]


def _parse_value(text: str) -> Any:
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def _settings(items: list[str], models: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--set {item!r}: expected MODEL.SWITCH=VALUE")
        model, dot, switch = key.strip().rpartition(".")
        if not dot:
            if len(models) != 1:
                raise InputError(
                    f"--set {item!r}: name the model (MODEL.SWITCH=VALUE) when several run"
                )
            model = models[0]
        (name,) = api.model_names([model])
        out.setdefault(name, {})[switch] = _parse_value(value.strip())
    return out


def forecast(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Spatial data: accord YAML/JSON, KTAB CSV/XML, Decide text, actor-table CSV."
        ),
    ] = None,
    model: ModelOpt = "all",
    rounds: Annotated[
        bool,
        typer.Option("--rounds", help="Also show the forecast per round of dynamic models."),
    ] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Draw trajectories to this image file (PNG, SVG, PDF)."),
    ] = None,
    fmt: FormatOpt = OutputFormat.text,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="accord, ktab-csv, ktab-xml, decide or actor-table (default: detect).",
        ),
    ] = None,
    set_: SetOpt = None,
    scale: ScaleOpt = None,
    salience_scale: SalienceScaleOpt = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            "-n",
            help="Forecast N copies of the data with capabilities and saliences perturbed "
            "(--perturb); report each dimension's distribution.",
        ),
    ] = None,
    perturb: Annotated[
        list[str] | None,
        typer.Option(
            "--perturb",
            help="With --samples: capability=C and salience=S, half-widths of the uniform "
            "factors [1 - C, 1 + C] (both required; 0 keeps them).",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed", help="With --samples: random seed; without one a seed is drawn and printed."
        ),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    dask_local: DaskLocalOpt = None,
    out: OutOpt = None,
    resume: ResumeOpt = None,
) -> None:
    """Forecast where many actors' positions converge, per dimension and model; with
    --samples, the distribution of each forecast under perturbed capabilities and saliences."""
    with guarded():
        from accord.report import forecast as rep

        if samples is not None or resume is not None:
            if plot is not None or rounds:
                raise InputError(
                    f"{'--plot' if plot is not None else '--rounds'}: shows one forecast's "
                    "rounds; with --samples the per-sample forecasts are in --out's Parquet"
                )
            return _forecast_samples(
                ctx, file, model, fmt, input_format, set_ or [], scale, salience_scale,
                samples, perturb or [], seed, workers, scheduler, dask_local, out, resume,
            )  # fmt: skip
        sweep = [n for n, v in (("--perturb", perturb), ("--seed", seed),
                                ("--workers", workers), ("--scheduler", scheduler),
                                ("--dask-local", dask_local), ("--out", out))
                 if v is not None and v != []]  # fmt: skip
        if sweep:
            raise InputError(f"{sweep[0]}: goes with --samples N (forecasts under perturbation)")
        if file is None:
            raise InputError("give the spatial data file: accord forecast FILE")
        if plot is not None:
            check_plot_path(plot)
        data = api.load_spatial_data(
            file, input_format, scale=parse_scale(scale), salience_scale=salience_scale
        )
        names = api.model_names(model)
        with forecast_progress() as progress:
            results = api.run_all(
                data, names, _settings(set_ or [], names), source=file, progress=progress
            )
        if plot is not None:
            rep.plot_trajectories(results, data, plot)

        def text(out: Console) -> None:
            for table in rep.forecast_tables(results, data, rounds):
                out.print(table)
            if plot is not None:
                out.print(f"trajectories written to {plot}", markup=False)

        emit(
            fmt,
            data=lambda: rep.forecast_json(results, data, rounds),
            markdown=lambda: rep.forecast_markdown(results, data, rounds),
            text=text,
        )


def _forecast_samples(
    ctx: typer.Context,
    file: Path | None,
    model: str,
    fmt: OutputFormat,
    input_format: str | None,
    set_: list[str],
    scale: str | None,
    salience_scale: float | None,
    samples: int | None,
    perturb: list[str],
    seed: int | None,
    workers: int | None,
    scheduler: str | None,
    dask_local: int | None,
    out: Path | None,
    resume: Path | None,
) -> None:
    """``accord forecast FILE --samples N``: forecasts under perturbation, on any executor."""
    import secrets

    from accord.report import sweep as rep

    check_out(out, resume)
    names = ["file", "model", "input_format", "set_", "scale", "salience_scale", "samples",
             "perturb", "seed"]  # fmt: skip
    refuse_with_resume(ctx, resume, names)
    r: Any
    with (
        interruptible("forecast", out, resume),
        executor(workers, scheduler, dask_local) as ex,
        sweep_progress() as progress,
    ):
        if resume is not None:
            r = resume_run(resume, ex, progress, ["forecast"])
        else:
            if file is None:
                raise InputError("give the spatial data file: accord forecast FILE --samples N")
            assert samples is not None
            if not 1 <= samples <= 1_000_000:
                raise InputError(f"--samples {samples}: between 1 and 1,000,000")
            if seed is not None and seed < 0:
                raise InputError(f"--seed {seed}: a seed is a non-negative integer")
            cap, sal = api.parse_perturb(perturb)
            models = api.model_names(model)
            r = api.forecast_samples(
                file, samples=samples, seed=secrets.randbelow(2**32) if seed is None else seed,
                capability=cap, salience=sal, models=models, settings=_settings(set_, models),
                input_format=input_format, scale=parse_scale(scale),
                salience_scale=salience_scale, executor=ex, out=out, progress=progress,
            )  # fmt: skip
    emit_sweep(
        fmt, r, rep.forecast_sweep_to_dict, rep.forecast_sweep_markdown,
        rep.forecast_sweep_renderable,
    )  # fmt: skip


def backtest(
    files: Annotated[list[Path], typer.Argument(help="Spatial data files with recorded outcomes.")],
    model: ModelOpt = "all",
    fmt: FormatOpt = OutputFormat.text,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", help="Bootstrap resamples for the intervals.")
    ] = 2000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the bootstrap's random generator.")
    ] = 0,
    set_: SetOpt = None,
) -> None:
    """Score models on recorded outcomes: MAE, share within 10, bootstrap CI vs compromise.

    Each dimension with a recorded outcome is one issue; errors use a 0–100 scale.
    """
    with guarded():
        from accord.report import forecast as rep

        names = api.model_names(model)
        report = api.backtest(
            files, names, _settings(set_ or [], names), n_boot=bootstrap, seed=seed
        )
        emit(
            fmt,
            data=lambda: rep.backtest_json(report),
            markdown=lambda: rep.backtest_markdown(report),
            text=lambda c: c.print(rep.backtest_table(report)),
        )


def register(app: typer.Typer) -> None:
    """Add the ``forecast`` and ``backtest`` commands to ``app``."""
    app.command("forecast")(forecast)
    app.command("backtest")(backtest)
