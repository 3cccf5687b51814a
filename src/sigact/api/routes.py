"""The API routes: event queries, detail, statistics, exports (reads) and article/event writes."""

from __future__ import annotations

import json
from typing import Any, Iterator

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sigact import __version__
from sigact.api.app import AppState, state_of
from sigact.api.canonical import canonical_of, canonical_page
from sigact.api.evidence import evidence_snippets
from sigact.api.schemas import ActorsOut, EventDetail, EventsPage, Health, PlacesOut, PostResult, Timeline, errors
from sigact.export import FORMATS, iter_export
from sigact.model import FACTUALITY, Article, Event

__all__ = ["router", "write_router", "EventFilters", "ArticleIn", "MAX_BATCH"]

router = APIRouter(responses=errors(401, 422, 503))
write_router = APIRouter(responses=errors(401, 413, 422, 503))

MAX_BATCH = 1000
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_BBOX = r"^\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){3}$"


def _id_param() -> Any:
    """A fresh path parameter spec for an id (FastAPI parameter objects must not be shared)."""
    return Path(..., min_length=1, max_length=200, description="an id as returned by the API")


def _clean(value: str | None, name: str) -> str | None:
    if value is not None and ("\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value)):
        raise HTTPException(422, f"{name}: NUL bytes and lone surrogates are not allowed")
    return value


def _many(values: list[str] | None, name: str) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
    for v in out:
        _clean(v, name)
    return out or None


class EventFilters:
    """Query parameters shared by /events, /stats/timeline, /actors, /places and /export.

    List parameters take repeated values or comma-separated ones.
    """

    def __init__(
        self,
        since: str | None = Query(None, pattern=_DATE, description="events on or after this ISO date (YYYY[-MM[-DD]])"),
        until: str | None = Query(None, pattern=_DATE, description="events on or before this ISO date"),
        country: list[str] | None = Query(None, description="ISO 3166 alpha-3 country code(s), e.g. IRQ"),
        admin1: list[str] | None = Query(None, description="first-level administrative division(s)"),
        bbox: str | None = Query(None, pattern=_BBOX, description="min_lon,min_lat,max_lon,max_lat"),
        event_type: list[str] | None = Query(None, description="ACLED event type(s), e.g. Battles"),
        sub_event_type: list[str] | None = Query(None, description="ACLED sub-event type(s)"),
        plover_type: list[str] | None = Query(None, description="PLOVER event type(s), e.g. ASSAULT"),
        actor: str | None = Query(None, max_length=200, description="substring of either actor's name"),
        factuality: list[str] | None = Query(
            None, description="asserted (default), threat, denied, hypothetical, aggregate, historical, or 'all'"),
        min_sources: int | None = Query(None, ge=1, le=10_000, description="at least this many source articles"),
        q: str | None = Query(None, max_length=200, description="full-text search in evidence, trigger, actors, place"),
    ) -> None:
        from sigact.store.query import parse_date

        parse_date(since)  # raises InputError (-> 422) on an impossible date such as 0000 or 2024-02-30
        parse_date(until, end=True)
        facts = _many(factuality, "factuality")
        if facts and "all" in facts:
            fact_value: list[str] | None = None
        elif facts:
            bad = [f for f in facts if f not in FACTUALITY]
            if bad:
                raise HTTPException(422, f"factuality must be one of {', '.join(FACTUALITY)} or all; got {bad}")
            fact_value = facts
        else:
            fact_value = ["asserted"]
        box = None
        if bbox:
            box = [float(v) for v in bbox.split(",")]
            if not (-90 <= box[1] <= 90 and -90 <= box[3] <= 90 and -180 <= box[0] <= 180 and -180 <= box[2] <= 180):
                raise HTTPException(422, "bbox: longitudes must be within ±180 and latitudes within ±90")
        self.kwargs: dict[str, Any] = {
            "since": since, "until": until, "country": _many(country, "country"), "admin1": _many(admin1, "admin1"),
            "bbox": box, "event_type": _many(event_type, "event_type"),
            "sub_event_type": _many(sub_event_type, "sub_event_type"), "plover_type": _many(plover_type, "plover_type"),
            "actor": _clean(actor, "actor") or None, "factuality": fact_value, "min_sources": min_sources,
            "q": _clean(q, "q") or None,
        }

    def as_kwargs(self) -> dict[str, Any]:
        """The store filter keywords (``None`` values dropped, except ``factuality=None`` meaning all)."""
        return {k: v for k, v in self.kwargs.items() if v is not None or k == "factuality"}


# --------------------------------------------------------------------------------------- reads
@router.get("/health", tags=["meta"], summary="Liveness and row counts", response_model=Health)
def health(request: Request) -> dict[str, Any]:
    """``{"status": "ok", "version", "database", "counts"}``; 503 when the database is unreachable."""
    state = state_of(request)
    return {"status": "ok", "version": __version__, "database": getattr(state.store, "dialect", None),
            "counts": state.store.counts()}


@router.get("/events", tags=["events"],
            summary="Events matching filters (one per real-world event, or per report), newest first, one page",
            responses={200: {"model": EventsPage, "description": "one page of events"}})
def list_events(
    request: Request,
    filters: EventFilters = Depends(),
    cursor: str | None = Query(None, max_length=400, description="the `next` value of the previous page"),
    limit: int = Query(100, ge=1, le=1000),
    total: bool = Query(False, description="also count all matching events"),
    level: str = Query("canonical", pattern="^(canonical|report)$", description=(
        "canonical (default): one row per real-world event, merged from all the reports of it, with every "
        "source; report: one row per report (article x event)")),
) -> Response:
    """``{"events": [...], "count": n, "next": cursor or null, "total"?: n, "level"}``."""
    state = state_of(request)
    kw = filters.as_kwargs()
    cursor = _clean(cursor, "cursor")
    if level == "report":
        events, nxt = state.store.query_events(cursor=cursor, limit=limit, **kw)
    else:
        events, nxt = canonical_page(state.store, cursor=cursor, limit=limit, **kw)
    body: dict[str, Any] = {"events": [e.to_dict() for e in events], "count": len(events), "next": nxt,
                            "level": level}
    if total:
        body["total"] = state.store.count_events(canonical=level == "canonical", **kw)
    return _json(body)


def _json(body: dict[str, Any]) -> Response:
    """A JSON response encoded directly (the bodies are plain JSON types already: no re-validation)."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def _article_meta(article: Article | None, article_id: str | None) -> dict[str, Any]:
    if article is None:
        return {"id": article_id, "stored": False}
    return {"id": article.id, "stored": True, "title": article.title, "url": article.url, "outlet": article.outlet,
            "published": article.published, "language": article.language}


def _brief(e: Event) -> dict[str, Any]:
    return {"id": e.id, "event_type": e.acled_event_type, "plover_type": e.plover_type,
            "date": e.date.start if e.date else None, "place": (e.location.name or e.location.text) if e.location else None}


def event_detail(store: Any, event: Event) -> dict[str, Any]:
    """The detail view of an event: the event, its canonical event (merged from every report of the same
    real-world event), every report with its source sentences, and linked events."""
    reports = [event]
    cluster = store.event_cluster(event.id) if hasattr(store, "event_cluster") else None
    canonical = None
    if cluster:
        siblings, _ = store.query_events(cluster_id=cluster, factuality=None, limit=50)
        reports += [s for s in siblings if s.id != event.id]
        canonical = canonical_of(store, cluster)
    articles: list[dict[str, Any]] = []
    covered: set[str] = set()
    for rep in reports:
        art = store.get_article(rep.article_id) if rep.article_id else None
        covered.add(rep.article_id or "")
        articles.append({"event_id": rep.id, "article": _article_meta(art, rep.article_id),
                         "snippets": evidence_snippets(art, rep.evidence)})
    for src in event.sources:
        if src.article_id not in covered:
            covered.add(src.article_id)
            art = store.get_article(src.article_id)
            meta = _article_meta(art, src.article_id)
            meta.update({k: v for k, v in src.to_dict().items() if v is not None and k != "article_id"})
            articles.append({"event_id": None, "article": meta, "snippets": []})
    targets = [lk.target for lk in event.links]
    linked = {e.id: _brief(e) for e in store.get_events(targets)} if targets else {}
    links = [{**lk.to_dict(), "event": linked.get(lk.target)} for lk in event.links]
    return {"event": event.to_dict(), "canonical": canonical.to_dict() if canonical else None, "cluster_id": cluster,
            "articles": articles, "links": links}


@router.get("/events/{event_id}", tags=["events"], summary="One event with its sources and evidence sentences",
            responses={200: {"model": EventDetail, "description": "the event"}, **errors(404)})
def get_event(request: Request, event_id: str = _id_param()) -> Response:
    """``{"event", "canonical", "cluster_id", "articles": [{event_id, article, snippets}], "links"}``;
    ``event_id`` is a report id or a canonical event id (from ``GET /events``); 404 if unknown."""
    store = state_of(request).store
    event = store.get_event(_clean(event_id, "event_id"))
    if event is None:  # a canonical id whose founding report was deleted: show its newest report
        event = next(iter(store.query_events(cluster_id=event_id, factuality=None, limit=1)[0]), None)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return _json(event_detail(store, event))


@router.get("/stats/timeline", tags=["stats"], summary="Event counts and fatalities per period and event type",
            response_model=Timeline)
def timeline(request: Request, filters: EventFilters = Depends(),
             interval: str = Query("day", pattern=r"^(day|week|month|year)$"),
             level: str = Query("canonical", pattern="^(canonical|report)$", description=(
                 "canonical (default): each real-world event counts once, with the date and type of its "
                 "newest matching report and the highest toll its reports give; report: every report counts"))) -> dict[str, Any]:
    """``{"interval", "types": [...], "periods": [{period, count, fatalities, by_type: {type: {count, fatalities}}}]}``."""
    rows = state_of(request).store.timeline(interval, canonical=level == "canonical", **filters.as_kwargs())
    periods: dict[str, dict[str, Any]] = {}
    types: set[str] = set()
    for r in rows:
        p = periods.setdefault(r["period"], {"period": r["period"], "count": 0, "fatalities": 0, "by_type": {}})
        etype = r["event_type"] or "unknown"
        types.add(etype)
        p["count"] += r["count"]
        p["fatalities"] += r["fatalities"]
        slot = p["by_type"].setdefault(etype, {"count": 0, "fatalities": 0})
        slot["count"] += r["count"]
        slot["fatalities"] += r["fatalities"]
    return {"interval": interval, "types": sorted(types), "periods": _fill_gaps(periods, interval)}


_MAX_FILLED = 5000


def _fill_gaps(periods: dict[str, dict[str, Any]], interval: str) -> list[dict[str, Any]]:
    """The periods in order, with empty ones inserted between the first and last (so the x axis is time)."""
    import datetime as dt

    if len(periods) < 2:
        return list(periods.values())
    keys = sorted(periods)

    def step(key: str) -> str:
        if interval in ("day", "week"):
            d = dt.date.fromisoformat(key) + dt.timedelta(days=1 if interval == "day" else 7)
            return d.isoformat()
        if interval == "month":
            y, m = int(key[:4]), int(key[5:7])
            return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
        return f"{int(key) + 1:04d}"

    out, key = [], keys[0]
    while key <= keys[-1] and len(out) < _MAX_FILLED:
        out.append(periods.get(key) or {"period": key, "count": 0, "fatalities": 0, "by_type": {}})
        key = step(key)
    if len(out) >= _MAX_FILLED:  # too long to fill: only the periods that have events
        return [periods[k] for k in keys]
    return out


_LEVEL_COUNT = ("canonical (default): each real-world event counts once for each actor or place its matching "
                "reports name, with the highest toll those reports give; report: every report counts")


@router.get("/actors", tags=["stats"], summary="Actors by number of events", response_model=ActorsOut)
def actors(request: Request, filters: EventFilters = Depends(), limit: int = Query(100, ge=1, le=1000),
           level: str = Query("canonical", pattern="^(canonical|report)$", description=_LEVEL_COUNT)) -> dict[str, Any]:
    """``{"actors": [{name, acled_name, type, country, events, fatalities}]}``."""
    return {"actors": state_of(request).store.actors(limit=limit, canonical=level == "canonical",
                                                     **filters.as_kwargs())}


@router.get("/places", tags=["stats"], summary="Places by number of events", response_model=PlacesOut)
def places(request: Request, filters: EventFilters = Depends(), limit: int = Query(100, ge=1, le=1000),
           level: str = Query("canonical", pattern="^(canonical|report)$", description=_LEVEL_COUNT)) -> dict[str, Any]:
    """``{"places": [{name, admin1, country, lat, lon, precision, events, fatalities}]}``."""
    return {"places": state_of(request).store.places(limit=limit, canonical=level == "canonical",
                                                     **filters.as_kwargs())}


@router.get("/export", tags=["export"], summary="All matching events in an export format (streamed)",
            response_class=StreamingResponse,
            responses={200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS.values()},
                             "description": "the export file"}})
def export(request: Request, filters: EventFilters = Depends(),
           format: str = Query("jsonl", pattern="^(" + "|".join(FORMATS) + ")$",
                               description="one of " + ", ".join(FORMATS)),
           level: str = Query("report", pattern="^(canonical|report)$", description=(
               "report (default): every stored report, as `sigact export` writes and `sigact import` reads back; "
               "canonical: one row per real-world event, as `GET /events` lists them"))) -> StreamingResponse:
    """The matching events as a file download in ``format`` (same writers as ``sigact export``)."""
    store = state_of(request).store
    spec = FORMATS[format]
    kw = filters.as_kwargs()
    events = store.iter_events(**kw) if level == "report" else _all_canonical(store, **kw)
    chunks: Iterator[bytes] = iter_export(events, format)
    first = next(chunks, b"")  # run the query now: its errors become a JSON error, not a cut-off download

    def body() -> Iterator[bytes]:
        yield first
        yield from chunks

    return StreamingResponse(body(), media_type=spec.media_type,
                             headers={"Content-Disposition": f'attachment; filename="sigact-events{spec.suffix}"'})


def _all_canonical(store: Any, **filters: Any) -> Iterator[Event]:
    """Every canonical event matching ``filters``, newest first, page by page."""
    cursor: str | None = None
    while True:
        events, cursor = canonical_page(store, cursor=cursor, limit=1000, **filters)
        yield from events
        if cursor is None:
            return


# --------------------------------------------------------------------------------------- writes
class ArticleIn(BaseModel):
    """One article to ingest and extract."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, max_length=1_000_000)
    id: str | None = Field(None, min_length=1, max_length=80)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$", max_length=40)
    outlet: str | None = Field(None, max_length=200)
    language: str | None = Field(None, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})?$")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, v: Any) -> Any:
        if isinstance(v, str) and ("\x00" in v or any(0xD800 <= ord(c) <= 0xDFFF for c in v)):
            raise ValueError("NUL bytes and lone surrogates are not allowed")
        return v

    def to_article(self) -> Article:
        """The ``Article`` (id derived from url or text when not given)."""
        kw = self.model_dump(exclude_none=True)
        text = kw.pop("text")
        return Article.create(text, input="api", **kw)


