"""Shared pieces of the command line: the console, output formats and error handling."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from accord.errors import AccordError, InputError, ScenarioError

__all__ = [
    "OutputFormat",
    "check_plot_path",
    "console",
    "err_console",
    "fail",
    "guarded",
    "print_json",
]

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    """Output formats every analysing command offers."""

    text = "text"
    json = "json"
    markdown = "markdown"


def fail(message: str) -> NoReturn:
    """Print one error line on stderr and exit with code 2."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code=2)


@contextmanager
def guarded() -> Iterator[None]:
    """Turn accord errors into one line per problem and exit code 2, never a traceback."""
    try:
        yield
    except ScenarioError as exc:
        for problem in exc.problems:
            err_console.print(f"error: {problem}", markup=False, highlight=False)
        raise typer.Exit(code=2) from None
    except AccordError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            err_console.print(f"error: {line}", markup=False, highlight=False)
        raise typer.Exit(code=2) from None


PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot_path(path: Path) -> Path:
    """Check a ``--plot`` target before any work is done: a file name ending in .png, .svg or
    .pdf whose folder exists."""
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise InputError(f"--plot {path}: the file name must end in .png, .svg or .pdf")
    if path.is_dir():
        raise InputError(
            f"--plot {path}: is a folder; give a file name ending in .png, .svg or .pdf"
        )
    if not path.parent.is_dir():
        raise InputError(f"--plot {path}: the folder {path.parent} does not exist")
    return path


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout (no colour, no wrapping)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
