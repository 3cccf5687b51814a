"""sigact.extract: event detection, typing, factuality, actors' arguments, tolls and evidence.

``EventExtractor(actors=None, *, classifier=None, settings=None)`` with
``.extract(doc, article, *, geo, dates) -> list[Event]`` is the stage the pipeline calls
(see :mod:`sigact.extract.extractor`).

The top-level ``sigact.extract`` is this module: Python binds a subpackage as an attribute of
its parent, so a top-level function of that name could not stay.  ``sigact/__init__`` imports
it once, and the module is callable: ``sigact.extract(text, published=...)`` returns the events
of one text, and ``sigact.extract.EventExtractor`` is the stage class.
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["EventExtractor", "ExtractorSettings"]


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, published: str | None = None, *, article_id: str | None = None,
                 url: str | None = None) -> list:
        """Returns the events of one text (same as the top-level :func:`sigact.extract`)."""
        from sigact.pipeline import get_pipeline

        return get_pipeline().extract(text, published=published, article_id=article_id, url=url)


sys.modules[__name__].__class__ = _CallableModule


def __getattr__(name: str) -> Any:  # lazy: importing sigact.extract stays cheap
    if name in ("EventExtractor", "ExtractorSettings"):
        from sigact.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
