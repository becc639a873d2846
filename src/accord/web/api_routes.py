"""The REST API (``/api/...``): each endpoint calls :mod:`accord.api` and answers with the same
JSON as the command line's ``--format json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from accord import api
from accord.errors import ScenarioError
from accord.report import forecast as forecast_report
from accord.report import negotiate as negotiate_report
from accord.report import phasing as phasing_report
from accord.report import track as track_report
from accord.report import uncertainty as uncertainty_report
from accord.report.analysis_data import analysis_to_dict
from accord.report.twolevel_data import diagnosis_to_dict, whatif_to_dict
from accord.web.jobs import Jobs
from accord.web.limits import error_response, json_dict, problem_dicts
from accord.web.schemas import (
    AnalyseRequest,
    DiagnoseRequest,
    ForecastRequest,
    PhaseRequest,
    ScenarioInput,
    SimulateRequest,
    UncertaintyRequest,
    WhatIfRequest,
)
from accord.web.service import Service

__all__ = ["api_router"]

Json = dict[str, Any]

ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "Request body or outcome space over the server's limits"},
    422: {"description": "Invalid input, with located problems"},
    503: {"description": "Busy, or over the time limit"},
}


def api_router(service: Service, jobs: Jobs) -> APIRouter:
    """The API's routes over one :class:`Service`."""
    router = APIRouter(prefix="/api", responses=ERRORS)
    run = service.runner.run

    @router.get("/scenarios", summary="List the built-in scenarios, phasing and spatial data")
    async def list_builtins() -> Json:
        return {
            "scenarios": api.list_scenarios(),
            "phasing": api.builtin_phasing_names(),
            "spatial": api.builtin_spatial_names(),
        }

    @router.get("/scenarios/{name}", summary="A built-in scenario's text and what-if knobs")
    async def builtin(name: str) -> Json:
        def work() -> Json:
            sc = service.scenario(name, None)
            return {
                "name": name,
                "text": api.builtin_scenario_text(name),
                "knobs": [_knob(k) for k in api.whatif_knobs(sc)],
            }

        return await run(work)

    @router.post("/validate", summary="Check a scenario; every problem located")
    async def validate(body: ScenarioInput) -> Json:
        def work() -> Json:
            try:
                sc = service.scenario(body.builtin, body.text)
            except ScenarioError as exc:
                return {"valid": False, "problems": problem_dicts(exc.problems)}
            return {
                "valid": True,
                "problems": [],
                "principals": len(sc.principals),
                "ratifiers": len(sc.ratifiers),
                "levers": len(sc.levers),
                "issues": len(sc.issues),
                "constraints": len(sc.constraints),
                "packages": api.package_count(sc),
            }

        return await run(work)

    @router.post("/analyse", summary="The verdict and its reasons (as `accord run --format json`)")
    async def analyse(body: AnalyseRequest) -> JSONResponse:
        def work() -> Json:
            key = ("analyse", service.key(body.builtin, body.text), body.ks_variant)
            out: Json = service.cached(
                key,
                lambda: json_dict(
                    analysis_to_dict(
                        api.analyze_scenario(
                            service.scenario(body.builtin, body.text), ks_variant=body.ks_variant
                        )
                    )
                ),
            )
            return out

        return JSONResponse(await run(work))

    @router.post("/diagnose", summary="Win-sets, pivotal actors, what it would take")
    async def diagnose(body: DiagnoseRequest) -> Json:
        def work() -> Json:
            sc = service.scenario(body.builtin, body.text)
            return json_dict(diagnosis_to_dict(api.diagnose_scenario(sc, limit=body.limit)))

        return await run(work)

    @router.post("/whatif", summary="The analysis with changed levers or quantities")
    async def whatif(body: WhatIfRequest) -> Json:
        def work() -> Json:
            sc = service.scenario(body.builtin, body.text)
            return json_dict(whatif_to_dict(api.whatif_scenario(sc, body.settings)))

        return await run(work)

    @router.post("/phase", summary="A phased plan for a built-in phasing document")
    async def phase(body: PhaseRequest) -> Json:
        def work() -> Json:
            spec = api.load_builtin_phasing(body.builtin)
            result = api.plan_phasing(
                spec,
                horizon=body.horizon,
                one_shot=body.one_shot,
                objective=body.objective,
                time_limit=min(service.settings.timeout, 20.0),
            )
            return json_dict(phasing_report.to_dict(result))

        return await run(work)

    @router.post("/simulate", summary="Simulate one negotiation (trace and explanation)")
    async def simulate(body: SimulateRequest) -> Json:
        def work() -> Json:
            sc = service.scenario(body.builtin, body.text)
            result = api.simulate(
                sc,
                body.strategies,
                protocol=body.protocol,
                rounds=body.rounds,
                discount=body.discount,
                seed=body.seed,
            )
            data = negotiate_report.result_to_dict(result)
            return json_dict({**data, "explanation": list(api.explain_negotiation(result))})

        return await run(work)

    @router.post("/forecast", summary="Forecast spatial data with several models")
    async def forecast(body: ForecastRequest) -> Json:
        def work() -> Json:
            data = (
                api.load_builtin_spatial(body.builtin)
                if body.builtin is not None
                else api.spatial_from_text(body.text or "", body.filename)
            )
            results = api.run_all(data, list(body.models))
            return json_dict(forecast_report.forecast_json(results, data))

        return await run(work)

    @router.post(
        "/uncertainty",
        status_code=202,
        summary="Start an uncertainty analysis (a background job; poll GET /api/jobs/{id})",
    )
    async def uncertainty(body: UncertaintyRequest, request: Request) -> JSONResponse:
        if body.samples > service.settings.max_samples:
            return error_response(
                422,
                "too_many_samples",
                f"samples={body.samples:,}: this server runs at most "
                f"{service.settings.max_samples:,} draws per job",
            )

        def check() -> Any:
            service.scenario(body.builtin, body.text)  # limits and errors now, not in the job
            return api.scenario_sources(body.text, name=body.builtin)

        sources = await run(check)
        seed = body.seed

        def work(progress: Any) -> Json:
            report = api.uncertainty_analysis(
                sources,
                samples=body.samples,
                seed=seed if seed is not None else _drawn(),
                sensitivity=body.sensitivity,
                sobol_base=body.sobol_base,
                workers=1,
                progress=progress,
            )
            return json_dict(uncertainty_report.uncertainty_to_dict(report))

        job = jobs.submit("uncertainty", work)
        url = str(request.url_for("job", job_id=job.id))
        return JSONResponse(
            job.to_dict() | {"url": url}, status_code=202, headers={"location": url}
        )

    @router.get("/jobs/{job_id}", name="job", summary="A job's state, progress and result")
    async def job(job_id: str) -> JSONResponse:
        found = jobs.get(job_id)
        if found is None:
            return error_response(404, "no_such_job", f"no job {job_id!r} (jobs are kept a while)")
        return JSONResponse(json_dict(found.to_dict()))

    @router.get("/ledger", summary="The server's tracking ledger: status and chain check")
    async def ledger() -> JSONResponse:
        db = service.settings.ledger
        if db is None:
            return error_response(
                404, "no_ledger", "this server shows no ledger (accord serve --ledger DB)"
            )

        def work() -> Json:
            status = api.track_status(db)
            check = api.track_verify(db)
            return json_dict(
                {
                    "status": track_report.status_to_dict(status),
                    "check": track_report.check_to_dict(check),
                }
            )

        return JSONResponse(await run(work))

    return router


def _drawn() -> int:
    import secrets

    return secrets.randbelow(2**32)


def _knob(k: api.Knob) -> Json:
    return {
        "key": k.key,
        "label": k.label,
        "kind": k.kind,
        "current": k.current,
        "settings": list(k.settings),
        "low": k.low,
        "high": k.high,
        "note": k.note,
    }
