"""Named strategies: ``boulware``, ``tit-for-tat``, ``time-dependent:e=0.5`` and so on.

A strategy spec is a registered name, optionally followed by ``:key=value,key=value`` with
numeric parameters. :func:`make_strategy` turns a spec into a :class:`Strategy`; unknown names
and parameters are :class:`~accord.errors.InputError` naming what is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.errors import InputError
from accord.negotiate.strategies import (
    BestAspiration,
    EquilibriumAcceptance,
    EquilibriumOffering,
    FrequencyOffering,
    MirrorAspiration,
    NashAspiration,
    RandomAcceptance,
    RandomOffering,
    TimeAspiration,
)
from accord.negotiate.strategies.time_dependent import BOULWARE_E, CONCEDER_E
from accord.negotiate.strategy import AcceptAtTarget, OfferAtTarget, Strategy

__all__ = ["STRATEGIES", "StrategyInfo", "make_strategy", "parse_spec", "strategy_names"]


def _time(e: float) -> tuple[OfferAtTarget, AcceptAtTarget]:
    asp = TimeAspiration(e)
    return OfferAtTarget(asp), AcceptAtTarget(asp)


def _boulware(name: str, e: float = BOULWARE_E) -> Strategy:
    return Strategy(name, *_time(e))


def _linear(name: str, e: float = 1.0) -> Strategy:
    return Strategy(name, *_time(e))


def _conceder(name: str, e: float = CONCEDER_E) -> Strategy:
    return Strategy(name, *_time(e))


def _tft(name: str, deadline_e: float = 0.1) -> Strategy:
    asp = MirrorAspiration(deadline_e if deadline_e > 0 else None)
    return Strategy(name, OfferAtTarget(asp), AcceptAtTarget(asp))


def _hardliner(name: str) -> Strategy:
    asp = BestAspiration()
    return Strategy(name, OfferAtTarget(asp), AcceptAtTarget(asp, last_chance=False))


def _random(name: str) -> Strategy:
    return Strategy(name, RandomOffering(), RandomAcceptance())


def _nash(name: str) -> Strategy:
    asp = NashAspiration()
    return Strategy(name, OfferAtTarget(asp), AcceptAtTarget(asp, last_chance=False))


def _frequency(name: str, e: float = 0.5, window: float = 0.05) -> Strategy:
    if window < 0:
        raise InputError(f"window must be at least 0, got {window}")
    asp = TimeAspiration(e)
    return Strategy(name, FrequencyOffering(asp, window), AcceptAtTarget(asp))


def _equilibrium(name: str) -> Strategy:
    return Strategy(name, EquilibriumOffering(), EquilibriumAcceptance())


@dataclass(frozen=True, slots=True)
class StrategyInfo:
    """A registered strategy: its factory, parameters and a one-line description."""

    factory: Callable[..., Strategy]
    params: tuple[str, ...]
    summary: str
    bilateral_only: bool = False
    in_default_tournament: bool = True


STRATEGIES: dict[str, StrategyInfo] = {
    "boulware": StrategyInfo(_boulware, ("e",), f"time-dependent, concedes late (e={BOULWARE_E})"),
    "linear": StrategyInfo(_linear, ("e",), "time-dependent, concedes steadily (e=1)"),
    "conceder": StrategyInfo(_conceder, ("e",), f"time-dependent, concedes early (e={CONCEDER_E})"),
    "time-dependent": StrategyInfo(
        _linear, ("e",), "time-dependent with exponent e", in_default_tournament=False
    ),
    "tit-for-tat": StrategyInfo(
        _tft, ("deadline_e",), "relative tit-for-tat: mirrors the others' concession"
    ),
    "hardliner": StrategyInfo(_hardliner, (), "demands its best package, never concedes"),
    "random": StrategyInfo(_random, (), "random packages above its reservation"),
    "nash-seeking": StrategyInfo(_nash, (), "proposes the Nash bargaining package"),
    "frequency": StrategyInfo(
        _frequency, ("e", "window"), "learns the opponent's weights from its offers"
    ),
    "equilibrium": StrategyInfo(
        _equilibrium, (), "subgame-perfect play of alternating offers", bilateral_only=True
    ),
}


def strategy_names() -> tuple[str, ...]:
    """Registered strategy names."""
    return tuple(STRATEGIES)


def parse_spec(spec: str) -> tuple[str, dict[str, float]]:
    """Split ``name:key=value,...`` into the name and numeric parameters."""
    name, _, rest = spec.strip().partition(":")
    name = name.strip().lower()
    if name not in STRATEGIES:
        raise InputError(f"unknown strategy {name!r}; known strategies: {', '.join(STRATEGIES)}")
    params: dict[str, float] = {}
    info = STRATEGIES[name]
    for part in filter(None, (p.strip() for p in rest.split(","))):
        key, eq, value = part.partition("=")
        key = key.strip()
        if not eq or key not in info.params:
            valid = ", ".join(info.params) or "none"
            raise InputError(
                f"bad parameter {part!r} for strategy {name!r}; expected key=value with key in: {valid}"
            )
        try:
            params[key] = float(value)
        except ValueError:
            raise InputError(
                f"parameter {key!r} of strategy {name!r} must be a number, got {value.strip()!r}"
            ) from None
    return name, params


def make_strategy(spec: str | Strategy) -> Strategy:
    """A :class:`Strategy` from a spec such as ``boulware`` or ``time-dependent:e=0.5``."""
    if isinstance(spec, Strategy):
        return spec
    name, params = parse_spec(spec)
    label = spec.strip().lower()
    return STRATEGIES[name].factory(label, **params)
