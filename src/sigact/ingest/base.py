"""Shared pieces of the readers: the Reject record, input sources, decoding, article building."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from sigact.clean import clean_text
from sigact.errors import InputError
from sigact.model import Article

__all__ = [
    "Reject",
    "Item",
    "ReadOptions",
    "InputSource",
    "RejectInput",
    "read_limited",
    "decode_bytes",
    "make_article",
    "GZIP_ERRORS",
]

#: what a truncated or corrupt gzip stream raises while being read
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


@dataclass(frozen=True)
class Reject:
    """An input, or one record of it, that could not be read.

    ``input`` names the file ("-" for stdin, or a URL), ``position`` the record
    inside it ("line 12", "offset 5120", "entry 3") or ``None`` for the whole
    input, ``reason`` says why in one line ("not found: no such file").
    """

    input: str
    position: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The rejects-log record: ``{"input", "position", "reason"}``."""
        return {"input": self.input, "position": self.position, "reason": self.reason}


Item = Article | Reject


class RejectInput(InputError):
    """Raised inside a reader to reject the current input/record; turned into a :class:`Reject`."""

    def __init__(self, reason: str, *, position: str | None = None, code: str = "SIG-E100"):
        super().__init__(reason, code=code)
        self.reason = reason
        self.position = position


@dataclass(frozen=True)
class ReadOptions:
    """Settings every reader receives."""

    published: str | None = None  # overrides every article's publication date
    max_bytes: int = 50 * 2**20


@dataclass
class InputSource:
    """One input to read: a file, stdin or a fetched URL.

    ``open()`` returns a fresh binary stream of the raw bytes (stdin and URLs can
    be opened once).  ``gz`` says the raw bytes are gzip-compressed; ``size`` is
    the raw size when known.  ``meta`` carries what the transport knew (HTTP
    content type, final URL).
    """

    name: str
    opener: Callable[[], IO[bytes]]
    path: Path | None = None
    gz: bool = False
    size: int | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def open(self) -> IO[bytes]:
        """The raw byte stream."""
        return self.opener()

    def open_decompressed(self) -> IO[bytes]:
        """The byte stream, gunzipped when ``gz``."""
        raw = self.open()
        if not self.gz:
            return raw
        gz = gzip.GzipFile(fileobj=raw, mode="rb")
        gz.myfileobj = raw  # type: ignore[attr-defined]  # GzipFile.close() then closes the raw file too
        return gz  # type: ignore[return-value]


def read_limited(src: InputSource, max_bytes: int) -> bytes:
    """All bytes of ``src`` (decompressed), or RejectInput when over ``max_bytes`` or truncated.

    A plain file whose size on disk is over the limit is rejected without reading it.
    """
    if not src.gz and src.size is not None and src.size > max_bytes:
        raise RejectInput(f"too large: {src.size} bytes > limit {max_bytes}", code="SIG-E104")
    stream = src.open_decompressed()
    try:
        data = stream.read(max_bytes + 1)
    except GZIP_ERRORS as exc:
        raise RejectInput(f"truncated or corrupt gzip: {exc}", code="SIG-E106") from exc
    finally:
        stream.close()
    if len(data) > max_bytes:
        raise RejectInput(f"too large: more than {max_bytes} bytes", code="SIG-E104")
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` to text: BOM, then UTF-8, then ``declared``, then charset detection.

    Returns the text.  Raises RejectInput for binary data (NUL bytes, control
    characters) or bytes no encoding explains.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc))
            except (UnicodeDecodeError, LookupError) as exc:
                raise RejectInput(f"encoding: bad {enc} text: {exc.__class__.__name__}", code="SIG-E102") from exc
    if b"\x00" in data[:65536] or b"\x00" in data[-4096:]:
        raise RejectInput("binary: contains NUL bytes", code="SIG-E103")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _checked(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise RejectInput("encoding: undecodable bytes (not UTF-8, no charset detected)", code="SIG-E102")
    try:
        return _checked(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError) as exc:
        raise RejectInput(f"encoding: cannot decode as {best.encoding}", code="SIG-E102") from exc


def _checked(text: str) -> str:
    sample = text[:200_000]
    if sample and len(_BAD_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise RejectInput("binary: too many control characters", code="SIG-E103")
    return text


def make_article(
    text: str,
    src: InputSource,
    opts: ReadOptions,
    *,
    position: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    language: str | None = None,
    language_hint: str | None = None,
    id: str | None = None,
    meta: dict[str, Any] | None = None,
    clean: bool = True,
) -> Article:
    """Clean ``text``, fill metadata gaps and build the :class:`Article`.

    The outlet falls back to the URL's domain, the language to py3langid (then
    ``language_hint``, e.g. ``<html lang>``), and
    ``opts.published`` overrides any date.  Raises RejectInput when nothing is
    left after cleaning.
    """
    from sigact.ingest.meta import detect_language, normalise_date, normalise_language, outlet_from_url

    meta = dict(meta or {})
    if clean:
        result = clean_text(text)
        text = result.text
        if result.dropped:
            meta["dropped_lines"] = len(result.dropped)
    if not text.strip():
        raise RejectInput("empty: no article text after cleaning", position=position, code="SIG-E107")
    url = (url or "").strip() or None
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    outlet = (outlet.strip() if isinstance(outlet, str) and outlet.strip() else None) or outlet_from_url(url)
    date = opts.published or normalise_date(published)
    lang = normalise_language(language) or detect_language(text) or normalise_language(language_hint)
    return Article.create(
        text,
        id=str(id) if id not in (None, "") else None,
        title=title,
        url=url,
        outlet=outlet,
        published=date,
        language=lang,
        input=src.name,
        position=position,
        meta=meta,
    )


def replay_stream(head: bytes, rest: IO[bytes]) -> IO[bytes]:
    """A binary stream yielding ``head`` then the rest of ``rest`` (to sniff stdin without losing bytes)."""

    class _Chain(io.RawIOBase):
        def __init__(self) -> None:
            self._head = memoryview(head)
            self._pos = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            if self._pos < len(self._head):
                n = min(len(b), len(self._head) - self._pos)
                b[:n] = self._head[self._pos : self._pos + n]
                self._pos += n
                return n
            data = rest.read(len(b))
            n = len(data)
            b[:n] = data
            return n

    return io.BufferedReader(_Chain(), buffer_size=65536)
