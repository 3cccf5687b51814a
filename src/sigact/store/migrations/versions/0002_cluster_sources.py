"""cluster_sources: distinct articles behind an event's canonical event, for the min_sources filter

Revision ID: 0002_cluster_sources
Revises: 0001_initial
Create Date: 2026-11-25 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_cluster_sources"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cluster_sources", sa.Integer(), nullable=False, server_default="1"))
        batch_op.create_index("ix_events_cluster_sources", ["cluster_sources"], unique=False)
    # backfill: distinct source articles over every report sharing a cluster_id
    events = sa.table("events", sa.column("id"), sa.column("cluster_id"), sa.column("cluster_sources"))
    sources = sa.table("sources", sa.column("event_id"), sa.column("article_id"))
    member = events.alias("member")
    n = (sa.select(sa.func.count(sa.distinct(sources.c.article_id)))
         .select_from(sources.join(member, member.c.id == sources.c.event_id))
         .where(member.c.cluster_id == events.c.cluster_id).scalar_subquery())
    op.execute(events.update().values(cluster_sources=sa.func.coalesce(n, 1)))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_cluster_sources")
        batch_op.drop_column("cluster_sources")
