"""UCDP type of violence from actors and text (sigact.extract.ucdp); every sentence written for these tests."""

from __future__ import annotations

import pytest

from sigact.extract.actors import ActorResolver
from sigact.extract.ucdp import side_of, text_sides, ucdp_order, ucdp_type
from sigact.model import Actor
from ucdp_helpers import FixedGedClassifier


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()



# ------------------------------------------------------------------ one type per sentence

@pytest.mark.parametrize("text, event_type, expected", [
    # state-based: a government force against an organised armed group
    ("Soldiers clashed with ADF rebels near Beni on Monday, leaving six dead.", "Battles", 1),
    ("Clashes between the army and Boko Haram insurgents left 12 dead near Gwoza.", "Battles", 1),
    ("Government troops repelled a Taliban assault on a district centre in Helmand.", "Battles", 1),
    ("The regime shelled rebel positions in the south of Idlib.", "Explosions/Remote violence", 1),
    ("Islamic State fighters ambushed an army convoy, killing four soldiers.", "Battles", 1),
    # non-state: two organised groups, neither of them a government
    ("Rival militias fought for control of the market town, leaving nine dead.", "Battles", 2),
    ("Intercommunal clashes between two villages over a land dispute killed seven.", "Battles", 2),
    ("Fighting between the FPRC and the MPC left 20 dead in Ndele.", "Battles", 2),
    ("The Taliban clashed with Islamic State fighters in Nangarhar, killing 15 on both sides.", "Battles", 2),
    ("Herders and farmers clash in the valley, 10 killed.", "Battles", 2),
    ("A gang war between two cartels left eight bodies in the streets.", "Battles", 2),
    ("Twelve killed as Dinka and Nuer youths fight over cattle near Bor.", "Battles", 2),
    ("Muslims and Christians attacked each other's neighbourhoods overnight, leaving ten dead.",
     "Violence against civilians", 2),
    # one-sided: an armed actor killing civilians
    ("Gunmen killed five villagers in a night raid on a hamlet.", "Violence against civilians", 3),
    ("Boko Haram militants massacred 30 farmers in their fields.", "Violence against civilians", 3),
    ("Soldiers executed eleven civilians in a village after an ambush.", "Violence against civilians", 3),
    ("A suicide attack on a crowded mosque killed 20 worshippers.", "Explosions/Remote violence", 3),
    ("Armed men abducted 14 passengers from a bus and killed two of them.", "Violence against civilians", 3),
])
def test_type_from_text(r, text, event_type, expected):
    assert ucdp_type(None, None, event_type, text=text, resolver=r) == expected


def test_parsed_actors_decide_state_based(r):
    army = r.resolve("Nigerian soldiers", "NGA")
    iswap = r.resolve("ISWAP fighters", "NGA")
    # the text alone would say nothing: the parsed dyad decides
    assert ucdp_type(iswap, army, "Battles", text="An attack on a base was repelled.", resolver=r) == 1
    assert ucdp_type(army, iswap, "Explosions/Remote violence") == 1


def test_text_cues_come_before_a_parsed_civilian_victim(r):
    """'vs civilians' from the parse often names the dead of a battle: the text's sides win."""
    gunmen = r.resolve("gunmen", "COD")
    people = r.resolve("civilians", "COD")
    text = "Clashes between the army and CODECO militiamen killed civilians caught in the crossfire."
    assert ucdp_type(gunmen, people, "Violence against civilians", text=text, resolver=r) == 1
    # without a text the parsed pair decides
    assert ucdp_type(gunmen, people, "Violence against civilians") == 3


def test_people_in_a_toll_are_no_civilian_side(r):
    people = Actor(text="17 persons", name="Civilians (Nigeria)", acled_name="Civilians (Nigeria)",
                   country="NGA", type="civilians")
    iswap = r.resolve("ISWAP", "NGA")
    text = "ISWAP fighters attacked an army base in Borno; 17 persons were killed."
    assert ucdp_type(iswap, people, "Battles", text=text, resolver=r) == 1


def test_classifier_only_when_actors_and_text_say_nothing(r):
    clf = FixedGedClassifier("2")
    # the text names the sides: no classifier call
    assert ucdp_type(None, None, "Battles", text="Soldiers clashed with rebels.", resolver=r, classifier=clf) == 1
    assert clf.calls == 0
    # nothing about the sides: the classifier answers
    assert ucdp_type(None, None, "Battles", text="Heavy fighting was reported overnight.", resolver=r,
                     classifier=clf) == 2
    assert clf.calls == 1
    # no classifier: state-based, UCDP's commonest type
    assert ucdp_type(None, None, "Battles", text="Heavy fighting was reported overnight.", resolver=r) == 1


