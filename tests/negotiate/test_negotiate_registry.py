"""Strategy specs, tournaments and the facade's argument checks."""

from __future__ import annotations

import pytest

from accord import api
from accord.errors import InputError
from accord.negotiate import AlternatingOffers, NegotiationDomain, make_strategy, parse_spec
from accord.negotiate.registry import STRATEGIES
from accord.negotiate.strategies.time_dependent import TimeAspiration
from accord.negotiate.tournament import run_tournament


def test_spec_with_parameters() -> None:
    assert parse_spec("time-dependent:e=0.5") == ("time-dependent", {"e": 0.5})
    s = make_strategy("Boulware:e=0.1")
    assert isinstance(s.offering.aspiration, TimeAspiration)  # type: ignore[attr-defined]
    assert s.offering.aspiration.e == 0.1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ("boulwar", "unknown strategy 'boulwar'; known strategies: boulware"),
        ("boulware:x=1", "bad parameter 'x=1'"),
        ("boulware:e", "bad parameter 'e'"),
        ("boulware:e=soft", "must be a number"),
        ("boulware:e=-1", "must be positive"),
        ("hardliner:e=1", "key in: none"),
    ],
)
def test_bad_specs(spec: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        make_strategy(spec)


def test_unknown_actor_is_named() -> None:
    with pytest.raises(InputError, match=r"unknown actor 'usa'.*us, dprk"):
        api.simulate("hanoi-2019", {"usa": "boulware"})


def test_tournament_ranks_every_strategy(singapore: NegotiationDomain) -> None:
    names = ["boulware", "conceder", "hardliner", "nash-seeking"]
    t = api.tournament("singapore-2018", names, rounds=20, seed=1)
    assert [s.rank for s in t.standings] == [1, 2, 3, 4]
    assert sorted(s.strategy for s in t.standings) == sorted(names)
    assert len(t.matches) == 16 and all(s.played == 8 for s in t.standings)
    gains = [s.mean_gain for s in t.standings]
    assert gains == sorted(gains, reverse=True)
    # the hardliner concedes nothing, so it never agrees with itself
    assert not any(m.ending == "agreement" for m in t.matches if m.first == m.second == "hardliner")
    again = api.tournament("singapore-2018", names, rounds=20, seed=1)
    assert again.standings == t.standings


def test_tournament_needs_two_parties(trio: NegotiationDomain) -> None:
    with pytest.raises(InputError, match="two-party"):
        run_tournament(trio, AlternatingOffers(5))


def test_list_strategies_describes_every_registered_name() -> None:
    rows = api.list_strategies()
    assert [r["name"] for r in rows] == list(STRATEGIES)
    assert all(r["summary"] for r in rows)


def test_public_names_are_pinned() -> None:
    import accord.negotiate as neg

    assert sorted(neg.__all__) == sorted(
        [
            "MEDIATOR", "PROTOCOLS", "STRATEGIES", "Acceptance", "AlternatingOffers", "Aspiration",
            "BatchResult", "Ending", "Event", "Match", "NegotiationDomain", "NegotiationResult",
            "NegotiationView", "Offer", "Offering", "Protocol", "SingleTextMediation",
            "StackedAlternatingOffers", "Standing", "Strategy", "TournamentResult", "explain",
            "make_protocol", "make_strategy", "parse_spec", "run_batch", "run_tournament",
            "sample_utilities", "strategy_names",
        ]
    )  # fmt: skip
    for name in neg.__all__:
        assert hasattr(neg, name)
