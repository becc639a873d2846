"""Defaults the front ends name in their help; importing this module loads nothing else."""

from __future__ import annotations

__all__ = ["DEFAULT_STRATEGY", "MAX_ROUNDS"]

DEFAULT_STRATEGY = "boulware"
"""Strategy of every party not given one."""

MAX_ROUNDS = 10_000
"""The longest deadline a simulation or tournament takes, in rounds."""
