"""gather_report: every part of a report, with the seed it used and what it left out."""

from __future__ import annotations

import pytest

from accord import api
from accord.errors import InputError


def test_a_builtin_with_a_phasing_document_gets_its_plan() -> None:
    r = api.gather_report("six-party-2007", seed=3, samples=64)
    assert r.seed == 3 and r.simulation.seed == 3
    assert r.phasing is not None and r.phasing.feasible
    assert r.phasing.spec.scenario == "six-party-2007"
    assert r.diagnosis.analysis.verdict.headline == r.analysis.verdict.headline
    if r.uncertainty is not None:
        assert r.uncertainty.samples == 64 and r.uncertainty.seed == 3


def test_what_is_left_out_is_said() -> None:
    r = api.gather_report("singapore-2018", seed=1, samples=0)
    assert r.phasing is None and r.uncertainty is None
    assert any("phasing document" in x for x in r.left_out)
    assert any("--samples 0" in x or "declares none" in x for x in r.left_out)


def test_a_drawn_seed_is_recorded_and_bad_counts_refused() -> None:
    r = api.gather_report("singapore-2018", samples=0)
    assert isinstance(r.seed, int) and r.simulation.seed == r.seed
    with pytest.raises(InputError, match="samples"):
        api.gather_report("singapore-2018", samples=-1)
