"""Safe defaults: body size cap, token check, bounded computation with a time limit, and one
JSON shape for every error (``{"error": {"status", "code", "message", "problems"}}``)."""

from __future__ import annotations

import asyncio
import math
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord.errors import AccordError, Problem, ScenarioError

__all__ = [
    "TOKEN_COOKIE",
    "BodyLimit",
    "LimitError",
    "Lru",
    "Runner",
    "TokenGate",
    "error_response",
    "json_dict",
    "json_safe",
    "problem_dicts",
]

T = TypeVar("T")
TOKEN_COOKIE = "accord_token"


class LimitError(Exception):
    """A request over one of the server's limits (``status`` 413 or 503)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def problem_dicts(problems: tuple[Problem, ...] | list[Problem]) -> list[dict[str, Any]]:
    """Located problems as JSON (``message``, ``source``, ``path``, ``line``, ``text``)."""
    return [
        {"message": p.message, "source": p.source, "path": p.path, "line": p.line, "text": str(p)}
        for p in problems
    ]


def error_response(
    status: int, code: str, message: str, problems: list[dict[str, Any]] | None = None
) -> JSONResponse:
    """The one error shape of the API."""
    body = {
        "error": {"status": status, "code": code, "message": message, "problems": problems or []}
    }
    return JSONResponse(body, status_code=status)


def accord_error_response(exc: AccordError) -> JSONResponse:
    """422 for an accord error, with its located problems."""
    problems = problem_dicts(exc.problems) if isinstance(exc, ScenarioError) else []
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, ScenarioError) and len(exc.problems) > 1:
        message = f"{len(exc.problems)} problems; the first: {exc.problems[0]}"
    return error_response(422, "invalid_input", message, problems)


def json_safe(value: Any) -> Any:
    """``value`` with every non-finite float replaced by ``None`` (JSON has no NaN)."""
    return _safe(value)


def json_dict(value: dict[str, Any]) -> dict[str, Any]:
    """:func:`json_safe` of a dict."""
    out: dict[str, Any] = _safe(value)
    return out


def _safe(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    return value


class BodyLimit:
    """ASGI middleware: refuse a body over ``limit`` bytes with 413, by its declared length or
    while it streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = error_response(
            413,
            "body_too_large",
            f"the request body is larger than this server's limit of {self.limit:,} bytes",
        )
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await too_big(scope, receive, send)
                    return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise LimitError(413, "body_too_large", "too large")
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, watch)
        except LimitError:
            if not started:
                await too_big(scope, receive, send)


class TokenGate:
    """ASGI middleware: with a token set, every request carries it (``Authorization: Bearer``
    or the UI's cookie); ``GET /?token=TOKEN`` sets the cookie for a browser."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    def _ok(self, given: str | None) -> bool:
        return (
            given is not None
            and self.token is not None
            and secrets.compare_digest(given.encode(), self.token.encode())
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        auth = request.headers.get("authorization", "")
        bearer = auth[7:] if auth.lower().startswith("bearer ") else None
        if self._ok(bearer) or self._ok(request.cookies.get(TOKEN_COOKIE)):
            await self.app(scope, receive, send)
            return
        if request.url.path == "/" and self._ok(request.query_params.get("token")):
            response: Response = Response(status_code=303, headers={"location": "/"})
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        await error_response(
            401, "token_required", "this server needs its token: Authorization: Bearer TOKEN"
        )(scope, receive, send)


class Runner:
    """Runs computations on a bounded pool of threads with a time limit per request.

    A request waits in a queue of at most ``queue``; beyond that, or once ``timeout`` seconds
    pass, it gets 503 (a computation already started finishes in the background).
    """

    def __init__(self, workers: int, queue: int, timeout: float) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self.queue = queue
        self.timeout = timeout
        self._pending = 0
        self._lock = threading.Lock()

    def _done(self, _: object) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._lock:
            if self._pending >= self.queue:
                raise LimitError(
                    503, "busy", f"the server is busy ({self._pending} requests waiting); try again"
                )
            self._pending += 1
        with self._lock:
            if self._pool is None:  # made on first use (again after the app's shutdown)
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="accord-web")
            future = self._pool.submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            raise LimitError(
                503,
                "time_limit",
                f"the computation took longer than this server's limit of {self.timeout:g} s",
            ) from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class Lru:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[object, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object) -> object | None:
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: object, value: object) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
