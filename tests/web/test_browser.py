"""The browser UI and the HTML report in real Chromium (screenshots in build/test-artifacts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import ARTIFACTS

from accord import api
from accord.report.html import report_html


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    return page


def test_hanoi_verdict_and_a_lever_slider(browser: Any, live_server: str) -> None:
    page = _open(browser, live_server + "/")
    page.wait_for_selector("#yaml")  # the default built-in (Hanoi) loads into the editor
    assert page.locator("#builtin").input_value() == "hanoi-2019"
    page.click("#analyse")
    page.wait_for_selector("#headline")
    assert page.locator("#headline").inner_text() == "No agreement"
    page.wait_for_selector("#result .js-plotly-plot")
    page.screenshot(path=str(ARTIFACTS / "ui-hanoi.png"), full_page=True)
    slider = page.locator('input[name="knob:congress.threshold"]')
    slider.focus()
    page.keyboard.press("Home")  # the lowest threshold the file allows (0.72)
    page.wait_for_selector("#whatif-counts")
    cells = page.locator("#whatif-counts tr", has_text="us: win-set").locator("td")
    assert cells.nth(1).inner_text() == "96"
    assert int(cells.nth(2).inner_text()) > 96
    changes = page.locator("#whatif-verdict li").all_inner_texts()
    assert changes == ["US Congress lowered its ratification threshold from 0.840 to 0.720"]
    page.screenshot(path=str(ARTIFACTS / "ui-whatif.png"), full_page=True)
    page.locator("#whatif-verdict").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "ui-whatif-view.png"))
    page.close()


def test_a_bad_upload_shows_the_located_error(
    browser: Any, live_server: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("accord: 1\ntitle: A bad file\nactors: 5\n")
    page = _open(browser, live_server + "/")
    page.wait_for_selector("#yaml")
    page.set_input_files("#upload", str(bad))
    page.wait_for_selector("#problems")
    text = page.inner_text("#problems")
    assert "line 3" in text and "bad.yaml:3: actors" in text
    page.screenshot(path=str(ARTIFACTS / "ui-bad-upload.png"), full_page=True)
    page.close()


def test_the_plan_and_the_forecast(browser: Any, live_server: str) -> None:
    page = _open(browser, live_server + "/")
    page.select_option("#phasing", "six-party-2007")
    page.click("#phase-button")
    page.wait_for_selector("#plan .js-plotly-plot")
    assert "optimal plan" in page.inner_text("#plan-headline")
    page.click("#forecast-button")
    page.wait_for_selector("#forecast .js-plotly-plot")
    page.close()


def test_a_generated_report_renders_its_plots_offline(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text(report_html(api.gather_report("hanoi-2019", seed=1, samples=64)))
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_selector("#fig-sensitivity .main-svg")
    for key in ("space", "plan", "simulation", "sensitivity"):
        assert page.locator(f"#fig-{key} .main-svg").count() >= 1, key
    assert page.locator("#fig-space .legendtext", has_text="win-set (96)").count() == 1
    assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    page.close()
