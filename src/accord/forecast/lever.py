"""Map a spatial forecast linearly onto a numeric lever range.

Scenario levers with named settings take their setting from a forecast through their
``forecast:`` link, resolved in ``accord.api.resolve_levers`` (nearest stated position).
:func:`lever_setting` is the numeric counterpart: it maps one dimension's forecast from the
spatial data's scale onto a continuous range, for callers that want a number rather than a
named setting.
"""

from __future__ import annotations

from accord.errors import InputError
from accord.forecast.base import ForecastResult
from accord.scenario.spatial.model import SpatialData

__all__ = ["lever_setting"]


def lever_setting(
    result: ForecastResult,
    data: SpatialData,
    dimension: str,
    lever_range: tuple[float, float] = (0.0, 1.0),
    invert: bool = False,
) -> float:
    """Map ``result``'s forecast on ``dimension`` linearly onto ``lever_range``.

    Parameters
    ----------
    result:
        A forecast of ``data``.
    data:
        The spatial data the forecast was made from (gives the dimension's scale).
    dimension:
        Which dimension drives the lever.
    lever_range:
        ``(low, high)`` of the lever; the scale's low end maps to ``low``.
    invert:
        Map the scale's low end to the lever's high end instead.

    Returns
    -------
    float
        The lever setting.
    """
    if dimension not in data.dimensions:
        raise InputError(f"unknown dimension {dimension!r}; known: {', '.join(data.dimensions)}")
    d = data.dimensions.index(dimension)
    lo, hi = data.scale[d]
    share = (float(result.forecast[d]) - lo) / (hi - lo)
    share = 1.0 - share if invert else share
    a, b = lever_range
    return a + min(max(share, 0.0), 1.0) * (b - a)
