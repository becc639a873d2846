"""GENIUS files as published: reservations below 0 and discount factors as GENIUS and NegMAS
read them; garbage numbers and unknown encodings are located errors.

``itex_cypress_*.xml`` are written in the shape of the ANAC 2010 ItexvsCypress profiles
(reservations -0.0386 and -0.0356; Itex's discount factor 0, which GENIUS reads as none).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.bargaining.analysis import analyze
from accord.errors import ScenarioError
from accord.scenario.negotiation.genius_export import export_genius
from accord.scenario.negotiation.genius_import import import_genius

DATA = Path(__file__).parents[2] / "data" / "genius"
ITEX = [DATA / "itex_cypress_itex.xml", DATA / "itex_cypress_cypress.xml"]


def test_reservations_below_zero_load_as_given() -> None:
    _, sc = import_genius(DATA / "itex_cypress_domain.xml", ITEX)
    assert sc.actor("itex_cypress_itex").reservation == pytest.approx(-0.0386)
    assert sc.actor("itex_cypress_cypress").reservation == pytest.approx(-0.0356)
    assert "below every package" in sc.description
    assert "discount factor 0, which GENIUS and NegMAS read as no discounting" in sc.description


def test_a_reservation_below_zero_is_below_every_package() -> None:
    _, sc = import_genius(DATA / "itex_cypress_domain.xml", ITEX)
    a = analyze(sc)
    # every feasible package is acceptable to both: the ZOPA is the whole space
    assert int(a.zopa.size) == int(np.prod(sc.shape))
    nash = next(s for s in a.solutions if s.concept == "nash")
    # the Nash product counts gains from -0.0386 / -0.0356, as GENIUS's reservation says
    assert nash.gains["itex_cypress_itex"] == pytest.approx(
        nash.utilities["itex_cypress_itex"] + 0.0386
    )


def test_export_keeps_a_negative_reservation(tmp_path: Path) -> None:
    _, sc = import_genius(DATA / "itex_cypress_domain.xml", ITEX)
    files = export_genius(sc)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    _, again = import_genius(
        tmp_path / "domain.xml",
        [tmp_path / "itex_cypress_itex.xml", tmp_path / "itex_cypress_cypress.xml"],
    )
    assert again.actor("itex_cypress_itex").reservation < 0


def problems(domain: Path, profiles: list[Path]) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        import_genius(domain, profiles)
    return [str(p) for p in exc.value.problems]


def test_garbage_numbers_and_types_are_errors_not_ignored() -> None:
    msgs = problems(
        DATA / "holiday_domain.xml", [DATA / "bad_nan_attributes.xml", DATA / "holiday_party2.xml"]
    )
    assert (
        f"{DATA / 'bad_nan_attributes.xml'}:6: issue index 1: index='NaN' is not an integer" in msgs
    )
    assert any(":6: issue index 1: cost='-Infinity' is not a finite number" in m for m in msgs)
    assert any(":10: issue index 2: type='NaN' is not a GENIUS issue type" in m for m in msgs)


@pytest.mark.parametrize("attr", ['evaluation="NaN"', 'evaluation="-Infinity"'])
def test_non_finite_evaluations_are_errors(tmp_path: Path, attr: str) -> None:
    text = (DATA / "holiday_party1.xml").read_text(encoding="utf-8")
    bad = tmp_path / "p.xml"
    bad.write_text(text.replace('evaluation="4"', attr, 1), encoding="utf-8")
    msgs = problems(DATA / "holiday_domain.xml", [bad, DATA / "holiday_party2.xml"])
    assert any("is not a finite number" in m for m in msgs), msgs


def test_an_unknown_declared_encoding_is_a_located_error() -> None:
    (msg,) = problems(
        DATA / "holiday_domain.xml", [DATA / "bad_encoding.xml", DATA / "holiday_party2.xml"]
    )
    assert msg.startswith(
        f"{DATA / 'bad_encoding.xml'}:1: the XML declaration names the encoding 'NaN'"
    )


def test_a_reservation_beyond_the_accepted_range_is_located(tmp_path: Path) -> None:
    text = ITEX[0].read_text(encoding="utf-8").replace('"-0.0386"', '"-3"')
    bad = tmp_path / "itex.xml"
    bad.write_text(text, encoding="utf-8")
    (msg,) = problems(DATA / "itex_cypress_domain.xml", [bad, ITEX[1]])
    assert "reservation value -3.0 is outside [-1, 1]" in msg
