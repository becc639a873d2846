"""What decides the verdict: which constraint binds (walk-away.md §3 and §6).

Talks between sides with a model of their preferences can fail for different reasons, and an
explanation must say which one the model finds:

* **no-deal values**: even without red lines and ratifiers, no package gives every principal at
  least what no agreement is worth to it (there is no zone of agreement at all);
* **red lines**: hard constraints held by one side (``held_by``) rule out every package the
  sides could otherwise agree on;
* **ratification**: the negotiators could agree, but a ratifier at home vetoes (Putnam's
  involuntary defection).

(Commitment problems are the phasing layer's, ``accord phase``; private information the
uncertainty layer's, ``accord uncertainty``.) Each is tested by lifting it and counting the
packages that would then be in every win-set, with the one acceptability predicate
(:mod:`accord.space.acceptability`). These are facts; :mod:`accord.bargaining.verdict` puts
them in words.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from accord._types import BoolArray
from accord.scenario.negotiation.model import Constraint, Scenario
from accord.space.acceptability import Acceptability, acceptability
from accord.space.outcomes import OutcomeSpace, build_space, feasibility_mask

__all__ = ["Binding", "Cause", "RedLine", "binding_facts"]

Cause = str
"""One of ``"no_deal_values"``, ``"red_lines"``, ``"ratification"``."""


@dataclass(frozen=True, slots=True)
class RedLine:
    """A side's red line and what it does to the zone of agreement.

    ``opens`` counts the packages that would be in every win-set if this red line alone were
    lifted (the other red lines and the ratifiers kept).
    """

    constraint: str
    holder: str
    reason: str
    excludes: int
    """Packages it alone rules out (of those the other constraints allow)."""
    opens: int


@dataclass(frozen=True, slots=True)
class Binding:
    """Counts of the packages in every win-set with each kind of constraint lifted.

    Attributes
    ----------
    causes:
        What binds, most specific first: ``ratification`` when the negotiators could agree
        but ratifiers veto; ``red_lines`` when lifting the red lines would open a deal;
        ``no_deal_values`` when no package clears every principal's no-deal value even with
        red lines and ratifiers lifted. Empty when there is a deal.
    in_every_winset:
        Packages in every win-set as the file stands.
    leaders_agree:
        Packages every principal accepts (red lines kept, ratifiers ignored).
    without_red_lines:
        Packages in every win-set with every red line lifted.
    leaders_without_red_lines:
        Packages every principal accepts with red lines lifted and ratifiers ignored.
    red_lines:
        One entry per red line.
    accepts:
        Per principal, how many feasible packages it alone accepts, and the feasible count.
    margins:
        With a deal: per principal, the largest gain over its no-deal value among the
        packages in every win-set (raise its no-deal value by more and the zone closes).
    """

    causes: tuple[Cause, ...]
    in_every_winset: int
    leaders_agree: int
    without_red_lines: int
    leaders_without_red_lines: int
    red_lines: tuple[RedLine, ...]
    accepts: dict[str, tuple[int, int]]
    margins: dict[str, float]


def _red_lines(scenario: Scenario) -> tuple[Constraint, ...]:
    return tuple(c for c in scenario.constraints if c.held_by is not None)


def _lifted(scenario: Scenario, lifted: frozenset[str]) -> Scenario:
    kept = tuple(c for c in scenario.constraints if c.id not in lifted)
    return dataclasses.replace(scenario, constraints=kept)


def _zone(acc: Acceptability, with_ratifiers: bool) -> BoolArray:
    members = acc.members if with_ratifiers else acc.accepts
    return np.asarray(members.all(axis=0))


def binding_facts(scenario: Scenario, space: OutcomeSpace, acc: Acceptability) -> Binding:
    """What binds in ``scenario`` (levers applied; ``space`` enumerated, ``acc`` its predicate).

    The red lines are lifted by re-building the space without them: for a space of ``n``
    packages this costs one more enumeration and one predicate pass per red line.
    """
    zone = _zone(acc, True)
    n_zone = int(np.count_nonzero(zone))
    leaders = int(np.count_nonzero(_zone(acc, False)))
    accepts = {
        p: (int(np.count_nonzero(acc.accepts[i])), space.n_feasible)
        for i, p in enumerate(space.principals)
    }
    reds = _red_lines(scenario)
    all_ids = frozenset(c.id for c in reds)
    if reds:
        free = _lifted(scenario, all_ids)
        free_space = build_space(free)
        free_acc = acceptability(free, free_space)
        without = int(np.count_nonzero(_zone(free_acc, True)))
        leaders_without = int(np.count_nonzero(_zone(free_acc, False)))
    else:
        free_space, without, leaders_without = space, n_zone, leaders
    facts = []
    for c in reds:
        one = dataclasses.replace(scenario, constraints=(c,))
        ok, _ = feasibility_mask(one)
        allowed_by_others = _lifted(scenario, frozenset({c.id}))
        other_space = build_space(allowed_by_others)
        excludes = int(np.count_nonzero(~ok.ravel()[other_space.feasible]))
        opens = int(np.count_nonzero(_zone(acceptability(allowed_by_others, other_space), True)))
        facts.append(RedLine(c.id, str(c.held_by), c.reason, excludes, opens))
    causes: list[Cause] = []
    if n_zone == 0 and space.n_feasible:
        if leaders_without == 0:
            causes.append("no_deal_values")  # nothing to lift would open a deal
        elif leaders > 0:
            causes.append("ratification")  # the negotiators agree; their home fronts veto
            if without > 0:
                causes.append("red_lines")
        else:
            causes.append("red_lines")  # the red lines block even the negotiators
            if without == 0:
                causes.append("ratification")
    margins: dict[str, float] = {}
    if n_zone:
        gains = space.utilities[:, zone] - space.reservations[:, None]
        margins = {p: float(gains[i].max()) for i, p in enumerate(space.principals)}
    return Binding(
        tuple(causes), n_zone, leaders, without, leaders_without, tuple(facts), accepts, margins
    )
