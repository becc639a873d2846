"""The accord file schema of the ``spatial`` kind (pydantic v2, boundary only).

Example::

    accord: 1
    kind: spatial
    name: emission-standards
    salience_scale: 1          # saliences are given on [0, 1] (or 100 for percentages)
    dimensions:
      - name: year
        scale: [4, 10]         # default [0, 100]
        outcome: 8.833         # optional recorded outcome
        reference: 4           # optional status quo
    actors:
      - name: Netherlands
        capability: 0.08
        positions: {year: 4}
        saliences: {year: 0.8}
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

__all__ = ["ActorSpec", "DimensionSpec", "RationaleSpec", "SourceSpec", "SpatialDocument"]


class _Strict(BaseModel):
    """Strict types: a quoted number, a boolean for a number or ``inf`` is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


StrictNumber = Annotated[float, Strict()]
Scale = Annotated[
    tuple[StrictNumber, StrictNumber],
    Field(strict=False, description="[low, high]: a YAML list of two numbers"),
]


class DimensionSpec(_Strict):
    """One policy dimension."""

    name: str = Field(min_length=1)
    description: str = ""
    scale: Scale = (0.0, 100.0)
    reference: float | None = None
    outcome: float | None = None


class SourceSpec(_Strict):
    """A citable source (``sources`` may also hold plain text entries)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    url: str = ""


class RationaleSpec(_Strict):
    """Why a value is what it is: free text and the ids of the sources behind it."""

    note: str = ""
    source: str | list[str] | None = None


class ActorSpec(_Strict):
    """One actor: capability, and per dimension a position and a salience.

    ``rationale`` may explain ``capability``, ``positions`` and ``saliences`` (a note and
    source ids from the document's ``sources``).
    """

    name: str = Field(min_length=1)
    description: str = ""
    capability: float = Field(gt=0)
    positions: dict[str, float]
    saliences: dict[str, float]
    rationale: dict[Literal["capability", "positions", "saliences"], RationaleSpec] = Field(
        default_factory=dict
    )


class SpatialDocument(_Strict):
    """A whole ``kind: spatial`` document."""

    accord: Literal[1]
    kind: Literal["spatial"]
    name: str = "spatial"
    description: str = ""
    sources: list[str | SourceSpec] = Field(default_factory=list)
    salience_scale: Literal[1, 100] = 1
    dimensions: list[DimensionSpec] = Field(min_length=1)
    actors: list[ActorSpec]
