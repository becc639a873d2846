"""Chunked enumeration of a space with bounded memory.

The feasible packages are the product of the space's blocks (:mod:`accord.space.blocks`).
They are visited in chunks whose working arrays stay within a memory budget (default
:data:`DEFAULT_MEMORY`): the trailing blocks form an *inner* table held once, the leading
blocks an *outer* index walked in ranges, and each chunk is one range of outer rows times
(a range of) the inner rows. For each chunk only the utility vectors are computed; option
indices are materialised only for the few packages that are kept.

One pass keeps what an analysis needs and nothing more:

- the running Pareto frontier (chunk points dominated by a handful of frontier points are
  dropped by a cheap vectorised filter, the rest are merged with the frontier exactly);
- the exact number of feasible packages and of packages in the ZOPA;
- the top ``k`` packages of the ZOPA by each scored solution concept (Nash, power-weighted
  Nash, egalitarian, utilitarian; Kalai–Smorodinsky too when its ideal point is given).

The frontier found is brute force over every package: it does not rely on additivity, which
is why it serves as the fallback for utilities that are not additive and as an independent
check of :mod:`accord.space.merge`. :func:`iter_zopa` lists the whole ZOPA chunk by chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from accord.space.blocks import Block
from accord.space.concepts import CONCEPTS
from accord.space.frontier import Frontier, canonical_frontier
from accord.space.merge import dominated_by, pareto_units
from accord.space.outcomes import SCALE

__all__ = [
    "DEFAULT_MEMORY",
    "SCORED_CONCEPTS",
    "Chunk",
    "StreamResult",
    "TopK",
    "iter_chunks",
    "iter_zopa",
    "stream_space",
]

DEFAULT_MEMORY = 256 * 2**20
"""Default budget for the working arrays of one chunk, in bytes (256 MiB)."""

SCORED_CONCEPTS = tuple(CONCEPTS)
"""Solution concepts whose top-k packages a stream can keep (all of them; those that need the
ideal point only when it is given)."""

_REPS = 8
_SUB_BLOCK = 1 << 18
_SEED = 4096
_FRONT_CHUNK = 64


@dataclass(frozen=True, slots=True, eq=False)
class Chunk:
    """A chunk of packages: utilities and how to turn positions into option indices."""

    units: NDArray[np.int64]
    """``(n_principals, n)`` utilities in lattice units."""
    outer_start: int
    """Outer row of the chunk's first package."""
    inner_start: int
    """Inner row of the chunk's first package."""
    width: int
    """Inner rows per outer row in this chunk (package ``p`` is outer ``p // width``)."""

    def locate(self, pos: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Outer and inner rows of the packages at positions ``pos`` of the chunk."""
        q, r = np.divmod(np.asarray(pos, dtype=np.int64), self.width)
        return self.outer_start + q, self.inner_start + r


@dataclass(frozen=True, slots=True, eq=False)
class TopK:
    """The best packages of the ZOPA by one solution concept, best first."""

    concept: str
    scores: NDArray[np.float64]
    options: NDArray[np.int64]
    units: NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class StreamResult:
    """What one streaming pass kept."""

    frontier: Frontier | None
    n_feasible: int
    n_zopa: int
    top: dict[str, TopK] = field(default_factory=dict)
    chunks: int = 0
    chunk_elements: int = 0


class _Layout:
    """Split of the blocks into an outer index and an inner table."""

    def __init__(self, blocks: list[Block], n_issues: int, budget: int) -> None:
        self.blocks = blocks
        self.n_issues = n_issues
        self.m = blocks[0].units.shape[0]
        sizes = [b.size for b in blocks]
        split = len(blocks)
        inner_size = 1
        cap = max(1, budget // 4)  # the inner table is held for the whole pass
        while split > 0 and inner_size * sizes[split - 1] <= cap:
            split -= 1
            inner_size *= sizes[split]
        if split == len(blocks) and blocks:  # even the last block alone is over budget
            split -= 1
            inner_size = sizes[split]
        self.split = split
        self.outer_sizes = tuple(sizes[:split])
        self.inner_sizes = tuple(sizes[split:])
        self.n_outer = int(np.prod(self.outer_sizes, dtype=np.int64)) if split else 1
        self.n_inner = inner_size
        inner = np.zeros((self.m, 1), dtype=np.int64)
        for b in blocks[split:]:  # C order: the last block varies fastest
            inner = (inner[:, :, None] + b.units[:, None, :]).reshape(self.m, -1)
        self.inner_units = inner

    def outer_units(self, start: int, stop: int) -> NDArray[np.int64]:
        out = np.zeros((self.m, stop - start), dtype=np.int64)
        if not self.split:
            return out
        rows = np.unravel_index(np.arange(start, stop, dtype=np.int64), self.outer_sizes)
        for j, b in enumerate(self.blocks[: self.split]):
            out += b.units[:, rows[j]]
        return out

    def options(self, chunk: Chunk, pos: NDArray[np.int64]) -> NDArray[np.int64]:
        """Option indices ``(len, n_issues)`` of the packages at positions ``pos`` of a chunk."""
        outer, inner = chunk.locate(pos)
        opts = np.empty((outer.size, self.n_issues), dtype=np.int64)
        o_rows = np.unravel_index(outer, self.outer_sizes) if self.split else ()
        i_rows = np.unravel_index(inner, self.inner_sizes)
        for j, b in enumerate(self.blocks):
            r = o_rows[j] if j < self.split else i_rows[j - self.split]
            opts[:, list(b.issues)] = b.options[r]
        return opts


def _budget(memory_bytes: int, m: int, top_k: bool = False) -> int:
    """Packages per chunk so that a chunk's working arrays stay within ``memory_bytes``.

    Per package: the int64 utility vector (8m bytes), the ZOPA comparison masks (m + 1), and
    with top-k scoring the float gains, their logarithms, the scores and the selection of
    ZOPA positions (24m + 56).
    """
    per = 9 * m + 8 + (24 * m + 56 if top_k else 0)
    return max(8, memory_bytes // per)


def iter_chunks(
    blocks: list[Block],
    n_issues: int,
    *,
    memory_bytes: int = DEFAULT_MEMORY,
    budget: int | None = None,
) -> Iterator[tuple[Chunk, _Layout]]:
    """Every feasible package once, chunk by chunk (with the layout to locate options).

    ``budget`` (packages per chunk) defaults to what ``memory_bytes`` allows.
    """
    if not blocks or any(b.size == 0 for b in blocks):
        return
    m = blocks[0].units.shape[0]
    if budget is None:
        budget = _budget(memory_bytes, m)
    lay = _Layout(blocks, n_issues, budget)
    if lay.n_inner <= budget:
        step = max(1, budget // lay.n_inner)
        for a in range(0, lay.n_outer, step):
            b = min(lay.n_outer, a + step)
            units = (lay.outer_units(a, b)[:, :, None] + lay.inner_units[:, None, :]).reshape(m, -1)
            yield Chunk(units, a, 0, lay.n_inner), lay
            del units  # never hold two chunks at once
        return
    for a in range(lay.n_outer):
        base = lay.outer_units(a, a + 1)
        for c in range(0, lay.n_inner, budget):
            d = min(lay.n_inner, c + budget)
            units = base + lay.inner_units[:, c:d]
            yield Chunk(units, a, c, d - c), lay
            del units


def _zopa(units: NDArray[np.int64], reservations: NDArray[np.int64]) -> NDArray[np.bool_]:
    return np.asarray((units >= reservations[:, None]).all(axis=0))


def iter_zopa(
    blocks: list[Block],
    n_issues: int,
    reservations: NDArray[np.int64],
    *,
    memory_bytes: int = DEFAULT_MEMORY,
) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """The full ZOPA listing, chunk by chunk: ``(options (n, n_issues), units (m, n))``."""
    for chunk, lay in iter_chunks(blocks, n_issues, memory_bytes=memory_bytes):
        keep = np.flatnonzero(_zopa(chunk.units, reservations))
        if keep.size:
            yield lay.options(chunk, keep), chunk.units[:, keep]


def _not_dominated_by_reps(units: NDArray[np.int64], reps: NDArray[np.int64]) -> NDArray[np.bool_]:
    """False for points strictly dominated by one of ``reps`` (a safe, cheap pre-filter)."""
    alive = np.ones(units.shape[1], dtype=bool)
    sums = units.sum(axis=0)
    rep_sums = reps.sum(axis=0)
    for r in range(reps.shape[1]):
        dom = sums < rep_sums[r]
        for i in range(units.shape[0]):
            dom &= units[i] <= reps[i, r]
        alive &= ~dom
    return alive


def _survivors(units: NDArray[np.int64], front: NDArray[np.int64]) -> NDArray[np.int64]:
    """Positions of the points of ``units`` that no column of ``front`` strictly dominates.

    A cheap pass against a few representatives first, then the whole front, best sums first,
    a chunk at a time, on the points still alive (most fall to the first chunks).
    """
    idx = np.arange(units.shape[1])
    if front.shape[1] == 0:
        return idx
    idx = idx[_not_dominated_by_reps(units, _pick_reps(front))]
    ordered = front[:, np.argsort(-front.sum(axis=0), kind="stable")]
    for c in range(0, ordered.shape[1], _FRONT_CHUNK):
        if idx.size == 0:
            break
        idx = idx[~dominated_by(units[:, idx], ordered[:, c : c + _FRONT_CHUNK])]
    return idx


def _pick_reps(units: NDArray[np.int64]) -> NDArray[np.int64]:
    """A few frontier points spread along it: the largest sums and each principal's best."""
    n = units.shape[1]
    if n <= _REPS:
        return units
    picks = set(np.argsort(-units.sum(axis=0), kind="stable")[: _REPS // 2].tolist())
    for i in range(units.shape[0]):
        picks.add(int(np.argmax(units[i])))
    order = np.argsort(units[0], kind="stable")
    picks.update(order[np.linspace(0, n - 1, _REPS // 2).astype(np.int64)].tolist())
    return units[:, sorted(picks)]


def _scores(
    concepts: list[str],
    units: NDArray[np.int64],
    reservations: NDArray[np.int64],
    powers: NDArray[np.float64],
    ideal: NDArray[np.int64] | None,
) -> dict[str, NDArray[np.float64]]:
    """Each concept's score of each package (higher is better), gains computed once."""
    gains = (units - reservations[:, None]) / SCALE
    span = None if ideal is None else (ideal - reservations) / SCALE
    return {c: CONCEPTS[c].score(gains, powers, span) for c in concepts}


def _merge_front(
    front_units: NDArray[np.int64],
    front_opts: NDArray[np.int64],
    u: NDArray[np.int64],
    chunk: Chunk,
    lay: _Layout,
    sub: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Merge a chunk's points into the running frontier, ``sub`` points at a time.

    While the frontier is empty only a small slice is taken, so that the filter has
    representatives before large slices arrive.
    """
    s, n = 0, u.shape[1]
    while s < n:
        step = sub if front_units.shape[1] else min(sub, _SEED)
        part = u[:, s : s + step]
        keep = _survivors(part, front_units)
        cand_u = np.concatenate([front_units, part[:, keep]], axis=1)
        mask = pareto_units(cand_u)
        n_old = front_units.shape[1]
        new = s + keep[np.flatnonzero(mask[n_old:])]
        front_opts = np.concatenate([front_opts[mask[:n_old]], lay.options(chunk, new)])
        front_units = cand_u[:, mask]
        s += step
    return front_units, front_opts


def stream_space(
    blocks: list[Block],
    n_issues: int,
    reservations: NDArray[np.int64],
    *,
    frontier: bool = True,
    top_k: int = 0,
    powers: NDArray[np.float64] | None = None,
    ideal: NDArray[np.int64] | None = None,
    memory_bytes: int = DEFAULT_MEMORY,
) -> StreamResult:
    """Visit every feasible package once with bounded memory.

    Parameters
    ----------
    blocks, n_issues:
        The space (:func:`accord.space.blocks.split_blocks`) and its number of issues.
    reservations:
        Reservation values in lattice units (for the ZOPA count and the gains).
    frontier:
        Keep the running Pareto frontier (off for a count-only pass, which is faster).
    top_k:
        Keep the ``top_k`` best ZOPA packages by each scored concept (0: none).
    powers:
        Bargaining powers for the power-weighted Nash score (default: equal).
    ideal:
        Each principal's best utility over the ZOPA, in units; needed for the
        Kalai–Smorodinsky score (left out of ``top`` without it).
    memory_bytes:
        Budget for one chunk's working arrays.
    """
    m = reservations.size
    pw = np.ones(m) if powers is None else np.asarray(powers, dtype=np.float64)
    concepts = [c for c in SCORED_CONCEPTS if not CONCEPTS[c].needs_ideal or ideal is not None]
    front_units = np.zeros((m, 0), dtype=np.int64)
    front_opts = np.zeros((0, n_issues), dtype=np.int64)
    tops: dict[str, tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]]] = {}
    n_feasible = n_zopa = chunks = largest = 0
    budget = _budget(memory_bytes, m, top_k > 0)
    for chunk, lay in iter_chunks(blocks, n_issues, budget=budget):
        u = chunk.units
        chunks += 1
        largest = max(largest, u.shape[1])
        n_feasible += u.shape[1]
        in_zopa = _zopa(u, reservations)
        n_zopa += int(np.count_nonzero(in_zopa))
        if frontier:
            front_units, front_opts = _merge_front(
                front_units, front_opts, u, chunk, lay, max(_SEED, min(_SUB_BLOCK, budget // 4))
            )
        if top_k > 0 and in_zopa.any():
            z = np.flatnonzero(in_zopa)
            scores = _scores(concepts, u[:, z], reservations, pw, ideal)
            for c in concepts:
                s = scores[c]
                pick = np.argpartition(-s, top_k)[:top_k] if s.size > top_k else np.arange(s.size)
                best, sc = z[pick], s[pick]
                opts = lay.options(chunk, best)
                if c in tops:
                    ps, po, pu = tops[c]
                    sc = np.concatenate([ps, sc])
                    opts = np.concatenate([po, opts])
                    ub = np.concatenate([pu, u[:, best]], axis=1)
                else:
                    ub = u[:, best]
                order = np.argsort(-sc, kind="stable")[:top_k]
                tops[c] = (sc[order], opts[order], ub[:, order])
            del scores, z
        del chunk, u, in_zopa  # free this chunk before the next one is built
    front = canonical_frontier(front_opts, front_units, n_feasible) if frontier else None
    return StreamResult(
        frontier=front,
        n_feasible=n_feasible,
        n_zopa=n_zopa,
        top={c: TopK(c, *t) for c, t in tops.items()},
        chunks=chunks,
        chunk_elements=largest,
    )
