"""Mentions that belong to an incident told before them: state forces firing at its scene right after it,
and a bare passive re-mention of its killings; texts written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sigact.extract.merge import agentless_passive
from sigact.extract.merge import in_after_clause
from test_extract_support import incidents, run, stages

pytestmark = pytest.mark.slow


def _show(evs):
    return [(e.factuality, e.trigger, e.acled_sub_event_type, e.location.name if e.location else None,
             e.date.start if e.date else None, e.fatalities,
             (e.actor1.acled_name or e.actor1.name) if e.actor1 else None) for e in evs]


def _tok(sentence: str, word: str):
    nlp = stages()[0]
    return next(t for t in nlp(sentence) if t.text == word)


@pytest.mark.parametrize("sentence,word,inside", [
    ("A trader said troops shot back after the car bomb exploded.", "bomb", True),
    ("A trader said troops shot back after the car bomb exploded.", "shot", False),
    ("Soldiers began shooting after the grenade attack, residents said.", "attack", True),
    ("Troops fired rockets in response to the raid.", "raid", False),
    ("Troops fired shots following the ambush.", "ambush", True),
    ("Gunmen attacked the convoy and the blast killed two guards.", "blast", False),
])
def test_in_after_clause_covers_clauses_opened_by_after(sentence, word, inside):
    assert in_after_clause(_tok(sentence, word)) is inside


@pytest.mark.parametrize("sentence,word,agentless", [
    ("The yard where the men were tied up before they were killed with sticks was still stained.", "killed", True),
    ("Two guards were killed by gunmen near the gate.", "killed", False),
    ("Gunmen killed two guards near the gate.", "killed", False),
])
def test_agentless_passive(sentence, word, agentless):
    h = _tok(sentence, word)
    d = SimpleNamespace(group=SimpleNamespace(main=SimpleNamespace(head=h)))
    assert agentless_passive(d) is agentless


def test_troops_firing_right_after_the_explosion_are_part_of_the_bombing():
    text = ("A roadside bomb tore through a minibus carrying market traders outside Khuzdar in Balochistan on Friday, "
            "killing nine passengers, officials said.\n\nFrontier Corps soldiers at a nearby post opened fire after "
            "the explosion, and the highway stayed closed for hours.")
    evs = run(text, "2024-03-09")
    inc = incidents(evs)
    assert len(inc) == 1, _show(evs)
    assert inc[0].acled_sub_event_type == "Remote explosive/landmine/IED" and inc[0].fatalities == 9, _show(evs)
    assert "opened fire" in [x.text for x in inc[0].evidence if x.field == "trigger"], inc[0].evidence


def test_an_air_strike_after_the_attack_stays_an_incident_of_its_own():
    text = ("ISWAP fighters stormed a military base in Monguno in Borno state on Sunday, residents said. Air Force jets "
            "bombed the insurgents' trucks as they fled after the attack, a military spokesman said.")
    inc = incidents(run(text, "2024-03-09"))
    assert len(inc) == 2, _show(inc)


def test_police_firing_after_a_rally_elsewhere_the_next_day_is_not_the_attack():
    text = ("Gunmen attacked a hotel in Mogadishu on Tuesday, killing six people, police said.\n\nThe next day, "
            "police opened fire on protesters after the rally turned violent in Baidoa, witnesses said.")
    inc = incidents(run(text, "2024-04-17"))
    assert len(inc) == 2, _show(inc)


def test_warplanes_striking_during_the_assault_are_their_own_incident_on_its_day_and_place():
    text = ("Syrian government forces recaptured the town of Saraqeb in Idlib province on Monday after clashes with "
            "Hayat Tahrir al-Sham fighters, state media said.\n\nRussian warplanes struck positions around the town "
            "during the assault, a war monitor said.")
    inc = incidents(run(text, "2024-11-05"))
    assert len(inc) == 2, _show(inc)
    strike = next(e for e in inc if e.acled_event_type == "Explosions/Remote violence")
    lead = next(e for e in inc if e is not strike)
    assert strike.actor1 is not None and "Russia" in (strike.actor1.acled_name or ""), _show(inc)
    assert strike.date.start == lead.date.start == "2024-11-04", _show(inc)  # Monday, not the report day
    assert strike.location is not None and strike.location.name == lead.location.name, _show(inc)


def test_the_militants_looting_during_the_raid_still_detail_the_raid():
    text = ("Al Shabaab fighters attacked an army base in Afgoye in Lower Shabelle on Monday. Two soldiers were "
            "killed and the militants looted weapons during the raid, an officer said.")
    inc = incidents(run(text, "2024-09-10"))
    assert len(inc) == 1 and inc[0].fatalities == 2, _show(inc)


def test_a_headline_telling_the_same_act_at_the_same_town_is_the_body_incident():
    text = ("Sudan army says it has retaken Bara from RSF\n\n"
            "Sudanese army troops recaptured the town of Bara in North Kordofan from the Rapid Support Forces on "
            "Sunday, two military sources said.")
    inc = incidents(run(text, "2024-02-06"))
    assert len(inc) == 1, _show(inc)
    assert inc[0].acled_sub_event_type == "Government regains territory" and inc[0].date.start == "2024-02-04", \
        _show(inc)


def test_a_headline_telling_another_act_at_the_town_stays_its_own():
    text = ("Drone strike hits market in Bara\n\n"
            "Sudanese army troops recaptured the town of Bara in North Kordofan from the Rapid Support Forces on "
            "Sunday, two military sources said.")
    inc = incidents(run(text, "2024-02-06"))
    assert len(inc) == 2, _show(inc)


def test_soldiers_firing_in_the_air_at_the_stormed_building_intervene_in_the_riot():
    text = ("Thousands of protesters stormed the parliament building in Colombo on Saturday, breaking through police "
            "barricades, witnesses said.\n\nSoldiers guarding the building fired in the air as the crowd poured in.")
    inc = incidents(run(text, "2022-07-10"))
    assert len(inc) == 1, _show(inc)
    assert inc[0].acled_event_type in ("Protests", "Riots"), _show(inc)


def test_troops_clashing_with_named_rebels_in_the_town_are_no_intervention():
    text = ("Thousands of protesters marched through Goma on Saturday against the United Nations mission, "
            "witnesses said.\n\nLater that day, troops clashed with M23 rebels near the town, killing four.")
    inc = incidents(run(text, "2024-02-11"))
    assert len(inc) == 2, _show(inc)
