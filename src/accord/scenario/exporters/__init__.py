"""Exporters of accord scenarios to other tools' formats."""

from __future__ import annotations

from accord.scenario.exporters.genius import export_genius

__all__ = ["export_genius"]
