"""GET /events lists canonical events (one per real-world event, with every source), like `sigact events`;
``level=report`` lists the reports.  Paging, totals, filters and the detail view, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api_seed import API_KEY, crafted, seed
from sigact.api import create_app
from sigact.dedup.sync import canonical_events
from sigact.store import Store

AUTH = {"X-API-Key": API_KEY}


@pytest.fixture
def env(db_url):
    store = Store.open(db_url)
    events = seed(store, n=60)
    # the two Baghdad clash reports are one event; synthetic reports are grouped three by three
    mapping = {"crafted:a2:1": "crafted:a1:1"}
    syn = sorted(e.id for e in events if not e.id.startswith("crafted:"))
    for i in range(0, 30, 3):
        for eid in syn[i + 1:i + 3]:
            mapping[eid] = syn[i]
    store.assign_clusters(mapping)
    with TestClient(create_app(store=store, api_key=API_KEY)) as client:
        yield client, store, events, mapping
    store.close()


def _all(client, **params):
    """Every row of /events for ``params``, following ``next``; also the number of pages."""
    rows, cursor, pages = [], None, 0
    while True:
        q = dict(params)
        if cursor:
            q["cursor"] = cursor
        r = client.get("/events", params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["count"] == len(body["events"]) <= int(params.get("limit", 100))
        rows += body["events"]
        pages += 1
        cursor = body["next"]
        if not cursor:
            return rows, pages


def test_default_is_one_row_per_real_world_event_with_all_sources(env):
    client, _, events, mapping = env
    body = client.get("/events", params={"country": "IRQ", "since": "2023-06-01", "until": "2023-06-30"}).json()
    assert body["level"] == "canonical"
    [clash] = body["events"]
    assert clash["id"] == "crafted:a1:1" and clash["source_count"] == 2
    assert {s["article_id"] for s in clash["sources"]} == {"crafted:a1", "crafted:a2"}
    reports = client.get("/events", params={"country": "IRQ", "since": "2023-06-01", "until": "2023-06-30",
                                            "level": "report"}).json()
    assert reports["level"] == "report" and {e["id"] for e in reports["events"]} == {"crafted:a1:1", "crafted:a2:1"}


def test_pages_equal_the_cli_canonical_events_in_order(env):
    """Small pages, followed to the end, give exactly what `sigact events` lists: same ids, order and fields."""
    client, store, events, mapping = env
    expected = [e.to_dict() for e in canonical_events(store, limit=10_000, factuality=None)]
    rows, pages = _all(client, factuality="all", limit=7)
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert rows == expected
    assert len(rows) == len(events) - len(mapping) and pages >= len(rows) // 7
    total = client.get("/events", params={"factuality": "all", "total": "true", "limit": 1}).json()["total"]
    assert total == len(rows)
    reports, _ = _all(client, factuality="all", limit=50, level="report")
    assert len(reports) == len(events)
    assert client.get("/events", params={"factuality": "all", "total": "true", "level": "report"}).json()["total"] \
        == len(events)


@pytest.mark.parametrize("params", [{"event_type": "Battles"}, {"country": "NGA,IRQ"}, {"min_sources": 2},
                                    {"since": "2024-03-01"}, {"factuality": "all", "q": "a"}])
def test_filtered_pages_equal_the_cli(env, params):
    client, store, _, _ = env
    kw = dict(params)
    fact = kw.pop("factuality", "asserted")
    filters = {k: (v.split(",") if k == "country" else v) for k, v in kw.items()}
    expected = [e.id for e in canonical_events(store, limit=10_000, factuality=None if fact == "all" else fact,
                                               **filters)]
    rows, _ = _all(client, limit=5, **params)
    assert [r["id"] for r in rows] == expected


def test_an_event_is_listed_at_its_newest_matching_report(env):
    """A cluster whose newest report does not match a filter is listed where its matching report is."""
    client, store, events, mapping = env
    by_id = {e.id: e for e in events}
    head = next(cid for cid in set(mapping.values()) if not cid.startswith("crafted:"))
    members = sorted((e for e in events if mapping.get(e.id, e.id) == head),
                     key=lambda e: (e.date.start, e.id), reverse=True)
    oldest = members[-1]
    rows, _ = _all(client, factuality="all", limit=3, event_type=oldest.acled_event_type,
                   country=oldest.location.country)
    assert [r["id"] for r in rows].count(head) == 1
    merged = next(r for r in rows if r["id"] == head)
    assert merged["source_count"] == len({m.article_id for m in members}) and by_id[head]


def test_detail_of_a_canonical_event(env):
    client, store, _, _ = env
    d = client.get("/events/crafted:a1:1").json()
    assert d["cluster_id"] == "crafted:a1:1" and d["canonical"]["id"] == "crafted:a1:1"
    assert d["canonical"]["source_count"] == 2 and {a["event_id"] for a in d["articles"]} >= {"crafted:a1:1",
                                                                                           "crafted:a2:1"}
    # the founding report deleted: the canonical id still opens, showing the remaining report
    assert client.delete("/events/crafted:a1:1", headers=AUTH).status_code == 204
    listed = client.get("/events", params={"country": "IRQ", "until": "2023-12-31"}).json()["events"]
    assert [e["id"] for e in listed] == ["crafted:a1:1"]
    d = client.get("/events/crafted:a1:1").json()
    assert d["event"]["id"] == "crafted:a2:1" and d["canonical"]["id"] == "crafted:a1:1"
    assert client.get("/events/no-such-cluster").status_code == 404


def test_bad_level_is_422(env):
    client = env[0]
    r = client.get("/events", params={"level": "cluster"})
    assert r.status_code == 422 and "error" in r.json()


def test_timeline_counts_each_real_world_event_once(env):
    client, _, events, mapping = env
    june = {"since": "2023-06-01", "until": "2023-06-30", "country": "IRQ", "interval": "month"}
    [p] = client.get("/stats/timeline", params=june).json()["periods"]
    assert (p["count"], p["fatalities"]) == (1, 4)  # two reports of one clash with four dead
    [p] = client.get("/stats/timeline", params=dict(june, level="report")).json()["periods"]
    assert (p["count"], p["fatalities"]) == (2, 8)
    allp = client.get("/stats/timeline", params={"interval": "year", "factuality": "all"}).json()["periods"]
    total = client.get("/events", params={"factuality": "all", "total": "true", "limit": 1}).json()["total"]
    assert sum(x["count"] for x in allp) == total == len(events) - len(mapping)  # every seeded event is dated
    assert client.get("/stats/timeline", params={"level": "cluster"}).status_code == 422


def test_paging_a_heavily_clustered_store(sqlite_url):
    """Clusters of ten reports with the reports of one event spread over time: small pages still list each once."""
    store = Store.open(sqlite_url)
    events = seed(store, n=60)
    syn = sorted((e for e in events if not e.id.startswith("crafted:")), key=lambda e: e.id)
    store.assign_clusters({e.id: syn[i - i % 10].id for i, e in enumerate(syn) if i % 10})
    try:
        with TestClient(create_app(store=store)) as client:
            expected = [e.to_dict() for e in canonical_events(store, limit=10_000, factuality=None)]
            for limit in (1, 3, 4):
                rows, pages = _all(client, factuality="all", limit=limit)
                assert rows == expected and pages <= len(expected) // limit + 2
            assert len(expected) == 6 + 3  # six clusters of ten and the three crafted reports
    finally:
        store.close()


def test_export_of_canonical_events_has_the_listed_rows(env):
    import json

    client = env[0]
    params = {"country": "IRQ", "until": "2023-12-31"}
    listed = client.get("/events", params=params).json()["events"]
    r = client.get("/export", params=dict(params, format="jsonl", level="canonical"))
    assert r.status_code == 200
    assert [json.loads(x) for x in r.text.splitlines()] == listed and len(listed) == 1
    reports = client.get("/export", params=dict(params, format="jsonl")).text.splitlines()
    assert sorted(json.loads(x)["id"] for x in reports) == ["crafted:a1:1", "crafted:a2:1"]


def test_actors_and_places_count_each_real_world_event_once(env):
    """/places counts a clash reported by two outlets once, with its toll once (level=report: per report);
    /actors counts the clash once for the group one report names."""
    client, *_ = env
    window = {"country": "IRQ", "since": "2023-06-01", "until": "2023-06-30"}
    actors = {a["name"]: a for a in client.get("/actors", params=window).json()["actors"]}
    assert actors["Kataib Hezbollah"]["events"] == 1 and actors["Kataib Hezbollah"]["fatalities"] == 4
    places = client.get("/places", params=window).json()["places"]
    assert sum(p["events"] for p in places) == 1 and sum(p["fatalities"] for p in places) == 4
    by_report = client.get("/places", params={**window, "level": "report"}).json()["places"]
    assert sum(p["events"] for p in by_report) == 2 and sum(p["fatalities"] for p in by_report) == 8
    assert client.get("/places", params={**window, "level": "bogus"}).status_code == 422


def test_canonical_timeline_takes_the_highest_toll_of_the_reports(db_url):
    """Reports of one event that disagree on the toll: the timeline counts the event once, with the highest
    toll (as /actors and /places do), not the toll of whichever report happens to be newest."""
    import dataclasses

    from sigact.model import Article

    store = Store.open(db_url)
    try:
        (a1, [e1]), (a2, [e2]), _ = crafted()
        a4 = Article.create("A later wire put the death toll of the quarry clash at nine.", id="crafted:a4",
                            outlet="Third Wire", published="2023-06-18", language="en")
        # the highest toll sits on the oldest-dated report, not on the head the event is listed at
        e4 = dataclasses.replace(e2, id="crafted:a4:1", article_id="crafted:a4", fatalities=9, evidence=(),
                                 links=(), date=dataclasses.replace(e2.date, start="2023-06-14", end="2023-06-14"))
        e2low = dataclasses.replace(e2, fatalities=2)
        store.add_batch([(a1, [e1]), (a2, [e2low]), (a4, [e4])])
        store.assign_clusters({"crafted:a2:1": "crafted:a1:1", "crafted:a4:1": "crafted:a1:1"})
        [row] = store.timeline("month", canonical=True, country=["IRQ"])
        assert (row["count"], row["fatalities"]) == (1, 9)
        assert sum(r["fatalities"] for r in store.timeline("month", country=["IRQ"])) == 4 + 2 + 9
        with TestClient(create_app(store=store, api_key=API_KEY)) as client:
            [p] = client.get("/stats/timeline", params={"interval": "month", "country": "IRQ"}).json()["periods"]
            assert (p["count"], p["fatalities"]) == (1, 9)
    finally:
        store.close()
