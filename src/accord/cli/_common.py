"""Shared pieces of the command line: the console, shared arguments, the output switch and
error handling.

Every command module follows one pattern (copy it for a new one):

- command functions at module level, their options typed with ``Annotated`` (the shared ones
  below: :data:`ScenarioArg`, :data:`FormatOpt`);
- a body inside ``with guarded():`` that calls public names of :mod:`accord.api` (``from accord
  import api``: its names load on first use) and imports the :mod:`accord.report` module it
  renders with *inside* the command, so that ``accord --help`` loads neither;
- output through :func:`emit`: one call gives the JSON data, the Markdown and the text renderer;
- ``register(app)`` at the end, adding the module's commands (sub-groups through :func:`group`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from accord.errors import AccordError, InputError, ScenarioError

__all__ = [
    "FormatOpt",
    "OutputFormat",
    "ScenarioArg",
    "check_plot_path",
    "console",
    "emit",
    "err_console",
    "fail",
    "group",
    "guarded",
    "markdown_table",
    "print_json",
    "print_problems",
    "print_table",
]

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    """Output formats every command that prints results offers."""

    text = "text"
    json = "json"
    markdown = "markdown"


FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
]
ScenarioArg = Annotated[
    str, typer.Argument(help="A built-in scenario name (see `accord list`) or a YAML/JSON file.")
]


def emit(
    fmt: str,
    *,
    data: Callable[[], Any],
    text: Callable[[Console], object],
    markdown: Callable[[], str] | None = None,
) -> None:
    """Print a result in ``fmt``: the one output switch of every command.

    Parameters
    ----------
    fmt:
        The format the user chose (an :class:`OutputFormat`, or a command's own ``StrEnum`` of
        ``text`` and ``json`` when it has no Markdown rendering).
    data:
        Builds the JSON-ready data (printed indented, no colour, no wrapping).
    markdown:
        Builds the Markdown text (printed as it is, ending in one newline); ``None`` when the
        command offers none.
    text:
        Prints the rich text rendering on the console it is given.

    Only the builder of the chosen format runs.
    """
    if fmt == OutputFormat.json:
        print_json(data())
    elif fmt == OutputFormat.markdown:
        if markdown is None:
            raise InputError("--format markdown: this command writes text or json")
        md = markdown()
        sys.stdout.write(md if md.endswith("\n") else md + "\n")
    else:
        text(console)


def print_table(
    out: Console, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """Print a rich table of plain-text cells (the text twin of :func:`markdown_table`)."""
    from rich.table import Table

    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for cells in rows:
        table.add_row(*cells)
    out.print(table)


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (see :func:`accord.report.markdown.markdown_table`), one string."""
    from accord.report.markdown import markdown_table as lines

    return "\n".join(lines(columns, rows)) + "\n"


def group(app: typer.Typer, name: str, help: str) -> typer.Typer:
    """The sub-command group ``name`` of ``app`` (``accord import ...``), made on first use, so
    that several modules can add commands to one group."""
    for info in app.registered_groups:
        if info.name == name and info.typer_instance is not None:
            return info.typer_instance
    sub = typer.Typer(help=help, no_args_is_help=True)
    app.add_typer(sub, name=name)
    return sub


def fail(message: str) -> NoReturn:
    """Print one error line on stderr and exit with code 2."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False, emoji=False)
    raise typer.Exit(code=2)


def print_problems(exc: AccordError) -> None:
    """One ``error:`` line per problem of ``exc`` on stderr."""
    if isinstance(exc, ScenarioError):
        lines = [str(p) for p in exc.problems]
    else:
        lines = str(exc).splitlines() or [type(exc).__name__]
    for line in lines:
        err_console.print(f"error: {line}", markup=False, highlight=False, emoji=False)


@contextmanager
def guarded() -> Iterator[None]:
    """Turn accord errors into one line per problem and exit code 2, never a traceback."""
    try:
        yield
    except AccordError as exc:
        print_problems(exc)
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


def write_plot(plot: Path, draw: Callable[[Path], Path], fmt: str, what: str = "plot") -> None:
    """Draw ``plot`` with ``draw`` (which returns the path written); a file that cannot be
    written is one located error; in text output, say where it went."""
    try:
        written = draw(plot)
    except (OSError, ValueError) as exc:
        raise InputError(f"--plot {plot}: cannot write the image: {exc}") from None
    if fmt == OutputFormat.text:
        console.print(f"{what} written to {written}", markup=False)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout (no colour, no wrapping)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
