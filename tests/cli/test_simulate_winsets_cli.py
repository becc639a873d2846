"""On Hanoi, ``simulate``, ``tournament`` and the batch engine agree with ``accord run``.

Each command runs through its real entry point (the typer app, or ``accord.api`` for the batch
engine) on the built-in Hanoi scenario and on two variants written from it: ``low`` gives both
principals a low no-deal value (they alone would agree on thousands of packages, which their
ratifiers veto: the case of the issue, where ``simulate`` agreed on a package both home
fronts veto), ``open`` also lowers the ratification level until exactly the packages the
ratifiers of both sides pass most readily open up. Nothing about Hanoi's numbers is assumed:
every expectation is derived from ``accord.api.analyze_scenario`` at test time.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from tests.bargaining._twolevel_factory import in_zopa
from typer.testing import CliRunner

from accord.api import analyze_scenario, copy_builtin, negotiation_domain, simulate_batch
from accord.bargaining import Analysis
from accord.cli.app import app

runner = CliRunner()


def _variant(folder: Path, no_deal: float, level: float | None) -> Path:
    path = copy_builtin("hanoi-2019", folder, overwrite=True)[0]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for actor in doc["actors"]:
        if actor.get("role") == "principal":
            actor.pop("reservation", None)
            actor["no_deal"] = no_deal
    doc.pop("adjustable", None)  # its ranges are about the file's own values
    doc.pop("uncertainty", None)
    if level is not None:
        doc.setdefault("ratification", {})["level"] = level
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Analysis]]:
    low = _variant(tmp_path_factory.mktemp("low"), 0.3, None)
    a_low = analyze_scenario(low)
    ws = a_low.winsets
    assert ws is not None
    principals = ws.accepts.all(axis=0)
    # the ratifiers veto packages both principals accept: a simulation ignoring them errs
    assert (principals & ~ws.zopa_mask).any()
    # the level at which the package both sides' ratifiers pass most readily opens up
    joint = np.where(principals, ws.ratification.min(axis=0), 0.0)
    level = math.floor(float(joint.max()) * 1e6) / 1e6
    assert level > 0
    opened = _variant(tmp_path_factory.mktemp("open"), 0.3, level)
    a_open = analyze_scenario(opened)
    assert a_open.zopa.size > 0
    return {
        "hanoi": ("hanoi-2019", analyze_scenario("hanoi-2019")),
        "low": (str(low), a_low),
        "open": (str(opened), a_open),
    }


def _json(*args: str) -> dict[str, Any]:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.stderr
    data: dict[str, Any] = json.loads(res.stdout)
    return data


def _ratification(a: Analysis) -> dict[tuple[int, ...], dict[str, float]]:
    """Per feasible package: each side's joint ratification probability in ``accord run``."""
    assert a.winsets is not None
    opts = a.space.options(np.arange(a.space.n_feasible))
    rat = a.winsets.ratification
    return {
        tuple(int(o) for o in opts[c]): {
            p: float(rat[i, c]) for i, p in enumerate(a.winsets.principals)
        }
        for c in range(a.space.n_feasible)
    }


def _key(a: Analysis, package: dict[str, str]) -> tuple[int, ...]:
    return tuple(a.scenario.package_indices(package))


@pytest.mark.parametrize(
    ("case", "args"),
    [
        ("hanoi", ["-s", "us=conceder", "-s", "dprk=conceder"]),
        ("low", ["-s", "us=conceder", "-s", "dprk=conceder"]),
        ("low", ["--protocol", "mediation"]),
        ("open", ["-s", "us=conceder", "-s", "dprk=conceder"]),
        ("open", ["--protocol", "stacked", "-s", "us=linear", "-s", "dprk=conceder"]),
        ("open", ["--protocol", "mediation", "--rounds", "40"]),
    ],
)
def test_simulate_agrees_only_inside_runs_winsets(
    cases: dict[str, tuple[str, Analysis]], case: str, args: list[str]
) -> None:
    scenario, a = cases[case]
    data = _json("simulate", scenario, *args, "--seed", "3", "--format", "json")
    result = data["result"]
    if result["agreement"]:
        assert in_zopa(a, result["package"])
        expected = _ratification(a)[_key(a, result["package"])]
        for party, got in result["ratification"].items():
            assert got["probability"] == pytest.approx(expected[party], abs=1e-12)
            assert got["probability"] >= data["ratification_level"] - 1e-12
    else:
        assert result["ratification"] is None
    if a.zopa.size == 0:
        assert not result["agreement"]
        reasons = " ".join(e["reason"] or "" for e in data["trace"])
        assert a.winsets is not None
        if a.winsets.accepts.all(axis=0).any():  # the principals alone would agree somewhere
            assert "would not ratify it" in reasons or "would ratify it with" in reasons


def test_simulate_reaches_an_agreement_when_the_winsets_meet(
    cases: dict[str, tuple[str, Analysis]],
) -> None:
    scenario, a = cases["open"]
    data = _json(
        "simulate", scenario, "-s", "us=conceder", "-s", "dprk=conceder", "--rounds", "60",
        "--seed", "1", "--format", "json",
    )  # fmt: skip
    assert data["result"]["agreement"] and in_zopa(a, data["result"]["package"])
    # the ratifiers are probabilistic: the agreement says how likely each side ratifies it
    assert set(data["result"]["ratification"]) == {"us", "dprk"}
    text = runner.invoke(
        app, ["simulate", scenario, "-s", "us=conceder", "-s", "dprk=conceder", "--rounds", "60",
              "--seed", "1", "--format", "markdown"],
    ).stdout  # fmt: skip
    assert "ratifies it with probability" in text and "P(ratified by US Congress" in text


@pytest.mark.parametrize("case", ["hanoi", "open"])
def test_tournament_agrees_only_inside_runs_winsets(
    cases: dict[str, tuple[str, Analysis]], case: str
) -> None:
    scenario, a = cases[case]
    data = _json(
        "tournament", scenario, "-s", "conceder", "-s", "linear", "-s", "nash-seeking",
        "--rounds", "40", "--seed", "2", "--format", "json",
    )  # fmt: skip
    agreed = [m for m in data["matches"] if m["ending"] == "agreement"]
    for m in agreed:
        assert in_zopa(a, m["package"])
    if a.zopa.size == 0:
        assert not agreed
    else:
        assert agreed  # the conceders meet inside the win-sets


@pytest.mark.parametrize("case", ["hanoi", "low", "open"])
def test_batch_agrees_only_inside_runs_winsets(
    cases: dict[str, tuple[str, Analysis]], case: str
) -> None:
    scenario, a = cases[case]
    dom = negotiation_domain(scenario)
    ratification = _ratification(a)
    e = np.exp(np.random.default_rng(0).uniform(-2.0, 2.0, size=(200, 2)))
    for sampled in (False, True):
        batch = simulate_batch(
            scenario, e, rounds=40, sampled_preferences=sampled, concentration=30, seed=1
        )
        rows = batch.table[batch.table["agreement"]]
        for row in rows:
            assert dom.scenario is not None
            pkg = dom.scenario.package_ids(tuple(int(o) for o in dom.options[int(row["package"])]))
            if not sampled:
                assert in_zopa(a, pkg)
            for p in dom.parties:  # the ratifiers keep the scenario's preferences in every run
                expected = ratification[_key(a, pkg)][p]
                assert float(row[f"r_{p}"]) == pytest.approx(expected, abs=1e-12)
                assert float(row[f"r_{p}"]) >= dom.level - 1e-12
        if not sampled:
            assert (rows.size > 0) == (a.zopa.size > 0)  # some exponents meet inside
