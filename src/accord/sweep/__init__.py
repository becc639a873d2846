"""Monte Carlo and sensitivity machinery that knows tasks, not negotiations (layer 4).

- :mod:`.blocks`: samples drawn in fixed blocks, block ``k`` from its own child seed, so a
  result never depends on how blocks are grouped into chunks or spread over workers;
- :mod:`.memory`: rows per chunk from a memory budget;
- :mod:`.executor`: the one interface of every executor, and the in-process one (threads);
  :mod:`.processes`: a local pool of worker processes; :mod:`.dask_executor`: Dask
  distributed (the only module that imports Dask, loaded on first use);
- :mod:`.run`, :mod:`.store`: the driver loop that checkpoints each finished chunk, and the
  run folder (Parquet through pyarrow, atomic writes, a manifest of finished chunks);
- :mod:`.grid`: grids of settings (``NAME=a,b,c``, ``NAME=LOW:HIGH:N``);
- :mod:`.sensitivity`: Sobol indices and Morris screening through SALib;
- :mod:`.stats`: intervals for proportions.
"""

from __future__ import annotations

from accord.sweep.blocks import BLOCK_SIZE, block_rows, block_slices, block_uniforms
from accord.sweep.executor import Executor, ExecutorBase, LocalExecutor
from accord.sweep.grid import Axis, grid_points, parse_axis
from accord.sweep.memory import DEFAULT_MEMORY, chunk_rows
from accord.sweep.processes import ProcessExecutor
from accord.sweep.run import ChunkRun, run_chunks
from accord.sweep.sensitivity import MorrisResult, SobolResult, morris, sobol
from accord.sweep.stats import proportion_interval
from accord.sweep.store import ChunkStore, Columns, read_parquet_columns

__all__ = [
    "BLOCK_SIZE",
    "DEFAULT_MEMORY",
    "Axis",
    "ChunkRun",
    "ChunkStore",
    "Columns",
    "Executor",
    "ExecutorBase",
    "LocalExecutor",
    "MorrisResult",
    "ProcessExecutor",
    "SobolResult",
    "block_rows",
    "block_slices",
    "block_uniforms",
    "chunk_rows",
    "grid_points",
    "morris",
    "parse_axis",
    "proportion_interval",
    "read_parquet_columns",
    "run_chunks",
    "sobol",
]
