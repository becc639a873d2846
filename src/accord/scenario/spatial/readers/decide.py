"""The Decide exchange-model text format (foarsitter/decide-exchange-model).

Tab-separated lines, fields optionally quoted: ``#A key name [comment]`` (actor),
``#P issue name [comment]`` (issue), ``#M issue position [label]`` (scale anchor),
``#D actor issue position salience power`` with salience and power on ``[0, 1]``. Other
``#`` lines (``#O``, ``#/``) are comments. An issue's scale runs from its lowest to its
highest anchor (0..100 without anchors). Actors get the largest of their issue powers as their
scalar capability; the issue powers themselves are kept in ``SpatialData.power``.
"""

from __future__ import annotations

import numpy as np

from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["parse_decide"]


def _fields(line: str) -> list[str]:
    sep = "\t" if "\t" in line else ";" if ";" in line else ","
    return [f.strip().strip("'\"").strip() for f in line.split(sep)]


def parse_decide(text: str, source: str = "<string>") -> SpatialData:
    """Parse Decide input text; problems are located by line."""
    col = Collector(source)
    actors: dict[str, str] = {}
    issues: dict[str, str] = {}
    anchors: dict[str, list[float]] = {}
    entries: list[tuple[int, list[str]]] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        f = _fields(raw)
        if not f or not f[0]:
            continue
        tag = f[0].upper()
        if tag == "#A" and len(f) >= 2 and f[1]:
            actors.setdefault(f[1], f[2] if len(f) > 2 and f[2] else f[1])
        elif tag == "#P" and len(f) >= 2 and f[1]:
            issues.setdefault(f[1], f[2] if len(f) > 2 else "")
        elif tag == "#M" and len(f) >= 3:
            anchors.setdefault(f[1], []).append(col.number(f[2], "#M anchor position", no))
        elif tag == "#D":
            if len(f) < 6 or not all(f[1:6]):
                col.add("#D needs actor, issue, position, salience, power (a value is missing)", no)
                continue
            entries.append((no, f))
        elif tag in ("#A", "#P", "#M"):
            col.add(f"{tag} line is incomplete", no)
    keys, dims = list(actors), list(issues)
    n, k = len(keys), len(dims)
    pos = np.full((n, k), np.nan)
    sal = np.full((n, k), np.nan)
    power = np.full((n, k), np.nan)
    scale: list[tuple[float, float]] = []
    for issue in dims:
        marks = [m for m in anchors.get(issue, []) if np.isfinite(m)]
        ok = len(marks) >= 2 and min(marks) < max(marks)
        scale.append((min(marks), max(marks)) if ok else (0.0, 100.0))
    seen: set[tuple[str, str]] = set()
    for no, fld in entries:
        if fld[1] not in actors:
            col.add(f"#D names unknown actor {fld[1]!r}; declare it with #A", no)
            continue
        if fld[2] not in issues:
            col.add(f"#D names unknown issue {fld[2]!r}; declare it with #P", no)
            continue
        seen.add((fld[1], fld[2]))
        i, j = keys.index(fld[1]), dims.index(fld[2])
        lo, hi = scale[j]
        x = col.number(fld[3], "position", no)
        s = col.number(fld[4], "salience", no)
        c = col.number(fld[5], "power", no)
        col.in_range(x, lo, hi, f"position on {fld[2]}", no)
        col.in_range(s, 0, 1, "salience", no)
        col.in_range(c, 0, 1, "power", no)
        pos[i, j], sal[i, j], power[i, j] = x, s, c
    for i, key in enumerate(keys):
        for issue in dims:
            if (key, issue) not in seen:
                col.add(f"no #D line for actor {key!r} on issue {issue!r} (position missing)")
        if np.all(np.nan_to_num(power[i]) <= 0):
            col.add(f"actor {key!r} has no positive power on any issue")
    if k == 0:
        col.add("no issues (#P lines)")
    col.raise_if_any()
    return col.build(
        [actors[a] for a in keys],
        dims,
        power.max(axis=1),
        pos,
        sal,
        scale=tuple(scale),
        power=power,
        name="decide",
    )
