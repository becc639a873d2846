"""The report for print, through matplotlib: PNG figures, or one PDF (the verdict and the
sides' no-deal values on the first page, then one figure a page).

``accord report SCENARIO -o report.pdf --format pdf``; ``--format png`` writes one PNG per
figure next to the named file (``report-space.png``, ``report-plan.png``, ...).
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from accord.report.analysis_text import no_deal_rows

if TYPE_CHECKING:
    from accord.api._report import ReportData
    from accord.bargaining.analysis import Analysis

__all__ = ["plot_space", "write_pdf", "write_pngs"]


def plot_space(a: Analysis, path: str | Path) -> Path:
    """The utility space of the first two principals (as :func:`accord.report.figures.utility_space`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    sp = a.space
    fig = Figure(figsize=(7.5, 6.2), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    u = sp.utilities
    names = {p.id: p.name for p in a.scenario.principals}
    ax.scatter(
        u[0],
        u[1],
        s=4,
        color="0.8",
        label=f"feasible packages ({sp.n_feasible:,})",
        rasterized=True,
    )
    members = a.winsets.members if a.winsets is not None else u >= sp.reservations[:, None]
    word = "win-set" if a.winsets is not None else "accepts"
    for i, pid in enumerate(sp.principals[:2]):
        m = members[i]
        ax.scatter(
            u[0, m],
            u[1, m],
            s=14,
            facecolors="none",
            edgecolors=f"C{i}",
            label=f"{names[pid]}'s {word} ({int(m.sum()):,})",
        )
    front = a.frontier[u[0, a.frontier].argsort(kind="stable")]
    ax.plot(
        u[0, front],
        u[1, front],
        color="0.2",
        lw=1.2,
        label=f"Pareto frontier ({a.frontier.size:,})",
    )
    if a.zopa.size:
        ax.scatter(
            u[0, a.zopa],
            u[1, a.zopa],
            s=22,
            color="C2",
            label=f"zone of agreement ({a.zopa.size:,})",
        )
    ax.plot([sp.reservations[0]], [sp.reservations[1]], "kx", ms=10, mew=2, label="no deal")
    ax.axvline(float(sp.reservations[0]), color="C0", ls="--", lw=0.8)
    ax.axhline(float(sp.reservations[1]), color="C1", ls="--", lw=0.8)
    p0, p1 = sp.principals[0], sp.principals[1]
    for k, s in enumerate(a.solutions):
        ax.plot(
            [s.utilities[p0]],
            [s.utilities[p1]],
            marker="**dsP^v"[k % 7],
            ms=12,
            ls="",
            label=s.title,
        )
    ax.set_xlabel(f"utility to {names[p0]}")
    ax.set_ylabel(f"utility to {names[p1]}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"{a.scenario.title}: {a.verdict.headline}", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    return out


def write_pngs(data: ReportData, path: str | Path) -> list[Path]:
    """One PNG per figure: ``STEM-space.png``, ``STEM-plan.png``, ``STEM-simulation.png``,
    ``STEM-sensitivity.png`` (those the report has), next to ``path``."""
    from accord.report.negotiate import plot_concession
    from accord.report.phasing import plot_phasing
    from accord.report.uncertainty import plot_sensitivity

    base = Path(path)
    stem = base.with_suffix("")
    out = [plot_space(data.analysis, f"{stem}-space.png")]
    if data.phasing is not None and data.phasing.feasible:
        out.append(plot_phasing(data.phasing, f"{stem}-plan.png"))
    if len(data.simulation.domain.parties) >= 2:
        out.append(plot_concession(data.simulation, f"{stem}-simulation.png"))
    if data.uncertainty is not None and data.uncertainty.ranking:
        out.append(plot_sensitivity(data.uncertainty, f"{stem}-sensitivity.png"))
    return out


def _text_page(data: ReportData) -> list[str]:
    a = data.analysis
    lines = [a.scenario.title, "", a.verdict.headline, ""]
    for r in a.verdict.reasons:
        lines += [*textwrap.wrap("• " + r, 100), ""]
    lines += ["What no agreement is worth to each side:"]
    for side, value, what, sources in no_deal_rows(a):
        lines += textwrap.wrap(f"  {side}: {value}: {what} [{sources}]", 100)
    lines += ["", f"seed {data.seed}", *data.left_out]
    return lines


def write_pdf(data: ReportData, path: str | Path) -> Path:
    """The report as one PDF: a text page, then one page per figure."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    out = Path(path)
    with tempfile.TemporaryDirectory(prefix="accord-report-") as tmp, PdfPages(out) as pdf:
        page = Figure(figsize=(8.27, 11.69))
        body = _text_page(data)
        page.text(0.06, 0.96, body[0], fontsize=14, weight="bold", va="top")
        page.text(0.06, 0.93, "\n".join(body[1:]), fontsize=7.5, va="top", family="monospace")
        pdf.savefig(page)
        for png in write_pngs(data, Path(tmp) / "fig.png"):
            img = imread(png)
            h, w = img.shape[:2]
            fig = Figure(figsize=(8.27, 8.27 * h / w + 0.4))
            ax = fig.add_axes((0, 0, 1, 1))
            ax.imshow(img)
            ax.axis("off")
            pdf.savefig(fig, dpi=200)
    return out
