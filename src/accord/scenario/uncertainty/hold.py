"""Hold declared uncertain numbers at given values (the numeric axes of a sweep's grid).

A held parameter is no longer drawn: every sample has the given number there, the number as
the file would write it (before lever effects, which apply on top, as with ``accord whatif
--set``); the other declared numbers are drawn as declared. A no-deal value or threshold the
file gives as a package's utility becomes that number (the declared shift of the package's
utility no longer applies). :func:`hold_parameters` changes the scenario where it has to and
says which columns of a parameter matrix to overwrite; the caller overwrites them after each
draw, so the draws of the other parameters stay those of the run without a grid.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

from accord.errors import InputError
from accord.scenario.negotiation.model import NoDeal, NoDealBasis, Scenario
from accord.scenario.uncertainty.build import _OPEN_BELOW, _RANGES
from accord.scenario.uncertainty.model import Quantity

__all__ = ["hold_parameters"]


def hold_parameters(
    scenario: Scenario, values: Mapping[str, float]
) -> tuple[Scenario, tuple[tuple[int, float], ...]]:
    """The scenario with ``values`` held, and ``(column, value)`` overrides of its draws.

    Parameters
    ----------
    scenario:
        A scenario with declared uncertainty, levers not applied.
    values:
        ``{path: number}`` for paths of declared parameters.

    Raises
    ------
    InputError
        For a path that is not declared, or a number outside what the quantity allows.
    """
    decl = scenario.uncertainty
    params = () if decl is None else decl.parameters
    index = {p.path: d for d, p in enumerate(params)}
    actors = {a.id: a for a in scenario.actors}
    out: list[tuple[int, float]] = []
    for path, value in values.items():
        if path not in index:
            known = ", ".join(index) or "none"
            raise InputError(
                f"--grid {path}: not a declared uncertain number of this scenario; declared: {known}"
            )
        if not math.isfinite(value):
            raise InputError(f"--grid {path}={value}: a finite number")
        p = params[index[path]]
        t = p.target
        low, high, what = _RANGES[t.quantity]
        if value < low or value > high or (t.quantity in _OPEN_BELOW and value <= low):
            raise InputError(f"--grid {path}={value:g}: out of range for {what}")
        if t.on_package:
            a = actors[t.actor]
            if t.quantity is Quantity.no_deal:
                basis = NoDeal(NoDealBasis.value, None, f"held at {value:g} by a grid")
                actors[a.id] = dataclasses.replace(a, reservation=value, no_deal=basis)
            else:
                actors[a.id] = dataclasses.replace(a, threshold=value, threshold_package=None)
        out.append((index[path], float(value)))
    changed = dataclasses.replace(scenario, actors=tuple(actors[a.id] for a in scenario.actors))
    return changed, tuple(out)
