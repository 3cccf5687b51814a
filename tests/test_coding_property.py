"""Property violence (``sigact.extract.property``), on texts written for these tests.

ACLED's codebook: property destroyed or looted with no person attacked is Strategic developments /
Looting/property destruction; rioters, demonstrators or a crowd doing it riot (Riots); property burnt
or looted during an attack on people is part of that attack.
"""

from __future__ import annotations

import re

import pytest

from sigact.extract.coding import _DEMO_RX
from sigact.extract.property import LOOTING, apply_property_rule, property_only, property_rules
from test_extract_support import primary, run

SD = "Strategic developments"


@pytest.mark.parametrize("text", [
    "unknown people torched an excavator at the quarry",
    "the men looted a grain store",
    "gunmen raided homes and took food, blankets and clothes",
    "bandits seized three motorbikes and some goats",
    "the assailants vandalised the offices of the party",
    "police ransacked the residence of the mayor",
    "they set a lorry on fire",
])
def test_property_acts_are_found(text: str) -> None:
    assert property_rules().act(text)


@pytest.mark.parametrize("text", [
    "soldiers took positions around the town",
    "the governor visited the market",
    "residents gathered at the council building",
])
def test_no_property_act(text: str) -> None:
    assert not property_rules().act(text)


@pytest.mark.parametrize("text", [
    "gunmen fired shots in the air to scare the villagers and took their cattle",
    "the raiders fired warning shots and looted the shops",
    "a herder shot and killed four cows belonging to a farmer",
    "No one was hurt when the kiosk was torched.",
    "The arson attack caused heavy material damage.",  # the noun "attack" is no attack on people
    "the militants attacked and burned the customs office",
    "unknown men attacked the house of a councillor and set it ablaze",
])
def test_no_harm_to_people(text: str) -> None:
    assert not property_rules().harmed(text)


@pytest.mark.parametrize("text", [
    "gunmen burned houses and killed two farmers",
    "the bandits looted the shops and abducted a trader",
    "the militants opened fire on a minibus and stole the passengers' phones",
    "assailants assaulted the guard and vandalised the depot",
    "militants attacked the village of Mokoto and set fire to huts",  # an attack on a village
    "the fighters attacked residents and looted their homes",
    "a man was burned alive in his shop",
    "villagers killed a suspected goat thief and burned his hut",  # a goat thief is a person
    "the crowd caught the man and set him alight, burning him alive",
    "a trader was severely burned when the kiosk was set on fire",
])
def test_harm_to_people(text: str) -> None:
    assert property_rules().harmed(text)


def test_weapons_taken_are_no_looting() -> None:
    text = "Gunmen raided the headquarters of a rival faction and seized weapons and two pick-up trucks."
    assert property_rules().act(text)
    assert not property_only(t1="unidentified armed group", t2=None, crowd=False, who="Gunmen", ctx_text=text,
                             told=text, demo=False)


def test_attack_verb_alone_does_not_rule_looting_out() -> None:
    rules = property_rules()
    text = "militants attacked the village of Mokoto and set fire to huts"
    assert rules.harmed(text)
    assert not rules.harmed(text, attacks=False)


@pytest.mark.parametrize("who, unidentified", [
    ("a group of unknown persons", True),
    ("an unidentified group", True),
    ("a group of masked men", True),
    ("a group of residents", False),
    ("a crowd of youths", False),
])
def test_unidentified_group(who: str, unidentified: bool) -> None:
    assert property_rules().unidentified_group(who) is unidentified


def _prior() -> tuple[dict[str, float], list[str], set[str]]:
    prior = {"Attack": 1.05, "Mob violence": 0.05, LOOTING: 0.55}
    return prior, list(prior), set()


def test_rule_boosts_looting_when_nobody_is_harmed() -> None:
    prior, cands, excluded = _prior()
    led = apply_property_rule(prior, cands, excluded, t1="unidentified armed group", t2=None, crowd=False,
                              who="unknown men", ctx_text="Unknown men set fire to a bulldozer at the site.",
                              told="Unknown men set fire to a bulldozer at the site.", demo=False)
    assert led
    assert prior[LOOTING] > prior["Attack"] + 2


def test_rule_adds_looting_to_the_candidates() -> None:
    prior, cands, excluded = {"Attack": 1.05, "Armed clash": 0.55}, ["Attack", "Armed clash"], set()
    text = "Gunmen raided the hamlet of Tuga, fired shots in the air and took away sheep and grain."
    led = apply_property_rule(prior, cands, excluded, t1="unidentified armed group", t2=None, crowd=False,
                              who="Gunmen", ctx_text=text, told=text, demo=False)
    assert led
    assert LOOTING in cands and max(prior, key=prior.get) == LOOTING
    assert "Armed clash" in excluded and "Armed clash" not in prior  # shots in the air are no fight


