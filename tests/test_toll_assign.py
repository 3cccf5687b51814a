"""Which event a toll mention counts (sigact.extract.toll_assign): tolls told in a sentence of their own."""

from __future__ import annotations

import pytest

from sigact.pipeline import get_pipeline


@pytest.fixture(scope="module")
def pipe():
    return get_pipeline()


def _asserted(pipe, text: str):
    return [e for e in pipe.extract(text) if e.factuality == "asserted"]


@pytest.mark.parametrize("text, killed, injured", [
    # a toll-only sentence two sentences after the incident, past background about the victim
    ("On 9 May 2021, armed men attacked a trader in Sonsonate. The trader was a local musician. "
     "He had received threats from a gang. 1 fatality.", 1, None),
    # past a sentence that only tells a threat
    ("On 3 June 2021, gunmen attacked a bus near Kaduna. The attackers threatened to return. Two dead, four injured.",
     2, 4),
    # the next sentence restates the toll of the incident just told
    ("On 12 March 2022, two youths on a scooter fired at a pair of bus drivers in Santa Tecla. Both drivers died.",
     2, None),
])
def test_toll_only_sentences_count_the_incident_before(pipe, text, killed, injured):
    evs = _asserted(pipe, text)
    assert len(evs) == 1
    assert evs[0].fatalities == killed
    assert evs[0].injuries == injured
    assert any(e.field == "fatalities" for e in evs[0].evidence)


def test_a_full_sentence_far_after_the_incident_is_not_its_toll(pipe):
    # a sentence with words of its own, two sentences on, is not a restatement of this incident's toll
    text = ("On 9 May 2021, armed men attacked a trader in Sonsonate. The trader was a local musician. "
            "Last year three people died in floods in the area.")
    evs = _asserted(pipe, text)
    assert evs and all(e.fatalities in (None, 0) for e in evs)


def test_a_body_found_before_the_incident_sentence_counts_it(pipe):
    evs = _asserted(pipe, "The body of a man was found on a road near Sonsonate on Sunday. He had been shot by gunmen.")
    assert len(evs) == 1 and evs[0].fatalities == 1


def test_town_and_its_state_are_one_place_not_two_events(pipe):
    # "in <town>, <state named like its capital>": a chain, not a list of two towns, so one event with its toll
    evs = _asserted(pipe, "On 21 October 2022, in Leon de los Aldama, Guanajuato, armed men attacked two street "
                          "vendors in the town centre. Both vendors died.")
    assert len(evs) == 1
    assert evs[0].fatalities == 2
    assert evs[0].location is not None and evs[0].location.admin1 == "Guanajuato"


@pytest.mark.parametrize("text, killed, injured", [
    ("On 2 March 2021, in Culiacan, Sinaloa, two gunmen exchanged fire with soldiers. "
     "One gunman died and the other one was wounded and detained.", 1, 1),
    ("On 14 July 2021, in Tijuana, gunmen shot a shopkeeper outside his store. "
     "The shopkeeper died and municipal police later detained two of the attackers.", 1, None),
])
def test_deaths_told_with_a_follow_up_arrest_count_the_incident(pipe, text, killed, injured):
    evs = _asserted(pipe, text)
    incident = next(e for e in evs if e.acled_sub_event_type != "Arrests")
    assert (incident.fatalities, incident.injuries) == (killed, injured)
    assert all(e.fatalities is None for e in evs if e.acled_sub_event_type == "Arrests")


def test_an_arrest_on_its_own_keeps_its_toll(pipe):
    evs = _asserted(pipe, "On 6 May 2021, police arrested two men in Tepic. Both were injured in a fall.")
    assert [(e.acled_sub_event_type, e.injuries) for e in evs] == [("Arrests", 2)]
