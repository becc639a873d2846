"""Check declared uncertainty against its scenario and build the :class:`Declaration`.

Every problem is collected and located (file, line, key path): unknown parameter paths (with
what would be valid there), a distribution whose support leaves the valid range of its number
(a negative weight, a sigma at or below 0, a probability above 1), a package-valued no-deal
value given as anything but a shift, duplicate paths, beliefs about unknown sides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from accord.errors import Problem, ScenarioError
from accord.scenario._io.yamlio import Document
from accord.scenario.negotiation.model import Role, Scenario
from accord.scenario.uncertainty.distributions import Distribution
from accord.scenario.uncertainty.model import (
    Belief,
    Declaration,
    Quantity,
    Target,
    UncertainParameter,
)
from accord.scenario.uncertainty.schema import (
    DiscreteSpec,
    DistributionSpec,
    TriangularSpec,
    TruncatedNormalSpec,
    UncertaintySpec,
    UniformSpec,
)

__all__ = ["PATH_FORMS", "build_declaration", "distribution"]

KeyPath = tuple[str | int, ...]

PATH_FORMS = (
    "ACTOR.weights.ISSUE, ACTOR.values.ISSUE.OPTION, ACTOR.no_deal, ACTOR.power, "
    "ACTOR.threshold, ACTOR.sigma, ratification.level, ACTOR.LEVER.effects.SETTING[i].no_deal "
    "(or .threshold, or .values.ISSUE.OPTION), ACTOR.LEVER.effects[i]"
)
"""The parameter paths a declaration may use, for error messages."""

_INDEXED = re.compile(r"^([A-Za-z][A-Za-z0-9_\-]*)\[(\d+)\]$")

_RANGES: dict[Quantity, tuple[float, float, str]] = {
    Quantity.weight: (0.0, float("inf"), "a weight (at least 0)"),
    Quantity.value: (0.0, 1.0, "an option value [0, 1]"),
    Quantity.no_deal: (0.0, 1.0, "a no-deal value [0, 1]"),
    Quantity.threshold: (0.0, 1.0, "a threshold [0, 1]"),
    Quantity.sigma: (0.0, 1.0, "a sigma (0, 1]"),
    Quantity.level: (0.0, 1.0, "a ratification level (0, 1]"),
    Quantity.power: (0.0, 1.0, "a power [0, 1]"),
    Quantity.effect_shift: (-1.0, 1.0, "a lever effect's shift [-1, 1]"),
    Quantity.effect_value: (-1.0, 1.0, "a lever effect's value shift [-1, 1]"),
}
_OPEN_BELOW = frozenset({Quantity.sigma, Quantity.level})


def distribution(spec: DistributionSpec) -> Distribution:
    """The core distribution of a validated distribution spec."""
    if isinstance(spec, UniformSpec):
        return Distribution("uniform", spec.low, spec.high)
    if isinstance(spec, TriangularSpec):
        return Distribution("triangular", spec.low, spec.high, mode=spec.mode)
    if isinstance(spec, TruncatedNormalSpec):
        return Distribution("truncated_normal", spec.low, spec.high, mean=spec.mean, sd=spec.sd)
    if isinstance(spec, DiscreteSpec):
        pairs = sorted(zip(spec.values, spec.probabilities, strict=True))
        vals = tuple(float(v) for v, _ in pairs)
        return Distribution(
            "discrete",
            vals[0],
            vals[-1],
            values=vals,
            probabilities=tuple(float(p) for _, p in pairs),
        )
    return Distribution("beta", spec.low, spec.high, alpha=spec.alpha, beta=spec.beta)


class _Checker:
    def __init__(self, doc: Document, base: KeyPath, scenario: Scenario) -> None:
        self.doc, self.base, self.scenario = doc, base, scenario
        self.problems: list[Problem] = []
        self.source_ids = {s.id for s in scenario.sources}

    def add(self, path: Sequence[str | int], message: str) -> None:
        self.problems.append(self.doc.problem((*self.base, *path), message))

    def refs(self, value: str | list[str] | None, path: KeyPath) -> tuple[str, ...]:
        refs = () if value is None else ((value,) if isinstance(value, str) else tuple(value))
        for r in refs:
            if r not in self.source_ids:
                known = ", ".join(sorted(self.source_ids)) or "none are declared"
                self.add(path, f"cites unknown source {r!r}; the scenario's sources: {known}")
        return refs


def _issue_option(sc: Scenario, issue: str, option: str | None) -> tuple[int, int] | str:
    """Indices of ``issue`` (and ``option``), or the message saying what is valid."""
    ids = [i.id for i in sc.issues]
    if issue not in ids:
        return f"unknown issue {issue!r}; issues are: {', '.join(ids)}"
    k = ids.index(issue)
    if option is None:
        return k, -1
    opts = sc.issues[k].option_ids
    if option not in opts:
        return f"unknown option {option!r} of {issue!r}; options are: {', '.join(opts)}"
    return k, opts.index(option)


def _target(path: str, sc: Scenario, raw_weights: Mapping[str, tuple[float, ...]]) -> Target | str:
    """The target a parameter path names, or the message saying why it names none."""
    parts = path.split(".")
    if parts == ["ratification", "level"]:
        return Target(Quantity.level, file_value=sc.ratification_level)
    actors = {a.id: a for a in sc.actors}
    head = parts[0]
    if head not in actors:
        return (
            f"unknown parameter path {path!r}: no actor {head!r} (actors: "
            f"{', '.join(actors)}); paths are {PATH_FORMS}"
        )
    a = actors[head]
    rest = parts[1:]
    if a.role is Role.third_party:
        return _lever_target(path, sc, head, rest)
    if len(rest) == 2 and rest[0] == "weights":
        found = _issue_option(sc, rest[1], None)
        if isinstance(found, str):
            return f"{path!r}: {found}"
        return Target(Quantity.weight, a.id, issue=found[0], file_value=raw_weights[a.id][found[0]])
    if len(rest) == 3 and rest[0] == "values":
        found = _issue_option(sc, rest[1], rest[2])
        if isinstance(found, str):
            return f"{path!r}: {found}"
        k, o = found
        value = float(sc.preferences[a.id].values[k][o])
        return Target(Quantity.value, a.id, issue=k, option=o, file_value=value)
    if rest == ["no_deal"] and a.role is Role.principal:
        pkg = a.reservation_package is not None
        return Target(
            Quantity.no_deal,
            a.id,
            file_value=0.0 if pkg else float(a.reservation or 0.0),
            on_package=pkg,
        )
    if rest == ["power"] and a.role is Role.principal:
        return Target(Quantity.power, a.id, file_value=a.power)
    if rest == ["threshold"] and a.role is Role.ratifier:
        pkg = a.threshold_package is not None
        return Target(
            Quantity.threshold,
            a.id,
            file_value=0.0 if pkg else float(a.threshold or 0.0),
            on_package=pkg,
        )
    if rest == ["sigma"] and a.role is Role.ratifier:
        if a.sigma is None:
            return (
                f"{path!r}: ratifier {a.id!r} is deterministic (no sigma in the file); give it "
                "a sigma to make its rule probabilistic, or declare its threshold uncertain"
            )
        return Target(Quantity.sigma, a.id, file_value=a.sigma)
    own = (
        "weights.ISSUE, values.ISSUE.OPTION, no_deal, power"
        if a.role is Role.principal
        else "weights.ISSUE, values.ISSUE.OPTION, threshold, sigma"
    )
    return f"unknown parameter path {path!r}: {a.role.value} {a.id!r} has {own}"


def _lever_target(path: str, sc: Scenario, actor: str, rest: list[str]) -> Target | str:
    levers = {lv.id: lv for lv in sc.levers if lv.actor == actor}
    if not rest or rest[0] not in levers:
        known = ", ".join(f"{actor}.{k}" for k in levers) or "none"
        return f"unknown parameter path {path!r}: {actor!r} is a third party; its levers: {known}"
    lv = levers[rest[0]]
    forms = f"{lv.key}.effects.SETTING[i].no_deal (or .threshold, .values.ISSUE.OPTION)"
    if len(rest) == 2 and (m := _INDEXED.match(rest[1])) and m.group(1) == "effects":
        if lv.forecast is not None:
            return (
                f"{path!r}: {lv.key} takes its setting from a forecast, so 'the current "
                f"setting' is not known here; name the setting: {forms}"
            )
        return _effect(path, sc, lv.key, lv.current, int(m.group(2)), ["shift"], forms)
    if len(rest) >= 3 and rest[1] == "effects" and (m := _INDEXED.match(rest[2])):
        setting = m.group(1)
        if setting not in lv.settings:
            return f"{path!r}: unknown setting {setting!r}; {lv.key} has {', '.join(lv.settings)}"
        return _effect(path, sc, lv.key, setting, int(m.group(2)), rest[3:], forms)
    return f"unknown parameter path {path!r}: a lever's numbers are {forms}"


def _effect(
    path: str, sc: Scenario, key: str, setting: str, i: int, rest: list[str], forms: str
) -> Target | str:
    lv = sc.lever(key)
    effects = lv.effects.get(setting, ())
    if i >= len(effects):
        return f"{path!r}: setting {setting!r} of {key} has {len(effects)} effect(s)"
    eff = effects[i]
    role = sc.actor(eff.on).role
    field = "no_deal" if role is Role.principal else "threshold"
    if rest == ["shift"]:  # the shorthand: the effect's one shift
        if eff.reservation == 0.0 and eff.values:
            return (
                f"{path!r}: effect {i} of {key} at {setting!r} shifts option values only; "
                f"name one: {key}.effects.{setting}[{i}].values.ISSUE.OPTION"
            )
        rest = [field]
    if rest == [field]:
        return Target(
            Quantity.effect_shift,
            eff.on,
            lever=key,
            setting=setting,
            effect=i,
            file_value=eff.reservation,
        )
    if len(rest) == 3 and rest[0] == "values":
        found = _issue_option(sc, rest[1], rest[2])
        if isinstance(found, str):
            return f"{path!r}: {found}"
        shifts = {(k, o): d for k, o, d in eff.values}
        if found not in shifts:
            return f"{path!r}: effect {i} of {key} at {setting!r} does not shift that option"
        return Target(
            Quantity.effect_value,
            eff.on,
            issue=found[0],
            option=found[1],
            lever=key,
            setting=setting,
            effect=i,
            file_value=shifts[found],
        )
    return f"unknown parameter path {path!r}: effect {i} targets {role.value} {eff.on!r}: {forms}"


def build_declaration(
    spec: UncertaintySpec,
    scenario: Scenario,
    raw_weights: Mapping[str, tuple[float, ...]],
    doc: Document,
    base: KeyPath = ("uncertainty",),
) -> Declaration:
    """Check ``spec`` against ``scenario`` and build its declaration.

    Parameters
    ----------
    spec:
        The validated section (or the separate file).
    scenario:
        The scenario as loaded (lever effects not applied).
    raw_weights:
        Per actor, its weights as the file writes them, in issue order.
    doc, base:
        The document the section is in and its key path there, to locate problems.

    Raises
    ------
    ScenarioError
        With every problem found, each located.
    """
    chk = _Checker(doc, base, scenario)
    params: list[UncertainParameter] = []
    seen: dict[str, int] = {}
    for j, p in enumerate(spec.parameters):
        at: KeyPath = ("parameters", j)
        refs = chk.refs(p.source, (*at, "source"))
        if p.path in seen:
            chk.add(
                (*at, "path"), f"{p.path!r} is declared twice (first at parameters[{seen[p.path]}])"
            )
            continue
        seen[p.path] = j
        target = _target(p.path, scenario, raw_weights)
        if isinstance(target, str):
            chk.add((*at, "path"), target)
            continue
        if target.on_package and p.apply != "shift":
            what = "no-deal value" if target.quantity is Quantity.no_deal else "threshold"
            chk.add(
                (*at, "apply"),
                f"{p.path}: the {what} is the utility of a package (it moves with the sampled "
                "weights and values); declare its uncertainty as a shift of that utility: "
                "`apply: shift`",
            )
            continue
        param = UncertainParameter(
            p.path, target, distribution(p.distribution), p.apply, p.note, refs
        )
        problem = _range_problem(param)
        if problem:
            chk.add((*at, "distribution"), problem)
            continue
        params.append(param)
    _check_weights(chk, params, raw_weights)
    beliefs = _beliefs(chk, spec, scenario)
    refs = chk.refs(spec.source, ("source",))
    if chk.problems:
        raise ScenarioError(chk.problems)
    return Declaration(
        tuple(params), tuple(beliefs), dict(raw_weights), doc.source, spec.note, refs
    )


def _range_problem(p: UncertainParameter) -> str:
    q = p.target.quantity
    lo_ok, hi_ok, what = _RANGES[q]
    if p.target.on_package:
        lo_ok, hi_ok, what = -1.0, 1.0, f"a shift of {what.split(' [')[0]} [-1, 1]"
    lo, hi = p.support
    below = lo <= lo_ok if q in _OPEN_BELOW else lo < lo_ok
    if below or hi > hi_ok:
        return (
            f"{p.path}: draws reach [{lo:g}, {hi:g}], outside the valid range of {what}; "
            "narrow the distribution"
        )
    return ""


def _check_weights(
    chk: _Checker, params: list[UncertainParameter], raw: Mapping[str, tuple[float, ...]]
) -> None:
    """An actor's weights must not all be able to be zero at once."""
    lows = {a: list(w) for a, w in raw.items()}
    for p in params:
        if p.target.quantity is Quantity.weight:
            lows[p.target.actor][p.target.issue] = p.support[0]
    for a in sorted({p.target.actor for p in params if p.target.quantity is Quantity.weight}):
        if sum(lows[a]) <= 0.0:
            chk.add(
                ("parameters",),
                f"every weight of {a!r} can be 0 at once; at least one issue must matter",
            )


