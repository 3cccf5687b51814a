"""Synthetic articles and events for tests, demos and the load benchmark.

The sentences are written from templates here (no real news text); every
event carries evidence offsets into its article's text, like pipeline output.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from sigact.model import Actor, Article, DateSpan, Event, Evidence, Place, Source

__all__ = ["synthetic_batch", "iter_synthetic"]

# (name, admin1, ISO3, lat, lon)
_PLACES = (
    ("Maiduguri", "Borno", "NGA", 11.85, 13.16),
    ("Gao", "Gao", "MLI", 16.27, -0.04),
    ("Goma", "Nord-Kivu", "COD", -1.68, 29.23),
    ("Mosul", "Ninawa", "IRQ", 36.34, 43.13),
    ("Kharkiv", "Kharkivska", "UKR", 49.99, 36.23),
    ("Aleppo", "Aleppo", "SYR", 36.20, 37.16),
    ("Mogadishu", "Banadir", "SOM", 2.04, 45.34),
    ("Santiago", "Region Metropolitana", "CHL", -33.45, -70.67),
)
# (acled type, sub type, plover, mode, actor1 (name, acled, type), actor2, verb)
_KINDS = (
    ("Battles", "Armed clash", "ASSAULT", "firearms", ("soldiers", "Military Forces of {c}", "military"),
     ("rebels", "Rebel group", "rebel"), "clashed with"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "aerial", ("the air force", "Military Forces of {c}",
     "military"), ("militants", "Unidentified Armed Group ({c})", "unidentified armed group"), "bombed"),
    ("Violence against civilians", "Attack", "ASSAULT", "firearms", ("gunmen", "Unidentified Armed Group ({c})",
     "unidentified armed group"), ("villagers", "Civilians ({c})", "civilians"), "attacked"),
    ("Protests", "Peaceful protest", "PROTEST", "demo", ("protesters", "Protesters ({c})", "protesters"),
     None, "marched against"),
    ("Riots", "Violent demonstration", "PROTEST", "riot", ("rioters", "Rioters ({c})", "rioters"),
     ("police officers", "Police Forces of {c}", "police"), "fought"),
)
_OUTLETS = ("Daily Ledger", "Evening Courier", "Wire Service", "Morning Post")
_FACT = ("asserted",) * 8 + ("threat", "denied")


def _one(i: int, rng: random.Random, start: date) -> tuple[Article, list[Event]]:
    name, admin1, iso, lat, lon = _PLACES[rng.randrange(len(_PLACES))]
    kind = _KINDS[rng.randrange(len(_KINDS))]
    etype, sub, plover, mode, a1, a2, verb = kind
    day = start + timedelta(days=rng.randrange(365))
    dead = rng.choice((None, 0, 1, 2, 3, 5, 8, 13, 40))
    if etype in ("Protests", "Strategic developments"):
        dead = None
    a1_text = a1[0]
    parts = [f"On {day.strftime('%A')}, ", a1_text, f" {verb} ", a2[0] if a2 else "the government",
             f" near {name}, ", "officials said"]
    sentence = "".join(parts)
    toll = f"{dead} people were killed" if dead else None
    text = f"Report {i}. {sentence}." + (f" {toll.capitalize()}." if toll else "") + " Residents fled the area."
    aid = f"syn:{i:07d}"
    published = (day + timedelta(days=1)).isoformat()
    outlet = _OUTLETS[i % len(_OUTLETS)]
    article = Article.create(text, id=aid, title=f"{etype} near {name}", url=f"https://example.org/news/{i}",
                             outlet=outlet, published=published, language="en")

    def span(field: str, needle: str, after: int = 0) -> Evidence:
        s = text.index(needle, after)
        return Evidence(field=field, start=s, end=s + len(needle), text=needle)

    ev = [span("event", sentence), span("trigger", verb.split()[0]), span("actor1", a1_text),
          span("location", name), span("date", f"On {day.strftime('%A')}")]
    if a2:
        ev.append(span("actor2", a2[0]))
    if toll:
        ev.append(span("fatalities", str(dead), text.index(toll.capitalize())))
    country_label = {"NGA": "Nigeria", "MLI": "Mali", "COD": "Democratic Republic of Congo", "IRQ": "Iraq",
                     "UKR": "Ukraine", "SYR": "Syria", "SOM": "Somalia", "CHL": "Chile"}[iso]
    event = Event(
        id=f"{aid}:1", article_id=aid, factuality=_FACT[rng.randrange(len(_FACT))], acled_event_type=etype,
        acled_sub_event_type=sub, plover_type=plover, plover_mode=mode,
        cameo_root="14" if plover == "PROTEST" else "19", ucdp_type=1 if etype == "Battles" else None,
        actor1=Actor(text=a1_text, name=a1[0].title(), acled_name=a1[1].format(c=country_label), country=iso,
                     type=a1[2]),
        actor2=Actor(text=a2[0], name=a2[0].title(), acled_name=a2[1].format(c=country_label), country=iso,
                     type=a2[2]) if a2 else None,
        location=Place(text=name, name=name, admin1=admin1, country=iso, lat=round(lat + rng.uniform(-.2, .2), 4),
                       lon=round(lon + rng.uniform(-.2, .2), 4), precision="town"),
        date=DateSpan(start=day.isoformat(), end=day.isoformat(), precision="day", text=f"On {day.strftime('%A')}"),
        fatalities=dead, injuries=rng.choice((None, 1, 4)), trigger=verb.split()[0], evidence=tuple(ev),
        confidence=round(rng.uniform(0.4, 0.95), 2),
        sources=(Source(article_id=aid, url=article.url, outlet=outlet, published=published),),
        version="synthetic",
    )
    return article, [event]


def iter_synthetic(n: int, *, seed: int = 0, start: str = "2024-01-01") -> Iterator[tuple[Article, list[Event]]]:
    """Yield ``n`` ``(article, [event])`` pairs, deterministic for a given seed."""
    rng = random.Random(seed)
    d0 = date.fromisoformat(start)
    for i in range(n):
        yield _one(i, rng, d0)


def synthetic_batch(n: int, *, seed: int = 0, start: str = "2024-01-01") -> list[tuple[Article, list[Event]]]:
    """A list of ``n`` synthetic ``(article, [event])`` pairs (see :func:`iter_synthetic`)."""
    return list(iter_synthetic(n, seed=seed, start=start))
