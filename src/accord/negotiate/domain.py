"""The negotiation domain: what strategies and protocols know about the packages on the table.

A :class:`NegotiationDomain` is built once per scenario from its outcome space
(:func:`accord.space.outcomes.build_space`): only feasible packages exist, so no protocol can
ever put a package that breaks a hard constraint on the table. It also precomputes, for each
party, its packages sorted by its own utility, so that a strategy finds "the cheapest package
worth at least my target" with one :func:`numpy.searchsorted` instead of a loop over packages.
Every array is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.scenario.negotiation.model import Scenario
from accord.space.outcomes import build_space

__all__ = ["NegotiationDomain"]


_T = TypeVar("_T", bound=np.generic)


def _frozen(a: NDArray[_T]) -> NDArray[_T]:
    out: NDArray[_T] = np.ascontiguousarray(a)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True, eq=False)
class NegotiationDomain:
    """Feasible packages of a negotiation and every party's utility for them.

    Attributes
    ----------
    parties:
        Party ids, the row order of :attr:`utilities`.
    names:
        Display names of the parties.
    utilities:
        ``(m, n)`` utility of each feasible package to each party (undiscounted).
    reservations:
        ``(m,)`` utility of no agreement to each party.
    options:
        ``(n, k)`` option index of each package on each issue.
    weighted_values:
        Per party, per issue: the weighted value ``weight * value`` of each option; used
        to say which issues a party objects to in mediation.
    order:
        ``(m, n)`` package rows sorted by each party's utility, ascending; ties put the
        package best for the other parties first.
    sorted_utilities:
        ``(m, n)`` each party's utilities in the order of :attr:`order`.
    issue_names, option_labels:
        Labels for traces.
    scenario:
        The scenario the domain was built from, when there is one.
    """

    parties: tuple[str, ...]
    names: tuple[str, ...]
    utilities: NDArray[np.float64]
    reservations: NDArray[np.float64]
    options: NDArray[np.int64]
    weighted_values: tuple[tuple[NDArray[np.float64], ...], ...]
    order: NDArray[np.int64]
    sorted_utilities: NDArray[np.float64]
    issue_names: tuple[str, ...]
    option_labels: tuple[tuple[str, ...], ...]
    scenario: Scenario | None = None

    def __setstate__(self, state: object) -> None:
        """Unpickle with the arrays read-only again (as in a worker process)."""
        names = [f.name for f in fields(self)]
        values = state if isinstance(state, list | tuple) else [state[n] for n in names]  # type: ignore[index]
        for name, value in zip(names, values, strict=True):
            if isinstance(value, np.ndarray):
                value = _frozen(value)
            elif name == "weighted_values":
                value = tuple(tuple(_frozen(v) for v in per) for per in value)
            object.__setattr__(self, name, value)

    @property
    def n_parties(self) -> int:
        return int(self.utilities.shape[0])

    @property
    def n_packages(self) -> int:
        return int(self.utilities.shape[1])

    @property
    def best(self) -> NDArray[np.float64]:
        """Each party's highest utility."""
        return self.sorted_utilities[:, -1]

    def party_index(self, party: str) -> int:
        """Row of party ``party`` (:class:`InputError` naming the valid ids if unknown)."""
        try:
            return self.parties.index(party)
        except ValueError:
            raise InputError(
                f"unknown party {party!r}; the parties are: {', '.join(self.parties)}"
            ) from None

    def package_labels(self, row: int) -> dict[str, str]:
        """``{issue name: option label}`` of package ``row``."""
        return {
            name: labels[int(o)]
            for name, labels, o in zip(
                self.issue_names, self.option_labels, self.options[row], strict=True
            )
        }

    def first_at_least(self, party: int, target: float) -> int:
        """Row of the package worth at least ``target`` to ``party`` and least above it.

        Among packages of equal utility to ``party`` the one best for the others comes
        first. When nothing reaches ``target`` the party's best package is returned.
        """
        k = int(np.searchsorted(self.sorted_utilities[party], target - 1e-12, side="left"))
        return int(self.order[party, min(k, self.n_packages - 1)])

    @classmethod
    def from_arrays(
        cls,
        utilities: NDArray[np.float64],
        reservations: NDArray[np.float64] | None = None,
        *,
        parties: tuple[str, ...] | None = None,
        options: NDArray[np.int64] | None = None,
        weighted_values: tuple[tuple[NDArray[np.float64], ...], ...] | None = None,
        issue_names: tuple[str, ...] | None = None,
        option_labels: tuple[tuple[str, ...], ...] | None = None,
        names: tuple[str, ...] | None = None,
        scenario: Scenario | None = None,
    ) -> NegotiationDomain:
        """A domain from a utility matrix ``(m, n)``; missing labels are generated.

        Without ``options`` every package is its own option of a single issue ``deal``.
        """
        u = np.asarray(utilities, dtype=np.float64)
        if u.ndim != 2 or u.shape[0] < 2 or u.shape[1] < 1:
            raise InputError(
                "utilities must have shape (parties, packages) with at least 2 parties and 1 package"
            )
        m, n = u.shape
        res = np.zeros(m) if reservations is None else np.asarray(reservations, dtype=np.float64)
        if res.shape != (m,):
            raise InputError(f"reservations must have one value per party ({m})")
        ids = parties or tuple(f"p{i}" for i in range(m))
        if options is None:
            options = np.arange(n, dtype=np.int64)[:, None]
            issue_names = issue_names or ("deal",)
            option_labels = option_labels or (tuple(str(i) for i in range(n)),)
        opts = np.asarray(options, dtype=np.int64)
        k = opts.shape[1]
        if weighted_values is None:
            # without a model per issue, a party's loss is spread evenly over the issues
            weighted_values = tuple(
                tuple(np.zeros(int(opts[:, j].max()) + 1) for j in range(k)) for _ in range(m)
            )
        issue_names = issue_names or tuple(f"i{j}" for j in range(k))
        option_labels = option_labels or tuple(
            tuple(str(o) for o in range(int(opts[:, j].max()) + 1)) for j in range(k)
        )
        total = u.sum(axis=0)
        order = np.empty((m, n), dtype=np.int64)
        for i in range(m):  # one sort per party, not per package
            order[i] = np.lexsort((-(total - u[i]), u[i]))
        sorted_u = np.take_along_axis(u, order, axis=1)
        return cls(
            parties=ids,
            names=names or ids,
            utilities=_frozen(u),
            reservations=_frozen(res),
            options=_frozen(opts),
            weighted_values=tuple(tuple(_frozen(v) for v in per) for per in weighted_values),
            order=_frozen(order),
            sorted_utilities=_frozen(sorted_u),
            issue_names=issue_names,
            option_labels=option_labels,
            scenario=scenario,
        )

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> NegotiationDomain:
        """The domain of a scenario's principals over its feasible packages."""
        space = build_space(scenario)
        if space.n_feasible == 0:
            raise InputError(
                f"{scenario.origin}: no package satisfies the hard constraints; nothing to negotiate"
            )
        if len(space.principals) < 2:
            raise InputError(f"{scenario.origin}: a negotiation needs at least two principals")
        rows = np.arange(space.n_feasible, dtype=np.int64)
        wv = tuple(
            tuple(
                np.asarray(w * v, dtype=np.float64)
                for w, v in zip(
                    scenario.preferences[p].weights, scenario.preferences[p].values, strict=True
                )
            )
            for p in space.principals
        )
        return cls.from_arrays(
            space.utilities,
            space.reservations,
            parties=space.principals,
            names=tuple(scenario.actor(p).name for p in space.principals),
            options=space.options(rows),
            weighted_values=wv,
            issue_names=tuple(i.name for i in scenario.issues),
            option_labels=tuple(tuple(o.label for o in i.options) for i in scenario.issues),
            scenario=scenario,
        )
