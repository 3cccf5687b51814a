"""unbounded strings: names, outlets, ids and codes from news text have no safe maximum length

PostgreSQL enforces VARCHAR(n) (SQLite does not), so one long outlet or actor name
made a whole batch fail there.  Only fixed-length hashes keep a length.

Revision ID: 0004_unbounded_strings
Revises: 0003_factuality_sort_index
Create Date: 2026-11-25 21:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_unbounded_strings"
down_revision = "0003_factuality_sort_index"
branch_labels = None
depends_on = None

#: table -> [(column, former length)]
COLUMNS = {
    "articles": [("id", 80), ("outlet", 200), ("published", 40), ("language", 16), ("position", 80),
                 ("pipeline_version", 40)],
    "article_revisions": [("article_id", 80), ("outlet", 200), ("published", 40), ("language", 16),
                          ("position", 80)],
    "actors": [("name", 300), ("acled_name", 300), ("type", 40), ("country", 3)],
    "places": [("name", 300), ("admin1", 200), ("admin2", 200), ("country", 3), ("precision", 16)],
    "events": [("id", 120), ("article_id", 80), ("cluster_id", 120), ("factuality", 16), ("event_type", 80),
               ("sub_event_type", 80), ("plover_type", 40), ("plover_mode", 40), ("cameo_root", 8),
               ("date_precision", 16), ("place_id", 40), ("actor1_id", 40), ("actor2_id", 40), ("place_name", 300), ("admin1", 200), ("admin2", 200), ("country", 3),
               ("precision", 16), ("actor1_name", 300), ("actor1_acled_name", 300), ("actor1_type", 40),
               ("actor1_country", 3), ("actor2_name", 300), ("actor2_acled_name", 300), ("actor2_type", 40),
               ("actor2_country", 3), ("version", 40)],
    "evidence": [("event_id", 120), ("field", 40)],
    "sources": [("event_id", 120), ("article_id", 80), ("outlet", 200), ("published", 40)],
    "links": [("event_id", 120), ("relation", 40), ("target", 120), ("evidence_field", 40)],
}


def upgrade() -> None:
    for table, cols in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, length in cols:
                batch_op.alter_column(name, existing_type=sa.String(length), type_=sa.String())


def downgrade() -> None:
    for table, cols in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, length in cols:
                batch_op.alter_column(name, existing_type=sa.String(), type_=sa.String(length))
