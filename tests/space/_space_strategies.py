"""Hypothesis strategies for small random scenarios with ties and hard constraints."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from accord.scenario.negotiation.model import (
    Actor,
    Condition,
    Constraint,
    Issue,
    Option,
    Preference,
    Role,
    Scenario,
)

GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def make_scenario(
    values: list[list[list[float]]],
    weights: list[list[float]],
    reservations: list[float],
    constraints: tuple[Constraint, ...] = (),
    powers: list[float] | None = None,
) -> Scenario:
    """A scenario from ``values[principal][issue][option]`` and ``weights[principal][issue]``."""
    shape = [len(v) for v in values[0]]
    issues = tuple(
        Issue(f"i{k}", f"issue {k}", tuple(Option(f"o{o}", f"option {o}") for o in range(n)))
        for k, n in enumerate(shape)
    )
    actors = []
    prefs = {}
    for p, (vals, w) in enumerate(zip(values, weights, strict=True)):
        pid = f"p{p}"
        power = 0.5 if powers is None else powers[p]
        actors.append(Actor(pid, f"party {p}", Role.principal, power, reservations[p]))
        wa = np.asarray(w, dtype=np.float64)
        prefs[pid] = Preference(pid, wa / wa.sum(), tuple(np.asarray(v, float) for v in vals))
    return Scenario("random", tuple(actors), issues, prefs, constraints)


@st.composite
def scenarios(draw: st.DrawFn, max_issues: int = 4, max_options: int = 4) -> Scenario:
    """2-4 principals, 1-``max_issues`` issues, values on a coarse grid (many ties)."""
    m = draw(st.integers(2, 4))
    shape = draw(st.lists(st.integers(1, max_options), min_size=1, max_size=max_issues))
    values = [[[draw(st.sampled_from(GRID)) for _ in range(n)] for n in shape] for _ in range(m)]
    weights = []
    for _ in range(m):
        w = [float(draw(st.integers(0, 3))) for _ in shape]
        if sum(w) == 0:
            w[0] = 1.0
        weights.append(w)
    reservations = [draw(st.sampled_from((0.0, 0.2, 0.4, 0.5, 0.6))) for _ in range(m)]
    constraints = []
    for c in range(draw(st.integers(0, 2)) if len(shape) > 1 else 0):
        a, b = draw(st.lists(st.integers(0, len(shape) - 1), min_size=2, max_size=2, unique=True))
        when = frozenset(draw(st.sets(st.integers(0, shape[a] - 1), min_size=1)))
        then = frozenset(draw(st.sets(st.integers(0, shape[b] - 1), min_size=1)))
        constraints.append(
            Constraint(f"c{c}", (Condition(a, when, "when"),), Condition(b, then, "then"), "test")
        )
    powers = [draw(st.sampled_from((0.2, 0.5, 0.8))) for _ in range(m)]
    return make_scenario(values, weights, reservations, tuple(constraints), powers)
