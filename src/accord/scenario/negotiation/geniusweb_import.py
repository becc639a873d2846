"""Import GeniusWeb (ANAC since 2020) domains and linear additive profiles as accord scenarios.

GeniusWeb is the JSON successor of GENIUS. A *domain* file names its issues and their values::

    {"name": "jobs", "issuesValues": {"salary": {"values": ["2000", "3000"]}, ...}}

and each *profile* file is one party's ``LinearAdditiveUtilitySpace``::

    {"LinearAdditiveUtilitySpace": {
        "issueUtilities": {"salary": {"DiscreteValueSetUtilities":
                                      {"valueUtilities": {"2000": 0.0, "3000": 1.0}}}, ...},
        "issueWeights": {"salary": 0.6, ...},
        "domain": {...the domain...},
        "name": "jobs1",
        "reservationBid": {"issuevalues": {"salary": "2000", ...}}}}

GeniusWeb's own semantics are applied (see ``docs/genius.md``):

- value utilities are used as they are (each in [0, 1]; no division by a maximum, unlike
  GENIUS XML), and each issue's utilities must cover exactly the domain's values;
- issue weights must sum to 1 (within 1e-6) and are normalised exactly;
- the reservation is the utility of the ``reservationBid``; a complete bid becomes a
  bottom-line package, a partial one the number GeniusWeb computes (missing issues count 0);
  without a reservation bid "any agreement is better than none": reservation 0;
- the profile's embedded domain must be the domain file's.

Number-valued issues (``range``/``NumberValueSetUtilities``) and other profile types are
reported as not supported. Every problem names its file, key path and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.errors import Problem, ScenarioError
from accord.scenario._io.jsonio import read_json
from accord.scenario._io.pydantic_errors import problems_from_validation
from accord.scenario._io.yamlio import Document, read_document
from accord.scenario.negotiation.build import build_scenario
from accord.scenario.negotiation.import_common import make_id, read_domain_and_profiles
from accord.scenario.negotiation.model import Scenario

__all__ = [
    "GeniusWebDomain",
    "GeniusWebProfile",
    "geniusweb_document",
    "import_geniusweb",
    "read_geniusweb_domain",
    "read_geniusweb_profile",
]

WEIGHT_TOLERANCE = 1e-6
"""How far from 1 the sum of a profile's issue weights may be."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


Utility = Annotated[float, Field(ge=0.0, le=1.0)]


class _Range(_Strict):
    low: float
    high: float
    step: float


class _ValueSet(_Strict):
    values: list[str] | None = None
    range: _Range | None = None


class _DomainSpec(_Strict):
    name: str = Field(min_length=1)
    issuesValues: dict[str, _ValueSet] = Field(min_length=1)  # noqa: N815 (GeniusWeb's key)


class _Discrete(_Strict):
    valueUtilities: dict[str, Utility]  # noqa: N815


class _IssueUtility(_Strict):
    DiscreteValueSetUtilities: _Discrete | None = None
    NumberValueSetUtilities: dict[str, Any] | None = None


class _Bid(_Strict):
    issuevalues: dict[str, str | float]


class _LinearAdditive(_Strict):
    issueUtilities: dict[str, _IssueUtility]  # noqa: N815
    issueWeights: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]]  # noqa: N815
    domain: _DomainSpec
    name: str = Field(min_length=1)
    reservationBid: _Bid | None = None  # noqa: N815


class _ProfileFile(_Strict):
    LinearAdditiveUtilitySpace: _LinearAdditive


@dataclass(frozen=True, slots=True)
class GeniusWebDomain:
    """A GeniusWeb domain: its name and each discrete issue's values, in file order."""

    path: str
    name: str
    issues: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class GeniusWebProfile:
    """One party's linear additive profile, checked against the domain."""

    path: str
    name: str
    weights: dict[str, float]
    values: dict[str, dict[str, float]]
    reservation_bid: dict[str, str] | None


def _validated(doc: Document, model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, doc, model)) from None


