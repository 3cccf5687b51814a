"""Shared helper for the extractor tests: one real pipeline (spaCy model, geo, dates, actors) per session."""

from __future__ import annotations

from functools import lru_cache

from sigact.model import Article, Event


@lru_cache(maxsize=1)
def stages():
    """Returns (nlp, geo resolver, date resolver, extractor), built once."""
    from sigact.extract import EventExtractor
    from sigact.nlp import load_nlp
    from sigact.time import DateResolver

    try:
        from sigact.geo import GeoResolver

        geo = GeoResolver.default()
    except ImportError:  # geo stage not installed yet
        geo = None
    return load_nlp(), geo, DateResolver.default(), EventExtractor()


@lru_cache(maxsize=1)
def rules_only():
    """Returns an extractor without the classifier (the rules alone), built once."""
    from sigact.extract import EventExtractor
    from sigact.extract.extractor import ExtractorSettings

    return EventExtractor(settings=ExtractorSettings(use_classifier=False))


def extractor_for(mode: str):
    """Returns the rules-only extractor for ``mode`` "rules", else the default one (rules and classifier)."""
    return rules_only() if mode == "rules" else stages()[3]


def run(text: str, published: str | None = "2024-05-06", *, article_id: str = "t1", extractor=None) -> list[Event]:
    """Returns the events ``extractor`` (default: the pipeline's) finds in ``text`` (all factualities)."""
    nlp, geo, dates, ex = stages()
    ex = extractor or ex
    doc = nlp(text)
    art = Article.create(text, id=article_id, published=published)
    return ex.extract(doc, art, geo=geo.analyze(doc) if geo else None, dates=dates.analyze(doc, published))


def incidents(events: list[Event]) -> list[Event]:
    """Returns the asserted events."""
    return [e for e in events if e.factuality == "asserted"]


def primary(events: list[Event]) -> Event:
    """Returns the highest-confidence asserted event (the one the evaluation scores)."""
    inc = incidents(events)
    assert inc, f"no asserted event in {[(e.factuality, e.trigger) for e in events]}"
    return max(inc, key=lambda e: e.confidence)
