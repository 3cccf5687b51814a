"""Reading news into :class:`sigact.model.Article` records.

:func:`read_inputs` streams articles from any mix of files, folders, ``"-"``
(stdin) and URLs.  Formats (see :mod:`sigact.ingest.registry`): plain text with
an optional ``<name>.meta.json`` sidecar, HTML, RSS/Atom, WARC/WARC.GZ, JSONL
(and ``.json``), any of them gzipped.  Every reader cleans the text with
:func:`sigact.clean.clean_text`.  Bad input never raises: each input or record
that cannot be read becomes a :class:`Reject` and reading goes on.

    for item in read_inputs(["news/", "feed.xml", "-"], published="2024-01-24"):
        if isinstance(item, Reject):
            log.write(json.dumps(item.to_dict()))
        else:
            store.add(item)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from sigact.errors import InputError
from sigact.ingest.base import InputSource, ReadOptions, Reject
from sigact.model import Article

__all__ = ["Reject", "read_inputs", "read_path", "read_text_input", "ReadOptions", "InputSource"]

DEFAULT_MAX_BYTES = 50 * 2**20


def _options(published: str | None, max_bytes: int) -> ReadOptions:
    from sigact.ingest.meta import normalise_date

    date = None
    if published is not None:
        date = normalise_date(published)
        if date is None:
            raise InputError(f"cannot parse the publication date {published!r} (use YYYY-MM-DD)", code="SIG-E109")
    if max_bytes <= 0:
        raise InputError(f"max_bytes must be positive, got {max_bytes}", code="SIG-E109")
    return ReadOptions(published=date, max_bytes=max_bytes)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Reject]:
    """Stream Articles (and Rejects) from files, folders, ``"-"`` (stdin) and http(s) URLs.

    ``published`` (any date string; stored as ISO ``YYYY-MM-DD``) overrides every
    article's publication date.  ``stdin`` replaces ``sys.stdin.buffer`` for
    ``"-"``.  ``max_bytes`` bounds what is read of any one file or record.
    Yields items in input order.  Raises InputError only for a bad ``published``
    or ``max_bytes`` argument (before reading anything); bad inputs become Rejects.
    """
    from sigact.ingest.sources import iter_path, iter_stdin

    opts = _options(published, max_bytes)
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not an iterable of characters
    for path in paths:
        if str(path) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from iter_stdin(stream, opts)
        else:
            yield from iter_path(path, opts)


def read_path(
    path: str | Path,
    *,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Reject]:
    """Articles and Rejects of one file, folder, URL or ``"-"`` (see :func:`read_inputs`)."""
    yield from read_inputs([path], published=published, stdin=stdin, max_bytes=max_bytes)


def read_text_input(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
    name: str = "<text>",
) -> Article | Reject:
    """One Article from an in-memory text (cleaned like a ``.txt`` file), or a Reject when empty."""
    import io

    from sigact.ingest.base import RejectInput, make_article

    src = InputSource(name=name, opener=lambda: io.BytesIO(text.encode("utf-8")))
    try:
        return make_article(text, src, ReadOptions(), title=title, url=url, outlet=outlet,
                            published=published, language=language, meta={"reader": "text"})
    except RejectInput as exc:
        return Reject(name, exc.position, exc.reason)
