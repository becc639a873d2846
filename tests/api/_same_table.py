"""Bit-for-bit comparison of two Parquet tables (pyarrow's ``equals`` counts NaN unequal to
itself)."""

from __future__ import annotations

from typing import Any

import numpy as np


def same_table(a: Any, b: Any) -> bool:
    """Same schema, same rows, and every value the same bits (floats compared as integers)."""
    if a.schema != b.schema or a.num_rows != b.num_rows:
        return False
    for name in a.column_names:
        x = a.column(name).to_numpy(zero_copy_only=False)
        y = b.column(name).to_numpy(zero_copy_only=False)
        if x.dtype.kind == "f":
            x, y = x.view(np.int64), y.view(np.int64)
        if not np.array_equal(x, y):
            return False
    return True
