"""``Store``: articles and coded events in SQLite or PostgreSQL (SQLAlchemy 2).

    with Store.open("sqlite:///sigact.db") as store:
        store.add_batch([(article, events), ...])
        events, cursor = store.query_events(country="IRQ", since="2024-01-01")

Writes are idempotent: an article already stored with the same text hash is
skipped; the same article id (URL) with a new hash becomes a new revision whose
events replace the old ones.  Every ``add_batch`` is one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
import time
from collections import defaultdict
from typing import NamedTuple
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from sigact.errors import InputError, StoreError
from sigact.model import Article, Event
from sigact.store import migrate
from sigact.store.query import ASSERTED, after_cursor, encode_cursor, event_filters
from sigact.store.schema import (
    ActorRow, ArticleRevisionRow, ArticleRow, EventRow, EvidenceRow, FeedRow, LinkRow, PlaceRow, SourceRow,
)
from sigact.store.writer import BatchResult, article_sha, chunks, refresh_clusters, write_batch

log = logging.getLogger(__name__)

__all__ = ["Store", "BatchResult", "ArticleState", "DEFAULT_URL", "sqlite_path"]

DEFAULT_URL = "sqlite:///sigact.db"
INTERVALS = ("day", "week", "month", "year")


class ArticleState(NamedTuple):
    """What the store knows of an article: its text hash, whether it was extracted, and by which pipeline."""

    sha256: str
    extracted: bool
    pipeline_version: str | None


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (``None`` for in-memory or other backends)."""
    u = sa.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _to_event(data: dict[str, Any]) -> Event:
    """The ``Event`` of a row's stored JSON (kept in step with the evidence, sources and links tables)."""
    return Event.from_dict(data)


