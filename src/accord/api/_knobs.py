"""Facade: the knobs of what-if (levers and adjustable quantities) with their current values,
for a front end that draws them as sliders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.api._levers import resolve_levers
from accord.scenario.negotiation.adjust import current_value
from accord.scenario.negotiation.model import Scenario

__all__ = ["Knob", "whatif_knobs"]


@dataclass(frozen=True, slots=True)
class Knob:
    """One thing :func:`accord.api.whatif_scenario` can change.

    Attributes
    ----------
    key:
        The name its ``settings`` mapping takes (``china.enforcement``, ``us.no_deal``).
    label:
        What it is, in words.
    kind:
        ``setting`` (a lever: one of ``settings``) or ``number`` (in ``[low, high]``).
    current:
        The value the scenario has now (a lever's forecast-driven setting once resolved).
    """

    key: str
    label: str
    kind: Literal["setting", "number"]
    current: str | float
    settings: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    note: str = ""
    sources: tuple[str, ...] = ()


_FIELD_WORDS = {
    "no_deal": "no-deal value",
    "threshold": "ratification threshold",
    "sigma": "uncertainty about its ratifier (sigma)",
}


def _quantity_label(scenario: Scenario, quantity: str) -> str:
    if quantity == "ratification.level":
        return "ratification level (joint probability a package needs)"
    owner, _, field = quantity.partition(".")
    name = scenario.actor(owner).name
    return f"{name}: {_FIELD_WORDS.get(field, field)}"


def whatif_knobs(scenario: Scenario) -> tuple[Knob, ...]:
    """The scenario's levers, then its declared adjustable quantities, each with its current
    value (forecast-driven levers are resolved first)."""
    sc = resolve_levers(scenario)
    names = {a.id: a.name for a in sc.actors}
    out = [
        Knob(
            key=lv.key,
            label=f"{names.get(lv.actor, lv.actor)}: {lv.name}",
            kind="setting",
            current=lv.current,
            settings=tuple(lv.settings),
        )
        for lv in sc.levers
    ]
    for adj in sc.adjustable:
        out.append(
            Knob(
                key=adj.quantity,
                label=_quantity_label(sc, adj.quantity),
                kind="number",
                current=float(current_value(sc, adj.quantity)),
                low=adj.low,
                high=adj.high,
                note=adj.note,
                sources=adj.sources,
            )
        )
    return tuple(out)
