"""feeds: per-feed polling state of ``sigact watch`` (validators, backoff), so restarts resume

Revision ID: 0005_feeds
Revises: 0004_unbounded_strings
Create Date: 2026-11-25 22:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005_feeds"
down_revision = "0004_unbounded_strings"
branch_labels = None
depends_on = None

#: JSON on SQLite, JSONB on PostgreSQL
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("state", JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_feeds")),
    )


def downgrade() -> None:
    op.drop_table("feeds")
