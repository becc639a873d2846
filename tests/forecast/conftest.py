"""Shared fixtures for the forecasting tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accord.scenario.spatial.model import SpatialData

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
