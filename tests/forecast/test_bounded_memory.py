"""The chunked pairwise and third-party terms equal their dense definitions; sizes past the
documented limit are refused before anything is allocated; huge units do not overflow."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from accord.api import run_all, run_model
from accord.cli.app import app
from accord.errors import InputError
from accord.forecast import expected_utility, voting
from accord.forecast.base import MAX_ACTORS
from accord.forecast.expected_utility import win_probability
from accord.forecast.median import condorcet_position
from accord.forecast.voting import VotingRule, coalitions, vote
from accord.scenario.spatial.model import SpatialData


def dense_coalitions(rule: VotingRule, w: np.ndarray, u: np.ndarray) -> np.ndarray:
    du = u[:, :, None] - u[:, None, :]
    c = 1e-8 + np.maximum(vote(rule, w[:, None, None], du), 0.0).sum(axis=0)
    np.fill_diagonal(c, 1e-8)
    return c


@pytest.mark.parametrize("rule", list(VotingRule))
def test_coalitions_equal_the_dense_sum(rule: VotingRule, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    w, u = rng.uniform(0, 2, 40), rng.uniform(0, 1, (40, 25))
    monkeypatch.setattr(voting, "_CHUNK", 25 * 25 * 7)  # six chunks of voters
    np.testing.assert_allclose(coalitions(rule, w, u), dense_coalitions(rule, w, u), rtol=1e-12)


@pytest.mark.parametrize("variant", ["scholz_code", "paper", "net"])
def test_win_probability_equals_the_dense_votes(
    variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(4)
    n = 30
    x, cs, r = rng.uniform(0, 10, n), rng.uniform(0, 1, n), rng.uniform(0.5, 2, n)
    dist = (np.abs(x[:, None] - x[None, :]) / 10.0) ** r[:, None]
    votes = cs[:, None, None] * (dist[:, None, :] - dist[:, :, None])
    support = np.maximum(votes, 0).sum(0)
    if variant == "scholz_code":
        dense = support / np.abs(votes).sum()
    else:
        num = support if variant == "paper" else np.maximum(votes.sum(0), 0)
        dyad = np.abs(votes).sum(0)
        dense = np.where(dyad > 0, num / np.where(dyad > 0, dyad, 1), 0.5)
    monkeypatch.setattr(expected_utility, "_CHUNK", n * n * 4)
    np.testing.assert_allclose(win_probability(x, cs, r, 10.0, variant), dense, atol=1e-14)


def test_condorcet_winner_equals_the_pairwise_vote_matrix() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        pos = rng.integers(0, 12, (15, 1)).astype(float)
        w = rng.uniform(0, 1, (15, 1))
        x = np.unique(pos[:, 0])
        margin = w[:, 0] @ np.abs(pos[:, 0][:, None] - x[None, :])
        votes = margin[None, :] - margin[:, None]
        np.fill_diagonal(votes, np.inf)
        expect = x[int(np.argmax(votes.min(axis=1)))] if x.size > 1 else x[0]
        assert condorcet_position(pos, w)[0] == expect


def spatial(n: int, capability: np.ndarray | None = None) -> SpatialData:
    rng = np.random.default_rng(6)
    return SpatialData(
        actors=tuple(f"a{i}" for i in range(n)),
        dimensions=("d",),
        capability=rng.uniform(1, 5, n) if capability is None else capability,
        position=rng.uniform(0, 100, (n, 1)),
        salience=rng.uniform(0.1, 1, (n, 1)),
    )


def test_more_actors_than_the_limit_are_refused_before_any_work() -> None:
    big = spatial(MAX_ACTORS + 1)
    with pytest.raises(InputError, match=f"at most {MAX_ACTORS:,}"):
        run_model(big, "smp")
    with pytest.raises(InputError, match="merge minor actors"):
        run_all(big, "compromise")


def test_huge_capabilities_give_finite_forecasts_and_valid_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    d = spatial(6, capability=np.array([1e308, 5e307, 1e307, 1e300, 1.0, 2.0]))
    for name, r in run_all(d).items():
        assert np.isfinite(r.forecast).all(), name
    f = tmp_path / "huge.yaml"
    f.write_text(
        "accord: 1\nkind: spatial\ndimensions: [{name: d}]\nactors:\n"
        + "".join(
            f"  - {{name: a{i}, capability: {c}, positions: {{d: {10 * i}}}, saliences: {{d: 0.5}}}}\n"
            for i, c in enumerate(["1e308", "1e307", "3"])
        ),
        encoding="utf-8",
    )
    res = CliRunner().invoke(app, ["forecast", str(f), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert "Infinity" not in res.output and "NaN" not in res.output
    json.loads(res.output)
