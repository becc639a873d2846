"""The self-contained HTML report of a scenario (``accord report SCENARIO -o report.html``).

One file, no network at view time: the page embeds Plotly's JavaScript from the ``plotly``
Python package and each figure's specification (:mod:`accord.report.figures`) as JSON. The
layout lives in the Jinja2 template ``templates/report.html.j2``; this module only hands it
plain data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from accord import __version__
from accord.report import facts, figures
from accord.report.twolevel_data import diagnosis_to_dict, lever_sentence
from accord.report.twolevel_text import winset_rows

if TYPE_CHECKING:
    from jinja2 import Environment

    from accord.api._report import ReportData

__all__ = ["environment", "plotly_js", "report_context", "report_html"]


def environment() -> Environment:
    """The Jinja2 environment of accord's report templates (autoescaped)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("accord.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """Plotly's minified JavaScript, as the ``plotly`` Python package ships it."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def report_context(data: ReportData) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    from accord.api import explain_negotiation
    from accord.report import phasing as phasing_report
    from accord.report import uncertainty as uncertainty_report

    a = data.analysis
    sc = a.scenario
    figs: dict[str, Any] = {"space": figures.utility_space(a)}
    sim = data.simulation
    figs["simulation"] = figures.simulation_trace(sim)
    plan = None
    if data.phasing is not None:
        r = data.phasing
        figs["plan"] = figures.phasing_gantt(r)
        plan = {
            "headline": phasing_report.headline(r),
            "explanations": [e.text for e in r.explanations],
            "diagnosis": None if r.diagnosis is None else r.diagnosis.text,
        }
    unc = None
    if data.uncertainty is not None:
        u = data.uncertainty
        if u.ranking:
            figs["sensitivity"] = figures.sensitivity_bars(u.ranking)
        unc = {
            "lines": uncertainty_report.reason_lines(u),
            "samples": u.samples,
            "seconds": u.seconds,
        }
    solutions = [
        {
            "title": s.title,
            "package": facts.package_text(sc, s.package),
            "utilities": s.utilities,
            "ties": s.ties,
        }
        for s in [*a.solutions, *([a.ratified] if a.ratified is not None else [])]
    ]
    return {
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seed": data.seed,
        "title": sc.title,
        "date": sc.date,
        "description": sc.description,
        "verdict": a.verdict,
        "history": None if a.history is None else a.history.text,
        "principals": facts.principal_rows(a),
        "status_quo": None
        if sc.status_quo is None
        else {
            "package": facts.package_text(sc, sc.status_quo.package),
            "note": sc.status_quo.note,
            "sources": facts.source_refs(sc, list(sc.status_quo.sources)),
        },
        "red_lines": facts.red_line_rows(sc),
        "actors": facts.actor_rows(sc),
        "issues": facts.issue_rows(sc),
        "levers": [lever_sentence(a, lv.key) for lv in sc.levers],
        "sources": facts.source_refs(sc, [s.id for s in sc.sources]),
        "space": {
            "packages": a.space.size,
            "feasible": a.n_feasible,
            "frontier": int(a.frontier.size),
            "zopa": a.zopa_count,
        },
        "winsets": winset_rows(a),
        "solutions": solutions,
        "principal_names": [p.name for p in sc.principals],
        "principal_ids": [p.id for p in sc.principals],
        "diagnosis": diagnosis_to_dict(data.diagnosis),
        "plan": plan,
        "simulation": {"lines": list(explain_negotiation(sim)), "seed": sim.seed},
        "uncertainty": unc,
        "left_out": list(data.left_out),
        "notes": list(a.notes),
        "figures": figs,
    }


def report_html(data: ReportData) -> str:
    """The report as one HTML document that opens offline."""
    template = environment().get_template("report.html.j2")
    return template.render(**report_context(data), plotly_js=plotly_js())
