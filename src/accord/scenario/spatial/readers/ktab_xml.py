"""KTAB SMP XML (``smpSchema.xsd``), parsed with the shared defusedxml reader.

Read: the scenario's ``name`` and ``desc``; each actor's ``name``, ``description``,
``capability``, ``Position/dCoord`` and ``Salience/dSal`` (0..100, KTAB divides by 100);
``Dimensions/dName``; and, as the SMP's own settings, ``ModelParameters`` (the nine KTAB
switches), ``prngSeed`` (the seed of stochastic runs; KTAB's 0 means "draw one") and
``IdealAdjustment`` (the accommodation matrix). Not read: anything else (ignored).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from accord.errors import Problem, ScenarioError
from accord.scenario._io.xml import Element, parse_xml_text
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["ktab_value_name", "ktab_xml_parameters", "parse_ktab_xml"]


def _tree(text: str, source: str) -> Element:
    root = parse_xml_text(text, source)
    if root.tag != "Scenario":
        raise ScenarioError([Problem("root element must be <Scenario>", source, "Scenario", 1)])
    return root


def _text(el: Element | None) -> str:
    return "" if el is None else el.text.strip()


def parse_ktab_xml(text: str, source: str = "<string>") -> SpatialData:
    """Parse a KTAB SMP XML scenario (positions and saliences on 0..100)."""
    scen = _tree(text, source)
    col = Collector(source)
    dims_el = scen.find("Dimensions")
    dims = [d.text.strip() for d in dims_el.find_all("dName")] if dims_el else []
    if not dims:
        col.add("needs <Dimensions> with at least one <dName>", scen.line, "Scenario.Dimensions")
    actors_el = scen.find("Actors")
    acts = actors_el.find_all("Actor") if actors_el else []
    names, descs, caps, pos, sal = [], [], [], [], []
    for a, act in enumerate(acts):
        where = f"Scenario.Actors.Actor[{a}]"
        name_el, cap_el = act.find("name"), act.find("capability")
        names.append(_text(name_el))
        descs.append(_text(act.find("description")))
        if not names[-1]:
            col.add("missing <name>", act.line, where)
        if cap_el is None:
            col.add("missing <capability>", act.line, where)
            caps.append(float("nan"))
        else:
            c = col.number(cap_el.text, "capability", cap_el.line, where + ".capability")
            if c <= 0:  # nan (already reported) compares False
                col.add(
                    f"capability must be positive, got {c:g}", cap_el.line, where + ".capability"
                )
            caps.append(c)
        rows = []
        for tag, child, lim in (("Position", "dCoord", 100.0), ("Salience", "dSal", 100.0)):
            el = act.find(tag)
            vals = el.find_all(child) if el else []
            if len(vals) != len(dims):
                col.add(
                    f"<{tag}> needs {len(dims)} <{child}> values, found {len(vals)}",
                    (el or act).line,
                    f"{where}.{tag}",
                )
                rows.append([float("nan")] * len(dims))
                continue
            row = []
            for d, v in enumerate(vals):
                path = f"{where}.{tag}.{child}[{d}]"
                x = (
                    col.number(v.text, f"{tag.lower()} on {dims[d]}", v.line, path)
                    if v.text.strip()
                    else float("nan")
                )
                if not v.text.strip():
                    col.add(f"empty <{child}> (missing {tag.lower()})", v.line, path)
                col.in_range(x, 0, lim, tag.lower(), v.line, path)
                row.append(x)
            rows.append(row)
        if np.nansum(rows[1]) > 100 + 1e-9:
            col.add(
                f"saliences sum to {np.nansum(rows[1]):g}; KTAB allows at most 100",
                act.line,
                where + ".Salience",
            )
        pos.append(rows[0])
        sal.append([s / 100.0 for s in rows[1]])
    settings = _smp_settings(scen, source, names, col)
    col.raise_if_any()
    return col.build(
        names,
        dims,
        caps,
        pos,
        sal,
        name=_text(scen.find("name")) or "ktab",
        description=_text(scen.find("desc")),
        descriptions=tuple(descs),
        settings={"smp": settings} if settings else {},
    )


def _smp_settings(scen: Element, source: str, names: list[str], col: Collector) -> dict[str, Any]:
    """The SMP switches the file states: ModelParameters, prngSeed, IdealAdjustment."""
    out: dict[str, Any] = dict(_parameters(scen))
    seed_el = scen.find("prngSeed")
    raw = _text(seed_el)
    if seed_el is not None and raw:
        if not raw.isdigit() or int(raw) >= 2**64:
            col.add(
                f"prngSeed {raw[:30]!r} is not a whole number from 0 to 2^64-1",
                seed_el.line,
                "Scenario.prngSeed",
            )
        elif int(raw) != 0:  # KTAB: 0 means "draw a seed"
            out["seed"] = int(raw)
    acc = _accommodation(scen, source, names)
    if acc is not None:
        out["accommodation"] = acc
    return out


_KTAB_NAMES = {
    "PROP": "proportional",
    "PROPBIN": "prop_bin",
    "PROPCBC": "prop_cbc",
    "ASYMPROSP": "asym_prosp",
    "MARKOVI": "markov_incentive",
    "MARKOVINCENTIVE": "markov_incentive",
    "MARKOVU": "markov_uniform",
    "MARKOVUNIFORM": "markov_uniform",
    "NO": "no",
    "NONE": "none",
    "ONETHIRD": "one_third",
    "TWOTHIRDS": "two_thirds",
    "INITONLY": "init_only",
    "INITRCVR": "init_rcvr",
    "PWCOMP": "pw_comp",
}
_SUFFIXES = ("PCM", "STM", "RA", "COMMIT", "INTERP", "SMPBM")


def ktab_value_name(value: str) -> str:
    """accord's name for a KTAB enum value name (``MarkovIPCM`` → ``markov_incentive``)."""
    key = value.strip().upper().replace("_", "")
    if key == "NORA":
        return "none"
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key.removesuffix(suffix)
            break
    return _KTAB_NAMES.get(key, key.lower())


