"""The primary event of a short report is its incident, not the incident's background.

Each case has a note whose main clause tells the incident beside a setting, an earlier act or a
consequence (which must not become the primary event), and a twin whose subject really is that other
event (which must stay primary).  All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, primary, run, stages

pytestmark = pytest.mark.slow


def _note(text: str, day: str = "2022-06-08"):
    """Returns the events of a dated note published on its own day (as an ACLED note is read)."""
    return run(text, published=day)


def _flag_of(events, word: str) -> str:
    """Returns the factuality of the event whose trigger starts with ``word``."""
    ev = next((e for e in events if (e.trigger or "").lower().startswith(word)), None)
    assert ev is not None, f"no event on {word!r} in {[(e.trigger, e.factuality) for e in events]}"
    return ev.factuality


# --------------------------------------------------------------------------- settings ("amid", "context")
@pytest.mark.parametrize("text,day,etype,trigger,setting", [
    ("On 12 March 2021, gunmen killed two farmers in Tumbara village (Zamfara) amid clashes between herders and "
     "farmers in the area.", "2021-03-12", "Violence against civilians", "killed", "clashes"),
    ("On 8 June 2022, Kenyan troops were deployed around the market town of Mandera in the context of renewed "
     "fighting between two clan militias.", "2022-06-08", "Strategic developments", "deployed", "fighting"),
])
def test_setting_is_not_the_incident(text, day, etype, trigger, setting):
    evs = _note(text, day)
    p = primary(evs)
    assert p.acled_event_type == etype and p.trigger.lower().startswith(trigger)
    assert _flag_of(evs, setting) != "asserted"


def test_soldiers_killed_as_part_of_hostilities():
    evs = _note("On 12 March 2021, militiamen killed a fisherman near Mopti as part of long-running clashes between "
                "two neighbouring villages.", "2021-03-12")
    p = primary(evs)
    assert p.trigger == "killed" and p.acled_event_type == "Violence against civilians"


def test_deaths_amid_clashes_keep_the_clash():
    """No act of its own beside the setting: the clash is the incident."""
    evs = _note("On 12 March 2021, two farmers died amid clashes between herders and farmers in Tumbara village "
                "(Zamfara).", "2021-03-12")
    p = primary(evs)
    assert p.acled_event_type in ("Battles", "Riots")
    assert "clash" in " ".join(e.text for e in p.evidence if e.field == "trigger").lower()


def test_clash_told_in_the_main_clause_stays():
    evs = _note("On 12 March 2021, herders and farmers clashed in Tumbara village (Zamfara), killing two people.",
                "2021-03-12")
    assert primary(evs).acled_event_type in ("Battles", "Riots")


# --------------------------------------------------------------------------- consequences
def test_arrest_that_caused_protests():
    evs = _note("On 8 June 2022, police arrested a journalist in Bamako, which caused protests by his colleagues.")
    p = primary(evs)
    assert p.acled_event_type == "Strategic developments" and p.acled_sub_event_type == "Arrests"
    assert _flag_of(evs, "protest") != "asserted"


def test_protest_against_an_arrest_is_a_protest():
    evs = _note("On 8 June 2022, hundreds of journalists protested in Bamako against the arrest of a colleague.")
    assert primary(evs).acled_event_type == "Protests"


def test_consequence_cue_needs_a_dependent_clause():
    from sigact.extract.background import consequence_cue

    nlp = stages()[0]
    doc = nlp("Police arrested a journalist in Bamako, which sparked protests by his colleagues.")
    protests = next(t for t in doc if t.lower_ == "protests")
    assert consequence_cue(protests).lemma_ == "spark"
    doc = nlp("The arrest sparked protests in Bamako.")  # the main clause: the protests may be the report
    assert consequence_cue(next(t for t in doc if t.lower_ == "protests")) is None


# --------------------------------------------------------------------------- earlier acts in relative clauses
def test_earlier_arrest_in_relative_clause_is_background():
    evs = _note("On 8 June 2022, an activist, who was arrested on 16 April, said he was beaten by police in "
                "detention in Harare.")
    p = primary(evs)
    assert p.trigger == "beaten" and p.acled_event_type == "Violence against civilians"
    assert _flag_of(evs, "arrested") == "historical"
    assert not any(e.acled_sub_event_type == "Arrests" for e in incidents(evs))  # "in detention" is a state


def test_participle_with_last_week():
    evs = _note("On 8 June 2022, a man arrested last week told reporters that soldiers tortured him in Gulu.")
    assert primary(evs).trigger == "tortured"
    assert _flag_of(evs, "arrested") == "historical"


def test_clause_date_skips_the_notes_own_day():
    from sigact.extract.background import clause_date

    nlp = stages()[0]
    doc = nlp("On 8 June 2022, an activist, who was arrested on 16 April, said he was beaten in Harare.")
    assert clause_date(next(t for t in doc if t.lower_ == "arrested")).text == "April"
    doc = nlp("On 16 April 2022, an activist, who was arrested on 16 April, said he was beaten in Harare.")
    assert clause_date(next(t for t in doc if t.lower_ == "arrested")) is None


def test_arrest_in_the_main_clause_stays_the_event():
    evs = _note("On 8 June 2022, police arrested two men in Harare who were carrying stolen phones.")
    p = primary(evs)
    assert p.acled_sub_event_type == "Arrests" and p.trigger == "arrested"


# --------------------------------------------------------------------------- a protest's grievance
def test_protest_for_justice_over_a_shooting():
    evs = _note("On 8 June 2022, residents protested in Kisumu to demand justice for a man shot dead by police "
                "last week.")
    p = primary(evs)
    assert p.acled_event_type == "Protests"
    assert _flag_of(evs, "shot") != "asserted"


def test_shooting_reported_with_protest_following():
    evs = _note("On 8 June 2022, police shot dead a man in Kisumu. Residents later protested in the town.")
    p = primary(evs)
    assert p.trigger.lower().startswith("shot")


# --------------------------------------------------------------------------- allegations and denials
@pytest.mark.parametrize("text", [
    "On 8 June 2022, gendarmes in Bertoua are accused of beating a fisherman for refusing to pay a bribe.",
    "On 8 June 2022, two soldiers were accused of beating a street vendor to death in Goma.",
])
def test_alleged_assault_is_an_asserted_event(text):
    p = primary(_note(text))
    assert p.acled_event_type == "Violence against civilians"


def test_accused_of_a_kind_of_conduct_is_no_incident():
    evs = _note("On 8 June 2022, the militia was accused of rape and looting in the region.")
    assert not any(e.acled_event_type == "Violence against civilians" for e in incidents(evs))


@pytest.mark.parametrize("text,word", [
    ("On 8 June 2022, the army denied killing civilians in Dori.", "killing"),
    ("On 8 June 2022, the army denied that its soldiers had killed two herders near Dori.", "killed"),
])
def test_denials_keep_their_flag(text, word):
    assert _flag_of(_note(text), word) == "denied"


def test_claim_without_denial_stays_asserted():
    evs = _note("On 8 June 2022, the army said that its soldiers had killed two herders near Dori.")
    assert _flag_of(evs, "killed") == "asserted"


# --------------------------------------------------------------------------- bodies found
@pytest.mark.parametrize("text", [
    "On 8 June 2022, the bodies of two women were found with signs of torture in Celaya, Guanajuato.",
    "On 8 June 2022, the body of a mechanic was found decapitated in Tultepec, allegedly killed by gang members.",
])
def test_body_found_is_an_attack(text):
    p = primary(_note(text))
    assert (p.acled_event_type, p.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_victim_of_a_protest_grievance_is_background():
    evs = _note("On 8 June 2022, relatives of a man killed by soldiers staged a sit-in at the governor's office in "
                "Maiduguri.")
    assert primary(evs).acled_event_type == "Protests"
    assert _flag_of(evs, "killed") == "historical"


def test_participant_clause_outside_a_protest_stays():
    """No protest in the sentence: a killing told in a participle is not made background."""
    evs = _note("On 8 June 2022, the body of a trader killed by gunmen was found near Maiduguri.")
    assert primary(evs).acled_event_type == "Violence against civilians"


# --------------------------------------------------------------------------- displacement
@pytest.mark.parametrize("text", [
    "On 6 May 2021, near Hpa Lu village, Karen State, fighting between the military and KNU troops forced over "
    "300 villagers to flee their homes.",
    "On 8 June 2022, some 500 farmers from Kamango were displaced following a night-time clash between soldiers "
    "and Mai-Mai militiamen in the nearby hills.",
    "On 8 June 2022, about 400 residents fled Kabala village after clashes between two militias.",
])
def test_displacement_caused_by_fighting_is_the_event(text):
    evs = _note(text)
    p = primary(evs)
    assert p.acled_event_type == "Strategic developments"
    assert not any(e.acled_event_type == "Battles" for e in incidents(evs))


@pytest.mark.parametrize("text,etype", [
    ("On 8 June 2022, the army and ADF rebels clashed near Beni, killing 4 soldiers and displacing hundreds of "
     "villagers.", "Battles"),
    ("On 8 June 2022, gunmen attacked Kabala village, killing three residents. Hundreds of villagers fled after "
     "the attack.", "Violence against civilians"),
    ("On 8 June 2022, the gunmen fled after an attack on a bus near Kabala village that killed two passengers.",
     "Violence against civilians"),
])
def test_fighting_reported_with_displacement_stays(text, etype):
    assert primary(_note(text)).acled_event_type == etype


# --------------------------------------------------------------------------- acts coded in another record
def test_act_coded_separately_is_not_the_notes_event():
    evs = _note("On 5 March 2021, a herder killed a farmer in a field near Saki (Oyo). In revenge, farmers attacked "
                "a herders' camp nearby, coded separately.", "2021-03-05")
    assert primary(evs).trigger == "killed"
    assert _flag_of(evs, "attacked") == "historical"


@pytest.mark.parametrize("text", [
    "On 8 June 2022, the body of a mechanic was found decapitated in Tultepec, Mexico State.",
    "On 8 June 2022, residents found the dismembered body of a taxi driver in Acapulco, Guerrero.",
    "On 8 June 2022, the body of a young woman was found in a canal in Celaya, Guanajuato. She had been strangled.",
])
def test_body_found_without_a_killing_verb(text):
    p = primary(_note(text))
    assert (p.acled_event_type, p.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_found_weapons_are_no_body():
    evs = _note("On 8 June 2022, soldiers found a cache of rifles and grenades in a house in Gao.")
    assert primary(evs).acled_sub_event_type == "Disrupted weapons use"


def test_accused_in_a_grievance_stays_conduct():
    evs = _note("On 8 June 2022, traders rallied in Kumasi against the imprisonment of youths accused of "
                "attacking a tax office.")
    p = primary(evs)
    assert p.acled_event_type == "Protests" and p.acled_sub_event_type == "Peaceful protest"


def test_fight_an_attack_led_to_is_the_same_incident():
    """Only a reaction of another kind (a protest, a riot) is a consequence: "leading to clashes" tells the act."""
    evs = _note("On 3 May 2021, cattle raiders attacked a camp near Rumbek, leading to clashes with local herders.",
                "2021-05-03")
    assert _flag_of(evs, "clash") == "asserted"
