"""``accord list`` reads a few fields from the built-in files without the schema: what it shows
must be what the loaded scenario says."""

from __future__ import annotations

import pytest

from accord import api
from accord.scenario import builtin_names, load_scenario


@pytest.mark.parametrize("name", builtin_names())
def test_the_listing_matches_the_loaded_scenario(name: str) -> None:
    row = next(r for r in api.list_scenarios() if r["name"] == name)
    sc = load_scenario(name)
    assert row["title"] == sc.title
    assert row["date"] == str(sc.date)
    assert row["principals"] == [a.id for a in sc.principals]
    assert row["issues"] == len(sc.issues)
    assert sc.outcome is not None
    assert row["recorded_agreement"] is sc.outcome.agreement


def test_every_builtin_is_listed_once() -> None:
    assert [r["name"] for r in api.list_scenarios()] == list(builtin_names())
