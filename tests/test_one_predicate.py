"""Every command on Hanoi goes through the one acceptability predicate (issue 10).

Each test runs one command through the real CLI entry point with a spy on
:func:`accord.space.acceptability.acceptable`, and checks that what the command reports is
consistent with the win-sets that the predicate gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import accord.space.acceptability as acc_module
from accord.cli.app import app

runner = CliRunner()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    calls: list[int] = []
    real = acc_module.acceptable

    def counting(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(acc_module, "acceptable", counting)
    yield calls


def run(*args: str) -> dict[str, Any]:
    res = runner.invoke(app, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    out: dict[str, Any] = json.loads(res.stdout)
    return out


def test_run_uses_the_predicate(spy: list[int]) -> None:
    d = run("run", "hanoi-2019")
    assert spy, "accord run did not call the acceptability predicate"
    ws = d["winsets"]
    assert d["space"]["zopa"] == 0 and not d["verdict"]["agreement_possible"]
    assert all(p["winset"] <= p["accepted"] for p in ws["principals"].values())


def test_diagnose_uses_the_predicate(spy: list[int]) -> None:
    d = run("diagnose", "hanoi-2019", "--limit", "2")
    assert spy
    # every remedy is verified by re-running the analysis (through the predicate)
    assert all(r["verified"] for r in d["what_it_would_take"]["remedies"])


def test_whatif_uses_the_predicate(spy: list[int]) -> None:
    d = run(
        "whatif",
        "hanoi-2019",
        "--set",
        "congress.threshold=0.74",
        "--set",
        "dprk_base.threshold=0.69",
    )
    assert spy
    assert d["diff"]["zopa"]["changed"] > 0


def test_history_check_uses_the_predicate(spy: list[int]) -> None:
    d = run("run", "singapore-2018")
    h = d["history"]
    assert spy and h["matches"]
    check = h["package_check"]
    assert check is not None
    assert all(s["accepts"] and s["ratified"] for s in check["sides"])


def test_the_win_sets_are_the_predicate_applied_package_by_package() -> None:
    from accord.api import analyze_scenario

    a = analyze_scenario("hanoi-2019")
    assert a.winsets is not None
    members = a.winsets.acceptability.members
    direct = acc_module.acceptable(
        a.space.utilities,
        a.space.reservations[:, None],
        a.winsets.ratification,
        a.scenario.ratification_level,
    )
    assert np.array_equal(members, direct)


def _zopa(scenario: str) -> set[tuple[int, ...]]:
    """The packages in every win-set of ``accord run``, as option indices."""
    from accord.api import analyze_scenario

    a = analyze_scenario(scenario)
    return {tuple(int(o) for o in a.space.options(c)[0]) for c in a.zopa}


def _indices(package: dict[str, str]) -> tuple[int, ...]:
    from accord.scenario import load_scenario

    return tuple(load_scenario("hanoi-2019").package_indices(package))


def test_simulate_uses_the_predicate(spy: list[int]) -> None:
    zopa = _zopa("hanoi-2019")
    spy.clear()
    for protocol in ("alternating", "mediation"):
        d = run("simulate", "hanoi-2019", "--protocol", protocol, "--seed", "1")
        assert spy, "accord simulate did not call the acceptability predicate"
        result = d["result"]
        if result["agreement"]:
            assert _indices(result["package"]) in zopa
        else:
            assert result["ratification"] is None
        if not zopa:
            assert not result["agreement"]


def test_tournament_uses_the_predicate(spy: list[int]) -> None:
    zopa = _zopa("hanoi-2019")
    spy.clear()
    d = run("tournament", "hanoi-2019", "-s", "conceder", "-s", "random", "--seed", "1")
    assert spy, "accord tournament did not call the acceptability predicate"
    for m in d["matches"]:
        if m["ending"] == "agreement":
            assert _indices(m["package"]) in zopa
    if not zopa:
        assert all(m["ending"] != "agreement" for m in d["matches"])
