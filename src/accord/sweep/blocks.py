"""Samples in fixed blocks, each from its own child seed (design note uncertainty.md §5).

Block ``k`` of a run with seed ``s`` is drawn from ``numpy.random.SeedSequence(s).spawn(n)[k]``
(the same child whatever ``n``: the child's spawn key is ``(k,)``), never from a global
generator. A sample's numbers therefore depend only on ``(s, k, row in the block)``: not on the
total number of samples, on how blocks are grouped into chunks, on the order in which chunks
finish or on the number of workers.
"""

from __future__ import annotations

import numpy as np

from accord._types import FloatArray
from accord.errors import InputError

__all__ = ["BLOCK_SIZE", "block_generator", "block_rows", "block_slices", "block_uniforms"]

BLOCK_SIZE = 4096
"""Samples per block (the unit of seeding; part of what makes a run reproducible)."""


def block_rows(n_samples: int, block_size: int = BLOCK_SIZE) -> list[tuple[int, int]]:
    """``[(k, rows), ...]``: the blocks of a run of ``n_samples`` (the last may be short)."""
    if n_samples < 1:
        raise InputError(f"the number of samples must be at least 1 (got {n_samples})")
    if block_size < 1:
        raise InputError(f"the block size must be at least 1 (got {block_size})")
    full, rest = divmod(n_samples, block_size)
    out = [(k, block_size) for k in range(full)]
    if rest:
        out.append((full, rest))
    return out


def block_generator(seed: int, k: int) -> np.random.Generator:
    """The generator of block ``k``: child ``k`` of ``SeedSequence(seed)``."""
    if seed < 0:
        raise InputError(f"a seed is a non-negative integer (got {seed})")
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k,)))


def block_uniforms(seed: int, k: int, rows: int, dimension: int) -> FloatArray:
    """``(rows, dimension)`` uniform draws in [0, 1) of block ``k`` (row ``i`` is the same
    whatever ``rows`` is, as long as it is included)."""
    return np.asarray(block_generator(seed, k).random((rows, dimension)))


def block_slices(
    n_samples: int, rows_per_chunk: int, block_size: int = BLOCK_SIZE
) -> list[tuple[int, int, int]]:
    """``[(k, start, stop), ...]``: chunks of at most ``rows_per_chunk`` rows, rows
    ``start:stop`` of block ``k`` (a chunk never spans two blocks), for models so costly that
    a block is too much for one task. Row ``i`` of block ``k`` is sample
    ``k * block_size + i`` whatever the chunks."""
    if rows_per_chunk < 1:
        raise InputError(f"rows per chunk must be at least 1 (got {rows_per_chunk})")
    out = []
    for k, rows in block_rows(n_samples, block_size):
        out += [(k, a, min(a + rows_per_chunk, rows)) for a in range(0, rows, rows_per_chunk)]
    return out
