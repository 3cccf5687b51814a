"""Demonstrations: peaceful protest vs protest with intervention vs violent demonstration (ACLED).

Sentences written for these tests.  The cue patterns (``data/demonstrations.yaml``) are checked on
their own (fast), then whole notes run through the extractor, with the rules alone and with the
packaged classifier (slow).
"""

from __future__ import annotations


import pytest

from sigact.extract.demonstrations import demonstrator_violence, violence_patterns
from test_extract_support import extractor_for, primary, run, stages

VIOLENT = [
    "Youths blocked the main road with burning tyres.",
    "Outside the prefecture, the marchers hurled stones at parked cars.",
    "Drivers blocked roads with branches on fire.",
    "The crowd set the barricades alight.",
    "Residents barricaded the roads leading to the quarry.",
    "Students erected barricades on the avenue.",
    "Protesters forced their way into the governor's office.",
    "The demonstrators attempted to force entry into the ministry.",
    "Angry traders stormed the town hall.",
    "The protesters forced shopkeepers to close their stalls.",
    "Demonstrators vandalised two ambulances.",
    "Some marchers had a scuffle with the gendarmes.",
    "A brawl broke out between the two camps.",
    "They got into a physical confrontation with council officials.",
    "When the gendarmes arrived, the crowd tried to retaliate.",
    "Demonstrators threw bottles at the police.",
    "Protesters pelted the convoy.",
    "The protesters clashed with counter-demonstrators.",
    "The students attacked two police officers.",
    "Gendarmes arrived to reopen the road, which led to clashes.",
    "Some of the marchers looted two shops on the boulevard.",
    "The crowd damaged several vehicles parked outside the court.",
    "Officers used tear gas, and the youths responded with rocks.",
]

NOT_VIOLENT = [
    "Residents blocked the road to demand a new school.",
    "They burnt an effigy of the minister.",
    "One marcher got into a verbal confrontation with a bus conductor.",
    "Police dispersed them with tear gas and arrested nine people.",
    "Police tried to break up the sit-in.",
    "Two protesters were injured by police officers.",
    "They marched against the fight against corruption being dropped.",
    "Protesters set fire to a portrait of the governor.",
    "Riot police answered with water cannon and tear gas.",
    "Their banners accused the mayor of having looted the pension scheme.",
    "Farmers protested after floods damaged their fields.",
    "Farmers demanded help after their fields were damaged by a storm.",
    "They blocked the gate using stones and tree trunks.",
]


@pytest.mark.parametrize("text", VIOLENT)
def test_violence_cue_found(text):
    assert demonstrator_violence(text), text


@pytest.mark.parametrize("text", NOT_VIOLENT)
def test_no_violence_cue(text):
    assert demonstrator_violence(text) == [], [m.group(0) for m in demonstrator_violence(text)]


def test_patterns_compile_once():
    assert violence_patterns() is violence_patterns()
    assert violence_patterns().flags & 2  # re.IGNORECASE


def test_match_offsets_point_into_the_text():
    text = "On 4 May, students set tyres on fire near the campus."
    (m,) = demonstrator_violence(text)
    assert text[m.start():m.end()] == m.group(0) == "set tyres on fire"


CASES = [
    # the demonstrators' own violence: a violent demonstration
    ("On 12 March 2021, residents of Kpalime blocked the national road with burning tyres to protest against "
     "repeated power cuts.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, youths in Tsevie set tyres on fire during a march against the arrest of a local chief.",
     "Riots", "Violent demonstration"),
    ("On 12 March 2021, motorcycle taxi drivers in Sokode blocked roads with branches on fire to protest against "
     "a new tax.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, students protesting against tuition fees forced their way into the rectorate of the "
     "university in Kara.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, protesters stormed the town hall of Bassar demanding the release of a detained activist.",
     "Riots", "Violent demonstration"),
    ("On 12 March 2021, demonstrators in Aneho forced traders to close the central market during a protest "
     "against fuel prices.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, traders protesting a market relocation in Mango vandalised the offices of the "
     "municipality.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, teachers demonstrating over unpaid salaries in Notse had a scuffle with the police.",
     "Riots", "Violent demonstration"),
    ("On 12 March 2021, residents protesting against land grabbing in Tabligbo got into a physical confrontation "
     "with officials of the mayor's office.", "Riots", "Violent demonstration"),
    ("On 12 March 2021, demonstrators in Kande threw bottles at the police during a protest over fuel shortages.",
     "Riots", "Violent demonstration"),
    ("On 12 March 2021, residents of Sotouboua barricaded roads to protest against the poor state of the highway.",
     "Riots", "Violent demonstration"),
    # ... told in the next sentence
    ("On 12 March 2021, villagers protested in Vogan against a mining company. When the gendarmes arrived, the "
     "protesters tried to retaliate.", "Riots", "Violent demonstration"),
    # ... even when the police intervened as well
    ("On 14 March 2021, traders marched in Bouake against a new market tax and set tyres on fire. Police "
     "dispersed them with tear gas.", "Riots", "Violent demonstration"),
    # force only by the police: a protest with intervention
    ("On 12 March 2021, traders protested in Kpalime against new market fees. Police dispersed them with tear gas.",
     "Protests", "Protest with intervention"),
    ("On 12 March 2021, students demonstrated in Lome against exam fees. Police arrested twelve of them.",
     "Protests", "Protest with intervention"),
    # a road merely blocked, an effigy burnt: peaceful
    ("On 12 March 2021, farmers blocked the road to Amlame to demand compensation for crops destroyed by a "
     "company.", "Protests", "Peaceful protest"),
    ("On 15 March 2021, opposition supporters marched in Korhogo and burnt an effigy of the prefect.",
     "Protests", "Peaceful protest"),
    ("On 12 March 2021, nurses held a peaceful sit-in outside the hospital in Kara to demand the payment of "
     "their bonuses.", "Protests", "Peaceful protest"),
    # the grievance is no force against these demonstrators
    ("On 16 March 2021, dockers rallied in Parakou, angry that their union leader may be charged with murder.",
     "Protests", "Peaceful protest"),
    ("On 16 March 2021, residents of Dassa protested against the release of a man suspected of murder.",
     "Protests", "Peaceful protest"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[2]}" for k, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_demonstration_types(text, event_type, sub, mode):
    ex = extractor_for(mode)
    e = primary(run(text, None, extractor=ex))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub), e.trigger


