"""The one reading policy every reader follows (scenario/_io/policy.py), tested centrally."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.scenario._io.policy import (
    CSV_FIELD_LIMIT,
    MAX_BYTES,
    MAX_DEPTH,
    csv_rows,
    decode_text,
    decode_xml,
    read_bytes,
    read_text,
    sniff_delimiter,
)
from accord.scenario._io.xml import parse_xml_text
from accord.scenario._io.yamlio import read_document


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the limit must hold without reading it
    with pytest.raises(ScenarioError, match="at most 10,485,760 bytes"):
        read_bytes(big)
    ok = tmp_path / "ok.csv"
    ok.write_bytes(b"a" * 10)
    assert read_bytes(ok) == b"a" * 10


def test_missing_file_and_folder_are_located(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"nowhere\.csv: cannot read the file"):
        read_bytes(tmp_path / "nowhere.csv")
    with pytest.raises(ScenarioError, match="is a folder"):
        read_bytes(tmp_path)


def test_non_utf8_byte_is_located_by_line_and_column() -> None:
    data = b"actor,capability\nCura\xe7ao,3\n"
    with pytest.raises(ScenarioError) as exc:
        decode_text(data, "t.csv")
    (p,) = exc.value.problems
    assert p.line == 2
    assert "column 5: byte 0xE7 is not valid UTF-8" in p.message
    assert "save the file as UTF-8" in p.message


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks_are_honoured_and_removed(bom: bytes, encoding: str) -> None:
    assert decode_text(bom + "a,b\r\nc,d\r\n".encode(encoding)) == "a,b\nc,d\n"


def test_cr_only_and_crlf_line_ends_become_newlines() -> None:
    assert decode_text(b"a\rb\r\nc\n") == "a\nb\nc\n"


def test_read_text_applies_the_whole_policy(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(codecs.BOM_UTF8 + b"one\rtwo")
    assert read_text(f) == "one\ntwo"


def test_xml_declared_encoding_is_used_and_unknown_ones_are_refused() -> None:
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a v="é"/>'.encode("latin-1")
    assert parse_xml_text(decode_xml(latin)).attrs == {"v": "é"}
    with pytest.raises(ScenarioError) as exc:
        decode_xml(b'<?xml version="1.0" encoding="NaN"?><a/>', "d.xml")
    (p,) = exc.value.problems
    assert p.line == 1 and "encoding 'NaN'" in p.message and "UTF-8" in p.message


def test_utf8_xml_with_a_bad_byte_is_located() -> None:
    with pytest.raises(ScenarioError) as exc:
        decode_xml(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>\n\xff</a>', "d.xml")
    assert exc.value.problems[0].line == 3


def test_yaml_and_json_nesting_is_limited_before_recursion_fails() -> None:
    deep = "[" * 10_000 + "]" * 10_000
    with pytest.raises(ScenarioError, match=f"more than {MAX_DEPTH} levels"):
        read_document(deep, "deep.json")
    blocks = "a:\n" + "".join("  " * i + "b:\n" for i in range(1, MAX_DEPTH + 5))
    with pytest.raises(ScenarioError) as exc:
        read_document(blocks, "deep.yaml")
    assert exc.value.problems[0].line == MAX_DEPTH
    assert read_document("a: [1, {b: [2]}]").data == {"a": [1, {"b": [2]}]}


def test_xml_nesting_is_limited() -> None:
    deep = "<a>" * (MAX_DEPTH + 1) + "</a>" * (MAX_DEPTH + 1)
    with pytest.raises(ScenarioError, match="XML elements are nested"):
        parse_xml_text(deep, "d.xml")


def test_csv_cell_over_the_limit_is_a_located_error() -> None:
    text = "actor,capability\nA,1\nB," + "9" * (CSV_FIELD_LIMIT + 1) + "\n"
    with pytest.raises(ScenarioError) as exc:
        csv_rows(text, "t.csv")
    (p,) = exc.value.problems
    assert p.line == 3 and "longer than 131,072 characters" in p.message


def test_csv_rows_keep_the_line_each_row_starts_on() -> None:
    text = 'a,b\n"multi\nline",2\nc,3\n'
    assert [line for line, _ in csv_rows(text, "t.csv")] == [1, 2, 4]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("Actor,Capability", ","), ("Actor;Capability", ";"), ("Actor\tCapability", "\t"), ("x", ",")],
)
def test_delimiter_is_sniffed_from_the_header(header: str, delimiter: str) -> None:
    assert sniff_delimiter(header) == delimiter


SPATIAL = """\
accord: 1
kind: spatial
dimensions: [{name: x, scale: [0, 10]}]
actors:
  - {name: A, capability: 1, positions: {x: 2}, saliences: {x: 0.5}}
  - {name: B, capability: 2, positions: {x: 8}, saliences: {x: 0.5}}
"""


def test_spatial_yaml_goes_through_the_shared_reader() -> None:
    from accord.scenario.spatial.loader import parse_spatial_document

    dup = SPATIAL.replace("kind: spatial\n", "kind: spatial\nname: a\nname: b\n")
    with pytest.raises(ScenarioError) as exc:
        parse_spatial_document(dup, "s.yaml")
    (p,) = exc.value.problems
    assert p.line == 4 and "duplicate key 'name' (first on line 3)" in p.message
    wide = SPATIAL.replace("scale: [0, 10]", "scale: [-1.0e+308, 1.0e+308]")
    with pytest.raises(ScenarioError, match=r"s\.yaml.*the scale is too wide"):
        parse_spatial_document(wide, "s.yaml")


def test_control_characters_and_giant_integers_are_located() -> None:
    with pytest.raises(ScenarioError) as exc:
        read_document("a: 1\nb: x\x00y\n", "f.yaml")
    assert exc.value.problems[0].line == 2 and "U+0000" in str(exc.value)
    with pytest.raises(ScenarioError) as exc:
        read_document("a: 1\nb: " + "9" * 5000 + "\n", "f.yaml")
    assert "a number of 5,000 characters is too long" in str(exc.value)
    from accord.scenario._io.jsonio import parse_json

    with pytest.raises(ScenarioError) as exc:
        parse_json('{"a":\n 1' + "9" * 5000 + "}", "f.json")
    assert exc.value.problems[0].line == 2 and "5,001 digits" in str(exc.value)


def test_an_encoding_name_with_a_nul_byte_is_a_located_error() -> None:
    # found by the fuzz test: codecs.lookup raises ValueError, not LookupError, here
    with pytest.raises(ScenarioError) as exc:
        decode_xml(b'<?xml version="1.0" encoding="UT\x00F-8"?><a/>', "d.xml")
    assert exc.value.problems[0].line == 1
