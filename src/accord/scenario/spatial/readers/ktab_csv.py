"""KTAB SMP CSV: ``name, description, nActors, nDims`` / header / one actor per row.

Positions on 0..100; saliences on 0..100 with an actor's saliences summing to at most 100
(KTAB divides both by 100; accord keeps positions on the 0..100 scale).
"""

from __future__ import annotations

from accord.scenario._io.policy import csv_rows
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["parse_ktab_csv"]


def parse_ktab_csv(text: str, source: str = "<string>") -> SpatialData:
    """Parse a KTAB SMP CSV file's text; problems are located by line."""
    numbered = csv_rows(text, source)
    rows = [r for _, r in numbered]
    col = Collector(source)
    if len(rows) < 2 or len(rows[0]) < 4:
        col.add(
            "first row must be: scenario name, description, number of actors, number of dims", 1
        )
        col.raise_if_any()
    head = rows[0]
    n_act = col.number(head[2], "number of actors", 1)
    n_dim = col.number(head[3], "number of dimensions", 1)
    col.raise_if_any()
    n, k = int(n_act), int(n_dim)
    if k < 1 or k > 1000 or n != n_act or k != n_dim:
        col.add("number of dimensions must be a whole number from 1 to 1000", 1)
        col.raise_if_any()
    header = rows[1]
    if len(header) < 3 + 2 * k:
        col.add(f"header needs Actor, Description, Power and {k} position/salience pairs", 2)
    col.raise_if_any()
    dims = [header[3 + 2 * d].removesuffix(" Position").strip() or f"dim{d}" for d in range(k)]
    body = [(line, r) for line, r in numbered[2:] if any(c for c in r)]
    if len(body) != n:
        col.add(f"first row announces {n} actors but {len(body)} actor rows follow", 1)
    names, descs, caps, pos, sal = [], [], [], [], []
    for line, r in body:
        if len(r) < 3 + 2 * k or any(not r[c] for c in range(3 + 2 * k)):
            col.add(f"actor row needs {3 + 2 * k} fields (a salience or position is missing)", line)
            continue
        names.append(r[0])
        descs.append(r[1])
        cap = col.number(r[2], "power", line)
        if not cap > 0 and cap == cap:
            col.add(f"power must be positive, got {cap:g}", line)
        caps.append(cap)
        p_row, s_row = [], []
        for d in range(k):
            p = col.number(r[3 + 2 * d], f"{dims[d]} position", line)
            s = col.number(r[4 + 2 * d], f"{dims[d]} salience", line)
            col.in_range(p, 0, 100, f"{dims[d]} position", line)
            col.in_range(s, 0, 100, f"{dims[d]} salience", line)
            p_row.append(p)
            s_row.append(s / 100.0)
        if sum(s_row) > 1.0 + 1e-9:
            col.add(
                f"saliences sum to {100 * sum(s_row):g}; KTAB allows at most 100 per actor", line
            )
        pos.append(p_row)
        sal.append(s_row)
    return col.build(
        names,
        dims,
        caps,
        pos,
        sal,
        name=head[0] or "ktab",
        description=head[1],
        descriptions=tuple(descs),
    )
