"""Actor and type mistakes inside news articles (texts written for these tests)."""

from __future__ import annotations

import pytest

import sigact


def _events(text: str) -> list:
    return sigact.extract(text, published="2024-03-05")


def _main(events: list, sub: str):
    got = [e for e in events if e.acled_sub_event_type == sub]
    assert got, [(e.acled_sub_event_type, e.actor1 and e.actor1.name) for e in events]
    return got[0]


def test_place_noun_near_a_blast_is_not_the_bomber():
    # "police academy" is where the bomb went off, not who set it off
    ev = _main(_events("A suicide bomber detonated his vest near a police academy in Kandahar, Afghanistan "
                       "on Monday, killing 12 cadets, officials said."), "Suicide bomb")
    assert ev.actor1 is not None
    assert "Police" not in (ev.actor1.name or "")
    assert ev.actor1.name == "Unidentified Armed Group (Afghanistan)"


def test_place_noun_bomber_claimed_by_named_group():
    ev = _main(_events("A suicide bomber detonated his vest near a police academy in Mogadishu, Somalia on "
                       "Monday, killing 12 cadets. Al-Shabaab said it carried out the attack."), "Suicide bomb")
    assert ev.actor1 is not None and "shabaab" in (ev.actor1.name or "").lower()


def test_victims_counted_among_the_dead_are_not_the_perpetrator():
    ev = _main(_events("A suicide bomber struck a crowded bus station in Peshawar, Pakistan on Tuesday, "
                       "killing at least nine people, three of them police officers."), "Suicide bomb")
    assert ev.actor1 is not None and "Police" not in (ev.actor1.name or "")


def test_pronoun_it_resolves_to_the_organisation_that_said_it():
    # "It said it had killed ...": the reporting organisation is the actor, not the group named earlier
    text = ("Troops were deployed to Maiduguri, Nigeria on Monday after Boko Haram fighters raided a village. "
            "The Islamic State West Africa Province said it had killed 15 soldiers in an ambush near Bama on Sunday.")
    evs = [e for e in _events(text) if e.acled_event_type == "Battles"]
    assert evs, "the ambush is a battle"
    assert evs[0].actor1 is not None
    assert evs[0].actor1.name == "Islamic State West Africa Province"


def test_antecedent_helper_prefers_the_reporting_subject():
    from sigact.extract.triggers import _antecedent
    from sigact.nlp import load_nlp

    nlp = load_nlp()
    doc = nlp("The Islamic State West Africa Province said it had killed 15 soldiers.")
    it = next(t for t in doc if t.lower_ == "it")
    ante = _antecedent(it)
    assert ante is not None and ante.text == "Province"


@pytest.mark.parametrize("text,country", [
    ("Hundreds of protesters stormed the parliament building in Colombo, Sri Lanka on Wednesday, "
     "smashing windows and setting fires.", "Sri Lanka"),
    ("Dozens of demonstrators stormed the governor's office in Kisumu, Kenya on Thursday and set it on fire.",
     "Kenya"),
])
def test_protesters_storming_a_building_riot(text, country):
    evs = _events(text)
    assert evs
    ev = evs[0]
    assert ev.acled_event_type == "Riots"
    assert ev.acled_sub_event_type == "Violent demonstration"
    assert ev.actor1 is not None and ev.actor1.name == f"Rioters ({country})"


def test_police_firing_back_at_a_bombing_is_the_same_incident():
    # the security forces' response at the scene is part of the attack, not an attack by the police
    evs = _events("Al-Shabaab fighters detonated a car bomb at a cafe in Mogadishu, Somalia on Tuesday, killing "
                  "five people. Police opened fire on the attackers on Tuesday.")
    assert len(evs) == 1, [(e.acled_sub_event_type, e.actor1 and e.actor1.name) for e in evs]
    assert evs[0].acled_event_type == "Explosions/Remote violence"
    assert "shabaab" in (evs[0].actor1.name or "").lower()
