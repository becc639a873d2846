"""Options every sweep command shares: where it runs (``--workers``, ``--scheduler``,
``--dask-local``; in this process without them), where its results go (``--out``), how to
continue an interrupted run (``--resume``), and a progress bar fed by finished chunks."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from accord import api
from accord.cli._common import emit, err_console
from accord.errors import InputError

__all__ = [
    "DaskLocalOpt",
    "OutOpt",
    "ResumeOpt",
    "SchedulerOpt",
    "WorkersOpt",
    "check_out",
    "emit_sweep",
    "executor",
    "given_on_command_line",
    "interruptible",
    "refuse_with_resume",
    "resume",
    "sweep_progress",
]

WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        help="Run on N local worker processes (default: in this process, on its threads).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on a Dask cluster: its scheduler's address, tcp://HOST:PORT "
        "(needs pip install 'accord[dask]').",
    ),
]
DaskLocalOpt = Annotated[
    int | None,
    typer.Option(
        "--dask-local",
        help="Start a Dask cluster of N workers on 127.0.0.1 for this run "
        "(needs pip install 'accord[dask]').",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        help="A new or empty folder: checkpoint each finished chunk there, then write "
        "samples.parquet (one row per sample) and summary.json.",
    ),
]
ResumeOpt = Annotated[
    Path | None,
    typer.Option(
        "--resume",
        help="Continue the run in this folder (from --out) where it stopped, with the "
        "scenario, samples, seed and grid it was started with.",
    ),
]


def executor(workers: int | None, scheduler: str | None, dask_local: int | None) -> Any:
    """The executor the options ask for (see :func:`accord.api.sweep_executor`)."""
    return api.sweep_executor(workers=workers, scheduler=scheduler, dask_local=dask_local)


@contextmanager
def interruptible(command: str, out: Path | None, resume: Path | None) -> Iterator[None]:
    """Ctrl-C during a sweep: one line saying where the finished chunks are and how to
    continue (with ``--out`` or ``--resume``), exit code 130, no traceback."""
    try:
        yield
    except KeyboardInterrupt:
        folder = out if out is not None else resume
        if folder is not None and (folder / "run.json").is_file():
            line = (
                f"interrupted: the finished chunks are kept in {folder}; continue with "
                f"`accord {command} --resume {folder}`"
            )
        else:
            line = "interrupted (without --out DIR nothing is kept)"
        err_console.print(line, markup=False, highlight=False, emoji=False)
        raise typer.Exit(code=130) from None


def resume(
    folder: Path,
    ex: Any,
    progress: Callable[[str, int, int], None] | None,
    expect: Sequence[str],
    memory: int | None = None,
) -> Any:
    """Continue the run in ``folder`` on ``ex`` (refused before any work when it is a run of
    another command)."""
    return api.resume_sweep(
        folder,
        executor=ex,
        memory=memory,
        progress=progress,
        expect=expect,
        notify=lambda line: err_console.print(line, markup=False, emoji=False),
    )


def emit_sweep(
    fmt: str,
    result: Any,
    to_dict: Callable[[Any], Any],
    markdown: Callable[[Any], str],
    renderable: Callable[[Any], Any],
) -> None:
    """Print a sweep's report in ``fmt``; with ``--out`` (``result.out`` set), also write what
    ``--format json`` prints to the run folder's ``summary.json``."""
    data = functools.cache(lambda: to_dict(result))  # built once for the file and stdout
    if result.out is not None:
        api.write_summary(result.out, data())
    emit(
        fmt,
        data=data,
        markdown=lambda: markdown(result),
        text=lambda c: c.print(renderable(result)),
    )


def refuse_with_resume(ctx: typer.Context, resume: Path | None, names: Sequence[str]) -> None:
    """With ``--resume``, refuse options that describe the run (it is read from the folder);
    also refuse ``--resume`` with ``--out``."""
    if resume is None:
        return
    given = [n for n in names if given_on_command_line(ctx, n)]
    if given:
        positional = {"scenario": "SCENARIO", "file": "FILE"}
        opts = ", ".join(positional.get(n) or "--" + n.rstrip("_").replace("_", "-") for n in given)
        raise InputError(
            f"--resume {resume}: the run folder says what to run; drop {opts} (only where it "
            "runs, --workers, --scheduler or --dask-local, and how it prints may change)"
        )


def given_on_command_line(ctx: typer.Context, name: str) -> bool:
    """Did the user give the parameter ``name`` (not its default)?"""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


@contextmanager
def sweep_progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr fed with ``(stage, chunks done, chunks in all)`` (``None``
    when stderr is not a terminal)."""
    if not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} chunks"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        ids: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bar.add_task(stage, total=total)
            bar.update(ids[stage], completed=done)

        yield progress


def check_out(out: Path | None, resume: Path | None) -> None:
    """``--out`` and ``--resume`` exclude each other."""
    if out is not None and resume is not None:
        raise InputError(
            f"--out {out} and --resume {resume}: --resume continues a run in its own folder; "
            "give one of them"
        )


def saved_to(folder: str | None) -> str:
    """The line that says where the results are."""
    if folder is None:
        raise InputError("no run folder")
    return f"results in {Path(folder) / 'samples.parquet'} and {Path(folder) / 'summary.json'}"
