"""The end-to-end pipeline: Article -> relevance -> spaCy Doc -> places, dates, actors -> Events.

Each stage is an object injected into :class:`Pipeline` (tests pass their own);
:func:`get_pipeline` builds the default one once per process.

Stage contracts (each lives in its own package):

* ``sigact.scale.relevance.RelevanceFilter.default()``; ``.select(text) -> Selection`` with the
  text to parse (irrelevant sentences blanked, offsets unchanged) and ``.relevant``.
* ``sigact.nlp.load_nlp(name=None) -> spacy.Language``
* ``sigact.geo.GeoResolver.default()``; ``.analyze(doc) -> DocGeo`` with
  ``DocGeo.place_for(start, end) -> tuple[Place, Evidence | None] | None`` and
  ``DocGeo.country_near(start, end) -> str | None`` and ``DocGeo.focus_country``.
* ``sigact.time.DateResolver.default()``; ``.analyze(doc, published) -> DocDates`` with
  ``DocDates.date_for(start, end) -> tuple[DateSpan, Evidence | None]``.
* ``sigact.extract.actors.ActorResolver.default()``; ``.resolve(text, context_country=None) -> Actor``.
* ``sigact.extract.EventExtractor(actors=...)``;
  ``.extract(doc, article, geo=DocGeo, dates=DocDates) -> list[Event]``.
* ``sigact.dedup.link_events(events) -> events`` adds "in response to" links inside the article.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from sigact.errors import run_stage
from sigact.model import Article, Event

log = logging.getLogger(__name__)

__all__ = ["Pipeline", "PoolPipeline", "get_pipeline", "PIPELINE_VERSION"]

PIPELINE_VERSION = "sigact-0.1"


@dataclass
class Pipeline:
    nlp: Any
    geo: Any
    dates: Any
    extractor: Any
    relevance: Any = None
    linker: Any = None

    @classmethod
    def default(cls) -> "Pipeline":
        from sigact.dedup import link_events
        from sigact.extract import EventExtractor
        from sigact.extract.actors import ActorResolver
        from sigact.geo import GeoResolver
        from sigact.nlp import load_nlp
        from sigact.scale.relevance import RelevanceFilter
        from sigact.time import DateResolver

        return cls(
            nlp=load_nlp(),
            geo=GeoResolver.default(),
            dates=DateResolver.default(),
            extractor=EventExtractor(actors=ActorResolver.default()),
            relevance=RelevanceFilter.default(),
            linker=link_events,
        )

    # -- one article ------------------------------------------------------------
    def _skip(self, article: Article) -> bool:
        return bool(article.language) and not str(article.language).startswith("en")

    def _to_parse(self, article: Article) -> str | None:
        """The text handed to the parser, or None when nothing in it can carry an event."""
        if self.relevance is None:
            return article.text
        sel = self.relevance.select(article.text)
        return sel.text if sel.relevant else None

    def _events(self, doc: Any, article: Article) -> list[Event]:
        geo = run_stage("geo", article, self.geo.analyze, doc)  # a stage failure -> ExtractionError
        dates = run_stage("dates", article, self.dates.analyze, doc, article.published)
        events = run_stage("extract", article, self.extractor.extract, doc, article, geo=geo, dates=dates)
        if self.linker is not None and len(events) > 1:
            events = run_stage("links", article, self.linker, events, text=doc.text)
        return events

    def process(self, article: Article) -> list[Event]:
        """Events of one article (none for non-English articles); a stage failure raises
        :class:`sigact.errors.ExtractionError` naming the article and the stage."""
        if self._skip(article):
            return []
        text = run_stage("relevance", article, self._to_parse, article)
        if text is None:
            return []
        return self._events(run_stage("nlp", article, self.nlp, text), article)

    def extract(self, text: str, published: str | None = None, *, article_id: str | None = None,
                url: str | None = None) -> list[Event]:
        """Events of a text (see :func:`sigact.extract`)."""
        return self.process(Article.create(text, id=article_id, url=url, published=published))

    # -- many articles ----------------------------------------------------------
    def pipe(self, articles: Iterable[Article], *, batch_size: int = 16,
             n_process: int = 1) -> Iterator[tuple[Article, list[Event]]]:
        """Stream ``(article, events)`` pairs in input order.

        ``n_process > 1`` runs whole articles on a pool of worker processes, each loading the
        default pipeline once; results come back in input order and equal the one-process run.
        """
        if n_process > 1:
            yield from _pool_pipe(articles, n_process=n_process, chunk=max(1, batch_size // 2))
            return

        def todo(items: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, bool]]]:
            for a in items:
                text = None if self._skip(a) else self._to_parse(a)
                yield (text if text is not None else ""), (a, text is not None)

        for doc, (article, parse) in self.nlp.pipe(todo(articles), as_tuples=True, batch_size=batch_size):
            yield article, (self._events(doc, article) if parse else [])


def _worker_init() -> None:
    get_pipeline()


def _worker_process(article: Article) -> tuple[Article, list[Event]]:
    return article, get_pipeline().process(article)


class PoolPipeline:
    """The default pipeline on ``n_process`` worker processes (each loads models and gazetteer
    once); ``pipe`` keeps input order, so results equal a one-process run.  Use as a context
    manager, or call :meth:`close`.  ``chunk``: articles per task; 1 (the default) keeps both
    workers busy up to the end of each batch that ingest hands over (a worker waiting for the
    other's last chunk of 4 cost more than the extra messages)."""

    def __init__(self, n_process: int = 2, *, chunk: int = 1):
        self.n_process = n_process
        self.chunk = chunk
        self._pool = mp.get_context("spawn").Pool(n_process, initializer=_worker_init)

    def pipe(self, articles: Iterable[Article], **_: Any) -> Iterator[tuple[Article, list[Event]]]:
        yield from self._pool.imap(_worker_process, articles, chunksize=self.chunk)

    def process(self, article: Article) -> list[Event]:
        return self._pool.apply(_worker_process, (article,))[1]

    def worker_pids(self) -> list[int]:
        return [p.pid for p in getattr(self._pool, "_pool", []) if p.pid]

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> "PoolPipeline":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pool_pipe(articles: Iterable[Article], *, n_process: int, chunk: int) -> Iterator[tuple[Article, list[Event]]]:
    with PoolPipeline(n_process, chunk=chunk) as pool:
        yield from pool.pipe(articles)


_lock = threading.Lock()
_default: Pipeline | None = None


def get_pipeline() -> Pipeline:
    """The process-wide default pipeline, built on first use."""
    global _default
    with _lock:
        if _default is None:
            _default = Pipeline.default()
        return _default
