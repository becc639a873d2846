"""The built-in scenarios ship ranges for their numbers, each with a note."""

from __future__ import annotations

import pytest

from accord.scenario import builtin_names, load_scenario


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_declares_sourced_ranges(name: str) -> None:
    decl = load_scenario(name).uncertainty
    assert decl is not None and decl.note
    assert len(decl.parameters) >= 10
    for p in decl.parameters:
        assert p.note, p.path
        assert not p.distribution.constant, p.path
    kinds = {p.target.quantity.value for p in decl.parameters}
    assert {"weight", "value", "no_deal"} <= kinds


def test_hanoi_declares_ratifiers_and_beliefs() -> None:
    decl = load_scenario("hanoi-2019").uncertainty
    assert decl is not None
    paths = set(decl.names)
    assert {"congress.threshold", "dprk_base.threshold", "congress.sigma"} <= paths
    assert {(b.holder, b.about) for b in decl.beliefs} == {("us", "dprk"), ("dprk", "us")}
    # documents narrow, judgements wide: a threshold moves less than a derived no-deal value
    width = {p.path: p.support[1] - p.support[0] for p in decl.parameters}
    assert width["congress.threshold"] < width["dprk.no_deal"]
