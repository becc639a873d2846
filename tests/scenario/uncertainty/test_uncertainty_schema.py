"""Declared uncertainty: located errors for bad paths and ranges; separate files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from accord.errors import ScenarioError
from accord.scenario import loads_scenario
from accord.scenario.uncertainty.loader import load_uncertain, read_sources

DATA = Path(__file__).parents[2] / "data" / "uncertainty"
BASE = yaml.safe_load((DATA / "two-issues.yaml").read_text())


def _with(params: list[dict[str, Any]], beliefs: list[dict[str, Any]] | None = None) -> str:
    doc = dict(BASE)
    doc["uncertainty"] = {"parameters": params, "beliefs": beliefs or []}
    return yaml.safe_dump(doc, sort_keys=False)


def _errors(params: list[dict[str, Any]], beliefs: list[dict[str, Any]] | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        loads_scenario(_with(params, beliefs), "f.yaml")
    return [str(p) for p in exc.value.problems]


U = {"kind": "uniform", "low": 0.1, "high": 0.2}


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("zz.no_deal", "no actor 'zz'"),
        ("a.weights.nope", "unknown issue 'nope'"),
        ("a.values.money.huge", "unknown option 'huge'"),
        ("a.threshold", "principal 'a' has weights.ISSUE"),
        ("senate.no_deal", "ratifier 'senate' has"),
        ("helper.push", "its levers: helper.pressure"),
        ("helper.pressure.effects.many[0].no_deal", "unknown setting 'many'"),
        ("helper.pressure.effects.some[5].no_deal", "has 2 effect(s)"),
        ("helper.pressure.effects[1]", "shifts option values only"),
        ("helper.pressure.effects.some[0].threshold", "effect 0 targets principal 'b'"),
    ],
)
def test_unknown_paths_are_located_errors(path: str, fragment: str) -> None:
    (msg,) = _errors([{"path": path, "distribution": U}])
    assert msg.startswith("f.yaml:") and "uncertainty.parameters[0].path" in msg
    assert fragment in msg


@pytest.mark.parametrize(
    ("path", "dist", "apply", "fragment"),
    [
        (
            "a.weights.money",
            {"kind": "uniform", "low": -1, "high": 2},
            "value",
            "a weight (at least 0)",
        ),
        ("senate.sigma", {"kind": "uniform", "low": 0.0, "high": 0.2}, "value", "a sigma (0, 1]"),
        ("ratification.level", {"kind": "uniform", "low": 0.5, "high": 1.2}, "value", "(0, 1]"),
        (
            "a.values.money.mid",
            {"kind": "triangular", "low": 0.5, "mode": 0.9, "high": 1.5},
            "value",
            "[0, 1]",
        ),
        (
            "a.no_deal",
            {"kind": "uniform", "low": 0.4, "high": 0.6},
            "shift",
            "no-deal value [0, 1]",
        ),
        ("a.weights.time", {"kind": "uniform", "low": -0.5, "high": 2}, "factor", "at least 0"),
    ],
)
def test_supports_outside_the_valid_range_are_located_errors(
    path: str, dist: dict[str, Any], apply: str, fragment: str
) -> None:
    (msg,) = _errors([{"path": path, "distribution": dist, "apply": apply}])
    assert "uncertainty.parameters[0].distribution" in msg and fragment in msg


def test_a_package_valued_threshold_must_be_a_shift() -> None:
    doc = dict(BASE)
    doc["actors"] = [dict(a) for a in BASE["actors"]]
    doc["actors"][2]["threshold"] = {"package": {"money": "mid", "time": "late"}}
    doc["uncertainty"] = {"parameters": [{"path": "senate.threshold", "distribution": U}]}
    with pytest.raises(ScenarioError, match="apply: shift"):
        loads_scenario(yaml.safe_dump(doc), "f.yaml")


def test_other_mistakes() -> None:
    msgs = _errors(
        [{"path": "a.no_deal", "distribution": U}, {"path": "a.no_deal", "distribution": U}],
        [
            {"holder": "a", "about": "a", "distribution": U},
            {"holder": "a", "about": "zz", "distribution": U},
            {
                "holder": "b",
                "about": "a",
                "distribution": {"kind": "uniform", "low": -0.1, "high": 0.5},
            },
        ],
    )
    text = "\n".join(msgs)
    assert "declared twice" in text
    assert "knows its own no-deal value" in text
    assert "unknown principal 'zz'" in text
    assert "outside the valid range of a no-deal value" in text


def test_distribution_shapes_are_checked_by_the_schema() -> None:
    msgs = _errors(
        [{"path": "a.no_deal", "distribution": {"kind": "uniform", "low": 0.5, "high": 0.1}}]
    )
    assert any("low (0.5) is above high (0.1)" in m for m in msgs)
    msgs = _errors([{"path": "a.no_deal", "distribution": {"kind": "gamma", "k": 1}}])
    assert any("distribution" in m for m in msgs)


def test_a_separate_file_names_its_scenario(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(_with([]))
    (tmp_path / "u.yaml").write_text(
        yaml.safe_dump(
            {
                "accord": 1,
                "kind": "uncertainty",
                "scenario": "s.yaml",
                "parameters": [{"path": "b.no_deal", "distribution": U}],
            }
        )
    )
    sc = load_uncertain(tmp_path / "u.yaml")
    assert sc.uncertainty is not None and sc.uncertainty.names == ("b.no_deal",)
    assert any("replace the `uncertainty:` section" in n for n in sc.notes)
    assert read_sources(tmp_path / "u.yaml").declaration is not None
    (tmp_path / "v.yaml").write_text(
        yaml.safe_dump({"accord": 1, "kind": "uncertainty", "scenario": "nope.yaml"})
    )
    with pytest.raises(ScenarioError, match=r"v.yaml:\d: scenario: no scenario file"):
        load_uncertain(tmp_path / "v.yaml")
    sc = load_uncertain(_write_builtin_ref(tmp_path))
    assert sc.title.startswith("Hanoi")


def _write_builtin_ref(tmp_path: Path) -> Path:
    p = tmp_path / "h.yaml"
    p.write_text(
        yaml.safe_dump(
            {
                "accord": 1,
                "kind": "uncertainty",
                "scenario": "hanoi-2019",
                "parameters": [
                    {
                        "path": "us.weights.sanctions",
                        "distribution": {"kind": "uniform", "low": 0.2, "high": 0.4},
                    }
                ],
            }
        )
    )
    return p


def test_the_docs_example_file_loads(tmp_path: Path) -> None:
    text = (Path(__file__).parents[3] / "docs" / "uncertainty.md").read_text()
    start = text.index("```yaml\n", text.index("## How to declare uncertainty")) + len("```yaml\n")
    (tmp_path / "ranges.yaml").write_text(text[start : text.index("```", start)])
    sc = load_uncertain(tmp_path / "ranges.yaml")
    assert sc.uncertainty is not None
    assert sc.uncertainty.names == (
        "us.weights.sanctions",
        "congress.threshold",
        "ratification.level",
    )
    assert [(b.holder, b.about) for b in sc.uncertainty.beliefs] == [("dprk", "us")]
