"""Readers of other tools' spatial data files, behind one registry.

Each entry names a format (the value of ``--format``), what it reads, and where its parser
lives. Parsers are imported when first used, so listing the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.scenario.spatial.model import SpatialData

__all__ = ["READERS", "Reader"]


@dataclass(frozen=True, slots=True)
class Reader:
    """One spatial data format: its name, a one-line description and its parser.

    ``options`` names the keyword options the parser takes beyond ``(text, source)``
    (``scale``, ``salience_scale``: what an actor table may leave unstated).
    """

    name: str
    description: str
    module: str
    function: str
    options: tuple[str, ...] = ()

    def parser(self) -> Callable[..., SpatialData]:
        """The function ``(text, source, **options) -> SpatialData`` that reads this format.

        Text comes decoded under :mod:`accord.scenario._io.policy` (UTF-8, byte-order mark
        removed, ``\\n`` line ends); every problem is a located ``ScenarioError``.
        """
        fn: Callable[..., SpatialData] = getattr(import_module(self.module), self.function)
        return fn


_PKG = "accord.scenario.spatial"
READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        Reader(
            "accord",
            "accord YAML or JSON, `kind: spatial`",
            f"{_PKG}.loader",
            "parse_spatial_document",
        ),
        Reader("ktab-csv", "KTAB SMP CSV", f"{_PKG}.readers.ktab_csv", "parse_ktab_csv"),
        Reader("ktab-xml", "KTAB SMP XML", f"{_PKG}.readers.ktab_xml", "parse_ktab_xml"),
        Reader("decide", "Decide #A/#P/#M/#D text", f"{_PKG}.readers.decide", "parse_decide"),
        Reader(
            "actor-table",
            "actor table CSV or TSV (actor, capability, position, salience)",
            f"{_PKG}.readers.actor_table",
            "parse_actor_table",
            ("scale", "salience_scale"),
        ),
    )
}
"""Every spatial format by its ``--format`` name, in the order the docs list them."""
