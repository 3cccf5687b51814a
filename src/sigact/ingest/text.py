"""Plain-text reader: one article per file, optional ``<name>.meta.json`` sidecar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from sigact.clean import clean_text
from sigact.ingest.base import InputSource, Item, ReadOptions, Reject, RejectInput, decode_bytes, make_article
from sigact.ingest.meta import date_from_stamp_lines, looks_like_headline

__all__ = ["read_text", "sidecar_path", "SIDECAR_SUFFIX"]

SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_KEYS = ("title", "published", "url", "outlet", "language", "id")


def sidecar_path(path: Path) -> Path:
    """``story.txt`` -> ``story.meta.json`` (``story.txt.gz`` too)."""
    name = path.name
    for suf in (".txt.gz", ".text", ".txt"):
        if name.lower().endswith(suf):
            name = name[: -len(suf)]
            break
    return path.with_name(name + SIDECAR_SUFFIX)


def _read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RejectInput(f"bad sidecar {side.name}: {exc}", code="SIG-E105") from exc
    if not isinstance(data, dict):
        raise RejectInput(f"bad sidecar {side.name}: not a JSON object", code="SIG-E105")
    return {k: data[k] for k in _SIDECAR_KEYS if data.get(k) not in (None, "")}


def read_text(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield the one Article of a text file (or a Reject).

    The title comes from the sidecar, else from the first line when it looks
    like a headline (the line stays in the text).  The date comes from the
    sidecar, else from a dropped date-stamp line ("Published: 24 Jan 2024").
    """
    from sigact.ingest.base import read_limited

    try:
        cleaned = clean_text(decode_bytes(read_limited(src, opts.max_bytes)))
        text = cleaned.text
        side = _read_sidecar(src.path) if src.path is not None else {}
        title = side.get("title")
        if not title:
            first, _, rest = text.strip().partition("\n")
            if looks_like_headline(first, rest):
                title = first.strip()
        published = side.get("published")
        meta: dict[str, object] = {"reader": "text", "dropped_lines": len(cleaned.dropped)}
        if not published and not opts.published:
            published = date_from_stamp_lines(cleaned.dropped)
            if published:
                meta["published_from"] = "date stamp in text"
        yield make_article(
            text,
            src,
            opts,
            title=title,
            url=side.get("url") or src.url,
            outlet=side.get("outlet"),
            published=published,
            language=side.get("language"),
            id=side.get("id"),
            meta=meta,
            clean=False,
        )
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)
