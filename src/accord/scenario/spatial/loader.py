"""Load spatial data from any supported file, with located errors.

Formats: accord YAML/JSON (``kind: spatial``), KTAB CSV and XML, the Decide exchange-model text
format, and a plain actor-table CSV. :func:`load_spatial` picks the reader from the file's
extension and first line unless ``fmt`` names one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from accord.errors import InputError, Problem, ScenarioError
from accord.scenario._io.jsonio import parse_json
from accord.scenario._io.policy import decode_text, decode_xml, read_bytes
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import read_document
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers import READERS
from accord.scenario.spatial.schema import SpatialDocument

__all__ = ["FORMATS", "detect_format", "load_spatial", "parse_spatial_document"]

FORMATS = tuple(READERS)
"""The ``--format`` names of :data:`~accord.scenario.spatial.readers.READERS`."""


def parse_spatial_document(text: str, source: str = "<string>") -> SpatialData:
    """Parse and validate an accord ``kind: spatial`` YAML (or JSON) document.

    Read with the shared YAML reader (duplicate keys, nesting and size are refused, every
    problem is located), then validated with :class:`SpatialDocument`.
    """
    doc = read_document(text, source)
    if not isinstance(doc.data, dict):
        raise ScenarioError([Problem("expected a mapping with accord: 1, kind: spatial", source)])

    def problem(msg: str, path: tuple[int | str, ...]) -> Problem:
        return doc.problem(path, msg)

    try:
        spec = SpatialDocument.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, doc, SpatialDocument)) from None
    return _to_data(spec, problem)


def _to_data(doc: SpatialDocument, problem: Any) -> SpatialData:
    problems: list[Problem] = []
    dims = [d.name for d in doc.dimensions]
    if len(doc.actors) < 2:
        problems.append(problem(f"needs at least 2 actors, got {len(doc.actors)}", ("actors",)))
    for kind, names in (("dimensions", dims), ("actors", [a.name for a in doc.actors])):
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                problems.append(problem(f"duplicate name {name!r}", (kind, i, "name")))
            seen.add(name)
    for d, spec in enumerate(doc.dimensions):
        lo, hi = spec.scale
        if not lo < hi:
            problems.append(
                problem("scale must be [low, high] with low < high", ("dimensions", d, "scale"))
            )
    top = float(doc.salience_scale)
    ids = {src.id for src in doc.sources if not isinstance(src, str)}
    for i, actor in enumerate(doc.actors):
        for named, why in actor.rationale.items():
            refs = (
                []
                if why.source is None
                else [why.source]
                if isinstance(why.source, str)
                else why.source
            )
            for ref in refs:
                if ref not in ids:
                    problems.append(
                        problem(
                            f"unknown source id {ref!r}; ids in `sources`: {', '.join(sorted(ids)) or 'none'}",
                            ("actors", i, "rationale", named, "source"),
                        )
                    )
    for i, actor in enumerate(doc.actors):
        for field, values in (("positions", actor.positions), ("saliences", actor.saliences)):
            for key in values:
                if key not in dims:
                    problems.append(
                        problem(
                            f"unknown dimension {key!r}; known: {', '.join(dims)}",
                            ("actors", i, field, key),
                        )
                    )
            for spec in doc.dimensions:
                if spec.name not in values:
                    what = field[:-1]
                    problems.append(
                        problem(f"missing {what} for dimension {spec.name!r}", ("actors", i, field))
                    )
                    continue
                v = values[spec.name]
                lo, hi = spec.scale if field == "positions" else (0.0, top)
                if not lo <= v <= hi:
                    problems.append(
                        problem(
                            f"{v:g} is off the scale; valid: {lo:g}..{hi:g}",
                            ("actors", i, field, spec.name),
                        )
                    )
    if problems:
        raise ScenarioError(problems)
    try:
        return _spatial(doc, dims, top)
    except InputError as exc:  # a check the schema cannot make (e.g. a scale too wide)
        raise ScenarioError([problem(str(exc), ("dimensions",))]) from None


def _spatial(doc: SpatialDocument, dims: list[str], top: float) -> SpatialData:
    return SpatialData(
        actors=tuple(a.name for a in doc.actors),
        dimensions=tuple(dims),
        capability=np.array([a.capability for a in doc.actors]),
        position=np.array([[a.positions[n] for n in dims] for a in doc.actors]),
        salience=np.array([[a.saliences[n] / top for n in dims] for a in doc.actors]),
        scale=tuple(d.scale for d in doc.dimensions),
        reference=np.array(
            [np.nan if d.reference is None else d.reference for d in doc.dimensions]
        ),
        outcome=np.array([np.nan if d.outcome is None else d.outcome for d in doc.dimensions]),
        name=doc.name,
        description=doc.description,
        descriptions=tuple(a.description for a in doc.actors),
        sources=tuple(
            src
            if isinstance(src, str)
            else f"{src.id}: {src.title}" + (f" ({src.url})" if src.url else "")
            for src in doc.sources
        ),
    )


def detect_format(path: Path, text: str) -> str:
    """Guess the format from the extension and the first line."""
    suffix = path.suffix.lower()
    first = text.lstrip("\ufeff").lstrip().splitlines()[0] if text.strip() else ""
    if suffix in (".yaml", ".yml", ".json"):
        return "accord"
    if suffix == ".xml" or first.startswith("<"):
        return "ktab-xml"
    if first.lstrip("'\"").startswith("#"):
        return "decide"
    cells = [c.strip() for c in first.split(",")]
    if len(cells) >= 4 and cells[2].isdigit() and cells[3].isdigit():
        return "ktab-csv"
    return "actor-table"


def load_spatial(
    path: str | Path,
    fmt: str | None = None,
    *,
    scale: tuple[float, float] | None = None,
    salience_scale: float | None = None,
) -> SpatialData:
    """Read spatial data from ``path`` under the shared reading policy.

    Parameters
    ----------
    path:
        The file (at most 10 MiB; UTF-8, with or without a byte-order mark; any line ends).
    fmt:
        One of :data:`FORMATS`, or ``None`` to detect it.
    scale:
        ``(low, high)`` of the positions, for an actor table that does not state its scale
        (``--scale LO:HI``). Formats with a scale of their own refuse it.
    salience_scale:
        1 or 100: the scale of an actor table's saliences when the file does not say.

    Raises
    ------
    ScenarioError
        The file has located problems (including one it cannot be read or decoded).
    InputError
        The format is unknown, or an option does not apply to it.
    """
    p = Path(path)
    source = str(p)
    data = read_bytes(p)
    head = data.lstrip()[:5]
    is_xml = (fmt == "ktab-xml") or (
        fmt is None and (p.suffix.lower() == ".xml" or head.startswith(b"<?xml"))
    )
    text = decode_xml(data, source) if is_xml else decode_text(data, source)
    kind = fmt or detect_format(p, text)
    reader = READERS.get(kind)
    if reader is None:
        raise InputError(f"unknown format {kind!r}; valid: {', '.join(FORMATS)}")
    options: dict[str, Any] = {}
    for name, value in (("scale", scale), ("salience_scale", salience_scale)):
        if value is None:
            continue
        if name not in reader.options:
            raise InputError(
                f"{source}: the {kind} format states its own {name.replace('_', ' ')}; "
                f"--{name.replace('_', '-')} applies to actor tables only"
            )
        options[name] = value
    if kind == "accord" and p.suffix.lower() == ".json":
        _check_json(text, source)
    return reader.parser()(text, source, **options)


def _check_json(text: str, source: str) -> None:
    """A ``.json`` file must be JSON, not merely YAML."""
    parse_json(text, source)
