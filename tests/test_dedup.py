"""Event clustering, toll revisions and links (sigact.dedup), on events built by hand."""

import numpy as np
import pytest

from sigact.dedup import EventClusterer, canonical_event, credible_value, link_events, toll_history
from sigact.model import Actor, DateSpan, Event, Evidence, Place, Source

CIV = Actor("villagers", "Civilians", "Civilians (Nigeria)", "NGA", "civilians")
POL = Actor("police officers", "Police", "Police Forces of Nigeria (2023-)", "NGA", "police")
UAG = Actor("gunmen", "Gunmen", "Unidentified Armed Group (Nigeria)", "NGA", "unidentified armed group")


def ev(id, article, text, day, *, km=0.0, fatalities=None, published=None, etype="Violence against civilians",
       sub="Attack", actor2=CIV, country="NGA", factuality="asserted", lat=11.85):
    return Event(
        id=id, article_id=article, factuality=factuality, acled_event_type=etype, acled_sub_event_type=sub,
        actor1=UAG, actor2=actor2,
        location=Place(name="Maiduguri", country=country, admin1="Borno", lat=lat + km / 111.0, lon=13.16,
                       precision="town"),
        date=DateSpan(day, day, "day"), fatalities=fatalities,
        evidence=(Evidence("event", 0, len(text), text),), confidence=0.7,
        sources=(Source(article, published=published or day),),
    )


@pytest.fixture(scope="module")
def clusterer_factory():
    from sigact.dedup.embed import get_embedder

    enc = get_embedder().encode  # the real MiniLM model, loaded once for the module
    return lambda: EventClusterer(encode=enc)


def test_dedup_merges_differently_worded_reports(clusterer_factory):
    c = clusterer_factory()
    c.add([
        ev("a:1", "a", "Gunmen killed five villagers near Maiduguri on Monday, residents said.", "2024-03-04", fatalities=5),
        ev("b:1", "b", "Suspected jihadists shot dead seven people in a village outside Maiduguri.", "2024-03-04",
           km=4, fatalities=7, published="2024-03-05"),
        ev("c:1", "c", "Attackers on motorbikes killed villagers near Maiduguri, Borno state, on Monday.", "2024-03-05",
           km=2, fatalities=7, published="2024-03-06"),
    ])
    assert len(c.clusters) == 1
    canon = c.canonical_events()[0]
    assert canon.source_count == 3
    assert [s.article_id for s in canon.sources] == ["a", "b", "c"]
    assert canon.fatalities == 7  # latest credible report


def test_dedup_keeps_distractors_apart(clusterer_factory):
    c = clusterer_factory()
    c.add([
        ev("a:1", "a", "Gunmen killed five villagers near Maiduguri on Monday.", "2024-03-04", fatalities=5),
        # same city, same day, different target: another incident
        ev("b:1", "b", "Gunmen attacked a police station in Maiduguri, killing two officers.", "2024-03-04",
           actor2=POL, fatalities=2),
        # different type
        ev("c:1", "c", "A suicide bomber struck a market in Maiduguri.", "2024-03-04",
           etype="Explosions/Remote violence", sub="Suicide bomb", fatalities=40),
        # same wording, a week later
        ev("d:1", "d", "Gunmen killed five villagers near Maiduguri.", "2024-03-12", fatalities=5),
        # far away
        ev("e:1", "e", "Gunmen killed five villagers on Monday.", "2024-03-04", km=400, fatalities=5),
        # same article, two incidents
        ev("a:2", "a", "Gunmen also killed three villagers near Maiduguri on Monday.", "2024-03-04", fatalities=3),
    ])
    assert len(c.clusters) == 6


def test_dedup_is_idempotent_and_incremental(clusterer_factory):
    c = clusterer_factory()
    first = ev("a:1", "a", "Gunmen killed five villagers near Maiduguri on Monday.", "2024-03-04", fatalities=5)
    c.add([first])
    again = c.add([first])
    assert again == [("a:1", "a:1")] and len(c.clusters) == 1
    later = ev("b:1", "b", "Five villagers were killed by gunmen in a village near Maiduguri on Monday.",
               "2024-03-04", fatalities=5, published="2024-03-06")
    assert c.add([later]) == [("b:1", "a:1")]
    assert len(c.clusters["a:1"].members) == 2


def test_dedup_never_clusters_non_incidents(clusterer_factory):
    c = clusterer_factory()
    c.add([
        ev("a:1", "a", "Gunmen killed five villagers near Maiduguri on Monday.", "2024-03-04"),
        ev("b:1", "b", "Gunmen killed five villagers near Maiduguri on Monday.", "2024-03-04", factuality="aggregate"),
    ])
    assert len(c.clusters) == 2


