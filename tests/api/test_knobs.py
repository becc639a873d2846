"""What-if knobs: every lever and adjustable quantity, with its current value."""

from __future__ import annotations

from accord import api


def test_hanoi_knobs_are_its_levers_then_its_quantities() -> None:
    sc = api.load_builtin_scenario("hanoi-2019")
    knobs = {k.key: k for k in api.whatif_knobs(sc)}
    china = knobs["china.enforcement"]
    assert china.kind == "setting" and china.settings == ("full", "partial", "lax")
    assert china.current == "partial"  # its forecast-driven setting, resolved
    congress = knobs["congress.threshold"]
    assert congress.kind == "number"
    assert (congress.low, congress.high, congress.current) == (0.72, 0.96, 0.84)
    assert knobs["us.no_deal"].label == "United States: no-deal value"
    assert len(knobs) == len(sc.levers) + len(sc.adjustable)


def test_a_knob_moved_within_its_range_changes_the_winsets() -> None:
    sc = api.load_builtin_scenario("hanoi-2019")
    knob = next(k for k in api.whatif_knobs(sc) if k.key == "congress.threshold")
    assert knob.low is not None
    w = api.whatif_scenario(sc, {knob.key: knob.low})
    sizes = w.diff()["winsets"]
    assert sizes["base"]["us"]["winset"] == 96
    assert sizes["changed"]["us"]["winset"] > 96


def test_a_scenario_without_levers_has_no_setting_knobs() -> None:
    sc = api.load_builtin_scenario("singapore-2018")
    assert all(k.kind == "number" for k in api.whatif_knobs(sc)) or not sc.levers
