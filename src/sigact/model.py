"""The typed data model shared by every pipeline stage.

Records are frozen dataclasses.  Each has ``to_dict()`` returning plain JSON
types in the documented event schema (``docs/schema.md``) and a ``from_dict()``
class method, so ``X.from_dict(x.to_dict()) == x`` for every record.

Unknown values are ``None``: the pipeline never fills a field with a guess
dressed as fact.  Character offsets (``start``/``end``) always index into the
article's stored (cleaned) text, end exclusive.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Iterable, Mapping

__all__ = [
    "SCHEMA_VERSION",
    "FACTUALITY",
    "PRECISIONS",
    "PRECISION_RANK",
    "DATE_PRECISIONS",
    "ACTOR_TYPES",
    "STATE_ACTOR_TYPES",
    "ARMED_ACTOR_TYPES",
    "Evidence",
    "Actor",
    "Place",
    "DateSpan",
    "Source",
    "Link",
    "Article",
    "Event",
    "article_id_for",
    "normalise_text",
    "replace",
]

SCHEMA_VERSION = "1"

#: Factuality / scope flags.  Only ``asserted`` events are incidents.
FACTUALITY = ("asserted", "threat", "denied", "hypothetical", "aggregate", "historical")
#: Place precision, finest first.
PRECISIONS = ("site", "town", "admin2", "admin1", "country")
#: Rank of each place precision (0 = the finest, ``site``).
PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}
#: Date precision, finest first; ``reported`` = nothing in the text dates the event,
#: the publication date was used.
DATE_PRECISIONS = ("day", "week", "month", "year", "range", "reported")
#: Actor types.
ACTOR_TYPES = (
    "military",
    "police",
    "government",
    "rebel",
    "militia",
    "terrorist",
    "civilians",
    "protesters",
    "rioters",
    "unidentified armed group",
    "other",
)
#: Actor types of state forces (state-based violence when one side is one of them).
STATE_ACTOR_TYPES = frozenset({"military", "police", "government"})
#: Actor types of armed actors (state forces and non-state armed groups; not ``government``).
ARMED_ACTOR_TYPES = frozenset({"military", "police", "rebel", "militia", "terrorist", "unidentified armed group"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of article text that justifies one field of an event."""

    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Evidence":
        return cls(field=d["field"], start=int(d["start"]), end=int(d["end"]), text=d["text"])


