"""The FastAPI application of ``accord serve``: REST API, browser UI and static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord import __version__
from accord.errors import AccordError
from accord.web.api_routes import api_router
from accord.web.jobs import Jobs
from accord.web.limits import (
    BodyLimit,
    LimitError,
    TokenGate,
    accord_error_response,
    error_response,
)
from accord.web.service import Service
from accord.web.settings import WebSettings
from accord.web.ui_routes import ui_router

__all__ = ["create_app"]

_HERE = Path(str(resources.files("accord.web")))


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The app, with its limits (see :class:`WebSettings`; the defaults are safe)."""
    settings = settings or WebSettings()
    service = Service(settings)
    jobs = Jobs(settings.max_jobs)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.runner.close()
        jobs.close()

    app = FastAPI(
        title="accord",
        version=__version__,
        summary="Analyse, diagnose, phase, simulate and forecast negotiations.",
        description="Scenarios are given as a built-in's name or as YAML/JSON text, never as a "
        'path. Errors share one shape: `{"error": {"status", "code", "message", '
        '"problems"}}`, each problem located (source, key path, line).',
        lifespan=lifespan,
    )

    @app.exception_handler(AccordError)
    async def accord_error(_: Request, exc: AccordError) -> JSONResponse:
        return accord_error_response(exc)

    @app.exception_handler(LimitError)
    async def over_limit(_: Request, exc: LimitError) -> JSONResponse:
        return error_response(exc.status, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "message": str(e.get("msg", "")),
                "source": "request",
                "path": ".".join(str(x) for x in e.get("loc", ())),
                "line": None,
                "text": f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}",
            }
            for e in exc.errors()
        ]
        first = str(problems[0]["text"]) if problems else "invalid request"
        return error_response(422, "invalid_request", first, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, "http", str(exc.detail or ""))

    app.include_router(api_router(service, jobs))
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    app.include_router(ui_router(service, templates))
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(TokenGate, token=settings.token)
    return app
