"""The end-to-end pipeline: Article -> spaCy Doc -> places, dates, actors -> Events.

Each stage is an object injected into :class:`Pipeline` (tests pass their own);
:func:`get_pipeline` builds the default one once per process.

Stage contracts (each lives in its own package):

* ``sigact.nlp.load_nlp(name=None) -> spacy.Language``
* ``sigact.geo.GeoResolver.default()``; ``.analyze(doc) -> DocGeo`` with
  ``DocGeo.place_for(start, end) -> tuple[Place, Evidence | None] | None`` and
  ``DocGeo.country_near(start, end) -> str | None`` and ``DocGeo.focus_country``.
* ``sigact.time.DateResolver.default()``; ``.analyze(doc, published) -> DocDates`` with
  ``DocDates.date_for(start, end) -> tuple[DateSpan, Evidence | None]``.
* ``sigact.extract.actors.ActorResolver.default()``; ``.resolve(text, context_country=None) -> Actor``.
* ``sigact.extract.EventExtractor(actors=...)``;
  ``.extract(doc, article, geo=DocGeo, dates=DocDates) -> list[Event]``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from sigact.model import Article, Event

log = logging.getLogger(__name__)

__all__ = ["Pipeline", "get_pipeline", "PIPELINE_VERSION"]

PIPELINE_VERSION = "sigact-0.1"


@dataclass
class Pipeline:
    nlp: Any
    geo: Any
    dates: Any
    extractor: Any

    @classmethod
    def default(cls) -> "Pipeline":
        from sigact.extract import EventExtractor
        from sigact.extract.actors import ActorResolver
        from sigact.geo import GeoResolver
        from sigact.nlp import load_nlp
        from sigact.time import DateResolver

        return cls(
            nlp=load_nlp(),
            geo=GeoResolver.default(),
            dates=DateResolver.default(),
            extractor=EventExtractor(actors=ActorResolver.default()),
        )

    def _events(self, doc: Any, article: Article) -> list[Event]:
        geo = self.geo.analyze(doc)
        dates = self.dates.analyze(doc, article.published)
        return self.extractor.extract(doc, article, geo=geo, dates=dates)

    def process(self, article: Article) -> list[Event]:
        """Events of one article (none for non-English articles)."""
        if article.language and not article.language.startswith("en"):
            return []
        return self._events(self.nlp(article.text), article)

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
        """Stream ``(article, events)`` pairs in input order, parsing in batches."""
        def _texts(items: Iterable[Article]) -> Iterator[tuple[str, Article]]:
            for a in items:
                yield a.text, a

        for doc, article in self.nlp.pipe(_texts(articles), as_tuples=True, batch_size=batch_size):
            if article.language and not article.language.startswith("en"):
                yield article, []
            else:
                yield article, self._events(doc, article)

    def extract(self, text: str, published: str | None = None, *, article_id: str | None = None,
                url: str | None = None) -> list[Event]:
        article = Article.create(text, id=article_id, url=url, published=published)
        return self._events(self.nlp(article.text), article)


_lock = threading.Lock()
_default: Pipeline | None = None


def get_pipeline() -> Pipeline:
    """The process-wide default pipeline, built on first use."""
    global _default
    with _lock:
        if _default is None:
            _default = Pipeline.default()
        return _default