def _domain_issues(
    spec: _DomainSpec, doc: Document, base: tuple[str | int, ...]
) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    issues: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for name, vs in spec.issuesValues.items():
        where = (*base, "issuesValues", name)
        if vs.range is not None or vs.values is None:
            problems.append(
                doc.problem(
                    where,
                    "number-valued issues (range) are not supported; accord imports issues "
                    "with a list of discrete values (discretise the range first)",
                )
            )
            continue
        if not vs.values:
            problems.append(doc.problem((*where, "values"), "the issue has no values"))
            continue
        seen: set[str] = set()
        for k, v in enumerate(vs.values):
            if v in seen:
                problems.append(doc.problem((*where, "values", k), f"duplicate value {v!r}"))
            seen.add(v)
        issues[name] = tuple(vs.values)
    return issues, problems


def read_geniusweb_domain(path: Path) -> GeniusWebDomain:
    """The discrete issues of a GeniusWeb domain file.

    Raises
    ------
    ScenarioError
        With every located problem.
    """
    doc = read_json(path)
    spec: _DomainSpec = _validated(doc, _DomainSpec)
    issues, problems = _domain_issues(spec, doc, ())
    if problems:
        raise ScenarioError(problems)
    return GeniusWebDomain(str(path), spec.name, issues)


