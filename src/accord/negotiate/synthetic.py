"""Synthetic domains for tests, teaching and benchmarks.

:func:`additive_domain` builds the family the benchmarks use: every party draws issue weights
``w = rng.random(k); w /= w.sum()`` and then one ``rng.random(n_options)`` value table per
issue, from a single generator seeded with ``seed``; utilities are additive. :func:`split_domain`
is the textbook problem of splitting a unit surplus on a fine grid.
"""

from __future__ import annotations

import numpy as np

from accord.errors import InputError
from accord.negotiate.domain import NegotiationDomain

__all__ = ["additive_domain", "split_domain"]


def additive_domain(
    n_parties: int = 2,
    n_issues: int = 4,
    n_options: int = 10,
    *,
    seed: int | None = 12345,
    reservation: float = 0.0,
) -> NegotiationDomain:
    """A random additive domain of ``n_options ** n_issues`` packages, no constraints."""
    if n_parties < 2 or n_issues < 1 or n_options < 1:
        raise InputError("need at least 2 parties, 1 issue and 1 option")
    rng = np.random.default_rng(seed)
    shape = (n_options,) * n_issues
    grid = np.indices(shape).reshape(n_issues, -1).T.astype(np.int64)  # (n, k), C order
    utilities = np.zeros((n_parties, grid.shape[0]))
    weighted: list[tuple[np.ndarray, ...]] = []
    for i in range(n_parties):
        w = rng.random(n_issues)
        w /= w.sum()
        tables = [rng.random(n_options) for _ in range(n_issues)]
        wv = tuple(w[j] * tables[j] for j in range(n_issues))
        weighted.append(wv)
        for j in range(n_issues):  # one pass per issue, vectorised over packages
            utilities[i] += wv[j][grid[:, j]]
    return NegotiationDomain.from_arrays(
        np.round(utilities, 12),
        np.full(n_parties, reservation),
        parties=tuple(f"p{i}" for i in range(n_parties)),
        options=grid,
        weighted_values=tuple(weighted),
    )


def split_domain(
    steps: int = 1000, *, reservations: tuple[float, float] = (0.0, 0.0)
) -> NegotiationDomain:
    """Splitting a unit surplus: package ``i`` gives party 0 ``i/steps`` and party 1 the rest."""
    if steps < 1:
        raise InputError("steps must be at least 1")
    x = np.arange(steps + 1, dtype=np.float64) / steps
    return NegotiationDomain.from_arrays(
        np.stack([x, 1.0 - x]),
        np.asarray(reservations, dtype=np.float64),
        parties=("first", "second"),
        issue_names=("share of the first",),
        option_labels=(tuple(f"{v:.4f}" for v in x),),
    )
