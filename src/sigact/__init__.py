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


def extract_article(article: Article):
    """Events of one :class:`Article`."""
    from sigact.pipeline import get_pipeline

    return get_pipeline().process(article)


# ``sigact.extract(text, published=None, *, article_id=None, url=None) -> list[Event]`` is the extraction
# subpackage, made callable (see sigact/extract/__init__.py).  It is bound here, once, so the name is the
# same object before and after the pipeline first imports the subpackage (a function defined here would
# be replaced by the module at that moment).  Cheap: the subpackage loads its stages lazily.
from sigact import extract as extract  # noqa: E402
