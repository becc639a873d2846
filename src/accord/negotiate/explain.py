"""A negotiation's result in words: how it ended, and which offers each side refused and why.

Refusals are counted by the constraint that binds: a package below the side's reservation
value, a package its ratifiers would not ratify, or one that cleared both but was less than
the side still asked for. With an agreement, each side's ratification probability is given.
"""

from __future__ import annotations

from accord.negotiate.protocol import MEDIATOR, Ending, Event, NegotiationResult
from accord.negotiate.reasons import probability, ratifier_veto
from accord.space.acceptability import acceptable

__all__ = ["actor_name", "explain", "ratification_lines"]


def actor_name(result: NegotiationResult, actor: int) -> str:
    """Display name of a party row, or "the mediator"."""
    return "the mediator" if actor == MEDIATOR else result.domain.names[actor]


def _worth(result: NegotiationResult, row: int) -> str:
    d = result.domain
    return ", ".join(
        f"{float(d.utilities[i, row]):.3f} to {d.names[i]}" for i in range(d.n_parties)
    )


def ratification_lines(result: NegotiationResult) -> tuple[str, ...]:
    """Per side with ratifiers: the probability that they ratify the agreement, in words."""
    d, row = result.domain, result.package
    if row is None or not d.has_ratifiers:
        return ()
    out = []
    for i in range(d.n_parties):
        rats = d.ratifiers_of(i)
        if not rats:
            continue
        each = "; ".join(
            f"{r.name} ratifies it with probability {probability(float(r.probability[row]))}"
            if r.probabilistic
            else f"{r.name} ratifies it (worth {float(r.utilities[row]):.3f} to it, at least "
            f"its threshold {r.threshold:.3f})"
            for r in rats
        )
        joint = float(d.ratification[i, row])
        tail = (
            f" (jointly {probability(joint)}; the level is {d.level:g})"
            if len(rats) > 1
            else f" (the level is {d.level:g})"
        )
        out.append(f"Ratification for {d.names[i]}: {each}{tail}.")
    return tuple(out)


def _no_deal_line(result: NegotiationResult) -> str:
    d = result.domain
    every = d.winsets().all(axis=0)
    n = int(every.sum())
    if n:
        return (
            f"{n:,} of {d.n_packages:,} packages were in every side's win-set; the strategies did "
            "not reach one in time."
        )
    principals = acceptable(d.utilities, d.reservations[:, None], 1.0, 0.0).all(axis=0)
    if not d.has_ratifiers:
        return (
            "No package on the table is worth its reservation value to every party, so no "
            "sequence of offers could have ended in a deal all would accept."
        )
    if principals.any():
        return (
            f"No package on the table is in every side's win-set: {int(principals.sum()):,} are "
            "worth their reservation values to every principal, but the ratifiers veto all of "
            f"them (at ratification level {d.level:g}), so no sequence of offers could have "
            "ended in a deal every side would accept."
        )
    return (
        "No package on the table is worth its reservation value to every party (and the "
        "ratifiers only narrow the win-sets further), so no sequence of offers could have "
        "ended in a deal all would accept."
    )


def _refusals(result: NegotiationResult, i: int, proposer_of: dict[int, int]) -> str | None:
    d = result.domain
    refused = [
        (k, e) for k, e in enumerate(result.trace) if e.kind in ("reject", "veto") and e.actor == i
    ]
    if not refused:
        return None
    r = float(d.reservations[i])

    def value(e: Event) -> float:
        return float(d.utilities[i, e.package or 0]) * result.discount**e.round

    below = [(k, e) for k, e in refused if e.package is not None and value(e) < r]
    vetoed = [
        (k, e)
        for k, e in refused
        if e.package is not None and value(e) >= r and not d.ratified[i, e.package]
    ]
    parts = [f"{d.names[i]} refused {len(refused)} offer{'s' if len(refused) != 1 else ''}"]
    if below:
        k, top = max(below, key=lambda ke: value(ke[1]))
        parts.append(
            f"{len(below)} because they were below its reservation value {r:.3f} "
            f"(the best of them, made by {actor_name(result, proposer_of[k])} in round "
            f"{top.round + 1}, was worth {value(top):.3f} to it)"
        )
    if vetoed:
        k, top = max(vetoed, key=lambda ke: float(d.ratification[i, ke[1].package or 0]))
        who = (
            f"its ratifier {d.ratifiers_of(i)[0].name}"
            if len(d.ratifiers_of(i)) == 1
            else "its ratifiers"
        )
        parts.append(
            f"{len(vetoed)} that cleared its reservation value but that {who} would not "
            f"ratify (the likeliest of them to pass, made by {actor_name(result, proposer_of[k])} in round "
            f"{top.round + 1}: {ratifier_veto(d, i, top.package or 0)})"
        )
    above = len(refused) - len(below) - len(vetoed)
    if above:
        parts.append(
            f"{above} that cleared its reservation value but were less than it still asked for"
        )
    return parts[0] + ": " + "; ".join(parts[1:]) + "."


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
        lines.extend(ratification_lines(result))
    elif result.ending is Ending.walk_away and result.walked_away is not None:
        walk = next(e for e in result.trace if e.kind == "walk-away")
        lines.append(
            f"{d.names[result.walked_away]} walked away in round {result.round + 1}: {walk.reason}."
        )
    else:
        lines.append(f"No agreement: the deadline of {result.n_rounds} rounds passed.")
    if not result.agreement:
        lines.append(_no_deal_line(result))
    proposer_of: dict[int, int] = {}  # event index of a refusal -> who made the offer
    last = MEDIATOR
    for k, e in enumerate(result.trace):
        if e.kind in ("offer", "text"):
            last = e.actor
        elif e.kind in ("reject", "veto"):
            proposer_of[k] = last
    for i in range(d.n_parties):
        line = _refusals(result, i, proposer_of)
        if line is not None:
            lines.append(line)
    if not result.agreement:
        for i in range(d.n_parties):
            own = [e for e in result.trace if e.kind == "offer" and e.actor == i]
            if own and own[-1].package is not None:
                lines.append(
                    f"The last offer by {d.names[i]} (round {own[-1].round + 1}) was worth "
                    f"{_worth(result, own[-1].package)}."
                )
    return tuple(lines)
