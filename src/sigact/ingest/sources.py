"""Turning paths, folders, stdin and URLs into input sources and dispatching them to readers."""

from __future__ import annotations

import logging
import os
import stat
import zlib
from pathlib import Path
from typing import IO, Any, Iterator

from sigact.ingest.base import InputSource, Item, ReadOptions, Reject, RejectInput, replay_stream
from sigact.ingest.registry import Reader, reader_by_name, reader_for_name, sniff
from sigact.ingest.text import SIDECAR_SUFFIX

log = logging.getLogger(__name__)

__all__ = ["iter_path", "iter_stdin", "iter_url", "read_source", "fetch_url"]

_SNIFF_BYTES = 16384
_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream head (best effort, for sniffing)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
    except zlib.error:
        return b""


def read_source(src: InputSource, opts: ReadOptions, reader: Reader | None = None) -> Iterator[Item]:
    """Read one source with ``reader`` (else by sniffing it); never raises for bad input.

    A reader that fails unexpectedly ends that input with a Reject naming the
    error, so one bad file never stops a batch.
    """
    try:
        if reader is None:
            reader = _sniff_source(src)
        fn = reader.load()
        yield from fn(src, opts)
    except RejectInput as exc:
        yield Reject(src.name, exc.position, exc.reason)
    except PermissionError as exc:
        yield Reject(src.name, None, f"permission denied: {exc.strerror or exc}")
    except FileNotFoundError:
        yield Reject(src.name, None, "not found: no such file or directory")
    except OSError as exc:
        yield Reject(src.name, None, f"unreadable: {exc.strerror or exc}")
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, LookupError, RecursionError,
            EOFError, UnicodeError, MemoryError, NotImplementedError, AssertionError) as exc:
        # third-party parsers (feedparser, trafilatura, warcio) on hostile input
        log.warning("reader failed on %s: %r", src.name, exc)
        yield Reject(src.name, None, f"reader error: {exc.__class__.__name__}: {str(exc)[:160]}")


def _sniff_source(src: InputSource) -> Reader:
    """Pick a reader from the first bytes of ``src``; plain text when nothing else fits."""
    stream = src.open()
    try:
        head = stream.read(_SNIFF_BYTES)
    finally:
        stream.close()
    if head.startswith(_GZIP_MAGIC):
        src.gz = True
        inner = _gunzip_head(head)
        if inner.startswith(b"WARC/"):
            src.gz = False  # warcio reads gzip members itself
            return reader_by_name("warc")
        head = inner
    return sniff(head) or reader_by_name("text")


def _file_source(path: Path, *, size: int | None) -> InputSource:
    low = path.name.lower()
    gz = low.endswith(".gz") and not low.endswith(".warc.gz")
    return InputSource(name=str(path), opener=lambda: open(path, "rb"), path=path, gz=gz, size=size)


