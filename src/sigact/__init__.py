"""sigact: news in, conflict event data out.

The public API for notebooks and scripts::

    import sigact
    events = sigact.extract(text, published="2024-01-24")
    [e.to_dict() for e in events]

Nothing heavy runs at import time: models and the gazetteer load on first use,
once per process (see ``sigact.pipeline.get_pipeline``).
"""

from __future__ import annotations

import logging

from sigact.model import Actor, Article, DateSpan, Event, Evidence, Link, Place, Source

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Actor",
    "Article",
    "DateSpan",
    "Event",
    "Evidence",
    "Link",
    "Place",
    "Source",
    "extract",
    "extract_article",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(text: str, published: str | None = None, *, article_id: str | None = None, url: str | None = None):
    """Events of one text, as a list of :class:`Event` (``.to_dict()`` for JSON)."""
    from sigact.pipeline import get_pipeline

    return get_pipeline().extract(text, published=published, article_id=article_id, url=url)


def extract_article(article: Article):
    """Events of one :class:`Article`."""
    from sigact.pipeline import get_pipeline

    return get_pipeline().process(article)
