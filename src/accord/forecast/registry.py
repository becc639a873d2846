"""Model names, and building a model from its name and switch settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from accord.errors import InputError
from accord.forecast.base import ForecastModel
from accord.forecast.compromise import CompromiseModel
from accord.forecast.exchange import ExchangeModel
from accord.forecast.expected_utility import ExpectedUtilityModel
from accord.forecast.median import MedianModel
from accord.forecast.nash import NashModel
from accord.forecast.smp import SMPModel

__all__ = ["MODELS", "build_model", "model_switches"]

MODELS: dict[str, Callable[..., ForecastModel]] = {
    "compromise": CompromiseModel,
    "median": MedianModel,
    "nash": NashModel,
    "expected_utility": ExpectedUtilityModel,
    "smp": SMPModel,
    "exchange": ExchangeModel,
}

_ALIASES = {
    "eu": "expected_utility",
    "bdm": "expected_utility",
    "ktab": "smp",
    "mean": "compromise",
}


def model_switches(name: str) -> dict[str, Any]:
    """The switches of model ``name`` with their default values."""
    cls = MODELS[_canonical(name)]
    defaults = cls()
    return {f.name: getattr(defaults, f.name) for f in fields(cls) if f.name != "name"}  # type: ignore[arg-type]


def _canonical(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    key = _ALIASES.get(key, key)
    if key not in MODELS:
        raise InputError(f"unknown model {name!r}; valid: {', '.join(MODELS)} (or all)")
    return key


def build_model(name: str, settings: Mapping[str, Any] | None = None) -> ForecastModel:
    """Build model ``name`` with the given switch settings (unknown switches are an error)."""
    key = _canonical(name)
    cls = MODELS[key]
    given = dict(settings or {})
    known = {f.name for f in fields(cls)} - {"name"}  # type: ignore[arg-type]
    unknown = sorted(set(given) - known)
    if unknown:
        raise InputError(
            f"model {key!r} has no switch {', '.join(unknown)}; valid: {', '.join(sorted(known))}"
        )
    try:
        return cls(**given)
    except TypeError as exc:
        raise InputError(f"model {key!r}: {exc}") from None
