"""Property-based run of schemathesis over the OpenAPI spec: no operation answers 5xx.

Bounded: a few examples per operation (``SIGACT_SCHEMATHESIS_EXAMPLES``, default 12),
sent with the API key so the write operations run too (extraction by a fake pipeline),
on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api_seed import API_KEY, FakePipeline, seed
from sigact.api import create_app
from sigact.store import Store

EXAMPLES = int(os.environ.get("SIGACT_SCHEMATHESIS_EXAMPLES", "12"))


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value) -> bytes:
    """JSON Lines bodies: a generated string is sent as is, anything else as one JSON line."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return (json.dumps(value) + "\n").encode("utf-8")


def _run(app) -> tuple[dict[str, int], list[str]]:
    """Exercise every operation; returns ({operation: examples run}, [server-error descriptions])."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ran: dict[str, int] = {}
    errors: list[str] = []
    for result in schema.get_all_operations():
        op = result.ok()
        label = f"{op.method.upper()} {op.path}"
        ran[label] = 0

        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case) -> None:
            ran[label] += 1
            response = case.call(headers={"X-API-Key": API_KEY})
            if response.status_code >= 500:
                errors.append(f"{label} -> {response.status_code}: {case.as_curl_command()} {response.text[:200]}")

        check()
    return ran, errors


@pytest.mark.slow
def test_schemathesis_no_server_errors(db_url):
    store = Store.open(db_url)
    try:
        seed(store, n=20)
        app = create_app(store=store, api_key=API_KEY, pipeline=FakePipeline(), max_body=256 * 1024)
        ran, errors = _run(app)
    finally:
        store.close()
    assert {"GET /events", "GET /events/{event_id}", "POST /articles", "DELETE /articles/{article_id}",
            "GET /export", "GET /stats/timeline"} <= set(ran)
    assert all(n >= 1 for n in ran.values()), ran
    assert errors == []
