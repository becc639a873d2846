"""The run folder: atomic chunk files, the manifest, adopting a chunk the manifest missed,
the final Parquet file, refusing to overwrite a run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from accord.errors import InputError
from accord.sweep import ChunkStore, LocalExecutor, read_parquet_columns, run_chunks
from accord.sweep.grid import grid_points, parse_axis


def _cols(cid: int) -> dict[str, np.ndarray]:
    return {
        "sample": np.arange(cid * 3, cid * 3 + 3, dtype=np.int64),
        "x": np.linspace(0, 1, 3) + cid,
        "ok": np.array([True, False, True]),
        "reason": np.array(["deal", "ratifiers", "deal"]),
    }


def test_chunks_then_one_parquet_file(tmp_path: Path) -> None:
    store = ChunkStore.create(tmp_path / "run", {"kind": "test", "n": 3})
    for cid in (2, 0, 1):
        store.save(cid, _cols(cid))
    assert json.loads((tmp_path / "run" / "manifest.json").read_text())["finished"] == {
        "0": 3, "1": 3, "2": 3,
    }  # fmt: skip
    path = store.finish([0, 1, 2])
    cols = read_parquet_columns(path)
    assert cols["sample"].tolist() == list(range(9))
    assert cols["reason"].tolist()[:3] == ["deal", "ratifiers", "deal"]
    assert cols["ok"].dtype == bool and not (tmp_path / "run" / "chunks").exists()
    assert not list((tmp_path / "run").glob(".*.tmp"))
    with pytest.raises(InputError, match="another accord process is running this run"):
        ChunkStore.open(tmp_path / "run")  # one driver per run folder
    store.close()
    again = ChunkStore.open(tmp_path / "run")
    assert again.complete and again.run["n"] == 3


def test_resume_adopts_a_chunk_file_the_manifest_missed(tmp_path: Path) -> None:
    store = ChunkStore.create(tmp_path / "run", {"kind": "test"})
    store.save(0, _cols(0))
    # killed between the chunk's rename and the manifest's: the file is whole
    store.save(1, _cols(1))
    manifest = tmp_path / "run" / "manifest.json"
    manifest.write_text(json.dumps({"finished": {"0": 3}, "complete": False}))
    store.close()
    again = ChunkStore.open(tmp_path / "run")
    assert again.finished == {0: 3, 1: 3} and again.adopted == 1
    ran: list[int] = []

    def fn(cid: int) -> int:
        ran.append(cid)
        return cid

    done = run_chunks(LocalExecutor(1), fn, [0, 1, 2], store=again, encode=lambda i, r: _cols(r))
    assert ran == [2] and (done.reused, done.computed) == (2, 1)


def test_an_existing_run_or_folder_is_never_overwritten(tmp_path: Path) -> None:
    ChunkStore.create(tmp_path / "run", {"kind": "test"}).close()
    with pytest.raises(InputError, match="--resume FOLDER"):
        ChunkStore.create(tmp_path / "run", {"kind": "test"})
    with pytest.raises(InputError, match="no run there"):
        ChunkStore.open(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        ChunkStore.create(tmp_path / "file", {})
    with pytest.raises(InputError, match="does not exist"):
        ChunkStore.create(tmp_path / "no" / "such", {})


def test_grid_axes() -> None:
    assert parse_axis("china.enforcement=full, partial,lax").values == ("full", "partial", "lax")
    assert parse_axis("congress.threshold=0.7:0.9:5").values == (0.7, 0.75, 0.8, 0.85, 0.9)
    assert parse_axis("x=0.5:0.5:1").values == (0.5,)
    for bad in ("x", "x=", "=a", "x=a,,b", "x=a,a", "x=0:1", "x=0:1:1", "x=0:nan:3", "x=0:1:z"):
        with pytest.raises(InputError, match="--grid"):
            parse_axis(bad)
    points = grid_points([parse_axis("a=1,2"), parse_axis("b=x,y,z")])
    assert points[:4] == [("1", "x"), ("1", "y"), ("1", "z"), ("2", "x")] and len(points) == 6
    with pytest.raises(InputError, match="twice"):
        grid_points([parse_axis("a=1,2"), parse_axis("a=3")])
    with pytest.raises(InputError, match="grid points"):
        grid_points([parse_axis("a=0:1:101"), parse_axis("b=0:1:101")])


def _half_done(folder: Path) -> ChunkStore:
    store = ChunkStore.create(folder, {"kind": "test", "n": 3})
    for cid in (0, 1, 2):
        store.save(cid, _cols(cid))
    store.close()
    return store


def test_damaged_or_missing_listed_chunks_are_dropped_and_computed_again(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _half_done(run)
    (run / "chunks" / "000001.parquet").write_bytes(b"PAR1 cut short")
    (run / "chunks" / "000002.parquet").unlink()
    (run / "chunks" / "notes.parquet").write_text("not a chunk")  # not NNNNNN: left alone
    (run / "chunks" / "000007.parquet").write_bytes(b"")  # an unlisted, empty file: removed
    store = ChunkStore.open(run)
    assert store.finished == {0: 3} and store.dropped == [1, 2] and store.adopted == 0
    assert not (run / "chunks" / "000001.parquet").exists()
    assert not (run / "chunks" / "000007.parquet").exists()
    assert json.loads((run / "manifest.json").read_text())["finished"] == {"0": 3}
    store.close()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("manifest.json", "[]", "manifest.json is not an object"),
        ("manifest.json", '{"finished": {"x": 3}}', "not a whole number"),
        ("manifest.json", '{"finished": [1], "complete": false}', "must map chunk ids"),
        ("manifest.json", '{"finished": {"0": -3}}', "negative"),
        ("run.json", "[1]", "run.json is not an object"),
        ("run.json", '{"accord_sweep": 1}', "names no kind of run"),
        ("run.json", "{", "unreadable run files"),
    ],
)
def test_edited_run_files_are_one_clear_error(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    run = tmp_path / "run"
    _half_done(run)
    (run / name).write_text(text)
    with pytest.raises(InputError, match=message):
        ChunkStore.open(run)
    (run / name).unlink()
    with pytest.raises(InputError, match=r"unreadable run files|no run there"):
        ChunkStore.open(run)


def test_a_run_folder_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="does not exist"):
        ChunkStore.create(blocker / "run", {"kind": "test"})
    with pytest.raises(InputError, match="cannot write the run folder"):
        ChunkStore.create(Path("/proc/accord-run"), {"kind": "test"})


def test_a_new_folder_without_a_finished_chunk_is_discarded(tmp_path: Path) -> None:
    store = ChunkStore.create(tmp_path / "run", {"kind": "test"})
    store.discard()
    assert not (tmp_path / "run").exists()
    kept = ChunkStore.create(tmp_path / "kept", {"kind": "test"})
    kept.save(0, _cols(0))
    kept.discard()  # a finished chunk is never thrown away
    assert (tmp_path / "kept" / "chunks" / "000000.parquet").is_file()
    kept.close()
