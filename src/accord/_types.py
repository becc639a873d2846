"""Array type aliases shared by every layer (L0: imports nothing of accord)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["BoolArray", "FloatArray", "IntArray"]

FloatArray = NDArray[np.float64]
"""A float64 array (utilities, positions, saliences, bounds)."""
IntArray = NDArray[np.int64]
"""An int64 array (option indices, package ids)."""
BoolArray = NDArray[np.bool_]
"""A boolean mask (feasible packages, win-sets)."""
