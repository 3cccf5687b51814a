"""WARC / WARC.GZ reader (warcio, streaming): one Article per HTML response record.

Records are read one at a time, so memory is bounded by ``max_bytes`` per
record whatever the archive size.  ``response`` (and ``resource``) records with
an HTML body are extracted like HTML files, with ``WARC-Target-URI`` as the URL
and ``WARC-Date`` as the fallback publication date (CC-NEWS style).  Other
records (requests, metadata, images, PDFs) are skipped silently.  A record that
is broken or truncated yields a Reject at its byte offset; the archive cannot be
resynchronised after that, so reading stops there.
"""

from __future__ import annotations

import zlib
from typing import Any, Iterator

from sigact.ingest.base import (
    GZIP_ERRORS,
    InputSource,
    Item,
    ReadOptions,
    Reject,
    RejectInput,
    decode_bytes,
)

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BROKEN = (*GZIP_ERRORS, zlib.error, ValueError, IndexError, KeyError, TypeError, UnicodeDecodeError, OSError)


def _content_type(record: Any) -> str:
    http = getattr(record, "http_headers", None)
    if http is not None:
        ct = http.get_header("Content-Type")
        if ct:
            return ct
    return record.rec_headers.get_header("Content-Type") or ""


def _status_ok(record: Any) -> bool:
    http = getattr(record, "http_headers", None)
    if http is None or record.rec_type != "response":
        return True
    code = http.get_statuscode()
    return not code or str(code).startswith("2")


def read_warc(src: InputSource, opts: ReadOptions) -> Iterator[Item]:
    """Yield one Article (or Reject) per HTML response record of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from sigact.ingest.html import _declared_charset, html_article
    from sigact.ingest.meta import normalise_date

    try:
        stream = src.open()
    except OSError as exc:
        yield Reject(src.name, None, f"unreadable: {exc.strerror or exc}")
        return
    seen = produced = 0
    position = "offset 0"
    try:
        it = ArchiveIterator(stream, no_record_parse=False)
        records = iter(it)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, *_BROKEN) as exc:
                yield Reject(src.name, position, f"broken WARC record: {_short(exc)}")
                return
            seen += 1
            position = f"offset {getattr(it, 'offset', '?')}"
            try:
                if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
                    raise RejectInput("broken WARC record: no WARC-Type or Content-Length header", code="SIG-E106")
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = _content_type(record)
                if not any(t in ctype.lower() for t in _HTML_TYPES) or not _status_ok(record):
                    continue
                body = record.content_stream().read(opts.max_bytes + 1)
                if len(body) > opts.max_bytes:
                    raise RejectInput(f"too large: record body over {opts.max_bytes} bytes", code="SIG-E104")
                it.read_to_end(record)
                missing = getattr(record.raw_stream, "limit", 0)
                if isinstance(missing, int) and missing > 0:
                    raise RejectInput(f"truncated WARC record: {missing} bytes missing", code="SIG-E106")
                html = decode_bytes(body, declared=_declared_charset(body, ctype))
                url = record.rec_headers.get_header("WARC-Target-URI")
                warc_date = record.rec_headers.get_header("WARC-Date")
                produced += 1
                yield from html_article(
                    html,
                    src,
                    opts,
                    position=position,
                    url=url,
                    fallback_date=normalise_date(warc_date),
                    meta={
                        "reader": "warc",
                        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                        "warc_date": warc_date,
                    },
                )
            except RejectInput as exc:
                produced += 1
                yield Reject(src.name, exc.position or position, exc.reason)
            except (ArchiveLoadFailed, *_BROKEN) as exc:
                yield Reject(src.name, position, f"broken WARC record: {_short(exc)}")
                return
    except (ArchiveLoadFailed, *_BROKEN) as exc:
        yield Reject(src.name, position, f"broken WARC record: {_short(exc)}")
    finally:
        stream.close()
    if seen == 0:
        yield Reject(src.name, None, "empty: no WARC records")
    elif produced == 0:
        yield Reject(src.name, None, f"empty: no HTML response records among {seen} records")


def _short(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{exc.__class__.__name__}: {msg}" if msg else exc.__class__.__name__
