"""JSONL reader: one article per line (``text`` required; ``id``, ``title``, ``url``,
``published``, ``outlet``, ``language`` optional).  A ``.json`` file holding one
object or a list of objects is read the same way."""

from __future__ import annotations

import json
from typing import IO, Any, Iterator

from sigact.ingest.base import (
    GZIP_ERRORS,
    InputSource,
    Item,
    ReadOptions,
    Reject,
    RejectInput,
    decode_bytes,
    make_article,
)

__all__ = ["read_jsonl", "record_article"]

_CHUNK = 1 << 16


def record_article(record: Any, src: InputSource, opts: ReadOptions, position: str) -> Item:
    """The Article of one decoded JSON record, or a Reject saying what is wrong with it."""
    if not isinstance(record, dict):
        return Reject(src.name, position, f"json: expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Reject(src.name, position, "json: no 'text' field (or it is empty / not a string)")
    fields = {}
    for key in ("title", "url", "outlet", "language"):
        value = record.get(key)
        fields[key] = value if isinstance(value, str) else None
    rid = record.get("id")
    try:
        return make_article(
            text,
            src,
            opts,
            position=position,
            id=str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip() else None,
            published=record.get("published") if isinstance(record.get("published"), (str, int, float)) else None,
            meta={"reader": "jsonl"},
            **fields,
        )
    except RejectInput as exc:
        return Reject(src.name, exc.position or position, exc.reason)


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` per line; ``None`` for a line over ``max_bytes`` (skipped unread)."""
    n = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line in bounded chunks
                chunk = stream.readline(_CHUNK)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def read_jsonl(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield one Article (or Reject with the line number) per non-blank line."""
    try:
        stream = src.open_decompressed()
    except OSError as exc:
        yield Reject(src.name, None, f"unreadable: {exc.strerror or exc}")
        return
    n = 0
    try:
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        is_json = src.name.lower().endswith((".json", ".json.gz"))
        if (is_json and not head.lstrip().startswith(b"{")) or (src.name == "-" and head.lstrip().startswith(b"[")):
            yield from _read_json_document(stream, src, opts)
            return
        for n, raw in _lines(stream, opts.max_bytes):
            position = f"line {n}"
            if raw is None:
                yield Reject(src.name, position, f"too large: line over {opts.max_bytes} bytes")
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw))
            except RejectInput as exc:
                yield Reject(src.name, position, exc.reason)
                continue
            except (json.JSONDecodeError, RecursionError) as exc:
                yield Reject(src.name, position, f"json: not valid JSON ({_msg(exc)})")
                continue
            yield record_article(record, src, opts, position)
    except GZIP_ERRORS as exc:
        yield Reject(src.name, f"line {n + 1}", f"truncated or corrupt gzip: {exc}")
    except OSError as exc:
        yield Reject(src.name, f"line {n + 1}", f"unreadable: {exc.strerror or exc}")
    finally:
        stream.close()


def _read_json_document(stream: IO[bytes], src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    data = stream.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        yield Reject(src.name, None, f"too large: more than {opts.max_bytes} bytes")
        return
    try:
        doc = json.loads(decode_bytes(data))
    except RejectInput as exc:
        yield Reject(src.name, None, exc.reason)
        return
    except (json.JSONDecodeError, RecursionError) as exc:
        yield Reject(src.name, None, f"json: not valid JSON ({_msg(exc)})")
        return
    records = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(records, 1):
        yield record_article(record, src, opts, f"record {i}")


def _msg(exc: BaseException) -> str:
    return str(exc)[:120] or exc.__class__.__name__
