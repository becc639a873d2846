"""The link from a phasing document to its negotiation scenario: the ``deal:`` package.

A phasing document says which package of its scenario the completed agreement implements::

    deal:
      package: {scope: yongbyon_full, declaration: none, ...}   # one option per issue
      note: why this package
      source: where it comes from

Why one package and not a per-action mapping (each step "implements" an option): a mapping
would need a rule for composing the steps' options on one issue (which option wins when a
shutdown and a dismantlement both touch ``scope``?) and a default for the issues no step
touches, and the package checked would change with the optional steps the solver happens to
add. One explicit package is what the parties agree to; the schedule is how they carry it out.

:func:`deal_problems` checks the package against the scenario (every issue named once, known
options only, no ``no_deal_only`` option), returning key paths the loader turns into located
errors. Whether the package is *acceptable* is decided later, by the one acceptability
predicate (:func:`accord.space.acceptability.check_package`), once the scenario's levers are
resolved.
"""

from __future__ import annotations

from collections.abc import Mapping

from accord.scenario.negotiation.model import Scenario

__all__ = ["deal_problems"]

KeyPath = tuple[str | int, ...]


def deal_problems(
    package: Mapping[str, str], scenario: Scenario, ref: str
) -> list[tuple[KeyPath, str]]:
    """What is wrong with ``package`` as a deal of ``scenario`` (empty when nothing).

    Parameters
    ----------
    package:
        The document's ``deal.package``: ``{issue id: option id}``.
    scenario:
        The negotiation scenario the document names.
    ref:
        How the document names it (for the messages).

    Returns
    -------
    list of (key path, message)
        Unknown issues, unknown or ``no_deal_only`` options, and missing issues.
    """
    out: list[tuple[KeyPath, str]] = []
    issues = {i.id: i for i in scenario.issues}
    base: KeyPath = ("deal", "package")
    for issue_id, option_id in package.items():
        issue = issues.get(issue_id)
        if issue is None:
            out.append(
                (
                    (*base, issue_id),
                    f"unknown issue {issue_id!r}; the issues of scenario {ref!r} are: "
                    f"{', '.join(issues)}",
                )
            )
            continue
        if option_id not in issue.option_ids:
            out.append(
                (
                    (*base, issue_id),
                    f"unknown option {option_id!r}; the options of {issue_id!r} are: "
                    f"{', '.join(issue.option_ids)}",
                )
            )
            continue
        if issue.options[issue.option_index(option_id)].no_deal_only:
            on_table = [o.id for o in issue.options if not o.no_deal_only]
            out.append(
                (
                    (*base, issue_id),
                    f"{option_id!r} is a `no_deal_only` option (it describes the world without "
                    f"an agreement), so no deal contains it; options of {issue_id!r} on the "
                    f"table: {', '.join(on_table)}",
                )
            )
    missing = [i for i in issues if i not in package]
    if missing:
        out.append(
            (
                base,
                f"the deal must name an option for every issue of scenario {ref!r}; missing: "
                f"{', '.join(missing)}",
            )
        )
    return out
