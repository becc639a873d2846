"""Actor tables: one row per actor (or per actor and dimension) with capability, position and
salience, as BDM / expected-utility tables are published.

What is read
------------
- **Separators**: comma, semicolon or tab, whichever the header line uses most.
- **Column names** (case and surrounding blanks ignored): the actor as ``Actor``,
  ``Stakeholder``, ``Name`` or ``Player``; its capability as ``Capability``, ``Resources``,
  ``Power``, ``Influence``, ``Clout`` or ``c``; its position as ``Position`` or ``x``; its
  salience as ``Salience`` or ``s``. An optional ``Dimension`` (or ``Issue``) column makes the
  table long: one row per actor and dimension; an actor without a row on a dimension takes no
  part in it.
- **Position scale**, never assumed: from ``scale_min``/``scale_max`` columns, from the
  position header (``Position (4-10)``, ``Position [0, 100]``), or from the caller
  (``--scale LO:HI``). Without any of them the table is refused with an error that says how to
  state it.
- **Salience scale**: 0–1 or 0–100, from the salience header (``Salience (0-100)``,
  ``Salience (%)``, ``Salience (0-1)``), from the caller (``--salience-scale 100``), or else
  detected (any salience above 1 means 0–100) and then said so in the data's notes.

Not read: extra columns (ignored), formulas, several tables in one file.
"""

from __future__ import annotations

import re
from pathlib import PurePath

import numpy as np

from accord.errors import Problem, ScenarioError
from accord.scenario._io.policy import csv_rows, sniff_delimiter
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["COLUMNS", "parse_actor_table"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "actor": ("actor", "stakeholder", "name", "player"),
    "capability": ("capability", "resources", "power", "influence", "clout", "c"),
    "position": ("position", "x"),
    "salience": ("salience", "s"),
    "dimension": ("dimension", "issue"),
    "scale_min": ("scale_min",),
    "scale_max": ("scale_max",),
}
"""Accepted header names for each column (matched case-insensitively)."""

_NUM = r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
_RANGE = re.compile(
    rf"^(?P<name>.*?)\s*[\(\[]\s*(?P<lo>{_NUM})\s*(?:-|–|—|\.\.|:|,|to)\s*(?P<hi>{_NUM})\s*[\)\]]$"
)
_PERCENT = re.compile(r"^(?P<name>.*?)\s*(?:\(\s*%\s*\)|%)$")


def _header(cells: list[str]) -> tuple[dict[str, int], dict[str, tuple[float, float]]]:
    """Column index by role, and ranges stated in the header names."""
    index: dict[str, int] = {}
    ranges: dict[str, tuple[float, float]] = {}
    for k, raw in enumerate(cells):
        name = raw.strip().strip("'\"").strip()
        stated: tuple[float, float] | None = None
        if m := _RANGE.match(name):
            name, stated = m["name"], (float(m["lo"]), float(m["hi"]))
        elif m := _PERCENT.match(name):
            name, stated = m["name"], (0.0, 100.0)
        key = name.strip().lower()
        for role, names in COLUMNS.items():
            if key in names and role not in index:
                index[role] = k
                if stated is not None:
                    ranges[role] = stated
    return index, ranges


