"""Results of a sweep on disk: finished chunks checkpointed, then one Parquet file.

A run folder holds::

    run.json            what the run is (written once, first): enough to run it again
    .lock               held by the process running the run (a second one is refused)
    manifest.json       the finished chunks (rewritten after each one)
    chunks/NNNNNN.parquet   one file per finished chunk (removed once samples.parquet is made)
    samples.parquet     every row, in chunk order (written at the end)
    summary.json        what the command reports (written at the end by the caller)
    input/NAME          a copy of an input file the run reads again when resumed

Every file is written to a temporary name in the same folder, flushed to disk and renamed over
its final name, so a file that exists is complete, whatever moment the process is killed at. A
chunk counts as finished once its file exists: the manifest is rewritten after each one, and a
chunk file the manifest does not list yet (the process was killed between the two renames) is
adopted when the run resumes, never computed again. Parquet is written with pyarrow, imported
here only when a file is written or read.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from accord.errors import InputError

__all__ = ["FORMAT", "ChunkStore", "Columns", "read_parquet_columns", "write_atomic"]

FORMAT = 1
"""Version of the folder's layout (``run.json``'s ``accord_sweep``)."""

Columns = Mapping[str, np.ndarray]
"""A table as named 1-D numpy arrays of one length (numbers, booleans or strings)."""

PYARROW_MISSING = (
    "writing Parquet needs pyarrow: pip install 'accord[dask]' (or pip install pyarrow)"
)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError(PYARROW_MISSING) from None
    return pyarrow


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half a file)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _table(columns: Columns) -> Any:
    pa = _pyarrow()
    return pa.table({name: pa.array(np.asarray(col)) for name, col in columns.items()})


def _write_parquet(path: Path, columns: Columns) -> None:
    pa = _pyarrow()
    tmp = path.with_name(f".{path.name}.tmp")
    pa.parquet.write_table(_table(columns), tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_parquet_columns(path: Path, names: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """The columns ``names`` (default all) of a Parquet file as numpy arrays."""
    pa = _pyarrow()
    table = pa.parquet.read_table(path, columns=None if names is None else list(names))
    return {name: _numpy(table.column(name)) for name in table.column_names}


def _numpy(column: Any) -> np.ndarray:
    pa = _pyarrow()
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return np.asarray(column.to_pylist(), dtype=str)
    return np.asarray(column.to_numpy())


class ChunkStore:
    """A run folder (see the module's description).

    Open one with :meth:`create` (a new run: the folder must be empty or absent) or
    :meth:`open` (resume: the folder must hold a run).
    """

    def __init__(self, folder: Path, run: Mapping[str, Any]) -> None:
        self.folder = folder
        self.run = dict(run)
        self.chunk_dir = folder / "chunks"
        self.finished: dict[int, int] = {}
        """Finished chunk id to its number of rows."""
        self.complete = False
        self.adopted = 0
        """Chunk files found on resuming that the manifest did not list yet."""
        self.dropped: list[int] = []
        """Chunks the manifest listed whose files were missing or unreadable on resuming:
        they are computed again."""
        self.created = False
        """Made by :meth:`create` in this process (not resumed)."""
        self._lock_file: Any = None

    def _lock(self) -> None:
        """Hold the folder's lock (``.lock``) while this process runs it: a second driver on
        the same folder is refused, never interleaved. The system drops the lock when the
        process ends, however it ends."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no lock
            return
        fh = open(self.folder / ".lock", "a+")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise InputError(
                f"{self.folder}: another accord process is running this run; let it finish "
                "(or stop it) first"
            ) from None
        self._lock_file = fh

    def close(self) -> None:
        """Release the folder's lock."""
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    @property
    def samples_path(self) -> Path:
        return self.folder / "samples.parquet"

    @property
    def summary_path(self) -> Path:
        return self.folder / "summary.json"

    @classmethod
    def create(cls, folder: Path, run: Mapping[str, Any]) -> ChunkStore:
        """A new run in ``folder`` (made if absent; refused if it holds anything)."""
        if folder.exists() and not folder.is_dir():
            raise InputError(f"--out {folder}: is a file; give a folder")
        if folder.is_dir() and any(folder.iterdir()):
            what = "a run" if (folder / "run.json").is_file() else "files"
            raise InputError(
                f"--out {folder}: the folder holds {what} already; continue a run with "
                "--resume FOLDER, or give an empty or new folder"
            )
        if not folder.parent.is_dir():
            raise InputError(f"--out {folder}: the folder {folder.parent} does not exist")
        _pyarrow()  # say now, not after the first chunk, that Parquet cannot be written
        store = cls(folder, {"accord_sweep": FORMAT, **run})
        try:
            folder.mkdir(exist_ok=True)
            store._lock()
            store.chunk_dir.mkdir()
            write_atomic(folder / "run.json", _json(store.run))
            store._write_manifest()
        except OSError as exc:
            store.close()
            raise InputError(f"--out {folder}: cannot write the run folder: {exc}") from None
        store.created = True
        return store

    def discard(self) -> None:
        """Remove a run folder made by :meth:`create` in which no chunk finished (the run
        failed or was stopped before its first chunk): the same command can then be given
        again with the same ``--out``."""
        if not self.created or self.finished:
            return
        self.close()
        for name in ("run.json", "manifest.json", ".lock"):
            (self.folder / name).unlink(missing_ok=True)
        shutil.rmtree(self.chunk_dir, ignore_errors=True)
        shutil.rmtree(self.folder / "input", ignore_errors=True)
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only if nothing else is there

    @classmethod
    def open(cls, folder: Path) -> ChunkStore:
        """The run in ``folder``, with its finished chunks: files the manifest missed are
        adopted; listed chunks whose files are missing or unreadable are dropped (computed
        again). The folder's lock is taken before anything is read."""
        path = folder / "run.json"
        if not path.is_file():
            raise InputError(
                f"--resume {folder}: no run there (no run.json); start one with --out {folder}"
            )
        _pyarrow()
        store = cls(folder, {})
        try:
            store._lock()
        except OSError as exc:
            raise InputError(f"--resume {folder}: cannot open the run folder: {exc}") from None
        try:
            store._read(folder)
        except BaseException:
            store.close()
            raise
        return store

    def _read(self, folder: Path) -> None:
        def bad(what: str) -> InputError:
            return InputError(
                f"--resume {folder}: {what}; the folder was not written by a run of this "
                "accord or was edited (start the run again with --out NEW_FOLDER)"
            )

        try:
            run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"--resume {folder}: unreadable run files: {exc}") from None
        if not isinstance(run, dict):
            raise bad("run.json is not an object")
        if run.get("accord_sweep") != FORMAT:
            raise InputError(
                f"--resume {folder}: a run folder of another version "
                f"({run.get('accord_sweep')!r}; this accord writes {FORMAT})"
            )
        if not isinstance(run.get("kind"), str):
            raise bad("run.json names no kind of run")
        if not isinstance(manifest, dict):
            raise bad("manifest.json is not an object")
        finished = manifest.get("finished", {})
        complete = manifest.get("complete", False)
        if not isinstance(finished, dict) or not isinstance(complete, bool):
            raise bad(
                "manifest.json: 'finished' must map chunk ids to rows, 'complete' be true or false"
            )
        try:
            self.finished = {int(k): int(v) for k, v in finished.items()}
        except (TypeError, ValueError):
            raise bad("manifest.json: a chunk id or row count is not a whole number") from None
        if any(k < 0 or v < 0 for k, v in self.finished.items()):
            raise bad("manifest.json: a negative chunk id or row count")
        self.run = run
        self.complete = complete
        if self.complete:
            if not self.samples_path.is_file():
                raise bad("the run is marked complete but samples.parquet is missing")
            return
        try:
            self.chunk_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise InputError(f"--resume {folder}: cannot write the run folder: {exc}") from None
        self._check_listed()
        self._adopt()

    def _rows_in(self, path: Path) -> int | None:
        """Rows of a chunk file, or ``None`` when it is missing or not a whole Parquet file."""
        pa = _pyarrow()
        try:
            return int(pa.parquet.ParquetFile(path).metadata.num_rows)
        except (OSError, ValueError, pa.ArrowException):
            return None

    def _check_listed(self) -> None:
        """Drop the listed chunks whose files are missing, unreadable or of another length."""
        for cid, rows in sorted(self.finished.items()):
            if self._rows_in(self._chunk_path(cid)) != rows:
                self.dropped.append(cid)
        for cid in self.dropped:
            del self.finished[cid]
            self._chunk_path(cid).unlink(missing_ok=True)
        if self.dropped:
            self._write_manifest()

    def _adopt(self) -> None:
        for path in sorted(self.chunk_dir.glob("*.parquet")):
            if not (len(path.stem) == 6 and path.stem.isdigit()):
                continue  # not a chunk file of this run (chunk files are NNNNNN.parquet)
            cid = int(path.stem)
            if cid in self.finished:
                continue
            rows = self._rows_in(path)
            if rows is None:  # cut short: the run died while writing it (not renamed yet)
                path.unlink(missing_ok=True)
                continue
            self.finished[cid] = rows
            self.adopted += 1
        if self.adopted:
            self._write_manifest()

    def _chunk_path(self, cid: int) -> Path:
        return self.chunk_dir / f"{cid:06d}.parquet"

    def _write_manifest(self) -> None:
        data = {
            "finished": {str(k): v for k, v in sorted(self.finished.items())},
            "complete": self.complete,
        }
        write_atomic(self.folder / "manifest.json", _json(data))

    def save(self, cid: int, columns: Columns) -> None:
        """Checkpoint chunk ``cid``: its file, then the manifest."""
        if cid in self.finished:
            raise ValueError(f"chunk {cid} is finished already")
        _write_parquet(self._chunk_path(cid), columns)
        rows = len(next(iter(columns.values()))) if columns else 0
        self.finished[cid] = rows
        self._write_manifest()

    def chunk(self, cid: int) -> dict[str, np.ndarray]:
        """The columns of finished chunk ``cid``."""
        return read_parquet_columns(self._chunk_path(cid))

    def chunks(self, ids: Sequence[int]) -> Iterator[dict[str, np.ndarray]]:
        for cid in ids:
            yield self.chunk(cid)

    def finish(self, ids: Sequence[int]) -> Path:
        """Write ``samples.parquet`` from the chunks ``ids`` in that order (one at a time in
        memory), mark the run complete and remove the chunk files."""
        if self.complete:
            return self.samples_path
        missing = [c for c in ids if c not in self.finished]
        if missing:
            raise ValueError(f"chunks not finished: {missing[:5]}")
        pa = _pyarrow()
        tmp = self.folder / ".samples.parquet.tmp"
        writer = None
        try:
            for cid in ids:
                table = pa.parquet.read_table(self._chunk_path(cid))
                if writer is None:
                    writer = pa.parquet.ParquetWriter(tmp, table.schema)
                writer.write_table(table)
        finally:
            if writer is not None:
                writer.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.samples_path)
        self.complete = True
        self._write_manifest()
        shutil.rmtree(self.chunk_dir, ignore_errors=True)
        return self.samples_path

    def attach(self, name: str, data: bytes) -> Path:
        """Keep a copy of an input file in the run folder (``input/NAME``), so that a resumed
        run reads what the run started with."""
        folder = self.folder / "input"
        folder.mkdir(exist_ok=True)
        path = folder / Path(name).name
        write_atomic(path, data)
        return path

    def attachment(self, name: str) -> Path:
        """The copy of input file ``name`` (see :meth:`attach`)."""
        path = self.folder / "input" / Path(name).name
        if not path.is_file():
            raise InputError(f"{self.folder}: the run's copy of its input {name} is missing")
        return path

    def write_summary(self, data: Any) -> Path:
        """Write ``summary.json``."""
        write_atomic(self.summary_path, _json(data))
        return self.summary_path


def _clean(data: Any) -> Any:
    """NaN and infinities as ``null`` (JSON has no such numbers)."""
    if isinstance(data, float):
        return data if np.isfinite(data) else None
    if isinstance(data, Mapping):
        return {k: _clean(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_clean(v) for v in data]
    return data


def _json(data: Any) -> bytes:
    text = json.dumps(_clean(data), indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode()
