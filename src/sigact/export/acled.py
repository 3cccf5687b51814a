"""ACLED-compatible rows from sigact events (column set and codes of ACLED's codebook).

The mapping tables (inter codes, precisions, disorder types, regions, country
names) live in ``data/acled.yaml``.  Conventions where ACLED and sigact differ:

* ``event_id_cnty`` is the sigact event id (stable, unique).
* ``fatalities`` is ``0`` when no toll was reported (ACLED's convention); the
  tag ``fatalities=not reported`` then says that it is unknown, not zero.
* ``tags`` carries what ACLED has no column for: factuality, injuries,
  abducted, arrested, confidence.
"""

from __future__ import annotations

import functools
import time
from importlib import resources
from typing import Any

from sigact.model import Actor, Event
from sigact.resources import load_yaml

__all__ = ["ACLED_COLUMNS", "acled_row", "inter_code", "interaction_code", "country_info"]


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    """The parsed ``data/acled.yaml`` (read once per process)."""
    text = resources.files("sigact.export").joinpath("data/acled.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    data["region_of"] = {iso: region for region, isos in data["regions"].items() for iso in isos}
    return data


ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def inter_code(actor: Actor | None) -> int | None:
    """ACLED ``inter`` code (1-8) of an actor from its type; ``None`` without an actor or type."""
    if actor is None or not actor.type:
        return None
    t = _tables()
    code = t["inter"].get(actor.type)
    if code == 3:
        name = " ".join(filter(None, (actor.name, actor.acled_name, actor.text))).lower()
        if any(w in name for w in t["identity_militia_words"]):
            return 4
    return code


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED ``interaction``: the two inter codes, lower first (``12``); ``10*inter1`` for one actor."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def country_info(iso3: str | None) -> tuple[str | None, int | None, str | None]:
    """``(ACLED country name, ISO 3166 numeric, ACLED region)`` of an ISO3 code (Nones when unknown)."""
    if not iso3:
        return None, None, None
    import pycountry

    t = _tables()
    iso3 = iso3.upper()
    extra = t["extra_countries"].get(iso3)
    if extra:
        return extra["name"], int(extra["numeric"]), t["region_of"].get(iso3)
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return None, None, t["region_of"].get(iso3)
    name = t["country_names"].get(iso3) or getattr(c, "common_name", None) or c.name
    return name, int(c.numeric), t["region_of"].get(iso3)


def _actor_name(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.acled_name or actor.name or actor.text or ""


def _notes(event: Event) -> str:
    for field in ("event", "trigger"):
        ev = event.evidence_for(field)
        if ev:
            return ev[0].text
    return ""


def acled_row(event: Event, *, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED-compatible row (a dict keyed by ``ACLED_COLUMNS``) for an event.

    Unknown values are empty strings, except ``fatalities`` (see module doc).
    """
    t = _tables()
    d = event.date
    place = event.location
    iso3 = (place.country if place else None) or (event.actor1.country if event.actor1 else None)
    country, numeric, region = country_info(iso3)
    inter1 = inter_code(event.actor1)
    inter2 = inter_code(event.actor2)
    disorder = t["disorder_type_sub"].get(event.acled_sub_event_type or "") or t["disorder_type"].get(
        event.acled_event_type or "", "")
    civ = ""
    if (event.actor2 and event.actor2.type == "civilians") or event.acled_event_type == "Violence against civilians":
        civ = "Civilian targeting"
    outlets = sorted({s.outlet for s in event.sources if s.outlet})
    tags = [f"factuality={event.factuality}"]
    if event.fatalities is None:
        tags.append("fatalities=not reported")
    for name in ("injuries", "abducted", "arrested"):
        value = getattr(event, name)
        if value is not None:
            tags.append(f"{name}={value}")
    tags.append(f"confidence={event.confidence:.2f}")
    row: dict[str, Any] = {
        "event_id_cnty": event.id,
        "event_date": (d.start or "")[:10] if d else "",
        "year": int(d.start[:4]) if d and d.start and d.start[:4].isdigit() else "",
        "time_precision": t["time_precision"].get(d.precision, "") if d and d.precision else "",
        "disorder_type": disorder,
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": _actor_name(event.actor1),
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": _actor_name(event.actor2),
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction_code(inter1, inter2) or "",
        "civilian_targeting": civ,
        "iso": numeric if numeric is not None else "",
        "region": region or "",
        "country": country or "",
        "admin1": (place.admin1 if place else None) or "",
        "admin2": (place.admin2 if place else None) or "",
        "admin3": "",
        "location": (place.name or place.text or "") if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": t["geo_precision"].get(place.precision, "") if place and place.precision else "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": _notes(event),
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }
    return row
