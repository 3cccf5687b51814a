"""Fighting that goes on ("shelling was still going on", "clashes continued") continues the incident told
before it; texts written for these tests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from sigact.extract.incidents import _move_evidence, _set_evidence
from sigact.model import Evidence
from test_extract_support import incidents, run, stages

FIXTURES = Path(__file__).parent / "fixtures" / "articles" / "wire-h5.jsonl"


def _show(evs):
    return [(e.factuality, e.trigger, e.acled_sub_event_type, e.location.name if e.location else None,
             e.date.start if e.date else None, e.fatalities,
             (e.actor1.acled_name or e.actor1.name) if e.actor1 else None) for e in evs]


def _triggers(ev) -> list[str]:
    return [x.text for x in ev.evidence if x.field == "trigger"]


# ------------------------------------------------------------------ moving evidence between drafts
def _ev(field: str, start: int, text: str) -> Evidence:
    return Evidence(field=field, start=start, end=start + len(text), text=text)


def test_move_evidence_replaces_only_the_named_fields_in_source_order():
    dst = SimpleNamespace(evidence=[_ev("trigger", 0, "attacked"), _ev("date", 20, "on Monday"),
                                    _ev("actor1", 40, "gunmen")])
    src = SimpleNamespace(evidence=[_ev("date", 90, "on Sunday"), _ev("location", 70, "Kano"),
                                    _ev("date", 100, "overnight")])
    _move_evidence(src, dst, "date")
    assert [(e.field, e.text) for e in dst.evidence] == [
        ("trigger", "attacked"), ("actor1", "gunmen"), ("date", "on Sunday"), ("date", "overnight")]
    assert [e.text for e in src.evidence] == ["on Sunday", "Kano", "overnight"]  # the source keeps its own


def test_move_evidence_of_a_field_the_source_lacks_drops_the_old_one():
    dst = SimpleNamespace(evidence=[_ev("actor1", 0, "gunmen"), _ev("actor2", 20, "soldiers")])
    _move_evidence(SimpleNamespace(evidence=[]), dst, ("actor1", "actor2"))
    assert dst.evidence == []


def test_set_evidence_puts_new_spans_after_the_others():
    dst = SimpleNamespace(evidence=[_ev("location", 0, "Goma"), _ev("trigger", 10, "shelled")])
    _set_evidence(dst, "location", [_ev("location", 30, "Sake")])
    assert [(e.field, e.text) for e in dst.evidence] == [("trigger", "shelled"), ("location", "Sake")]


# ------------------------------------------------------------------ the continuation cue
@pytest.mark.slow
@pytest.mark.parametrize("sentence,goes_on", [
    ("Skirmishes were still going on near the dam on Monday.", True),
    ("Clashes continued in the district on Tuesday.", True),
    ("Troops continued to shell rebel positions near the town.", True),
    ("The ongoing fighting has forced thousands to flee.", True),
    ("Fighting raged on in the hills, residents said.", True),
    ("Fighting broke out in the town on Monday.", False),
    ("Gunmen attacked a police station in the town on Monday.", False),
])
def test_continues_cue(sentence, goes_on):
    nlp, _geo, _dates, ex = stages()
    doc = nlp(sentence)
    groups = ex.finder.group(ex.finder.find(doc))
    assert groups, sentence
    assert any(ex.cues.continues(SimpleNamespace(group=g)) for g in groups) is goes_on


# ------------------------------------------------------------------ merging on real texts
@pytest.mark.slow
def test_shelling_still_going_on_around_the_seized_town_is_the_seizure():
    text = ("Kachin Independence Army fighters seized an army camp outside Bhamo in Kachin state from the Myanmar army "
            "on Thursday, a KIA spokesman said.\n\nHundreds of families fled to monasteries in the town, aid workers "
            "said. Shelling was still going on around Bhamo on Friday, a resident said.")
    evs = run(text, "2024-03-09")
    inc = incidents(evs)
    assert len(inc) == 1, _show(evs)
    assert inc[0].acled_sub_event_type == "Non-state actor overtakes territory", _show(evs)
    assert inc[0].date.start == "2024-03-07", _show(evs)  # Thursday, the seizure: not the day it went on
    assert "Shelling" in _triggers(inc[0]), _triggers(inc[0])
    assert inc[0].actor1 is not None and "Kachin Independence Army" in (inc[0].actor1.acled_name or ""), inc[0].actor1


@pytest.mark.slow
def test_clashes_that_continued_next_day_in_the_same_town_join_the_attack():
    text = ("Al Shabaab fighters attacked an army base in Afgoye in Lower Shabelle on Monday, killing four "
            "soldiers, the army said. Clashes continued in Afgoye on Tuesday, residents said.")
    inc = incidents(run(text, "2024-03-13"))
    assert len(inc) == 1 and inc[0].fatalities == 4, _show(inc)
    assert inc[0].date.start == "2024-03-11", _show(inc)
    assert "Clashes" in _triggers(inc[0]), _triggers(inc[0])


@pytest.mark.slow
def test_fighting_that_continued_in_another_region_is_its_own_incident():
    text = ("Al Shabaab fighters attacked an army base in Afgoye in Lower Shabelle on Monday, killing four "
            "soldiers, the army said.\n\nIn Gedo region, fighting continued in Garbaharey between Jubaland "
            "forces and federal troops, local elders said.")
    inc = incidents(run(text, "2024-03-13"))
    assert len(inc) == 2, _show(inc)
    assert {e.location.name for e in inc if e.location} >= {"Afgooye", "Garbahaarey"}, _show(inc)


@pytest.mark.slow
def test_clashes_a_week_after_the_attack_are_not_its_continuation():
    text = ("Al Shabaab fighters attacked an army base in Afgoye in Lower Shabelle on March 4, killing four "
            "soldiers, the army said. Clashes continued in Afgoye on Tuesday, residents said.")
    inc = incidents(run(text, "2024-03-13"))
    assert len(inc) == 2, _show(inc)


@pytest.mark.slow
def test_fixture_articles_with_continuing_fighting_score():
    from sigact.evaluate.gold import load_gold
    from sigact.evaluate.score import score_article, summarise_articles

    gold = load_gold(FIXTURES)
    rows = [score_article(a, run(a.text, a.published, article_id=a.id)) for a in gold.articles]
    s = summarise_articles(rows)
    assert s["articles"] == 5 and s["gold_incidents"] == 7
    assert s["aggregate_as_incident"] == 0 and s["background_as_incident"] == 0, rows
    assert s["recall"] == 1.0 and s["precision"] >= 0.85, s
    # every continuation joined its incident: one system incident per gold one where no headline repeats it
    by_id = {r["id"]: r for r in rows}
    for aid in ("h5-sdn-umrawaba", "h5-cod-sake", "h5-mmr-buthidaung", "h5-ukr-kherson"):
        assert by_id[aid]["n_system"] == by_id[aid]["n_gold"], by_id[aid]
