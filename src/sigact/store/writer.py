"""The write path of ``Store.add_batch``: decide per article, then bulk SQL in one transaction.

Decisions are made in Python first (new / duplicate / revised / extracted,
including repeats of one article inside the batch); then rows go out with a
handful of bulk statements (executemany), which is what makes ingest fast on
both SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sigact.errors import InputError
from sigact.model import Actor, Article, Event, Place, Source, normalise_text
from sigact.store.query import ASSERTED, parse_date
from sigact.store.schema import (
    ActorRow, ArticleRevisionRow, ArticleRow, EventRow, EvidenceRow, LinkRow, PlaceRow, SourceRow,
)

log = logging.getLogger(__name__)

__all__ = ["BatchResult", "write_batch", "article_sha", "chunks", "event_values", "refresh_clusters", "clustered_with"]

EPOCH = dt.date(1, 1, 1)
CHUNK = 500


@dataclass
class BatchResult:
    """What one ``add_batch`` did (article counts, and events written)."""

    stored: int = 0       # new articles
    duplicates: int = 0   # unchanged articles, skipped
    revised: int = 0      # changed articles: a new revision, events replaced
    extracted: int = 0    # stored earlier without extraction, events now added
    events: int = 0       # event rows written
    article_ids: list[str] = field(default_factory=list)  # ids written (new, revised, extracted)
    event_ids: list[str] = field(default_factory=list)    # ids of the event rows written


def article_sha(article: Article) -> str:
    """The text hash revisions are keyed on: ``article.sha256``, or computed from the normalised text."""
    return article.sha256 or hashlib.sha256(normalise_text(article.text).encode("utf-8")).hexdigest()


def chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Successive slices of ``seq`` of at most ``n`` items."""
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _key(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def actor_key(a: Actor | None) -> str | None:
    """The ``actors.id`` of an actor (``None`` when it has no name at all)."""
    if a is None or not (a.name or a.acled_name or a.text):
        return None
    return "a:" + _key(a.name or a.text, a.acled_name, a.type, a.country)


def place_key(p: Place | None) -> str | None:
    """The ``places.id`` of a place: its geonameid when known, else a hash of its fields."""
    if p is None or not (p.name or p.text or p.country or p.lat is not None):
        return None
    if p.geonameid:
        return f"g:{p.geonameid}"
    lat = round(p.lat, 4) if p.lat is not None else None
    lon = round(p.lon, 4) if p.lon is not None else None
    return "p:" + _key(p.name or p.text, p.admin1, p.admin2, p.country, lat, lon, p.precision)


def _safe_date(value: str | None, *, end: bool = False) -> dt.date | None:
    try:
        return parse_date(value, end=end)
    except InputError:
        return None


def storable(value: Any) -> Any:
    """``value`` with NUL characters replaced by U+FFFD (same length, so offsets hold).

    PostgreSQL accepts no NUL in text or JSON; SQLite would, but both backends
    store the same thing.  Walks dicts, lists and tuples.
    """
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    return value


def _json_safe(meta: Any) -> dict[str, Any]:
    """Article ``meta`` as plain JSON (dates and other objects become strings)."""
    return json.loads(json.dumps(dict(meta or {}), default=str, ensure_ascii=False))


def article_fields(a: Article) -> dict[str, Any]:
    """The article columns shared by ``articles`` and ``article_revisions``."""
    return storable(dict(url=a.url, title=a.title, outlet=a.outlet, published=a.published, language=a.language,
                         text=a.text, input=a.input, position=a.position, meta=_json_safe(a.meta)))


def event_values(ev: Event, art: dict[str, Any]) -> tuple[dict[str, Any], list[dict], list[dict], list[dict]]:
    """Row values of one event of article ``art`` (a dict with id, revision, url, outlet, published).

    Returns ``(event, evidence, sources, links)`` value dicts.  An event without
    sources gets its article as its one source.
    """
    sources = list(ev.sources) or [Source(article_id=art["id"], url=art.get("url"), outlet=art.get("outlet"),
                                          published=art.get("published"))]
    a1, a2 = ev.actor1 or Actor(), ev.actor2 or Actor()
    loc, date = ev.location or Place(), ev.date
    d0 = _safe_date(date.start) if date else None
    d1 = _safe_date(date.end, end=True) if date and date.end else d0
    data = ev.to_dict()
    data["sources"] = [s.to_dict() for s in sources]
    data["source_count"] = len({s.article_id for s in sources})
    row = dict(
        id=ev.id, article_id=art["id"], article_revision=art.get("revision"), cluster_id=ev.id,
        factuality=ev.factuality or ASSERTED,
        event_type=ev.acled_event_type, sub_event_type=ev.acled_sub_event_type,
        plover_type=ev.plover_type, plover_mode=ev.plover_mode, cameo_root=ev.cameo_root, ucdp_type=ev.ucdp_type,
        date_start=d0, date_end=d1, date_precision=date.precision if date else None,
        sort_date=d0 or _safe_date(art.get("published")) or EPOCH,
        place_id=place_key(ev.location), place_name=loc.name or loc.text, admin1=loc.admin1, admin2=loc.admin2,
        country=loc.country, lat=loc.lat, lon=loc.lon, precision=loc.precision,
        fatalities=ev.fatalities, injuries=ev.injuries, abducted=ev.abducted, arrested=ev.arrested,
        trigger=ev.trigger, confidence=float(ev.confidence or 0.0),
        actor1_id=actor_key(ev.actor1), actor1_name=a1.name or a1.text, actor1_acled_name=a1.acled_name,
        actor1_type=a1.type, actor1_country=a1.country,
        actor2_id=actor_key(ev.actor2), actor2_name=a2.name or a2.text, actor2_acled_name=a2.acled_name,
        actor2_type=a2.type, actor2_country=a2.country,
        source_count=data["source_count"], cluster_sources=data["source_count"], version=ev.version, data=data,
        created_at=dt.datetime.now(dt.timezone.utc),
    )
    evidence = [dict(event_id=ev.id, ord=i, field=e.field, start=e.start, end=e.end, text=e.text)
                for i, e in enumerate(ev.evidence)]
    srcs = [dict(event_id=ev.id, ord=i, article_id=s.article_id, url=s.url, outlet=s.outlet, published=s.published)
            for i, s in enumerate(sources)]
    links = [dict(event_id=ev.id, ord=i, relation=lk.relation, target=lk.target,
                  evidence_field=lk.evidence.field if lk.evidence else None,
                  evidence_start=lk.evidence.start if lk.evidence else None,
                  evidence_end=lk.evidence.end if lk.evidence else None,
                  evidence_text=lk.evidence.text if lk.evidence else None)
             for i, lk in enumerate(ev.links)]
    return row, evidence, srcs, links


def _insert_ignore(dialect: str, model: type) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
        return insert(model).on_conflict_do_nothing(index_elements=["id"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        return sqlite_insert(model).on_conflict_do_nothing(index_elements=["id"])
    return sa.insert(model).prefix_with("IGNORE")  # MySQL / MariaDB


def _ensure_entities(s: Session, dialect: str, events: Sequence[Event]) -> None:
    """Insert the actors and places of ``events`` not stored yet (no-op on conflict)."""
    actors: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    for ev in events:
        for a in (ev.actor1, ev.actor2):
            k = actor_key(a)
            if k and a is not None:
                actors[k] = dict(id=k, name=a.name or a.text, acled_name=a.acled_name, type=a.type, country=a.country)
        p = ev.location
        k = place_key(p)
        if k and p is not None:
            places[k] = dict(id=k, name=p.name or p.text, admin1=p.admin1, admin2=p.admin2, country=p.country,
                             lat=p.lat, lon=p.lon, precision=p.precision, geonameid=p.geonameid)
    for model, rows in ((ActorRow, actors), (PlaceRow, places)):
        for chunk in chunks(sorted(rows.values(), key=lambda r: r["id"]), 200):
            s.execute(_insert_ignore(dialect, model), [storable(r) for r in chunk])


def refresh_clusters(s: Session, cluster_ids: Sequence[str]) -> None:
    """Recompute ``cluster_sources`` of every report in ``cluster_ids`` (after members changed)."""
    ids = sorted(set(cluster_ids))
    for chunk in chunks(ids):
        q = (sa.select(EventRow.cluster_id, sa.func.count(sa.distinct(SourceRow.article_id)))
             .join(SourceRow, SourceRow.event_id == EventRow.id)
             .where(EventRow.cluster_id.in_(chunk)).group_by(EventRow.cluster_id))
        for cid, n in list(s.execute(q)):
            s.execute(sa.update(EventRow).where(EventRow.cluster_id == cid, EventRow.cluster_sources != n)
                      .values(cluster_sources=n))


def clustered_with(s: Session, where: Any) -> list[str]:
    """Cluster ids of the rows matching ``where`` that share a cluster with other reports."""
    return list(s.scalars(sa.select(EventRow.cluster_id).where(where, EventRow.cluster_id != EventRow.id).distinct()))


def write_batch(s: Session, items: Sequence[tuple[Article, Sequence[Event]]], *, extracted: bool,
                pipeline_version: str | None, reextract: bool = False) -> BatchResult:
    """Write ``items`` in the session's transaction; returns what was done (see ``Store.add_batch``)."""
    res = BatchResult()
    now = dt.datetime.now(dt.timezone.utc)
    pv = pipeline_version if extracted else None
    state: dict[str, dict[str, Any]] = {}
    ids = list(dict.fromkeys(a.id for a, _ in items))
    cols = (ArticleRow.id, ArticleRow.sha256, ArticleRow.revision, ArticleRow.extracted, ArticleRow.url,
            ArticleRow.outlet, ArticleRow.published, ArticleRow.pipeline_version)
    for chunk in chunks(ids):
        for r in s.execute(sa.select(*cols).where(ArticleRow.id.in_(chunk))):
            state[r.id] = {"insert": False, "row": dict(r._mapping), "changes": {}, "events": None, "drop": False}
    revisions: list[dict[str, Any]] = []
    for article, events in items:
        sha = article_sha(article)
        st = state.get(article.id)
        if st is None:
            row = dict(id=article.id, sha256=sha, revision=1, extracted=extracted, pipeline_version=pv,
                       ingested_at=now, updated_at=now, **article_fields(article))
            state[article.id] = {"insert": True, "row": row, "changes": {}, "drop": False,
                                 "events": list(events) if extracted else None, "nul": "\x00" in article.text}
            res.stored += 1
        else:
            row = st["row"]
            if row["sha256"] == sha:
                stale = reextract and row.get("pipeline_version") != pv
                if not extracted or (row["extracted"] and not stale):
                    res.duplicates += 1
                    continue
                changes: dict[str, Any] = dict(extracted=True, pipeline_version=pv, updated_at=now)
                res.extracted += 1
            else:
                changes = dict(sha256=sha, revision=row["revision"] + 1, extracted=extracted, pipeline_version=pv,
                               updated_at=now, **article_fields(article))
                res.revised += 1
            row.update(changes)
            st["changes"].update(changes)
            st["events"] = list(events) if extracted else None
            st["drop"] = not st["insert"]
            st["nul"] = "\x00" in article.text
            if "revision" not in changes:
                res.article_ids.append(article.id)
                continue
        revisions.append(dict(article_id=article.id, revision=row["revision"], sha256=sha, ingested_at=now,
                              **article_fields(article)))
        res.article_ids.append(article.id)
    res.article_ids = list(dict.fromkeys(res.article_ids))

    # -- SQL: deletes first, then parents before children
    drop = [aid for aid, st in state.items() if st["drop"]]
    touched: list[str] = []  # clusters losing members: their cluster_sources change
    for chunk in chunks(drop):
        touched += clustered_with(s, EventRow.article_id.in_(chunk))
        s.execute(sa.delete(EventRow).where(EventRow.article_id.in_(chunk)))
    new_events: dict[str, tuple[Event, dict[str, Any], bool]] = {}
    for aid, st in state.items():
        for ev in st["events"] or ():
            if ev.id in new_events:
                log.warning("event id %s given twice in one batch; the later one is kept", ev.id)
            new_events[ev.id] = (ev, st["row"], st.get("nul", False))
    ev_ids = list(new_events)
    for chunk in chunks(ev_ids):
        taken = list(s.scalars(sa.select(EventRow.id).where(EventRow.id.in_(chunk))))
        if taken:
            log.warning("replacing %d stored events that have the ids of new ones", len(taken))
            touched += clustered_with(s, EventRow.id.in_(taken))
            s.execute(sa.delete(EventRow).where(EventRow.id.in_(taken)))
    _ensure_entities(s, s.get_bind().dialect.name, [ev for ev, _, _ in new_events.values()])
    conn = s.connection()  # Core executemany: much faster than ORM bulk inserts here
    inserts = [st["row"] for st in state.values() if st["insert"]]
    if inserts:
        conn.execute(ArticleRow.__table__.insert(), inserts)
    for aid, st in state.items():
        if not st["insert"] and st["changes"]:
            s.execute(sa.update(ArticleRow).where(ArticleRow.id == aid).values(**st["changes"]))
    if revisions:
        conn.execute(ArticleRevisionRow.__table__.insert(), revisions)
    rows: list[dict[str, Any]] = []
    children: dict[type, list[dict[str, Any]]] = {EvidenceRow: [], SourceRow: [], LinkRow: []}
    for ev, art, nul in new_events.values():
        row, evidence, srcs, links = event_values(ev, art)
        if nul:  # spans of a text with NUL characters may hold some
            row, evidence, srcs, links = storable(row), storable(evidence), storable(srcs), storable(links)
        rows.append(row)
        children[EvidenceRow] += evidence
        children[SourceRow] += srcs
        children[LinkRow] += links
    for chunk in chunks(rows):
        conn.execute(EventRow.__table__.insert(), list(chunk))
    for model, values in children.items():
        for chunk in chunks(values, 2000):
            conn.execute(model.__table__.insert(), list(chunk))
    if touched:
        refresh_clusters(s, touched)
    res.events = len(rows)
    res.event_ids = ev_ids
    return res