def test_rule_takes_looting_out_when_people_are_harmed() -> None:
    prior, cands, excluded = _prior()
    text = "Gunmen looted shops in the market and shot dead a trader."
    led = apply_property_rule(prior, cands, excluded, t1="unidentified armed group", t2=None, crowd=False,
                              who="Gunmen", ctx_text=text, told=text, demo=False)
    assert not led
    assert LOOTING not in prior and LOOTING in excluded and LOOTING not in cands
    assert prior["Attack"] > 1.05


@pytest.mark.parametrize("kw", [
    {"t1": "rioters", "crowd": False, "demo": False},
    {"t1": "civilians", "crowd": True, "demo": False},  # "a group of residents"
    {"t1": "unidentified armed group", "crowd": False, "demo": True},  # a demonstration in the text
])
def test_rule_leaves_crowds_alone(kw: dict) -> None:
    prior, cands, excluded = _prior()
    before = dict(prior)
    text = "They set fire to two cars and a kiosk."
    assert not apply_property_rule(prior, cands, excluded, t2=None, who="a group of residents", ctx_text=text,
                                   told=text, **kw)
    assert prior == before and not excluded


@pytest.mark.parametrize("text", [
    "On 14 October 2022, unknown persons set a tipper truck belonging to a road contractor on fire in Nyanza.",
    "On 14 October 2022, unidentified individuals burned down the house of a village chief in Kabarore.",
    "On 14 October 2022, an unidentified group vandalised a pharmacy in the centre of Butare.",
    "On 14 October 2022, unknown persons vandalized the local office of the ruling party in Kirehe.",
    "On 14 October 2022, a group of unknown persons vandalised the home of an opposition party member in Rusizi.",
    "On 14 October 2022, armed militants looted medical supplies from a health centre in the village of Kalongo.",
    "On 14 October 2022, an armed group raided houses in the village of Buta and took food, clothes and goats.",
    "On 14 October 2022, gunmen raided the village of Dan Kano, fired shots in the air and stole motorbikes and cattle.",
    "On 14 October 2022, police raided the home of an opposition deputy in Embu and damaged doors and furniture.",
    "On 14 October 2022, soldiers raided and ransacked the residence of a former governor in Kindu.",
    # a March date is no demonstration ("march"): the rule still applies
    "On 14 March 2022, unknown persons set fire to a bulldozer at a road construction site near Muhanga.",
])
def test_property_violence_without_harm_is_looting(text: str) -> None:
    ev = primary(run(text, published="2022-10-15"))
    assert (ev.acled_event_type, ev.acled_sub_event_type) == (SD, LOOTING), text


@pytest.mark.parametrize("text, event_type", [
    # arson that killed a family stays an attack on civilians
    ("On 14 October 2022, unidentified men set fire to a house in Nyanza, killing a family of four.",
     "Violence against civilians"),
    ("On 14 October 2022, gunmen looted shops in the market of Kalongo and wounded two traders.",
     "Violence against civilians"),
    ("On 14 October 2022, gunmen raided houses in the village of Buta, killed two residents and stole goats.",
     "Violence against civilians"),
    ("On 14 October 2022, an armed group looted shops in Kalongo and abducted three traders.",
     "Violence against civilians"),
    # rioters, a mob or demonstrators burning or looting riot
    ("On 14 October 2022, rioters burned a police station in Kabarore after a detainee died in custody.", "Riots"),
    ("On 14 October 2022, a mob looted shops and torched cars in Ndola during protests over bread prices.", "Riots"),
    ("On 14 October 2022, demonstrators set fire to tyres and vandalised a bank in Butare.", "Riots"),
    ("On 14 October 2022, residents burned the house of a man accused of witchcraft and beat him to death "
     "in Mzimba.", "Riots"),
    # property destroyed in an attack on an armed target is part of the battle
    ("On 14 October 2022, militants attacked an army post in Kalongo and burned two military vehicles.", "Battles"),
])
def test_property_violence_with_people_attacked_keeps_its_type(text: str, event_type: str) -> None:
    ev = primary(run(text, published="2022-10-15"))
    assert ev.acled_event_type == event_type, (text, ev.acled_event_type, ev.acled_sub_event_type)


@pytest.mark.parametrize("text, demo", [
    ("On 14 March 2022, unknown men burned a car.", False),
    ("On March 14, 2022, unknown men burned a car.", False),
    ("Hundreds of teachers held a march to the ministry.", True),
    ("Residents marched to the governor's office.", True),
])
def test_march_the_month_is_no_demonstration(text: str, demo: bool) -> None:
    assert bool(re.search(_DEMO_RX, text)) is demo
