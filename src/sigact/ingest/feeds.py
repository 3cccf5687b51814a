"""RSS/Atom reader (feedparser): one Article per entry."""

from __future__ import annotations

from typing import Any, Iterator

from sigact.ingest.base import InputSource, Item, ReadOptions, Reject, RejectInput, decode_bytes, make_article

__all__ = ["read_feed", "entry_text"]


def entry_text(entry: Any) -> str:
    """Plain text of a feed entry: ``content:encoded``/Atom content, else the summary (HTML to text)."""
    from sigact.ingest.html import html_fragment_to_text

    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return html_fragment_to_text(best) if best else ""


def read_feed(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield one Article (or Reject) per entry of an RSS or Atom feed.

    The entry link is the URL, its published (else updated) date the date, its
    title the title.  A document that is not a feed, or a feed with no entries,
    is one Reject.
    """
    import feedparser

    from sigact.ingest.base import read_limited

    try:
        data = read_limited(src, opts.max_bytes)
        decode_bytes(data)  # binary / undecodable check; feedparser decodes by the XML declaration itself
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        detail = f" ({why.__class__.__name__}: {str(why)[:120]})" if why else ""
        yield Reject(src.name, None, f"not a feed: no entries found{detail}")
        return
    feed = parsed.get("feed") or {}
    feed_title = feed.get("title")
    feed_lang = feed.get("language")
    for n, entry in enumerate(entries, 1):
        position = f"entry {n}"
        try:
            text = entry_text(entry)
            title = entry.get("title")
            if not text.strip():
                raise RejectInput("empty: feed entry has no content or summary", position=position, code="SIG-E107")
            yield make_article(
                text,
                src,
                opts,
                position=position,
                title=title,
                url=entry.get("link"),
                published=entry.get("published_parsed") or entry.get("updated_parsed")
                or entry.get("published") or entry.get("updated"),
                language_hint=feed_lang,
                meta={"reader": "feed", "feed_title": feed_title, "entry_id": entry.get("id")},
            )
        except RejectInput as exc:
            yield Reject(src.name, exc.position or position, exc.reason)
