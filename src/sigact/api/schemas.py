"""Pydantic models describing the API's JSON (OpenAPI documentation; the routes return plain JSON).

They mirror ``sigact.model`` ``to_dict()`` output (``docs/schema.md``); the schemathesis
test checks that real responses conform to them.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field

__all__ = ["EventOut", "EventsPage", "EventDetail", "Timeline", "ActorsOut", "PlacesOut", "Health", "PostResult",
           "ErrorOut"]


class EvidenceOut(BaseModel):
    field: str
    start: int
    end: int
    text: str


class ActorOut(BaseModel):
    text: Optional[str] = None
    name: Optional[str] = None
    acled_name: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO3")
    type: Optional[str] = None


class PlaceOut(BaseModel):
    text: Optional[str] = None
    name: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO3")
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None
    geonameid: Optional[int] = None


class DateOut(BaseModel):
    start: Optional[str] = None
    end: Optional[str] = None
    precision: Optional[str] = None
    text: Optional[str] = None


class SourceOut(BaseModel):
    article_id: str
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class LinkOut(BaseModel):
    relation: str
    target: str
    evidence: Optional[EvidenceOut] = None


class AcledOut(BaseModel):
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None


class PloverOut(BaseModel):
    type: Optional[str] = None
    mode: Optional[str] = None


class EventOut(BaseModel):
    """One coded event (``docs/schema.md``)."""

    id: str
    article_id: Optional[str] = None
    factuality: str
    acled: AcledOut
    plover: PloverOut
    cameo_root: Optional[str] = None
    ucdp_type: Optional[int] = None
    actor1: Optional[ActorOut] = None
    actor2: Optional[ActorOut] = None
    location: Optional[PlaceOut] = None
    date: Optional[DateOut] = None
    fatalities: Optional[int] = None
    injuries: Optional[int] = None
    abducted: Optional[int] = None
    arrested: Optional[int] = None
    trigger: Optional[str] = None
    evidence: list[EvidenceOut]
    confidence: float
    links: list[LinkOut]
    sources: list[SourceOut]
    source_count: int
    version: Optional[str] = None
    schema_version: str


class EventsPage(BaseModel):
    events: list[EventOut] = Field(description="canonical events (id = cluster id, sources = every report's "
                                               "articles) or, with level=report, event reports")
    count: int
    level: str = Field(description="canonical or report")
    next: Optional[str] = Field(None, description="cursor of the next page; null on the last page")
    total: Optional[int] = Field(None, description="all matching events (with total=true): canonical events or reports")


class Highlight(BaseModel):
    field: str
    start: int = Field(description="offset in the snippet")
    end: int
    text: str


class Snippet(BaseModel):
    start: int = Field(description="offset of the snippet in the article text")
    end: int
    text: str
    highlights: list[Highlight]


class ArticleMeta(BaseModel):
    id: Optional[str] = None
    stored: bool
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None


class ReportOut(BaseModel):
    event_id: Optional[str] = Field(None, description="the report (event row) these snippets belong to")
    article: ArticleMeta
    snippets: list[Snippet]


class LinkedBrief(BaseModel):
    id: str
    event_type: Optional[str] = None
    plover_type: Optional[str] = None
    date: Optional[str] = None
    place: Optional[str] = None


class LinkDetail(LinkOut):
    event: Optional[LinkedBrief] = None


class EventDetail(BaseModel):
    event: EventOut = Field(description="the report asked for (for a canonical id: the report of that id)")
    canonical: Optional[EventOut] = Field(None, description="the canonical event merged from every report of it")
    cluster_id: Optional[str] = None
    articles: list[ReportOut]
    links: list[LinkDetail]


class TypeCount(BaseModel):
    count: int
    fatalities: int


class Period(BaseModel):
    period: str
    count: int
    fatalities: int
    by_type: dict[str, TypeCount]


class Timeline(BaseModel):
    interval: str
    types: list[str]
    periods: list[Period]


class ActorStat(BaseModel):
    name: Optional[str] = None
    acled_name: Optional[str] = None
    type: Optional[str] = None
    country: Optional[str] = None
    events: int
    fatalities: int


class ActorsOut(BaseModel):
    actors: list[ActorStat]


class PlaceStat(BaseModel):
    name: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None
    events: int
    fatalities: int


class PlacesOut(BaseModel):
    places: list[PlaceStat]


class Health(BaseModel):
    status: str
    version: str
    database: Optional[str] = None
    counts: dict[str, int]


class ArticleResult(BaseModel):
    id: str
    status: str = Field(description="stored, duplicate, revised or failed")
    events: list[str]
    error: Optional[str] = None
    code: Optional[str] = Field(None, description="SIG-Exxx code of a failure (SIG-E200: a stage crashed)")
    stage: Optional[str] = Field(None, description="the pipeline stage that failed, when known")


class PostResult(BaseModel):
    articles: list[ArticleResult]
    stored: int
    duplicates: int
    revised: int
    failed: int
    events: int


class ErrorOut(BaseModel):
    error: str
    detail: Any = None
    code: Optional[str] = None


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for error statuses (JSON ``ErrorOut`` bodies)."""
    text = {401: "no or wrong API key", 404: "unknown id", 413: "body too large", 422: "invalid request",
            503: "database unavailable"}
    return {c: {"model": ErrorOut, "description": text.get(c, "error")} for c in codes}
