"""The ``accord`` typer application: each command group lives in its own module and registers here."""

from __future__ import annotations

import os

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="accord",
    help="Model, analyse, simulate and forecast negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Each module adds its commands to ``app``; order here is the order in ``--help``.
    from accord.cli import (
        analysis,
        forecast,
        genius,
        negotiate,
        phasing,
        report,
        track,
        twolevel,
        uncertainty,
    )

    analysis.register(app)
    twolevel.register(app)
    uncertainty.register(app)
    negotiate.register(app)
    phasing.register(app)
    forecast.register(app)
    genius.register(app)
    track.register(app)
    report.register(app)


_register()


def main() -> None:
    """Console-script entry point.

    Unless the user set it, OpenBLAS runs one thread: accord's arrays are worked elementwise,
    and starting a pool of BLAS threads costs more CPU (60 ms here) than a command like
    ``accord validate`` spends on its work.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()
