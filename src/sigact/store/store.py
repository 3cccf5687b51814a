"""``Store``: articles and coded events in SQLite or PostgreSQL (SQLAlchemy 2).

    with Store.open("sqlite:///sigact.db") as store:
        store.add_batch([(article, events), ...])
        events, cursor = store.query_events(country="IRQ", since="2024-01-01")

Writes are idempotent: an article already stored with the same text hash is
skipped; the same article id (URL) with a new hash becomes a new revision whose
events replace the old ones.  Every ``add_batch`` is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool

from sigact.errors import InputError, StoreError
from sigact.model import Actor, Article, Event, Evidence, Link, Place, Source, normalise_text, replace
from sigact.store import migrate
from sigact.store.query import ASSERTED, after_cursor, encode_cursor, event_filters, parse_date
from sigact.store.schema import (
    ActorRow, ArticleRevisionRow, ArticleRow, EventRow, EvidenceRow, LinkRow, PlaceRow, SourceRow,
)

log = logging.getLogger(__name__)

__all__ = ["Store", "BatchResult", "DEFAULT_URL", "sqlite_path"]

DEFAULT_URL = "sqlite:///sigact.db"
_EPOCH = dt.date(1, 1, 1)
_CHUNK = 500
INTERVALS = ("day", "week", "month", "year")


@dataclass
class BatchResult:
    """What one ``add_batch`` did (article counts, and events written)."""

    stored: int = 0       # new articles
    duplicates: int = 0   # unchanged articles, skipped
    revised: int = 0      # changed articles: a new revision, events replaced
    extracted: int = 0    # stored earlier without extraction, events now added
    events: int = 0       # event rows written
    article_ids: list[str] = field(default_factory=list)  # ids written (new, revised, extracted)


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (``None`` for in-memory or other backends)."""
    u = sa.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _sha(article: Article) -> str:
    return article.sha256 or hashlib.sha256(normalise_text(article.text).encode("utf-8")).hexdigest()


