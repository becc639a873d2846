"""The Decide exchange-model text format (foarsitter/decide-exchange-model).

Tab-separated lines, fields optionally quoted: ``#A key name [comment]`` (actor),
``#P issue name [comment]`` (issue), ``#M issue position [label]`` (scale anchor),
``#D actor issue position salience power`` with salience and power on ``[0, 1]``. Other
``#`` lines (``#O``, ``#/``) are comments. An issue's scale runs from its lowest to its
highest anchor (0..100 without anchors, and a note says so). Actors get the largest of their
issue powers as their scalar capability; the issue powers themselves are kept in
``SpatialData.power``. An actor without a ``#D`` line on an issue takes no part in that issue,
as in the Decide program (its position there is ``nan``; no salience is made up for it).
"""

from __future__ import annotations

from pathlib import PurePath

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
    seen: dict[tuple[str, str], int] = {}
    for no, fld in entries:
        if fld[1] not in actors:
            col.add(f"#D names unknown actor {fld[1]!r}; declare it with #A", no)
            continue
        if fld[2] not in issues:
            col.add(f"#D names unknown issue {fld[2]!r}; declare it with #P", no)
            continue
        if (fld[1], fld[2]) in seen:
            col.add(
                f"second #D line for actor {fld[1]!r} on issue {fld[2]!r} "
                f"(the first is on line {seen[(fld[1], fld[2])]})",
                no,
            )
            continue
        seen[(fld[1], fld[2])] = no
        i, j = keys.index(fld[1]), dims.index(fld[2])
        lo, hi = scale[j]
        x = col.number(fld[3], "position", no)
        s = col.number(fld[4], "salience", no)
        c = col.number(fld[5], "power", no)
        col.in_range(x, lo, hi, f"position on {fld[2]}", no)
        col.in_range(s, 0, 1, "salience", no)
        col.in_range(c, 0, 1, "power", no)
        pos[i, j], sal[i, j], power[i, j] = x, s, c
    # An actor without a #D line on an issue takes no part in it (as in the Decide program):
    # its position, salience and power there stay nan; models leave it out of that issue.
    for i, key in enumerate(keys):
        if not any((key, issue) in seen for issue in dims):
            col.add(f"actor {key!r} has no #D line on any issue; give it one or drop its #A line")
        elif not np.nanmax(np.where(np.isnan(power[i]), -1.0, power[i])) > 0:
            col.add(f"actor {key!r} has no positive power on any issue")
    for issue in dims:
        if not any((key, issue) in seen for key in keys):
            col.add(f"issue {issue!r} has no #D line; no actor takes part in it")
    if k == 0:
        col.add("no issues (#P lines)")
    col.raise_if_any()
    notes = [
        f"issue {issue!r} has no #M anchor lines: its positions are read on 0..100"
        for issue, (lo, hi) in zip(dims, scale, strict=True)
        if len([m for m in anchors.get(issue, []) if np.isfinite(m)]) < 2
    ]
    return col.build(
        [actors[a] for a in keys],
        dims,
        np.where(np.isnan(power), -np.inf, power).max(axis=1),
        pos,
        sal,
        scale=tuple(scale),
        power=power,
        name=PurePath(source).stem if source != "<string>" else "decide",
        notes=tuple(notes),
    )
