"""KTAB SMP against KTAB's own reference run of dummyData_3Dim (default switches)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from accord.errors import InputError
from accord.forecast.smp import BargainModel, SMPModel
from accord.forecast.voting import VotingRule
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.model import SpatialData

DATA = Path(__file__).resolve().parents[1] / "data" / "forecast"


def load_ktab_csv(name: str) -> SpatialData:
    return load_spatial(DATA / name)


LOG = (DATA / "20170530_ref-dummyData_3Dim.txt").read_text(encoding="utf-8")


def logged_states() -> np.ndarray:
    """Positions after each turn as KTAB prints them ("postn i , 0 :", 4 decimals, 0..100)."""
    blocks = re.findall(r"postn (\d+) , 0 : \n(.*)\n", LOG)
    states: list[list[list[float]]] = []
    for actor, values in blocks:
        if int(actor) == 0:
            states.append([])
        states[-1].append([float(v) for v in values.split()])
    return np.array(states)


def logged_win_probability() -> np.ndarray:
    rows = re.findall(r"SActor-\d+, prob :(.*)", LOG)
    return np.array([[float(v) for v in r.split()] for r in rows])


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    return SMPModel().forecast(load_ktab_csv("dummyData_3Dim.csv"))


def test_same_number_of_states(run) -> None:  # type: ignore[no-untyped-def]
    assert run.trajectory.shape == (11, 7, 3)
    assert run.converged


def test_every_position_at_every_turn_matches_the_log(run) -> None:  # type: ignore[no-untyped-def]
    ref = logged_states()
    assert ref.shape == (10, 7, 3)
    np.testing.assert_allclose(run.trajectory[1:], ref, atol=0.01)


def test_history_table_matches_to_its_printed_precision(run) -> None:  # type: ignore[no-untyped-def]
    for line in re.findall(r"(SActor-\d+), Pstn(\d):(.*)", LOG):
        name, dim, values = line
        i = int(name.split("-")[1])
        mine = [f"{v:.1f}" for v in run.trajectory[:, i, int(dim) - 1]]
        assert mine == [f"{float(v):.1f}" for v in values.split()]


def test_winning_probabilities_match_the_log(run) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_allclose(run.extra["win_probability"].T, logged_win_probability(), atol=6e-5)


def test_without_bargain_rounding_the_run_drifts() -> None:
    res = SMPModel(round_bargains=False).forecast(load_ktab_csv("dummyData_3Dim.csv"))
    ref = logged_states()
    t = min(ref.shape[0], res.trajectory.shape[0] - 1)
    assert np.abs(res.trajectory[1 : t + 1] - ref[:t]).max() > 0.01


def test_switches_accept_names_and_ktab_vector() -> None:
    m = SMPModel.from_parameters([0, 0, 0, 2, 1, 1, 1, 1, 0])
    assert m == SMPModel()
    assert SMPModel(voting_rule="binary").voting_rule is VotingRule.BINARY
    assert SMPModel(bargain_model=2).bargain_model is BargainModel.PW_COMP
    with pytest.raises(InputError, match="valid: binary, prop_bin"):
        SMPModel(voting_rule="majority")


@pytest.mark.parametrize(
    "switch",
    [
        {"victory_prob": "square"},
        {"pce": "markov_uniform"},
        {"pce": "markov_incentive"},
        {"voting_rule": "prop_bin"},
        {"big_r_range": "max"},
        {"third_party_commit": "full"},
        {"inter_vec_bargain": "s2pmax"},
        {"bargain_model": "init_rcvr"},
        {"bargain_model": "pw_comp"},
        {"state_transition": "stochastic", "seed": 3},
    ],
)
def test_every_switch_runs_and_stays_on_scale(switch: dict[str, object]) -> None:
    res = SMPModel(max_rounds=6, **switch).forecast(load_ktab_csv("dummyData_3Dim.csv"))  # type: ignore[arg-type]
    assert np.all((res.trajectory >= 0) & (res.trajectory <= 100))
    assert res.forecast.shape == (3,)


def test_stochastic_transition_is_reproducible_by_seed() -> None:
    data = load_ktab_csv("dummyData_3Dim.csv")
    a = SMPModel(state_transition="stochastic", seed=7, max_rounds=5).forecast(data)  # type: ignore[arg-type]
    b = SMPModel(state_transition="stochastic", seed=7, max_rounds=5).forecast(data)  # type: ignore[arg-type]
    np.testing.assert_array_equal(a.trajectory, b.trajectory)


def test_blocked_best_challenges_equal_the_generic_challenge() -> None:
    from accord.forecast.smp_core import (
        DenseUtilities,
        ThirdPartyCommit,
        Utilities,
        best_challenges,
        challenge,
    )

    rng = np.random.default_rng(0)
    n = 21
    u = DenseUtilities(rng.uniform(0, 1, (n, n, n)))
    cap, sal = rng.uniform(1, 5, n), rng.uniform(0.2, 1, n)
    ii, jj = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    off = ii != jj
    for rule in VotingRule:
        for commit in ThirdPartyCommit:
            p1, e1 = challenge(u, ii, ii, jj, cap, sal, rule, commit)
            p2, e2 = best_challenges(u, cap, sal, rule, commit, block=4)
            np.testing.assert_allclose(p2.ravel()[off], p1[off], rtol=1e-12)
            np.testing.assert_allclose(e2.ravel()[off], e1[off], rtol=1e-10, atol=1e-14)
    # The lazy tensor reads the same entries as the stored one it stands for.
    dist, risk = rng.uniform(0, 1.2, (n, n)), rng.uniform(-1, 1, (n, n))
    lazy = Utilities(dist, risk)
    dense = DenseUtilities(lazy.block(slice(0, n)))
    for commit in ThirdPartyCommit:
        a = best_challenges(lazy, cap, sal, VotingRule.PROPORTIONAL, commit, block=5)
        b = best_challenges(dense, cap, sal, VotingRule.PROPORTIONAL, commit, block=n)
        np.testing.assert_allclose(a[0], b[0], rtol=1e-12)
        np.testing.assert_allclose(a[1], b[1], rtol=1e-10, atol=1e-14)