def _feed_state(data: dict[str, Any]) -> Any:
    from sigact.scale.watch import FeedState  # the watcher owns the record; the store keeps it

    names = {f.name for f in dataclasses.fields(FeedState)}
    return FeedState(**{k: v for k, v in data.items() if k in names})


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
        """Release all connections (SQLite: first let it refresh its planner statistics)."""
        if self.dialect == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.connection.driver_connection.execute("PRAGMA optimize")
            except (OperationalError, sqlite3.Error) as exc:  # read-only file, busy: statistics can wait
                log.debug("PRAGMA optimize skipped: %s", exc)
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ writes
    def add_batch(self, items: Iterable[tuple[Article, list[Event]]], *, extracted: bool = True,
                  pipeline_version: str | None = None, reextract: bool = False) -> BatchResult:
        """Store ``(article, events)`` pairs in one transaction; returns what was done.

        Same article id and text hash as stored: skipped (a duplicate), unless it
        was stored without extraction and ``extracted`` is true, then its events
        are added; with ``reextract``, also when it was coded by another
        ``pipeline_version`` (its events are replaced, no new revision).  Same id,
        new hash: a new revision, old events replaced.  ``extracted=False`` stores
        articles only (``sigact ingest --no-extract``).
        """
        items = list(items)
        for attempt in range(3):
            try:
                with self._write_session() as s, s.begin():
                    return write_batch(s, items, extracted=extracted, pipeline_version=pipeline_version,
                                       reextract=reextract)
            except IntegrityError as exc:  # a concurrent writer stored the same article first
                if attempt == 2:
                    raise StoreError(f"could not store batch: {exc.orig}", code="SIG-E304") from exc
                log.info("retrying batch after a concurrent write: %s", exc.orig)
            except OperationalError as exc:
                raise StoreError(f"database error: {exc.orig}", code="SIG-E305") from exc
        raise StoreError("unreachable", code="SIG-E304")  # pragma: no cover

    def delete_article(self, article_id: str) -> bool:
        """Delete an article, its revisions and its events; returns whether it existed.

        Other events that cite it as a source lose that source.  Links from other
        events to the deleted events stay (they record what a text said).
        """
        with self._write_session() as s, s.begin():
            if s.scalar(sa.select(ArticleRow.id).where(ArticleRow.id == article_id)) is None:
                return False
            touched = list(s.scalars(sa.select(EventRow.cluster_id).where(EventRow.article_id == article_id)))
            s.execute(sa.delete(EventRow).where(EventRow.article_id == article_id))
            citing = list(s.scalars(sa.select(SourceRow.event_id).where(SourceRow.article_id == article_id).distinct()))
            s.execute(sa.delete(SourceRow).where(SourceRow.article_id == article_id))
            for eid in citing:  # keep the event JSON in step with the sources table
                data = dict(s.scalar(sa.select(EventRow.data).where(EventRow.id == eid)) or {})
                data["sources"] = [x for x in data.get("sources") or () if x.get("article_id") != article_id]
                data["source_count"] = len({x.get("article_id") for x in data["sources"]})
                s.execute(sa.update(EventRow).where(EventRow.id == eid)
                          .values(data=data, source_count=data["source_count"]))
            touched += s.scalars(sa.select(EventRow.cluster_id).where(EventRow.id.in_(citing))) if citing else []
            s.execute(sa.delete(ArticleRow).where(ArticleRow.id == article_id))
            refresh_clusters(s, touched)
            return True

    def delete_event(self, event_id: str) -> bool:
        """Delete one event report (with its evidence, sources and links); returns whether it existed."""
        with self._write_session() as s, s.begin():
            cluster = s.scalar(sa.select(EventRow.cluster_id).where(EventRow.id == event_id))
            if cluster is None:
                return False
            s.execute(sa.delete(EventRow).where(EventRow.id == event_id))
            refresh_clusters(s, [cluster])
            return True

    def assign_clusters(self, mapping: Mapping[str, str]) -> int:
        """Set ``cluster_id`` (canonical event) of event reports ``{event_id: cluster_id}``; returns rows changed.

        For event clustering across articles: reports of one real-world event share a cluster id.
        """
        by_cluster: dict[str, list[str]] = defaultdict(list)
        for eid, cid in mapping.items():
            by_cluster[cid].append(eid)
        n = 0
        with self._write_session() as s, s.begin():
            touched = list(by_cluster)
            for chunk in chunks(list(mapping)):
                touched += s.scalars(sa.select(EventRow.cluster_id).where(EventRow.id.in_(chunk)))
            for cid, eids in by_cluster.items():
                for chunk in chunks(eids):
                    n += s.execute(sa.update(EventRow).where(EventRow.id.in_(chunk)).values(cluster_id=cid)).rowcount
            refresh_clusters(s, touched)
        return n

    def save_feed_state(self, state: Any) -> None:
        """Store the polling state of one feed (a ``sigact.scale.watch.FeedState``), replacing the old one."""
        data = dataclasses.asdict(state)
        with self._write_session() as s, s.begin():
            s.merge(FeedRow(url=data["url"], state=data, updated_at=dt.datetime.now(dt.timezone.utc)))

    def feed_state(self, url: str) -> Any:
        """The stored ``FeedState`` of a feed, or ``None`` if it was never polled."""
        with self._session() as s:
            data = s.scalar(sa.select(FeedRow.state).where(FeedRow.url == url))
        return _feed_state(data) if data is not None else None

    def feed_states(self) -> list[Any]:
        """The ``FeedState`` of every feed polled so far, by URL."""
        with self._session() as s:
            return [_feed_state(d) for d in s.scalars(sa.select(FeedRow.state).order_by(FeedRow.url))]

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
            out[a.id] = "new" if got is None else ("same" if got[0] == article_sha(a) else "changed")
        return out

    @staticmethod
    def sha_of(article: Article) -> str:
        """The text hash the store keys revisions on (``article.sha256``, or computed)."""
        return article_sha(article)

    def article_info(self, ids: Sequence[str]) -> dict[str, ArticleState]:
        """``{id: ArticleState(sha256, extracted, pipeline_version)}`` of the stored articles among ``ids``."""
        out: dict[str, ArticleState] = {}
        cols = (ArticleRow.id, ArticleRow.sha256, ArticleRow.extracted, ArticleRow.pipeline_version)
        with self._session() as s:
            for chunk in chunks(list(dict.fromkeys(ids))):
                for i, h, x, v in s.execute(sa.select(*cols).where(ArticleRow.id.in_(chunk))):
                    out[i] = ArticleState(h, bool(x), v)
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
            data = s.scalar(sa.select(EventRow.data).where(EventRow.id == event_id))
            return _to_event(data) if data is not None else None

    def get_events(self, event_ids: Sequence[str]) -> list[Event]:
        """The stored events among ``event_ids``, in the order given."""
        found: dict[str, dict[str, Any]] = {}
        with self._session() as s:
            for chunk in chunks(list(dict.fromkeys(event_ids))):
                found.update((i, d) for i, d in s.execute(
                    sa.select(EventRow.id, EventRow.data).where(EventRow.id.in_(chunk))))
        return [_to_event(found[i]) for i in event_ids if i in found]

    def event_cluster(self, event_id: str) -> str | None:
        """The ``cluster_id`` (canonical event) of an event report, or ``None`` if unknown."""
        with self._session() as s:
            return s.scalar(sa.select(EventRow.cluster_id).where(EventRow.id == event_id))

    def event_clusters(self, event_ids: Sequence[str]) -> dict[str, str]:
        """``{event_id: cluster_id}`` for the stored events among ``event_ids`` (one query per 500)."""
        out: dict[str, str] = {}
        with self._session() as s:
            for chunk in chunks(list(dict.fromkeys(event_ids))):
                q = sa.select(EventRow.id, EventRow.cluster_id).where(EventRow.id.in_(chunk))
                out.update((i, c) for i, c in s.execute(q))
        return out

    def cluster_sizes(self, cluster_ids: Sequence[str]) -> dict[str, int]:
        """``{cluster_id: number of reports}`` for the clusters among ``cluster_ids`` with more than one report."""
        out: dict[str, int] = {}
        with self._session() as s:
            for chunk in chunks(list(dict.fromkeys(cluster_ids))):
                q = (sa.select(EventRow.cluster_id, sa.func.count()).where(EventRow.cluster_id.in_(chunk))
                     .group_by(EventRow.cluster_id).having(sa.func.count() > 1))
                out.update((c, int(n)) for c, n in s.execute(q))
        return out

    def query_events(self, *, cursor: str | None = None, limit: int = 100,
                     **filters: Any) -> tuple[list[Event], str | None]:
        """One page of events matching ``filters`` (see ``sigact.store.query.event_filters``), newest first.

        Returns ``(events, next_cursor)``; ``next_cursor`` is ``None`` on the last
        page.  Order is (event date, id) descending, stable across pages even while
        rows are added.
        """
        limit = max(1, min(int(limit), 10_000))
        where = event_filters(**filters)
        if cursor:
            where.append(after_cursor(cursor))
        q = (sa.select(EventRow.sort_date, EventRow.id, EventRow.data).where(*where)
             .order_by(EventRow.sort_date.desc(), EventRow.id.desc()).limit(limit + 1))
        with self._session() as s:
            rows = list(s.execute(q))
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1].sort_date, rows[-1].id) if more and rows else None
        return [_to_event(r.data) for r in rows], nxt

    def iter_events(self, *, page_size: int = 500, **filters: Any) -> Iterator[Event]:
        """Every event matching ``filters``, newest first, fetched page by page."""
        cursor: str | None = None
        while True:
            events, cursor = self.query_events(cursor=cursor, limit=page_size, **filters)
            yield from events
            if cursor is None:
                return

    def count_events(self, *, canonical: bool = False, **filters: Any) -> int:
        """How many events match ``filters``; with ``canonical``, how many canonical events (clusters) have
        a matching report."""
        what = sa.func.count(sa.distinct(EventRow.cluster_id)) if canonical else sa.func.count()
        with self._session() as s:
            return int(s.scalar(sa.select(what).select_from(EventRow).where(*event_filters(**filters))) or 0)

    def timeline(self, interval: str = "day", *, canonical: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Event counts and fatalities per period and event type.

        Returns dicts ``{period, event_type, count, fatalities}`` sorted by period
        then type; ``period`` is ``YYYY-MM-DD`` (day; the Monday for week), ``YYYY-MM``
        (month) or ``YYYY`` (year).  Events without a date are left out.  With
        ``canonical``, each canonical event (cluster) counts once, with the date and type
        of its newest matching report (the one ``GET /events`` lists it at) and the
        highest toll its matching reports give (as ``actors`` and ``places`` count it).
        """
        if interval not in INTERVALS:
            raise InputError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}", code="SIG-E143")
        E: Any = EventRow
        where = [EventRow.date_start.is_not(None), *event_filters(**filters)]
        if canonical:  # one row per cluster: its head, by a window over the matching reports
            rn = sa.func.row_number().over(partition_by=E.cluster_id, order_by=(E.sort_date.desc(), E.id.desc()))
            toll = sa.func.max(E.fatalities).over(partition_by=E.cluster_id)
            sub = sa.select(E.date_start, E.event_type, toll.label("fatalities"), rn.label("rn")).where(*where).subquery()
            E, where = sub.c, [sub.c.rn == 1]
        q = (sa.select(E.date_start, E.event_type, sa.func.count(), sa.func.sum(sa.func.coalesce(E.fatalities, 0)))
             .where(*where).group_by(E.date_start, E.event_type))
        acc: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0])
        with self._session() as s:
            for day, etype, n, fat in s.execute(q):
                period = _period(day, interval)
                acc[(period, etype)][0] += int(n)
                acc[(period, etype)][1] += int(fat or 0)
        return [dict(period=p, event_type=t, count=c, fatalities=f)
                for (p, t), (c, f) in sorted(acc.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]

    def actors(self, limit: int = 100, *, canonical: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Actors by number of events (either side): dicts of name, acled_name, type, country, events, fatalities.

        With ``canonical`` an actor's events are the real-world events (clusters) with a matching report that
        names it, and its fatalities the sum over those of the highest toll their reports give; otherwise
        every report counts."""
        E = EventRow
        where = event_filters(**filters)
        sides = [sa.select(getattr(E, f"actor{i}_name").label("name"),
                           getattr(E, f"actor{i}_acled_name").label("acled_name"),
                           getattr(E, f"actor{i}_type").label("type"),
                           getattr(E, f"actor{i}_country").label("country"),
                           E.cluster_id.label("cluster_id"),
                           E.fatalities.label("fatalities"))
                 .where(getattr(E, f"actor{i}_name").is_not(None), *where) for i in (1, 2)]
        u = sa.union_all(*sides).subquery()
        keys = [u.c.name, u.c.acled_name, u.c.type, u.c.country]
        if canonical:  # one row per (actor, real-world event) first
            u = sa.select(*keys, sa.func.max(u.c.fatalities).label("fatalities")).group_by(*keys, u.c.cluster_id).subquery()
            keys = [u.c.name, u.c.acled_name, u.c.type, u.c.country]
        n = sa.func.count().label("events")
        q = (sa.select(*keys, n, sa.func.sum(u.c.fatalities))
             .group_by(*keys).order_by(n.desc(), u.c.name).limit(limit))
        with self._session() as s:
            return [dict(name=a, acled_name=b, type=c, country=d, events=int(k), fatalities=int(f or 0))
                    for a, b, c, d, k, f in s.execute(q)]

    def places(self, limit: int = 100, *, canonical: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Places by number of events: dicts of name, admin1, country, lat, lon, precision, events, fatalities.

        With ``canonical`` a place's events are the real-world events (clusters) with a matching report placed
        there, and its fatalities the sum over those of the highest toll their reports give; otherwise every
        report counts."""
        E = EventRow
        cols = [E.place_name, E.admin1, E.country, E.lat, E.lon, E.precision]
        base = sa.select(*cols, E.cluster_id, E.fatalities).where(
            sa.or_(E.place_name.is_not(None), E.country.is_not(None)), *event_filters(**filters)).subquery()
        keys = [base.c.place_name, base.c.admin1, base.c.country, base.c.lat, base.c.lon, base.c.precision]
        u = base
        if canonical:  # one row per (place, real-world event) first
            u = sa.select(*keys, sa.func.max(base.c.fatalities).label("fatalities")).group_by(*keys, base.c.cluster_id).subquery()
            keys = [u.c.place_name, u.c.admin1, u.c.country, u.c.lat, u.c.lon, u.c.precision]
        n = sa.func.count().label("events")
        q = (sa.select(*keys, n, sa.func.sum(u.c.fatalities))
             .group_by(*keys).order_by(n.desc(), keys[0]).limit(limit))
        with self._session() as s:
            return [dict(name=a, admin1=b, country=c, lat=la, lon=lo, precision=p, events=int(k),
                         fatalities=int(f or 0))
                    for a, b, c, la, lo, p, k, f in s.execute(q)]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, revisions, events, incidents (asserted events), clusters, actors,
        places, sources, evidence, links."""
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
