"""The synthetic family of issue 3, shared by the benchmark scripts.

k issues of 10 options (10**k packages); ``rng = numpy.random.default_rng(12345)`` is
re-created for each (k, number of parties); for each party in order ``w = rng.random(k);
w /= w.sum()``, then one ``rng.random(10)`` value table per issue; reservation 0; utility =
sum of ``w_i * table_i[option_i]``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.scenario.negotiation.model import Actor, Issue, Option, Preference, Role, Scenario

__all__ = ["OPTIONS", "SEED", "family_scenario", "family_tables"]

SEED = 12345
OPTIONS = 10


def family_tables(
    k: int, parties: int
) -> list[tuple[NDArray[np.float64], list[NDArray[np.float64]]]]:
    """Per party: the normalised weights and the k value tables, drawn in the fixed order."""
    rng = np.random.default_rng(SEED)
    out = []
    for _ in range(parties):
        w = rng.random(k)
        w /= w.sum()
        tables = [rng.random(OPTIONS) for _ in range(k)]
        out.append((w, tables))
    return out


def family_scenario(k: int, parties: int) -> Scenario:
    """The family member as an accord scenario."""
    issues = tuple(
        Issue(f"i{j}", f"issue {j}", tuple(Option(f"o{o}", f"{o}") for o in range(OPTIONS)))
        for j in range(k)
    )
    actors, prefs = [], {}
    for p, (w, tables) in enumerate(family_tables(k, parties)):
        pid = f"p{p}"
        actors.append(Actor(pid, f"party {p}", Role.principal, 0.5, 0.0))
        prefs[pid] = Preference(pid, w, tuple(tables))
    return Scenario(f"synthetic k={k} parties={parties}", tuple(actors), issues, prefs)
