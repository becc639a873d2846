"""Check a validated scenario document's references and build the core :class:`Scenario`.

Every problem found is collected (not just the first) and reported with its key path and line.
The sections live in their own modules: actors and no-deal values (``_actors_build``), levers
and adjustable quantities (``_levers_build``); this module holds the issues, preferences,
constraints and the recorded outcome, and puts the scenario together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from accord.errors import Problem, ScenarioError
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import Document
from accord.scenario.negotiation._actors_build import build_actors, build_status_quo, check_actors
from accord.scenario.negotiation._context import Context, KeyPath, duplicates
from accord.scenario.negotiation._levers_build import build_adjustable, build_levers
from accord.scenario.negotiation.model import (
    Actor,
    Condition,
    Constraint,
    Issue,
    Option,
    Preference,
    RecordedOutcome,
    Scenario,
    Source,
)
from accord.scenario.negotiation.schema import (
    ConditionSpec,
    OptionSpec,
    PreferenceSpec,
    ScenarioFile,
)
from accord.scenario.uncertainty.build import build_declaration

__all__ = ["build_scenario"]


def _build_issues(spec: ScenarioFile, chk: Context) -> tuple[Issue, ...]:
    issues = []
    for k, iss in enumerate(spec.issues):
        opts = tuple(
            Option(o, o.replace("_", " ")) if isinstance(o, str) else _option(o)
            for o in iss.options
        )
        for dup in sorted(duplicates([o.id for o in opts])):
            j = [o.id for o in opts].index(dup)
            chk.add(("issues", k, "options", j), f"duplicate option id {dup!r} in issue {iss.id!r}")
        if all(o.no_deal_only for o in opts):
            chk.add(
                ("issues", k, "options"),
                f"every option of {iss.id!r} is `no_deal_only`: at least one must be on the table",
            )
        issues.append(Issue(iss.id, iss.name or iss.id.replace("_", " "), opts, iss.description))
    for dup in sorted(duplicates([i.id for i in issues])):
        k = [i.id for i in issues].index(dup)
        chk.add(("issues", k, "id"), f"duplicate issue id {dup!r}")
    return tuple(issues)


def _option(o: OptionSpec) -> Option:
    return Option(o.id, o.label or o.id.replace("_", " "), o.description, o.no_deal_only)


def _condition(
    cond: ConditionSpec,
    issues: dict[str, Issue],
    order: dict[str, int],
    chk: Context,
    path: KeyPath,
) -> Condition | None:
    issue = issues.get(cond.issue)
    if issue is None:
        chk.add((*path, "issue"), f"unknown issue {cond.issue!r}; issues are: {', '.join(issues)}")
        return None
    ids = issue.option_ids
    valid = f"options of {issue.id!r} are: {', '.join(ids)}"

    def idx(opt: str, key: str) -> int | None:
        if opt not in ids:
            chk.add((*path, key), f"unknown option {opt!r}; {valid}")
            return None
        return ids.index(opt)

    n = len(ids)
    if cond.is_ is not None:
        i = idx(cond.is_, "is")
        return (
            None
            if i is None
            else Condition(
                order[issue.id], frozenset({i}), f"{issue.name} is {issue.options[i].label}"
            )
        )
    if cond.in_ is not None:
        found = [idx(o, "in") for o in cond.in_]
        if any(f is None for f in found):
            return None
        labels = " or ".join(issue.options[f].label for f in found if f is not None)
        return Condition(
            order[issue.id],
            frozenset(f for f in found if f is not None),
            f"{issue.name} is {labels}",
        )
    if cond.at_least is not None:
        i = idx(cond.at_least, "at_least")
        return (
            None
            if i is None
            else Condition(
                order[issue.id],
                frozenset(range(i, n)),
                f"{issue.name} is at least {issue.options[i].label}",
            )
        )
    assert cond.at_most is not None
    i = idx(cond.at_most, "at_most")
    return (
        None
        if i is None
        else Condition(
            order[issue.id],
            frozenset(range(i + 1)),
            f"{issue.name} is at most {issue.options[i].label}",
        )
    )


def build_scenario(doc: Document, base_dir: Path | None = None) -> Scenario:
    """Validate ``doc`` against the schema and its references; return the core scenario.

    ``base_dir`` is the folder that relative paths in the document (a lever's forecast
    ``data``) are read from: the scenario file's folder; ``None`` for the working directory.

    Raises
    ------
    ScenarioError
        With every problem found, each located by key path and line.
    """
    if not isinstance(doc.data, dict):
        raise ScenarioError(
            [
                Problem(
                    "a scenario must be a mapping with keys accord, title, actors, issues, preferences",
                    doc.source,
                    line=1,
                )
            ]
        )
    try:
        spec = ScenarioFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, doc, ScenarioFile)) from None

    ctx = Context(doc, spec)
    sources = _build_sources(ctx)
    ctx.set_issues(_build_issues(spec, ctx))
    for k, iss_spec in enumerate(spec.issues):
        ctx.refs(iss_spec.source, ("issues", k, "source"))
    check_actors(ctx)
    prefs = _build_preferences(ctx)
    status_quo, sq_idx = build_status_quo(ctx)
    actors = build_actors(ctx, prefs, sq_idx)  # after preferences: no-deal packages need them
    levers = build_levers(ctx, base_dir)
    adjustable = build_adjustable(ctx, actors, levers)
    level = 0.5
    if spec.ratification is not None:
        ctx.refs(spec.ratification.source, ("ratification", "source"))
        level = spec.ratification.level
    constraints = _build_constraints(ctx, actors)
    outcome = _build_outcome(ctx)
    if not ctx.problems:
        _note_no_deal_constraints(ctx, actors, constraints)

    if ctx.problems:
        raise ScenarioError(ctx.problems)
    date = spec.date.isoformat() if isinstance(spec.date, dt.date) else spec.date
    written = {
        aid: tuple(float(p.weights[i.id]) for i in ctx.issues)
        for aid, p in spec.preferences.items()
    }
    scenario = Scenario(
        title=spec.title,
        actors=tuple(actors),
        issues=ctx.issues,
        preferences=prefs,
        constraints=constraints,
        outcome=outcome,
        date=date,
        description=spec.description,
        sources=sources,
        origin=doc.source,
        levers=levers,
        adjustable=adjustable,
        ratification_level=level,
        status_quo=status_quo,
        notes=tuple(ctx.notes),
        written_weights=written,
    )
    if spec.uncertainty is None:
        return scenario
    declared = build_declaration(spec.uncertainty, scenario, written, doc)
    return dataclasses.replace(scenario, uncertainty=declared)


def _build_sources(ctx: Context) -> tuple[Source, ...]:
    sources = tuple(Source(s.id, s.title, s.url) for s in ctx.spec.sources)
    ids = [s.id for s in sources]
    for dup in sorted(duplicates(ids)):
        ctx.add(("sources", ids.index(dup), "id"), f"duplicate source id {dup!r}")
    return sources


def _build_preferences(ctx: Context) -> dict[str, Preference]:
    spec = ctx.spec
    actor_ids = [a.id for a in spec.actors]
    prefs: dict[str, Preference] = {}
    for actor_id, pref in spec.preferences.items():
        base: tuple[str | int, ...] = ("preferences", actor_id)
        if actor_id not in actor_ids:
            ctx.add(
                base,
                f"preferences for unknown actor {actor_id!r}; actors are: {', '.join(actor_ids)}",
            )
            continue
        if spec.actors[actor_ids.index(actor_id)].role not in ("principal", "ratifier"):
            ctx.add(
                base,
                f"actor {actor_id!r} is neither a principal nor a ratifier; only they have preferences",
            )
            continue
        built = _preference(actor_id, pref, base, ctx)
        if built is not None:
            prefs[actor_id] = built
    for a in spec.actors:
        if a.role in ("principal", "ratifier") and a.id not in spec.preferences:
            ctx.add(("preferences",), f"missing preferences for {a.role} {a.id!r}")
    return prefs


def _preference(
    actor_id: str, pref: PreferenceSpec, base: tuple[str | int, ...], ctx: Context
) -> Preference | None:
    """One actor's weights and values, checked against the issues; ``None`` if unusable."""
    by_id, issues = ctx.by_id, ctx.issues
    weights = np.zeros(len(issues))
    values: list[np.ndarray] = []
    for key in pref.weights:
        if key not in by_id:
            ctx.add(
                (*base, "weights", key),
                f"unknown issue {key!r}; issues are: {', '.join(by_id)}",
            )
    for key in pref.values:
        if key not in by_id:
            ctx.add(
                (*base, "values", key), f"unknown issue {key!r}; issues are: {', '.join(by_id)}"
            )
    for key, rat in pref.rationale.items():
        if key not in by_id and key != "weights":
            ctx.add(
                (*base, "rationale", key),
                f"unknown issue {key!r}; use an issue id or 'weights'",
            )
        ctx.refs(rat.source, (*base, "rationale", key, "source"))
    for k, iss in enumerate(issues):
        if iss.id not in pref.weights:
            ctx.add((*base, "weights"), f"missing weight for issue {iss.id!r}")
        else:
            weights[k] = pref.weights[iss.id]
        vals = np.zeros(len(iss.options))
        given = pref.values.get(iss.id)
        if given is None:
            ctx.add((*base, "values"), f"missing values for issue {iss.id!r}")
        else:
            for opt in given:
                if opt not in iss.option_ids:
                    ctx.add(
                        (*base, "values", iss.id, opt),
                        f"unknown option {opt!r}; options of {iss.id!r} are: {', '.join(iss.option_ids)}",
                    )
            for j, opt_id in enumerate(iss.option_ids):
                if opt_id not in given:
                    ctx.add(
                        (*base, "values", iss.id),
                        f"missing value for option {opt_id!r} (every option needs a value in [0, 1])",
                    )
                else:
                    vals[j] = given[opt_id]
        values.append(vals)
    with np.errstate(over="ignore"):
        total = float(weights.sum())
    if not np.isfinite(total):
        ctx.add(
            (*base, "weights"),
            "the weights are too large to add up; use numbers of ordinary size (only their "
            "ratios matter: they are normalised to sum to 1)",
        )
        return None
    if total <= 0.0:
        if len(pref.weights) > 0:
            ctx.add(
                (*base, "weights"),
                "all weights are zero; at least one issue must matter (weights are normalised to sum to 1)",
            )
        return None
    return Preference(actor_id, weights / total, tuple(values))


