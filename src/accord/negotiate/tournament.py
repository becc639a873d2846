"""Round-robin tournaments: every ordered pair of strategies, ranked by what they obtained."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.errors import InputError
from accord.negotiate.domain import NegotiationDomain
from accord.negotiate.protocol import Ending, Protocol
from accord.negotiate.registry import STRATEGIES, make_strategy, parse_spec

__all__ = ["Match", "Standing", "TournamentResult", "run_tournament"]


@dataclass(frozen=True, slots=True)
class Match:
    """One negotiation of the tournament: ``first`` plays party 0, ``second`` party 1.

    ``package`` is the agreed package's row (``None`` without an agreement); an agreement
    always lies in both parties' win-sets (the protocol enforces it).
    """

    first: str
    second: str
    ending: Ending
    round: int
    values: tuple[float, float]
    package: int | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """A strategy's record: its mean gain over its reservation value ranks it."""

    rank: int
    strategy: str
    played: int
    agreements: int
    mean_value: float
    mean_gain: float


@dataclass(frozen=True, slots=True, eq=False)
class TournamentResult:
    """Standings (best first) and every match."""

    standings: tuple[Standing, ...]
    matches: tuple[Match, ...]
    domain: NegotiationDomain
    protocol: str
    rounds: int
    seed: int | None = None


def run_tournament(
    domain: NegotiationDomain,
    protocol: Protocol,
    strategies: Sequence[str] | None = None,
    *,
    seed: int | None = None,
) -> TournamentResult:
    """Play every ordered pair of ``strategies`` (self-play included) on a two-party domain.

    Without ``strategies``, every registered strategy except the parametric
    ``time-dependent`` (which is ``linear`` unless given an exponent) takes part.

    Each strategy plays both sides (party 0 and party 1) against every strategy. Its score is
    its mean gain over its reservation value, so a strategy is not rewarded for the side it
    happens to play. Each match gets its own random stream spawned from ``seed``.
    """
    if domain.n_parties != 2:
        raise InputError("a tournament needs a two-party scenario")
    specs = (
        list(dict.fromkeys(strategies))
        if strategies
        else [n for n, i in STRATEGIES.items() if i.in_default_tournament]
    )
    for s in specs:
        parse_spec(s)  # an unknown name is reported as such, before the count
    if len(specs) < 2:
        raise InputError("a tournament needs at least two strategies")
    pairs = [(a, b) for a in specs for b in specs]
    streams = np.random.SeedSequence(seed).spawn(len(pairs))
    matches: list[Match] = []
    gains: dict[str, list[float]] = {s: [] for s in specs}
    values: dict[str, list[float]] = {s: [] for s in specs}
    deals: dict[str, int] = dict.fromkeys(specs, 0)
    r = domain.reservations
    for (a, b), ss in zip(pairs, streams, strict=True):
        res = protocol.run(
            domain, [make_strategy(a), make_strategy(b)], seed=int(ss.generate_state(1)[0])
        )
        v = (float(res.values[0]), float(res.values[1]))
        matches.append(Match(a, b, res.ending, res.round, v, res.package))
        for side, name in ((0, a), (1, b)):
            values[name].append(v[side])
            gains[name].append(v[side] - float(r[side]))
            deals[name] += int(res.agreement)
    table = sorted(specs, key=lambda s: (-float(np.mean(gains[s])), -deals[s], s))
    standings = tuple(
        Standing(
            rank=k + 1,
            strategy=s,
            played=len(gains[s]),
            agreements=deals[s],
            mean_value=float(np.mean(values[s])),
            mean_gain=float(np.mean(gains[s])),
        )
        for k, s in enumerate(table)
    )
    return TournamentResult(standings, tuple(matches), domain, protocol.name, protocol.rounds, seed)
