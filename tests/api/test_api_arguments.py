"""The facade refuses bad arguments with an InputError that names them (never a bare numpy
ValueError), and a seed it draws is recorded in the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accord import api
from accord.errors import AccordError, InputError

EMISSIONS = "tests/data/forecast/emission-standards.yaml"


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: api.simulate(seed=-1), "seed=-1"),
        (lambda: api.simulate(seed=1.5), "seed=1.5"),
        (lambda: api.simulate(seed=True), "seed=True"),
        (lambda: api.simulate(seed="7"), "seed='7'"),
        (lambda: api.simulate(rounds=10**6, seed=1), "rounds=1000000"),
        (lambda: api.simulate(rounds=0, seed=1), "rounds=0"),
        (lambda: api.tournament("singapore-2018", seed=-3), "seed=-3"),
        (lambda: api.tournament("singapore-2018", rounds=2.5, seed=1), "rounds=2.5"),
        (lambda: api.simulate_batch("singapore-2018", rounds=0), "rounds=0"),
        (
            lambda: api.simulate_batch("singapore-2018", sampled_preferences=True),
            "seed",
        ),
        (
            lambda: api.simulate_batch(
                "singapore-2018", sampled_preferences=True, concentration=0, seed=1
            ),
            "concentration=0",
        ),
        (lambda: api.backtest([EMISSIONS], n_boot=0), "n_boot=0"),
        (lambda: api.backtest([EMISSIONS], seed=-1), "seed=-1"),
        (lambda: api.backtest([EMISSIONS], seed=None), "seed=None"),  # type: ignore[arg-type]
        (lambda: api.diagnose_scenario(limit=0), "limit=0"),
        (lambda: api.zopa_packages("singapore-2018", memory_bytes=0), "memory_bytes=0"),
    ],
)
def test_a_bad_argument_is_an_input_error_naming_it(call: Callable[[], Any], named: str) -> None:
    with pytest.raises(InputError) as err:
        call()
    assert named in str(err.value)
    assert isinstance(err.value, AccordError) and not isinstance(err.value, ValueError)


def test_a_drawn_seed_is_recorded_and_repeats_the_run() -> None:
    first = api.simulate("singapore-2018", {"us": "random"}, seed=None)
    assert isinstance(first.seed, int) and first.seed >= 0
    again = api.simulate("singapore-2018", {"us": "random"}, seed=first.seed)
    assert again.trace == first.trace and again.seed == first.seed


def test_a_tournament_records_its_seed() -> None:
    drawn = api.tournament("singapore-2018", ["linear", "random"], seed=None)
    assert isinstance(drawn.seed, int)
    given = api.tournament("singapore-2018", ["linear", "random"], seed=drawn.seed)
    assert given.seed == drawn.seed and given.matches == drawn.matches


def test_numpy_integers_are_seeds() -> None:
    import numpy as np

    assert api.simulate("singapore-2018", seed=np.int64(3)).seed == 3
