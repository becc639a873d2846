"""The negotiation domain: what strategies and protocols know about the packages on the table.

A :class:`NegotiationDomain` is built once per scenario from its outcome space
(:func:`accord.space.outcomes.build_space`): only feasible packages exist, so no protocol can
ever put a package that breaks a hard constraint on the table. It carries, per party and
package, the joint probability that the party's ratifiers ratify, and the scenario's
ratification level, from :func:`accord.space.acceptability.acceptability`: the same model of
acceptability as ``accord run``. A package is in a party's **win-set** (after discounting by
``factor``) when :func:`accord.space.acceptability.acceptable` says so: its utility times the
factor reaches the party's no-deal value and its ratifiers ratify it at the level. A domain
built from bare arrays has no ratifiers (probability 1 everywhere).

For each party the domain also sorts the packages by the party's own utility so that a
strategy finds "the cheapest package worth at least my target" with one
:func:`numpy.searchsorted` instead of a loop over packages. Packages the party's ratifiers
veto sort below every other one, with the search key ``-inf``: a search for any finite
target never lands on them, so a strategy never offers a package its ratifiers veto.
Every array is read-only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.negotiate.ratifiers import RatifierInfo, frozen, restore_frozen
from accord.scenario.negotiation.adjust import apply_levers
from accord.scenario.negotiation.model import Scenario
from accord.space.acceptability import acceptability, acceptable, ratifier_utilities
from accord.space.outcomes import build_space

__all__ = ["NegotiationDomain", "RatifierInfo"]


@dataclass(frozen=True, slots=True, eq=False)
class NegotiationDomain:
    """Feasible packages of a negotiation, every party's utility for them and its ratifiers.

    Attributes
    ----------
    parties:
        Party ids, the row order of :attr:`utilities`.
    names:
        Display names of the parties.
    utilities:
        ``(m, n)`` utility of each feasible package to each party (undiscounted).
    reservations:
        ``(m,)`` utility of no agreement to each party (its no-deal value).
    options:
        ``(n, k)`` option index of each package on each issue.
    weighted_values:
        Per party, per issue: the weighted value ``weight * value`` of each option; used
        to say which issues a party objects to in mediation.
    order:
        ``(m, n)`` package rows sorted for each party: first the packages its ratifiers
        veto, then the others by ascending utility; ties put the package best for the
        other parties first.
    sorted_utilities:
        ``(m, n)`` search keys in the order of :attr:`order`: the party's utility, or
        ``-inf`` for a package its ratifiers veto.
    issue_names, option_labels:
        Labels for traces.
    ratification:
        ``(m, n)`` joint probability that the party's ratifiers ratify each package (1
        without ratifiers).
    level:
        The ratification level the scenario requires.
    ratified:
        ``(m, n)`` the joint probability reaches the level (the ratifiers do not veto).
    ratifiers:
        Every ratifier of every party, in file order.
    scenario:
        The scenario the domain was built from (levers applied), when there is one.
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
    ratification: NDArray[np.float64]
    level: float
    ratified: NDArray[np.bool_]
    ratifiers: tuple[RatifierInfo, ...] = ()
    scenario: Scenario | None = None

    def __setstate__(self, state: object) -> None:
        """Unpickle with the arrays read-only again (as in a worker process)."""
        restore_frozen(self, state)

    @property
    def n_parties(self) -> int:
        return int(self.utilities.shape[0])

    @property
    def n_packages(self) -> int:
        return int(self.utilities.shape[1])

    @property
    def best(self) -> NDArray[np.float64]:
        """Each party's highest utility among the packages its ratifiers ratify (``-inf``
        when they ratify none)."""
        return self.sorted_utilities[:, -1]

    @property
    def has_ratifiers(self) -> bool:
        return bool(self.ratifiers)

    def ratifiers_of(self, party: int) -> tuple[RatifierInfo, ...]:
        """The ratifiers of party row ``party``."""
        return tuple(r for r in self.ratifiers if r.party == party)

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

    def acceptable(self, row: int, factor: float = 1.0) -> NDArray[np.bool_]:
        """``(m,)``: is package ``row`` in each party's win-set, discounted by ``factor``?"""
        return acceptable(
            self.utilities[:, row], self.reservations, self.ratification[:, row], self.level, factor
        )

    def acceptable_to(self, party: int, row: int, factor: float = 1.0) -> bool:
        """Is package ``row`` in ``party``'s win-set, discounted by ``factor``?"""
        return bool(
            acceptable(
                float(self.utilities[party, row]),
                float(self.reservations[party]),
                float(self.ratification[party, row]),
                self.level,
                factor,
            )
        )

    def winsets(self, factor: float = 1.0) -> NDArray[np.bool_]:
        """``(m, n)``: every party's win-set with agreements discounted by ``factor``."""
        return acceptable(
            self.utilities, self.reservations[:, None], self.ratification, self.level, factor
        )

    def first_at_least(self, party: int, target: float) -> int:
        """Row of the package its ratifiers ratify, worth at least ``target`` to ``party``
        and least above it.

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
        ratification: NDArray[np.float64] | None = None,
        level: float | None = None,
        ratifiers: tuple[RatifierInfo, ...] = (),
        scenario: Scenario | None = None,
    ) -> NegotiationDomain:
        """A domain from a utility matrix ``(m, n)``; missing labels are generated.

        Without ``options`` every package is its own option of a single issue ``deal``.
        Without ``ratification`` no party has ratifiers (probability 1 everywhere); with it,
        ``level`` must be given too.
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
        if ratification is None:
            rat = np.ones((m, n))
            lev = 0.0 if level is None else float(level)
        else:
            rat = np.asarray(ratification, dtype=np.float64)
            if rat.shape != (m, n) or np.any(~((rat >= 0.0) & (rat <= 1.0))):
                raise InputError(f"ratification must have shape ({m}, {n}) with values in [0, 1]")
            if level is None:
                raise InputError("ratification probabilities need the ratification level (level)")
            lev = float(level)
        if not 0.0 <= lev <= 1.0:
            raise InputError(f"the ratification level must be in [0, 1], got {lev}")
        ok = acceptable(1.0, 0.0, rat, lev)  # the predicate's ratification half
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
            order[i] = np.lexsort((-(total - u[i]), u[i], ok[i]))
        sorted_u = np.where(
            np.take_along_axis(ok, order, axis=1), np.take_along_axis(u, order, axis=1), -np.inf
        )
        return cls(
            parties=ids,
            names=names or ids,
            utilities=frozen(u),
            reservations=frozen(res),
            options=frozen(opts),
            weighted_values=tuple(tuple(frozen(v) for v in per) for per in weighted_values),
            order=frozen(order),
            sorted_utilities=frozen(sorted_u),
            issue_names=issue_names,
            option_labels=option_labels,
            ratification=frozen(rat),
            level=lev,
            ratified=frozen(ok),
            ratifiers=ratifiers,
            scenario=scenario,
        )

    def restricted(self, rows: NDArray[np.int64]) -> NegotiationDomain:
        """The same negotiation over packages ``rows`` only (row ``j`` of the result is row
        ``rows[j]`` here). Used where the other packages cannot matter: a package no party's
        ratifiers ratify is never offered nor accepted by anyone."""
        r = np.asarray(rows, dtype=np.int64)
        return NegotiationDomain.from_arrays(
            self.utilities[:, r],
            self.reservations,
            parties=self.parties,
            options=self.options[r],
            weighted_values=self.weighted_values,
            issue_names=self.issue_names,
            option_labels=self.option_labels,
            names=self.names,
            ratification=self.ratification[:, r],
            level=self.level,
            ratifiers=tuple(
                dataclasses.replace(x, utilities=x.utilities[r], probability=x.probability[r])
                for x in self.ratifiers
            ),
            scenario=self.scenario,
        )

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> NegotiationDomain:
        """The domain of a scenario's principals over its feasible packages.

        The levers' current settings are applied first (as ``accord run`` does); levers that
        take their setting from a forecast must have been resolved
        (``accord.api.resolve_levers``; ``accord.api.negotiation_domain`` does it).
        """
        sc = apply_levers(scenario)
        space = build_space(sc)
        if space.n_feasible == 0:
            raise InputError(
                f"{sc.origin}: no package satisfies the hard constraints; nothing to negotiate"
            )
        if len(space.principals) < 2:
            raise InputError(f"{sc.origin}: a negotiation needs at least two principals")
        acc = acceptability(sc, space)
        rows = np.arange(space.n_feasible, dtype=np.int64)

        def weighted(actor: str) -> tuple[NDArray[np.float64], ...]:
            pref = sc.preferences[actor]
            return tuple(
                np.asarray(w * v, dtype=np.float64)
                for w, v in zip(pref.weights, pref.values, strict=True)
            )

        ru = ratifier_utilities(sc, space)
        ratifiers = tuple(
            RatifierInfo(
                id=r.id,
                name=r.name,
                party=space.principals.index(str(r.of)),
                threshold=float(r.threshold if r.threshold is not None else 0.0),
                sigma=r.sigma,
                utilities=frozen(ru[r.id]),
                probability=frozen(np.asarray(acc.ratifier_probability[r.id])),
                weighted_values=tuple(frozen(v) for v in weighted(r.id)),
            )
            for r in sc.ratifiers
            if r.of in space.principals
        )
        return cls.from_arrays(
            space.utilities,
            space.reservations,
            parties=space.principals,
            names=tuple(sc.actor(p).name for p in space.principals),
            options=space.options(rows),
            weighted_values=tuple(weighted(p) for p in space.principals),
            issue_names=tuple(i.name for i in sc.issues),
            option_labels=tuple(tuple(o.label for o in i.options) for i in sc.issues),
            ratification=acc.ratification,
            level=acc.level,
            ratifiers=ratifiers,
            scenario=sc,
        )
