"""Facade: bargaining simulation (one negotiation, tournaments, batches)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.api._checks import check_count, check_seed, draw_seed
from accord.api._defaults import DEFAULT_STRATEGY, MAX_ROUNDS
from accord.api._levers import resolve_levers
from accord.errors import InputError
from accord.negotiate.batch import BatchResult, run_batch, sample_utilities
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.explain import explain
from accord.negotiate.protocol import NegotiationResult
from accord.negotiate.protocols import PROTOCOLS, make_protocol
from accord.negotiate.registry import STRATEGIES, make_strategy
from accord.negotiate.tournament import TournamentResult, run_tournament
from accord.scenario import DEFAULT_SCENARIO, Scenario, load_scenario

__all__ = [
    "DEFAULT_STRATEGY",
    "MAX_ROUNDS",
    "explain_negotiation",
    "list_protocols",
    "list_strategies",
    "negotiation_domain",
    "simulate",
    "simulate_batch",
    "tournament",
]


def _rounds(rounds: object) -> int:
    return check_count(rounds, "rounds", high=MAX_ROUNDS)


def negotiation_domain(scenario: str | Path | Scenario = DEFAULT_SCENARIO) -> NegotiationDomain:
    """The negotiation domain of a scenario (built-in name, file or loaded scenario).

    As in :func:`accord.api.analyze_scenario`, levers that take their setting from a forecast
    are resolved and every lever's setting applied; each party's win-set in the domain is the
    one ``accord run`` reports (its principal's reservation value and its ratifiers).
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if not sc.levers_applied:
        sc = resolve_levers(sc)
    return NegotiationDomain.from_scenario(sc)


def simulate(
    scenario: str | Path | Scenario = DEFAULT_SCENARIO,
    strategies: Mapping[str, str] | None = None,
    *,
    protocol: str = "alternating",
    rounds: int = 20,
    discount: float = 1.0,
    seed: int | None = None,
) -> NegotiationResult:
    """Simulate one negotiation over a scenario.

    Parameters
    ----------
    scenario:
        Built-in name, file path or loaded scenario.
    strategies:
        ``{party id: strategy spec}``; parties left out play :data:`DEFAULT_STRATEGY`.
    protocol:
        ``alternating`` (two parties), ``stacked`` or ``mediation``.
    rounds, discount:
        Deadline in rounds (1 to :data:`MAX_ROUNDS`) and per-round discount factor in (0, 1].
    seed:
        A non-negative integer; ``None`` draws one, which the result records (``result.seed``)
        so that the run can be repeated.

    Raises
    ------
    accord.errors.InputError
        For an unknown party, strategy or protocol, or an argument out of range (named).
    """
    seed = draw_seed(seed)
    rounds = _rounds(rounds)
    domain = negotiation_domain(scenario)
    given = dict(strategies or {})
    for party in given:
        if party not in domain.parties:
            raise InputError(
                f"unknown actor {party!r} in the strategies; the negotiating parties are: "
                + ", ".join(domain.parties)
            )
    chosen = [make_strategy(given.get(p, DEFAULT_STRATEGY)) for p in domain.parties]
    for p, s in zip(domain.parties, chosen, strict=True):
        info = STRATEGIES[s.name.partition(":")[0]]
        if info.bilateral_only and domain.n_parties != 2:
            raise InputError(f"strategy {s.name!r} of {p!r} needs a two-party negotiation")
    proto = make_protocol(protocol, rounds=rounds, discount=discount)
    return proto.run(domain, chosen, seed=seed)


def explain_negotiation(result: NegotiationResult) -> tuple[str, ...]:
    """How a negotiation ended and why, in plain lines."""
    return explain(result)


def tournament(
    scenario: str | Path | Scenario = DEFAULT_SCENARIO,
    strategies: Sequence[str] | None = None,
    *,
    protocol: str = "alternating",
    rounds: int = 20,
    discount: float = 1.0,
    seed: int | None = None,
) -> TournamentResult:
    """Every ordered pair of strategies (default: all registered) on a two-party scenario.

    ``seed`` as for :func:`simulate`: ``None`` draws one, recorded in the result.
    """
    seed = draw_seed(seed)
    rounds = _rounds(rounds)
    domain = negotiation_domain(scenario)
    proto = make_protocol(protocol, rounds=rounds, discount=discount)
    return run_tournament(domain, proto, strategies, seed=seed)


def simulate_batch(
    scenario: str | Path | Scenario = DEFAULT_SCENARIO,
    exponents: NDArray[np.float64] | Sequence[Sequence[float]] = ((0.25, 4.0),),
    *,
    rounds: int = 100,
    discount: float = 1.0,
    sampled_preferences: bool = False,
    concentration: float = 50.0,
    seed: int | None = None,
) -> BatchResult:
    """Many bilateral time-dependent negotiations at once, one table row per run.

    With ``sampled_preferences`` each run draws the parties' issue weights around the
    scenario's (Dirichlet with the given ``concentration``) from one generator built on ``seed``.
    """
    rounds = check_count(rounds, "rounds")
    check_seed(seed)
    if sampled_preferences and seed is None:
        raise InputError(
            "seed: sampled preferences are random; give a seed (a non-negative integer)"
        )
    if not concentration > 0:
        raise InputError(f"concentration={concentration!r}: must be a positive number")
    domain = negotiation_domain(scenario)
    e = np.asarray(exponents, dtype=np.float64)
    utils = (
        sample_utilities(domain, e.shape[0], concentration=concentration, seed=seed)
        if sampled_preferences
        else None
    )
    return run_batch(domain, e, rounds=rounds, discount=discount, utilities=utils)


def list_strategies() -> list[dict[str, Any]]:
    """Registered strategies with their parameters and a one-line description."""
    return [
        {
            "name": n,
            "params": list(i.params),
            "summary": i.summary,
            "bilateral_only": i.bilateral_only,
        }
        for n, i in STRATEGIES.items()
    ]


def list_protocols() -> list[str]:
    """Names of the protocols."""
    return list(PROTOCOLS)
