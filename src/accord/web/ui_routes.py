"""The browser UI: server-rendered pages and htmx fragments (no Node build step; htmx and
Plotly are served from this package)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from accord import api
from accord.errors import AccordError, ScenarioError
from accord.report import facts, figures
from accord.report import forecast as forecast_report
from accord.report import phasing as phasing_report
from accord.report import track as track_report
from accord.report.html import plotly_js
from accord.report.twolevel_text import winset_rows
from accord.web.limits import LimitError, problem_dicts
from accord.web.service import Service

__all__ = ["ui_router"]

Text = Annotated[str, Form(max_length=4 * 1024 * 1024)]


def _problems(exc: AccordError) -> list[dict[str, Any]]:
    if isinstance(exc, ScenarioError):
        return problem_dicts(exc.problems)
    return [{"message": str(exc), "source": "", "path": "", "line": None, "text": str(exc)}]


def ui_router(service: Service, templates: Jinja2Templates) -> APIRouter:
    """The UI's routes over one :class:`Service`."""
    router = APIRouter(include_in_schema=False)
    run = service.runner.run

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    def failure(request: Request, exc: AccordError | LimitError) -> HTMLResponse:
        problems = (
            _problems(exc)
            if isinstance(exc, AccordError)
            else [{"message": str(exc), "source": "", "path": "", "line": None, "text": str(exc)}]
        )
        return page(request, "problems.html", problems=problems)

    @router.get("/", response_class=HTMLResponse)
    async def home(request: Request) -> HTMLResponse:
        return page(
            request,
            "index.html",
            scenarios=api.list_scenarios(),
            phasing=api.builtin_phasing_names(),
            spatial=api.builtin_spatial_names(),
            ledger=service.settings.ledger is not None,
        )

    @router.get("/static/plotly.min.js")
    async def plotly() -> Response:
        return Response(
            plotly_js(),
            media_type="text/javascript",
            headers={"cache-control": "public, max-age=86400"},
        )

    @router.get("/ui/builtin", response_class=HTMLResponse)
    async def load_builtin(request: Request, name: str) -> HTMLResponse:
        try:
            text = api.builtin_scenario_text(name)
        except AccordError as exc:
            return failure(request, exc)
        return page(request, "editor.html", text=text, source=f"{name}.yaml")

    @router.post("/ui/upload", response_class=HTMLResponse)
    async def upload(request: Request, file: Annotated[UploadFile, File()]) -> HTMLResponse:
        raw = await file.read(service.settings.max_body + 1)
        name = (file.filename or "upload.yaml").replace("\\", "/").rsplit("/", 1)[-1]
        if len(raw) > service.settings.max_body:
            return page(
                request,
                "editor.html",
                text="",
                source=name,
                problems=[{"text": f"{name}: the file is larger than this server's limit"}],
            )
        text = raw.decode("utf-8", "replace")
        problems: list[dict[str, Any]] = []
        try:
            await run(api.scenario_from_text, text, name)
        except AccordError as exc:
            problems = _problems(exc)
        return page(request, "editor.html", text=text, source=name, problems=problems)

    @router.post("/ui/analyse", response_class=HTMLResponse)
    async def analyse(
        request: Request, text: Text, source: Annotated[str, Form()] = "upload"
    ) -> HTMLResponse:
        def work() -> dict[str, Any]:
            sc = _scenario(service, text, source)
            a = api.analyze_scenario(sc)
            return {
                "analysis": a,
                "knobs": api.whatif_knobs(sc),
                "principals": facts.principal_rows(a),
                "red_lines": facts.red_line_rows(sc),
                "winsets": winset_rows(a),
                "figure": json.dumps(figures.utility_space(a)),
            }

        try:
            context = await run(work)
        except (AccordError, LimitError) as exc:
            return failure(request, exc)
        return page(request, "analysis.html", **context)

    @router.post("/ui/whatif", response_class=HTMLResponse)
    async def whatif(
        request: Request, text: Text, source: Annotated[str, Form()] = "upload"
    ) -> HTMLResponse:
        form = await request.form()
        settings: dict[str, str | float] = {}
        for key, value in form.multi_items():
            if key.startswith("knob:") and isinstance(value, str):
                settings[key[5:]] = value

        def work() -> dict[str, Any]:
            sc = _scenario(service, text, source)
            knobs = {k.key: k for k in api.whatif_knobs(sc)}
            changed: dict[str, str | float] = {}
            for key, value in settings.items():
                knob = knobs.get(key)
                if knob is None:
                    continue
                if knob.kind == "setting":
                    index = int(float(value))
                    if 0 <= index < len(knob.settings) and knob.settings[index] != knob.current:
                        changed[key] = knob.settings[index]
                else:
                    # a slider moves in hundredths of its range: closer than half a step is
                    # where it started
                    step = (float(knob.high or 0.0) - float(knob.low or 0.0)) / 100
                    if abs(float(value) - float(knob.current)) > step / 2:
                        changed[key] = float(value)
            w = api.whatif_scenario(sc, changed)
            return {
                "whatif": w,
                "diff": w.diff(),
                "winsets": winset_rows(w.changed),
                "figure": json.dumps(figures.utility_space(w.changed)),
            }

        try:
            context = await run(work)
        except (AccordError, LimitError, ValueError) as exc:
            if isinstance(exc, ValueError):
                exc = AccordError(f"a slider's value is not a number: {exc}")
            return failure(request, exc)
        return page(request, "whatif.html", **context)

    @router.post("/ui/phase", response_class=HTMLResponse)
    async def phase(request: Request, name: Annotated[str, Form(max_length=100)]) -> HTMLResponse:
        def work() -> dict[str, Any]:
            r = api.plan_phasing(
                api.load_builtin_phasing(name), time_limit=min(service.settings.timeout, 20.0)
            )
            return {
                "headline": phasing_report.headline(r),
                "explanations": [e.text for e in r.explanations],
                "diagnosis": None if r.diagnosis is None else r.diagnosis.text,
                "figure": json.dumps(figures.phasing_gantt(r)),
            }

        try:
            context = await run(work)
        except (AccordError, LimitError) as exc:
            return failure(request, exc)
        return page(request, "phase.html", **context)

    @router.post("/ui/forecast", response_class=HTMLResponse)
    async def forecast(
        request: Request, name: Annotated[str, Form(max_length=100)]
    ) -> HTMLResponse:
        def work() -> dict[str, Any]:
            data = api.load_builtin_spatial(name)
            results = api.run_all(data, ["compromise", "median", "nash", "exchange", "smp"])
            return {
                "table": forecast_report.forecast_json(results, data),
                "figure": json.dumps(figures.forecast_bars(results, data)),
            }

        try:
            context = await run(work)
        except (AccordError, LimitError) as exc:
            return failure(request, exc)
        return page(request, "forecast.html", **context)

    @router.get("/ui/ledger", response_class=HTMLResponse)
    async def ledger(request: Request) -> HTMLResponse:
        db = service.settings.ledger
        if db is None:
            return page(
                request, "problems.html", problems=[{"text": "this server shows no ledger"}]
            )

        def work() -> dict[str, Any]:
            status = api.track_status(db)
            check = api.track_verify(db)
            return {
                "sentences": track_report.status_sentences(status),
                "check": track_report.check_verdict(check),
                "intact": check.ok,
            }

        try:
            context = await run(work)
        except (AccordError, LimitError) as exc:
            return failure(request, exc)
        return page(request, "ledger.html", **context)

    return router


def _scenario(service: Service, text: str, source: str) -> Any:
    """The editor's scenario: a built-in's unchanged text is loaded as that built-in."""
    name = source.removesuffix(".yaml")
    try:
        if api.builtin_scenario_text(name) == text:
            return service.scenario(name, None)
    except AccordError:
        pass
    return service.scenario(None, text)