def ktab_xml_parameters(text: str, source: str = "<string>") -> dict[str, object]:
    """The ``ModelParameters`` (switch name to KTAB value name) and accommodation matrix, if any.

    Keys are accord's SMP switch names; ``accommodation`` maps to an ``n × n`` list of lists.
    """
    scen = _tree(text, source)
    out: dict[str, object] = dict(_parameters(scen))
    actors_el = scen.find("Actors")
    names = [_text(a.find("name")) for a in actors_el.find_all("Actor")] if actors_el else []
    acc = _accommodation(scen, source, names)
    if acc is not None:
        out["accommodation"] = acc.tolist()
    return out


_SWITCH_TAGS = {
    "VictoryProbModel": "victory_prob",
    "VotingRule": "voting_rule",
    "PCEModel": "pce",
    "StateTransitions": "state_transition",
    "BigRRange": "big_r_range",
    "BigRAdjust": "big_r_adjust",
    "ThirdPartyCommit": "third_party_commit",
    "InterVecBrgn": "inter_vec_bargain",
    "BargnModel": "bargain_model",
}


def _parameters(scen: Element) -> dict[str, str]:
    out: dict[str, str] = {}
    params = scen.find("ModelParameters")
    if params is not None:
        for tag, key in _SWITCH_TAGS.items():
            value = _text(params.find(tag))
            if value:
                out[key] = ktab_value_name(value)
    return out


def _accommodation(scen: Element, source: str, names: list[str]) -> Any:
    ideal = scen.find("IdealAdjustment")
    if ideal is None or scen.find("Actors") is None:
        return None
    acc = np.eye(len(names))
    for pair in ideal.find_all("iaPair"):
        who, ref, adj = (pair.find(t) for t in ("adjustingIdeal", "referencePos", "adjust"))
        if who is None or ref is None or adj is None:
            raise ScenarioError(
                [
                    Problem(
                        "iaPair needs adjustingIdeal, referencePos, adjust",
                        source,
                        "IdealAdjustment",
                        pair.line,
                    )
                ]
            )
        try:
            i, j = names.index(_text(who)), names.index(_text(ref))
            value = float(adj.text)
            if not 0.0 <= value <= 1.0:
                raise ValueError
            acc[i, j] = value
        except ValueError:
            raise ScenarioError(
                [
                    Problem(
                        "iaPair names an unknown actor, or adjust is not a number in [0, 1]",
                        source,
                        "IdealAdjustment",
                        pair.line,
                    )
                ]
            ) from None
    return acc
