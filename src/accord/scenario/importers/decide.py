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

from accord.scenario.importers._common import Collector
from accord.scenario.spatial import SpatialData

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
    scale = []
    for d in dims:
        a = [x for x in anchors.get(d, []) if np.isfinite(x)]
        scale.append((min(a), max(a)) if len(a) >= 2 and min(a) < max(a) else (0.0, 100.0))
    for no, f in entries:
        if f[1] not in actors:
            col.add(f"#D names unknown actor {f[1]!r}; declare it with #A", no)
            continue
        if f[2] not in issues:
            col.add(f"#D names unknown issue {f[2]!r}; declare it with #P", no)
            continue
        i, d = keys.index(f[1]), dims.index(f[2])
        lo, hi = scale[d]
        pos[i, d] = col.number(f[3], "position", no)
        sal[i, d] = col.number(f[4], "salience", no)
        power[i, d] = col.number(f[5], "power", no)
        col.in_range(pos[i, d], lo, hi, f"position on {f[2]}", no)
        col.in_range(sal[i, d], 0, 1, "salience", no)
        col.in_range(power[i, d], 0, 1, "power", no)
    for i, a in enumerate(keys):
        for d, issue in enumerate(dims):
            if np.isnan(pos[i, d]) and not any(
                f[1] == a and f[2] == issue for _, f in entries
            ):
                col.add(f"no #D line for actor {a!r} on issue {issue!r} (position/salience missing)")
        if np.all(np.nan_to_num(power[i]) <= 0):
            col.add(f"actor {a!r} has no positive power on any issue")
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
