"""Seeded fuzzing of every reader and every file-reading command.

A few hundred files are made by mutating real fixtures as a hostile user would: flipped and
inserted bytes (including bytes that are not UTF-8, NUL and byte-order marks), cut and
repeated lines, CR-only line ends, numbers replaced by ``NaN``, ``-Infinity``, ``1e308`` or
booleans, nesting 10,000 deep, a 200 KB cell, an unknown XML encoding. Each goes through the
real entry point. Every run must end with exit code 0, or exit code 2 with nothing but
``error: ...`` lines on stderr: never a traceback, never a hang.
"""

from __future__ import annotations

import random
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.conftest import scenario_dict
from typer.testing import CliRunner

from accord.cli.app import app

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = 20_240_613
CASES_PER_FILE = 30
LIMIT_SECONDS = 20  # per run; a hang fails the test instead of blocking the suite

SCENARIO = scenario_dict(
    {"a": [[0.0, 0.5, 1.0], [1.0, 0.0]], "b": [[1.0, 0.5, 0.0], [0.0, 1.0]]},
    reservations={"a": 0.3, "b": 0.3},
)


def _yaml(doc: object) -> bytes:
    import yaml

    return yaml.safe_dump(doc, sort_keys=False).encode()


# name -> (file suffix, original bytes, commands: each a function of the file path)
Command = Callable[[Path, Path], list[str]]
FIXTURES: dict[str, tuple[str, bytes, list[Command]]] = {
    "spatial-yaml": (
        ".yaml",
        (DATA / "forecast" / "emission-standards.yaml").read_bytes(),
        [lambda f, t: ["forecast", str(f)], lambda f, t: ["backtest", str(f), "-m", "median"]],
    ),
    "ktab-csv": (
        ".csv",
        (DATA / "forecast" / "dummyData_3Dim.csv").read_bytes(),
        [lambda f, t: ["forecast", str(f), "-m", "compromise,smp"]],
    ),
    "ktab-xml": (
        ".xml",
        (DATA / "forecast" / "dummyData_3Dim-stochastic.xml").read_bytes(),
        [lambda f, t: ["forecast", str(f), "-m", "smp,expected_utility"]],
    ),
    "decide": (
        ".txt",
        (DATA / "forecast" / "decide-absent.txt").read_bytes(),
        [lambda f, t: ["forecast", str(f), "-m", "exchange,nash"]],
    ),
    "actor-table": (
        ".csv",
        (DATA / "forecast" / "tables" / "scales-in-header.csv").read_bytes(),
        [lambda f, t: ["forecast", str(f), "-f", "json"]],
    ),
    "scenario": (
        ".yaml",
        _yaml(SCENARIO),
        [
            lambda f, t: ["run", str(f)],
            lambda f, t: ["validate", str(f)],
            lambda f, t: ["simulate", str(f), "--rounds", "5", "--seed", "1"],
            lambda f, t: ["export", "genius", str(f), "-o", str(t)],
            lambda f, t: ["export", "geniusweb", str(f), "-o", str(t)],
        ],
    ),
    "phasing": (
        ".yaml",
        (Path(__file__).resolve().parents[2] / "src/accord/scenario/builtin")
        .joinpath("hanoi-2019.phasing.yaml")
        .read_bytes(),
        [lambda f, t: ["phase", str(f)]],
    ),
    "genius": (
        ".xml",
        (DATA / "genius" / "itex_cypress_itex.xml").read_bytes(),
        [
            lambda f, t: [
                "import",
                "genius",
                str(DATA / "genius" / "itex_cypress_domain.xml"),
                str(f),
                str(DATA / "genius" / "itex_cypress_cypress.xml"),
            ]
        ],
    ),
    "geniusweb": (
        ".json",
        (DATA / "geniusweb" / "partyA.json").read_bytes(),
        [
            lambda f, t: [
                "import",
                "geniusweb",
                str(DATA / "geniusweb" / "party_domain.json"),
                str(f),
                str(DATA / "geniusweb" / "partyB.json"),
            ]
        ],
    ),
}


def _numbers(data: bytes) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(rb"-?\d+(?:\.\d+)?", data)]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One hostile edit of ``data``."""
    kind = rng.randrange(12)
    n = len(data)
    at = rng.randrange(n) if n else 0
    if kind == 0:  # flip a byte
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if kind == 1:  # bytes that are not UTF-8, or NUL
        return data[:at] + rng.choice([b"\xff", b"\xe9", b"\x00", b"\xc3\x28"]) + data[at:]
    if kind == 2:  # cut a range
        return data[:at] + data[at + rng.randrange(1, 200) :]
    if kind == 3:  # repeat a line
        lines = data.splitlines(keepends=True)
        k = rng.randrange(len(lines))
        return b"".join(lines[: k + 1] + lines[k:])
    if kind == 4:  # truncate
        return data[:at]
    if kind == 5:  # CR-only line ends, with a byte-order mark
        return b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if kind in (6, 7):  # a number replaced by garbage
        spans = _numbers(data)
        if spans:
            a, b = rng.choice(spans)
            bad = rng.choice([b"NaN", b"-Infinity", b"1e308", b"true", b'"0.6"', b"-1e15", b".inf"])
            return data[:a] + bad + data[b:]
        return data
    if kind == 8:  # nesting 10,000 deep
        return data[:at] + b"[" * 10_000 + b"]" * 10_000 + data[at:]
    if kind == 9:  # a 200 KB cell
        return data[:at] + b"9" * 200_000 + data[at:]
    if kind == 10:  # an unknown XML encoding (or junk in front of a text file)
        if data.startswith(b"<?xml"):
            return data.replace(b'encoding="UTF-8"', b'encoding="NaN"', 1)
        return b"<?xml version='1.0' encoding='bogus'?>" + data
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 30))) + data[at:]


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def boom(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_mutated_files_end_in_success_or_clean_errors(name: str, tmp_path: Path) -> None:
    suffix, original, commands = FIXTURES[name]
    rng = random.Random(f"{SEED}-{name}")
    runner = CliRunner()
    outcomes = {0: 0, 2: 0}
    for case in range(CASES_PER_FILE):
        data = original
        for _ in range(rng.randrange(1, 3)):
            data = mutate(data, rng)
        f = tmp_path / f"case{case}{suffix}"
        f.write_bytes(data)
        out = tmp_path / f"out{case}"
        args = commands[case % len(commands)](f, out)
        with deadline(LIMIT_SECONDS):
            res = runner.invoke(app, args)
        where = f"{name} case {case}: accord {' '.join(args)}"
        assert res.exit_code in (0, 2), f"{where}: exit {res.exit_code}\n{res.exception!r}"
        outcomes[res.exit_code] += 1
        if res.exit_code == 2:
            lines = res.stderr.strip().splitlines()
            assert lines, where
            assert all(line.startswith("error: ") for line in lines), f"{where}:\n{res.stderr}"
            assert "Traceback" not in res.stderr
    # the mutations must really exercise the error paths
    assert outcomes[2] >= CASES_PER_FILE // 3, outcomes
