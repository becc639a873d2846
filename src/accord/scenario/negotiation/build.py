"""Check a validated scenario document's references and build the core :class:`Scenario`.

Every problem found is collected (not just the first) and reported with its key path and line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from accord.errors import Problem, ScenarioError
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import Document
from accord.scenario.negotiation.lever_link import SpatialCache, build_lever_forecast
from accord.scenario.negotiation.model import (
    Actor,
    Adjustable,
    Condition,
    Constraint,
    Issue,
    Lever,
    LeverEffect,
    Option,
    Preference,
    RecordedOutcome,
    Role,
    Scenario,
    Source,
)
from accord.scenario.negotiation.schema import (
    ActorSpec,
    ConditionSpec,
    OptionSpec,
    PreferenceSpec,
    ReservationSpec,
    ScenarioFile,
)

__all__ = ["build_scenario"]

SUPPORTED_ROLES = frozenset({Role.principal, Role.ratifier, Role.third_party})
ADJUSTABLE_FIELDS = {"reservation": "principal", "threshold": "ratifier", "sigma": "ratifier"}


def _refs(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Sequence[str | int], message: str) -> None:
        self.problems.append(self.doc.problem(path, message))


def _duplicates(ids: Sequence[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _build_issues(spec: ScenarioFile, chk: _Checker) -> tuple[Issue, ...]:
    issues = []
    for k, iss in enumerate(spec.issues):
        opts = tuple(
            Option(o, o.replace("_", " ")) if isinstance(o, str) else _option(o)
            for o in iss.options
        )
        for dup in sorted(_duplicates([o.id for o in opts])):
            j = [o.id for o in opts].index(dup)
            chk.add(("issues", k, "options", j), f"duplicate option id {dup!r} in issue {iss.id!r}")
        issues.append(Issue(iss.id, iss.name or iss.id.replace("_", " "), opts, iss.description))
    for dup in sorted(_duplicates([i.id for i in issues])):
        k = [i.id for i in issues].index(dup)
        chk.add(("issues", k, "id"), f"duplicate issue id {dup!r}")
    return tuple(issues)


def _option(o: OptionSpec) -> Option:
    return Option(o.id, o.label or o.id.replace("_", " "), o.description)


def _condition(
    cond: ConditionSpec,
    issues: dict[str, Issue],
    order: dict[str, int],
    chk: _Checker,
    path: tuple[str | int, ...],
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


class _Context(_Checker):
    """The checker plus what every section needs: declared sources and the issues."""

    def __init__(self, doc: Document, spec: ScenarioFile) -> None:
        super().__init__(doc)
        self.spec = spec
        self.source_ids: set[str] = {s.id for s in spec.sources}
        self.issues: tuple[Issue, ...] = ()
        self.by_id: dict[str, Issue] = {}
        self.order: dict[str, int] = {}

    def refs(self, value: str | list[str] | None, path: tuple[str | int, ...]) -> tuple[str, ...]:
        """The source ids ``value`` cites, each checked against ``sources``."""
        refs = _refs(value)
        for r in refs:
            if r not in self.source_ids:
                known = ", ".join(sorted(self.source_ids)) or "none are declared"
                self.add(path, f"cites unknown source {r!r}; declared sources: {known}")
        return refs

    def set_issues(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        self.by_id = {i.id: i for i in issues}
        self.order = {i.id: k for k, i in enumerate(issues)}


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

    ctx = _Context(doc, spec)
    sources = _build_sources(ctx)
    ctx.set_issues(_build_issues(spec, ctx))
    for k, iss_spec in enumerate(spec.issues):
        ctx.refs(iss_spec.source, ("issues", k, "source"))
    _check_actors(ctx)
    prefs = _build_preferences(ctx)
    actors = _build_actors(ctx, prefs)  # after preferences: a package reservation needs them
    levers = _build_levers(spec, ctx.by_id, ctx, ctx.refs, base_dir)
    adjustable = _build_adjustable(spec, actors, levers, ctx, ctx.refs)
    level = 0.5
    if spec.ratification is not None:
        ctx.refs(spec.ratification.source, ("ratification", "source"))
        level = spec.ratification.level
    constraints = _build_constraints(ctx)
    outcome = _build_outcome(ctx)

    if ctx.problems:
        raise ScenarioError(ctx.problems)
    date = spec.date.isoformat() if isinstance(spec.date, dt.date) else spec.date
    return Scenario(
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
    )


def _build_sources(ctx: _Context) -> tuple[Source, ...]:
    sources = tuple(Source(s.id, s.title, s.url) for s in ctx.spec.sources)
    ids = [s.id for s in sources]
    for dup in sorted(_duplicates(ids)):
        ctx.add(("sources", ids.index(dup), "id"), f"duplicate source id {dup!r}")
    return sources


def _check_actors(ctx: _Context) -> None:
    """Unique ids, supported roles, the fields each role may carry, two principals."""
    spec = ctx.spec
    actor_ids = [a.id for a in spec.actors]
    for dup in sorted(_duplicates(actor_ids)):
        ctx.add(("actors", actor_ids.index(dup), "id"), f"duplicate actor id {dup!r}")
    for k, a in enumerate(spec.actors):
        ctx.refs(a.source, ("actors", k, "source"))
        role = Role(a.role)
        if role not in SUPPORTED_ROLES:
            ctx.add(
                ("actors", k, "role"),
                f"role {a.role!r} is reserved for a later version of accord; "
                "this version models principal, ratifier and third_party",
            )
        elif role is Role.principal and a.reservation is None:
            ctx.add(
                ("actors", k),
                f"principal {a.id!r} needs a reservation: a number in [0, 1] or "
                "{package: {issue: option, ...}}",
            )
        _check_role_fields(a, k, spec, ctx)
    principals = [a for a in spec.actors if a.role == "principal"]
    if len(principals) < 2:
        ctx.add(
            ("actors",), f"a negotiation needs at least two principals (found {len(principals)})"
        )


def _build_preferences(ctx: _Context) -> dict[str, Preference]:
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
    actor_id: str, pref: PreferenceSpec, base: tuple[str | int, ...], ctx: _Context
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


def _build_actors(ctx: _Context, prefs: dict[str, Preference]) -> list[Actor]:
    """The actors, with reservations and thresholds turned into numbers."""
    actors: list[Actor] = []
    for k, a in enumerate(ctx.spec.actors):
        reservation: float | None = None
        note = ""
        res_pkg: dict[str, str] | None = None
        threshold: float | None = None
        thr_pkg: dict[str, str] | None = None
        for key, stated in (("reservation", a.reservation), ("threshold", a.threshold)):
            value: float | None = None
            named: dict[str, str] | None = None
            if isinstance(stated, ReservationSpec):
                ctx.refs(stated.source, ("actors", k, key, "source"))
                pkg = _package(
                    stated.package, ctx.by_id, ctx, ("actors", k, key, "package"), complete=True
                )
                if pkg is not None and a.id in prefs:
                    value = prefs[a.id].utility(tuple(pkg[i.id] for i in ctx.issues))
                    named = dict(stated.package)
                if key == "reservation":
                    note = stated.note
            elif stated is not None:
                value = float(stated)
            if key == "reservation":
                reservation, res_pkg = value, named
            else:
                threshold, thr_pkg = value, named
        actors.append(
            Actor(
                a.id,
                a.name or a.id,
                Role(a.role),
                a.power,
                reservation,
                note,
                res_pkg,
                a.note,
                _refs(a.source),
                of=a.of,
                threshold=threshold,
                threshold_package=thr_pkg,
                sigma=a.sigma,
            )
        )
    return actors


def _build_constraints(ctx: _Context) -> tuple[Constraint, ...]:
    spec = ctx.spec
    constraints: list[Constraint] = []
    cids = [c.id for c in spec.constraints]
    for dup in sorted(_duplicates(cids)):
        ctx.add(("constraints", cids.index(dup), "id"), f"duplicate constraint id {dup!r}")
    for k, c in enumerate(spec.constraints):
        path: tuple[str | int, ...] = ("constraints", k)
        refs = ctx.refs(c.source, (*path, "source"))
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
                Constraint(c.id, tuple(w for w in when if w is not None), then, c.reason, refs)
            )
    return tuple(constraints)


def _build_outcome(ctx: _Context) -> RecordedOutcome | None:
    stated = ctx.spec.outcome
    if stated is None:
        return None
    refs = ctx.refs(stated.source, ("outcome", "source"))
    pkg_ids = None
    if stated.package is not None:
        pkg = _package(stated.package, ctx.by_id, ctx, ("outcome", "package"), complete=False)
        pkg_ids = None if pkg is None else dict(stated.package)
    return RecordedOutcome(stated.agreement, pkg_ids, stated.note, refs)


def _package(
    pkg: dict[str, str],
    by_id: dict[str, Issue],
    chk: _Checker,
    path: tuple[str | int, ...],
    *,
    complete: bool,
) -> dict[str, int] | None:
    out: dict[str, int] = {}
    ok = True
    for issue_id, opt in pkg.items():
        issue = by_id.get(issue_id)
        if issue is None:
            chk.add(
                (*path, issue_id), f"unknown issue {issue_id!r}; issues are: {', '.join(by_id)}"
            )
            ok = False
        elif opt not in issue.option_ids:
            chk.add(
                (*path, issue_id),
                f"unknown option {opt!r}; options of {issue_id!r} are: {', '.join(issue.option_ids)}",
            )
            ok = False
        else:
            out[issue_id] = issue.option_index(opt)
    if complete:
        missing = [i for i in by_id if i not in pkg]
        if missing:
            chk.add(
                path,
                f"the package must name an option for every issue; missing: {', '.join(missing)}",
            )
            ok = False
    return out if ok else None


def _check_role_fields(a: ActorSpec, k: int, spec: ScenarioFile, chk: _Checker) -> None:
    """Fields that belong to one role only, and a ratifier's link to its principal."""
    principal_ids = [x.id for x in spec.actors if x.role == "principal"]
    if a.role == "ratifier":
        if a.of is None:
            chk.add(("actors", k), f"ratifier {a.id!r} needs `of`: the principal it ratifies for")
        elif a.of not in principal_ids:
            chk.add(
                ("actors", k, "of"),
                f"ratifier {a.id!r} of unknown principal {a.of!r}; principals are: "
                f"{', '.join(principal_ids) or 'none'}",
            )
        if a.threshold is None:
            chk.add(
                ("actors", k),
                f"ratifier {a.id!r} needs a threshold: a number in [0, 1] or "
                "{package: {issue: option, ...}}",
            )
        if a.reservation is not None:
            chk.add(("actors", k, "reservation"), "a ratifier has a threshold, not a reservation")
    else:
        for key, val in (("of", a.of), ("threshold", a.threshold), ("sigma", a.sigma)):
            if val is not None:
                chk.add(("actors", k, key), f"`{key}` is for ratifiers only (role: ratifier)")
    if a.role != "third_party" and a.levers:
        chk.add(("actors", k, "levers"), "only third parties (role: third_party) have levers")
    if a.role == "third_party" and a.reservation is not None:
        chk.add(
            ("actors", k, "reservation"), "a third party acts through levers, not a reservation"
        )


