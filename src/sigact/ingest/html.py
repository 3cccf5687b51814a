"""HTML reader: main text by trafilatura (comments excluded), metadata from meta tags."""

from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from sigact.ingest.base import InputSource, Item, ReadOptions, Reject, RejectInput, decode_bytes, make_article
from sigact.ingest.meta import looks_like_headline

__all__ = ["read_html", "extract_html", "html_fragment_to_text", "html_article"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_KILL_TAGS = ["nav", "noscript", "button", "select", "textarea", "svg", "iframe", "template", "dialog"]
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
}


@functools.lru_cache(maxsize=1)
def _cleaner() -> Any:
    from lxml_html_clean import Cleaner

    return Cleaner(
        scripts=True, javascript=True, comments=True, style=True, inline_style=True, links=False,
        meta=False, page_structure=False, processing_instructions=True, embedded=True, frames=True,
        forms=True, annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=False,
        kill_tags=_KILL_TAGS,
    )


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = _HTTP_CHARSET.search(content_type)
        if m:
            return m[1]
    m = _CHARSET.search(data[:4096])
    return m[1].decode("ascii") if m else None


def _element_text(el: Any) -> str:
    """Text of a trafilatura body element with ``<lb/>`` as line breaks."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _body_to_text(body: Any) -> str:
    """Paragraphs of trafilatura's XML body, separated by blank lines."""
    blocks: list[str] = []
    for el in body:
        if el.tag == "list":
            items = [" ".join(_element_text(i).split()) for i in el.iter("item")]
            blocks.append("\n".join(i for i in items if i))
        elif el.tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [" ".join(_element_text(c).split()) for c in row.iter("cell")]
                rows.append(" | ".join(c for c in cells if c))
            blocks.append("\n".join(r for r in rows if r))
        else:
            lines = [" ".join(part.split()) for part in _element_text(el).split("\n")]
            blocks.append("\n".join(x for x in lines if x))
    return "\n\n".join(b for b in blocks if b)


def extract_html(html: str, *, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of an HTML page, or None when no article text is found.

    Returns a mapping with ``text`` (paragraphs separated by blank lines, not yet
    boilerplate-cleaned), ``title``, ``url``, ``sitename``, ``date`` (ISO) and
    ``language`` (from ``<html lang>``, may be None).
    """
    import lxml.etree
    import trafilatura
    from lxml_html_clean import Cleaner  # noqa: F401  (import errors surface here, not mid-batch)

    try:
        cleaned = _cleaner().clean_html(html)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        cleaned = html
    doc = trafilatura.bare_extraction(
        cleaned, url=url, include_comments=False, with_metadata=True, include_tables=True,
        include_images=False, include_links=False,
        # no guessing from URLs or free text: a wrong date is worse than the WARC/feed fallback
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    body = getattr(doc, "body", None)
    text = _body_to_text(body) if body is not None and len(body) else (doc.text or "")
    if not text.strip():
        return None
    lang = None
    m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})\b", html[:4096], re.I)
    if m:
        lang = m[1].lower()
    return dict(
        text=text, title=doc.title, url=doc.url or url, sitename=doc.sitename, date=doc.date, language=lang,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed entry's content), blocks on separate paragraphs."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        import html as _html

        return _html.unescape(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment)
    for bad in root.xpath(".//script|.//style|.//noscript|.//form|.//iframe|.//button"):
        bad.drop_tree()
    out: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            out.append("\n\n" if tag.lower() not in ("br", "li", "tr") else "\n")
        if el.text and isinstance(el.tag, str):
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block and tag.lower() not in ("br",):
            out.append("\n\n" if tag.lower() not in ("li", "tr") else "\n")

    walk(root)
    text = "".join(out)
    text = re.sub(r"[^\S\n]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def read_html(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield the one Article of an HTML page (or a Reject)."""
    from sigact.ingest.base import read_limited

    try:
        data = read_limited(src, opts.max_bytes)
        html = decode_bytes(data, declared=_declared_charset(data, src.meta.get("content_type")))
        yield from html_article(html, src, opts)
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)


def _article_url(url: str | None) -> str | None:
    """A page's own canonical/og:url, unless it points at a site's home page (a common CMS
    misconfiguration that would give every article the same id)."""
    from urllib.parse import urlsplit

    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.path in ("", "/") and not parts.query:
        return None
    return url


def html_article(
    html: str,
    src: InputSource,
    opts: ReadOptions,
    *,
    position: str | None = None,
    url: str | None = None,
    fallback_date: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Iterator[Item]:
    """Build the Article of one decoded page (used by the HTML and WARC readers)."""
    url = url or src.url
    found = extract_html(html, url=url)
    if found is None:
        raise RejectInput("empty: no article text found in HTML", position=position, code="SIG-E107")
    title = found["title"]
    if not title:
        first, _, rest = found["text"].strip().partition("\n")
        title = first.strip() if looks_like_headline(first, rest) else None
    yield make_article(
        found["text"],
        src,
        opts,
        position=position,
        title=title,
        url=url or _article_url(found["url"]),
        outlet=found["sitename"],
        published=found["date"] or fallback_date,
        language_hint=found["language"],
        meta={"reader": "html", **(meta or {})},
    )
