"""Read a solved schedule: the JSON that ``accord phase --format json`` writes.

Only ``status`` and ``plan`` (a list of ``{action, start, ...}``) are read; the other keys of
that output are ignored, since it is a report, not a document written by hand.
"""

from __future__ import annotations

from pathlib import Path

from accord.errors import Problem, ScenarioError
from accord.scenario._io.yamlio import read_file

__all__ = ["read_schedule_file"]


def read_schedule_file(path: str | Path) -> dict[str, int]:
    """The planned start phase of each action in a saved ``accord phase`` result.

    Raises
    ------
    ScenarioError
        Located at the offending key when the file is not such a result, holds no plan
        (an infeasible result) or names an action twice.
    """
    doc = read_file(Path(path))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("plan"), list):
        raise ScenarioError(
            [
                Problem(
                    "not a saved schedule: expected the JSON of `accord phase PLAN --format "
                    "json` (with a plan list)",
                    doc.source,
                    line=1,
                )
            ]
        )
    if data.get("status") not in ("optimal", "feasible"):
        raise ScenarioError(
            [
                doc.problem(
                    ["status"], f"the saved result has no plan (status {data.get('status')!r})"
                )
            ]
        )
    starts: dict[str, int] = {}
    for k, item in enumerate(data["plan"]):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("action"), str)
            and isinstance(item.get("start"), int)
            and not isinstance(item.get("start"), bool)
            and item["start"] >= 1
        )
        if not ok:
            raise ScenarioError(
                [
                    doc.problem(
                        ["plan", k], "each plan entry needs an action id and a start phase >= 1"
                    )
                ]
            )
        if item["action"] in starts:
            raise ScenarioError(
                [doc.problem(["plan", k, "action"], f"action {item['action']!r} appears twice")]
            )
        starts[item["action"]] = item["start"]
    return starts