def read_geniusweb_profile(path: Path, domain: GeniusWebDomain) -> GeniusWebProfile:
    """One party's ``LinearAdditiveUtilitySpace`` profile, checked against ``domain``.

    Raises
    ------
    ScenarioError
        With every located problem.
    """
    doc = read_json(path)
    if isinstance(doc.data, dict) and len(doc.data) == 1:
        (kind,) = doc.data
        if kind != "LinearAdditiveUtilitySpace":
            raise ScenarioError(
                [
                    doc.problem(
                        (kind,),
                        f"profile type {kind!r} is not supported; accord imports "
                        "LinearAdditiveUtilitySpace profiles",
                    )
                ]
            )
    spec: _LinearAdditive = _validated(doc, _ProfileFile).LinearAdditiveUtilitySpace
    base: tuple[str | int, ...] = ("LinearAdditiveUtilitySpace",)
    problems: list[Problem] = []
    embedded, bad = _domain_issues(spec.domain, doc, (*base, "domain"))
    problems += bad
    if spec.domain.name != domain.name or embedded != domain.issues:
        problems.append(
            doc.problem(
                (*base, "domain"),
                f"the profile's domain ({spec.domain.name!r}) is not the domain file's "
                f"({domain.name!r} in {Path(domain.path).name}): issues or values differ",
            )
        )
    values: dict[str, dict[str, float]] = {}
    for issue, util in spec.issueUtilities.items():
        where = (*base, "issueUtilities", issue)
        if issue not in domain.issues:
            problems.append(doc.problem(where, f"unknown issue {issue!r}"))
            continue
        if util.DiscreteValueSetUtilities is None:
            problems.append(
                doc.problem(where, "only DiscreteValueSetUtilities are supported for an issue")
            )
            continue
        given = util.DiscreteValueSetUtilities.valueUtilities
        wanted = domain.issues[issue]
        missing = [v for v in wanted if v not in given]
        unknown = [v for v in given if v not in wanted]
        if missing or unknown:
            parts = []
            if missing:
                parts.append("no utility for " + ", ".join(map(repr, missing)))
            if unknown:
                parts.append("values not in the domain: " + ", ".join(map(repr, unknown)))
            problems.append(
                doc.problem(
                    (*where, "DiscreteValueSetUtilities", "valueUtilities"), "; ".join(parts)
                )
            )
            continue
        values[issue] = {v: float(given[v]) for v in wanted}
    for issue in domain.issues:
        if issue not in spec.issueUtilities:
            problems.append(doc.problem((*base, "issueUtilities"), f"missing issue {issue!r}"))
        if issue not in spec.issueWeights:
            problems.append(doc.problem((*base, "issueWeights"), f"missing weight of {issue!r}"))
    for issue in spec.issueWeights:
        if issue not in domain.issues:
            problems.append(doc.problem((*base, "issueWeights", issue), f"unknown issue {issue!r}"))
    total = sum(spec.issueWeights.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        problems.append(
            doc.problem(
                (*base, "issueWeights"),
                f"the issue weights sum to {total:.9g}; GeniusWeb needs weights summing to 1",
            )
        )
    bid: dict[str, str] | None = None
    if spec.reservationBid is not None:
        bid = {}
        for issue, value in spec.reservationBid.issuevalues.items():
            where = (*base, "reservationBid", "issuevalues", issue)
            if issue not in domain.issues:
                problems.append(doc.problem(where, f"unknown issue {issue!r}"))
            elif not isinstance(value, str) or value not in domain.issues[issue]:
                problems.append(
                    doc.problem(
                        where,
                        f"{value!r} is not a value of {issue!r}; values: "
                        + ", ".join(domain.issues[issue]),
                    )
                )
            else:
                bid[issue] = value
    if problems:
        raise ScenarioError(problems)
    return GeniusWebProfile(
        str(path),
        spec.name,
        {k: w / total for k, w in spec.issueWeights.items()},
        values,
        bid,
    )


def geniusweb_document(
    domain: Path, profiles: Sequence[Path], *, title: str | None = None
) -> dict[str, Any]:
    """An accord scenario document (``accord: 1``, YAML-ready) from GeniusWeb files.

    Raises
    ------
    ScenarioError
        With the located problems of every file (all files are checked).
    """
    dom, parsed = read_domain_and_profiles(
        domain, profiles, read_geniusweb_domain, read_geniusweb_profile
    )
    taken: set[str] = set()
    issue_ids = {name: make_id(name, taken) for name in dom.issues}
    option_ids: dict[str, dict[str, str]] = {}
    for name, vals in dom.issues.items():
        seen: set[str] = set()
        option_ids[name] = {v: make_id(v, seen) for v in vals}
    actor_taken: set[str] = set()
    actor_ids = [make_id(Path(p.path).stem, actor_taken) for p in parsed]

    def no_deal(p: GeniusWebProfile, actor: str) -> dict[str, Any]:
        source = f"geniusweb_{actor}"
        if p.reservation_bid is None:
            note = "no reservation bid: in GeniusWeb any agreement is better than none"
            return {"value": 0.0, "note": note, "source": source}
        if len(p.reservation_bid) == len(dom.issues):
            package = {issue_ids[i]: option_ids[i][v] for i, v in p.reservation_bid.items()}
            return {"package": package, "note": "the profile's reservation bid", "source": source}
        # a partial bid: GeniusWeb counts the issues it leaves out as 0
        value = sum(p.weights[i] * p.values[i][v] for i, v in p.reservation_bid.items())
        note = "the utility of the profile's partial reservation bid (missing issues count 0)"
        return {"value": round(value, 12), "note": note, "source": source}

    described = ", ".join(Path(p.path).name for p in parsed)
    return {
        "accord": 1,
        "title": title or f"{dom.name} (GeniusWeb)",
        "description": (
            f"Imported from the GeniusWeb domain {Path(dom.path).name} and profiles {described}. "
            "Value utilities as given; weights normalised to sum to 1; reservations are the "
            "profiles' reservation bids (0 without one: any agreement is better than none)."
        ),
        "sources": [
            {"id": "geniusweb_domain", "title": f"GeniusWeb domain file {Path(dom.path).name}"},
            *(
                {"id": f"geniusweb_{a}", "title": f"GeniusWeb profile file {Path(p.path).name}"}
                for a, p in zip(actor_ids, parsed, strict=True)
            ),
        ],
        "actors": [
            {
                "id": a,
                "name": p.name,
                "role": "principal",
                "power": 0.5,
                "no_deal": no_deal(p, a),
                "source": f"geniusweb_{a}",
            }
            for a, p in zip(actor_ids, parsed, strict=True)
        ],
        "issues": [
            {
                "id": issue_ids[name],
                "name": name,
                "source": "geniusweb_domain",
                "options": [{"id": option_ids[name][v], "label": v} for v in vals],
            }
            for name, vals in dom.issues.items()
        ],
        "preferences": {
            a: {
                "weights": {issue_ids[i]: p.weights[i] for i in dom.issues},
                "values": {
                    issue_ids[i]: {option_ids[i][v]: p.values[i][v] for v in dom.issues[i]}
                    for i in dom.issues
                },
            }
            for a, p in zip(actor_ids, parsed, strict=True)
        },
    }


def import_geniusweb(
    domain: Path, profiles: Sequence[Path], *, title: str | None = None
) -> tuple[str, Scenario]:
    """Import GeniusWeb files: the scenario as YAML text, and the scenario built from it."""
    doc = geniusweb_document(domain, profiles, title=title)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return text, build_scenario(read_document(text, f"<import of {domain.name}>"))