def _build_levers(
    spec: ScenarioFile,
    by_id: dict[str, Issue],
    chk: _Checker,
    check_refs: Callable[[str | list[str] | None, tuple[str | int, ...]], tuple[str, ...]],
    base_dir: Path | None = None,
) -> tuple[Lever, ...]:
    cache: SpatialCache = {}
    targets = {a.id: a.role for a in spec.actors if a.role in ("principal", "ratifier")}
    order = {iid: k for k, iid in enumerate(by_id)}
    out: list[Lever] = []
    for k, a in enumerate(spec.actors):
        lids = [lv.id for lv in a.levers]
        for dup in sorted(_duplicates(lids)):
            chk.add(("actors", k, "levers", lids.index(dup), "id"), f"duplicate lever id {dup!r}")
        for j, lv in enumerate(a.levers):
            base: tuple[str | int, ...] = ("actors", k, "levers", j)
            check_refs(lv.source, (*base, "source"))
            allowed = ", ".join(lv.settings)
            for dup in sorted(_duplicates(lv.settings)):
                chk.add((*base, "settings"), f"duplicate setting {dup!r}")
            forecast = None
            if lv.forecast is not None:
                check_refs(lv.forecast.source, (*base, "forecast", "source"))
                forecast = build_lever_forecast(lv, base, chk.doc, base_dir, cache, chk.add)
            elif lv.current is None:
                chk.add(
                    base,
                    f"lever {lv.id!r} needs `current` (one of: {allowed}) or a `forecast` "
                    "to take its setting from",
                )
            elif lv.current not in lv.settings:
                chk.add(
                    (*base, "current"), f"unknown setting {lv.current!r}; settings are: {allowed}"
                )
            effects: dict[str, tuple[LeverEffect, ...]] = {}
            for setting, specs in lv.effects.items():
                if setting not in lv.settings:
                    chk.add(
                        (*base, "effects", setting),
                        f"effects for unknown setting {setting!r}; settings are: {allowed}",
                    )
                    continue
                built = []
                for e, eff in enumerate(specs):
                    epath = (*base, "effects", setting, e)
                    check_refs(eff.source, (*epath, "source"))
                    if eff.target not in targets:
                        chk.add(
                            (*epath, "target"),
                            f"lever effect on unknown principal or ratifier {eff.target!r}; "
                            f"they are: {', '.join(targets)}",
                        )
                        continue
                    shifts = []
                    for iid, opts in eff.values.items():
                        issue = by_id.get(iid)
                        if issue is None:
                            chk.add(
                                (*epath, "values", iid),
                                f"lever effect on unknown issue {iid!r}; issues are: {', '.join(by_id)}",
                            )
                            continue
                        for oid, delta in opts.items():
                            if oid not in issue.option_ids:
                                chk.add(
                                    (*epath, "values", iid, oid),
                                    f"lever effect on unknown option {oid!r}; options of "
                                    f"{iid!r} are: {', '.join(issue.option_ids)}",
                                )
                                continue
                            shifts.append((order[iid], issue.option_index(oid), float(delta)))
                    built.append(
                        LeverEffect(
                            eff.target,
                            float(eff.reservation or 0.0),
                            tuple(shifts),
                            eff.note,
                            _refs(eff.source),
                        )
                    )
                effects[setting] = tuple(built)
            out.append(
                Lever(
                    a.id,
                    lv.id,
                    lv.name or lv.id.replace("_", " "),
                    tuple(lv.settings),
                    lv.settings[0] if lv.current is None else lv.current,
                    effects,
                    lv.note,
                    _refs(lv.source),
                    forecast=forecast,
                )
            )
    return tuple(out)


