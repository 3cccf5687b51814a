"""sigact.extract: event detection, typing, factuality, actors' arguments, tolls and evidence.

``EventExtractor(actors=None, *, classifier=None, settings=None)`` with
``.extract(doc, article, *, geo, dates) -> list[Event]`` is the stage the pipeline calls
(see :mod:`sigact.extract.extractor`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["EventExtractor", "ExtractorSettings"]


def __getattr__(name: str) -> Any:  # lazy: importing sigact.extract stays cheap
    if name in ("EventExtractor", "ExtractorSettings"):
        from sigact.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