def _build_constraints(ctx: Context, actors: list[Actor]) -> tuple[Constraint, ...]:
    """The file's hard constraints, then one per issue with ``no_deal_only`` options."""
    spec = ctx.spec
    holders = {a.id for a in actors if a.role.value in ("principal", "ratifier")}
    constraints: list[Constraint] = []
    cids = [c.id for c in spec.constraints]
    for dup in sorted(duplicates(cids)):
        ctx.add(("constraints", cids.index(dup), "id"), f"duplicate constraint id {dup!r}")
    for k, c in enumerate(spec.constraints):
        path: KeyPath = ("constraints", k)
        refs = ctx.refs(c.source, (*path, "source"))
        if c.held_by is not None and c.held_by not in holders:
            ctx.add(
                (*path, "held_by"),
                f"unknown principal or ratifier {c.held_by!r}; a red line is held by one of: "
                f"{', '.join(sorted(holders))}",
            )
        when_specs = (
            [] if c.if_ is None else ([c.if_] if isinstance(c.if_, ConditionSpec) else list(c.if_))
        )
        when = []
        for j, w in enumerate(when_specs):
            wpath = (*path, "if") if isinstance(c.if_, ConditionSpec) else (*path, "if", j)
            when.append(_condition(w, ctx.by_id, ctx.order, ctx, wpath))
        then = _condition(c.then, ctx.by_id, ctx.order, ctx, (*path, "then"))
        if then is not None and all(w is not None for w in when):
            constraints.append(
                Constraint(
                    c.id, tuple(w for w in when if w is not None), then, c.reason, refs, c.held_by
                )
            )
    for k, issue in enumerate(ctx.issues):
        off = [o for o in issue.options if o.no_deal_only]
        if not off or len(off) == len(issue.options):
            continue
        labels = " or ".join(f"'{o.label}'" for o in off)
        on_table = frozenset(j for j, o in enumerate(issue.options) if not o.no_deal_only)
        constraints.append(
            Constraint(
                f"no_deal_only:{issue.id}",
                (),
                Condition(k, on_table, f"{issue.name} is not {labels}"),
                f"{labels} describes the world without an agreement; no deal contains it",
            )
        )
    return tuple(constraints)


