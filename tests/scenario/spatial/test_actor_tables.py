"""Published BDM / expected-utility tables in the shapes they come in (tests/data/forecast/tables).

Every fixture holds the emission-standards table of Bueno de Mesquita (1994) in another shape;
all must read as the accord YAML of the same table does, and give its forecasts.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.api import load_spatial_data, run_model
from accord.errors import InputError, ScenarioError
from accord.scenario.spatial.readers.actor_table import parse_actor_table

DATA = Path(__file__).resolve().parents[2] / "data" / "forecast"
TABLES = DATA / "tables"

# file, what the caller must state (the file does not), expected note about saliences
SHAPES = [
    ("stakeholder-resources.csv", {"scale": (4, 10)}, "read on 0-100 (the largest is 100)"),
    ("name-c-x-s.tsv", {"scale": (4, 10)}, "read on 0-1"),
    ("cr-only.csv", {"scale": (4, 10)}, "read on 0-1"),
    ("semicolon.csv", {"scale": (4, 10)}, "read on 0-1"),
    ("scales-in-header.csv", {}, None),
    ("long-with-scale-columns.csv", {}, "read on 0-1"),
    ("../emission-standards-1994.csv", {"scale": (4, 10)}, "read on 0-1"),
]


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    return load_spatial_data(DATA / "emission-standards.yaml")


@pytest.mark.parametrize(("name", "stated", "note"), SHAPES)
def test_every_shape_reads_as_the_published_table(name, stated, note, reference) -> None:  # type: ignore[no-untyped-def]
    d = load_spatial_data(TABLES / name, **stated)
    assert d.actors == reference.actors
    assert d.scale == ((4.0, 10.0),)
    np.testing.assert_allclose(d.position, reference.position)
    np.testing.assert_allclose(d.salience, reference.salience)
    np.testing.assert_allclose(
        d.capability / d.capability.sum(), reference.capability / reference.capability.sum()
    )
    if note is None:
        assert d.notes == ()
    else:
        assert any(note in n for n in d.notes)


@pytest.mark.parametrize(("name", "stated", "note"), SHAPES[:1])
def test_forecasts_are_those_of_the_published_case(name, stated, note) -> None:  # type: ignore[no-untyped-def]
    d = load_spatial_data(TABLES / name, **stated)
    assert run_model(d, "compromise").forecast[0] == pytest.approx(7.39, abs=0.005)
    assert run_model(d, "median").forecast[0] == pytest.approx(7.0)
    # On 4..10 (not 0..100) the SMP and Nash forecasts are those of the YAML file.
    assert run_model(d, "smp").forecast[0] == pytest.approx(6.44, abs=0.005)
    assert run_model(d, "nash").forecast[0] == pytest.approx(5.72, abs=0.005)


def test_a_table_without_a_scale_is_refused_with_the_way_to_state_it() -> None:
    with pytest.raises(ScenarioError) as exc:
        load_spatial_data(DATA / "emission-standards-1994.csv")
    (p,) = exc.value.problems
    assert "no stated scale (they run from 4 to 10)" in p.message
    assert "scale_min and scale_max" in p.message and "--scale LO:HI" in p.message


def test_stated_scales_that_disagree_are_refused() -> None:
    with pytest.raises(ScenarioError, match="contradicts the header's 4-10"):
        load_spatial_data(TABLES / "scales-in-header.csv", scale=(0, 100))
    with pytest.raises(ScenarioError, match="contradicts the header's 0-100"):
        load_spatial_data(TABLES / "scales-in-header.csv", salience_scale=1)


def test_declared_salience_scale_needs_no_note() -> None:
    d = load_spatial_data(TABLES / "stakeholder-resources.csv", scale=(4, 10), salience_scale=100)
    assert d.notes == ()
    assert d.salience.max() == pytest.approx(1.0)


def test_other_formats_refuse_a_scale_option() -> None:
    with pytest.raises(InputError, match="applies to actor tables only"):
        load_spatial_data(DATA / "dummyData_3Dim.csv", scale=(0, 100))


def test_header_names_every_accepted_column_when_one_is_missing() -> None:
    with pytest.raises(ScenarioError) as exc:
        parse_actor_table("Who,Resources,Position,Salience\nA,1,2,3\n", "t.csv")
    assert "actor / stakeholder / name / player" in str(exc.value)


def test_salience_above_100_and_a_bad_number_are_located() -> None:
    text = "Actor,Capability,Position (0-10),Salience (%)\nA,1,5,120\nB,x,5,50\n"
    with pytest.raises(ScenarioError) as exc:
        parse_actor_table(text, "t.csv")
    msgs = [str(p) for p in exc.value.problems]
    assert "t.csv:2: salience: actor 'A': salience 120 is off the scale; valid: 0..100" in msgs
    assert "t.csv:3: capability: actor 'B': capability: 'x' is not a number" in msgs


def test_long_table_actor_without_a_row_takes_no_part() -> None:
    text = (
        "actor,dimension,capability,position (0-100),salience\n"
        "A,x,1,10,0.5\nA,y,1,20,0.5\nB,x,2,30,0.5\nB,y,2,40,0.5\nC,x,1,50,0.5\n"
    )
    d = parse_actor_table(text)
    assert d.absent() == {"y": ("C",)}
    assert np.isnan(d.position[2, 1]) and np.isnan(d.salience[2, 1])
