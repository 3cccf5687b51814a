"""Factuality/scope flags and multi-event sentences, on texts written for these tests."""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


def flags(text: str, published: str = "2024-05-06") -> list[tuple[str, str | None]]:
    return [(e.factuality, e.trigger) for e in run(text, published)]


@pytest.mark.parametrize("text,flag", [
    ("The rebels threatened to attack the capital if the government did not release their commander.", "threat"),
    ("The militia leader vowed revenge and warned that the killings would not go unanswered.", "threat"),
    ("The army denied carrying out the airstrike on the market in Hajjah.", "denied"),
    ("Officials said militants could attack polling stations during the election.", "hypothetical"),
    ("The group plans to stage a protest in Harare next week.", "hypothetical"),
    ("Insurgents have attacked the town more than 40 times since January.", "aggregate"),
    ("The conflict has killed more than 10,000 people so far.", "aggregate"),
    ("Attacks on aid convoys in the region have become increasingly frequent in recent months.", "aggregate"),
    ("In 2013 the rebels seized the northern half of the country before French troops intervened.", "historical"),
])
def test_flag(text, flag):
    got = flags(text)
    assert got, "no event found"
    assert got[0][0] == flag, got
    assert not incidents(run(text)), got


def test_asserted_event_is_an_incident():
    evs = run("Gunmen killed four villagers in an attack on Tuesday in Zamfara State, police said.")
    assert len(incidents(evs)) == 1
    e = incidents(evs)[0]
    assert e.fatalities == 4 and e.is_incident


def test_non_asserted_events_rank_below_incidents():
    evs = run("Soldiers clashed with rebels near Beni on Monday. The rebels have attacked the town dozens of times since 2021.")
    inc = incidents(evs)
    other = [e for e in evs if not e.is_incident]
    assert inc and other
    assert max(e.confidence for e in other) < max(e.confidence for e in inc)


def test_factuality_cue_is_evidence():
    text = "The army denied carrying out the airstrike on the market in Hajjah."
    e = run(text)[0]
    cue = e.evidence_for("factuality")
    assert cue and text[cue[0].start:cue[0].end] == cue[0].text == "denied"


def test_two_incidents_in_one_sentence():
    text = ("On Monday police arrested 12 protesters in Lagos, while in Zamfara gunmen killed three villagers "
            "in a separate attack.")
    inc = incidents(run(text))
    subs = sorted(e.acled_sub_event_type for e in inc)
    assert len(inc) == 2, [(e.trigger, e.acled_sub_event_type) for e in inc]
    assert "Attack" in subs
    killed = [e for e in inc if e.fatalities == 3]
    assert len(killed) == 1 and killed[0].acled_sub_event_type == "Attack"


def test_attack_and_killing_are_one_incident():
    inc = incidents(run("Militants attacked an army base in Borno on Friday, killing seven soldiers and wounding 12."))
    assert len(inc) == 1
    e = inc[0]
    assert (e.fatalities, e.injuries) == (7, 12)
    assert e.acled_event_type == "Battles"


def test_follow_up_sentence_updates_the_toll():
    text = ("Jihadists ambushed a military convoy near Djibo on Monday, killing four soldiers. "
            "Two more soldiers later died of their wounds, raising the death toll to six.")
    inc = incidents(run(text))
    assert len(inc) == 1
    assert inc[0].fatalities == 6


def test_separate_sentences_separate_incidents():
    text = ("A roadside bomb killed two soldiers near Gao on Tuesday. "
            "In a separate incident on Wednesday, protesters marched in Bamako against the transitional government.")
    inc = incidents(run(text))
    subs = {e.acled_sub_event_type for e in inc}
    assert {"Remote explosive/landmine/IED", "Peaceful protest"} <= subs


def test_plural_with_demonstrative_and_no_children_does_not_crash():
    # a plural trigger whose only left context is a number far away, and one with no children
    evs = run("Clashes. Attacks.\n\nThose attacks were condemned by the governor.")
    assert all(e.factuality in ("asserted", "aggregate", "threat", "denied", "hypothetical", "historical") for e in evs)


