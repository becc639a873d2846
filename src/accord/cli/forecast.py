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
    file: Annotated[
        Path,
        typer.Argument(
            help="Spatial data: accord YAML/JSON, KTAB CSV/XML, Decide text, actor-table CSV."
        ),
    ],
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
) -> None:
    """Forecast where many actors' positions converge, per dimension and model."""
    with guarded():
        from accord.report import forecast as rep

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
