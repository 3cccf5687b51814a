"""factuality + (sort_date, id) index: the default listing (incidents, newest first) needs no sort

Revision ID: 0003_factuality_sort_index
Revises: 0002_cluster_sources
Create Date: 2026-11-25 21:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0003_factuality_sort_index"
down_revision = "0002_cluster_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_factuality", table_name="events")
    op.create_index("ix_events_factuality_sort", "events", ["factuality", "sort_date", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_factuality_sort", table_name="events")
    op.create_index("ix_events_factuality", "events", ["factuality"], unique=False)
