"""Actors: roles, the fields each role may carry, and what no agreement is worth to each side.

A principal's no-deal value (its reservation, Raiffa's BATNA) is read from ``no_deal``: a
number, its own package, the scenario's ``status_quo``, or, only with a stated reason, its
own ``stated`` position. The old key ``reservation`` is read as ``no_deal`` with a note that
says what changed (see ``docs/two-level-games.md``).
"""

from __future__ import annotations

from accord.scenario.negotiation._context import Context, KeyPath, duplicates, refs_of
from accord.scenario.negotiation.model import (
    Actor,
    NoDeal,
    NoDealBasis,
    Preference,
    Role,
    StatedPosition,
    StatusQuo,
)
from accord.scenario.negotiation.schema import (
    ActorSpec,
    NoDealSpec,
    ReservationSpec,
)

__all__ = ["build_actors", "build_status_quo", "check_actors"]

SUPPORTED_ROLES = frozenset({Role.principal, Role.ratifier, Role.third_party})

_NO_DEAL_FORMS = "a number in [-1, 1], `status_quo`, or {value | package | status_quo | use_stated, note, source}"


def check_actors(ctx: Context) -> None:
    """Unique ids, supported roles, the fields each role may carry, two principals."""
    spec = ctx.spec
    actor_ids = [a.id for a in spec.actors]
    for dup in sorted(duplicates(actor_ids)):
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
        elif role is Role.principal:
            _check_principal(ctx, a, k)
        _check_role_fields(ctx, a, k)
    principals = [a for a in spec.actors if a.role == "principal"]
    if len(principals) < 2:
        ctx.add(
            ("actors",), f"a negotiation needs at least two principals (found {len(principals)})"
        )


def _check_principal(ctx: Context, a: ActorSpec, k: int) -> None:
    if a.no_deal is not None and a.reservation is not None:
        ctx.add(
            ("actors", k, "reservation"),
            "give `no_deal` only: `reservation` is its old name (and a stated bottom line "
            "goes in `stated`)",
        )
    elif a.no_deal is None and a.reservation is None:
        ctx.add(
            ("actors", k),
            f"principal {a.id!r} needs `no_deal`: what no agreement is worth to it "
            f"({_NO_DEAL_FORMS}); see `accord schema`",
        )
    wants_sq = a.no_deal == "status_quo" or (
        isinstance(a.no_deal, NoDealSpec) and a.no_deal.status_quo
    )
    if wants_sq and ctx.spec.status_quo is None:
        ctx.add(
            ("actors", k, "no_deal"),
            "`status_quo` is used but the scenario has no `status_quo:` package; add one at "
            "the top level (status_quo: {package: {issue: option, ...}, note, source})",
        )
    if isinstance(a.no_deal, NoDealSpec) and a.no_deal.use_stated and a.stated is None:
        ctx.add(
            ("actors", k, "no_deal"),
            "`use_stated: true` needs the side's `stated:` position (a package)",
        )


def _check_role_fields(ctx: Context, a: ActorSpec, k: int) -> None:
    """Fields that belong to one role only, and a ratifier's link to its principal."""
    spec = ctx.spec
    principal_ids = [x.id for x in spec.actors if x.role == "principal"]
    if a.role != "principal":
        what = "a ratifier has a threshold" if a.role == "ratifier" else "a third party acts"
        for key, val in (
            ("no_deal", a.no_deal),
            ("stated", a.stated),
            ("reservation", a.reservation),
        ):
            if val is not None:
                how = "not a no-deal value" if a.role == "ratifier" else "through levers"
                ctx.add(("actors", k, key), f"`{key}` is for principals only: {what}, {how}")
    if a.role == "ratifier":
        if a.of is None:
            ctx.add(("actors", k), f"ratifier {a.id!r} needs `of`: the principal it ratifies for")
        elif a.of not in principal_ids:
            ctx.add(
                ("actors", k, "of"),
                f"ratifier {a.id!r} of unknown principal {a.of!r}; principals are: "
                f"{', '.join(principal_ids) or 'none'}",
            )
        if a.threshold is None:
            ctx.add(
                ("actors", k),
                f"ratifier {a.id!r} needs a threshold: a number in [0, 1] or "
                "{package: {issue: option, ...}}",
            )
    else:
        for key, v in (("of", a.of), ("threshold", a.threshold), ("sigma", a.sigma)):
            if v is not None:
                ctx.add(("actors", k, key), f"`{key}` is for ratifiers only (role: ratifier)")
    if a.role != "third_party" and a.levers:
        ctx.add(("actors", k, "levers"), "only third parties (role: third_party) have levers")


