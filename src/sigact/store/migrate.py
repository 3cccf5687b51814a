"""Programmatic Alembic: upgrade a database to the latest named migration.

``Store.open`` calls :func:`upgrade`; nothing needs an ``alembic.ini``.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Callable

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sigact.errors import StoreError

__all__ = ["alembic_config", "head_revision", "current_revision", "upgrade", "downgrade", "MIGRATIONS_DIR"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: arbitrary constant key for the PostgreSQL advisory lock held while migrating
_PG_LOCK_KEY = 0x5167AC7
_lock = threading.Lock()


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic ``Config`` pointing at the packaged migrations (and ``connection`` if given)."""
    cfg = Config()
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The id of the newest migration shipped with this sigact (read once per process)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    """The migration a database is at (``None`` for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine, target: str = "head") -> str | None:
    """Upgrade the database behind ``engine`` to ``target``; returns the revision it is at.

    A no-op when already there.  On PostgreSQL an advisory lock serialises
    concurrent upgrades (several workers opening a fresh database at once).
    """
    head = head_revision() if target == "head" else target
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return head
    return _migrate(engine, lambda cfg: command.upgrade(cfg, target))


def downgrade(engine: sa.Engine, target: str) -> str | None:
    """Downgrade the database behind ``engine`` to ``target``; returns the revision it is at."""
    return _migrate(engine, lambda cfg: command.downgrade(cfg, target))


def _migrate(engine: sa.Engine, step: Callable[[Config], None]) -> str | None:
    """Run one Alembic command in a locked transaction.

    Alembic's ``context`` is process-global: one migration at a time per process.
    SQLite: BEGIN IMMEDIATE (``sigact_write``) makes other processes wait their
    turn, and foreign keys are off while tables are rebuilt (a table rebuild
    would otherwise cascade-delete the rows that reference it); any violation
    left afterwards aborts the migration.
    """
    with _lock, engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # only works outside a transaction
        try:
            with conn.execution_options(sigact_write=True).begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                before = current_revision(conn)
                step(alembic_config(conn))
                if sqlite and current_revision(conn) != before:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise StoreError(f"migration left {len(bad)} foreign key violations, e.g. {bad[0]}",
                                         code="SIG-E306")
                return current_revision(conn)
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