@dataclass(frozen=True, slots=True)
class Actor:
    """One side of an event.

    ``text`` is the raw mention, ``name`` a normalised name ("Kataib Hezbollah"),
    ``acled_name`` the ACLED-style actor name ("Military Forces of Nigeria (2023-)",
    "Protesters (Chile)"), ``country`` an ISO3 code, ``type`` one of ``ACTOR_TYPES``.
    """

    text: str | None = None
    name: str | None = None
    acled_name: str | None = None
    country: str | None = None
    type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "acled_name": self.acled_name,
            "country": self.country,
            "type": self.type,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> "Actor | None":
        if d is None:
            return None
        return cls(**{f.name: d.get(f.name) for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location.  ``precision`` is one of ``PRECISIONS``."""

    text: str | None = None
    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonameid": self.geonameid,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> "Place | None":
        if d is None:
            return None
        return cls(**{f.name: d.get(f.name) for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When an event happened: ISO dates ``start``..``end`` (inclusive).

    ``precision`` is one of ``DATE_PRECISIONS``; ``text`` the phrase that dated it
    ("on Saturday"), ``None`` when the publication date was used.
    """

    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> "DateSpan | None":
        if d is None:
            return None
        return cls(**{f.name: d.get(f.name) for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class Source:
    """One report behind an event."""

    article_id: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "url": self.url, "outlet": self.outlet, "published": self.published}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Source":
        return cls(**{f.name: d.get(f.name) for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation from the event holding it to ``target`` (an event id).

    ``relation`` is e.g. ``in_response_to``, ``retaliation_for``, ``after``.
    """

    relation: str
    target: str
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "target": self.target,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Link":
        ev = d.get("evidence")
        return cls(relation=d["relation"], target=d["target"], evidence=Evidence.from_dict(ev) if ev else None)


def normalise_text(text: str) -> str:
    """Normalisation used for identity hashes: NFKC, collapsed whitespace, casefold."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def article_id_for(*, url: str | None = None, text: str | None = None) -> str:
    """An article's identity: its URL when known, else a hash of its normalised text."""
    if url:
        return "url:" + hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:24]
    if text is None:
        raise ValueError("article_id_for needs a url or a text")
    return "sha:" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned news article.

    ``id`` is stable (see ``article_id_for``); ``sha256`` hashes the normalised
    text, so a changed article at the same URL is a new revision.  ``published``
    is an ISO date (or datetime) string.  ``input``/``position`` say where it was
    read from (file path, WARC offset, JSONL line), for rejects and provenance.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    input: str | None = None
    position: str | None = None
    sha256: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, text: str, **kw: Any) -> "Article":
        """Build an article, deriving ``id`` and ``sha256`` when not given."""
        sha = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
        kw.setdefault("sha256", sha)
        if not kw.get("id"):
            kw["id"] = article_id_for(url=kw.get("url"), text=text)
        return cls(text=text, **kw)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["meta"] = dict(self.meta)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Article":
        kw = {f.name: d.get(f.name) for f in fields(cls) if f.name in d}
        kw["meta"] = dict(d.get("meta") or {})
        return cls(**kw)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (see ``docs/schema.md``)."""

    id: str
    article_id: str | None
    factuality: str = "asserted"
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None
    ucdp_type: int | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: DateSpan | None = None
    fatalities: int | None = None
    injuries: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    trigger: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.0
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    version: str | None = None

    @property
    def is_incident(self) -> bool:
        return self.factuality == "asserted"

    @property
    def source_count(self) -> int:
        return len({s.article_id for s in self.sources}) or (1 if self.article_id else 0)

    def evidence_for(self, field_name: str) -> list[Evidence]:
        return [e for e in self.evidence if e.field == field_name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "factuality": self.factuality,
            "acled": {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type},
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "cameo_root": self.cameo_root,
            "ucdp_type": self.ucdp_type,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "abducted": self.abducted,
            "arrested": self.arrested,
            "trigger": self.trigger,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": self.confidence,
            "links": [link.to_dict() for link in self.links],
            "sources": [s.to_dict() for s in self.sources],
            "source_count": self.source_count,
            "version": self.version,
            "schema_version": SCHEMA_VERSION,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Event":
        acled = d.get("acled") or {}
        plover = d.get("plover") or {}
        return cls(
            id=d["id"],
            article_id=d.get("article_id"),
            factuality=d.get("factuality") or "asserted",
            acled_event_type=acled.get("event_type"),
            acled_sub_event_type=acled.get("sub_event_type"),
            plover_type=plover.get("type"),
            plover_mode=plover.get("mode"),
            cameo_root=d.get("cameo_root"),
            ucdp_type=d.get("ucdp_type"),
            actor1=Actor.from_dict(d.get("actor1")),
            actor2=Actor.from_dict(d.get("actor2")),
            location=Place.from_dict(d.get("location")),
            date=DateSpan.from_dict(d.get("date")),
            fatalities=d.get("fatalities"),
            injuries=d.get("injuries"),
            abducted=d.get("abducted"),
            arrested=d.get("arrested"),
            trigger=d.get("trigger"),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence") or ()),
            confidence=float(d.get("confidence") or 0.0),
            links=tuple(Link.from_dict(x) for x in d.get("links") or ()),
            sources=tuple(Source.from_dict(s) for s in d.get("sources") or ()),
            version=d.get("version"),
        )


def events_to_jsonable(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in events]
