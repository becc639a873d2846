"""Importers of other tools' negotiation formats into accord scenarios."""

from __future__ import annotations

from accord.scenario.importers.genius import import_genius

__all__ = ["import_genius"]
