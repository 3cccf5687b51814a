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


#: feeds larger than this are split into entries with lxml.iterparse and parsed one
#: entry at a time, so memory stays bounded by one entry whatever the feed size
STREAM_ABOVE_BYTES = 1 << 20

_ATOM = "http://www.w3.org/2005/Atom"
_RSS1 = "http://purl.org/rss/1.0/"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


_WRAPPERS = {
    "atom": (b'<feed xmlns="http://www.w3.org/2005/Atom">', b"</feed>"),
    "rss1": (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
             b"</rdf:RDF>"),
    "rss": (b'<rss version="2.0"><channel>', b"</channel></rss>"),
}
#: entries handed to feedparser at a time when streaming (bounds memory, amortises its setup cost)
STREAM_BATCH = 200


def _stream_entries(data: bytes) -> Iterator[tuple[dict[str, Any], Any]]:
    """``(feed info, feedparser entry)`` per item/entry, parsing ``STREAM_BATCH`` entries at a time.

    Raises lxml.etree.XMLSyntaxError when the document is not well-formed XML
    (after yielding the entries before the error).
    """
    import io

    import lxml.etree as etree

    info: dict[str, Any] = {}
    depth = 0
    batch: list[bytes] = []
    kind = "rss"
    try:
        for event, el in etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False):
            name = _local(el.tag)
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if name in ("title", "language") and name not in info and depth <= 2:
                info[name] = (el.text or "").strip() or None
            if name not in ("item", "entry"):
                continue
            this = "atom" if el.tag == f"{{{_ATOM}}}entry" else "rss1" if el.tag == f"{{{_RSS1}}}item" else "rss"
            if batch and (this != kind or len(batch) >= STREAM_BATCH):
                yield from _parse_batch(batch, kind, info)
                batch = []
            kind = this
            batch.append(etree.tostring(el))
            el.clear()
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:  # drop entries already read
                    del parent[0]
    except etree.XMLSyntaxError:
        if batch:  # the entries read before the error still count
            yield from _parse_batch(batch, kind, info)
        raise
    if batch:
        yield from _parse_batch(batch, kind, info)


def _parse_batch(batch: list[bytes], kind: str, info: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Any]]:
    import feedparser

    head, tail = _WRAPPERS[kind]
    parsed = feedparser.parse(head + b"".join(batch) + tail, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or [])
    for k in range(len(batch)):
        yield info, (entries[k] if k < len(entries) else None)


def _whole_feed(data: bytes) -> Iterator[tuple[dict[str, Any], Any]]:
    """``(feed info, entry)`` pairs from feedparser on the whole document (lenient with broken feeds)."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        detail = f" ({why.__class__.__name__}: {str(why)[:120]})" if why else ""
        raise RejectInput(f"not a feed: no entries found{detail}", code="SIG-E105")
    feed = parsed.get("feed") or {}
    info = {"title": feed.get("title"), "language": feed.get("language")}
    for entry in entries:
        yield info, entry


def read_feed(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield one Article (or Reject) per entry of an RSS or Atom feed.

    The entry link is the URL, its published (else updated) date the date, its
    title the title and the first paragraph of the text (unless the content
    already starts with it).  A document that is not a feed, or a feed with no entries,
    is one Reject.  Feeds over ``STREAM_ABOVE_BYTES`` are parsed entry by entry.
    """
    import lxml.etree

    from sigact.ingest.base import read_limited

    try:
        data = read_limited(src, opts.max_bytes)
        decode_bytes(data)  # binary / undecodable check; the XML parser decodes by the declaration itself
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)
        return
    n = 0
    try:
        if len(data) > STREAM_ABOVE_BYTES:
            try:
                for info, entry in _stream_entries(data):
                    n += 1
                    yield _entry_item(entry, info, src, opts, n)
            except lxml.etree.XMLSyntaxError as exc:
                if n:
                    yield Reject(src.name, f"entry {n + 1}", f"broken feed XML: {str(exc)[:120]}")
                    return
            if n:
                return
        for info, entry in _whole_feed(data):
            n += 1
            yield _entry_item(entry, info, src, opts, n)
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)


def _first(entry: Any, *keys: str) -> Any:
    """The first present value among ``keys``, read without feedparser's deprecated key aliasing."""
    for key in keys:
        value = dict.get(entry, key)
        if value:
            return value
    return None


def _entry_item(entry: Any, info: dict[str, Any], src: InputSource, opts: ReadOptions, n: int) -> Item:
    position = f"entry {n}"
    if entry is None:
        return Reject(src.name, position, "broken feed entry: feedparser found nothing in it")
    try:
        text = entry_text(entry)
        if not text.strip():
            raise RejectInput("empty: feed entry has no content or summary", code="SIG-E107")
        title = " ".join(str(entry.get("title") or "").split())
        if title and not " ".join(text[: len(title) + 40].split()).startswith(title):
            text = f"{title}\n\n{text}"  # the headline is part of the report, as in a page or a .txt
        return make_article(
            text,
            src,
            opts,
            position=position,
            title=title or None,
            url=entry.get("link"),
            published=_first(entry, "published_parsed", "updated_parsed", "created_parsed", "published", "updated"),
            language_hint=info.get("language"),
            meta={"reader": "feed", "feed_title": info.get("title"), "entry_id": entry.get("id")},
        )
    except RejectInput as exc:
        return Reject(src.name, exc.position or position, exc.reason)