def _beliefs(chk: _Checker, spec: UncertaintySpec, sc: Scenario) -> list[Belief]:
    principals = [a.id for a in sc.principals]
    out: list[Belief] = []
    pairs: set[tuple[str, str]] = set()
    for j, b in enumerate(spec.beliefs):
        at: KeyPath = ("beliefs", j)
        refs = chk.refs(b.source, (*at, "source"))
        ok = True
        for key in ("holder", "about"):
            who = getattr(b, key)
            if who not in principals:
                chk.add(
                    (*at, key),
                    f"unknown principal {who!r}; principals are: {', '.join(principals)}",
                )
                ok = False
        if not ok:
            continue
        if b.holder == b.about:
            chk.add((*at, "about"), "a side knows its own no-deal value; name another side")
            continue
        if (b.holder, b.about) in pairs:
            chk.add(at, f"a second belief of {b.holder} about {b.about}")
            continue
        pairs.add((b.holder, b.about))
        dist = distribution(b.distribution)
        lo_ok = 0.0 if b.apply == "value" else -1.0
        if dist.low < lo_ok or dist.high > 1.0:
            what = "a no-deal value [0, 1]" if b.apply == "value" else "an error [-1, 1]"
            chk.add(
                (*at, "distribution"),
                f"the belief reaches [{dist.low:g}, {dist.high:g}], outside the valid range of {what}",
            )
            continue
        out.append(Belief(b.holder, b.about, dist, b.apply, b.note, refs))
    return out
