"""``accord forecast`` and ``accord backtest``: multi-actor spatial forecasts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli._common import OutputFormat, check_plot_path, console, guarded, print_json
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
    from accord.forecast.registry import build_model

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
        name = build_model(model).name
        out.setdefault(name, {})[switch] = _parse_value(value.strip())
    return out


def register(app: typer.Typer) -> None:
    """Add the ``forecast`` and ``backtest`` commands to ``app``."""

    @app.command("forecast")
    def forecast_cmd(
        file: Annotated[
            Path,
            typer.Argument(
                help="Spatial data: accord YAML/JSON, KTAB CSV/XML, Decide text, actor-table CSV."
            ),
        ],
        model: Annotated[
            str, typer.Option("--model", "-m", help="Model name, comma list, or 'all'.")
        ] = "all",
        rounds: Annotated[
            bool,
            typer.Option("--rounds", help="Also show the forecast per round of dynamic models."),
        ] = False,
        plot: Annotated[
            Path | None,
            typer.Option("--plot", help="Draw trajectories to this image file (PNG, SVG, PDF)."),
        ] = None,
        fmt: Annotated[
            OutputFormat, typer.Option("--format", "-f", help="Output format.")
        ] = OutputFormat.text,
        input_format: Annotated[
            str | None,
            typer.Option(
                "--input-format",
                help="accord, ktab-csv, ktab-xml, decide or actor-table (default: detect).",
            ),
        ] = None,
        set_: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
        scale: ScaleOpt = None,
        salience_scale: SalienceScaleOpt = None,
    ) -> None:
        """Forecast where many actors' positions converge, per dimension and model."""
        with guarded():
            from accord.api._forecast import load_spatial_data, model_names, run_all
            from accord.report import forecast as rep

            if plot is not None:
                check_plot_path(plot)
            data = load_spatial_data(
                file, input_format, scale=parse_scale(scale), salience_scale=salience_scale
            )
            names = model_names(model)
            with forecast_progress() as progress:
                results = run_all(data, names, _settings(set_ or [], names), progress=progress)
            if plot is not None:
                rep.plot_trajectories(results, data, plot)
            if fmt is OutputFormat.json:
                print_json(rep.forecast_json(results, data, rounds))
            elif fmt is OutputFormat.markdown:
                console.print(rep.forecast_markdown(results, data, rounds), markup=False, end="")
            else:
                for table in rep.forecast_tables(results, data, rounds):
                    console.print(table)
                if plot is not None:
                    console.print(f"trajectories written to {plot}", markup=False)

    @app.command("backtest")
    def backtest_cmd(
        files: Annotated[
            list[Path], typer.Argument(help="Spatial data files with recorded outcomes.")
        ],
        model: Annotated[
            str, typer.Option("--model", "-m", help="Model name, comma list, or 'all'.")
        ] = "all",
        fmt: Annotated[
            OutputFormat, typer.Option("--format", "-f", help="Output format.")
        ] = OutputFormat.text,
        bootstrap: Annotated[
            int, typer.Option("--bootstrap", help="Bootstrap resamples for the intervals.")
        ] = 2000,
        seed: Annotated[
            int, typer.Option("--seed", help="Seed of the bootstrap's random generator.")
        ] = 0,
        set_: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
    ) -> None:
        """Score models on recorded outcomes: MAE, share within 10, bootstrap CI vs compromise.

        Each dimension with a recorded outcome is one issue; errors use a 0–100 scale.
        """
        with guarded():
            from accord.api._forecast import backtest, model_names
            from accord.report import forecast as rep

            if bootstrap < 1:
                raise InputError("--bootstrap must be at least 1")
            names = model_names(model)
            report = backtest(
                files, names, _settings(set_ or [], names), n_boot=bootstrap, seed=seed
            )
            if fmt is OutputFormat.json:
                print_json(rep.backtest_json(report))
            elif fmt is OutputFormat.markdown:
                console.print(rep.backtest_markdown(report), markup=False, end="")
            else:
                console.print(rep.backtest_table(report))
