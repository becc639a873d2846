"""The spatial domain value and the accord ``kind: spatial`` document."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.errors import InputError, ScenarioError
from accord.scenario.spatial.loader import detect_format, load_spatial, parse_spatial_document
from accord.scenario.spatial.model import SpatialData

DATA = Path(__file__).resolve().parents[2] / "data" / "forecast"

GOOD = """\
accord: 1
kind: spatial
dimensions:
  - name: sanctions
    reference: 10
actors:
  - name: China
    capability: 3
    positions: {sanctions: 40}
    saliences: {sanctions: 0.9}
  - name: Russia
    capability: 2
    positions: {sanctions: 20}
    saliences: {sanctions: 0.5}
"""


def test_yaml_emission_standards_matches_the_csv() -> None:
    y = load_spatial(DATA / "emission-standards.yaml")
    c = load_spatial(DATA / "emission-standards-1994.csv")
    np.testing.assert_array_equal(y.position, c.position)
    np.testing.assert_array_equal(y.salience, c.salience)
    assert y.scale == ((4.0, 10.0),)
    assert y.outcome[0] == pytest.approx(8.833)


def test_good_document_and_reference() -> None:
    d = parse_spatial_document(GOOD)
    assert d.actors == ("China", "Russia")
    assert d.reference[0] == 10 and np.isnan(d.outcome[0])


def test_json_is_accepted(tmp_path: Path) -> None:
    import json

    import yaml

    p = tmp_path / "s.json"
    p.write_text(json.dumps(yaml.safe_load(GOOD)))
    assert load_spatial(p).n_actors == 2


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("positions: {sanctions: 40}", "positions: {sanctions: 140}"),
            ":9: actors[0].positions.sanctions: 140 is off the scale; valid: 0..100",
        ),
        (
            ("saliences: {sanctions: 0.5}", "saliences: {}"),
            ":14: actors[1].saliences: missing salience for dimension 'sanctions'",
        ),
        (("kind: spatial", "kind: spacial"), ":2: kind: Input should be 'spatial'"),
        (
            ("    reference: 10", "    colour: red"),
            ":5: dimensions[0].colour: Extra inputs are not permitted",
        ),
        (
            ("positions: {sanctions: 20}", "positions: {sanction: 20}"),
            "unknown dimension 'sanction'",
        ),
        (
            ("capability: 3", "capability: -3"),
            ":8: actors[0].capability: Input should be greater than 0",
        ),
    ],
)
def test_located_errors(edit: tuple[str, str], expected: str) -> None:
    with pytest.raises(ScenarioError) as exc:
        parse_spatial_document(GOOD.replace(*edit), "s.yaml")
    assert expected in str(exc.value)


def test_fewer_than_two_actors() -> None:
    one = GOOD.split("  - name: Russia")[0]
    with pytest.raises(ScenarioError, match="needs at least 2 actors, got 1"):
        parse_spatial_document(one, "s.yaml")


def test_bad_yaml_reports_its_line() -> None:
    with pytest.raises(ScenarioError, match=r"s.yaml:3: malformed YAML"):
        parse_spatial_document("accord: 1\nkind: spatial\n  dims: [\n", "s.yaml")


def test_domain_value_checks() -> None:
    with pytest.raises(InputError, match="at least 2 actors"):
        SpatialData(("a",), ("x",), [1.0], [[1.0]], [[1.0]])
    with pytest.raises(InputError, match=r"positions must lie on \[0, 100\]"):
        SpatialData(("a", "b"), ("x",), [1.0, 1.0], [[1.0], [101.0]], [[1.0], [1.0]])
    with pytest.raises(InputError, match="unique"):
        SpatialData(("a", "a"), ("x",), [1.0, 1.0], [[1.0], [1.0]], [[1.0], [1.0]])


def test_with_position_and_arrays_are_read_only() -> None:
    d = parse_spatial_document(GOOD)
    e = d.with_position("Russia", "sanctions", 35.0)
    assert e.position[1, 0] == 35.0 and d.position[1, 0] == 20.0
    with pytest.raises(ValueError):
        d.position[0, 0] = 1.0


def test_detect_format() -> None:
    assert (
        detect_format(DATA / "dummyData_3Dim.csv", (DATA / "dummyData_3Dim.csv").read_text())
        == "ktab-csv"
    )
    assert detect_format(DATA / "actors.csv", (DATA / "actors.csv").read_text()) == "actor-table"
    assert (
        detect_format(DATA / "decide-sample.txt", (DATA / "decide-sample.txt").read_text())
        == "decide"
    )


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_spatial(tmp_path / "nope.yaml")


RATIONALE = """\
accord: 1
kind: spatial
sources:
  - {id: S1, title: "A source"}
  - plain text source
dimensions: [{name: d}]
actors:
  - name: a
    capability: 1
    positions: {d: 10}
    saliences: {d: 1}
    rationale:
      positions: {note: "DERIVED", source: [S1, S9]}
  - {name: b, capability: 1, positions: {d: 90}, saliences: {d: 1}}
"""


def test_rationale_source_ids_are_checked() -> None:
    with pytest.raises(ScenarioError) as exc:
        parse_spatial_document(RATIONALE, "r.yaml")
    (p,) = exc.value.problems
    assert p.path == "actors[0].rationale.positions.source" and p.line == 13
    assert "unknown source id 'S9'; ids in `sources`: S1" in p.message
    data = parse_spatial_document(RATIONALE.replace(", S9", ""), "r.yaml")
    assert data.sources == ("S1: A source", "plain text source")
    with pytest.raises(ScenarioError, match=r"actors\[0\]\.rationale\.position"):
        parse_spatial_document(RATIONALE.replace("      positions: {", "      position: {"))