def _key(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _actor_key(a: Actor | None) -> str | None:
    if a is None or not (a.name or a.acled_name or a.text):
        return None
    return "a:" + _key(a.name or a.text, a.acled_name, a.type, a.country)


def _place_key(p: Place | None) -> str | None:
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


def _chunks(seq: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _article_fields(a: Article) -> dict[str, Any]:
    return dict(url=a.url, title=a.title, outlet=a.outlet, published=a.published, language=a.language,
                text=a.text, input=a.input, position=a.position, meta=dict(a.meta or {}))


def _event_row(ev: Event, art: ArticleRow) -> EventRow:
    """The row (with evidence, sources and links) for one event of article ``art``."""
    sources = list(ev.sources) or [Source(article_id=art.id, url=art.url, outlet=art.outlet, published=art.published)]
    a1, a2 = ev.actor1 or Actor(), ev.actor2 or Actor()
    loc, date = ev.location or Place(), ev.date
    d0 = _safe_date(date.start) if date else None
    d1 = _safe_date(date.end, end=True) if date and date.end else d0
    data = ev.to_dict()
    data["sources"] = [s.to_dict() for s in sources]
    data["source_count"] = len({s.article_id for s in sources})
    row = EventRow(
        id=ev.id, article_id=art.id, article_revision=art.revision, cluster_id=ev.id,
        factuality=ev.factuality or ASSERTED,
        event_type=ev.acled_event_type, sub_event_type=ev.acled_sub_event_type,
        plover_type=ev.plover_type, plover_mode=ev.plover_mode, cameo_root=ev.cameo_root, ucdp_type=ev.ucdp_type,
        date_start=d0, date_end=d1, date_precision=date.precision if date else None,
        sort_date=d0 or _safe_date(art.published) or _EPOCH,
        place_id=_place_key(ev.location), place_name=loc.name or loc.text, admin1=loc.admin1, admin2=loc.admin2,
        country=loc.country, lat=loc.lat, lon=loc.lon, precision=loc.precision,
        fatalities=ev.fatalities, injuries=ev.injuries, abducted=ev.abducted, arrested=ev.arrested,
        trigger=ev.trigger, confidence=float(ev.confidence or 0.0),
        actor1_id=_actor_key(ev.actor1), actor1_name=a1.name or a1.text, actor1_acled_name=a1.acled_name,
        actor1_type=a1.type, actor1_country=a1.country,
        actor2_id=_actor_key(ev.actor2), actor2_name=a2.name or a2.text, actor2_acled_name=a2.acled_name,
        actor2_type=a2.type, actor2_country=a2.country,
        source_count=data["source_count"], version=ev.version, data=data,
    )
    row.evidence = [EvidenceRow(ord=i, field=e.field, start=e.start, end=e.end, text=e.text)
                    for i, e in enumerate(ev.evidence)]
    row.sources = [SourceRow(ord=i, article_id=s.article_id, url=s.url, outlet=s.outlet, published=s.published)
                   for i, s in enumerate(sources)]
    row.links = [LinkRow(ord=i, relation=lk.relation, target=lk.target,
                         evidence_field=lk.evidence.field if lk.evidence else None,
                         evidence_start=lk.evidence.start if lk.evidence else None,
                         evidence_end=lk.evidence.end if lk.evidence else None,
                         evidence_text=lk.evidence.text if lk.evidence else None)
                 for i, lk in enumerate(ev.links)]
    return row


def _to_event(row: EventRow) -> Event:
    """The ``Event`` of a row: its stored JSON, with evidence, links and sources from their tables."""
    ev = Event.from_dict(row.data)
    links = tuple(
        Link(relation=lk.relation, target=lk.target,
             evidence=Evidence(lk.evidence_field or "", lk.evidence_start or 0, lk.evidence_end or 0,
                               lk.evidence_text or "") if lk.evidence_text is not None else None)
        for lk in row.links)
    return replace(
        ev,
        evidence=tuple(Evidence(e.field, e.start, e.end, e.text) for e in row.evidence),
        links=links,
        sources=tuple(Source(s.article_id, s.url, s.outlet, s.published) for s in row.sources),
    )


def _to_article(row: ArticleRow | ArticleRevisionRow, article_id: str) -> Article:
    return Article(id=article_id, text=row.text, title=row.title, url=row.url, outlet=row.outlet,
                   published=row.published, language=row.language, input=row.input, position=row.position,
                   sha256=row.sha256, meta=dict(row.meta or {}))


class Store:
    """Articles and events in a SQL database.  Open with :meth:`Store.open`."""

    def __init__(self, engine: sa.Engine, url: str):
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        write_engine = engine.execution_options(sigact_write=True) if self.dialect == "sqlite" else engine
        self._session = sessionmaker(engine, expire_on_commit=False)
        self._write_session = sessionmaker(write_engine, expire_on_commit=False)

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, upgrade: bool = True) -> "Store":
        """Connect to ``url`` (any SQLAlchemy URL) and upgrade its schema to the latest migration.

        Returns the open store; raises ``StoreError`` (one line) when the database
        cannot be opened or migrated.
        """
        try:
            engine = _make_engine(url)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError) as exc:
            raise StoreError(f"bad database URL {url!r}: {exc}", code="SIG-E301") from exc
        path = sqlite_path(url)
        if path is not None and not path.parent.exists():
            raise StoreError(f"directory of database {str(path)!r} does not exist", code="SIG-E302")
        try:
            if upgrade:
                migrate.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            msg = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open database {engine.url.render_as_string(hide_password=True)}: {msg}",
                             code="SIG-E303") from exc
        return cls(engine, url)

    def close(self) -> None:
        """Release all connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ writes
    def add_batch(self, items: Iterable[tuple[Article, list[Event]]], *, extracted: bool = True,
                  pipeline_version: str | None = None) -> BatchResult:
        """Store ``(article, events)`` pairs in one transaction; returns what was done.

        Same article id and text hash as stored: skipped (a duplicate), unless it
        was stored without extraction and ``extracted`` is true, then its events
        are added.  Same id, new hash: a new revision, old events replaced.
        ``extracted=False`` stores articles only (``sigact ingest --no-extract``).
        """
        items = list(items)
        for attempt in range(3):
            try:
                with self._write_session() as s, s.begin():
                    return self._add_batch(s, items, extracted, pipeline_version)
            except IntegrityError as exc:  # a concurrent writer stored the same article first
                if attempt == 2:
                    raise StoreError(f"could not store batch: {exc.orig}", code="SIG-E304") from exc
                log.info("retrying batch after a concurrent write: %s", exc.orig)
            except OperationalError as exc:
                raise StoreError(f"database error: {exc.orig}", code="SIG-E305") from exc
        raise StoreError("unreachable", code="SIG-E304")  # pragma: no cover

    def _add_batch(self, s: Session, items: list[tuple[Article, list[Event]]], extracted: bool,
                   pipeline_version: str | None) -> BatchResult:
        res = BatchResult()
        ids = list({a.id for a, _ in items})
        existing: dict[str, ArticleRow] = {}
        for chunk in _chunks(ids):
            existing.update((r.id, r) for r in s.scalars(sa.select(ArticleRow).where(ArticleRow.id.in_(chunk))))
        self._ensure_entities(s, [ev for a, evs in items for ev in evs] if extracted else [])
        now = dt.datetime.now(dt.timezone.utc)
        for article, events in items:
            sha = _sha(article)
            row = existing.get(article.id)
            if row is None:
                row = ArticleRow(id=article.id, sha256=sha, revision=1, extracted=extracted,
                                 pipeline_version=pipeline_version if extracted else None,
                                 ingested_at=now, updated_at=now, **_article_fields(article))
                s.add(row)
                existing[article.id] = row
                res.stored += 1
            elif row.sha256 == sha:
                if not extracted or row.extracted:
                    res.duplicates += 1
                    continue
                row.extracted, row.pipeline_version, row.updated_at = True, pipeline_version, now
                res.extracted += 1
                self._drop_events(s, article.id)
                res.article_ids.append(article.id)
                res.events += self._add_events(s, row, events)
                s.flush()
                continue
            else:
                for k, v in _article_fields(article).items():
                    setattr(row, k, v)
                row.sha256, row.revision, row.updated_at = sha, row.revision + 1, now
                row.extracted, row.pipeline_version = extracted, pipeline_version if extracted else None
                res.revised += 1
                self._drop_events(s, article.id)
            s.add(ArticleRevisionRow(article_id=article.id, revision=row.revision, sha256=sha,
                                     ingested_at=now, **_article_fields(article)))
            res.article_ids.append(article.id)
            if extracted:
                res.events += self._add_events(s, row, events)
            s.flush()
        return res

    def _drop_events(self, s: Session, article_id: str) -> None:
        s.flush()
        s.execute(sa.delete(EventRow).where(EventRow.article_id == article_id),
                  execution_options={"synchronize_session": "fetch"})

    def _add_events(self, s: Session, art: ArticleRow, events: Sequence[Event]) -> int:
        seen: set[str] = set()
        fresh = [e for e in events if not (e.id in seen or seen.add(e.id))]  # type: ignore[func-returns-value]
        if len(fresh) < len(events):
            log.warning("article %s: %d duplicate event ids dropped", art.id, len(events) - len(fresh))
        taken = set(s.scalars(sa.select(EventRow.id).where(EventRow.id.in_([e.id for e in fresh])))) if fresh else set()
        if taken:
            log.warning("article %s: replacing %d events stored under the same ids", art.id, len(taken))
            s.execute(sa.delete(EventRow).where(EventRow.id.in_(taken)),
                      execution_options={"synchronize_session": "fetch"})
        s.add_all(_event_row(e, art) for e in fresh)
        return len(fresh)

    def _ensure_entities(self, s: Session, events: Sequence[Event]) -> None:
        """Insert the actors and places of ``events`` not stored yet (no-op on conflict)."""
        actors: dict[str, dict[str, Any]] = {}
        places: dict[str, dict[str, Any]] = {}
        for ev in events:
            for a in (ev.actor1, ev.actor2):
                k = _actor_key(a)
                if k and a is not None:
                    actors[k] = dict(id=k, name=a.name or a.text, acled_name=a.acled_name, type=a.type,
                                     country=a.country)
            p = ev.location
            k = _place_key(p)
            if k and p is not None:
                places[k] = dict(id=k, name=p.name or p.text, admin1=p.admin1, admin2=p.admin2, country=p.country,
                                 lat=p.lat, lon=p.lon, precision=p.precision, geonameid=p.geonameid)
        for model, rows in ((ActorRow, actors), (PlaceRow, places)):
            values = list(rows.values())
            for chunk in _chunks(values, 200):
                s.execute(self._insert_ignore(model), list(chunk))

    def _insert_ignore(self, model: type) -> Any:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
            return insert(model).on_conflict_do_nothing(index_elements=["id"])
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert
            return sqlite_insert(model).on_conflict_do_nothing(index_elements=["id"])
        return sa.insert(model).prefix_with("IGNORE")  # MySQL / MariaDB

    def delete_article(self, article_id: str) -> bool:
        """Delete an article, its revisions, its events and the sources citing it; returns whether it existed."""
        with self._write_session() as s, s.begin():
            row = s.get(ArticleRow, article_id)
            if row is None:
                return False
            ev_ids = list(s.scalars(sa.select(EventRow.id).where(EventRow.article_id == article_id)))
            for chunk in _chunks(ev_ids):
                s.execute(sa.delete(LinkRow).where(LinkRow.target.in_(chunk)))
            s.execute(sa.delete(SourceRow).where(SourceRow.article_id == article_id))
            s.execute(sa.delete(EventRow).where(EventRow.article_id == article_id))
            s.delete(row)
            return True

    def delete_event(self, event_id: str) -> bool:
        """Delete one event report (and links pointing at it); returns whether it existed."""
        with self._write_session() as s, s.begin():
            n = s.execute(sa.delete(EventRow).where(EventRow.id == event_id)).rowcount
            if n:
                s.execute(sa.delete(LinkRow).where(LinkRow.target == event_id))
            return bool(n)

    def assign_clusters(self, mapping: Mapping[str, str]) -> int:
        """Set ``cluster_id`` (canonical event) of event reports ``{event_id: cluster_id}``; returns rows changed.

        For event clustering across articles: reports of one real-world event share a cluster id.
        """
        by_cluster: dict[str, list[str]] = defaultdict(list)
        for eid, cid in mapping.items():
            by_cluster[cid].append(eid)
        n = 0
        with self._write_session() as s, s.begin():
            for cid, eids in by_cluster.items():
                for chunk in _chunks(eids):
                    n += s.execute(sa.update(EventRow).where(EventRow.id.in_(chunk)).values(cluster_id=cid)).rowcount
        return n

    # ------------------------------------------------------------------ reads
    def article_status(self, article: Article) -> str:
        """``"new"`` (id not stored), ``"same"`` (same text hash) or ``"changed"`` (new revision)."""
        return self.article_statuses([article])[article.id]

    def article_statuses(self, articles: Sequence[Article]) -> dict[str, str]:
        """:meth:`article_status` for many articles in one query per 500; returns ``{article_id: status}``."""
        info = self.article_info([a.id for a in articles])
        out: dict[str, str] = {}
        for a in articles:
            got = info.get(a.id)
            out[a.id] = "new" if got is None else ("same" if got[0] == _sha(a) else "changed")
        return out

    @staticmethod
    def sha_of(article: Article) -> str:
        """The text hash the store keys revisions on (``article.sha256``, or computed)."""
        return _sha(article)

    def article_info(self, ids: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """``{id: (sha256, extracted)}`` of the stored articles among ``ids`` (one query per 500)."""
        out: dict[str, tuple[str, bool]] = {}
        with self._session() as s:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                q = sa.select(ArticleRow.id, ArticleRow.sha256, ArticleRow.extracted).where(ArticleRow.id.in_(chunk))
                out.update((i, (h, bool(x))) for i, h, x in s.execute(q))
        return out

    def get_article(self, article_id: str, revision: int | None = None) -> Article | None:
        """The stored article (its current revision, or ``revision``), or ``None``."""
        with self._session() as s:
            if revision is None:
                row = s.get(ArticleRow, article_id)
            else:
                row = s.get(ArticleRevisionRow, (article_id, revision))
            return _to_article(row, article_id) if row is not None else None

    def article_revisions(self, article_id: str) -> list[dict[str, Any]]:
        """The revision history of an article, oldest first: dicts of revision, sha256, title, ingested_at."""
        with self._session() as s:
            q = (sa.select(ArticleRevisionRow).where(ArticleRevisionRow.article_id == article_id)
                 .order_by(ArticleRevisionRow.revision))
            return [dict(revision=r.revision, sha256=r.sha256, title=r.title, published=r.published,
                         ingested_at=r.ingested_at.isoformat() if r.ingested_at else None) for r in s.scalars(q)]

    def get_event(self, event_id: str) -> Event | None:
        """One event with its evidence, sources and links, or ``None``."""
        with self._session() as s:
            row = s.scalars(sa.select(EventRow).where(EventRow.id == event_id).options(*_children())).first()
            return _to_event(row) if row is not None else None

    def get_events(self, event_ids: Sequence[str]) -> list[Event]:
        """The stored events among ``event_ids``, in the order given."""
        rows: dict[str, EventRow] = {}
        with self._session() as s:
            for chunk in _chunks(list(event_ids)):
                rows.update((r.id, r) for r in s.scalars(
                    sa.select(EventRow).where(EventRow.id.in_(chunk)).options(*_children())))
            return [_to_event(rows[i]) for i in event_ids if i in rows]

    def event_cluster(self, event_id: str) -> str | None:
        """The ``cluster_id`` (canonical event) of an event report, or ``None`` if unknown."""
        with self._session() as s:
            return s.scalar(sa.select(EventRow.cluster_id).where(EventRow.id == event_id))

    def event_clusters(self, event_ids: Sequence[str]) -> dict[str, str]:
        """``{event_id: cluster_id}`` for the stored events among ``event_ids`` (one query per 500)."""
        out: dict[str, str] = {}
        with self._session() as s:
            for chunk in _chunks(list(dict.fromkeys(event_ids))):
                out.update((i, c) for i, c in s.execute(sa.select(EventRow.id, EventRow.cluster_id).where(EventRow.id.in_(chunk))))
        return out

    def query_events(self, *, cursor: str | None = None, limit: int = 100, **filters: Any) -> tuple[list[Event], str | None]:
        """One page of events matching ``filters`` (see ``sigact.store.query.event_filters``), newest first.

        Returns ``(events, next_cursor)``; ``next_cursor`` is ``None`` on the last
        page.  Order is (event date, id) descending, stable across pages even while
        rows are added.
        """
        limit = max(1, min(int(limit), 10_000))
        where = event_filters(**filters)
        if cursor:
            where.append(after_cursor(cursor))
        q = (sa.select(EventRow).where(*where).order_by(EventRow.sort_date.desc(), EventRow.id.desc())
             .limit(limit + 1).options(*_children()))
        with self._session() as s:
            rows = list(s.scalars(q))
            more = len(rows) > limit
            rows = rows[:limit]
            nxt = encode_cursor(rows[-1].sort_date, rows[-1].id) if more and rows else None
            return [_to_event(r) for r in rows], nxt

    def iter_events(self, *, page_size: int = 500, **filters: Any) -> Iterator[Event]:
        """Every event matching ``filters``, newest first, fetched page by page."""
        cursor: str | None = None
        while True:
            events, cursor = self.query_events(cursor=cursor, limit=page_size, **filters)
            yield from events
            if cursor is None:
                return

    def count_events(self, **filters: Any) -> int:
        """How many events match ``filters``."""
        with self._session() as s:
            return int(s.scalar(sa.select(sa.func.count()).select_from(EventRow).where(*event_filters(**filters))) or 0)

    def timeline(self, interval: str = "day", **filters: Any) -> list[dict[str, Any]]:
        """Event counts and fatalities per period and event type.

        Returns dicts ``{period, event_type, count, fatalities}`` sorted by period
        then type; ``period`` is ``YYYY-MM-DD`` (day; the Monday for week), ``YYYY-MM``
        (month) or ``YYYY`` (year).  Events without a date are left out.
        """
        if interval not in INTERVALS:
            raise InputError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}", code="SIG-E113")
        E = EventRow
        q = (sa.select(E.date_start, E.event_type, sa.func.count(), sa.func.sum(sa.func.coalesce(E.fatalities, 0)))
             .where(E.date_start.is_not(None), *event_filters(**filters)).group_by(E.date_start, E.event_type))
        acc: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0])
        with self._session() as s:
            for day, etype, n, fat in s.execute(q):
                period = _period(day, interval)
                acc[(period, etype)][0] += int(n)
                acc[(period, etype)][1] += int(fat or 0)
        return [dict(period=p, event_type=t, count=c, fatalities=f)
                for (p, t), (c, f) in sorted(acc.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]

    def actors(self, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
        """Actors by number of events (either side): dicts of name, acled_name, type, country, events, fatalities."""
        E = EventRow
        where = event_filters(**filters)
        sides = [sa.select(getattr(E, f"actor{i}_name").label("name"), getattr(E, f"actor{i}_acled_name").label("acled_name"),
                           getattr(E, f"actor{i}_type").label("type"), getattr(E, f"actor{i}_country").label("country"),
                           E.fatalities.label("fatalities"))
                 .where(getattr(E, f"actor{i}_name").is_not(None), *where) for i in (1, 2)]
        u = sa.union_all(*sides).subquery()
        n = sa.func.count().label("events")
        q = (sa.select(u.c.name, u.c.acled_name, u.c.type, u.c.country, n, sa.func.sum(u.c.fatalities))
             .group_by(u.c.name, u.c.acled_name, u.c.type, u.c.country).order_by(n.desc(), u.c.name).limit(limit))
        with self._session() as s:
            return [dict(name=a, acled_name=b, type=c, country=d, events=int(k), fatalities=int(f or 0))
                    for a, b, c, d, k, f in s.execute(q)]

    def places(self, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
        """Places by number of events: dicts of name, admin1, country, lat, lon, precision, events, fatalities."""
        E = EventRow
        n = sa.func.count().label("events")
        q = (sa.select(E.place_name, E.admin1, E.country, E.lat, E.lon, E.precision, n, sa.func.sum(E.fatalities))
             .where(sa.or_(E.place_name.is_not(None), E.country.is_not(None)), *event_filters(**filters))
             .group_by(E.place_name, E.admin1, E.country, E.lat, E.lon, E.precision)
             .order_by(n.desc(), E.place_name).limit(limit))
        with self._session() as s:
            return [dict(name=a, admin1=b, country=c, lat=la, lon=lo, precision=p, events=int(k), fatalities=int(f or 0))
                    for a, b, c, la, lo, p, k, f in s.execute(q)]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, revisions, events, incidents (asserted events), clusters, actors, places, sources, evidence, links."""
        def n(stmt: Any) -> int:
            return int(s.scalar(stmt) or 0)
        c = sa.func.count()
        with self._session() as s:
            return dict(
                articles=n(sa.select(c).select_from(ArticleRow)),
                revisions=n(sa.select(c).select_from(ArticleRevisionRow)),
                events=n(sa.select(c).select_from(EventRow)),
                incidents=n(sa.select(c).select_from(EventRow).where(EventRow.factuality == ASSERTED)),
                clusters=n(sa.select(sa.func.count(sa.distinct(EventRow.cluster_id)))),
                actors=n(sa.select(c).select_from(ActorRow)),
                places=n(sa.select(c).select_from(PlaceRow)),
                sources=n(sa.select(c).select_from(SourceRow)),
                evidence=n(sa.select(c).select_from(EvidenceRow)),
                links=n(sa.select(c).select_from(LinkRow)),
            )


def _children() -> list[Any]:
    return [selectinload(EventRow.evidence), selectinload(EventRow.sources), selectinload(EventRow.links)]


def _period(day: dt.date | str, interval: str) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    if interval == "day":
        return day.isoformat()
    if interval == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if interval == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _set_wal(cur: Any) -> None:
    """Switch a SQLite file to WAL (persistent; needs a moment alone with the file, so retry while busy)."""
    import sqlite3

    if cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + 30
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _make_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys, a busy timeout and explicit BEGINs."""
    u = sa.make_url(url)
    if u.get_backend_name() != "sqlite":
        return sa.create_engine(u, pool_pre_ping=True)
    memory = not u.database or u.database == ":memory:"
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kw["poolclass"] = StaticPool
    engine = sa.create_engine(u, **kw)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if not memory:
            _set_wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # writers take the lock up front: no deadlock when two processes upgrade read->write
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sigact_write") else "BEGIN")

    return engine
