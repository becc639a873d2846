"""Hypothesis strategies for small random phasing problems (shared by the property tests)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from accord.scenario.phasing.model import Action, Party, PhasingSpec, Ratifier

PARTIES = ("us", "dprk")
money = st.floats(min_value=0.0, max_value=10.0, allow_nan=False).map(lambda x: round(x, 2))


def _money(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=low, max_value=high, allow_nan=False).map(lambda x: round(x, 2))


share = st.floats(min_value=0.0, max_value=1.0, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def actions(
    draw: st.DrawFn,
    n: int,
    costs: tuple[float, float] = (0.0, 10.0),
    values: tuple[float, float] = (0.0, 10.0),
) -> tuple[Action, ...]:
    out: list[Action] = []
    for k in range(n):
        owner = draw(st.sampled_from(PARTIES))
        other = PARTIES[1 - PARTIES.index(owner)]
        earlier = [a.id for a in out]
        pre = (
            tuple(draw(st.lists(st.sampled_from(earlier), max_size=1, unique=True)))
            if earlier
            else ()
        )
        reversibility = draw(share)
        cost = draw(_money(*costs))
        # a reimposition cost on a reversible step: below, at or above what it recovers
        reimpose = (
            draw(st.sampled_from([0.0, 0.0, round(reversibility * cost, 2), 1.0, 5.0]))
            if reversibility > 0
            else 0.0
        )
        out.append(
            Action(
                id=f"a{k}",
                owner=owner,
                duration=draw(st.integers(1, 2)),
                lag=draw(st.integers(0, 1)),
                cost=cost,
                value={other: draw(_money(*values))},
                reversibility=reversibility,
                reimposition_cost=reimpose,
                prerequisites=pre,
                escrow=draw(st.booleans()),
                ratifier_credit={"r": draw(st.sampled_from([0.0, 1.0]))} if owner == "dprk" else {},
                leverage_loss=draw(money),
            )
        )
    return tuple(out)


@st.composite
def specs(
    draw: st.DrawFn,
    max_actions: int = 5,
    horizon: int | None = None,
    leverage_caps: tuple[float | None, ...] = (None, None, 8.0),
    exposure: tuple[float, float] = (2.0, 20.0),
    costs: tuple[float, float] = (0.0, 10.0),
    values: tuple[float, float] = (0.0, 10.0),
    ratified: tuple[bool, ...] = (True, False),
) -> PhasingSpec:
    """A small random phasing problem; ``leverage_caps``, the ``exposure`` tolerance range and
    the ranges of action ``costs`` and ``values`` let a property bias its examples (towards
    binding caps, or towards feasible plans: deals worth more than they cost, a gating
    ratifier less often)."""
    n = draw(st.integers(2, max_actions))
    acts = draw(actions(n, costs, values))
    n_t = horizon or draw(st.integers(3, 5))
    parties = tuple(
        Party(
            id=p,
            exposure_tolerance=draw(st.floats(*exposure).map(lambda x: round(x, 2))),
            trust_gain=draw(st.floats(0.0, 4.0).map(lambda x: round(x, 2))),
            defection_gain=draw(st.sampled_from([0.0, 0.0, 0.0, 0.5])),
            capacity=draw(st.sampled_from([None, (1,) * n_t, (2,) * n_t])),
            leverage_cap=draw(st.sampled_from(leverage_caps)),
        )
        for p in PARTIES
    )
    us_acts = [a.id for a in acts if a.owner == "us"]
    ratifiers: tuple[Ratifier, ...] = ()
    if us_acts and draw(st.sampled_from(ratified)):
        ratifiers = (Ratifier("r", threshold=1.0, gates=(draw(st.sampled_from(us_acts)),)),)
    if not ratifiers:  # credits only for a declared ratifier (the file rules)
        acts = tuple(replace(a, ratifier_credit={}) for a in acts)
    required = tuple(a.id for a in acts if draw(st.booleans()))
    # keep only required actions that can fit the horizon (the loader rejects the rest)
    return PhasingSpec(
        scenario="random",
        horizon=n_t,
        parties=parties,
        actions=acts,
        ratifiers=ratifiers,
        end_state=tuple(e for e in required if _earliest(acts, e) <= n_t),
        discount=draw(st.sampled_from([0.8, 0.9, 1.0])),
        balance_band=draw(st.sampled_from([None, (6.0,) * n_t, (12.0,) * n_t])),
    )


def _earliest(acts: tuple[Action, ...], aid: str) -> int:
    by_id = {a.id: a for a in acts}
    a = by_id[aid]
    start = 1 + max((_earliest(acts, p) for p in a.prerequisites), default=0)
    return start + a.duration + a.lag - 1
