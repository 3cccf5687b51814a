"""PLOVER JSON records from sigact events (and back).

Each record has the PLOVER fields ``id, date, actor, actor_country, recipient,
recipient_country, event, mode, context, event_loc, event_text, size, link,
cite_info``, plus a ``sigact`` extension holding the full sigact event
(``Event.to_dict()``), so that importing a PLOVER export loses nothing.  A
PLOVER record from elsewhere (no ``sigact`` key) is read from the PLOVER fields.
"""

from __future__ import annotations

from typing import Any, Mapping

from sigact.model import Actor, DateSpan, Event, Place, Source, article_id_for

__all__ = ["plover_record", "event_from_plover"]


def _actor_label(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.name or actor.acled_name or actor.text


def plover_record(event: Event, *, extension: bool = True) -> dict[str, Any]:
    """The PLOVER JSON object of an event (with the lossless ``sigact`` extension unless ``extension=False``)."""
    place = event.location
    ev_text = event.evidence_for("event") or event.evidence_for("trigger")
    context = [c for c in (event.acled_event_type, event.acled_sub_event_type) if c]
    if not event.is_incident:
        context.append(event.factuality)
    first = event.sources[0] if event.sources else None
    cite = None
    if first is not None:
        cite = ", ".join(x for x in (first.outlet, first.published) if x) or None
    rec: dict[str, Any] = {
        "id": event.id,
        "date": event.date.start if event.date else None,
        "actor": _actor_label(event.actor1),
        "actor_country": event.actor1.country if event.actor1 else None,
        "recipient": _actor_label(event.actor2),
        "recipient_country": event.actor2.country if event.actor2 else None,
        "event": event.plover_type,
        "mode": event.plover_mode,
        "context": context,
        "event_loc": None if place is None else {
            "name": place.name or place.text, "admin1": place.admin1, "admin2": place.admin2,
            "country": place.country, "lat": place.lat, "lon": place.lon, "precision": place.precision,
        },
        "event_text": ev_text[0].text if ev_text else None,
        "size": {"dead": event.fatalities, "injured": event.injuries, "arrested": event.arrested},
        "link": first.url if first else None,
        "cite_info": cite,
    }
    if extension:
        rec["sigact"] = event.to_dict()
    return rec


def event_from_plover(rec: Mapping[str, Any]) -> Event:
    """The event of a PLOVER record: exact from the ``sigact`` extension, else rebuilt from PLOVER fields.

    Raises ``KeyError`` when the record has no ``id``.
    """
    ext = rec.get("sigact")
    if isinstance(ext, Mapping):
        return Event.from_dict(ext)
    loc = rec.get("event_loc") or None
    size = rec.get("size") or {}
    place = None
    if isinstance(loc, Mapping):
        place = Place(text=loc.get("name"), name=loc.get("name"), admin1=loc.get("admin1"),
                      admin2=loc.get("admin2"), country=loc.get("country"), lat=loc.get("lat"),
                      lon=loc.get("lon"), precision=loc.get("precision"))
    actor = Actor(name=rec["actor"], country=rec.get("actor_country")) if rec.get("actor") else None
    recipient = Actor(name=rec["recipient"], country=rec.get("recipient_country")) if rec.get("recipient") else None
    date = DateSpan(start=rec["date"], end=rec["date"]) if rec.get("date") else None
    sources: tuple[Source, ...] = ()
    if rec.get("link"):
        sources = (Source(article_id=article_id_for(url=str(rec["link"])), url=rec["link"]),)
    return Event(id=str(rec["id"]), article_id=None, plover_type=rec.get("event"), plover_mode=rec.get("mode"),
                 actor1=actor, actor2=recipient, location=place, date=date, fatalities=size.get("dead"),
                 injuries=size.get("injured"), arrested=size.get("arrested"), sources=sources)