def parse_actor_table(
    text: str,
    source: str = "<string>",
    *,
    scale: tuple[float, float] | None = None,
    salience_scale: float | None = None,
) -> SpatialData:
    """Parse an actor table (CSV or TSV); problems are located by line and column.

    Parameters
    ----------
    text, source:
        The decoded file and its name.
    scale:
        ``(low, high)`` of the positions when the file does not state it.
    salience_scale:
        1 or 100 when the file does not state it (otherwise it is detected and noted).
    """
    col = Collector(source)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        raise ScenarioError([Problem("the file is empty; expected a header line", source, line=1)])
    rows = csv_rows(text, source, sniff_delimiter(lines[0]))
    rows = [(no, r) for no, r in rows if any(r)]
    head_line, head = rows[0]
    index, stated = _header(head)
    missing = [c for c in ("actor", "capability", "position", "salience") if c not in index]
    if missing:
        names = "; ".join(f"{c}: {' / '.join(COLUMNS[c])}" for c in missing)
        raise ScenarioError(
            [Problem(f"the header lacks column(s) for {names}", source, line=head_line)]
        )
    if salience_scale is not None and salience_scale not in (1, 100):
        raise ScenarioError([Problem("the salience scale must be 1 or 100", source)])
    long = "dimension" in index
    actors: list[str] = []
    dims: list[str] = []
    cells: dict[tuple[str, str], tuple[float, float, int]] = {}
    caps: dict[str, tuple[float, int]] = {}
    scales: dict[str, tuple[float, float, int]] = {}

    def cell(r: list[str], role: str) -> str:
        k = index.get(role)
        return r[k].strip().strip("'\"").strip() if k is not None and k < len(r) else ""

    for no, r in rows[1:]:
        name = cell(r, "actor")
        dim = cell(r, "dimension") if long else "position"
        if not name or (long and not dim):
            col.add("the actor (and dimension) must not be empty", no)
            continue
        vals = {c: cell(r, c) for c in ("capability", "position", "salience")}
        empty = [c for c, v in vals.items() if not v]
        for c in empty:
            col.add(f"actor {name!r}: missing {c}", no, c)
        if empty:
            continue
        cap = col.number(vals["capability"], f"actor {name!r}: capability", no, "capability")
        if np.isfinite(cap) and cap <= 0:
            col.add(f"actor {name!r}: capability must be positive, got {cap:g}", no, "capability")
        if name in caps and np.isfinite(cap) and caps[name][0] != cap:
            col.add(
                f"actor {name!r} has two capabilities ({caps[name][0]:g} on line "
                f"{caps[name][1]}, {cap:g} here)",
                no,
                "capability",
            )
        caps.setdefault(name, (cap, no))
        lo_text, hi_text = cell(r, "scale_min"), cell(r, "scale_max")
        if lo_text or hi_text:
            lo = col.number(lo_text, "scale_min", no, "scale_min")
            hi = col.number(hi_text, "scale_max", no, "scale_max")
            scales.setdefault(dim, (lo, hi, no))
        if name not in actors:
            actors.append(name)
        if dim not in dims:
            dims.append(dim)
        if (name, dim) in cells:
            col.add(f"actor {name!r} appears twice on {dim!r}", no)
            continue
        x = col.number(vals["position"], f"actor {name!r}: position", no, "position")
        s = col.number(vals["salience"], f"actor {name!r}: salience", no, "salience")
        cells[(name, dim)] = (x, s, no)
    if not cells:
        col.add("the table has no actor rows", head_line)
        col.raise_if_any()
    notes: list[str] = []
    top = _salience_scale(cells, salience_scale, stated.get("salience"), col, notes)
    dim_scale = _position_scales(dims, cells, scales, scale, stated.get("position"), col)
    pos = np.full((len(actors), len(dims)), np.nan)
    sal = np.full((len(actors), len(dims)), np.nan)
    for (a, d), (x, s, no) in cells.items():
        i, j = actors.index(a), dims.index(d)
        lo, hi = dim_scale[j]
        col.in_range(x, lo, hi, f"actor {a!r}: position", no, "position")
        col.in_range(s, 0, top, f"actor {a!r}: salience", no, "salience")
        pos[i, j], sal[i, j] = x, s / top
    return col.build(
        actors,
        dims,
        [caps[a][0] for a in actors],
        pos,
        sal,
        scale=tuple(dim_scale),
        name=PurePath(source).stem if source != "<string>" else "actor-table",
        notes=tuple(notes),
    )


def _salience_scale(
    cells: dict[tuple[str, str], tuple[float, float, int]],
    given: float | None,
    stated: tuple[float, float] | None,
    col: Collector,
    notes: list[str],
) -> float:
    """1 or 100: from the caller, the header, or detected (and then noted)."""
    if stated is not None:
        if stated not in ((0.0, 1.0), (0.0, 100.0)):
            col.add(f"the salience header states {stated[0]:g}-{stated[1]:g}; use 0-1 or 0-100")
            return 1.0
        if given is not None and given != stated[1]:
            col.add(f"--salience-scale {given:g} contradicts the header's 0-{stated[1]:g}")
        return stated[1]
    if given is not None:
        return float(given)
    top = max((s for _, s, _ in cells.values() if np.isfinite(s)), default=0.0)
    if top > 1:
        notes.append(
            f"saliences read on 0-100 (the largest is {top:g}); the table does not say, state "
            "it with a 'Salience (0-100)' header or --salience-scale"
        )
        return 100.0
    notes.append(
        "saliences read on 0-1 (none is above 1); if they are percentages, say so with a "
        "'Salience (0-100)' header or --salience-scale 100"
    )
    return 1.0


def _position_scales(
    dims: list[str],
    cells: dict[tuple[str, str], tuple[float, float, int]],
    columns: dict[str, tuple[float, float, int]],
    given: tuple[float, float] | None,
    stated: tuple[float, float] | None,
    col: Collector,
) -> list[tuple[float, float]]:
    """Each dimension's (low, high): scale columns, else the header, else the caller."""
    out: list[tuple[float, float]] = []
    for d in dims:
        if d in columns:
            lo, hi, no = columns[d]
            if not lo < hi:
                col.add(f"scale_min {lo:g} must be below scale_max {hi:g}", no, "scale_min")
            out.append((lo, hi))
            continue
        chosen = stated or given
        if stated is not None and given is not None and stated != given:
            col.add(
                f"--scale {given[0]:g}:{given[1]:g} contradicts the header's "
                f"{stated[0]:g}-{stated[1]:g}"
            )
        if chosen is None:
            xs = [x for (_, dim), (x, _, _) in cells.items() if dim == d and np.isfinite(x)]
            span = f" (they run from {min(xs):g} to {max(xs):g})" if xs else ""
            where = (
                f"the positions on {d!r}" if len(dims) > 1 or d != "position" else "the positions"
            )
            col.add(
                f"{where} have no stated scale{span}: add scale_min and scale_max columns, "
                "write it into the header as 'Position (LO-HI)', or pass --scale LO:HI"
            )
            out.append((-np.inf, np.inf))  # no range check: the missing scale is the problem
            continue
        if not chosen[0] < chosen[1]:
            col.add(f"the scale {chosen[0]:g}-{chosen[1]:g} needs low < high")
        out.append(chosen)
    return out