def test_dedup_blocking_limits_comparisons():
    calls = []
    c = EventClusterer(encode=lambda texts: np.ones((len(texts), 4), dtype=np.float32) / 2.0)
    orig = c.score

    def counting(*a):
        calls.append(1)
        return orig(*a)

    c.score = counting
    events = [ev(f"x{i}:1", f"x{i}", "Gunmen attacked.", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 country=["NGA", "MLI", "BFA", "NER"][i % 4]) for i in range(400)]
    c.add(events)
    # without blocking this would be ~80,000 comparisons
    assert len(calls) < 4000


def test_dedup_toll_revision_latest_credible():
    hist = [{"value": 5}, {"value": 12}]
    assert credible_value(hist) == 12  # "death toll rises to 12"
    noisy = [{"value": 5}, {"value": 6}, {"value": 6}, {"value": 300}]
    assert credible_value(noisy) == 6  # one outlet's 300 is noise, not the maximum
    supported = [{"value": 5}, {"value": 6}, {"value": 30}, {"value": 31}]
    assert credible_value(supported) == 31
    members = [ev("a:1", "a", "x", "2024-03-04", fatalities=5, published="2024-03-04"),
               ev("b:1", "b", "y", "2024-03-04", fatalities=12, published="2024-03-05")]
    assert [h["value"] for h in toll_history(members, "fatalities")] == [5, 12]
    canon = canonical_event("cl", members[::-1])
    assert canon.id == "cl" and canon.fatalities == 12 and canon.source_count == 2


def test_dedup_links_response_to_earlier_attack():
    strike_text = ("The US launched air raids on militia facilities in Iraq, the Pentagon said, "
                   "in response to a weekend missile attack on an airbase that wounded American troops.")
    attack_text = "On Saturday, four American troops were wounded when missiles hit the Harir airbase."
    strike = Event(id="s", article_id="a", acled_event_type="Explosions/Remote violence",
                   actor1=Actor("US", "US forces", None, "USA", "military"),
                   date=DateSpan("2024-01-23", "2024-01-23", "day"),
                   evidence=(Evidence("event", 0, len(strike_text), strike_text),), trigger="raids")
    start = len(strike_text) + 1
    attack = Event(id="t", article_id="a", acled_event_type="Explosions/Remote violence",
                   actor2=Actor("American troops", "US forces", None, "USA", "military"),
                   location=Place(text="Harir airbase", country="IRQ"),
                   date=DateSpan("2024-01-20", "2024-01-20", "day"), trigger="hit",
                   evidence=(Evidence("event", start, start + len(attack_text), attack_text),))
    other_text = "Protesters marched in Baghdad on Friday against rising prices."
    other = Event(id="p", article_id="a", acled_event_type="Protests",
                  date=DateSpan("2024-01-19", "2024-01-19", "day"),
                  evidence=(Evidence("event", 500, 500 + len(other_text), other_text),))
    out = {e.id: e for e in link_events([strike, attack, other])}
    assert [(lk.relation, lk.target) for lk in out["s"].links] == [("in_response_to", "t")]
    assert out["s"].links[0].evidence.text.startswith("in response to")
    assert out["t"].links == () and out["p"].links == ()


def test_dedup_store_sync_incremental_and_idempotent(tmp_path, clusterer_factory):
    from sigact.dedup.sync import canonical_events, cluster_new_events
    from sigact.model import Article
    from sigact.store import Store

    def art(aid, text, pub):
        return Article.create(text, id=aid, published=pub, outlet=aid)

    a = ev("a:1", "a", "Gunmen killed five villagers near Maiduguri on Monday, residents said.", "2024-03-04",
           fatalities=5, published="2024-03-04")
    b = ev("b:1", "b", "Five villagers were shot dead by gunmen in a village outside Maiduguri on Monday.",
           "2024-03-04", km=3, fatalities=6, published="2024-03-05")
    d = ev("d:1", "d", "Gunmen attacked a police station in Maiduguri, killing two officers.", "2024-03-04",
           actor2=POL, fatalities=2)
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.add_batch([(art("a", "x1", "2024-03-04"), [a]), (art("d", "x3", "2024-03-04"), [d])])
        assert cluster_new_events(store, ["a:1", "d:1"], clusterer_factory()) == {}
        store.add_batch([(art("b", "x2", "2024-03-05"), [b])])
        # a fresh clusterer: state comes from the store, not from memory
        assert cluster_new_events(store, ["b:1"], clusterer_factory()) == {"b:1": "a:1"}
        assert cluster_new_events(store, ["b:1"], clusterer_factory()) == {"b:1": "a:1"}
        canon = {e.id: e for e in canonical_events(store, limit=10)}
        assert set(canon) == {"a:1", "d:1"}
        assert canon["a:1"].source_count == 2 and canon["a:1"].fatalities == 6
        assert canon["d:1"].source_count == 1
