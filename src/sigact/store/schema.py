"""SQLAlchemy 2 typed declarative models: the sigact database schema.

One row in ``events`` is one *report* of an event, extracted from one article.
``cluster_id`` names the canonical event a report belongs to (by default the
report's own id); event clustering across articles (``sigact.dedup``) merges
reports by giving them one ``cluster_id`` and adding rows to ``sources``.

The schema is created by Alembic migrations (``sigact/store/migrations``); the
models here must match the latest migration (a test compares them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "ArticleRow",
    "ArticleRevisionRow",
    "EventRow",
    "ActorRow",
    "PlaceRow",
    "EvidenceRow",
    "SourceRow",
    "LinkRow",
    "FeedRow",
    "JSONType",
]

#: JSON on SQLite, JSONB on PostgreSQL.
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSONType}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ArticleRow(Base):
    """The current revision of an article (one row per article id)."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(sa.String(), primary_key=True)
    url: Mapped[str | None] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    revision: Mapped[int] = mapped_column(sa.Integer, default=1)
    title: Mapped[str | None] = mapped_column(sa.Text)
    outlet: Mapped[str | None] = mapped_column(sa.String())
    published: Mapped[str | None] = mapped_column(sa.String())
    language: Mapped[str | None] = mapped_column(sa.String())
    text: Mapped[str] = mapped_column(sa.Text)
    input: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[str | None] = mapped_column(sa.String())
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    #: whether the pipeline has run on this revision (``--no-extract`` stores without)
    extracted: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    pipeline_version: Mapped[str | None] = mapped_column(sa.String())
    ingested_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=_now)

    revisions: Mapped[list["ArticleRevisionRow"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ArticleRevisionRow.revision")

    __table_args__ = (
        sa.Index("ix_articles_sha256", "sha256"),
        sa.Index("ix_articles_published", "published"),
    )


class ArticleRevisionRow(Base):
    """Every revision an article has had (the current one included): its history."""

    __tablename__ = "article_revisions"

    article_id: Mapped[str] = mapped_column(
        sa.String(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    revision: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    url: Mapped[str | None] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.Text)
    outlet: Mapped[str | None] = mapped_column(sa.String())
    published: Mapped[str | None] = mapped_column(sa.String())
    language: Mapped[str | None] = mapped_column(sa.String())
    text: Mapped[str] = mapped_column(sa.Text)
    input: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[str | None] = mapped_column(sa.String())
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    ingested_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=_now)

    article: Mapped[ArticleRow] = relationship(back_populates="revisions")


class ActorRow(Base):
    """A distinct actor (keyed by a hash of name, ACLED name, type and country)."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String())
    acled_name: Mapped[str | None] = mapped_column(sa.String())
    type: Mapped[str | None] = mapped_column(sa.String())
    country: Mapped[str | None] = mapped_column(sa.String())

    __table_args__ = (sa.Index("ix_actors_name", "name"),)


class PlaceRow(Base):
    """A distinct resolved place (keyed by geonameid, else a hash of its fields)."""

    __tablename__ = "places"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String())
    admin1: Mapped[str | None] = mapped_column(sa.String())
    admin2: Mapped[str | None] = mapped_column(sa.String())
    country: Mapped[str | None] = mapped_column(sa.String())
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)
    precision: Mapped[str | None] = mapped_column(sa.String())
    geonameid: Mapped[int | None] = mapped_column(sa.Integer)

    __table_args__ = (sa.Index("ix_places_country_admin1", "country", "admin1"),)


class EventRow(Base):
    """One event report: flattened columns for filtering plus the full event JSON."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(sa.String(), primary_key=True)
    article_id: Mapped[str | None] = mapped_column(
        sa.String(), sa.ForeignKey("articles.id", ondelete="CASCADE"))
    article_revision: Mapped[int | None] = mapped_column(sa.Integer)
    #: the canonical event this report belongs to (its own id until clustered)
    cluster_id: Mapped[str] = mapped_column(sa.String())
    factuality: Mapped[str] = mapped_column(sa.String())
    event_type: Mapped[str | None] = mapped_column(sa.String())
    sub_event_type: Mapped[str | None] = mapped_column(sa.String())
    plover_type: Mapped[str | None] = mapped_column(sa.String())
    plover_mode: Mapped[str | None] = mapped_column(sa.String())
    cameo_root: Mapped[str | None] = mapped_column(sa.String())
    ucdp_type: Mapped[int | None] = mapped_column(sa.Integer)
    date_start: Mapped[dt.date | None] = mapped_column(sa.Date)
    date_end: Mapped[dt.date | None] = mapped_column(sa.Date)
    date_precision: Mapped[str | None] = mapped_column(sa.String())
    #: non-null sort key: date_start, else the publication date, else 0001-01-01
    sort_date: Mapped[dt.date] = mapped_column(sa.Date)
    place_id: Mapped[str | None] = mapped_column(
        sa.String(), sa.ForeignKey("places.id", ondelete="SET NULL"))
    place_name: Mapped[str | None] = mapped_column(sa.String())
    admin1: Mapped[str | None] = mapped_column(sa.String())
    admin2: Mapped[str | None] = mapped_column(sa.String())
    country: Mapped[str | None] = mapped_column(sa.String())
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lon: Mapped[float | None] = mapped_column(sa.Float)
    precision: Mapped[str | None] = mapped_column(sa.String())
    fatalities: Mapped[int | None] = mapped_column(sa.Integer)
    injuries: Mapped[int | None] = mapped_column(sa.Integer)
    abducted: Mapped[int | None] = mapped_column(sa.Integer)
    arrested: Mapped[int | None] = mapped_column(sa.Integer)
    trigger: Mapped[str | None] = mapped_column(sa.Text)
    confidence: Mapped[float] = mapped_column(sa.Float, default=0.0)
    actor1_id: Mapped[str | None] = mapped_column(
        sa.String(), sa.ForeignKey("actors.id", ondelete="SET NULL"))
    actor1_name: Mapped[str | None] = mapped_column(sa.String())
    actor1_acled_name: Mapped[str | None] = mapped_column(sa.String())
    actor1_type: Mapped[str | None] = mapped_column(sa.String())
    actor1_country: Mapped[str | None] = mapped_column(sa.String())
    actor2_id: Mapped[str | None] = mapped_column(
        sa.String(), sa.ForeignKey("actors.id", ondelete="SET NULL"))
    actor2_name: Mapped[str | None] = mapped_column(sa.String())
    actor2_acled_name: Mapped[str | None] = mapped_column(sa.String())
    actor2_type: Mapped[str | None] = mapped_column(sa.String())
    actor2_country: Mapped[str | None] = mapped_column(sa.String())
    source_count: Mapped[int] = mapped_column(sa.Integer, default=1)
    #: distinct articles over every report of this event's canonical event (``cluster_id``)
    cluster_sources: Mapped[int] = mapped_column(sa.Integer, default=1, server_default="1")
    version: Mapped[str | None] = mapped_column(sa.String())
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=_now)
    #: the full event as ``Event.to_dict()`` wrote it
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)

    evidence: Mapped[list["EvidenceRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceRow.ord")
    sources: Mapped[list["SourceRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SourceRow.ord")
    links: Mapped[list["LinkRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="LinkRow.ord")

    __table_args__ = (
        sa.Index("ix_events_sort", "sort_date", "id"),
        sa.Index("ix_events_date", "date_start", "date_end"),
        sa.Index("ix_events_country_admin1", "country", "admin1"),
        sa.Index("ix_events_type", "event_type", "sub_event_type"),
        sa.Index("ix_events_plover", "plover_type"),
        sa.Index("ix_events_latlon", "lat", "lon"),
        sa.Index("ix_events_factuality_sort", "factuality", "sort_date", "id"),
        sa.Index("ix_events_cluster", "cluster_id"),
        sa.Index("ix_events_cluster_sources", "cluster_sources"),
        sa.Index("ix_events_article", "article_id"),
        sa.Index("ix_events_actor1", "actor1_id"),
        sa.Index("ix_events_actor2", "actor2_id"),
    )


class EvidenceRow(Base):
    """A span of article text justifying one field of an event."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(sa.String(), sa.ForeignKey("events.id", ondelete="CASCADE"))
    ord: Mapped[int] = mapped_column(sa.Integer)
    field: Mapped[str] = mapped_column(sa.String())
    start: Mapped[int] = mapped_column(sa.Integer)
    end: Mapped[int] = mapped_column(sa.Integer)
    text: Mapped[str] = mapped_column(sa.Text)

    __table_args__ = (sa.Index("ix_evidence_event", "event_id"),)


class SourceRow(Base):
    """One report (article) behind an event."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(sa.String(), sa.ForeignKey("events.id", ondelete="CASCADE"))
    ord: Mapped[int] = mapped_column(sa.Integer)
    article_id: Mapped[str] = mapped_column(sa.String())
    url: Mapped[str | None] = mapped_column(sa.Text)
    outlet: Mapped[str | None] = mapped_column(sa.String())
    published: Mapped[str | None] = mapped_column(sa.String())

    __table_args__ = (
        sa.Index("ix_sources_event", "event_id"),
        sa.Index("ix_sources_article", "article_id"),
    )


class LinkRow(Base):
    """A typed relation from one event to another (``in_response_to``, ...)."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(sa.String(), sa.ForeignKey("events.id", ondelete="CASCADE"))
    ord: Mapped[int] = mapped_column(sa.Integer)
    relation: Mapped[str] = mapped_column(sa.String())
    target: Mapped[str] = mapped_column(sa.String())
    evidence_field: Mapped[str | None] = mapped_column(sa.String())
    evidence_start: Mapped[int | None] = mapped_column(sa.Integer)
    evidence_end: Mapped[int | None] = mapped_column(sa.Integer)
    evidence_text: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (
        sa.Index("ix_links_event", "event_id"),
        sa.Index("ix_links_target", "target"),
    )


class FeedRow(Base):
    """Polling state of one watched feed (``sigact watch``): the ``FeedState`` fields as JSON."""

    __tablename__ = "feeds"

    url: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True), default=_now)
