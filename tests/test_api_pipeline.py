"""POST /articles through the real default pipeline (spaCy and every stage): stored, extracted, evidence consistent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sigact.api import create_app
from sigact.errors import ConfigError
from sigact.store import Store

KEY = "k-real-pipeline"
TEXT = ("Gunmen attacked a village near Gao in northern Mali on Monday, killing three civilians, "
        "local officials said. The army said it had sent reinforcements.")


@pytest.mark.slow
def test_post_article_with_the_default_pipeline(sqlite_url):
    try:
        from sigact.pipeline import get_pipeline

        pipeline = get_pipeline()
    except ConfigError as exc:  # the spaCy model is not installed
        pytest.skip(f"default pipeline unavailable: {exc}")
    store = Store.open(sqlite_url)
    with TestClient(create_app(store=store, api_key=KEY, pipeline=pipeline)) as client:
        r = client.post("/articles", json={"text": TEXT, "id": "real:1", "published": "2025-03-04",
                                           "outlet": "Test Desk"}, headers={"X-API-Key": KEY})
        assert r.status_code == 201, r.text
        art = r.json()["articles"][0]
        assert art["status"] == "stored" and art["events"], art
        stored = store.get_article("real:1")
        assert stored is not None and stored.text == TEXT
        d = client.get(f"/events/{art['events'][0]}").json()
        assert d["event"]["article_id"] == "real:1" and d["articles"][0]["article"]["outlet"] == "Test Desk"
        snippets = d["articles"][0]["snippets"]
        assert snippets, "the event's evidence should be shown in its sentence"
        for sn in snippets:  # offsets returned by the API point at the text they claim
            assert TEXT[sn["start"]:sn["end"]] == sn["text"]
            for h in sn["highlights"]:
                assert sn["text"][h["start"]:h["end"]] == h["text"]
        listed = client.get("/events", params={"factuality": "all"}).json()["events"]
        assert {e["id"] for e in listed} == set(art["events"])
    store.close()
