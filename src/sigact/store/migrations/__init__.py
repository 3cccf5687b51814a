"""Alembic migrations of the sigact store (run programmatically by ``Store.open``)."""
