"""A schemathesis run over the OpenAPI schema: no input the schema allows gives a 500.

Bounded: a few generated examples per endpoint, a small sample cap and a short time limit (an
answer over the limit is a 503, which is allowed)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from accord.web import WebSettings, create_app

app = create_app(WebSettings(max_samples=200, timeout=2.0, max_packages=20_000))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gives_a_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500 or response.status_code == 503, (
        case.method,
        case.path,
        response.text[:500],
    )
    if response.status_code >= 400:
        assert response.json()["error"]["status"] == response.status_code
