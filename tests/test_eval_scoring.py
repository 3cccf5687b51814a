"""Scoring rules of ``sigact eval`` field by field, with a fake pipeline and hand-written gold."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sigact.evaluate import evaluate
from sigact.evaluate.fields import (
    actor_equal,
    admin1_equal,
    country_iso3,
    date_within,
    fatalities_equal,
    gold_date_range,
    haversine_km,
    normalise_admin1,
    primary_event,
)
from sigact.evaluate.gold import GoldRecord
from sigact.evaluate.score import score_record, summarise_records
from sigact.model import Actor, DateSpan, Event, Place


class FakePipeline:
    """Returns canned events per article id; records what it was given."""

    def __init__(self, events_by_id: dict[str, list[Event]]):
        self.events_by_id = events_by_id
        self.seen: list[tuple[str, str | None]] = []

    def pipe(self, articles, *, batch_size=16):
        for a in articles:
            self.seen.append((a.id, a.published))
            yield a, list(self.events_by_id.get(a.id, []))


def ev(eid="e1", *, etype="Battles", sub="Armed clash", ucdp=None, country="NGA", admin1="Borno",
       lat=11.85, lon=13.16, start="2020-05-03", end=None, fat=None, actor=None, conf=0.5,
       factuality="asserted", precision="town") -> Event:
    return Event(
        id=eid, article_id="x", factuality=factuality, acled_event_type=etype, acled_sub_event_type=sub,
        ucdp_type=ucdp,
        location=Place(name="P", admin1=admin1, country=country, lat=lat, lon=lon, precision=precision),
        date=DateSpan(start=start, end=end or start, precision="day") if start else None,
        fatalities=fat, actor1=actor, confidence=conf,
    )


def acled_rec(rid="acled:T1", **gold_over) -> GoldRecord:
    gold = {"date": "2020-05-03", "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "Islamic State (West Africa)", "actor2": None, "country": "Nigeria", "admin1": "Borno",
            "location": "Maiduguri", "latitude": 11.8464, "longitude": 13.1603, "fatalities": 0, "injuries": None}
    meta = {"date_precision": gold_over.pop("date_precision", "day"), "geo_precision": gold_over.pop("geo_precision", 1),
            "date_end": gold_over.pop("date_end", None)}
    gold.update(gold_over)
    return GoldRecord(id=rid, dataset="acled", text="Invented note used only in tests.", gold=gold, meta=meta)


def ged_rec(rid="ucdp_ged:1", **gold_over) -> GoldRecord:
    gold = {"date": "2014-08-13", "event_type": "State-based armed conflict", "sub_event_type": None,
            "actor1": "Government of Nigeria", "actor2": "IS", "country": "Nigeria", "admin1": "Borno state",
            "location": "Maiduguri town", "latitude": 11.8464, "longitude": 13.1603, "fatalities": 5, "injuries": None}
    meta = {"date_precision": "2-6 days", "geo_precision": gold_over.pop("geo_precision", 1),
            "date_end": gold_over.pop("date_end", "2014-08-15")}
    gold.update(gold_over)
    return GoldRecord(id=rid, dataset="ucdp_ged", text="Invented headline.", gold=gold, meta=meta)


# ---------------------------------------------------------------- primitives

def test_haversine_known_distance():
    # Paris - London is about 344 km
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=2)
    assert haversine_km(10, 10, 10, 10) == 0


def test_country_names_to_iso3_including_ucdp_spellings():
    assert country_iso3("DR Congo (Zaire)") == "COD"
    assert country_iso3("Russia (Soviet Union)") == "RUS"
    assert country_iso3("Nigeria") == "NGA"
    assert country_iso3("NGA") == "NGA"
    assert country_iso3("Atlantis") is None


def test_admin1_normalisation_and_equality():
    assert normalise_admin1("Khuzestan Province") == "khuzestan"
    assert normalise_admin1("Governorate of Aleppo") == "aleppo"
    assert normalise_admin1("Région du Sahel") == "sahel"
    assert admin1_equal("Borno State", "Borno")
    assert admin1_equal("Odesa", "Odessa")               # alias / spelling variant
    assert admin1_equal("Kiev", "Kyiv City")              # alias group
    assert admin1_equal("Khyber Pakhtunkhwa", "Khyber Pakhtoonkhwa")  # fuzzy
    assert admin1_equal("Paktya", "Paktia")               # transliteration key (y = i)
    assert admin1_equal("Tillabery", "Tillaberi")
    assert not admin1_equal("Kano", "Kogi")
    assert not admin1_equal("North Kivu", "South Kivu")   # direction words differ
    assert not admin1_equal("Nord-Kivu", "Sud-Kivu")
    assert not admin1_equal("Lagos", "Kano")
    assert not admin1_equal(None, "Kano")
    # a name made only of generic words is kept whole rather than emptied
    assert normalise_admin1("Federal Capital Territory") == "federal capital territory"


def test_gold_date_ranges():
    assert gold_date_range("2020-05-03") == (date(2020, 5, 3), date(2020, 5, 3))
    assert gold_date_range("2020-05-03", "week") == (date(2020, 4, 27), date(2020, 5, 9))
    lo, hi = gold_date_range("2020-05-20", "month")
    assert lo <= date(2020, 5, 1) and hi >= date(2020, 5, 31)
    assert gold_date_range("2014-08-13", "2-6 days", "2014-08-15") == (date(2014, 8, 13), date(2014, 8, 15))


def test_date_within_requires_whole_predicted_span_inside():
    day = gold_date_range("2020-05-03")
    assert date_within(DateSpan("2020-05-03", "2020-05-03"), day)
    assert not date_within(DateSpan("2020-05-02", "2020-05-02"), day)
    assert not date_within(DateSpan("2020-05-02", "2020-05-03"), day)   # a range is not an exact day
    assert not date_within(None, day)
    week = gold_date_range("2020-05-03", "week")
    assert date_within(DateSpan("2020-04-30", "2020-04-30"), week)
    assert not date_within(DateSpan("2020-05-12", "2020-05-12"), week)


def test_fatalities_none_counts_as_zero():
    assert fatalities_equal(None, 0)
    assert fatalities_equal(0, None)
    assert fatalities_equal(3, 3)
    assert not fatalities_equal(None, 3)
    assert not fatalities_equal(4, 3)


def test_actor_rule_delegates_to_actors_stage():
    # alias-aware: a generic ACLED name matches the same kind of actor of the same country
    assert actor_equal(Actor(acled_name="Protesters (Iran)"), "Protesters (Iran)")
    assert actor_equal(Actor(acled_name="Military Forces of Nigeria (2023-)", country="NGA", type="military"),
                       "Military Forces of Nigeria (2015-)")
    assert not actor_equal(Actor(acled_name="Police Forces of Nigeria (2023-)", country="NGA", type="police"),
                           "Military Forces of Nigeria (2015-)")
    assert not actor_equal(None, "Protesters (Iran)")
    # the very same (coalition) name always matches
    assert actor_equal(Actor(acled_name="GATIA, MSA"), "GATIA, MSA")


def test_actor_fallback_rule_when_actors_stage_missing(monkeypatch):
    import sigact.evaluate.fields as f

    monkeypatch.setattr(f, "_external_actor_matches", lambda: None)
    assert f.rule_sources()["actor"] == "normalised names (fallback)"
    assert actor_equal(Actor(acled_name="Military Forces of Nigeria (2023-)"), "Military Forces of Nigeria (2015-)")
    assert actor_equal(Actor(name="protesters"), "Protesters (Iran)")           # qualifier dropped
    assert actor_equal(Actor(name="Protesters", country="IRN"), "Protesters (Iran)")
    assert not actor_equal(Actor(name="Protesters", country="CHL"), "Protesters (Iran)")  # qualifier contradicts
    assert not actor_equal(Actor(name="Rioters"), "Protesters (Iran)")
    assert not actor_equal(None, "Protesters (Iran)")


def test_actor_article_gold_country_and_type():
    # article gold: same country and actor type is accepted
    assert actor_equal(Actor(name="Burkinabe army", country="BFA", type="military"), "Army of Burkina Faso",
                       gold_country="BFA", gold_type="military")
    assert not actor_equal(Actor(name="jihadists", country="BFA", type="rebel"), "Army of Burkina Faso",
                           gold_country="BFA", gold_type="military")


def test_primary_event_is_highest_confidence_asserted():
    a = ev("a", conf=0.4)
    b = ev("b", conf=0.9, factuality="threat")
    c = ev("c", conf=0.7)
    d = ev("d", conf=0.7)
    assert primary_event([a, b, c, d]).id == "c"      # threat ignored; tie -> first listed
    assert primary_event([b]) is None
    assert primary_event([]) is None


# ---------------------------------------------------------------- records

def test_record_all_fields_right():
    row = score_record(acled_rec(), [ev(actor=Actor(acled_name="Islamic State (West Africa)"))])
    assert row["has_event"]
    assert all(row["fields"].values()), row["fields"]


def test_record_no_event_is_wrong_everywhere():
    row = score_record(acled_rec(), [ev(factuality="hypothetical")])
    assert not row["has_event"]
    assert set(row["fields"].values()) == {False}


def test_record_location_25km_and_coarse_precision():
    # ~30 km north of the gold point
    far = ev(lat=11.85 + 0.27, admin1="Borno")
    near = ev(lat=11.85 + 0.18)                       # ~20 km
    assert score_record(acled_rec(), [near])["fields"]["location"]
    assert not score_record(acled_rec(), [far])["fields"]["location"]
    # geo_precision 2: same admin1 is enough
    assert score_record(acled_rec(geo_precision=2), [far])["fields"]["location"]
    assert not score_record(acled_rec(geo_precision=2), [ev(lat=9.0, admin1="Kano")])["fields"]["location"]


def test_record_admin1_needs_same_country():
    assert score_record(acled_rec(), [ev(admin1="Borno State")])["fields"]["admin1"]
    assert not score_record(acled_rec(), [ev(admin1="Borno", country="CMR")])["fields"]["admin1"]


def test_record_week_precision_date():
    e = ev(start="2020-05-06")
    assert not score_record(acled_rec(), [e])["fields"]["date"]
    assert score_record(acled_rec(date_precision="week"), [e])["fields"]["date"]


def test_ged_record_type_range_and_coarse_place():
    e = ev(ucdp=1, etype=None, start="2014-08-14", fat=5, country="NGA", admin1="Borno", lat=12.5, lon=13.5)
    row = score_record(ged_rec(), [e])
    f = row["fields"]
    assert "sub_event_type" not in f
    assert f["event_type"] and f["date"] and f["fatalities"] and f["country"] and f["admin1"]
    assert not f["location"]                           # ~75 km away, exact gold point
    assert score_record(ged_rec(geo_precision=4), [e])["fields"]["location"]  # admin1 centroid
    assert not score_record(ged_rec(), [ev(ucdp=2)])["fields"]["event_type"]
    assert not score_record(ged_rec(), [ev(ucdp=1, start="2014-08-16")])["fields"]["date"]


def test_wilson_interval():
    from sigact.evaluate.score import wilson_interval

    lo, hi = wilson_interval(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-3) and hi == pytest.approx(0.5962, abs=1e-3)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 0) is None


def test_summary_denominators():
    rows = [
        score_record(acled_rec("a"), [ev()]),
        score_record(acled_rec("b"), []),
        score_record(acled_rec("c", admin1=None), [ev(etype="Riots")]),
    ]
    s = summarise_records(rows)["acled"]
    assert (s["n"], s["with_event"]) == (3, 2)
    et = s["fields"]["event_type"]
    assert (et["n"], et["correct"], et["n_given_event"]) == (3, 1, 2)
    assert et["accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert et["accuracy_given_event"] == 0.5
    a1 = s["fields"]["admin1"]
    assert (a1["n"], a1["n_given_event"]) == (2, 1)     # gold without admin1 is not scored
    assert s["fields"]["fatalities"]["pred_missing"] == 2  # both events leave fatalities empty
    assert s["fields"]["event_type"]["pred_missing"] == 0
    bt = s["by_gold_type"]["Battles"]
    assert (bt["n"], bt["with_event"]) == (3, 2)
    assert bt["fields"]["event_type"] == {"n": 3, "correct": 1, "accuracy": pytest.approx(0.3333, abs=1e-4)}
    assert bt["fields"]["admin1"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    ged = summarise_records([score_record(ged_rec("g1"), [ev(fat=5)]), score_record(ged_rec("g2", fatalities=0), [ev()]),
                             score_record(ged_rec("g3"), [ev(fat=2)])])["ucdp_ged"]["fields"]["fatalities"]
    assert (ged["correct"], ged["n"]) == (2, 3)
    assert (ged["correct_gold_nonzero"], ged["n_gold_nonzero"]) == (1, 2)


def test_evaluate_records_file_with_fake_pipeline(tmp_path):
    recs = [
        {"id": "acled:T1", "source_dataset": "acled", "text": "On 3 May 2020, invented clash text.",
         "gold": acled_rec().gold, "meta": acled_rec().meta},
        {"id": "ucdp_ged:9", "source_dataset": "ucdp_ged", "text": "Invented outlet, 2014-08-14: clash.",
         "gold": ged_rec().gold, "meta": ged_rec().meta},
    ]
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    fake = FakePipeline({"acled:T1": [ev()], "ucdp_ged:9": []})
    res = evaluate(p, pipeline=fake)
    assert fake.seen == [("acled:T1", None), ("ucdp_ged:9", None)]   # no gold date leaked
    assert res["kind"] == "records" and res["n"] == 2
    assert res["datasets"]["acled"]["fields"]["event_type"]["correct"] == 1
    assert res["datasets"]["ucdp_ged"]["with_event"] == 0
    assert res["confusion"]["matrix"] == [[1, 0, 0]]
    assert evaluate(p, pipeline=FakePipeline({}), limit=1)["n"] == 1


def test_admin1_rule_rarely_merges_distinct_units():
    """Over all pairs of distinct ISO 3166-2 first-level divisions of one country, the
    admin-1 rule must (almost) never call two different units the same."""
    import itertools
    from collections import defaultdict

    import pycountry

    by_country: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            by_country[sub.country_code].add(sub.name)
    pairs = merged = 0
    for names in by_country.values():
        for a, b in itertools.combinations(sorted(names), 2):
            pairs += 1
            merged += admin1_equal(a, b)
    assert pairs > 50_000
    assert merged == 0, merged


def test_ged_country_level_gold_place_accepts_same_country():
    # where_prec 6: the coordinates are the country centroid and there is no admin1
    rec = ged_rec(geo_precision=6, admin1=None, latitude=9.08, longitude=8.68)
    far_same_country = ev(ucdp=1, lat=12.0, lon=13.0, admin1="Borno")
    assert score_record(rec, [far_same_country])["fields"]["location"]
    assert score_record(rec, [far_same_country])["fields"]["admin1"] is None      # not scored
    assert not score_record(rec, [ev(ucdp=1, country="CMR", lat=12.0, lon=13.0)])["fields"]["location"]


def test_acled_month_precision_date():
    rec = acled_rec(date="2020-05-15", date_precision="month")
    assert score_record(rec, [ev(start="2020-05-02")])["fields"]["date"]
    assert score_record(rec, [ev(start="2020-05-01", end="2020-05-31")])["fields"]["date"]
    assert not score_record(rec, [ev(start="2020-07-01")])["fields"]["date"]
