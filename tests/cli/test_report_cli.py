"""accord report and accord serve through the real entry point."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from accord.cli.app import app

runner = CliRunner()


def test_report_html_pdf_png(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = runner.invoke(
        app, ["report", "six-party-2007", "-o", str(out), "--seed", "2", "--samples", "32"]
    )
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.output and "seed 2" in res.output
    assert "Plotly.newPlot" in out.read_text()
    pdf = tmp_path / "r.pdf"
    res = runner.invoke(
        app,
        ["report", "singapore-2018", "-o", str(pdf), "-f", "pdf", "--seed", "1", "--samples", "0"],
    )
    assert res.exit_code == 0, res.output
    assert pdf.read_bytes().startswith(b"%PDF")
    res = runner.invoke(
        app,
        [
            "report",
            "singapore-2018",
            "-o",
            str(tmp_path / "f.png"),
            "-f",
            "png",
            "--seed",
            "1",
            "--samples",
            "0",
        ],
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "f-space.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "f-simulation.png").is_file()


def test_report_errors_are_one_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", "hanoi-2019", "-o", str(tmp_path / "no" / "r.html")])
    assert res.exit_code == 2 and "does not exist" in res.output
    res = runner.invoke(app, ["report", "nope", "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 2 and "no built-in scenario" in res.output
    assert "Traceback" not in res.output


def test_serve_beyond_loopback_needs_a_token(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ACCORD_WEB_TOKEN", raising=False)
    res = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8765"])
    assert res.exit_code == 2
    assert "needs a token" in res.output
