"""GeniusWeb import and export: semantics, located errors, round trip, CLI.

The fixtures (tests/data/geniusweb) are written in GeniusWeb's published JSON shapes: a domain
``{"name", "issuesValues": {issue: {"values": [...]}}}`` and ``LinearAdditiveUtilitySpace``
profiles with ``DiscreteValueSetUtilities``, ``issueWeights``, the embedded ``domain`` and an
optional ``reservationBid`` (complete for A, absent for B, partial for C).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from accord.cli.app import app
from accord.errors import InputError, ScenarioError
from accord.scenario import loads_scenario
from accord.scenario.negotiation.geniusweb_export import export_geniusweb
from accord.scenario.negotiation.geniusweb_import import import_geniusweb

DATA = Path(__file__).parents[2] / "data" / "geniusweb"
DOMAIN = DATA / "party_domain.json"
PROFILES = [DATA / "partyA.json", DATA / "partyB.json", DATA / "partyC_partial.json"]


def test_utilities_are_read_as_given() -> None:
    _, sc = import_geniusweb(DOMAIN, PROFILES)
    assert [i.name for i in sc.issues] == ["dessert", "music", "location"]
    a = sc.preferences["partyA"]
    np.testing.assert_allclose(a.weights, [0.5, 0.3, 0.2])
    np.testing.assert_allclose(a.values[1], [1.0, 0.5, 0.2])  # no division by a maximum
    np.testing.assert_allclose(sc.preferences["partyB"].values[2], [1.0, 0.0])


def test_reservations_follow_the_reservation_bids() -> None:
    _, sc = import_geniusweb(DOMAIN, PROFILES)
    a = sc.actor("partyA")
    # complete bid (fruit, dj, garden): 0.5 * 0.6 + 0.3 * 0.5 + 0.2 * 0.3 = 0.51
    assert a.reservation == pytest.approx(0.51)
    assert dict(a.reservation_package or {}) == {
        "dessert": "fruit",
        "music": "dj",
        "location": "garden",
    }
    assert sc.actor("partyB").reservation == 0.0  # no bid: any agreement beats none
    # partial bid {music: dj}: 0.4 * 0.4, the other issues count 0 in GeniusWeb
    assert sc.actor("partyC_partial").reservation == pytest.approx(0.16)


def test_round_trip_keeps_every_utility(tmp_path: Path) -> None:
    _, sc = import_geniusweb(DOMAIN, PROFILES[:2])
    files = export_geniusweb(sc)
    assert set(files) == {"domain.json", "partyA.json", "partyB.json"}
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    prof = json.loads(files["partyA.json"])["LinearAdditiveUtilitySpace"]
    assert prof["reservationBid"] == {
        "issuevalues": {"dessert": "fruit", "music": "dj", "location": "garden"}
    }
    assert "reservationBid" not in json.loads(files["partyB.json"])["LinearAdditiveUtilitySpace"]
    _, again = import_geniusweb(
        tmp_path / "domain.json", [tmp_path / "partyA.json", tmp_path / "partyB.json"]
    )
    for pid in ("partyA", "partyB"):
        np.testing.assert_allclose(
            again.preferences[pid].weights, sc.preferences[pid].weights, atol=1e-6
        )
        for v1, v2 in zip(again.preferences[pid].values, sc.preferences[pid].values, strict=True):
            np.testing.assert_allclose(v1, v2)
        assert again.actor(pid).reservation == pytest.approx(sc.actor(pid).reservation, abs=1e-6)


def test_exported_weights_sum_to_exactly_one_in_decimal() -> None:
    from decimal import Decimal

    doc = {
        "accord": 1,
        "title": "Thirds",
        "actors": [
            {"id": "a", "role": "principal", "reservation": 0.0},
            {"id": "b", "role": "principal", "reservation": 0.0},
        ],
        "issues": [{"id": f"i{k}", "options": ["x", "y"]} for k in range(3)],
        "preferences": {
            p: {
                "weights": {f"i{k}": 1 for k in range(3)},
                "values": {f"i{k}": {"x": 0.0, "y": 1.0} for k in range(3)},
            }
            for p in "ab"
        },
    }
    sc = loads_scenario(json.dumps(doc), "t.json")
    prof = json.loads(export_geniusweb(sc)["a.json"])
    weights = prof["LinearAdditiveUtilitySpace"]["issueWeights"].values()
    assert sum(Decimal(repr(w)) for w in weights) == Decimal(1)


def test_a_positive_numeric_reservation_is_refused_with_the_way_out(tmp_path: Path) -> None:
    text, _ = import_geniusweb(DOMAIN, PROFILES[:2])
    numeric = loads_scenario(text.replace("value: 0.0", "value: 0.4"), "n.yaml")
    with pytest.raises(InputError) as exc:
        export_geniusweb(numeric)
    assert "reservation value 0.4, a number" in str(exc.value)
    assert "reservation: {package: ...}" in str(exc.value) and "accord export genius" in str(
        exc.value
    )


def problems(domain: Path, profiles: list[Path]) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        import_geniusweb(domain, profiles)
    return [str(p) for p in exc.value.problems]


def test_bad_files_are_located() -> None:
    (msg,) = problems(DOMAIN, [PROFILES[0], DATA / "bad_profile.json"])
    assert msg.startswith(f"{DATA / 'bad_profile.json'}:18: ")
    assert "valueUtilities.dj: 1.5 is outside [0, 1]" in msg
    (msg,) = problems(DATA / "bad_number_domain.json", PROFILES[:2])
    assert ":4: issuesValues.budget: number-valued issues (range) are not supported" in msg


def test_semantic_problems_are_all_reported(tmp_path: Path) -> None:
    doc = json.loads((DATA / "partyB.json").read_text(encoding="utf-8"))
    space = doc["LinearAdditiveUtilitySpace"]
    space["issueWeights"]["music"] = 0.75
    del space["issueUtilities"]["dessert"]["DiscreteValueSetUtilities"]["valueUtilities"]["none"]
    space["reservationBid"] = {"issuevalues": {"music": "choir"}}
    bad = tmp_path / "b.json"
    bad.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    msgs = problems(DOMAIN, [PROFILES[0], bad])
    assert any("no utility for 'none'" in m for m in msgs)
    assert any("the issue weights sum to 1.3" in m for m in msgs)
    assert any("'choir' is not a value of 'music'" in m for m in msgs)
    assert all(m.startswith(f"{bad}:") for m in msgs)


def test_not_json_and_duplicate_keys_are_located(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_text('{"name": "x",\n "name": "y", "issuesValues": {}}', encoding="utf-8")
    assert "duplicate key 'name'" in problems(f, PROFILES[:2])[0]
    f.write_text("{\n  'name': 1\n}", encoding="utf-8")
    assert ":2: not valid JSON" in problems(f, PROFILES[:2])[0]


def test_cli_import_and_export(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "party.yaml"
    res = runner.invoke(
        app, ["import", "geniusweb", str(DOMAIN), *map(str, PROFILES[:2]), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "principals, 3 issues" in res.output
    res = runner.invoke(app, ["export", "geniusweb", str(out), "-o", str(tmp_path / "gw")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "gw" / "domain.json").exists()
    bad = runner.invoke(app, ["import", "geniusweb", str(DOMAIN), str(DATA / "bad_profile.json")])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: ")
