"""``sigact watch``: poll RSS/Atom feeds and ingest what is new.

* Conditional GET: each feed's ``ETag`` and ``Last-Modified`` are kept and sent back
  (``If-None-Match`` / ``If-Modified-Since``); a ``304`` costs nothing.
* Polite: requests to one host are at least ``host_delay`` seconds apart; a feed that fails is
  retried with exponential backoff (up to ``max_backoff``), the others go on.
* Never re-ingests: entries are articles keyed by their link (``sigact.model.article_id_for``);
  the store skips an unchanged article before any NLP, and a changed one becomes a revision.
* Survives restarts: feed state lives in the store's ``feeds`` table (``Store.feed_state`` /
  ``Store.save_feed_state``), so a restarted watcher resumes with the same validators.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

__all__ = ["FeedState", "FeedWatcher", "parse_every", "read_feed_list"]


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: float | None = None
    last_status: str | None = None
    failures: int = 0
    next_poll: float | None = None
    entries_seen: int = 0


def parse_every(value: str) -> float:
    """Seconds of a polling interval: ``90``, ``90s``, ``5m``, ``2h``."""
    v = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if v[-1] in units:
            secs = float(v[:-1]) * units[v[-1]]
        else:
            secs = float(v)
    except (ValueError, IndexError):
        raise ValueError(f"not an interval: {value!r} (use e.g. 30s, 5m, 1h)") from None
    if secs <= 0:
        raise ValueError(f"the interval must be positive: {value!r}")
    return secs


def read_feed_list(text: str) -> list[str]:
    """Feed URLs from a FEEDS.txt: one per line, ``#`` comments and blank lines ignored, no duplicates."""
    out: list[str] = []
    for line in text.splitlines():
        url = line.split("#", 1)[0].strip()
        if url and url not in out:
            out.append(url)
    return out


@dataclass
class PollResult:
    url: str
    status: str
    new_articles: int = 0
    events: int = 0
    error: str | None = None
    failed: int = 0                   # entries whose extraction failed (stored, retried on the next run)
    rejected: int = 0                 # lines written to the rejects log (unreadable entries and failures)
    first_reject: str | None = None   # "input: reason" of the first of them
    rejects_path: str | None = None


@dataclass
class FeedWatcher:
    """Polls ``feeds`` into ``store``.  ``client`` is an ``httpx.Client`` (tests pass one with a
    ``MockTransport``); ``clock``/``sleep`` are injectable for tests."""

    store: Any
    feeds: list[str]
    every: float = 300.0
    client: Any = None
    pipeline: Any = None
    host_delay: float = 2.0
    max_backoff: float = 3600.0
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    _last_host: dict[str, float] = field(default_factory=dict)

    def _http(self) -> Any:
        if self.client is None:
            import httpx

            from sigact import __version__

            self.client = httpx.Client(timeout=30.0, follow_redirects=True,
                                       headers={"User-Agent": f"sigact/{__version__} (feed watcher)"})
        return self.client

    def _polite(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_host.get(host)
        if last is not None:
            wait = self.host_delay - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_host[host] = self.clock()

    def _articles(self, url: str, body: bytes) -> Iterator[Any]:
        from sigact.ingest.base import InputSource, ReadOptions
        from sigact.ingest.feeds import read_feed

        src = InputSource(name=url, opener=lambda: io.BytesIO(body), url=url, size=len(body))
        yield from read_feed(src, ReadOptions())

    def poll_feed(self, url: str) -> PollResult:
        """One conditional GET of one feed, and the ingest of its entries."""
        from sigact.store.ingest import run_ingest

        state: FeedState = self.store.feed_state(url) or FeedState(url)
        now = self.clock()
        if state.next_poll is not None and now < state.next_poll:
            return PollResult(url, "waiting")
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        self._polite(url)
        try:
            resp = self._http().get(url, headers=headers)
        except Exception as exc:  # noqa: BLE001 - any transport error: back off, keep going
            return self._failed(state, f"network error: {exc.__class__.__name__}: {exc}")
        if resp.status_code == 304:
            self.store.save_feed_state(replace(state, last_polled=now, last_status="304", failures=0,
                                               next_poll=now + self.every))
            return PollResult(url, "not modified")
        if resp.status_code >= 400:
            return self._failed(state, f"HTTP {resp.status_code}")
        summary = run_ingest([url], self.store, pipeline=self.pipeline,
                             reader=lambda _paths, **_kw: self._articles(url, resp.content))
        self.store.save_feed_state(replace(
            state, etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
            last_polled=now, last_status=str(resp.status_code), failures=0, next_poll=now + self.every,
            entries_seen=state.entries_seen + summary.read))
        return PollResult(url, "fetched", new_articles=summary.stored + summary.revised, events=summary.events,
                          failed=summary.failed, rejected=summary.rejected, first_reject=summary.first_reject,
                          rejects_path=summary.rejects_path)

    def _failed(self, state: FeedState, error: str) -> PollResult:
        now = self.clock()
        failures = state.failures + 1
        backoff = min(self.max_backoff, self.every * (2 ** (failures - 1)))
        self.store.save_feed_state(replace(state, last_polled=now, last_status=error, failures=failures,
                                           next_poll=now + backoff))
        log.warning("feed %s: %s (retry in %.0f s)", state.url, error, backoff)
        return PollResult(state.url, "failed", error=error)

    def poll_once(self) -> list[PollResult]:
        """Poll every feed that is due, once."""
        return [self.poll_feed(url) for url in self.feeds]

    def run(self, rounds: int | None = None, on_round: Callable[[list[PollResult]], None] | None = None) -> None:
        """Poll forever (or ``rounds`` times), sleeping ``every`` seconds between rounds."""
        n = 0
        while rounds is None or n < rounds:
            results = self.poll_once()
            if on_round is not None:
                on_round(results)
            n += 1
            if rounds is None or n < rounds:
                self.sleep(self.every)


def feed_states(store: Any, urls: Iterable[str]) -> list[FeedState]:
    return [store.feed_state(u) or FeedState(u) for u in urls]
