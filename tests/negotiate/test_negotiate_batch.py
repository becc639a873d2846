"""The batched engine: same results as the scalar protocol, tidy table, sampled preferences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.negotiate import AlternatingOffers, Ending, NegotiationDomain, make_strategy
from accord.negotiate.batch import run_batch, sample_utilities
from accord.negotiate.synthetic import additive_domain


def _scalar(dom: NegotiationDomain, e: np.ndarray, rounds: int, discount: float, first: int = 0):  # type: ignore[no-untyped-def]
    s = [make_strategy(f"time-dependent:e={float(x)!r}") for x in e]
    return AlternatingOffers(rounds, discount, first=first).run(dom, s)


def _check_row(row: np.void, res, dom: NegotiationDomain) -> None:  # type: ignore[no-untyped-def]
    assert bool(row["agreement"]) == res.agreement
    assert int(row["round"]) == res.round
    assert int(row["package"]) == (-1 if res.package is None else res.package)
    assert ("agreement", "deadline", "walk-away")[int(row["ending"])] == str(res.ending)
    for i, p in enumerate(dom.parties):
        assert float(row[f"v_{p}"]) == pytest.approx(res.values[i], abs=1e-12)


@pytest.mark.parametrize("discount", [1.0, 0.95])
@pytest.mark.parametrize("first", [0, 1])
def test_batch_equals_scalar_runs(
    hanoi: NegotiationDomain, singapore: NegotiationDomain, discount: float, first: int
) -> None:
    rng = np.random.default_rng(0)
    e = np.exp(rng.uniform(np.log(0.1), np.log(10), size=(25, 2)))
    for dom in (hanoi, singapore, additive_domain(2, 3, 6, seed=3, reservation=0.35)):
        batch = run_batch(dom, e, rounds=15, discount=discount, first=first)
        assert batch.table.shape == (25,)
        for k in range(25):
            _check_row(batch.table[k], _scalar(dom, e[k], 15, discount, first), dom)


def test_batch_with_sampled_preferences_equals_scalar(singapore: NegotiationDomain) -> None:
    u = sample_utilities(singapore, 12, concentration=20, seed=9)
    e = np.tile([0.25, 4.0], (12, 1))
    batch = run_batch(singapore, e, rounds=20, utilities=u)
    for k in range(12):
        dom = NegotiationDomain.from_arrays(u[k], singapore.reservations, parties=singapore.parties)
        _check_row(batch.table[k], _scalar(dom, e[k], 20, 1.0), dom)


def test_sampled_preferences_follow_the_seed(singapore: NegotiationDomain) -> None:
    a = sample_utilities(singapore, 4, seed=1)
    assert np.array_equal(a, sample_utilities(singapore, 4, seed=1))
    assert not np.array_equal(a, sample_utilities(singapore, 4, seed=2))
    assert a.shape == (4, 2, singapore.n_packages)
    assert np.all((a >= 0) & (a <= 1))


def test_table_is_tidy(hanoi: NegotiationDomain) -> None:
    batch = run_batch(hanoi, np.array([[0.25, 4.0], [1.0, 1.0]]), rounds=10, discount=0.9)
    names = batch.table.dtype.names
    assert names is not None and names[:6] == (
        "run",
        "ending",
        "agreement",
        "round",
        "package",
        "walked_away",
    )
    assert {"u_us", "u_dprk", "v_us", "v_dprk"} <= set(names)
    rows = batch.rows()
    assert rows[0]["ending"] in ("deadline", "walk-away")
    assert rows[0]["u_us"] is None  # no agreement: no utility
    assert batch.agreement_rate == 0.0


def test_walk_away_in_batch() -> None:
    dom = additive_domain(2, 2, 3, seed=1, reservation=0.0)
    res = np.array([[float(dom.best[0]) * 0.85, 0.0]])
    batch = run_batch(dom, np.array([[0.01, 0.01]]), rounds=20, discount=0.9, reservations=res)
    row = batch.table[0]
    assert ("agreement", "deadline", "walk-away")[int(row["ending"])] == str(Ending.walk_away)
    assert int(row["walked_away"]) == 0 and int(row["round"]) == 2  # 0.9**2 = 0.81 < 0.85


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"exponents": np.ones((3, 3))}, "exponents"),
        ({"exponents": -np.ones((3, 2))}, "exponents"),
        ({"exponents": np.ones((3, 2)), "rounds": 0}, "rounds"),
        ({"exponents": np.ones((3, 2)), "utilities": np.ones((2, 2, 5))}, "utilities"),
    ],
)
def test_bad_batch_arguments(singapore: NegotiationDomain, kwargs: dict, match: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError, match=match):
        run_batch(singapore, **kwargs)


def test_batch_needs_two_parties(trio: NegotiationDomain) -> None:
    with pytest.raises(InputError, match="bilateral"):
        run_batch(trio, np.ones((2, 2)))


def test_batch_with_tied_utilities_equals_scalar() -> None:
    rng = np.random.default_rng(4)
    u = np.round(rng.random((8, 2, 60)), 1)  # many exact ties
    dom0 = NegotiationDomain.from_arrays(u[0], np.array([0.2, 0.2]))
    e = np.exp(rng.uniform(-1.5, 1.5, size=(8, 2)))
    batch = run_batch(dom0, e, rounds=12, utilities=u, reservations=np.full((8, 2), 0.2))
    for k in range(8):
        dom = NegotiationDomain.from_arrays(u[k], np.array([0.2, 0.2]))
        _check_row(batch.table[k], _scalar(dom, e[k], 12, 1.0), dom)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rounds=st.integers(1, 25),
    discount=st.sampled_from([1.0, 0.97, 0.8]),
    first=st.integers(0, 1),
    reservation=st.floats(0.0, 0.7),
)
def test_batch_equals_scalar_on_random_domains(
    seed: int, rounds: int, discount: float, first: int, reservation: float
) -> None:
    rng = np.random.default_rng(seed)
    dom = NegotiationDomain.from_arrays(
        np.round(rng.random((2, 30)), 2), np.array([reservation, 0.6 - reservation / 2])
    )
    e = np.exp(rng.uniform(-2.5, 2.5, size=(6, 2)))
    batch = run_batch(dom, e, rounds=rounds, discount=discount, first=first)
    for k in range(6):
        _check_row(batch.table[k], _scalar(dom, e[k], rounds, discount, first), dom)
