"""The two Kalai–Smorodinsky definitions, hand-checked, and how a user selects one."""

from __future__ import annotations

import numpy as np
import pytest
from tests.conftest import make_scenario
from typer.testing import CliRunner

from accord.api import analyze_scenario
from accord.bargaining.solutions import (
    KS_VARIANTS,
    SOLUTION_CONCEPTS,
    choose,
    kalai_smorodinsky,
    solution_concepts,
)
from accord.cli.app import app
from accord.errors import InputError

# Gains of two principals over four frontier packages; each ideal gain is 1.
GAINS = np.array([[1.0, 0.9, 0.65, 0.0], [0.0, 0.7, 0.75, 1.0]])


def test_default_maximises_the_smallest_ratio() -> None:
    # smallest ratios: 0, 0.7, 0.65, 0 -> the second package
    assert kalai_smorodinsky(GAINS).column == 1
    assert kalai_smorodinsky(GAINS, "max_min_ratio").score == pytest.approx(0.7)


def test_negmas_genius_variant_minimises_the_spread() -> None:
    # spreads: 1, 0.2, 0.1, 1 -> the third package
    choice = kalai_smorodinsky(GAINS, "min_spread")
    assert choice.column == 2
    assert choice.score == pytest.approx(-0.1)


def test_ratios_are_taken_to_each_principals_ideal() -> None:
    # B's ideal gain is 0.5: ratios (1, 0), (0.5, 0.8), (0.2, 1); spreads 1, 0.3, 0.8.
    gains = np.array([[1.0, 0.5, 0.2], [0.0, 0.4, 0.5]])
    assert kalai_smorodinsky(gains, "min_spread").column == 1
    assert kalai_smorodinsky(gains).column == 1


def test_three_principals_and_ties() -> None:
    gains = np.array([[0.5, 0.6, 0.5], [0.5, 0.6, 0.5], [0.5, 0.4, 0.5]])
    # ideals 0.6, 0.6, 0.5: ratios (.83, .83, 1), (1, 1, .8), (.83, .83, 1); spreads
    # .17, .2, .17 -> packages 0 and 2 tie (the first wins); max-min agrees
    c = kalai_smorodinsky(gains, "min_spread")
    assert (c.column, c.ties) == (0, 2)
    assert kalai_smorodinsky(gains).column == 0


def test_the_reports_keep_the_default_unless_asked() -> None:
    assert SOLUTION_CONCEPTS["kalai_smorodinsky"].title == "Kalai–Smorodinsky"
    variant = solution_concepts("min_spread")["kalai_smorodinsky"]
    assert "min spread" in variant.title and choose(variant, GAINS).column == 2
    assert KS_VARIANTS[0] == "max_min_ratio"
    with pytest.raises(ValueError, match="valid: max_min_ratio, min_spread"):
        solution_concepts("median")


@pytest.fixture
def differ():  # type: ignore[no-untyped-def]
    """One issue whose four options are the packages above."""
    return make_scenario({"a": [[1.0, 0.9, 0.65, 0.0]], "b": [[0.0, 0.7, 0.75, 1.0]]})


def test_the_api_selects_the_variant(differ) -> None:  # type: ignore[no-untyped-def]
    ks = {
        v: next(s for s in analyze_scenario(differ, ks_variant=v).solutions if "kalai" in s.concept)
        for v in KS_VARIANTS
    }
    assert ks["max_min_ratio"].package == {"i0": "o1"}
    assert ks["min_spread"].package == {"i0": "o2"}
    with pytest.raises(InputError, match="unknown Kalai"):
        analyze_scenario(differ, ks_variant="nope")


def test_the_cli_selects_the_variant(differ, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.conftest import scenario_dict

    f = tmp_path / "s.json"
    f.write_text(
        json.dumps(scenario_dict({"a": [[1.0, 0.9, 0.65, 0.0]], "b": [[0.0, 0.7, 0.75, 1.0]]}))
    )
    runner = CliRunner()
    for variant, option in (("max_min_ratio", "o1"), ("min_spread", "o2")):
        res = runner.invoke(app, ["run", str(f), "--ks-variant", variant, "-f", "json"])
        assert res.exit_code == 0, res.output
        sols = json.loads(res.stdout)["solutions"]
        assert next(s for s in sols if "kalai" in s["concept"])["package"] == {"i0": option}
    bad = runner.invoke(app, ["run", str(f), "--ks-variant", "median"])
    assert bad.exit_code == 2 and "unknown Kalai" in bad.stderr
