"""Advice and defaults the user can see: the drawn tournament seed, size refusals that give
advice the command line can follow, and the file-size limit on every forecast input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.app import app
from accord.errors import AnalysisError
from accord.scenario import load_scenario
from accord.space.outcomes import build_space

runner = CliRunner()


def test_tournament_without_a_seed_prints_the_seed_it_drew() -> None:
    res = runner.invoke(app, ["tournament", "-s", "boulware", "-s", "hardliner", "-f", "markdown"])
    assert res.exit_code == 0, res.output
    m = re.search(r"seed (\d+)", res.output)
    assert m, res.output
    again = runner.invoke(
        app,
        ["tournament", "-s", "boulware", "-s", "hardliner", "-f", "markdown", "--seed", m[1]],
    )
    assert again.output == res.output


def test_tournament_json_carries_the_seed() -> None:
    res = runner.invoke(
        app, ["tournament", "-s", "random", "-s", "linear", "--seed", "7", "-f", "json"]
    )
    assert '"seed": 7' in res.output


def test_size_refusal_gives_advice_the_command_line_can_follow() -> None:
    with pytest.raises(AnalysisError) as exc:
        build_space(load_scenario("hanoi-2019"), max_packages=10)
    assert "reduce the issues or options" in str(exc.value)
    assert "max_packages" not in str(exc.value)


@pytest.mark.parametrize("name", ["big.yaml", "big.csv", "big.xml", "big.txt"])
def test_every_spatial_file_over_10_mib_is_refused_unread(tmp_path: Path, name: str) -> None:
    big = tmp_path / name
    with big.open("wb") as fh:
        fh.truncate(63 * 1024 * 1024)  # sparse: refused by its size, never read
    res = runner.invoke(app, ["forecast", str(big)])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "accord reads files of at most 10,485,760 bytes" in lines[0]