def _build_adjustable(
    spec: ScenarioFile,
    actors: list[Actor],
    levers: tuple[Lever, ...],
    chk: _Checker,
    check_refs: Callable[[str | list[str] | None, tuple[str | int, ...]], tuple[str, ...]],
) -> tuple[Adjustable, ...]:
    by_actor = {a.id: a for a in actors}
    lever_keys = {lv.key for lv in levers}
    seen: set[str] = set()
    out = []
    for k, adj in enumerate(spec.adjustable):
        path: tuple[str | int, ...] = ("adjustable", k)
        refs = check_refs(adj.source, (*path, "source"))
        q = adj.quantity
        if q in seen:
            chk.add((*path, "quantity"), f"{q!r} is declared adjustable twice")
            continue
        seen.add(q)
        owner, field = q.split(".", 1)
        current: float | None
        if q in lever_keys:
            chk.add(
                (*path, "quantity"),
                f"{q!r} is a lever; levers are always adjustable over their settings",
            )
            continue
        if q == "ratification.level":
            current = spec.ratification.level if spec.ratification is not None else 0.5
            lo_ok, hi_ok = 0.0, 1.0
        else:
            actor = by_actor.get(owner)
            role = ADJUSTABLE_FIELDS.get(field)
            if actor is None or role is None or actor.role.value != role:
                chk.add(
                    (*path, "quantity"),
                    f"cannot adjust {q!r}; adjustable are ACTOR.reservation (principals), "
                    "ACTOR.threshold and ACTOR.sigma (ratifiers) and ratification.level",
                )
                continue
            current = getattr(actor, field)
            if field == "sigma" and current is None:
                chk.add(
                    (*path, "quantity"),
                    f"ratifier {owner!r} is deterministic (no sigma), so its sigma cannot be adjusted",
                )
                continue
            lo_ok, hi_ok = (0.0, 1.0) if field != "sigma" else (1e-9, 1.0)
        if adj.min < lo_ok or adj.max > hi_ok:
            chk.add(path, f"bounds of {q!r} must lie within [{lo_ok:g}, {hi_ok:g}]")
            continue
        if current is not None and not adj.min - 1e-9 <= current <= adj.max + 1e-9:
            chk.add(
                path,
                f"the file's own value of {q!r} ({current:.4g}) is outside its bounds "
                f"[{adj.min:g}, {adj.max:g}]",
            )
            continue
        out.append(Adjustable(q, adj.min, adj.max, adj.note, refs))
    return tuple(out)
