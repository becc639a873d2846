"""KTAB SMP XML (``smpSchema.xsd``), parsed with defusedxml's SAX reader for line numbers."""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field

import defusedxml.sax
import numpy as np

from accord.errors import Problem, ScenarioError
from accord.scenario.spatial.model import SpatialData
from accord.scenario.spatial.readers._common import Collector

__all__ = ["ktab_value_name", "ktab_xml_parameters", "parse_ktab_xml"]


@dataclass
class _Node:
    tag: str
    line: int
    text: str = ""
    children: list[_Node] = field(default_factory=list)

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def one(self, tag: str) -> _Node | None:
        found = self.all(tag)
        return found[0] if found else None


class _Builder(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[_Node] = [_Node("#root", 0)]

    def startElement(self, name: str, attrs: object) -> None:  # noqa: N802 (SAX API)
        loc = getattr(self, "_locator", None)
        node = _Node(name, loc.getLineNumber() if loc is not None else 0)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        self.stack.pop()

    def characters(self, content: str) -> None:
        self.stack[-1].text += content


def _tree(text: str, source: str) -> _Node:
    handler = _Builder()
    try:
        defusedxml.sax.parseString(text.encode("utf-8"), handler)
    except xml.sax.SAXParseException as exc:
        raise ScenarioError(
            [Problem(f"not well-formed XML: {exc.getMessage()}", source, "", exc.getLineNumber())]
        ) from None
    except Exception as exc:  # defusedxml refuses entities, DTDs and the like
        raise ScenarioError([Problem(f"refused XML: {exc}", source)]) from None
    scen = handler.stack[0].one("Scenario")
    if scen is None:
        raise ScenarioError([Problem("root element must be <Scenario>", source, "Scenario", 1)])
    return scen


def parse_ktab_xml(text: str, source: str = "<string>") -> SpatialData:
    """Parse a KTAB SMP XML scenario (positions and saliences on 0..100)."""
    scen = _tree(text, source)
    col = Collector(source)
    dims_el = scen.one("Dimensions")
    dims = [d.text.strip() for d in dims_el.all("dName")] if dims_el else []
    if not dims:
        col.add("needs <Dimensions> with at least one <dName>", scen.line, "Scenario.Dimensions")
    actors_el = scen.one("Actors")
    acts = actors_el.all("Actor") if actors_el else []
    names, caps, pos, sal = [], [], [], []
    for a, act in enumerate(acts):
        where = f"Scenario.Actors.Actor[{a}]"
        name_el, cap_el = act.one("name"), act.one("capability")
        names.append(name_el.text.strip() if name_el else "")
        if not names[-1]:
            col.add("missing <name>", act.line, where)
        if cap_el is None:
            col.add("missing <capability>", act.line, where)
            caps.append(float("nan"))
        else:
            c = col.number(cap_el.text, "capability", cap_el.line, where + ".capability")
            if c <= 0:
                col.add(
                    f"capability must be positive, got {c:g}", cap_el.line, where + ".capability"
                )
            caps.append(c)
        rows = []
        for tag, child, lim in (("Position", "dCoord", 100.0), ("Salience", "dSal", 100.0)):
            el = act.one(tag)
            vals = el.all(child) if el else []
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
    col.raise_if_any()
    name_el, desc_el = scen.one("name"), scen.one("desc")
    return col.build(
        names,
        dims,
        caps,
        pos,
        sal,
        name=name_el.text.strip() if name_el else "ktab",
        description=desc_el.text.strip() if desc_el else "",
    )


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
    out: dict[str, object] = {}
    names = {
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
    params = scen.one("ModelParameters")
    if params is not None:
        for tag, key in names.items():
            el = params.one(tag)
            if el is not None and el.text.strip():
                value = el.text.strip()
                out[key] = ktab_value_name(value)
    ideal = scen.one("IdealAdjustment")
    actors_el = scen.one("Actors")
    if ideal is not None and actors_el is not None:
        acts = [(a.one("name") or _Node("", 0)).text.strip() for a in actors_el.all("Actor")]
        acc = np.eye(len(acts))
        for pair in ideal.all("iaPair"):
            who, ref, adj = (pair.one(t) for t in ("adjustingIdeal", "referencePos", "adjust"))
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
                i, j = acts.index(who.text.strip()), acts.index(ref.text.strip())
                acc[i, j] = float(adj.text)
            except ValueError:
                raise ScenarioError(
                    [
                        Problem(
                            "iaPair names an unknown actor or a bad number",
                            source,
                            "IdealAdjustment",
                            pair.line,
                        )
                    ]
                ) from None
        out["accommodation"] = acc.tolist()
    return out
