"""Article-level scoring: one-to-one matching, P/R/F1, aggregates; the example triple; the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sigact.evaluate import evaluate
from sigact.evaluate.gold import GoldArticle, load_gold
from sigact.evaluate.score import score_article, summarise_articles
from sigact.errors import InputError
from sigact.model import Actor, DateSpan, Event, Evidence, Place

TEXT = (
    "Gunmen attacked the village of Tanda on Monday, killing six farmers, police said.\n"
    "A separate rocket strike hit Kasso on Tuesday.\n"
    "Attacks in the region have killed more than 1,200 people since January, according to a monitor.\n"
)
PUB = "2021-03-10"


def gold_event(kind="event", etype=("Violence against civilians", "Attack"), date=("2021-03-08", "2021-03-08"),
               loc=None, fat=6, actor=None, **extra):
    e = {"kind": kind, "summary": "invented", "acled": list(etype) if etype else None, "date": list(date),
         "location": loc if loc is not None else {"name": "Tanda", "admin1": "Kayes", "country": "MLI",
                                                  "lat": 14.0, "lon": -10.0, "precision": "town"},
         "fatalities": fat, "injuries": None,
         "actor1": actor or {"name": "Gunmen", "country": "MLI", "type": "unidentified armed group"}}
    e.update(extra)
    return e


def sys_event(eid, *, etype="Violence against civilians", sub="Attack", start="2021-03-08", lat=14.05, lon=-10.0,
              admin1="Kayes", country="MLI", fat=6, conf=0.8, span=(0, 80), factuality="asserted"):
    return Event(id=eid, article_id="art", factuality=factuality, acled_event_type=etype, acled_sub_event_type=sub,
                 location=Place(name="X", admin1=admin1, country=country, lat=lat, lon=lon, precision="town"),
                 date=DateSpan(start, start, "day"), fatalities=fat, confidence=conf,
                 actor1=Actor(name="gunmen", country="MLI", type="unidentified armed group"),
                 evidence=(Evidence("trigger", span[0], span[1], TEXT[span[0]:span[1]]),))


def article(events, aggregates=(), background=()):
    return GoldArticle(id="art", text=TEXT, published=PUB, events=tuple(events),
                       aggregates=tuple(aggregates), background=tuple(background))


def test_exact_match_counts_and_fields():
    row = score_article(article([gold_event()]), [sys_event("s1")])
    assert (row["n_gold"], row["n_system"], row["matched"]) == (1, 1, 1)
    assert all(v in (True, None) for v in row["pairs"][0]["fields"].values())


def test_matching_is_one_to_one():
    # two system copies of one gold incident: one match, one spurious
    row = score_article(article([gold_event()]), [sys_event("s1"), sys_event("s2")])
    assert row["matched"] == 1 and len(row["spurious"]) == 1
    s = summarise_articles([row])
    assert s["precision"] == 0.5 and s["recall"] == 1.0 and s["f1"] == pytest.approx(0.6667, abs=1e-4)


def test_matching_maximises_pairs():
    # s1 could match g1 or g2, s2 only g1: the best assignment pairs s1-g2 and s2-g1
    g1 = gold_event(date=("2021-03-08", "2021-03-09"))
    g2 = gold_event(date=("2021-03-09", "2021-03-09"))
    s1 = sys_event("s1", start="2021-03-09")
    s2 = sys_event("s2", start="2021-03-08")
    row = score_article(article([g1, g2]), [s1, s2])
    assert row["matched"] == 2


def test_match_conditions_type_date_place():
    g = gold_event()
    assert score_article(article([g]), [sys_event("s", etype="Battles")])["matched"] == 0
    assert score_article(article([g]), [sys_event("s", start="2021-03-05")])["matched"] == 0
    assert score_article(article([g]), [sys_event("s", country="SEN")])["matched"] == 0
    # ~100 km away but same admin1: matches; field "location" (25 km) is then wrong
    row = score_article(article([g]), [sys_event("s", lat=14.9)])
    assert row["matched"] == 1 and row["pairs"][0]["fields"]["location"] is False
    assert score_article(article([g]), [sys_event("s", lat=14.9, admin1="Koulikoro")])["matched"] == 0
    # country-precision gold accepts any place in the country
    gc = gold_event(loc={"name": "Mali", "country": "MLI", "precision": "country"})
    assert score_article(article([gc]), [sys_event("s", lat=12.0, admin1="Sikasso")])["matched"] == 1


def test_threats_and_non_asserted_are_not_incidents():
    row = score_article(article([gold_event(kind="threat", etype=None)]),
                        [sys_event("s", factuality="threat")])
    assert (row["n_gold"], row["n_system"]) == (0, 0)
    assert row["threats"] == {"n_gold": 1, "n_system": 1, "matched": 1}
    # a threat by an actor of another country on another day is not the gold threat
    other = Event(id="t", article_id="art", factuality="threat", date=DateSpan("2021-03-01", "2021-03-01"),
                  actor1=Actor(name="army", country="SEN", type="military"))
    row = score_article(article([gold_event(kind="threat", etype=None)]), [other])
    assert row["threats"]["matched"] == 0


def test_aggregate_counted_as_incident():
    agg_start = TEXT.index("Attacks in the region")
    spurious = sys_event("s2", span=(agg_start, agg_start + 7), fat=1200)
    row = score_article(article([gold_event()], aggregates=["attacks in the region killed more than 1,200 since January"]),
                        [sys_event("s1"), spurious])
    assert row["matched"] == 1 and row["aggregate_as_incident"] == 1
    # the same spurious event is not blamed on an aggregate whose number is absent
    row2 = score_article(article([gold_event()], aggregates=["attacks in the region killed 5,000 since 2015"]),
                         [sys_event("s1"), spurious])
    assert row2["aggregate_as_incident"] == 0


def test_also_acled_alternative_types():
    g = gold_event(etype=("Explosions/Remote violence", "Air/drone strike"),
                   also_acled=[["Explosions/Remote violence", "Shelling/artillery/missile attack"]])
    row = score_article(article([g]), [sys_event("s", etype="Explosions/Remote violence",
                                                 sub="Shelling/artillery/missile attack")])
    assert row["matched"] == 1 and row["pairs"][0]["fields"]["sub_event_type"] is True


class OneShotPipeline:
    def __init__(self, events):
        self.events = events
        self.published = []

    def pipe(self, articles, *, batch_size=16):
        for a in articles:
            self.published.append(a.published)
            yield a, self.events


def test_expected_json_triple(tmp_path):
    (tmp_path / "ex.txt").write_text(TEXT)
    (tmp_path / "ex.meta.json").write_text(json.dumps({"published": PUB, "language": "en"}))
    (tmp_path / "ex.expected.json").write_text(json.dumps({
        "events": [gold_event(), gold_event(kind="threat", etype=None)],
        "aggregates_not_single_events": ["more than 1,200 killed since January"],
        "background_not_current_events": []}))
    gs = load_gold(tmp_path / "ex.expected.json")
    assert gs.kind == "articles" and gs.articles[0].published == PUB and len(gs.articles[0].incidents) == 1
    fake = OneShotPipeline([sys_event("s1")])
    res = evaluate(tmp_path / "ex.expected.json", pipeline=fake)
    assert fake.published == [PUB]
    assert res["articles"]["precision"] == 1.0 and res["articles"]["recall"] == 1.0


def test_bad_gold_files(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"foo": 1}\n')
    with pytest.raises(InputError):
        load_gold(p)
    p.write_text("not json\n")
    with pytest.raises(InputError):
        load_gold(p)


class RaisingPipeline:
    def pipe(self, articles, *, batch_size=16):
        raise RuntimeError("batch broke")

    def process(self, article):
        if "broken" in article.text:
            raise RuntimeError("boom")
        return []


def test_pipeline_errors_are_counted_not_fatal(tmp_path):
    gold = {"date": "2020-05-03", "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Chile)",
            "country": "Chile", "admin1": "Santiago Metropolitan", "latitude": -33.45, "longitude": -70.66, "fatalities": 0}
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps({"id": f"acled:{i}", "source_dataset": "acled", "text": t, "gold": gold})
                           for i, t in enumerate(["an ordinary invented note", "a broken invented note"])) + "\n")
    res = evaluate(p, pipeline=RaisingPipeline())
    assert res["pipeline_errors"] == 1 and res["datasets"]["acled"]["with_event"] == 0


def test_cli_json_errors_and_confusion(tmp_path, monkeypatch):
    import sigact.pipeline
    from sigact.cli import main

    gold = {"date": "2020-05-03", "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Chile)",
            "country": "Chile", "admin1": "Santiago Metropolitan", "latitude": -33.45, "longitude": -70.66, "fatalities": 0}
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "acled:1", "source_dataset": "acled", "text": "invented note", "gold": gold}) + "\n")
    wrong = Event(id="e", article_id="acled:1", acled_event_type="Riots", confidence=0.5)
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", lambda: OneShotPipeline([wrong]))
    out, errs, png = tmp_path / "o.json", tmp_path / "e.jsonl", tmp_path / "c.png"
    md = tmp_path / "t.md"
    r = CliRunner().invoke(main, ["eval", str(p), "--json", str(out), "--errors", str(errs), "--confusion", str(png),
                                  "--markdown", str(md)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert {"gold", "kind", "n", "elapsed_s", "texts_per_s", "pipeline_errors", "git_commit", "rules",
            "datasets", "confusion"} <= set(data)
    assert "items" not in data
    assert data["datasets"]["acled"]["fields"]["event_type"]["correct"] == 0
    line = json.loads(errs.read_text().splitlines()[0])
    assert "event_type" in line["wrong"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "acled" in r.output
    assert "| event_type | 0.0% | 0-79% | 0 / 1 | 0.0% | 1 | 0 |" in md.read_text()
    assert "| country | 0.0% | 0-79% | 0 / 1 | 0.0% | 1 | 1 |" in md.read_text()  # no location predicted


def test_cli_reports_missing_file_cleanly(tmp_path):
    from sigact.cli import main

    r = CliRunner().invoke(main, ["eval", str(tmp_path / "nope.jsonl")])
    assert r.exit_code != 0 and "does not exist" in r.output


def test_cli_pipeline_unavailable_is_one_line_error(tmp_path, monkeypatch):
    import sigact.pipeline
    from sigact.cli import main

    def broken():
        raise ImportError("no extractor")

    (tmp_path / "ex.txt").write_text(TEXT)
    (tmp_path / "ex.expected.json").write_text(json.dumps({"events": [gold_event()]}))
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", broken)
    r = CliRunner().invoke(main, ["eval", str(tmp_path / "ex.expected.json")])
    assert r.exit_code == 1 and "SIG-E410" in r.output and "Traceback" not in r.output


def test_article_report_markdown_and_errors(tmp_path):
    from sigact.evaluate.report import markdown, write_errors

    (tmp_path / "ex.txt").write_text(TEXT)
    (tmp_path / "ex.meta.json").write_text(json.dumps({"published": PUB}))
    (tmp_path / "ex.expected.json").write_text(json.dumps({"events": [gold_event(), gold_event(
        etype=("Explosions/Remote violence", "Shelling/artillery/missile attack"), date=("2021-03-09", "2021-03-09"),
        loc={"name": "Kasso", "country": "MLI", "lat": 13.5, "lon": -9.0, "precision": "town"}, fat=None)]}))
    res = evaluate(tmp_path / "ex.expected.json", pipeline=OneShotPipeline([sys_event("s1", fat=5)]))
    a = res["articles"]
    assert (a["gold_incidents"], a["system_incidents"], a["matched"]) == (2, 1, 1)
    assert a["fields"]["fatalities"] == {"n": 1, "correct": 0, "accuracy": 0.0}
    md = markdown(res)
    assert "precision 100.0%, recall 50.0%" in md and "| fatalities | 0.0% | 0 / 1 |" in md
    out = tmp_path / "err.jsonl"
    assert write_errors(res, out) == 1
    row = json.loads(out.read_text())
    assert row["missed"][0]["location"] == "Kasso" and row["spurious"] == []


def test_mcnemar_and_paired_comparison():
    from sigact.evaluate.compare import compare_runs, mcnemar_p

    assert mcnemar_p(0, 0) == 1.0
    assert mcnemar_p(5, 5) == 1.0
    assert mcnemar_p(10, 0) == pytest.approx(2 / 1024, abs=1e-4)
    from sigact.evaluate.compare import format_p

    assert format_p(mcnemar_p(40, 0)) == "<0.0001" and format_p(0.0595) == "0.0595"
    before = {"a": {"dataset": "acled", "fields": {"date": False, "admin1": None}},
              "b": {"dataset": "acled", "fields": {"date": True, "admin1": True}},
              "c": {"dataset": "acled", "fields": {"date": True, "admin1": True}}}
    after = {"a": {"dataset": "acled", "fields": {"date": True, "admin1": True}},
             "b": {"dataset": "acled", "fields": {"date": False, "admin1": True}},
             "c": {"dataset": "acled", "fields": {"date": True, "admin1": True}},
             "new": {"dataset": "acled", "fields": {"date": True, "admin1": True}}}
    cmp = compare_runs(before, after)["acled"]
    assert cmp["date"] == {"n_paired": 3, "before": 2, "after": 2, "improved": 1, "regressed": 1, "p_value": 1.0}
    assert cmp["admin1"]["n_paired"] == 2          # 'a' had no admin1 verdict before; 'new' is unpaired


def test_cli_baseline_comparison(tmp_path, monkeypatch):
    import sigact.pipeline
    from sigact.cli import main

    gold = {"date": "2020-05-03", "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Chile)",
            "country": "Chile", "admin1": "Santiago Metropolitan", "latitude": -33.45, "longitude": -70.66, "fatalities": 0}
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "acled:1", "source_dataset": "acled", "text": "invented note", "gold": gold}) + "\n")
    riots = Event(id="e", article_id="acled:1", acled_event_type="Riots", confidence=0.5)
    protest = Event(id="e", article_id="acled:1", acled_event_type="Protests", confidence=0.5)
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", lambda: OneShotPipeline([riots]))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert CliRunner().invoke(main, ["eval", str(p), "--json", str(old)]).exit_code == 0
    assert json.loads(old.read_text())["verdicts"]["acled:1"]["fields"]["event_type"] is False
    monkeypatch.setattr(sigact.pipeline, "get_pipeline", lambda: OneShotPipeline([protest]))
    r = CliRunner().invoke(main, ["eval", str(p), "--json", str(new), "--baseline", str(old)])
    assert r.exit_code == 0, r.output
    et = json.loads(new.read_text())["comparison"]["fields"]["acled"]["event_type"]
    assert (et["improved"], et["regressed"], et["before"], et["after"]) == (1, 0, 0, 1)
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    r = CliRunner().invoke(main, ["eval", str(p), "--baseline", str(bad)])
    assert r.exit_code == 1 and "SIG-E133" in r.output
