"""A negotiation's result in words: how it ended, and which offers each side refused and why."""

from __future__ import annotations

import numpy as np

from accord.negotiate.protocol import MEDIATOR, Ending, NegotiationResult
from accord.negotiate.strategy import EPS

__all__ = ["actor_name", "explain"]


def actor_name(result: NegotiationResult, actor: int) -> str:
    """Display name of a party row, or "the mediator"."""
    return "the mediator" if actor == MEDIATOR else result.domain.names[actor]


def _worth(result: NegotiationResult, row: int) -> str:
    d = result.domain
    return ", ".join(
        f"{float(d.utilities[i, row]):.3f} to {d.names[i]}" for i in range(d.n_parties)
    )


def explain(result: NegotiationResult) -> tuple[str, ...]:
    """Plain-language lines: the ending, whether any deal was possible, each side's refusals."""
    d = result.domain
    lines: list[str] = []
    disc = " after discounting" if result.discount < 1 else ""
    if result.ending is Ending.agreement and result.package is not None:
        lines.append(
            f"Agreement in round {result.round + 1} of {result.n_rounds}: the package is worth "
            + ", ".join(
                f"{v:.3f} to {d.names[i]} (reservation {float(d.reservations[i]):.3f})"
                for i, v in enumerate(result.values)
            )
            + f"{disc}."
        )
    elif result.ending is Ending.walk_away and result.walked_away is not None:
        walk = next(e for e in result.trace if e.kind == "walk-away")
        lines.append(
            f"{d.names[result.walked_away]} walked away in round {result.round + 1}: {walk.reason}."
        )
    else:
        lines.append(f"No agreement: the deadline of {result.n_rounds} rounds passed.")
    if not result.agreement:
        ok = np.all(d.utilities >= d.reservations[:, None] - EPS, axis=0)
        if not ok.any():
            lines.append(
                "No package on the table is worth its reservation value to every party, so no "
                "sequence of offers could have ended in a deal all would accept."
            )
        else:
            lines.append(
                f"{int(ok.sum())} of {d.n_packages} packages were acceptable to every party; "
                "the strategies did not reach one in time."
            )
    proposer_of: dict[int, int] = {}  # event index of a refusal -> who made the offer
    last = MEDIATOR
    for k, e in enumerate(result.trace):
        if e.kind in ("offer", "text"):
            last = e.actor
        elif e.kind == "reject":
            proposer_of[k] = last
    for i in range(d.n_parties):
        refused = [
            (k, e) for k, e in enumerate(result.trace) if e.kind == "reject" and e.actor == i
        ]
        if not refused:
            continue
        r = float(d.reservations[i])
        below = [
            (k, e)
            for k, e in refused
            if e.package is not None
            and float(d.utilities[i, e.package]) * result.discount**e.round < r - EPS
        ]
        parts = [f"{d.names[i]} refused {len(refused)} offer{'s' if len(refused) != 1 else ''}"]
        if below:
            k, top = max(below, key=lambda ke: float(d.utilities[i, ke[1].package or 0]))
            row = top.package or 0
            parts.append(
                f"{len(below)} because they were below its reservation value {r:.3f} "
                f"(the best of them, made by {actor_name(result, proposer_of[k])} in round "
                f"{top.round + 1}, was worth {float(d.utilities[i, row]) * result.discount**top.round:.3f} to it)"
            )
        above = len(refused) - len(below)
        if above:
            parts.append(
                f"{above} that cleared its reservation value but were less than it still asked for"
            )
        lines.append(parts[0] + ": " + "; ".join(parts[1:]) + ".")
    if not result.agreement:
        for i in range(d.n_parties):
            own = [e for e in result.trace if e.kind == "offer" and e.actor == i]
            if own and own[-1].package is not None:
                lines.append(
                    f"The last offer by {d.names[i]} (round {own[-1].round + 1}) was worth "
                    f"{_worth(result, own[-1].package)}."
                )
    return tuple(lines)