_ARTICLE_SCHEMA = ArticleIn.model_json_schema()


def _parse_body(raw: bytes) -> list[Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"body is not UTF-8: {exc}") from None
    if not text.strip():
        raise HTTPException(422, "empty body: send one JSON article, a JSON list of articles, or JSON Lines")
    try:
        doc = json.loads(text)
        return doc if isinstance(doc, list) else [doc]
    except json.JSONDecodeError as first:
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                raise HTTPException(422, f"malformed JSON (line {n}): {first.msg}") from None
        return records


@write_router.post(
    "/articles", tags=["write"], status_code=201, summary="Ingest articles and extract their events (API key)",
    response_model=PostResult, response_model_exclude_none=True,
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [_ARTICLE_SCHEMA, {"type": "array", "items": _ARTICLE_SCHEMA,
                                                                       "maxItems": MAX_BATCH}]}},
        "application/x-ndjson": {"schema": {"type": "string", "description": "one ArticleIn JSON object per line"}},
    }}},
    responses={201: {"description": "stored (per-article status in `articles`)"}},
)
async def post_articles(request: Request) -> dict[str, Any]:
    """Store the articles and their extracted events; returns per-article status and event ids."""
    state = state_of(request)
    records = _parse_body(await request.body())
    if len(records) > MAX_BATCH:
        raise HTTPException(413, f"at most {MAX_BATCH} articles per request")
    try:
        articles = [ArticleIn.model_validate(r).to_article() for r in records]
    except ValidationError as exc:
        errs = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise HTTPException(422, errs) from None
    return await run_in_threadpool(_ingest, state, articles)


