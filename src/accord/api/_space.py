"""Facade: the outcome space at scale (method choice, full ZOPA listing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from accord.api._checks import check_count
from accord.scenario import Scenario, load_scenario
from accord.space.blocks import split_blocks
from accord.space.method import Exploration, Method, explore
from accord.space.outcomes import SCALE, reservation_units
from accord.space.stream import DEFAULT_MEMORY, iter_zopa

__all__ = ["explore_space", "zopa_packages"]


def _load(scenario: str | Path | Scenario) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def explore_space(scenario: str | Path | Scenario, *, method: Method = "auto") -> Exploration:
    """Frontier and counts of a scenario's outcome space, by ``method`` (default: automatic)."""
    return explore(_load(scenario), method=method)


def zopa_packages(
    scenario: str | Path | Scenario, *, memory_bytes: int = DEFAULT_MEMORY
) -> Iterator[tuple[dict[str, str], dict[str, float]]]:
    """Every package of the ZOPA with each principal's utility, streamed in bounded memory.

    Yields ``({issue id: option id}, {principal id: utility})`` in package order within each
    chunk of the stream.
    """
    return _zopa(_load(scenario), check_count(memory_bytes, "memory_bytes"))


def _zopa(sc: Scenario, memory_bytes: int) -> Iterator[tuple[dict[str, str], dict[str, float]]]:
    principals = [a.id for a in sc.principals]
    res = reservation_units(sc)
    for options, units in iter_zopa(
        split_blocks(sc), len(sc.issues), res, memory_bytes=memory_bytes
    ):
        for row, u in zip(options.tolist(), (units / SCALE).T.tolist(), strict=True):
            yield sc.package_ids(tuple(row)), dict(zip(principals, u, strict=True))
