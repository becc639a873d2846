"""Shared fixtures for the forecasting tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accord.scenario.spatial import SpatialData

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


def load_bdm() -> SpatialData:
    """The BDM 1994 emission-standards table (10 actors, years 4..10)."""
    with (DATA / "emission-standards-1994.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    return SpatialData(
        actors=tuple(r["Actor"] for r in rows),
        dimensions=("year",),
        capability=[float(r["Capability"]) for r in rows],
        position=[[float(r["Position"])] for r in rows],
        salience=[[float(r["Salience"])] for r in rows],
        scale=((4.0, 10.0),),
        outcome=[8.833],
    )


@pytest.fixture
def bdm() -> SpatialData:
    return load_bdm()


def load_ktab_csv(name: str) -> SpatialData:
    """A KTAB SMP CSV (positions 0..100, saliences 0..100 divided by 100), read minimally."""
    with (DATA / name).open(newline="") as fh:
        rows = list(csv.reader(fh))
    n, k = int(rows[0][2]), int(rows[0][3])
    acts = rows[2 : 2 + n]
    return SpatialData(
        actors=tuple(r[0].strip() for r in acts),
        dimensions=tuple(f"d{j}" for j in range(k)),
        capability=[float(r[2]) for r in acts],
        position=[[float(r[3 + 2 * j]) for j in range(k)] for r in acts],
        salience=[[float(r[4 + 2 * j]) / 100 for j in range(k)] for r in acts],
    )
