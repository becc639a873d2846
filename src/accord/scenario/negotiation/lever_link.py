"""Check a lever's ``forecast:`` link and describe it (:class:`LeverForecast`).

The link names a spatial data file, a model, a dimension (optionally an actor) and one position
per lever setting. This module loads the data and checks every name it can check without the
forecasting layer; the model name is checked, and the forecast run, when the lever is resolved
(``accord.api.resolve_levers``), with errors located at the same place in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from accord.errors import InputError, ScenarioError
from accord.scenario._io.yamlio import Document, format_path
from accord.scenario.negotiation.model import LeverForecast
from accord.scenario.negotiation.schema import LeverForecastSpec, LeverSpec
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.model import SpatialData

__all__ = ["SpatialCache", "build_lever_forecast"]

SpatialCache = dict[str, SpatialData | str]
"""Spatial files already read while building one scenario: path to data, or to the error text."""

Add = Callable[[Sequence[str | int], str], None]


def _read(path: Path, cache: SpatialCache) -> SpatialData | str:
    key = str(path)
    if key not in cache:
        try:
            cache[key] = load_spatial(path)
        except ScenarioError as exc:
            first = exc.problems[0]
            more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            cache[key] = f"the spatial data file has problems: {first}{more}"
        except InputError as exc:
            cache[key] = f"cannot read the spatial data file: {exc}"
    return cache[key]


def build_lever_forecast(
    lv: LeverSpec,
    base: tuple[str | int, ...],
    doc: Document,
    base_dir: Path | None,
    cache: SpatialCache,
    add: Add,
) -> LeverForecast | None:
    """Check ``lv.forecast`` (and that ``current`` is omitted); ``None`` if there are problems.

    Parameters
    ----------
    lv:
        The lever as validated by the schema; ``lv.forecast`` is not ``None``.
    base:
        Key path of the lever in the document.
    doc:
        The document (for the source name and line numbers).
    base_dir:
        Folder that ``data`` is relative to (the scenario file's folder); ``None`` for the
        working directory.
    cache:
        Spatial files already read for this scenario.
    add:
        Records a located problem: ``add(path, message)``.
    """
    fc: LeverForecastSpec | None = lv.forecast
    assert fc is not None
    fpath = (*base, "forecast")
    ok = True
    if lv.current is not None:
        add(
            (*base, "current"),
            "give either `current` or `forecast`, not both: a forecast-driven lever takes its "
            "setting from the forecast",
        )
        ok = False
    allowed = ", ".join(lv.settings)
    for setting in fc.positions:
        if setting not in lv.settings:
            add(
                (*fpath, "positions", setting),
                f"position for unknown setting {setting!r}; settings are: {allowed}",
            )
            ok = False
    missing = [s for s in lv.settings if s not in fc.positions]
    if missing:
        add(
            (*fpath, "positions"),
            f"missing position for setting(s) {', '.join(missing)}; give one per setting "
            f"({allowed})",
        )
        ok = False
    path = Path(fc.data)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    data = _read(path, cache)
    if isinstance(data, str):
        add((*fpath, "data"), f"{fc.data}: {data}")
        return None
    if fc.dimension not in data.dimensions:
        add(
            (*fpath, "dimension"),
            f"unknown dimension {fc.dimension!r} in {fc.data}; dimensions are: "
            f"{', '.join(data.dimensions)}",
        )
        return None
    if fc.actor is not None and fc.actor not in data.actors:
        add(
            (*fpath, "actor"),
            f"unknown actor {fc.actor!r} in {fc.data}; actors are: {', '.join(data.actors)}",
        )
        ok = False
    lo, hi = data.scale[data.dimensions.index(fc.dimension)]
    for setting, pos in fc.positions.items():
        if not lo <= pos <= hi:
            add(
                (*fpath, "positions", setting),
                f"{pos:g} is off the scale of {fc.dimension!r}; valid: {lo:g}..{hi:g}",
            )
            ok = False
    if not ok:
        return None
    refs = (
        ()
        if fc.source is None
        else ((fc.source,) if isinstance(fc.source, str) else tuple(fc.source))
    )
    return LeverForecast(
        data_path=str(path),
        data_ref=fc.data,
        data=data,
        model=fc.model,
        dimension=fc.dimension,
        actor=fc.actor,
        positions={s: float(fc.positions[s]) for s in lv.settings},
        source=doc.source,
        path=format_path((*fpath, "model")),
        line=doc.line_of((*fpath, "model")),
        note=fc.note,
        sources=refs,
    )