WIRE = """Nine soldiers killed in jihadist attack in western Niger

Nine Nigerien soldiers have been killed in an attack by jihadists in the west of the country, the defence ministry said on Wednesday.

Gunmen on motorcycles ambushed an army patrol on Tuesday near the village of Tiloa in the Tillaberi region, the ministry said in a statement, leaving five soldiers dead.

Four more soldiers died of their wounds overnight, bringing the death toll to nine.

The region has suffered repeated attacks by groups linked to Islamic State and al-Qaeda since 2017.
"""


def test_wire_story_is_one_incident():
    evs = run(WIRE, "2024-07-10")
    inc = incidents(evs)
    assert len(inc) == 1, [(e.trigger, e.acled_sub_event_type, e.date) for e in inc]
    e = inc[0]
    assert e.acled_event_type == "Battles"
    assert e.fatalities == 9
    assert e.date is not None and e.date.start == "2024-07-09"  # "on Tuesday", not the day of the statement
    assert e.location is not None and e.location.country == "NER"
    assert any(x.factuality == "aggregate" and "repeated attacks" in x.evidence_for("event")[0].text for x in evs)


PROTEST_WIRE = """Protesters clash with police in Nairobi over tax bill

Kenyan police fired tear gas and water cannon at thousands of protesters in central Nairobi on Tuesday as demonstrations against a proposed finance bill turned violent.

Protesters threw stones at officers and set fire to tyres on Kenyatta Avenue, witnesses said. At least 20 people were arrested, police said.

The Kenya National Commission on Human Rights said one protester was shot dead by police in Nakuru.

President William Ruto has defended the bill, saying the revenue is needed to repay debt. Opposition leaders have called for more protests next week.

Similar protests in 2023 left dozens dead.
"""


def test_protest_wire_riot_and_excessive_force():
    evs = run(PROTEST_WIRE, "2024-06-26")
    inc = incidents(evs)
    subs = sorted(e.acled_sub_event_type for e in inc)
    assert subs == ["Excessive force against protesters", "Violent demonstration"], [(e.trigger, e.acled_sub_event_type) for e in inc]
    riot = next(e for e in inc if e.acled_sub_event_type == "Violent demonstration")
    assert riot.actor1 is not None and riot.actor1.type == "rioters"
    assert riot.date is not None and riot.date.start == "2024-06-25"
    shot = next(e for e in inc if e.acled_sub_event_type == "Excessive force against protesters")
    assert shot.fatalities == 1 and shot.actor1 is not None and shot.actor1.type == "police"
    flags = {e.factuality for e in evs if not e.is_incident}
    assert {"hypothetical", "historical"} <= flags


MISSILE_WIRE = """Russian missile strike on Odesa kills five

A Russian missile strike on the southern Ukrainian port city of Odesa killed five people and wounded 32 on Friday, regional governor Oleh Kiper said.

The Iskander missile hit a residential area near the port shortly after noon, damaging apartment buildings and a school, Kiper said on Telegram.

Ukraine's air force said it had shot down 14 of 16 drones launched by Russia overnight.

President Volodymyr Zelensky called for more air defence systems. "Russia must be held accountable for every strike," he said.
"""


def test_missile_wire_strike_and_interception():
    evs = run(MISSILE_WIRE, "2024-11-16")
    inc = incidents(evs)
    subs = sorted(e.acled_sub_event_type for e in inc)
    assert subs == ["Disrupted weapons use", "Shelling/artillery/missile attack"], [(e.trigger, e.acled_sub_event_type) for e in inc]
    strike = next(e for e in inc if e.acled_sub_event_type.startswith("Shelling"))
    assert (strike.fatalities, strike.injuries) == (5, 32)
    assert strike.actor1 is not None and strike.actor1.country == "RUS" and strike.actor1.type == "military"
    assert strike.date is not None and strike.date.start == "2024-11-15"
    assert any(e.factuality == "aggregate" and e.trigger == "strike" for e in evs)  # "every strike"


@pytest.mark.parametrize("text", ["Hello world.", "The weather in Paris was sunny on Monday and markets rose."])
def test_no_event_in_text_without_conflict(text):
    assert run(text) == []
