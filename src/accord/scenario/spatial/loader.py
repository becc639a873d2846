"""Load spatial data from any supported file, with located errors.

Formats: accord YAML/JSON (``kind: spatial``), KTAB CSV and XML, the Decide exchange-model text
format, and a plain actor-table CSV. :func:`load_spatial` picks the reader from the file's
extension and first line unless ``fmt`` names one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from accord.errors import InputError, Problem, ScenarioError
from accord.scenario._io.yamlio import read_document
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers import READERS
from accord.scenario.spatial.schema import SpatialDocument

__all__ = ["FORMATS", "detect_format", "load_spatial", "parse_spatial_document"]

FORMATS = tuple(READERS)
"""The ``--format`` names of :data:`~accord.scenario.spatial.readers.READERS`."""


def parse_spatial_document(text: str, source: str = "<string>") -> SpatialData:
    """Parse and validate an accord ``kind: spatial`` YAML (or JSON) document."""
    parsed = read_document(text, source)
    raw = parsed.data
    if not isinstance(raw, dict):
        raise ScenarioError([Problem("expected a mapping with accord: 1, kind: spatial", source)])

    def problem(msg: str, path: tuple[int | str, ...]) -> Problem:
        return parsed.problem(path, msg)

    try:
        doc = SpatialDocument.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError(
            [problem(e["msg"], tuple(e["loc"])) for e in exc.errors(include_url=False)]
        ) from None
    return _to_data(doc, problem)


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
    if suffix == ".xml":
        return "ktab-xml"
    if first.lstrip("'\"").startswith("#"):
        return "decide"
    cells = [c.strip() for c in first.split(",")]
    if len(cells) >= 4 and cells[2].isdigit() and cells[3].isdigit():
        return "ktab-csv"
    return "actor-table"


def load_spatial(path: str | Path, fmt: str | None = None) -> SpatialData:
    """Read spatial data from ``path``.

    Parameters
    ----------
    path:
        The file.
    fmt:
        One of :data:`FORMATS`, or ``None`` to detect it.

    Raises
    ------
    ScenarioError
        The file has located problems.
    InputError
        The file cannot be read or the format is unknown.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    kind = fmt or detect_format(p, text)
    source = str(p)
    if kind == "accord":
        if p.suffix.lower() == ".json":
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                raise ScenarioError(
                    [Problem(f"not valid JSON: {exc.msg}", source, "", exc.lineno)]
                ) from None
        return parse_spatial_document(text, source)
    reader = READERS.get(kind)
    if reader is None:
        raise InputError(f"unknown format {kind!r}; valid: {', '.join(FORMATS)}")
    return reader.parser()(text, source)
