"""Facade: resolve levers that take their setting from a spatial forecast.

A scenario lever may carry a ``forecast:`` link (see :class:`accord.scenario.negotiation.model.LeverForecast`).
The scenario layer only describes the link; here, above both the scenario and the forecasting
layers, the model is run and the lever takes the setting whose stated position is nearest the
forecast. ``--move ACTOR.DIMENSION=POSITION`` moves one actor in the linked spatial data first,
so what-if can ask "what if Russia's position moved".
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

from accord.errors import InputError, Problem, ScenarioError
from accord.forecast.base import ForecastResult
from accord.forecast.registry import build_model
from accord.scenario.negotiation.model import Lever, LeverForecast, LeverResolution, Scenario
from accord.scenario.spatial.model import SpatialData

__all__ = ["apply_moves", "linked_data", "nearest_setting", "parse_moves", "resolve_levers"]


def parse_moves(items: Sequence[str]) -> dict[str, float]:
    """Turn ``["Russia.enforcement=20", ...]`` into ``{"Russia.enforcement": 20.0}``.

    Raises
    ------
    InputError
        For an item that is not ``ACTOR.DIMENSION=POSITION`` with a numeric position.
    """
    out: dict[str, float] = {}
    for item in items:
        key, sep, raw = item.rpartition("=")
        key = key.strip()
        if not sep or "." not in key.strip(".") or not raw.strip():
            raise InputError(
                f"--move {item!r}: expected ACTOR.DIMENSION=POSITION, e.g. Russia.enforcement=20"
            )
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"--move {item!r}: the position must be a number") from None
        if not math.isfinite(value):
            raise InputError(f"--move {item!r}: the position must be a finite number")
        out[key] = value
    return out


def nearest_setting(position: float, positions: Mapping[str, float]) -> str:
    """The setting whose position is nearest ``position`` (ties: the first in order)."""
    best, gap = "", math.inf
    for setting, at in positions.items():
        d = abs(position - at)
        if d < gap - 1e-9:
            best, gap = setting, d
    return best


def linked_data(scenario: Scenario) -> dict[str, SpatialData]:
    """Spatial data per file path, for every lever linked to a forecast."""
    out: dict[str, SpatialData] = {}
    for lv in scenario.levers:
        if lv.forecast is not None:
            out.setdefault(lv.forecast.data_path, lv.forecast.data)
    return out


def apply_moves(
    data: dict[str, SpatialData], moves: Mapping[str, float]
) -> tuple[dict[str, SpatialData], list[tuple[str, str, float, float]]]:
    """Move actors in the linked data; returns the data and ``(actor, dim, old, new)``."""
    out = dict(data)
    done: list[tuple[str, str, float, float]] = []
    for key, value in moves.items():
        hits = [
            (path, a, d)
            for path, sd in data.items()
            for a in sd.actors
            for d in sd.dimensions
            if f"{a}.{d}" == key
        ]
        if not hits:
            if not data:
                raise InputError(
                    f"--move {key}={value:g}: no lever of this scenario takes its setting from "
                    "a forecast, so there is no spatial data to move an actor in"
                )
            actors = sorted({a for sd in data.values() for a in sd.actors})
            owner = next((a for a in actors if key.startswith(a + ".")), None)
            if owner is None:
                raise InputError(
                    f"--move {key}={value:g}: unknown actor; the linked spatial data has: "
                    f"{', '.join(actors)}"
                )
            dims = sorted({d for sd in data.values() if owner in sd.actors for d in sd.dimensions})
            raise InputError(
                f"--move {key}={value:g}: unknown dimension "
                f"{key[len(owner) + 1 :]!r}; dimensions are: {', '.join(dims)}"
            )
        for path, a, d in hits:
            sd = out[path]
            k = sd.dimensions.index(d)
            lo, hi = sd.scale[k]
            if not lo <= value <= hi:
                raise InputError(
                    f"--move {key}={value:g}: off the scale of {d!r}; valid: {lo:g}..{hi:g}"
                )
            old = float(sd.position[sd.actors.index(a), k])
            out[path] = sd.with_position(a, d, value)
            done.append((a, d, old, value))
    return out, done


def _run(
    fc: LeverForecast, data: SpatialData, cache: dict[tuple[str, str], ForecastResult]
) -> ForecastResult:
    try:
        model = build_model(fc.model)
    except InputError as exc:
        raise ScenarioError([Problem(str(exc), fc.source, fc.path, fc.line)]) from None
    key = (fc.data_path, model.name)
    if key not in cache:
        cache[key] = model.forecast(data)
    return cache[key]


def resolve_levers(scenario: Scenario, moves: Mapping[str, float] | None = None) -> Scenario:
    """Run each linked forecast and set every forecast-driven lever to the nearest setting.

    Parameters
    ----------
    scenario:
        A scenario as loaded (levers not applied).
    moves:
        ``{"ACTOR.DIMENSION": position}``: move these actors in the linked spatial data
        (``SpatialData.with_position``) before forecasting.

    Returns
    -------
    Scenario
        A copy whose forecast-driven levers carry their setting and a
        :class:`~accord.scenario.negotiation.model.LeverResolution` (model, forecast position, setting);
        their links hold the (moved) data. Levers without a forecast are unchanged.

    Raises
    ------
    ScenarioError
        For an unknown model, located at the lever's ``forecast`` in the file.
    InputError
        For a move naming an unknown actor or dimension, or a position off the scale.
    """
    if scenario.levers_applied:
        raise ValueError("resolve_levers needs the scenario as loaded, before apply_levers")
    data, _ = apply_moves(linked_data(scenario), moves or {})
    if not data:
        return scenario
    cache: dict[tuple[str, str], ForecastResult] = {}
    levers: list[Lever] = []
    for lv in scenario.levers:
        fc = lv.forecast
        if fc is None:
            levers.append(lv)
            continue
        sd = data[fc.data_path]
        result = _run(fc, sd, cache)
        d = sd.dimensions.index(fc.dimension)
        if fc.actor is None:
            position = float(result.forecast[d])
        else:
            position = float(result.trajectory[-1, sd.actors.index(fc.actor), d])
        setting = nearest_setting(position, fc.positions)
        res = LeverResolution(result.model, position, setting, fc.dimension, fc.actor)
        levers.append(
            dataclasses.replace(
                lv, current=setting, forecast=dataclasses.replace(fc, data=sd), resolution=res
            )
        )
    return dataclasses.replace(scenario, levers=tuple(levers))
