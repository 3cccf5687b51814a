"""initial schema: articles (+ revisions), events, actors, places, evidence, sources, links

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-25 21:15:36.528060
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None

#: JSON on SQLite, JSONB on PostgreSQL
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('acled_name', sa.String(length=300), nullable=True),
    sa.Column('type', sa.String(length=40), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index('ix_actors_name', ['name'], unique=False)

    op.create_table('articles',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('input', sa.Text(), nullable=True),
    sa.Column('position', sa.String(length=80), nullable=True),
    sa.Column('meta', JSON, nullable=False),
    sa.Column('extracted', sa.Boolean(), nullable=False),
    sa.Column('pipeline_version', sa.String(length=40), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_published', ['published'], unique=False)
        batch_op.create_index('ix_articles_sha256', ['sha256'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('admin2', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index('ix_places_country_admin1', ['country', 'admin1'], unique=False)

    op.create_table('article_revisions',
    sa.Column('article_id', sa.String(length=80), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('input', sa.Text(), nullable=True),
    sa.Column('position', sa.String(length=80), nullable=True),
    sa.Column('meta', JSON, nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_revisions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'revision', name=op.f('pk_article_revisions'))
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=120), nullable=False),
    sa.Column('article_id', sa.String(length=80), nullable=True),
    sa.Column('article_revision', sa.Integer(), nullable=True),
    sa.Column('cluster_id', sa.String(length=120), nullable=False),
    sa.Column('factuality', sa.String(length=16), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=True),
    sa.Column('sub_event_type', sa.String(length=80), nullable=True),
    sa.Column('plover_type', sa.String(length=40), nullable=True),
    sa.Column('plover_mode', sa.String(length=40), nullable=True),
    sa.Column('cameo_root', sa.String(length=8), nullable=True),
    sa.Column('ucdp_type', sa.Integer(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('sort_date', sa.Date(), nullable=False),
    sa.Column('place_id', sa.String(length=40), nullable=True),
    sa.Column('place_name', sa.String(length=300), nullable=True),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('admin2', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('injuries', sa.Integer(), nullable=True),
    sa.Column('abducted', sa.Integer(), nullable=True),
    sa.Column('arrested', sa.Integer(), nullable=True),
    sa.Column('trigger', sa.Text(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('actor1_id', sa.String(length=40), nullable=True),
    sa.Column('actor1_name', sa.String(length=300), nullable=True),
    sa.Column('actor1_acled_name', sa.String(length=300), nullable=True),
    sa.Column('actor1_type', sa.String(length=40), nullable=True),
    sa.Column('actor1_country', sa.String(length=3), nullable=True),
    sa.Column('actor2_id', sa.String(length=40), nullable=True),
    sa.Column('actor2_name', sa.String(length=300), nullable=True),
    sa.Column('actor2_acled_name', sa.String(length=300), nullable=True),
    sa.Column('actor2_type', sa.String(length=40), nullable=True),
    sa.Column('actor2_country', sa.String(length=3), nullable=True),
    sa.Column('source_count', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data', JSON, nullable=False),
    sa.ForeignKeyConstraint(['actor1_id'], ['actors.id'], name=op.f('fk_events_actor1_id_actors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['actor2_id'], ['actors.id'], name=op.f('fk_events_actor2_id_actors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_events_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_events_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_actor1', ['actor1_id'], unique=False)
        batch_op.create_index('ix_events_actor2', ['actor2_id'], unique=False)
        batch_op.create_index('ix_events_article', ['article_id'], unique=False)
        batch_op.create_index('ix_events_cluster', ['cluster_id'], unique=False)
        batch_op.create_index('ix_events_country_admin1', ['country', 'admin1'], unique=False)
        batch_op.create_index('ix_events_date', ['date_start', 'date_end'], unique=False)
        batch_op.create_index('ix_events_factuality', ['factuality'], unique=False)
        batch_op.create_index('ix_events_latlon', ['lat', 'lon'], unique=False)
        batch_op.create_index('ix_events_plover', ['plover_type'], unique=False)
        batch_op.create_index('ix_events_sort', ['sort_date', 'id'], unique=False)
        batch_op.create_index('ix_events_type', ['event_type', 'sub_event_type'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=120), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_evidence_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_event', ['event_id'], unique=False)

    op.create_table('links',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=120), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=120), nullable=False),
    sa.Column('evidence_field', sa.String(length=40), nullable=True),
    sa.Column('evidence_start', sa.Integer(), nullable=True),
    sa.Column('evidence_end', sa.Integer(), nullable=True),
    sa.Column('evidence_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_links_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_links'))
    )
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.create_index('ix_links_event', ['event_id'], unique=False)
        batch_op.create_index('ix_links_target', ['target'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=120), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=80), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_sources_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index('ix_sources_article', ['article_id'], unique=False)
        batch_op.create_index('ix_sources_event', ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index('ix_sources_event')
        batch_op.drop_index('ix_sources_article')

    op.drop_table('sources')
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.drop_index('ix_links_target')
        batch_op.drop_index('ix_links_event')

    op.drop_table('links')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_event')

    op.drop_table('evidence')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type')
        batch_op.drop_index('ix_events_sort')
        batch_op.drop_index('ix_events_plover')
        batch_op.drop_index('ix_events_latlon')
        batch_op.drop_index('ix_events_factuality')
        batch_op.drop_index('ix_events_date')
        batch_op.drop_index('ix_events_country_admin1')
        batch_op.drop_index('ix_events_cluster')
        batch_op.drop_index('ix_events_article')
        batch_op.drop_index('ix_events_actor2')
        batch_op.drop_index('ix_events_actor1')

    op.drop_table('events')
    op.drop_table('article_revisions')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index('ix_places_country_admin1')

    op.drop_table('places')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_sha256')
        batch_op.drop_index('ix_articles_published')

    op.drop_table('articles')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index('ix_actors_name')

    op.drop_table('actors')
