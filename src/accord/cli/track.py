"""``accord track``: follow a phased plan with a tamper-evident ledger of what was done and
verified (init, record, status, replan, verify, log, export, import, keygen)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from accord import api
from accord.cli._common import console, emit, group, guarded
from accord.errors import InputError

__all__ = ["register"]

_HELP = "Track a phased plan: a tamper-evident ledger of commitments, verification and compliance."


class Format(StrEnum):
    """Output formats of the track commands."""

    text = "text"
    json = "json"


class Kind(StrEnum):
    """Event kinds a user records."""

    started = "started"
    completed = "completed"
    verification = "verification"
    violation = "violation"
    review = "review"
    note = "note"


Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ACCORD_TRACK_DB",
        help="The ledger database: a SQLite file path or a postgresql://USER@HOST/DB URL.",
    ),
]
LedgerOpt = Annotated[
    str | None,
    typer.Option("--ledger", help="Which ledger, when the database holds several."),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format: text or json.")]
SignOpt = Annotated[
    Path | None,
    typer.Option("--sign", help="Private key file of the author (if it registered a key)."),
]


def keygen(
    name: Annotated[str, typer.Argument(help="Key name: the author id (a party or verifier).")],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write NAME.key and NAME.pub.")
    ] = Path("."),
) -> None:
    """Make an Ed25519 key pair for signing the events an author records."""
    with guarded():
        keys = api.track_keygen(name, out)
        console.print(
            f"wrote {keys.private} (private: keep it secret) and {keys.public} "
            f"(fingerprint {keys.fingerprint})",
            markup=False,
            soft_wrap=True,
        )


def init(
    plan: Annotated[
        str, typer.Argument(help="Built-in name (hanoi-2019, six-party-2007) or a phasing file.")
    ],
    db: Db,
    schedule: Annotated[
        Path | None,
        typer.Option(
            "--schedule", help="Saved `accord phase PLAN --format json` (default: solve now)."
        ),
    ] = None,
    ledger: Annotated[
        str | None, typer.Option("--ledger", help="Ledger name (default: the plan's name).")
    ] = None,
    key: Annotated[
        list[str] | None,
        typer.Option("--key", help="AUTHOR=FILE.pub: the author's events must be signed."),
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="Solver seconds (when solving now).")
    ] = None,
    output: FormatOpt = Format.text,
) -> None:
    """Create a ledger for a phased plan: every step with its owner, phase and verifiers."""
    with guarded():
        keys: dict[str, str] = {}
        for item in key or []:
            who, sep, path = item.partition("=")
            if not sep or not who or not path:
                raise InputError(f"--key {item!r}: write AUTHOR=FILE.pub, e.g. us=us.pub")
            keys[who] = path
        opened = api.track_init(
            db, plan, schedule=schedule, ledger=ledger, keys=keys, time_limit=time_limit
        )
        emit(
            output,
            data=opened.to_dict,
            text=lambda c: c.print(
                f"created ledger '{opened.ledger}' in {opened.database}: "
                f"{len(opened.plan.starts)} steps over {opened.plan.spec.horizon} phases"
                + (" (schedule solved now)" if opened.solved is not None else "")
                + f"; head {opened.record.hash}",
                markup=False,
                soft_wrap=True,
            ),
        )


def record(
    kind: Annotated[Kind, typer.Argument(help="What happened.")],
    db: Db,
    by: Annotated[
        str, typer.Option("--by", help="Who records it: a party or verifier id of the plan.")
    ],
    action: Annotated[
        str | None, typer.Argument(help="The action's id (not for review and note).")
    ] = None,
    result: Annotated[
        str | None,
        typer.Option("--result", help="verification: confirmed or not_confirmed."),
    ] = None,
    confidence: Annotated[
        float | None, typer.Option("--confidence", help="verification: the verifier's 0..1.")
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", help="verification, violation: a report number or URL."),
    ] = None,
    closes: Annotated[
        int | None, typer.Option("--closes", help="review: the phase it closes (the current one).")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="note: the remark.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark on the event.")] = None,
    sign: SignOpt = None,
    ledger: LedgerOpt = None,
    output: FormatOpt = Format.text,
) -> None:
    """Append an event: started, completed, verification, violation, review or note.

    A review closes the current phase. An event that does not fit the ledger (an unknown
    action, a completion before the start, a verifier the plan does not name) is refused and
    nothing is written.
    """
    with guarded():
        rec = api.track_record(
            db,
            kind.value,
            by=by,
            action=action,
            ledger=ledger,
            result=result,
            confidence=confidence,
            evidence=evidence,
            closes=closes,
            text=text,
            note=note,
            sign=sign,
        )
        e = rec.event
        about = f" {e.data['action']}" if "action" in e.data else ""
        emit(
            output,
            data=rec.to_json,
            text=lambda c: c.print(
                f"event {e.seq}: {e.kind}{about} by {e.by} in phase {e.phase}"
                + (" (signed)" if rec.signature else "")
                + f"; hash {rec.hash}",
                markup=False,
                soft_wrap=True,
            ),
        )


def status(db: Db, ledger: LedgerOpt = None, output: FormatOpt = Format.text) -> None:
    """Where the plan stands, and whether the next phase can start.

    Each step's state, what is overdue, each side's exposure against its cap, and what the
    next steps wait on, in plain words.
    """
    with guarded():
        from accord.report import track as report

        st = api.track_status(db, ledger=ledger)
        emit(
            output,
            data=lambda: report.status_to_dict(st),
            text=lambda c: report.render_status(st, c),
        )


def replan(
    db: Db,
    ledger: LedgerOpt = None,
    horizon: Annotated[
        int | None, typer.Option("--horizon", help="Phases of the new plan (default: fit).")
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="Solver time limit in seconds.")
    ] = None,
    record_by: Annotated[
        str | None,
        typer.Option("--record", help="Record the new plan in the ledger, as this author."),
    ] = None,
    sign: SignOpt = None,
    output: FormatOpt = Format.text,
) -> None:
    """Re-solve the remaining steps from the current phase (after a delay or a violation)."""
    with guarded():
        from accord.report import track as report

        done = api.track_replan(
            db,
            ledger=ledger,
            horizon=horizon,
            time_limit=time_limit,
            record_by=record_by,
            sign=sign,
        )
        emit(
            output,
            data=lambda: report.replan_to_dict(done.replan, done.record),
            text=lambda c: report.render_replan(done.replan, c, done.record),
        )


def verify(
    db: Db,
    ledger: LedgerOpt = None,
    expect: Annotated[
        str | None,
        typer.Option("--expect", help="A hash (kept elsewhere) that must be in the chain."),
    ] = None,
    output: FormatOpt = Format.text,
) -> None:
    """Check the hash chain, every signature and every rule; name the first broken link.

    Exit code 1 if the ledger does not verify.
    """
    with guarded():
        from accord.report import track as report

        check = api.track_verify(db, ledger=ledger, expect=expect)
        emit(
            output,
            data=lambda: report.check_to_dict(check),
            text=lambda c: report.render_check(check, c),
        )
    if not check.ok:
        raise typer.Exit(code=1)


def log(db: Db, ledger: LedgerOpt = None, output: FormatOpt = Format.text) -> None:
    """List the ledger's events."""
    with guarded():
        from accord.report import track as report

        entries = api.track_log(db, ledger=ledger)
        emit(
            output,
            data=entries.to_dict,
            text=lambda c: report.render_log(entries.spec, entries.records, c),
        )


