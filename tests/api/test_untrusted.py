"""Documents from a client never name a file on the server (accord.api's untrusted inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord import api
from accord.errors import InputError, ScenarioError

HANOI = api.builtin_scenario_text("hanoi-2019")


def test_builtin_by_name_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert api.load_builtin_scenario("hanoi-2019").title.startswith("Hanoi")
    (tmp_path / "mine.yaml").write_text(api.builtin_scenario_text("singapore-2018"))
    monkeypatch.chdir(tmp_path)
    assert api.analyze_scenario("mine.yaml") is not None  # the CLI's path reads files ...
    with pytest.raises(InputError, match="no built-in scenario"):
        api.load_builtin_scenario("mine.yaml")  # ... a client's name never does
    with pytest.raises(InputError, match="built-ins are: hanoi-2019"):
        api.builtin_scenario_text("/etc/hostname")


@pytest.mark.parametrize(
    "link", ["/etc/passwd", "../hanoi-2019.enforcement.yaml", "sub/hanoi-2019.enforcement.yaml"]
)
def test_a_lever_may_link_only_builtin_spatial_data(link: str) -> None:
    text = HANOI.replace("data: hanoi-2019.enforcement.yaml", f"data: {link}")
    assert text != HANOI
    with pytest.raises(ScenarioError) as info:
        api.scenario_from_text(text, "mine.yaml")
    first = info.value.problems[0]
    assert first.source == "mine.yaml" and first.line is not None
    assert first.path.endswith("forecast.data")
    assert "hanoi-2019.enforcement.yaml" in first.message
    with pytest.raises(ScenarioError):
        api.scenario_sources(text)


def test_the_builtin_text_loads_as_the_builtin() -> None:
    sc = api.scenario_from_text(HANOI)
    assert api.analyze_scenario(sc).verdict.headline == "No agreement"
    assert api.package_count(sc) == 11_520
    sources = api.scenario_sources(name="hanoi-2019")
    assert sources.scenario == HANOI
    with pytest.raises(InputError, match="one of them"):
        api.scenario_sources(HANOI, name="hanoi-2019")


def test_a_located_error_names_the_clients_file() -> None:
    with pytest.raises(ScenarioError) as info:
        api.scenario_from_text("accord: 1\ntitle: x\nactors: 3\n", "bad.yaml")
    assert any(p.line == 3 and p.path == "actors" for p in info.value.problems)


def test_spatial_text_is_read_in_a_temporary_folder_then_deleted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    text = Path("examples/emission-standards.yaml").read_text()
    data = api.spatial_from_text(text, "../../etc/emission.yaml")
    assert "Netherlands" in data.actors
    assert list(tmp_path.iterdir()) == []  # nothing left behind
    with pytest.raises(ScenarioError) as info:
        api.spatial_from_text("kind: spatial\n", "mine.yaml")
    assert info.value.problems[0].source == "mine.yaml"
    with pytest.raises(InputError, match="end in"):
        api.spatial_from_text(text, "x.exe")
    assert api.builtin_spatial_names() == ["hanoi-2019.enforcement"]
    assert api.load_builtin_spatial("hanoi-2019.enforcement").dimensions
    with pytest.raises(InputError):
        api.load_builtin_spatial("../hanoi-2019.enforcement")


def test_builtin_phasing_by_name_only() -> None:
    assert api.load_builtin_phasing("six-party-2007").horizon >= 1
    with pytest.raises(InputError, match="six-party-2007"):
        api.load_builtin_phasing("src/accord/scenario/builtin/hanoi-2019.phasing.yaml")
