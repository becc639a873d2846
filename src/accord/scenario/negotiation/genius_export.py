"""Export an accord scenario as GENIUS XML: one domain file and one profile per principal.

GENIUS divides each issue's evaluations by the issue's largest evaluation, so every issue's
best item is worth 1 there. An accord issue whose best value is ``b < 1`` is written with
evaluations ``value / b`` and weight ``weight * b``; weights are then normalised to sum to 1,
which divides the principal's whole utility (and its reservation value) by the same positive
number ``T = sum(weight * b)``. Utilities change only by that per-principal scale, so the
frontier, the ZOPA and every solution package are the same. An issue worth nothing to a
principal (all values 0) gets weight 0. GENIUS has no hard constraints: a scenario with
constraints is refused rather than exported with a larger space.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import numpy as np

from accord.errors import InputError
from accord.scenario.negotiation.model import Issue, Scenario

__all__ = ["DOMAIN_FILE", "export_genius", "genius_domain_xml", "genius_profile_xml"]

DOMAIN_FILE = "domain.xml"
"""File name of the exported domain; each profile is ``<principal id>.xml``."""


def _item_values(issue: Issue) -> list[str]:
    labels = [o.label for o in issue.options]
    return labels if len(set(labels)) == len(labels) else [o.id for o in issue.options]


def _issue_names(scenario: Scenario) -> list[str]:
    names = [i.name for i in scenario.issues]
    return names if len(set(names)) == len(names) else [i.id for i in scenario.issues]


def genius_domain_xml(scenario: Scenario) -> str:
    """The GENIUS domain file of ``scenario``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        "<negotiation_template>",
        f'<utility_space number_of_issues="{len(scenario.issues)}">',
        f'<objective index="0" etype="objective" type="objective" description="" '
        f"name={quoteattr(scenario.title)}>",
    ]
    for k, (issue, name) in enumerate(zip(scenario.issues, _issue_names(scenario), strict=True)):
        lines.append(
            f'\t<issue index="{k + 1}" etype="discrete" type="discrete" vtype="discrete" '
            f"name={quoteattr(name)}>"
        )
        for j, value in enumerate(_item_values(issue)):
            lines.append(f'\t\t<item index="{j + 1}" value={quoteattr(value)} description=""/>')
        lines.append("\t</issue>")
    lines += ["</objective>", "</utility_space>", "</negotiation_template>", ""]
    return "\n".join(lines)


def genius_profile_xml(scenario: Scenario, principal: str) -> str:
    """The GENIUS profile of one principal (see the module notes on scaling).

    Raises
    ------
    InputError
        If the principal's utility is 0 everywhere, or its reservation value is above the
        best package it could get (GENIUS cannot represent a reservation above 1).
    """
    pref = scenario.preferences[principal]
    actor = scenario.actor(principal)
    best = np.array([float(v.max()) for v in pref.values])
    scaled = pref.weights * best
    total = float(scaled.sum())
    if total <= 0:
        raise InputError(f"principal {principal!r} values every package at 0; nothing to export")
    reservation = (actor.reservation or 0.0) / total
    if reservation > 1.0 + 1e-9:
        raise InputError(
            f"principal {principal!r} has a reservation value above the best package it can "
            "get; GENIUS cannot represent it"
        )
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        "<utility_space>",
        f'<objective index="0" etype="objective" type="objective" description="" '
        f"name={quoteattr(scenario.title)}>",
    ]
    names = _issue_names(scenario)
    for k, issue in enumerate(scenario.issues):
        lines.append(
            f'\t<issue index="{k + 1}" etype="discrete" type="discrete" vtype="discrete" '
            f"name={quoteattr(names[k])}>"
        )
        vals = pref.values[k] / best[k] if best[k] > 0 else np.ones(len(issue.options))
        for j, (value, ev) in enumerate(zip(_item_values(issue), vals, strict=True)):
            lines.append(
                f'\t\t<item index="{j + 1}" value={quoteattr(value)} '
                f'evaluation="{float(ev)!r}" description=""/>'
            )
        lines.append("\t</issue>")
    for k in range(len(scenario.issues)):
        lines.append(f'\t<weight index="{k + 1}" value="{float(scaled[k] / total)!r}"/>')
    lines += [
        "</objective>",
        f'<reservation value="{min(1.0, reservation)!r}"/>',
        '<discount_factor value="1.0"/>',
        "</utility_space>",
        "",
    ]
    return "\n".join(lines)


def export_genius(scenario: Scenario) -> dict[str, str]:
    """File name -> XML text: the domain and one profile per principal.

    Raises
    ------
    InputError
        If the scenario has hard constraints (GENIUS cannot express them) or a principal's
        preferences cannot be written (see :func:`genius_profile_xml`).
    """
    if scenario.constraints:
        ids = ", ".join(c.id for c in scenario.constraints)
        raise InputError(
            f"{scenario.origin}: constraints: GENIUS has no hard constraints, and exporting "
            f"without them would change the feasible packages; remove them first ({ids})"
        )
    files = {DOMAIN_FILE: genius_domain_xml(scenario)}
    for p in scenario.principals:
        files[f"{p.id}.xml"] = genius_profile_xml(scenario, p.id)
    return files
