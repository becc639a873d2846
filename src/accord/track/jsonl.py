"""Export a ledger as JSON lines, and read such an export back for import.

One line per event, in order: ``{"event": BODY, "prev_hash": ..., "hash": ..., "signature":
...}``. The body is written as a JSON object; the hash covers its RFC 8785 canonical form,
so an export can be re-checked anywhere without accord (see :mod:`accord.track.canonical`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from accord.errors import InputError
from accord.track.canonical import canonical
from accord.track.chain import StoredRow

__all__ = ["MAX_EXPORT_BYTES", "export_lines", "read_export"]

MAX_EXPORT_BYTES = 256 * 1024 * 1024
"""Exports larger than this (256 MiB) are refused before reading."""


def export_lines(rows: Iterable[StoredRow]) -> Iterator[str]:
    """The JSON lines of stored events (without line ends)."""
    for row in rows:
        line = {
            "event": json.loads(row.body),
            "prev_hash": row.prev_hash,
            "hash": row.hash,
            "signature": row.signature,
        }
        yield json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def read_export(path: Path) -> tuple[str, list[StoredRow]]:
    """The ledger name and the events of an export file (not yet checked).

    Raises
    ------
    InputError
        Naming the file and line when a line is not an exported event.
    """
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise InputError(f"{path} is larger than 256 MiB")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    rows: list[StoredRow] = []
    ledger = ""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}, line {n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        ok = (
            isinstance(item, dict)
            and set(item) == {"event", "prev_hash", "hash", "signature"}
            and isinstance(item["event"], dict)
            and isinstance(item["event"].get("seq"), int)
            and isinstance(item["prev_hash"], str)
            and isinstance(item["hash"], str)
            and (item["signature"] is None or isinstance(item["signature"], str))
        )
        if not ok:
            raise InputError(
                f"{where}: not an exported event (keys event, prev_hash, hash, signature)"
            )
        ledger = ledger or str(item["event"].get("ledger", ""))
        body = canonical(item["event"]).decode("utf-8")
        rows.append(
            StoredRow(
                item["event"]["seq"], body, item["prev_hash"], item["hash"], item["signature"]
            )
        )
    if not rows:
        raise InputError(f"{path} holds no events")
    return ledger, rows
