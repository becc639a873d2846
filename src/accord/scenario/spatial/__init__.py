"""Spatial data (``kind: spatial`` and other tools' formats) for multi-actor forecasting:
the model, the schema, the loader and the readers of KTAB CSV/XML, Decide and actor tables."""

from __future__ import annotations

from accord.scenario.spatial.loader import FORMATS, detect_format, load_spatial
from accord.scenario.spatial.model import SpatialData

__all__ = ["FORMATS", "SpatialData", "detect_format", "load_spatial"]