def _ingest(state: AppState, articles: list[Article]) -> dict[str, Any]:
    """Extract and store articles; one that fails extraction is reported (``status: failed``), not stored."""
    from sigact.errors import ExtractionError
    from sigact.pipeline import PIPELINE_VERSION

    statuses = state.store.article_statuses(articles) if hasattr(state.store, "article_statuses") else {}
    pipeline = state.get_pipeline()
    items: list[tuple[Article, list[Event]]] = []
    failed: dict[str, Any] = {}
    for a in articles:
        if statuses.get(a.id) == "same":
            items.append((a, []))
            continue
        try:
            items.append((a, pipeline.process(a)))
        except ExtractionError as exc:
            failed[a.id] = exc
    result = state.store.add_batch(items, pipeline_version=PIPELINE_VERSION)
    status_name = {"new": "stored", "same": "duplicate", "changed": "revised"}
    events = {a.id: [e.id for e in evs] for a, evs in items}
    report = []
    for a in articles:
        if a.id in failed:
            exc = failed[a.id]
            report.append({"id": a.id, "status": "failed", "events": [], "error": str(exc), "code": exc.code,
                           "stage": getattr(exc, "stage", None)})
        else:
            report.append({"id": a.id, "status": status_name.get(statuses.get(a.id, "new"), "stored"),
                           "events": events.get(a.id, [])})
    return {"articles": report, "stored": result.stored, "duplicates": result.duplicates, "revised": result.revised,
            "failed": len(failed), "events": result.events}


@write_router.delete("/articles/{article_id}", tags=["write"], status_code=204,
                     summary="Delete an article and its events (API key)",
                     responses=errors(404))
def delete_article(request: Request, article_id: str = _id_param()) -> Response:
    """204 when deleted; 404 when there was no such article."""
    if not state_of(request).store.delete_article(_clean(article_id, "article_id")):
        raise HTTPException(404, f"no article {article_id!r}")
    return Response(status_code=204)


@write_router.delete("/events/{event_id}", tags=["write"], status_code=204, summary="Delete one event (API key)",
                     responses=errors(404))
def delete_event(request: Request, event_id: str = _id_param()) -> Response:
    """204 when deleted; 404 when there was no such event."""
    if not state_of(request).store.delete_event(_clean(event_id, "event_id")):
        raise HTTPException(404, f"no event {event_id!r}")
    return Response(status_code=204)
