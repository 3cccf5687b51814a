"""Alembic environment: run migrations on the connection ``Store.open`` hands over.

``sigact.store.migrate.upgrade`` puts an open SQLAlchemy connection in
``config.attributes["connection"]``; nothing here reads a URL from a file.
"""

from __future__ import annotations

from alembic import context

from sigact.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
        from sqlalchemy import create_engine

        url = config.get_main_option("sqlalchemy.url")
        with create_engine(url).connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("sigact migrations run online only (Store.open upgrades the database)")
run_migrations_online()
