"""The REST API and dashboard server (FastAPI).

``create_app(store_url=None, *, store=None, api_key=None, private=False, pipeline=None)``
returns the ASGI app; ``sigact serve`` runs it with uvicorn.  FastAPI is imported
only when an app is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(store_url: str | None = None, *, store: Any = None, api_key: str | None = None,
               private: bool = False, pipeline: Any = None, **kw: Any) -> "FastAPI":
    """Build the API + dashboard app (see :func:`sigact.api.app.create_app`); returns a FastAPI app."""
    from sigact.api.app import create_app as _create

    return _create(store_url, store=store, api_key=api_key, private=private, pipeline=pipeline, **kw)
