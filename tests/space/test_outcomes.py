"""The outcome space: vectorised utilities and constraints against a per-package reference."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from tests.conftest import make_scenario

from accord.errors import AnalysisError
from accord.space import build_space


def test_utilities_match_per_package_sum() -> None:
    sc = make_scenario(
        {"a": [[0.0, 0.4, 1.0], [1.0, 0.0]], "b": [[1.0, 0.3, 0.0], [0.2, 1.0]]},
        weights={"a": [3, 1], "b": [1, 1]},
    )
    sp = build_space(sc)
    assert sp.size == 6 and sp.n_feasible == 6
    for row, pkg in enumerate(itertools.product(range(3), range(2))):
        assert tuple(sp.options(row)[0]) == pkg
        assert sp.utilities[0, row] == pytest.approx(sc.preferences["a"].utility(pkg))
        assert sp.utilities[1, row] == pytest.approx(sc.preferences["b"].utility(pkg))
    # hand-checked: package (2, 0) for a = 0.75 * 1.0 + 0.25 * 1.0
    assert sp.utilities[0, 4] == pytest.approx(1.0)


def test_constraints_remove_exactly_the_violating_packages() -> None:
    sc = make_scenario(
        {"a": [[0, 0.5, 1], [0, 1]], "b": [[1, 0.5, 0], [1, 0]]},
        constraints=[
            {
                "id": "c",
                "if": {"issue": "i0", "at_least": "o1"},
                "then": {"issue": "i1", "is": "o1"},
                "reason": "r",
            }
        ],
    )
    sp = build_space(sc)
    kept = {tuple(r) for r in sp.options(np.arange(sp.n_feasible))}
    assert kept == {(0, 0), (0, 1), (1, 1), (2, 1)}
    assert sp.excluded_by == {"c": 2}


def test_conjunctive_condition() -> None:
    sc = make_scenario(
        {"a": [[0, 1], [0, 1], [0, 1]], "b": [[1, 0], [1, 0], [1, 0]]},
        constraints=[
            {
                "id": "c",
                "if": [{"issue": "i0", "is": "o1"}, {"issue": "i1", "is": "o1"}],
                "then": {"issue": "i2", "in": ["o0"]},
                "reason": "r",
            }
        ],
    )
    sp = build_space(sc)
    assert sp.n_feasible == 7


def test_too_large_space_is_a_clear_error() -> None:
    sc = make_scenario({"a": [[0, 1]] * 12, "b": [[1, 0]] * 12})
    with pytest.raises(
        AnalysisError, match="4,096 packages, more than the in-memory limit of 1,000"
    ):
        build_space(sc, max_packages=1000)
