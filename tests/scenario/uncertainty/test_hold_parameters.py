"""Holding declared numbers at grid values: a package-valued threshold or no-deal value becomes
the number; a plain number's draw column is overwritten; out-of-range values are refused."""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining.uncertainty.tables import ScenarioTables
from accord.errors import InputError
from accord.scenario.uncertainty.hold import hold_parameters
from accord.scenario.uncertainty.loader import load_uncertain


@pytest.fixture(scope="module")
def hanoi():  # type: ignore[no-untyped-def]
    return load_uncertain("hanoi-2019")


def test_a_package_valued_threshold_becomes_the_held_number(hanoi) -> None:  # type: ignore[no-untyped-def]
    assert hanoi.actor("congress").threshold_package is not None
    held, columns = hold_parameters(hanoi, {"congress.threshold": 0.7, "us.no_deal": 0.35})
    assert held.actor("congress").threshold == 0.7
    assert held.actor("congress").threshold_package is None
    assert held.actor("us").reservation == 0.35 and held.actor("us").reservation_package is None
    decl = hanoi.uncertainty
    assert decl is not None
    names = decl.names
    assert [names[d] for d, _ in columns] == ["congress.threshold", "us.no_deal"]
    u = np.random.default_rng(0).random((16, len(names)))
    x = decl.draw(u)
    for d, v in columns:
        x[:, d] = v
    draw = ScenarioTables(held, decl).draw(x)
    j = [a.id for a in held.ratifiers].index("congress")
    assert (draw.threshold[:, j] == 0.7).all()  # the declared shift no longer applies
    # Seoul's push for a deal still lowers the US's no-deal value (a lever effect, itself
    # declared uncertain: its drawn shift, about -0.03)
    i = [a.id for a in held.principals].index("us")
    shift = x[:, names.index("south_korea.push_for_deal.effects[0]")]
    assert (shift < -0.01).all()
    np.testing.assert_allclose(draw.no_deal[:, i], 0.35 + shift, atol=1e-6)
    # the other numbers are drawn as without a grid
    free = ScenarioTables(hanoi, decl).draw(decl.draw(u))
    k = [a.id for a in held.ratifiers].index("dprk_base")
    assert np.array_equal(draw.threshold[:, k], free.threshold[:, k])


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"congress.threshold": 1.2}, "out of range for a threshold"),
        ({"congress.sigma": 0.0}, "out of range for a sigma"),
        ({"nobody.weights.x": 0.5}, "not a declared uncertain number"),
        ({"ratification.level": float("nan")}, "finite"),
    ],
)
def test_bad_values_are_refused(hanoi, values, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        hold_parameters(hanoi, values)
