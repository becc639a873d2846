"""``accord whatif --move`` and forecast-driven levers through ``python -m accord``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_twolevel_cli import entry_point

from accord import api
from accord.errors import InputError
from accord.scenario import builtin_names, load_scenario


def test_hanoi_levers_come_from_the_smp_forecast_and_stay_partial() -> None:
    a = api.analyze_scenario("hanoi-2019")
    assert a.verdict.headline == "No agreement"
    for key, actor in (("china.enforcement", "China"), ("russia.enforcement", "Russia")):
        lv = a.scenario.lever(key)
        assert lv.current == "partial"
        assert lv.resolution is not None and lv.resolution.model == "smp"
        assert lv.resolution.actor == actor
        assert 25.0 < lv.resolution.position < 75.0  # nearer 50 than 0 or 100


def test_the_spatial_file_is_not_a_builtin_scenario() -> None:
    assert "hanoi-2019.enforcement" not in builtin_names()
    assert "hanoi-2019" in builtin_names()
    data = load_scenario("hanoi-2019").lever("china.enforcement").forecast
    assert data is not None
    assert {"US", "China", "Russia", "South Korea", "Japan"} <= set(data.data.actors)


def test_run_says_which_forecast_set_each_lever() -> None:
    r = entry_point("run", "hanoi-2019")
    assert r.returncode == 0, r.stderr
    assert "China's sanctions enforcement: partial, from the smp forecast" in r.stdout
    data = json.loads(entry_point("run", "hanoi-2019", "-f", "json").stdout)
    china = next(x for x in data["levers"] if x["key"] == "china.enforcement")
    assert china["forecast"]["model"] == "smp" and china["forecast"]["setting"] == "partial"
    assert china["forecast"]["data"] == "hanoi-2019.enforcement.yaml"


def test_move_changes_a_lever_and_the_diff_shows_it() -> None:
    r = entry_point("whatif", "hanoi-2019", "--move", "China.enforcement=100", "-f", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["diff"]["levers"]["china.enforcement"] == ["partial", "full"]
    keys = [c["key"] for c in d["changes"]]
    assert keys[0] == "China.enforcement" and "china.enforcement" in keys
    assert d["diff"]["verdict"]["changed"] == "No agreement"
    text = entry_point("whatif", "hanoi-2019", "--move", "China.enforcement=100")
    assert text.returncode == 0, text.stderr
    assert "China's position on 'enforcement' moved from 40 to 100" in text.stdout
    assert "moved to 'full' (not 'partial')" in text.stdout
    # the diff table has a row for the lever: base 'partial', what-if 'full'
    assert any(
        "sanctions enforcement" in line and "partial" in line and "full" in line
        for line in text.stdout.splitlines()
    )


def test_move_and_set_together() -> None:
    w = api.whatif_scenario(
        "hanoi-2019", {"russia.enforcement": "lax"}, api.parse_moves(["China.enforcement=100"])
    )
    assert w.diff()["levers"] == {
        "china.enforcement": ["partial", "full"],
        "russia.enforcement": ["partial", "lax"],
    }


def test_bad_move_is_one_line_and_exit_2() -> None:
    r = entry_point("whatif", "hanoi-2019", "--move", "China.enforcement=150")
    assert r.returncode == 2
    assert "off the scale of 'enforcement'; valid: 0..100" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = entry_point("whatif", "hanoi-2019", "--move", "Iran.enforcement=10")
    assert r.returncode == 2 and "unknown actor" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_copy_writes_the_spatial_data_alongside(tmp_path: Path) -> None:
    target, *companions = api.copy_builtin("hanoi-2019", tmp_path)
    assert [c.name for c in companions] == ["hanoi-2019.enforcement.yaml"]
    assert (tmp_path / "hanoi-2019.enforcement.yaml").is_file()
    a = api.analyze_scenario(target)
    assert a.scenario.lever("china.enforcement").current == "partial"
    with pytest.raises(InputError, match="the file exists"):
        api.copy_builtin("hanoi-2019", tmp_path / "other.yaml")
