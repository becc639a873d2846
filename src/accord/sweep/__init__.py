"""Monte Carlo and sensitivity machinery that knows tasks, not negotiations (layer 4).

- :mod:`.blocks`: samples drawn in fixed blocks, block ``k`` from its own child seed, so a
  result never depends on how blocks are grouped into chunks or spread over workers;
- :mod:`.memory`: rows per chunk from a memory budget;
- :mod:`.executor`: run tasks locally (threads), results in task order, with progress;
- :mod:`.sensitivity`: Sobol indices and Morris screening through SALib;
- :mod:`.stats`: intervals for proportions.
"""

from __future__ import annotations

from accord.sweep.blocks import BLOCK_SIZE, block_rows, block_uniforms
from accord.sweep.executor import Executor, LocalExecutor
from accord.sweep.memory import DEFAULT_MEMORY, chunk_rows
from accord.sweep.sensitivity import MorrisResult, SobolResult, morris, sobol
from accord.sweep.stats import proportion_interval

__all__ = [
    "BLOCK_SIZE",
    "DEFAULT_MEMORY",
    "Executor",
    "LocalExecutor",
    "MorrisResult",
    "SobolResult",
    "block_rows",
    "block_uniforms",
    "chunk_rows",
    "morris",
    "proportion_interval",
    "sobol",
]
