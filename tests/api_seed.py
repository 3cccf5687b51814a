"""Seed data for the API, export and dashboard tests: events built directly (no NLP)."""

from __future__ import annotations

from typing import Any

from sigact.api.synthetic import synthetic_batch
from sigact.model import Actor, Article, DateSpan, Event, Evidence, Link, Place, Source

API_KEY = "test-key-0123456789"
N_SYNTHETIC = 60

TEXT_A1 = ("Baghdad, June 16. Militia fighters clashed with US troops near the limestone quarry on Thursday, "
           "police said. Four people were killed in the fighting. Residents stayed indoors.")
TEXT_A2 = "In a second report, witnesses said the clash near the quarry went on for hours and killed four."
TEXT_A3 = "The Houthi spokesman warned that ships in the Red Sea would be targeted next week."


def _ev(text: str, field: str, needle: str, after: int = 0) -> Evidence:
    s = text.index(needle, after)
    return Evidence(field, s, s + len(needle), needle)


def crafted() -> list[tuple[Article, list[Event]]]:
    """Three hand-made articles: a two-source clash in Iraq (with a response link) and a threat in Yemen."""
    a1 = Article.create(TEXT_A1, id="crafted:a1", title="Clash near Baghdad quarry", url="https://example.org/a1",
                        outlet="Example Times", published="2023-06-16", language="en")
    a2 = Article.create(TEXT_A2, id="crafted:a2", title="Clash went on for hours", outlet="Second Wire",
                        published="2023-06-17", language="en")
    a3 = Article.create(TEXT_A3, id="crafted:a3", title="Houthi warning", outlet="Gulf Desk",
                        published="2023-06-20", language="en")
    s1 = Source("crafted:a1", url=a1.url, outlet=a1.outlet, published=a1.published)
    s2 = Source("crafted:a2", outlet=a2.outlet, published=a2.published)
    e1 = Event(
        id="crafted:a1:1", article_id="crafted:a1", acled_event_type="Battles", acled_sub_event_type="Armed clash",
        plover_type="ASSAULT", plover_mode="firearms", cameo_root="19", ucdp_type=1,
        actor1=Actor(text="Militia fighters", name="Kataib Hezbollah", acled_name="Kataib Hezbollah",
                     country="IRQ", type="militia"),
        actor2=Actor(text="US troops", name="US military forces",
                     acled_name="Military Forces of the United States (2021-)", country="USA", type="military"),
        location=Place(text="Baghdad", name="Baghdad", admin1="Baghdad", country="IRQ", lat=33.34, lon=44.40,
                       precision="town"),
        date=DateSpan("2023-06-15", "2023-06-15", "day", "on Thursday"),
        fatalities=4, trigger="clashed",
        evidence=(_ev(TEXT_A1, "event", "Militia fighters clashed with US troops near the limestone quarry on Thursday"),
                  _ev(TEXT_A1, "trigger", "clashed"), _ev(TEXT_A1, "actor1", "Militia fighters"),
                  _ev(TEXT_A1, "actor2", "US troops"), _ev(TEXT_A1, "location", "Baghdad"),
                  _ev(TEXT_A1, "date", "on Thursday"), _ev(TEXT_A1, "fatalities", "Four")),
        confidence=0.8, sources=(s1, s2), version="test",
    )
    e2 = Event(
        id="crafted:a2:1", article_id="crafted:a2", acled_event_type="Battles", acled_sub_event_type="Armed clash",
        plover_type="ASSAULT", location=e1.location, date=e1.date, fatalities=4, trigger="clash",
        evidence=(_ev(TEXT_A2, "event", "the clash near the quarry went on for hours"),
                  _ev(TEXT_A2, "fatalities", "killed four"), _ev(TEXT_A2, "trigger", "killed")),  # nested spans
        links=(Link("after", "crafted:a1:1"),), sources=(s2,), version="test",
    )
    e3 = Event(
        id="crafted:a3:1", article_id="crafted:a3", factuality="threat", plover_type="THREATEN", cameo_root="13",
        actor1=Actor(text="The Houthi spokesman", name="Houthis", country="YEM", type="rebel"),
        location=Place(text="Red Sea", name="Red Sea", country="YEM", lat=15.0, lon=41.5, precision="admin1"),
        date=DateSpan("2023-06-20", "2023-06-20", "reported", None), trigger="warned",
        evidence=(_ev(TEXT_A3, "event", "The Houthi spokesman warned that ships in the Red Sea would be targeted"),),
        sources=(Source("crafted:a3", outlet=a3.outlet, published=a3.published),), version="test",
    )
    return [(a1, [e1]), (a2, [e2]), (a3, [e3])]


def seed(store: Any, n: int = N_SYNTHETIC) -> list[Event]:
    """Fill a store with the crafted events and ``n`` synthetic ones; returns every stored event."""
    items = crafted() + synthetic_batch(n, seed=11)
    store.add_batch(items)
    return [e for _, evs in items for e in evs]


class FakePipeline:
    """A stand-in for the NLP pipeline: one event per article, evidence = the first sentence."""

    def __init__(self) -> None:
        self.calls = 0

    def process(self, article: Article) -> list[Event]:
        self.calls += 1
        if "FAIL-EXTRACTION" in article.text:
            from sigact.errors import ExtractionError

            raise ExtractionError("the fake pipeline was told to fail", input=article.id)
        first = article.text.split(".")[0]
        return [Event(id=f"{article.id}:1", article_id=article.id, acled_event_type="Riots",
                      acled_sub_event_type="Mob violence", plover_type="PROTEST",
                      location=Place(name="Gao", country="MLI", lat=16.27, lon=-0.04, precision="town"),
                      date=DateSpan("2025-03-01", "2025-03-01", "day", None),
                      evidence=(Evidence("event", 0, len(first), first),), version="fake")]
