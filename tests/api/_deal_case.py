"""A hand-built scenario and phasing file whose deal checks are worked out by hand.

Two issues with equal weights; the US values a freeze and dislikes relief, the DPRK the
opposite; Congress (of the US) values packages as the US does and ratifies with probability
``Phi((U - 0.55) / 0.1)``. No-deal values: US 0.5, DPRK 0.2. Utilities (US = Congress,
DPRK = 1 - US):

=====================  =====  =========================  =====
deal                   US     Congress P(ratify)         DPRK
=====================  =====  =========================  =====
partial, all           0.25   Phi(-3)   = 0.0013499      0.75   (and breaks the hard constraint)
partial, some          0.50   Phi(-0.5) = 0.3085375      0.50
full, some             0.75   Phi(2)    = 0.9772499      0.25
full, none             1.00   Phi(4.5)  = 0.9999966      0.00
=====================  =====  =========================  =====
"""

from __future__ import annotations

from pathlib import Path

SCENARIO = """\
accord: 1
title: Two issues, one ratifier
actors:
  - {id: us, name: United States, role: principal, power: 0.5, no_deal: 0.5}
  - {id: dprk, name: North Korea, role: principal, power: 0.5, no_deal: 0.2}
  - {id: congress, name: Congress, role: ratifier, of: us, threshold: 0.55, sigma: 0.1}
issues:
  - id: freeze
    name: Freeze
    options: [{id: none, no_deal_only: true}, partial, full]
  - id: relief
    name: Relief
    options: [none, some, all]
preferences:
  us:
    weights: {freeze: 0.5, relief: 0.5}
    values: {freeze: {none: 0, partial: 0.5, full: 1}, relief: {none: 1, some: 0.5, all: 0}}
  congress:
    weights: {freeze: 0.5, relief: 0.5}
    values: {freeze: {none: 0, partial: 0.5, full: 1}, relief: {none: 1, some: 0.5, all: 0}}
  dprk:
    weights: {freeze: 0.5, relief: 0.5}
    values: {freeze: {none: 1, partial: 0.5, full: 0}, relief: {none: 0, some: 0.5, all: 1}}
constraints:
  - id: all_relief_needs_full_freeze
    if: {issue: relief, is: all}
    then: {issue: freeze, is: full}
    reason: all relief only for a full freeze
ratification: {level: 0.5}
"""

PHASING = """\
accord: 1
kind: phasing
scenario: two-issues.yaml
title: Freeze for relief
horizon: 4
parties:
  - {id: us, name: United States, exposure_tolerance: 5}
  - {id: dprk, name: North Korea, exposure_tolerance: 5}
actions:
  - {id: freeze, owner: dprk, verification_lag: 1, cost: 2, value: {us: 4}}
  - {id: relief, owner: us, cost: 2, value: {dprk: 4}, prerequisites: [freeze]}
end_state: [freeze, relief]
"""


def write_case(folder: Path, deal: str | None) -> Path:
    """Write the scenario and a phasing file with ``deal`` (YAML text of the deal section)."""
    (folder / "two-issues.yaml").write_text(SCENARIO, encoding="utf-8")
    path = folder / "deal.phasing.yaml"
    path.write_text(PHASING + (f"deal:\n{deal}" if deal else ""), encoding="utf-8")
    return path


def package(freeze: str, relief: str) -> str:
    """The YAML of a ``deal:`` section for this package."""
    return f"  package: {{freeze: {freeze}, relief: {relief}}}\n  note: hand-built\n"
