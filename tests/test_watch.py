"""sigact watch: conditional GET, politeness, backoff, restart, no re-ingest (httpx MockTransport, no network)."""

import httpx
import pytest

from sigact.model import Article
from sigact.scale.watch import FeedWatcher, parse_every, read_feed_list

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test wire</title><link>https://wire.example/</link>
<item><title>Gunmen kill four farmers in Mali</title><link>https://wire.example/a1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>Gunmen killed four farmers near the village of Tanda on Monday, officials said.</description></item>
{extra}
</channel></rss>"""
EXTRA = """<item><title>Police arrest protesters in Nairobi</title><link>https://wire.example/a2</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>Police arrested 25 protesters in Nairobi on Tuesday after a march against new taxes.</description></item>"""


class FakePipeline:
    """Counts what reaches extraction."""

    def __init__(self):
        self.seen = []

    def pipe(self, articles, **_):
        for a in articles:
            self.seen.append(a.url)
            yield a, []

    def process(self, article):
        self.seen.append(article.url)
        return []


class Server:
    def __init__(self):
        self.body = RSS.format(extra="")
        self.etag = '"v1"'
        self.fail = False
        self.requests = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((str(request.url), dict(request.headers)))
        if self.fail:
            return httpx.Response(503)
        if request.headers.get("if-none-match") == self.etag:
            return httpx.Response(304)
        return httpx.Response(200, content=self.body.encode(), headers={"ETag": self.etag,
                              "Last-Modified": "Wed, 06 Mar 2024 10:00:00 GMT"})


class Clock:
    def __init__(self):
        self.t = 1000.0
        self.slept = []

    def __call__(self):
        return self.t

    def sleep(self, s):
        self.slept.append(s)
        self.t += s


@pytest.fixture
def store(tmp_path):
    from sigact.store import Store

    with Store.open(f"sqlite:///{tmp_path / 'w.db'}") as s:
        yield s


def _watcher(store, server, clock, pipe, feeds=("https://wire.example/rss",), every=60):
    client = httpx.Client(transport=httpx.MockTransport(server))
    return FeedWatcher(store, list(feeds), every=every, client=client, pipeline=pipe, host_delay=2.0,
                       clock=clock, sleep=clock.sleep)


def test_watch_parse_every_and_feed_list():
    assert parse_every("5m") == 300 and parse_every("30s") == 30 and parse_every("2h") == 7200
    assert parse_every("90") == 90
    with pytest.raises(ValueError):
        parse_every("soon")
    assert read_feed_list("# feeds\nhttps://a/rss\n\nhttps://b/atom  # b\nhttps://a/rss\n") == ["https://a/rss", "https://b/atom"]


def test_watch_conditional_get_and_no_reingest(store):
    server, clock, pipe = Server(), Clock(), FakePipeline()
    w = _watcher(store, server, clock, pipe)
    [r] = w.poll_once()
    assert r.status == "fetched" and r.new_articles == 1
    assert store.counts()["articles"] == 1
    clock.t += 61
    [r] = w.poll_once()
    assert r.status == "not modified"
    assert server.requests[-1][1]["if-none-match"] == '"v1"'
    # the feed changes: one new entry; the old one is not ingested again
    server.body, server.etag = RSS.format(extra=EXTRA), '"v2"'
    clock.t += 61
    [r] = w.poll_once()
    assert r.status == "fetched" and r.new_articles == 1
    assert store.counts()["articles"] == 2
    assert pipe.seen == ["https://wire.example/a1", "https://wire.example/a2"]


def test_watch_state_survives_restart(store):
    server, clock, pipe = Server(), Clock(), FakePipeline()
    _watcher(store, server, clock, pipe).poll_once()
    clock.t += 61
    [r] = _watcher(store, server, clock, pipe).poll_once()  # a new watcher: validators from the store
    assert r.status == "not modified"
    state = store.feed_state("https://wire.example/rss")
    assert state.etag == '"v1"' and state.failures == 0


def test_watch_backs_off_on_errors_and_keeps_going(store):
    server, clock, pipe = Server(), Clock(), FakePipeline()

    def flaky(request):
        if "down" in str(request.url):
            raise httpx.ConnectError("connection refused", request=request)
        return server(request)

    client = httpx.Client(transport=httpx.MockTransport(flaky))
    w = FeedWatcher(store, ["https://down.example/rss", "https://wire.example/rss"], every=60, client=client,
                    pipeline=pipe, clock=clock, sleep=clock.sleep)
    results = w.poll_once()
    assert [r.status for r in results] == ["failed", "fetched"]
    st = store.feed_state("https://down.example/rss")
    assert st.failures == 1 and st.next_poll == clock.t + 60
    clock.t += 61
    assert w.poll_feed("https://down.example/rss").status == "failed"
    assert store.feed_state("https://down.example/rss").next_poll == clock.t + 120  # doubled
    assert w.poll_feed("https://down.example/rss").status == "waiting"


def test_watch_is_polite_per_host(store):
    server, clock, pipe = Server(), Clock(), FakePipeline()
    w = _watcher(store, server, clock, pipe, feeds=("https://wire.example/rss", "https://wire.example/rss2",
                                                   "https://other.example/rss"))
    w.poll_once()
    assert clock.slept == [2.0]  # only between the two requests to wire.example
