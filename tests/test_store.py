"""Store: round trip, idempotency, revisions, filters, pagination, aggregates — on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sigact.errors import InputError, StoreError
from sigact.model import Actor, Article, DateSpan, Event, Evidence, Link, Place, Source
from sigact.store import Store
from sigact.store.migrate import head_revision
from sigact.store.schema import Base

TEXT = "Gunmen attacked a market in Kano on Monday, killing three people and wounding five, police said."


def make_article(n: int = 1, text: str = TEXT, **kw) -> Article:
    kw.setdefault("url", f"https://news.example/story/{n}")
    kw.setdefault("published", "2024-01-02")
    kw.setdefault("outlet", "Example News")
    return Article.create(text, title=f"Story {n}", language="en", input="batch.jsonl", position=f"line {n}",
                          meta={"feed": "test", "n": n}, **kw)


def full_event(article: Article, eid: str = "ev-1", **kw) -> Event:
    """An event with every field set."""
    ev = Event(
        id=eid,
        article_id=article.id,
        factuality="asserted",
        acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack",
        plover_type="ASSAULT",
        plover_mode="shooting",
        cameo_root="18",
        ucdp_type=3,
        actor1=Actor(text="Gunmen", name="Unidentified gunmen", acled_name="Unidentified Armed Group (Nigeria)",
                     country="NGA", type="unidentified armed group"),
        actor2=Actor(text="people", name="Civilians", acled_name="Civilians (Nigeria)", country="NGA", type="civilians"),
        location=Place(text="Kano", name="Kano", admin1="Kano", admin2="Kano Municipal", country="NGA",
                       lat=12.0022, lon=8.592, precision="town", geonameid=2335204),
        date=DateSpan(start="2024-01-01", end="2024-01-01", precision="day", text="on Monday"),
        fatalities=3,
        injuries=5,
        abducted=0,
        arrested=None,
        trigger="attacked",
        evidence=(Evidence("trigger", 7, 15, "attacked"), Evidence("fatalities", 46, 67, "killing three people"),
                  Evidence("location", 28, 32, "Kano")),
        confidence=0.87,
        links=(Link("in_response_to", "ev-0", Evidence("link", 0, 6, "Gunmen")), Link("after", "ev-9", None)),
        sources=(Source(article.id, article.url, article.outlet, article.published),
                 Source("url:other", "https://other.example/a", "Other Outlet", "2024-01-03")),
        version="sigact-0.1",
    )
    return Event(**{**{f: getattr(ev, f) for f in ev.__dataclass_fields__}, **kw})


@pytest.fixture
def store(db_url: str):
    with Store.open(db_url) as st:
        yield st


def test_migrations_match_models_and_are_recorded(store: Store) -> None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert ctx.get_current_revision() == head_revision() == "0005_feeds"
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
    # opening again is a no-op upgrade
    Store.open(store.url).close()


def test_round_trip_every_field(store: Store) -> None:
    art = make_article()
    ev = full_event(art)
    minimal = Event(id="ev-2", article_id=art.id, factuality="threat")
    res = store.add_batch([(art, [ev, minimal])])
    assert (res.stored, res.events) == (1, 2)
    assert store.get_event("ev-1") == ev
    assert store.get_event("ev-1").to_dict() == ev.to_dict()
    got_min = store.get_event("ev-2")
    # an event without sources gets its article as source
    assert got_min.sources == (Source(art.id, art.url, art.outlet, art.published),)
    assert got_min.factuality == "threat" and got_min.location is None and got_min.date is None
    assert store.get_article(art.id) == art
    assert store.get_event("nope") is None and store.get_article("nope") is None
    page, cursor = store.query_events(factuality=None)
    assert cursor is None and {e.id for e in page} == {"ev-1", "ev-2"}
    assert [e for e in page if e.id == "ev-1"] == [ev]
    assert store.counts() == dict(articles=1, revisions=1, events=2, incidents=1, clusters=2, actors=2, places=1,
                                  sources=3, evidence=3, links=2)


def test_add_batch_is_idempotent(store: Store) -> None:
    arts = [make_article(i, TEXT + f" Report {i}.") for i in range(5)]
    batch = [(a, [full_event(a, f"ev-{i}")]) for i, a in enumerate(arts)]
    first = store.add_batch(batch)
    before = store.counts()
    second = store.add_batch(batch)
    assert (first.stored, first.duplicates, first.events) == (5, 0, 5)
    assert (second.stored, second.duplicates, second.events, second.article_ids) == (0, 5, 0, [])
    assert store.counts() == before
    # the same article twice inside one batch is stored once
    dup = make_article(99)
    res = store.add_batch([(dup, []), (dup, [])])
    assert (res.stored, res.duplicates) == (1, 1)


def test_article_status_and_revision(store: Store) -> None:
    old = make_article(1)
    assert store.article_status(old) == "new"
    store.add_batch([(old, [full_event(old, "old-a"), full_event(old, "old-b")])])
    assert store.article_status(old) == "same"
    # whitespace/case-only differences hash the same (normalised text)
    assert store.article_status(make_article(1, "  " + TEXT.upper())) == "same"
    new = make_article(1, TEXT.replace("three", "four"))
    assert new.id == old.id and store.article_status(new) == "changed"
    res = store.add_batch([(new, [full_event(new, "new-a", fatalities=4)])])
    assert (res.revised, res.stored, res.events) == (1, 0, 1)
    assert store.get_event("old-a") is None and store.get_event("old-b") is None
    assert store.get_event("new-a").fatalities == 4
    assert store.get_article(old.id).text == new.text
    assert store.get_article(old.id, revision=1).text == old.text
    assert [r["revision"] for r in store.article_revisions(old.id)] == [1, 2]
    c = store.counts()
    assert (c["articles"], c["revisions"], c["events"]) == (1, 2, 1)
    # re-extracted events may reuse the old ids
    newer = make_article(1, TEXT.replace("three", "five"))
    store.add_batch([(newer, [full_event(newer, "new-a", fatalities=5)])])
    assert store.get_event("new-a").fatalities == 5 and store.counts()["events"] == 1


def test_no_extract_then_extract(store: Store) -> None:
    art = make_article(1)
    res = store.add_batch([(art, [])], extracted=False)
    assert res.stored == 1 and store.counts()["events"] == 0
    # stored without extraction: a later extracting run adds its events, without a new revision
    res = store.add_batch([(art, [full_event(art)])], extracted=True)
    assert (res.extracted, res.duplicates, res.events) == (1, 0, 1)
    assert store.counts()["revisions"] == 1
    res = store.add_batch([(art, [full_event(art)])])
    assert res.duplicates == 1


def _seed(store: Store) -> dict[str, Event]:
    art1, art2 = make_article(1), make_article(2, TEXT + " More.")
    evs = {
        "a": full_event(art1, "a"),
        "b": full_event(art1, "b", acled_event_type="Battles", acled_sub_event_type="Armed clash",
                        plover_type="FIGHT", date=DateSpan("2024-02-10", "2024-02-12", "range", "last week"),
                        location=Place(name="Maiduguri", admin1="Borno", country="NGA", lat=11.85, lon=13.16,
                                       precision="town"),
                        actor1=Actor(name="Boko Haram", acled_name="Boko Haram - JAS", type="rebel", country="NGA"),
                        evidence=(Evidence("trigger", 0, 5, "clashed with troops"),), fatalities=10),
        "c": full_event(art2, "c", factuality="threat", date=DateSpan("2024-03-05", "2024-03-05", "day", None),
                        location=Place(name="Baghdad", admin1="Baghdad", country="IRQ", lat=33.34, lon=44.4,
                                       precision="town"),
                        actor1=Actor(name="Kataib Hezbollah", type="militia", country="IRQ"), actor2=None,
                        sources=(), evidence=(Evidence("trigger", 0, 8, "threatened"),), fatalities=None),
        "d": full_event(art2, "d", date=None, location=Place(name="Suva", country="FJI", lat=-18.14, lon=178.44),
                        acled_event_type="Protests", acled_sub_event_type="Peaceful protest", plover_type="PROTEST",
                        actor1=Actor(name="Protesters", acled_name="Protesters (Fiji)", type="protesters"),
                        actor2=None, sources=(), evidence=(), fatalities=0),
    }
    store.add_batch([(art1, [evs["a"], evs["b"]]), (art2, [evs["c"], evs["d"]])])
    return evs


def _ids(store: Store, **filters) -> set[str]:
    events, _ = store.query_events(limit=1000, **filters)
    assert store.count_events(**filters) == len(events)
    return {e.id for e in events}


def test_each_filter(store: Store) -> None:
    _seed(store)
    assert _ids(store) == {"a", "b", "d"}  # asserted only by default
    assert _ids(store, factuality=None) == {"a", "b", "c", "d"}
    assert _ids(store, factuality="threat") == {"c"}
    assert _ids(store, factuality=["threat", "asserted"]) == {"a", "b", "c", "d"}
    assert _ids(store, since="2024-02-11", factuality=None) == {"b", "c"}  # b's range overlaps
    assert _ids(store, until="2024-01-31") == {"a", "d"}
    assert _ids(store, since="2024-02", until="2024-02") == {"b"}  # month window overlaps b's range
    assert _ids(store, country="nga") == {"a", "b"}
    assert _ids(store, country=["IRQ", "FJI"], factuality=None) == {"c", "d"}
    assert _ids(store, admin1="Borno") == {"b"}
    assert _ids(store, bbox=(0, 0, 20, 20)) == {"a", "b"}
    assert _ids(store, bbox=(170, -30, -170, 0)) == {"d"}  # crosses the antimeridian
    assert _ids(store, event_type="Battles") == {"b"}
    assert _ids(store, event_type=["Battles", "Protests"]) == {"b", "d"}
    assert _ids(store, sub_event_type="Attack") == {"a"}
    assert _ids(store, plover_type="protest") == {"d"}
    assert _ids(store, actor="boko") == {"b"}
    assert _ids(store, actor="Civilians (Nigeria)") == {"a", "b"}
    assert _ids(store, min_sources=2) == {"a", "b"}
    assert _ids(store, q="CLASHED") == {"b"}
    assert _ids(store, q="Suva") == {"d"}
    assert _ids(store, q="100%_") == set()  # LIKE wildcards are escaped
    assert _ids(store, article_id=make_article(2).id, factuality=None) == {"c", "d"}
    assert _ids(store, country="NGA", event_type="Battles", since="2024-02-01") == {"b"}
    with pytest.raises(InputError):
        store.query_events(since="last tuesday")
    with pytest.raises(TypeError):
        store.query_events(colour="red")


def test_pagination_is_stable(store: Store) -> None:
    arts = []
    for i in range(23):
        a = make_article(i, TEXT + f" n{i}")
        day = f"2024-01-{1 + i % 5:02d}"  # many ties on date: the id breaks them
        arts.append((a, [full_event(a, f"e{i:02d}", date=DateSpan(day, day, "day", None))]))
    store.add_batch(arts)
    full, cursor = store.query_events(limit=1000)
    assert cursor is None and len(full) == 23
    keys = [(e.date.start, e.id) for e in full]
    assert keys == sorted(keys, reverse=True)
    pages, cursor, seen = [], None, []
    while True:
        page, cursor = store.query_events(limit=5, cursor=cursor)
        pages.append(page)
        seen += [e.id for e in page]
        if len(pages) == 2:  # a new event arriving mid-way does not shift later pages
            late = make_article(100, TEXT + " late")
            store.add_batch([(late, [full_event(late, "late", date=DateSpan("2024-01-09", "2024-01-09", "day"))])])
        if cursor is None:
            break
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert seen == [e.id for e in full]
    assert list(e.id for e in store.iter_events(page_size=4))[:1] == ["late"]
    with pytest.raises(InputError):
        store.query_events(cursor="not-a-cursor!")


def test_aggregates(store: Store) -> None:
    _seed(store)
    tl = store.timeline("day", factuality=None)
    assert {(r["period"], r["event_type"], r["count"], r["fatalities"]) for r in tl} == {
        ("2024-01-01", "Violence against civilians", 1, 3), ("2024-02-10", "Battles", 1, 10),
        ("2024-03-05", "Violence against civilians", 1, 0)}
    assert [(r["period"], r["count"]) for r in store.timeline("month")] == [("2024-01", 1), ("2024-02", 1)]
    assert store.timeline("week")[1]["period"] == "2024-02-05"  # the Monday
    with pytest.raises(InputError):
        store.timeline("fortnight")
    actors = store.actors(limit=10)
    top = actors[0]
    assert top["acled_name"] == "Civilians (Nigeria)" and top["events"] == 2 and top["fatalities"] == 13
    assert {a["name"] for a in actors} == {"Civilians", "Unidentified gunmen", "Boko Haram", "Protesters"}
    assert store.actors(limit=1, country="NGA", event_type="Battles")[0]["events"] == 1
    places = store.places(limit=10, factuality=None)
    assert {p["name"] for p in places} == {"Kano", "Maiduguri", "Baghdad", "Suva"}
    assert next(p for p in places if p["name"] == "Maiduguri")["lat"] == pytest.approx(11.85)


def test_delete_and_clusters(store: Store) -> None:
    evs = _seed(store)
    assert store.event_cluster("a") == "a"
    assert store.assign_clusters({"a": "cl-1", "b": "cl-1"}) == 2
    assert store.event_cluster("b") == "cl-1" and store.count_events(cluster_id="cl-1") == 2
    assert store.counts()["clusters"] == 3
    assert store.event_clusters(["a", "b", "c", "zz"]) == {"a": "cl-1", "b": "cl-1", "c": "c"}
    # min_sources counts the articles of every report of the canonical event
    assert _ids(store, min_sources=3) == set()
    store.assign_clusters({"d": "cl-1"})  # d comes from article 2 and adds it as a source
    assert _ids(store, min_sources=3) == {"a", "b", "d"}
    store.assign_clusters({"d": "d"})
    assert store.delete_event("b") is True and store.delete_event("b") is False
    assert store.get_event("b") is None and store.get_event("a") == evs["a"]
    art2 = make_article(2)
    assert store.delete_article(art2.id) is True and store.delete_article(art2.id) is False
    c = store.counts()
    assert (c["articles"], c["events"], c["revisions"]) == (1, 1, 1)
    # sources rows citing the deleted article went with it
    assert all(s.article_id != art2.id for s in store.get_event("a").sources)


def test_open_errors(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{tmp_path}/missing/dir/x.db")
    with pytest.raises(StoreError, match="SIG-E301"):
        Store.open("nosuchdb://x")
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match="SIG-E303 cannot open database") as err:
        Store.open(f"postgresql+psycopg://nobody@127.0.0.1:{port}/nothing")
    assert "\n" not in str(err.value)


def test_in_memory_sqlite() -> None:
    with Store.open("sqlite://") as st:
        art = make_article()
        st.add_batch([(art, [full_event(art)])])
        assert st.get_event("ev-1") == full_event(art) and st.counts()["events"] == 1


def test_sqlite_pragmas(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as st, st.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert sa.inspect(conn).has_table("alembic_version")


def test_cluster_sources_follow_membership_and_migration(store: Store) -> None:
    from sigact.store.migrate import downgrade, upgrade

    _seed(store)
    store.assign_clusters({"b": "a", "d": "a"})  # a, b (article 1 + url:other) and d (article 2)
    assert _ids(store, min_sources=3) == {"a", "b", "d"}
    # a new revision of article 2 drops d from the cluster
    art2 = make_article(2, TEXT + " More. Corrected.")
    store.add_batch([(art2, [])])
    assert _ids(store, min_sources=3) == set() and _ids(store, min_sources=2) == {"a", "b"}
    # down to the first migration and back up: the backfill recomputes the same counts
    before = store.counts()
    assert downgrade(store.engine, "0001_initial") == "0001_initial"
    assert store.counts() == before  # rebuilding the events table (SQLite) kept the rows that reference it
    assert upgrade(store.engine) == "0005_feeds"
    assert _ids(store, min_sources=2) == {"a", "b"}


def test_sqlite_default_listing_needs_no_sort(sqlite_url: str) -> None:
    """The default listing (incidents, newest first) walks an index: no temporary sort of the whole table."""
    from sigact.store.query import event_filters
    from sigact.store.schema import EventRow

    with Store.open(sqlite_url) as st, st.engine.connect() as conn:
        for filters in ({}, {"factuality": None}):
            q = (sa.select(EventRow.sort_date, EventRow.id, EventRow.data).where(*event_filters(**filters))
                 .order_by(EventRow.sort_date.desc(), EventRow.id.desc()).limit(101))
            sql = str(q.compile(st.engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_long_strings_nul_and_odd_meta(store: Store) -> None:
    """What news text can throw at the store: very long names, NUL characters, non-JSON meta values."""
    import datetime as dt

    long_name = "Coalition of " + "very " * 200 + "long names"
    text = "Gunmen\x00 attacked a market in Kano; three people were killed."
    art = Article.create(text, url="https://news.example/" + "x" * 500, outlet="O" * 400, language="en-GB-x-" + "y" * 40,
                         published="2024-01-02", meta={"fetched": dt.datetime(2024, 1, 2, 3, 4), "tags": ("a", "b")})
    ev = full_event(art, "e" * 300, actor1=Actor(text=long_name, name=long_name, type="militia", country="NGAX"),
                    evidence=(Evidence("actor1", 0, 7, "Gunmen\x00"),), trigger="attacked\x00")
    assert store.add_batch([(art, [ev])]).events == 1
    got = store.get_event("e" * 300)
    assert got.actor1.name == long_name and got.actor1.country == "NGAX"
    assert got.evidence[0].text == "Gunmen\ufffd" and len(got.evidence[0].text) == 7  # offsets still hold
    stored = store.get_article(art.id)
    assert stored.text == text.replace("\x00", "\ufffd") and stored.outlet == "O" * 400
    assert stored.meta == {"fetched": "2024-01-02 03:04:00", "tags": ["a", "b"]}
    assert store.article_status(art) == "same"  # the hash is the article's own, NUL and all
    assert _ids(store, actor="very very long") == {"e" * 300}


def test_feed_state_round_trip(store: Store) -> None:
    from dataclasses import replace

    watch = pytest.importorskip("sigact.scale.watch", reason="the feed watcher (sigact.scale.watch) is not present")
    url = "https://news.example/feed.xml"
    assert store.feed_state(url) is None and store.feed_states() == []
    st = watch.FeedState(url, etag='"v1"', last_modified="Wed, 25 Nov 2026 07:28:00 GMT", last_polled=1.5,
                         last_status="200", failures=0, next_poll=61.5, entries_seen=3)
    store.save_feed_state(st)
    assert store.feed_state(url) == st
    st2 = replace(st, failures=2, last_status="HTTP 503", next_poll=301.5)
    store.save_feed_state(st2)
    other = watch.FeedState("https://a.example/rss")
    store.save_feed_state(other)
    assert store.feed_state(url) == st2 and store.feed_states() == [other, st2]
