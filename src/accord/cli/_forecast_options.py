"""Options the spatial-data commands share: the scales a file may leave unstated, and a progress
bar for long forecasts (drawn only on a terminal, through the callback ``accord.api`` accepts)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from accord.cli._common import err_console
from accord.errors import InputError

__all__ = ["SalienceScaleOpt", "ScaleOpt", "forecast_progress", "parse_scale"]

ScaleOpt = Annotated[
    str | None,
    typer.Option(
        "--scale",
        help="Scale of an actor table's positions as LO:HI (e.g. 4:10) when the file does "
        "not state it.",
    ),
]
SalienceScaleOpt = Annotated[
    float | None,
    typer.Option(
        "--salience-scale",
        help="1 or 100: the scale of an actor table's saliences when the file does not state "
        "it (otherwise detected and noted).",
    ),
]

_NUM = r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*"


def parse_scale(text: str | None) -> tuple[float, float] | None:
    """``"4:10"`` -> ``(4.0, 10.0)``; ``None`` stays ``None``."""
    if text is None:
        return None
    m = re.fullmatch(_NUM + ":" + _NUM, text)
    if not m or not float(m[1]) < float(m[2]):
        raise InputError(f"--scale {text!r}: expected LO:HI with LO < HI, e.g. --scale 4:10")
    return float(m[1]), float(m[2])


@contextmanager
def forecast_progress() -> Iterator[Callable[[str], Callable[[int, int], None] | None]]:
    """Yield a per-model progress factory for :func:`accord.api.run_all`.

    On a terminal, each dynamic model gets a transient bar on stderr once it reports; when
    stderr is not a terminal (pipes, tests, CI) nothing is drawn.
    """
    if not err_console.is_terminal:
        yield lambda name: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    with bar:

        def factory(name: str) -> Callable[[int, int], None]:
            task = bar.add_task(name, total=None, visible=False)

            def report(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, visible=True)

            return report

        yield factory