def test_every_violent_event_or_death_gets_a_type(r):
    for et in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        assert ucdp_type(None, None, et, text="Something happened.", resolver=r) in (1, 2, 3)
    crowd = r.resolve("protesters", "KEN")
    police = r.resolve("police", "KEN")
    # a protest without deaths is no organised violence; with deaths (police firing) it is one-sided
    assert ucdp_type(crowd, police, "Protests", text="Protesters marched to parliament.", resolver=r) is None
    assert ucdp_type(crowd, police, "Protests", fatalities=3) == 3
    # excessive force against protesters is violence against people
    assert ucdp_type(police, crowd, "Protests", sub_event_type="Excessive force against protesters") == 3
    # a strategic development whose text reports killings by named sides
    assert ucdp_type(None, None, "Strategic developments", resolver=r,
                     text="Militants stormed a village and killed nine civilians.") == 3
    assert ucdp_type(None, None, "Strategic developments", resolver=r,
                     text="Police arrested twelve suspects in the capital.") is None


def test_old_actor_only_contract(r):
    """Without a text the two actors and the ACLED type decide (the documented fallback)."""
    civ = r.resolve("civilians", "NGA")
    bh = r.resolve("Boko Haram", "NGA")
    assert ucdp_type(bh, civ, "Violence against civilians") == 3
    assert ucdp_type(bh, None, "Violence against civilians") == 3
    assert ucdp_type(None, None, "Battles") == 1
    assert ucdp_type(None, civ, "Explosions/Remote violence") == 3
    assert ucdp_type(None, None, None) is None
    assert ucdp_type(bh, None, "Strategic developments") is None


def test_sides_of_a_text(r):
    s = text_sides("Clashes between the FPRC and anti-Balaka militias left 12 dead; officials said civilians fled.",
                   resolver=r)
    assert s.between == ("armed", "armed")
    assert len(s.groups) == 2 and s.state == 0  # "officials" report, they do not fight
    assert s.civilians >= 1
    s = text_sides("Gunmen on motorbikes killed four traders.", resolver=r)
    assert s.gunmen == 1 and s.civilians == 1 and s.one_sided_cue


def test_sources_are_no_side(r):
    s = text_sides("Gunmen killed four villagers near the river, police said on Monday.", resolver=r)
    assert s.state == 0 and s.gunmen == 1
    assert ucdp_type(None, None, "Violence against civilians", resolver=r,
                     text="Gunmen killed four villagers near the river, police said on Monday.") == 3


def test_side_of(r):
    assert side_of(r.resolve("the regime", "SYR"), "the regime") == "state"
    assert side_of(r.resolve("officials", "SYR"), "officials") is None
    assert side_of(r.resolve("UN peacekeepers", "CAF")) == "state"  # UCDP: attacks on them are state-based
    assert side_of(r.resolve("rioters", "KEN")) == "crowd"
    assert side_of(None) is None


def test_order_puts_government_and_perpetrator_first(r):
    taliban, army = r.resolve("Taliban", "AFG"), r.resolve("Afghan soldiers", "AFG")
    civ = r.resolve("civilians", "AFG")
    assert ucdp_order(taliban, army) == (army, taliban)
    assert ucdp_order(civ, taliban) == (taliban, civ)
    assert ucdp_order(taliban, None) == (taliban, None)


def test_ged_actor1_is_scored_in_ucdp_side_order(r):
    """GED's side_a is the government in a state-based dyad, whoever attacked (scorer rule)."""
    from sigact.evaluate.gold import GoldRecord
    from sigact.evaluate.score import score_record
    from sigact.model import Event

    iswap, army = r.resolve("ISWAP fighters", "NGA"), r.resolve("Nigerian soldiers", "NGA", date="2014-08-13")
    event = Event(id="e1", article_id="x", factuality="asserted", acled_event_type="Battles", ucdp_type=1,
                  actor1=iswap, actor2=army, confidence=0.9)
    gold = {"date": "2014-08-13", "event_type": "State-based armed conflict", "actor1": "Government of Nigeria",
            "actor2": "IS", "country": "Nigeria", "fatalities": 5}
    ged = GoldRecord(id="ucdp_ged:1", dataset="ucdp_ged", text="Invented headline.", gold=gold)
    assert score_record(ged, [event])["fields"]["actor1"] is True
    assert score_record(ged, [event])["fields"]["event_type"] is True
    # ACLED keeps its own order: the attacker is actor1
    acled = GoldRecord(id="acled:1", dataset="acled", text="Invented note.",
                       gold={**gold, "event_type": "Battles", "actor1": "Military Forces of Nigeria (2015-)"})
    assert score_record(acled, [event])["fields"]["actor1"] is False
