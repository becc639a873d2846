"""``simulate --samples`` plays only the packages some side's ratifiers ratify: the runs must be
exactly those played on the whole space (a package nobody's ratifiers ratify is never offered
nor accepted), package ids reported in the whole space's numbering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import accord.api._sampled_bargaining as sb
from accord.negotiate.batch import run_batch
from accord.scenario.uncertainty.loader import read_sources
from accord.sweep import block_uniforms

XS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]

# one divisible issue (11 options) and a yes/no one; both sides have a ratifier that vetoes
# part of the space, so the union of what they ratify leaves some packages out
DOC = f"""\
accord: 1
title: Both home fronts veto something
actors:
  - {{id: a, role: principal, no_deal: 0.2}}
  - {{id: b, role: principal, no_deal: 0.2}}
  - {{id: ra, role: ratifier, of: a, threshold: 0.55}}
  - {{id: rb, role: ratifier, of: b, threshold: 0.55}}
issues:
  - {{id: x, options: [{", ".join(f"o{i}" for i in range(11))}]}}
  - {{id: y, options: ["no", "yes"]}}
preferences:
  a:
    weights: {{x: 3, y: 1}}
    values: {{x: {{{", ".join(f"o{i}: {v}" for i, v in enumerate(XS))}}}, y: {{"no": 0.0, "yes": 1.0}}}}
  b:
    weights: {{x: 3, y: 1}}
    values: {{x: {{{", ".join(f"o{i}: {1 - v:.1f}" for i, v in enumerate(XS))}}}, y: {{"no": 1.0, "yes": 0.0}}}}
  ra:
    weights: {{x: 1, y: 1}}
    values: {{x: {{{", ".join(f"o{i}: {v}" for i, v in enumerate(XS))}}}, y: {{"no": 0.0, "yes": 1.0}}}}
  rb:
    weights: {{x: 1, y: 1}}
    values: {{x: {{{", ".join(f"o{i}: {1 - v:.1f}" for i, v in enumerate(XS))}}}, y: {{"no": 0.0, "yes": 1.0}}}}
uncertainty:
  parameters:
    - {{path: a.no_deal, distribution: {{kind: uniform, low: 0.0, high: 0.5}}}}
    - {{path: b.no_deal, distribution: {{kind: uniform, low: 0.0, high: 0.5}}}}
    - {{path: a.weights.x, distribution: {{kind: uniform, low: 1, high: 5}}}}
"""


@pytest.mark.parametrize("exponents", [(0.3, 3.0), (1.0, 1.0), (3.0, 0.3)])
def test_runs_on_the_ratified_packages_equal_runs_on_the_whole_space(
    tmp_path: Path, exponents: tuple[float, float]
) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(DOC)
    src = read_sources(f)
    sa = sb._prepared(src)
    full = sb._domain(src)
    dom, rows = sb._played(src)
    # both ratifiers value x (as their principals do) and y = yes; at threshold .55 neither
    # ratifies a package with y = no: the runs need only the 11 packages with y = yes
    assert rows is not None and rows.size == 11 and full.n_packages == 22
    assert sa.declaration is not None
    x = sa.declaration.draw(block_uniforms(11, 0, 400, len(sa.names)))
    e = np.broadcast_to(np.asarray(exponents), (400, 2)).copy()
    u, nd = sa.utilities(x)
    whole = run_batch(full, e, rounds=30, discount=0.95, utilities=u, reservations=nd).table
    assert whole["agreement"].sum() > 0  # the property is tested on runs that end in deals
    u2, nd2 = sa.utilities(x, rows)
    part = run_batch(dom, e, rounds=30, discount=0.95, utilities=u2, reservations=nd2).table
    pk = part["package"].copy()
    pk[pk >= 0] = rows[pk[pk >= 0]]
    assert np.array_equal(whole["package"], pk)
    for col in whole.dtype.names or ():
        if col != "package":
            assert np.array_equal(whole[col], part[col], equal_nan=True), col