def build_status_quo(ctx: Context) -> tuple[StatusQuo | None, tuple[int, ...] | None]:
    """The scenario's status quo and its option indices (``None`` if absent or invalid)."""
    sq = ctx.spec.status_quo
    if sq is None:
        return None, None
    ctx.refs(sq.source, ("status_quo", "source"))
    pkg = ctx.package(sq.package, ("status_quo", "package"), complete=True)
    return StatusQuo(dict(sq.package), sq.note, refs_of(sq.source)), pkg


def build_actors(
    ctx: Context, prefs: dict[str, Preference], status_quo: tuple[int, ...] | None
) -> list[Actor]:
    """The actors, with no-deal values and thresholds turned into numbers."""
    actors: list[Actor] = []
    for k, a in enumerate(ctx.spec.actors):
        pref = prefs.get(a.id)
        reservation: float | None = None
        no_deal: NoDeal | None = None
        stated: StatedPosition | None = None
        if a.role == "principal":
            stated = _stated(ctx, a, k)
            reservation, no_deal = _no_deal(ctx, a, k, pref, status_quo)
        threshold: float | None = None
        thr_pkg: dict[str, str] | None = None
        if isinstance(a.threshold, ReservationSpec):
            ctx.refs(a.threshold.source, ("actors", k, "threshold", "source"))
            pkg = ctx.package(
                a.threshold.package, ("actors", k, "threshold", "package"), complete=True
            )
            if pkg is not None and pref is not None:
                threshold, thr_pkg = pref.utility(pkg), dict(a.threshold.package)
        elif a.threshold is not None:
            threshold = float(a.threshold)
        actors.append(
            Actor(
                a.id,
                a.name or a.id,
                Role(a.role),
                a.power,
                reservation,
                no_deal,
                stated,
                a.note,
                refs_of(a.source),
                of=a.of,
                threshold=threshold,
                threshold_package=thr_pkg,
                sigma=a.sigma,
            )
        )
    return actors


def _stated(ctx: Context, a: ActorSpec, k: int) -> StatedPosition | None:
    if a.stated is None:
        return None
    path: KeyPath = ("actors", k, "stated")
    ctx.refs(a.stated.source, (*path, "source"))
    if ctx.package(a.stated.package, (*path, "package"), complete=True) is None:
        return None
    return StatedPosition(dict(a.stated.package), a.stated.note, refs_of(a.stated.source))


def _no_deal(
    ctx: Context,
    a: ActorSpec,
    k: int,
    pref: Preference | None,
    status_quo: tuple[int, ...] | None,
) -> tuple[float | None, NoDeal | None]:
    """A principal's no-deal value and its basis (``None`` with problems recorded)."""
    stated = a.no_deal if a.no_deal is not None else a.reservation
    key = "no_deal" if a.no_deal is not None else "reservation"
    path: KeyPath = ("actors", k, key)
    if stated is None:
        return None, None
    if key == "reservation":
        ctx.note(
            path,
            f"read as `no_deal`, what no agreement is worth to {a.id} (the key was renamed; "
            "write `no_deal:` for the value of no agreement and `stated:` for a bottom line the "
            "side announced; see `accord schema`)",
        )
    if isinstance(stated, float | int):
        return float(stated), NoDeal(NoDealBasis.value)
    if stated == "status_quo":
        return _valued(ctx, a, pref, status_quo, NoDeal(NoDealBasis.status_quo, _sq_ids(ctx)))
    assert isinstance(stated, NoDealSpec | ReservationSpec)
    refs = ctx.refs(stated.source, (*path, "source"))
    if isinstance(stated, ReservationSpec) or stated.package is not None:
        package = stated.package
        assert package is not None
        idx = ctx.package(package, (*path, "package"), complete=True)
        basis = NoDeal(NoDealBasis.package, dict(package), stated.note, refs)
        return _valued(ctx, a, pref, idx, basis)
    if stated.value is not None:
        return float(stated.value), NoDeal(NoDealBasis.value, None, stated.note, refs)
    if stated.status_quo:
        basis = NoDeal(NoDealBasis.status_quo, _sq_ids(ctx), stated.note, refs)
        return _valued(ctx, a, pref, status_quo, basis)
    # use_stated: the side's own stated position, with the reason the file gives
    if a.stated is None:
        return None, None
    idx = ctx.package(a.stated.package, ("actors", k, "stated", "package"), complete=True)
    basis = NoDeal(NoDealBasis.stated, dict(a.stated.package), stated.note, refs, stated.reason)
    return _valued(ctx, a, pref, idx, basis)


def _sq_ids(ctx: Context) -> dict[str, str] | None:
    sq = ctx.spec.status_quo
    return None if sq is None else dict(sq.package)


def _valued(
    ctx: Context,
    a: ActorSpec,
    pref: Preference | None,
    package: tuple[int, ...] | None,
    basis: NoDeal,
) -> tuple[float | None, NoDeal | None]:
    if package is None or pref is None:
        return None, None
    return pref.utility(package), basis