def export(
    db: Db,
    ledger: LedgerOpt = None,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the ledger as JSON lines (one event per line, with its hashes and signature)."""
    with guarded():
        lines = api.track_export(db, ledger=ledger)
        text = "".join(line + "\n" for line in lines)
        if out is None:
            sys.stdout.write(text)
            return
        if out.exists():
            raise InputError(f"{out} already exists; choose another file name")
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {len(lines)} events to {out}", markup=False, soft_wrap=True)


def import_(
    file: Annotated[Path, typer.Argument(help="A JSON-lines export of a ledger.")],
    db: Db,
    output: FormatOpt = Format.text,
) -> None:
    """Import an export as a new ledger; the whole chain is checked first (all or nothing)."""
    with guarded():
        from accord.report import track as report

        check = api.track_import(file, db)
        emit(
            output,
            data=lambda: report.check_to_dict(check),
            text=lambda c: c.print(
                f"imported ledger '{check.ledger}': " + report.check_verdict(check),
                markup=False,
                soft_wrap=True,
            ),
        )


def register(app: typer.Typer) -> None:
    """Add the ``track`` command group to ``app``."""
    track = group(app, "track", _HELP)
    for name, command in (
        ("keygen", keygen),
        ("init", init),
        ("record", record),
        ("status", status),
        ("replan", replan),
        ("verify", verify),
        ("log", log),
        ("export", export),
        ("import", import_),
    ):
        track.command(name)(command)