@pytest.mark.slow
def test_classifier_only_demonstration_with_force_is_violent():
    coder = stages()[3].coder
    probs = {"Peaceful protest": 0.7, "Violent demonstration": 0.2, "Protest with intervention": 0.1}
    c = coder.from_probs("Peaceful protest", probs, None, None,
                         text="Protesters attempted to force entry into the customs office in Tanguieta.")
    assert (c.event_type, c.sub_event_type) == ("Riots", "Violent demonstration")
    c = coder.from_probs("Peaceful protest", probs, None, None,
                         text="Protesters gathered in front of the customs office in Tanguieta.")
    assert (c.event_type, c.sub_event_type) == ("Protests", "Peaceful protest")


def test_symbolic_acts_are_blanked_out_in_place():
    from sigact.extract.demonstrations import symbolic_free

    text = "They burnt an effigy of the mayor and threw stones at the police."
    out = symbolic_free(text)
    assert len(out) == len(text)
    assert "effigy" not in out and "threw stones" in out
    assert [m.group(0) for m in demonstrator_violence(text)] == ["threw stones"]


def test_weigh_violence_adds_weight_and_says_violent():
    from sigact.extract.demonstrations import DEMO_VIOLENCE, weigh_violence

    prior = {"Peaceful protest": 1.0, "Violent demonstration": 0.05}
    assert weigh_violence(prior, "Farmers marched to the prefecture.", "They then threw stones at the gendarmes.")
    assert prior["Violent demonstration"] == pytest.approx(0.05 + DEMO_VIOLENCE)
    prior = {"Peaceful protest": 1.0, "Violent demonstration": 0.05}
    assert not weigh_violence(prior, "Farmers marched to the prefecture.", "Police dispersed them.")
    assert prior["Violent demonstration"] == 0.05
    # no violent-demonstration candidate: nothing to weigh
    prior = {"Arrests": 1.0}
    assert not weigh_violence(prior, "Protesters stormed the town hall.", "")
    assert prior == {"Arrests": 1.0}


def test_no_excessive_force_without_state_force_on_demonstrators():
    from sigact.extract.demonstrations import no_excessive_force

    prior = {"Attack": 1.0, "Excessive force against protesters": 0.05}
    # the police shooting at demonstrators: keep it
    assert not no_excessive_force(prior, None, "police", False, "protesters", "police shot at the protesters")
    # a grievance: nobody armed acts on demonstrators
    assert no_excessive_force(prior, None, "protesters", False, None, "to protest the murder of a trader")
    assert no_excessive_force(prior, None, "police", False, None, "a policeman who died in an accident")
    # the only candidate stays
    assert not no_excessive_force({"Excessive force against protesters": 1.0}, None, None, False, None, "")


def test_symbolic_act_span():
    from sigact.extract.demonstrations import symbolic_act

    sent = "Students marched and burnt an effigy of the dean."
    i = sent.index("burnt")
    assert symbolic_act(sent, i, i + len("burnt"))
    sent = "Students marched and burnt two cars."
    i = sent.index("burnt")
    assert not symbolic_act(sent, i, i + len("burnt"))


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_grievance_shooting_is_no_force_on_the_demonstration(mode):
    # which of the two incidents is primary is the primary-event stage's choice; the coding must not
    # turn the grievance into force used on the demonstrators
    ex = extractor_for(mode)
    events = run("On 16 March 2021, in Sinende, the family of a taxi driver who was shot dead at a checkpoint "
                 "last month marched to the prefecture to call for an inquiry.", None, extractor=ex)
    assert not [e for e in events if e.acled_sub_event_type == "Excessive force against protesters"]
    march = [e for e in events if e.trigger == "marched"]
    assert march and march[0].acled_sub_event_type == "Peaceful protest"
