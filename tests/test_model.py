"""The shared data model: JSON round trips, identity, defaults."""

import json

import pytest

from sigact.model import (
    FACTUALITY,
    Actor,
    Article,
    DateSpan,
    Event,
    Evidence,
    Link,
    Place,
    Source,
    article_id_for,
)


def _full_event() -> Event:
    return Event(
        id="a:1",
        article_id="a",
        factuality="asserted",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        plover_type="ASSAULT",
        plover_mode="aerial",
        cameo_root="19",
        ucdp_type=1,
        actor1=Actor("US forces", "US military forces", "Military Forces of the United States (2021-)", "USA", "military"),
        actor2=Actor("Kataib Hezbollah", "Kataib Hezbollah", "Kataib Hezbollah", "IRQ", "militia"),
        location=Place("Iraq", "Iraq", None, None, "IRQ", 33.0, 44.0, "country", None),
        date=DateSpan("2024-01-23", "2024-01-24", "range", "on Tuesday night"),
        fatalities=None,
        injuries=4,
        abducted=0,
        arrested=None,
        trigger="strikes",
        evidence=(Evidence("event", 0, 10, "The US str"), Evidence("actor1", 4, 6, "US")),
        confidence=0.8,
        links=(Link("in_response_to", "a:2", Evidence("event", 20, 30, "in respons")),),
        sources=(Source("a", "http://x", "x", "2024-01-24"), Source("b", None, None, None)),
        version="sigact-0.1",
    )


def test_model_event_round_trip_is_lossless():
    ev = _full_event()
    d = json.loads(json.dumps(ev.to_dict()))
    assert Event.from_dict(d) == ev
    assert d["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    assert d["plover"] == {"type": "ASSAULT", "mode": "aerial"}
    assert d["source_count"] == 2
    assert d["evidence"][1] == {"field": "actor1", "start": 4, "end": 6, "text": "US"}


def test_model_event_defaults_are_null_not_guesses():
    ev = Event(id="x", article_id=None)
    d = ev.to_dict()
    for key in ("cameo_root", "ucdp_type", "actor1", "actor2", "location", "date", "fatalities", "injuries"):
        assert d[key] is None
    assert d["factuality"] in FACTUALITY
    assert Event.from_dict(d) == ev


def test_model_article_identity_url_then_text_hash():
    a = Article.create("Some  text.\nMore", url="https://example.org/a")
    b = Article.create("some text. more", url="https://example.org/a")
    assert a.id == b.id == article_id_for(url="https://example.org/a")
    assert a.sha256 == b.sha256  # same normalised text
    c = Article.create("Some text. More")
    d = Article.create("some   TEXT.   more")
    assert c.id == d.id and c.id.startswith("sha:")
    assert Article.create("other").id != c.id
    assert Article.from_dict(a.to_dict()) == a


def test_model_article_id_needs_input():
    with pytest.raises(ValueError):
        article_id_for()


def test_model_event_evidence_for():
    ev = _full_event()
    assert [e.text for e in ev.evidence_for("actor1")] == ["US"]
    assert ev.is_incident
