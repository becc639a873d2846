"""Commands ``report`` (a self-contained HTML report, or PDF/PNG for print) and ``serve`` (the
web app)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from accord import api
from accord.cli._common import ScenarioArg, console, err_console, guarded
from accord.errors import InputError

__all__ = ["register"]

TOKEN_ENV = "ACCORD_WEB_TOKEN"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ReportFormat(StrEnum):
    """What ``accord report`` writes."""

    html = "html"
    pdf = "pdf"
    png = "png"


def _needs_web_extra(exc: ImportError) -> InputError:
    return InputError(
        f"this command needs the web extra ({exc.name} is missing): "
        "python3 -m pip install 'accord[web]'"
    )


def report(
    scenario: ScenarioArg = api.DEFAULT_SCENARIO,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (report.html, report.pdf).")
    ] = Path("report.html"),
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained file with interactive plots), pdf (for print) or "
            "png (one image per figure, named after the output file).",
        ),
    ] = ReportFormat.html,
    phasing: Annotated[
        str | None,
        typer.Option(
            "--phasing",
            help="A phasing document for the plan (default: the built-in of the same name).",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Seed of the simulation and the uncertainty draws (default: drawn, printed)."
        ),
    ] = None,
    samples: Annotated[
        int,
        typer.Option(help="Uncertainty draws when the scenario declares uncertainty (0: none)."),
    ] = 2000,
) -> None:
    """Write a report of a scenario: verdict and reasons, the sides' no-deal values with their
    sources, the utility space, diagnosis, phased plan, a simulation and the uncertainty."""
    with guarded():
        if output.is_dir():
            raise InputError(f"--output {output}: is a folder; give a file name")
        if not output.parent.is_dir():
            raise InputError(f"--output {output}: the folder {output.parent} does not exist")
        try:
            if fmt is ReportFormat.html:
                from accord.report.html import report_html
            else:
                from accord.report.printable import write_pdf, write_pngs
        except ImportError as exc:
            raise _needs_web_extra(exc) from None
        data = api.gather_report(scenario, phasing=phasing, seed=seed, samples=samples)
        try:
            if fmt is ReportFormat.html:
                output.write_text(report_html(data), encoding="utf-8")
                written = [output]
            elif fmt is ReportFormat.pdf:
                written = [write_pdf(data, output)]
            else:
                written = write_pngs(data, output)
        except OSError as exc:
            raise InputError(f"--output {output}: cannot write the file: {exc.strerror}") from None
        for path in written:
            console.print(f"wrote {path}", markup=False)
        console.print(f"seed {data.seed}", markup=False)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help=f"Token every request must carry (Authorization: Bearer TOKEN); required to "
            f"listen on anything but loopback. Also read from ${TOKEN_ENV}.",
        ),
    ] = None,
    ledger: Annotated[
        str | None,
        typer.Option(
            "--ledger",
            help="A tracking ledger (SQLite file or postgresql:// URL) to show read-only.",
        ),
    ] = None,
) -> None:
    """Start the web app: a browser UI and a REST API (OpenAPI docs at /docs)."""
    with guarded():
        token = token or os.environ.get(TOKEN_ENV) or None
        if host not in LOOPBACK and not token:
            raise InputError(
                f"--host {host}: listening beyond this machine needs a token "
                f"(--token TOKEN or ${TOKEN_ENV}); every request must then carry it"
            )
        try:
            import uvicorn

            from accord.web import WebSettings, create_app
        except ImportError as exc:
            raise _needs_web_extra(exc) from None
        app = create_app(WebSettings(token=token, ledger=ledger))
        shown = f"[{host}]" if ":" in host else host
        err_console.print(
            f"accord web app on http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops it",
            markup=False,
        )
        uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``serve`` to ``app``."""
    app.command("report")(report)
    app.command("serve")(serve)
