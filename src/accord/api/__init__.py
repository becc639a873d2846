"""The facade every front end (CLI, web, notebooks) calls.

Each capability lives in a private module of this package; this module re-exports the curated
public names.
"""

from __future__ import annotations

__all__: list[str] = []
