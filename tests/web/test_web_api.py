"""Every REST endpoint, with good and bad inputs, and the server's limits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord import api
from accord.web import WebSettings, create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _error(r, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["status"] == status and body["code"] == code
    return body


def test_list_and_builtin(client: TestClient) -> None:
    r = client.get("/api/scenarios").json()
    assert [s["name"] for s in r["scenarios"]] == ["hanoi-2019", "singapore-2018", "six-party-2007"]
    assert r["phasing"] == ["hanoi-2019", "six-party-2007"]
    one = client.get("/api/scenarios/hanoi-2019").json()
    assert one["text"] == api.builtin_scenario_text("hanoi-2019")
    assert {k["key"] for k in one["knobs"]} >= {"china.enforcement", "congress.threshold"}
    _error(client.get("/api/scenarios/nope"), 422, "invalid_input")


def test_validate_locates_problems(client: TestClient) -> None:
    ok = client.post("/api/validate", json={"builtin": "singapore-2018"}).json()
    assert ok["valid"] and ok["principals"] == 2
    bad = client.post("/api/validate", json={"text": "accord: 1\ntitle: t\nactors: 5\n"}).json()
    assert not bad["valid"]
    assert any(p["line"] == 3 and p["path"] == "actors" for p in bad["problems"])
    _error(client.post("/api/validate", json={}), 422, "invalid_request")
    _error(client.post("/api/validate", json={"builtin": "a", "text": "b"}), 422, "invalid_request")


def test_analyse_matches_the_cli_json(client: TestClient) -> None:
    from accord.report.analysis_data import analysis_to_dict

    r = client.post("/api/analyse", json={"builtin": "hanoi-2019"}).json()
    assert r["verdict"]["headline"] == "No agreement"
    assert "ranges for 20 of them" in r["verdict"]["certainty"]
    assert r["verdict"] == analysis_to_dict(api.analyze_scenario("hanoi-2019"))["verdict"]
    again = client.post("/api/analyse", json={"text": api.builtin_scenario_text("singapore-2018")})
    assert again.json()["verdict"]["headline"] == "Agreement possible"


def test_no_server_path_from_a_client(client: TestClient) -> None:
    _error(client.post("/api/analyse", json={"builtin": "/etc/passwd"}), 422, "invalid_request")
    _error(client.post("/api/analyse", json={"builtin": "README.md"}), 422, "invalid_input")
    text = api.builtin_scenario_text("hanoi-2019").replace(
        "data: hanoi-2019.enforcement.yaml", "data: /etc/passwd"
    )
    body = _error(client.post("/api/analyse", json={"text": text}), 422, "invalid_input")
    assert body["problems"][0]["path"].endswith("forecast.data")
    _error(
        client.post("/api/analyse", json={"builtin": "x", "path": "/etc"}), 422, "invalid_request"
    )


def test_diagnose_whatif_phase_simulate_forecast(client: TestClient) -> None:
    d = client.post("/api/diagnose", json={"builtin": "hanoi-2019", "limit": 1}).json()
    assert d["headline"] == "No agreement" and len(d["what_it_would_take"]["remedies"]) == 1
    _error(
        client.post("/api/diagnose", json={"builtin": "hanoi-2019", "limit": 0}),
        422,
        "invalid_request",
    )
    w = client.post(
        "/api/whatif", json={"builtin": "hanoi-2019", "settings": {"congress.threshold": 0.74}}
    ).json()
    assert w["diff"]["winsets"]["changed"]["us"]["winset"] == 468
    body = _error(
        client.post(
            "/api/whatif", json={"builtin": "hanoi-2019", "settings": {"congress.threshold": 5}}
        ),
        422,
        "invalid_input",
    )
    assert "0.72" in body["message"]
    p = client.post("/api/phase", json={"builtin": "six-party-2007"}).json()
    assert p["status"] == "optimal" and p["plan"]
    _error(client.post("/api/phase", json={"builtin": "nope"}), 422, "invalid_input")
    s = client.post("/api/simulate", json={"builtin": "hanoi-2019", "seed": 1, "rounds": 10}).json()
    assert s["seed"] == 1 and s["explanation"]
    _error(
        client.post(
            "/api/simulate", json={"builtin": "hanoi-2019", "strategies": {"xx": "boulware"}}
        ),
        422,
        "invalid_input",
    )
    _error(
        client.post("/api/simulate", json={"builtin": "hanoi-2019", "rounds": 0}),
        422,
        "invalid_request",
    )
    f = client.post(
        "/api/forecast", json={"builtin": "hanoi-2019.enforcement", "models": ["median"]}
    )
    assert f.status_code == 200 and f.json()["dimensions"]
    up = Path("examples/emission-standards.yaml").read_text()
    f2 = client.post("/api/forecast", json={"text": up, "filename": "emission.yaml"}).json()
    assert set(f2["models"]) == {"compromise", "median", "nash", "exchange"}
    _error(client.post("/api/forecast", json={"text": "kind: spatial\n"}), 422, "invalid_input")


def test_uncertainty_job_reports_progress_then_its_result(client: TestClient) -> None:
    r = client.post("/api/uncertainty", json={"builtin": "hanoi-2019", "samples": 256, "seed": 4})
    assert r.status_code == 202 and r.headers["location"] == r.json()["url"]
    job = r.json()
    for _ in range(200):
        job = client.get(r.headers["location"]).json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["state"] == "done", job
    assert job["result"]["agreement"]["probability"] == 0.0
    assert job["result"]["seed"] == 4 and job["progress"]["total"] >= 1
    _error(client.get("/api/jobs/nope"), 404, "no_such_job")
    _error(
        client.post("/api/uncertainty", json={"builtin": "hanoi-2019", "samples": 0}),
        422,
        "invalid_request",
    )
    _error(
        client.post("/api/uncertainty", json={"builtin": "hanoi-2019", "samples": 999_999}),
        422,
        "too_many_samples",
    )


def test_body_packages_and_time_limits() -> None:
    small = TestClient(create_app(WebSettings(max_body=1000, max_packages=5000, timeout=0.001)))
    body = _error(small.post("/api/validate", json={"text": "x" * 2000}), 413, "body_too_large")
    assert "1,000 bytes" in body["message"]
    few = TestClient(create_app(WebSettings(max_packages=5000)))
    body = _error(
        few.post("/api/analyse", json={"builtin": "hanoi-2019"}), 413, "too_many_packages"
    )
    assert "11,520 packages" in body["message"]
    slow = TestClient(create_app(WebSettings(timeout=0.001)))
    _error(slow.post("/api/diagnose", json={"builtin": "six-party-2007"}), 503, "time_limit")


def test_a_token_is_required_when_set() -> None:
    c = TestClient(create_app(WebSettings(token="s3cret")))
    _error(c.get("/api/scenarios"), 401, "token_required")
    _error(
        c.get("/api/scenarios", headers={"authorization": "Bearer wrong"}), 401, "token_required"
    )
    assert c.get("/api/scenarios", headers={"authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret", follow_redirects=False)
    assert r.status_code == 303 and "accord_token" in r.headers["set-cookie"]
    c.cookies.set("accord_token", "s3cret")
    assert c.get("/api/scenarios").status_code == 200


def test_ledger_view_is_the_servers_own(tmp_path: Path) -> None:
    c = TestClient(create_app())
    _error(c.get("/api/ledger"), 404, "no_ledger")
    db = str(tmp_path / "hanoi.db")
    api.track_init(db, "hanoi-2019")
    c = TestClient(create_app(WebSettings(ledger=db)))
    r = c.get("/api/ledger").json()
    assert r["check"]["ok"] is True and r["status"]["verdict"]
    ui = c.get("/ui/ledger")
    assert ui.status_code == 200 and "verifies" in ui.text
    # the client cannot point the server at another database
    assert c.get("/api/ledger", params={"db": "/etc/passwd"}).json()["check"]["ok"] is True


def test_the_ui_pages(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "/static/htmx.min.js" in home.text
    assert "cdn" not in home.text.lower()
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/static/plotly.min.js").text.startswith("/**")
    text = api.builtin_scenario_text("hanoi-2019")
    page = client.post("/ui/analyse", data={"text": text, "source": "hanoi-2019.yaml"})
    assert "No agreement" in page.text and 'name="knob:congress.threshold"' in page.text
    assert 'id="certainty"' in page.text and "at its stated value" in page.text
    w = client.post(
        "/ui/whatif",
        data={"text": text, "source": "hanoi-2019.yaml", "knob:congress.threshold": "0.72"},
    )
    assert "lowered its ratification threshold" in w.text
    bad = client.post(
        "/ui/upload", files={"file": ("bad.yaml", b"accord: 1\ntitle: t\nactors: 5\n")}
    )
    assert "line 3" in bad.text and "bad.yaml:3: actors" in bad.text
    assert "optimal" in client.post("/ui/phase", data={"name": "six-party-2007"}).text
    assert (
        "data-figure" in client.post("/ui/forecast", data={"name": "hanoi-2019.enforcement"}).text
    )