def _note_no_deal_constraints(
    ctx: Context, actors: list[Actor], constraints: tuple[Constraint, ...]
) -> None:
    """A no-deal package may break a constraint (constraints bind deals, not the status quo):
    allowed, with a note so that it is never silent."""
    seen: set[tuple[tuple[str, str], ...]] = set()
    for k, a in enumerate(actors):
        pkg = a.reservation_package
        if pkg is None or tuple(sorted(pkg.items())) in seen:
            continue
        seen.add(tuple(sorted(pkg.items())))
        idx = tuple(ctx.by_id[i].option_index(pkg[i]) for i in ctx.by_id)
        broken = [
            c.id for c in constraints if not c.holds(idx) and not c.id.startswith("no_deal_only:")
        ]
        if broken:
            ctx.note(
                ("actors", k, "no_deal"),
                f"the no-deal package of {a.id} breaks constraint(s) {', '.join(broken)}: allowed, "
                "since constraints bind deals, not the world without one",
            )


def _build_outcome(ctx: Context) -> RecordedOutcome | None:
    stated = ctx.spec.outcome
    if stated is None:
        return None
    refs = ctx.refs(stated.source, ("outcome", "source"))
    pkg_ids = None
    if stated.package is not None:
        pkg = ctx.package(stated.package, ("outcome", "package"), complete=False)
        pkg_ids = None if pkg is None else dict(stated.package)
        if pkg_ids is not None and stated.agreement:
            for iid, oid in pkg_ids.items():
                opt = ctx.by_id[iid].options[ctx.by_id[iid].option_index(oid)]
                if opt.no_deal_only:
                    ctx.add(
                        ("outcome", "package", iid),
                        f"{oid!r} is a `no_deal_only` option: a recorded agreement cannot "
                        "contain it",
                    )
    return RecordedOutcome(stated.agreement, pkg_ids, stated.note, refs)
