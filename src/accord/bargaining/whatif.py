"""What-if: re-run the analysis with changed lever settings or adjustable quantities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord.bargaining.analysis import Analysis, analyze
from accord.bargaining.remedies import Change
from accord.bargaining.twolevel_diagnosis import describe_change
from accord.scenario.negotiation.adjust import canonical_key, current_value, with_changes
from accord.scenario.negotiation.model import Scenario

__all__ = ["WhatIf", "what_if"]


@dataclass(frozen=True, slots=True, eq=False)
class WhatIf:
    """The base analysis, the analysis with the changes, and the changes in words."""

    base: Analysis
    changed: Analysis
    changes: tuple[Change, ...]

    def diff(self) -> dict[str, Any]:
        """What moved: verdict, ZOPA and win-set sizes, solution packages (plain data)."""

        def sizes(a: Analysis) -> dict[str, dict[str, int]]:
            ws = a.winsets
            out = {}
            for i, pid in enumerate(a.space.principals):
                accepted = int((a.space.utilities[i] >= a.space.reservations[i]).sum())
                out[pid] = {
                    "accepted": accepted,
                    "winset": accepted if ws is None else ws.size(pid),
                }
            return out

        def sols(a: Analysis) -> dict[str, dict[str, str]]:
            d = {s.concept: s.package for s in a.solutions}
            if a.ratified is not None:
                d[a.ratified.concept] = a.ratified.package
            return d

        b, c = sols(self.base), sols(self.changed)
        return {
            "verdict": {
                "base": self.base.verdict.headline,
                "changed": self.changed.verdict.headline,
                "changed_verdict": self.base.verdict.agreement_possible
                != self.changed.verdict.agreement_possible,
            },
            "zopa": {"base": int(self.base.zopa.size), "changed": int(self.changed.zopa.size)},
            "levers": {
                b.key: [b.current, c.current]
                for b, c in zip(
                    self.base.scenario.levers, self.changed.scenario.levers, strict=True
                )
                if b.current != c.current
            },
            "winsets": {"base": sizes(self.base), "changed": sizes(self.changed)},
            "solutions": {
                concept: {
                    "base": b.get(concept),
                    "changed": c.get(concept),
                    "moved": {
                        k: [b[concept][k], c[concept][k]]
                        for k in c[concept]
                        if concept in b and b[concept][k] != c[concept][k]
                    }
                    if concept in c and concept in b
                    else None,
                }
                for concept in dict.fromkeys([*b, *c])
            },
        }


def what_if(
    scenario: Scenario,
    changes: Mapping[str, str | float],
    *,
    moved: Scenario | None = None,
    derived: Sequence[Change] = (),
) -> WhatIf:
    """Analyse ``scenario`` as loaded and with ``changes`` (``InputError`` if not allowed).

    Parameters
    ----------
    scenario:
        The base case (levers not applied).
    changes:
        Lever settings and adjustable quantities to change.
    moved:
        The scenario the changes apply to, if other than ``scenario``: e.g. with levers
        re-set from a moved forecast (``accord.api.whatif_scenario``).
    derived:
        Changes already made in ``moved`` (listed before ``changes``).
    """
    changes = {canonical_key(k): v for k, v in changes.items()}
    changed = with_changes(scenario if moved is None else moved, changes)
    listed = list(derived)
    for key, new in changes.items():
        old = current_value(scenario, key)
        value: str | float = new if isinstance(old, str) else float(new)
        c = Change(key, old, value, "")
        listed.append(Change(key, old, value, describe_change(scenario, c)))
    return WhatIf(analyze(scenario), analyze(changed), tuple(listed))