def iter_path(path: str | Path, opts: ReadOptions) -> Iterator[Item]:
    """Articles and Rejects of one file or folder (recursive)."""
    if isinstance(path, str) and path.startswith(("http://", "https://")):
        yield from iter_url(path, opts)
        return
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        yield Reject(str(path), None, "not found: no such file or directory")
        return
    except PermissionError as exc:
        yield Reject(str(path), None, f"permission denied: {exc.strerror or exc}")
        return
    except (OSError, ValueError) as exc:
        yield Reject(str(path), None, f"unreadable: {getattr(exc, 'strerror', None) or exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(p, opts, set())
    elif stat.S_ISREG(st.st_mode):
        src = _file_source(p, size=st.st_size)
        yield from read_source(src, opts, reader_for_name(p.name))
    else:
        yield Reject(str(path), None, "unsupported: not a regular file or folder")


def _walk(folder: Path, opts: ReadOptions, seen: set[str] | None = None) -> Iterator[Item]:
    """Recursive, sorted, skipping hidden entries and ``.meta.json`` sidecars; unknown types sniffed.

    Symlinked folders are followed once (a link back to a folder already being
    read is a Reject, not a loop).
    """
    seen = seen if seen is not None else set()
    real = os.path.realpath(folder)
    if real in seen:
        yield Reject(str(folder), None, "skipped: symlink loop (folder already read)")
        return
    seen.add(real)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError as exc:
        yield Reject(str(folder), None, f"permission denied: cannot list folder ({exc.strerror or exc})")
        return
    except OSError as exc:
        yield Reject(str(folder), None, f"unreadable folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(SIDECAR_SUFFIX):
            continue
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            yield Reject(str(p), None, f"unreadable: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk(p, opts, seen)
        elif is_file:
            reader = reader_for_name(entry.name)
            try:
                size = entry.stat().st_size
            except OSError as exc:
                yield Reject(str(p), None, f"unreadable: {exc.strerror or exc}")
                continue
            src = _file_source(p, size=size)
            if reader is None:
                reader = _sniff_known(src)
                if reader is None:
                    yield Reject(str(p), None, f"unsupported: file type '{p.suffix or p.name}' skipped")
                    continue
            yield from read_source(src, opts, reader)
        elif entry.is_symlink():
            yield Reject(str(p), None, "not found: broken symbolic link")
        else:
            yield Reject(str(p), None, "unsupported: not a regular file or folder")


def _sniff_known(src: InputSource) -> Reader | None:
    """In a folder, a file with an unknown suffix is read only when it sniffs as a structured format."""
    try:
        reader = _sniff_source(src)
    except OSError:
        return None
    return None if reader.name == "text" else reader


def iter_stdin(stream: IO[bytes], opts: ReadOptions) -> Iterator[Item]:
    """Articles and Rejects of standard input (format sniffed)."""
    try:
        head = stream.read(_SNIFF_BYTES)
    except OSError as exc:
        yield Reject("-", None, f"unreadable: {exc.strerror or exc}")
        return
    if isinstance(head, str):  # a text stream was passed: take its bytes
        head = head.encode("utf-8")
        stream = getattr(stream, "buffer", None) or _Encoded(stream)
    if not head:
        yield Reject("-", None, "empty: no input on stdin")
        return
    used = {"done": False}

    def opener() -> IO[bytes]:
        if used["done"]:
            raise RejectInput("stdin can be read only once")
        used["done"] = True
        return replay_stream(head, stream)

    gz = head.startswith(_GZIP_MAGIC)
    inner = _gunzip_head(head) if gz else head
    src = InputSource(name="-", opener=opener, gz=gz)
    if gz and inner.startswith(b"WARC/"):
        src.gz = False
        reader = reader_by_name("warc")
    else:
        reader = sniff(inner) or reader_by_name("text")
    yield from read_source(src, opts, reader)


class _Encoded:
    """Bytes view of a text stream."""

    def __init__(self, stream: Any):
        self._s = stream

    def read(self, n: int = -1) -> bytes:
        return self._s.read(n).encode("utf-8")


def fetch_url(url: str, *, max_bytes: int, timeout: float = 20.0, client: Any = None) -> InputSource:
    """Download ``url`` (httpx, with a timeout) into an in-memory source; RejectInput on failure."""
    import io

    import httpx

    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": "sigact (+offline news event coder)"})
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise RejectInput(f"network: HTTP {resp.status_code}", code="SIG-E108")
            chunks: list[bytes] = []
            total = 0
            for chunk in resp.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise RejectInput(f"too large: more than {max_bytes} bytes", code="SIG-E104")
                chunks.append(chunk)
            data = b"".join(chunks)
            ctype = resp.headers.get("content-type", "")
            final = str(resp.url)
    except httpx.HTTPError as exc:
        raise RejectInput(f"network: {exc.__class__.__name__}: {str(exc)[:120]}", code="SIG-E108") from exc
    finally:
        if own:
            client.close()
    return InputSource(name=url, opener=lambda: io.BytesIO(data), url=final, size=len(data),
                       meta={"content_type": ctype})


def iter_url(url: str, opts: ReadOptions, *, client: Any = None) -> Iterator[Item]:
    """Articles of a feed or page at ``url`` (needs a network; a Reject when there is none)."""
    try:
        src = fetch_url(url, max_bytes=opts.max_bytes, client=client)
    except RejectInput as exc:
        yield Reject(url, None, exc.reason)
        return
    ctype = src.meta.get("content_type", "").lower()
    reader = None
    if "rss" in ctype or "atom" in ctype:
        reader = reader_by_name("feed")
    yield from read_source(src, opts, reader)
