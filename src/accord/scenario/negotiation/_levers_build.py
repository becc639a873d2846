"""Levers (third parties' settings and their effects) and the adjustable quantities.

A lever's effects act on what no agreement is worth to a principal (``no_deal``), on a
ratifier's threshold, or on option values. The old effect key ``reservation`` is read as
``no_deal`` (principal) or ``threshold`` (ratifier), with a note.
"""

from __future__ import annotations

from pathlib import Path

from accord.scenario.negotiation._context import Context, KeyPath, duplicates, refs_of
from accord.scenario.negotiation.lever_link import SpatialCache, build_lever_forecast
from accord.scenario.negotiation.model import Actor, Adjustable, Lever, LeverEffect
from accord.scenario.negotiation.schema import LeverEffectSpec

__all__ = ["ADJUSTABLE_FIELDS", "build_adjustable", "build_levers"]

ADJUSTABLE_FIELDS = {"no_deal": "principal", "threshold": "ratifier", "sigma": "ratifier"}
"""Adjustable ``ACTOR.FIELD`` names and the role that has them."""


def build_levers(ctx: Context, base_dir: Path | None = None) -> tuple[Lever, ...]:
    """Every third party's levers, with their effects checked against actors and issues."""
    spec, by_id, chk = ctx.spec, ctx.by_id, ctx
    cache: SpatialCache = {}
    targets = {a.id: a.role for a in spec.actors if a.role in ("principal", "ratifier")}
    order = {iid: k for k, iid in enumerate(by_id)}
    out: list[Lever] = []
    for k, a in enumerate(spec.actors):
        lids = [lv.id for lv in a.levers]
        for dup in sorted(duplicates(lids)):
            chk.add(("actors", k, "levers", lids.index(dup), "id"), f"duplicate lever id {dup!r}")
        for j, lv in enumerate(a.levers):
            base: KeyPath = ("actors", k, "levers", j)
            ctx.refs(lv.source, (*base, "source"))
            allowed = ", ".join(lv.settings)
            for dup in sorted(duplicates(lv.settings)):
                chk.add((*base, "settings"), f"duplicate setting {dup!r}")
            forecast = None
            if lv.forecast is not None:
                ctx.refs(lv.forecast.source, (*base, "forecast", "source"))
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
                    ctx.refs(eff.source, (*epath, "source"))
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
                            _level_shift(ctx, eff, targets[eff.target], epath),
                            tuple(shifts),
                            eff.note,
                            refs_of(eff.source),
                        )
                    )
                effects[setting] = tuple(built)
            if not lv.effects:
                chk.add(
                    (*base, "effects"),
                    f"lever {lv.id!r} has no effects: no setting changes anything, so it cannot "
                    "matter; give `effects` for the settings that move a no-deal value, a "
                    "threshold or option values (relative to the file's own numbers), or drop it",
                )
            out.append(
                Lever(
                    a.id,
                    lv.id,
                    lv.name or lv.id.replace("_", " "),
                    tuple(lv.settings),
                    lv.settings[0] if lv.current is None else lv.current,
                    effects,
                    lv.note,
                    refs_of(lv.source),
                    forecast=forecast,
                )
            )
    return tuple(out)


def _level_shift(ctx: Context, eff: LeverEffectSpec, role: str, path: KeyPath) -> float:
    """The effect's shift of a principal's no-deal value or a ratifier's threshold."""
    if eff.reservation is not None:
        new = "no_deal" if role == "principal" else "threshold"
        ctx.note(
            (*path, "reservation"),
            f"read as `{new}` (the key was renamed: a lever moves what no agreement is worth "
            "to a principal, or a ratifier's threshold)",
        )
        return float(eff.reservation)
    if eff.no_deal is not None and role != "principal":
        ctx.add(
            (*path, "no_deal"),
            f"{eff.target!r} is a ratifier: a lever moves its `threshold`, not a no-deal value",
        )
    if eff.threshold is not None and role != "ratifier":
        ctx.add(
            (*path, "threshold"),
            f"{eff.target!r} is a principal: a lever moves its `no_deal` value, not a threshold",
        )
    return float(eff.no_deal if eff.no_deal is not None else (eff.threshold or 0.0))


def build_adjustable(
    ctx: Context, actors: list[Actor], levers: tuple[Lever, ...]
) -> tuple[Adjustable, ...]:
    """The declared adjustable quantities, with bounds checked against the file's values."""
    spec, chk = ctx.spec, ctx
    by_actor = {a.id: a for a in actors}
    lever_keys = {lv.key for lv in levers}
    seen: set[str] = set()
    out = []
    for k, adj in enumerate(spec.adjustable):
        path: KeyPath = ("adjustable", k)
        refs = ctx.refs(adj.source, (*path, "source"))
        q = adj.quantity
        if q.endswith(".reservation"):
            q = q.removesuffix(".reservation") + ".no_deal"
            ctx.note((*path, "quantity"), f"read as {q!r} (the field was renamed)")
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
                    f"cannot adjust {q!r}; adjustable are ACTOR.no_deal (principals), "
                    "ACTOR.threshold and ACTOR.sigma (ratifiers) and ratification.level",
                )
                continue
            current = getattr(actor, "reservation" if field == "no_deal" else field)
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
