"""The one reading policy every reader of user files follows.

Every file accord reads (scenario, phasing and spatial YAML/JSON, KTAB CSV and XML, Decide
text, actor tables, GENIUS XML, GeniusWeb JSON) goes through these functions, so a hostile or
merely unusual file ends in one located :class:`~accord.errors.ScenarioError`, never in a
traceback:

- **size**: files over :data:`MAX_BYTES` (10 MiB) are refused before they are read;
- **encoding**: text is UTF-8; a byte-order mark (UTF-8, UTF-16 LE/BE) is honoured and removed;
  any other byte that is not UTF-8 is reported with its line and column and the advice to
  save the file as UTF-8;
- **line endings**: ``\\r\\n`` (Windows) and a lone ``\\r`` (classic Mac, some spreadsheet
  exports) become ``\\n``;
- **nesting**: YAML, JSON and XML nested deeper than :data:`MAX_DEPTH` levels are refused (a
  recursive parser would otherwise die with ``RecursionError``);
- **CSV**: a cell longer than the csv module's field limit (128 KiB) or a broken quote is a
  located error (:func:`csv_rows`);
- **XML encodings**: an XML declaration naming an encoding Python does not know
  (``encoding="NaN"``) is a located error (:func:`decode_xml`).
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from accord.errors import Problem, ScenarioError

__all__ = [
    "CSV_FIELD_LIMIT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "csv_rows",
    "decode_text",
    "decode_xml",
    "depth_problem",
    "read_bytes",
    "read_text",
    "sniff_delimiter",
]

MAX_BYTES = 10 * 1024 * 1024
"""Files larger than this (10 MiB) are refused before they are read."""

MAX_DEPTH = 100
"""Deepest nesting of mappings/lists (YAML, JSON) or elements (XML) accepted."""

CSV_FIELD_LIMIT = 131_072
"""Longest CSV cell accepted, in characters (the csv module's default limit)."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*(["'])(.*?)\1""", re.DOTALL)


def _too_big(source: str, size: int) -> ScenarioError:
    return ScenarioError(
        [
            Problem(
                f"the file is {size:,} bytes; accord reads files of at most {MAX_BYTES:,} "
                "bytes (10 MiB)",
                source,
            )
        ]
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing folders, unreadable files and files over 10 MiB.

    Raises
    ------
    ScenarioError
        Located at the file.
    """
    source = str(path)
    if path.is_dir():
        raise ScenarioError([Problem("is a folder, not a file", source)])
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(source, size)
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(
            [Problem(f"cannot read the file: {exc.strerror or exc}", source)]
        ) from None
    if len(data) > MAX_BYTES:  # the file grew, or stat lied (a pipe or a device)
        raise _too_big(source, len(data))
    return data


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte ``offset`` (any of \\n, \\r\\n, \\r ends a line)."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = head.count(b"\n") + 1
    return line, len(head) - (head.rfind(b"\n") + 1) + 1


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str, source: str, skip: int = 0) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        line, col = _where(data, skip + exc.start)
        bad = data[skip + exc.start : skip + exc.start + 1].hex().upper()
        raise ScenarioError(
            [
                Problem(
                    f"column {col}: byte 0x{bad} is not valid {encoding.upper()} text; save "
                    "the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'; the file may be in "
                    "Latin-1 or Windows-1252)",
                    source,
                    line=line,
                )
            ]
        ) from None


def decode_text(data: bytes, source: str = "<string>") -> str:
    """Decode file bytes as UTF-8 (honouring a byte-order mark) with normalised line ends."""
    if len(data) > MAX_BYTES:
        raise _too_big(source, len(data))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(_decode(data, encoding, source, len(bom)))
    return _normalise(_decode(data, "utf-8", source))


def read_text(path: Path) -> str:
    """:func:`read_bytes` then :func:`decode_text`."""
    return decode_text(read_bytes(path), str(path))


def decode_xml(data: bytes, source: str = "<string>") -> str:
    """Decode XML bytes by their byte-order mark or declared encoding (UTF-8 by default).

    The text returned still carries its XML declaration; parse it as text (a ``str``), so
    the parser does not decode a second time.

    Raises
    ------
    ScenarioError
        For an unknown declared encoding (line 1) or bytes invalid in the encoding.
    """
    if len(data) > MAX_BYTES:
        raise _too_big(source, len(data))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(_decode(data, encoding, source, len(bom)))
    match = _XML_DECL.match(data.lstrip()[:200])
    encoding = "utf-8"
    if match:
        declared = match.group(2).decode("ascii", "replace").strip()
        try:
            encoding = codecs.lookup(declared).name
        except (LookupError, ValueError):  # unknown, or not a name at all (a NUL in it)
            raise ScenarioError(
                [
                    Problem(
                        f"the XML declaration names the encoding {declared!r}, which is not "
                        'a known text encoding; use encoding="UTF-8" and save the file as UTF-8',
                        source,
                        line=1,
                    )
                ]
            ) from None
        if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
            encoding = "utf-8"  # without a byte-order mark the bytes are not UTF-16/32
    return _normalise(_decode(data, encoding, source))


def depth_problem(source: str, line: int | None, what: str = "mappings and lists") -> Problem:
    """The problem reported for nesting deeper than :data:`MAX_DEPTH`."""
    return Problem(
        f"{what} are nested more than {MAX_DEPTH} levels deep here; accord refuses such "
        "files (no accord format needs more than a few levels)",
        source,
        line=line,
    )


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: tab, semicolon or comma (the most frequent)."""
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(text: str, source: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Rows of CSV ``text`` with the line each starts on, cells stripped of blanks.

    Raises
    ------
    ScenarioError
        For a cell over :data:`CSV_FIELD_LIMIT` characters or malformed quoting, located by
        line.
    """
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, [c.strip() for c in row]))
            start = reader.line_num + 1
    except csv.Error as exc:
        msg = str(exc)
        if "field larger than field limit" in msg:
            msg = (
                f"a cell is longer than {CSV_FIELD_LIMIT:,} characters; no actor table needs "
                "cells that long (is a quote left open?)"
            )
        raise ScenarioError([Problem(f"malformed CSV: {msg}", source, line=start)]) from None
    return rows
