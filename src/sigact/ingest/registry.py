"""The reader registry: file suffixes and sniffed content mapped to reader functions.

A reader is ``read(src: InputSource, opts: ReadOptions) -> Iterator[Article | Reject]``.
Readers are named by ``"module:function"`` and imported on first use, so
importing :mod:`sigact.ingest` stays light (trafilatura, feedparser and warcio
load only when a file needs them).  :func:`register` adds or replaces one.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from sigact.ingest.base import InputSource, Item, ReadOptions

__all__ = ["Reader", "register", "readers", "reader_for_name", "reader_by_name", "sniff"]

ReadFn = Callable[[InputSource, ReadOptions], Iterator[Item]]


@dataclass(frozen=True)
class Reader:
    """One input format: its ``name``, file ``suffixes`` (lower case, with dot, longest
    first wins), a ``sniff(head)`` test on the first decompressed bytes, and the
    ``target`` reader function (a callable or ``"module:function"``)."""

    name: str
    suffixes: tuple[str, ...]
    target: str | ReadFn
    sniff: Callable[[bytes], bool] | None = None
    priority: int = 0  # sniff order: higher first

    def load(self) -> ReadFn:
        """The reader function."""
        if callable(self.target):
            return self.target
        module, _, func = self.target.partition(":")
        return getattr(importlib.import_module(module), func)


def _head_text(head: bytes) -> str:
    return head[:8192].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower()


def _is_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


_FEED_RE = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|title)[\s>/]")


def _is_feed(head: bytes) -> bool:
    t = _head_text(head)
    return t.startswith("<") and bool(_FEED_RE.search(t[:4096]))


def _is_html(head: bytes) -> bool:
    t = _head_text(head)
    return t.startswith("<") and bool(_HTML_RE.search(t[:4096]))


def _is_jsonl(head: bytes) -> bool:
    t = _head_text(head)
    return t.startswith("{") or (t.startswith("[") and t[1:].lstrip().startswith("{"))


_REGISTRY: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    """Add ``reader`` (replacing one of the same name)."""
    _REGISTRY[reader.name] = reader


for _r in (
    Reader("warc", (".warc", ".warc.gz"), "sigact.ingest.warc:read_warc", _is_warc, priority=40),
    Reader("feed", (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz"), "sigact.ingest.feeds:read_feed",
           _is_feed, priority=30),
    Reader("html", (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"), "sigact.ingest.html:read_html",
           _is_html, priority=20),
    Reader("jsonl", (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz"),
           "sigact.ingest.jsonl:read_jsonl", _is_jsonl, priority=10),
    Reader("text", (".txt", ".text", ".txt.gz"), "sigact.ingest.text:read_text", None, priority=0),
):
    register(_r)


def readers() -> list[Reader]:
    """All registered readers, highest sniff priority first."""
    return sorted(_REGISTRY.values(), key=lambda r: -r.priority)


def reader_by_name(name: str) -> Reader:
    """The reader called ``name`` (KeyError when none)."""
    return _REGISTRY[name]


def reader_for_name(filename: str) -> Reader | None:
    """The reader whose suffix ends ``filename`` (longest suffix wins), or None."""
    low = filename.lower()
    best: tuple[int, Reader] | None = None
    for r in _REGISTRY.values():
        for suf in r.suffixes:
            if low.endswith(suf) and (best is None or len(suf) > best[0]):
                best = (len(suf), r)
    return best[1] if best else None


def sniff(head: bytes) -> Reader | None:
    """The reader whose content test accepts ``head`` (first decompressed bytes), or None."""
    for r in readers():
        if r.sniff is not None and r.sniff(head):
            return r
    return None
