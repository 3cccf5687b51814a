"""sigact.store: articles and coded events in SQLite or PostgreSQL.

* :class:`Store` (``Store.open(url)``): idempotent writes (``add_batch``) and the
  query API used by the REST API, dashboard and exporters.
* :func:`run_ingest`: files -> readers -> pipeline -> store, in committed batches.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Store", "BatchResult", "DEFAULT_URL", "run_ingest", "IngestSummary"]


def __getattr__(name: str) -> Any:  # lazy: importing sigact.store must not import SQLAlchemy
    if name in ("Store", "BatchResult", "DEFAULT_URL"):
        from sigact.store import store

        return getattr(store, name)
    if name in ("run_ingest", "IngestSummary"):
        from sigact.store import ingest

        return getattr(ingest, name)
    raise AttributeError(name)
