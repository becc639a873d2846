"""A plain actor table CSV: ``actor, capability, position, salience`` (one dimension).

Column names are matched case-insensitively. An optional ``dimension`` column turns the table
into long format (one row per actor and dimension). Saliences are on ``[0, 1]``; positions on
0..100 unless a ``scale_min``/``scale_max`` column pair gives the dimension's scale.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["parse_actor_table"]

_REQUIRED = ("actor", "capability", "position", "salience")


def parse_actor_table(text: str, source: str = "<string>") -> SpatialData:
    """Parse an actor-table CSV; problems are located by line and column."""
    col = Collector(source)
    reader = csv.DictReader(io.StringIO(text))
    header = {h.strip().lower(): h for h in (reader.fieldnames or [])}
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        col.add(f"header lacks column(s) {', '.join(missing)}; need {', '.join(_REQUIRED)}", 1)
        col.raise_if_any()
    long = "dimension" in header
    actors: list[str] = []
    dims: list[str] = []
    cells: dict[tuple[str, str], tuple[float, float, int]] = {}
    caps: dict[str, float] = {}
    scales: dict[str, tuple[float, float]] = {}
    for no, row in enumerate(reader, start=2):
        get = {k: (row.get(h) or "").strip() for k, h in header.items()}
        if not any(get.values()):
            continue
        name = get["actor"]
        dim = get["dimension"] if long else "position"
        if not name or (long and not dim):
            col.add("actor (and dimension) must not be empty", no)
            continue
        for c in _REQUIRED[1:]:
            if not get[c]:
                col.add(f"missing {c}", no, c)
        if any(not get[c] for c in _REQUIRED[1:]):
            continue
        cap = col.number(get["capability"], "capability", no, "capability")
        if cap <= 0:
            col.add(f"capability must be positive, got {cap:g}", no, "capability")
        if name in caps and caps[name] != cap:
            col.add(f"actor {name!r} has two different capabilities", no, "capability")
        caps.setdefault(name, cap)
        if "scale_min" in header and get.get("scale_min") and get.get("scale_max"):
            lo = col.number(get["scale_min"], "scale_min", no, "scale_min")
            hi = col.number(get["scale_max"], "scale_max", no, "scale_max")
            scales.setdefault(dim, (lo, hi))
        if name not in actors:
            actors.append(name)
        if dim not in dims:
            dims.append(dim)
        if (name, dim) in cells:
            col.add(f"actor {name!r} appears twice on {dim!r}", no)
        x = col.number(get["position"], "position", no, "position")
        s = col.number(get["salience"], "salience", no, "salience")
        col.in_range(s, 0, 1, "salience", no, "salience")
        cells[(name, dim)] = (x, s, no)
    for d in dims:
        lo, hi = scales.get(d, (0.0, 100.0))
        for a in actors:
            if (a, d) not in cells:
                col.add(f"actor {a!r} has no row for dimension {d!r}")
            else:
                x, _, no = cells[(a, d)]
                col.in_range(x, lo, hi, "position", no, "position")
    col.raise_if_any()
    pos = np.array([[cells[(a, d)][0] for d in dims] for a in actors])
    sal = np.array([[cells[(a, d)][1] for d in dims] for a in actors])
    scale = tuple(scales.get(d, (0.0, 100.0)) for d in dims)
    return col.build(
        actors, dims, [caps[a] for a in actors], pos, sal, scale=scale, name="actor-table"
    )
