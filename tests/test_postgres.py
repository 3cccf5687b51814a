"""Backend specifics: PostgreSQL column types, and several processes opening a fresh database at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sigact.store import Store

OPEN_AND_WRITE = """
import sys
from sigact.model import Article
from sigact.store import Store
url, n = sys.argv[1], int(sys.argv[2])
with Store.open(url) as st:
    arts = [Article.create(f"Shared report {i}.", url=f"https://news.example/{i}") for i in range(20)]
    own = Article.create(f"Report of worker {n}.", url=f"https://news.example/worker/{n}")
    r = st.add_batch([(a, []) for a in arts] + [(own, [])])
    print(r.stored, r.duplicates)
"""


@pytest.mark.postgres
def test_postgres_types_and_server(pg_url: str) -> None:
    with Store.open(pg_url) as st, st.engine.connect() as conn:
        assert conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"
        assert conn.execute(sa.text("SHOW server_version")).scalar().startswith("15.")
        types = dict(conn.execute(sa.text(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'")).all())
        assert types["data"] == "jsonb" and types["date_start"] == "date" and types["lat"] == "double precision"
        assert types["actor1_name"] == "character varying"  # no length limit (migration 0004)
        indexes = {r[0] for r in conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'events'"))}
        assert {"ix_events_sort", "ix_events_factuality_sort", "ix_events_country_admin1", "ix_events_latlon",
                "ix_events_cluster_sources"} <= indexes


@pytest.mark.slow
def test_concurrent_first_open_and_writes(db_url: str, tmp_path: Path) -> None:
    """Four processes open a fresh database at once (migrations race) and write overlapping batches."""
    script = tmp_path / "worker.py"
    script.write_text(OPEN_AND_WRITE)
    procs = [subprocess.Popen([sys.executable, str(script), db_url, str(n)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for n in range(4)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outs]
    stored = [tuple(map(int, out.split())) for out, _ in outs]
    assert sum(s for s, _ in stored) == 24 and sum(s + d for s, d in stored) == 84
    with Store.open(db_url) as st, st.engine.connect() as conn:
        assert st.counts()["articles"] == 24 and st.counts()["revisions"] == 24
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
