"""Import exported events back into a store (``sigact import``).

Events are grouped by their article.  An article already in the store is reused;
otherwise a placeholder article (no text; url, outlet and publication date from
the event's sources) is stored so the events have an owner.  Re-importing the
same file is a no-op (the store skips unchanged articles).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterable

from sigact.model import Article, Event, Source

__all__ = ["import_events", "placeholder_article"]


def placeholder_article(article_id: str, sources: Iterable[Source] = ()) -> Article:
    """An article standing in for one whose text was not exported (``meta.placeholder`` is true)."""
    src = next((s for s in sources if s.article_id == article_id), None)
    return Article.create("", id=article_id, url=src.url if src else None, outlet=src.outlet if src else None,
                          published=src.published if src else None, input="import",
                          meta={"placeholder": True})


def import_events(store: Any, events: Iterable[Event], *, batch_size: int = 200,
                  default_article: str = "import:unknown") -> dict[str, int]:
    """Store events grouped by article; returns ``{"events", "articles", "placeholders", "skipped"}``.

    Events without an ``article_id`` are attached to the placeholder article ``default_article``.
    """
    groups: "OrderedDict[str, list[Event]]" = OrderedDict()
    for ev in events:
        groups.setdefault(ev.article_id or default_article, []).append(ev)
    totals = {"events": 0, "articles": 0, "placeholders": 0, "skipped": 0}
    ids = list(groups)
    for i in range(0, len(ids), batch_size):
        chunk = ids[i:i + batch_size]
        items: list[tuple[Article, list[Event]]] = []
        for aid in chunk:
            evs = groups[aid]
            art = store.get_article(aid)
            if art is None:
                art = placeholder_article(aid, (s for e in evs for s in e.sources))
                totals["placeholders"] += 1
            items.append((art, evs))
        res = store.add_batch(items)
        totals["events"] += res.events
        totals["articles"] += len(chunk)
        totals["skipped"] += res.duplicates
    return totals
