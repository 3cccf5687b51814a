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
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

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


def _run(app) -> tuple[dict[str, dict[int, int]], list[str]]:
    """Exercise every operation; returns ({operation: {status: count}}, [failure descriptions]).

    A failure is a 5xx, or a response whose body does not match the documented schema.
    """
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    seen: dict[str, dict[int, int]] = {}
    failures: list[str] = []
    for result in schema.get_all_operations():
        op = result.ok()
        label = f"{op.method.upper()} {op.path}"
        seen[label] = {}

        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case) -> None:
            response = case.call(headers={"X-API-Key": API_KEY})
            seen[label][response.status_code] = seen[label].get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{label} -> {response.status_code}: {case.as_curl_command()} {response.text[:200]}")
                return
            try:
                case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
            except Exception as exc:  # schemathesis raises a group of check failures
                failures.append(f"{label} -> {response.status_code}: {exc}"[:800])

        check()
    return seen, failures


@pytest.mark.slow
def test_schemathesis_no_server_errors(db_url):
    store = Store.open(db_url)
    try:
        seed(store, n=20)
        app = create_app(store=store, api_key=API_KEY, pipeline=FakePipeline(), max_body=256 * 1024)
        seen, failures = _run(app)
    finally:
        store.close()
    assert {"GET /events", "GET /events/{event_id}", "POST /articles", "DELETE /articles/{article_id}",
            "GET /export", "GET /stats/timeline"} <= set(seen)
    assert all(sum(codes.values()) >= 1 for codes in seen.values()), seen
    assert seen["GET /events"].get(200) and seen["GET /stats/timeline"].get(200), seen
    assert failures == [], "\n".join(failures[:5])
