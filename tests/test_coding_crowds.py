"""Crowds, communities and clash sides (extract/crowds.py, hooked into extract/coding.py).

ACLED's line between Battles, Riots and Violence against civilians: communities fighting with deaths
or guns are communal militias in an armed clash; unarmed partisans, residents or refugees fighting
riot; state forces beating a person attack a civilian; armed perpetrators are no rioters.  Texts
written for these tests.  The pipeline cases run with the rules alone and with the packaged classifier.
"""

from __future__ import annotations


import pytest

from sigact.extract.crowds import (FIGHT_CLASSES, armed_mention, boost, brawl, communal_battle, crowd_rules,
                                   drop_type, force_clash, state_on_person, witch_hunt)
from sigact.model import Actor
from test_extract_support import extractor_for, primary, run

FC = {"clash"}
PV = frozenset({"attack", "shoot", "kill", "injure", "fight", "clash", "abduct", "riot"})


# ---- the module's checks on their own (fast) ----

def test_communal_battle_needs_communal_sides_and_a_death_or_guns():
    text = "Herders and farmers clashed near Birnin Konni, leaving three people dead."
    assert communal_battle(FC, (None, None), text, text, text)
    # no death and no guns: a brawl
    text = "Herders and farmers clashed near Birnin Konni with sticks. Two people were hurt."
    assert not communal_battle(FC, (None, None), text, text, text)
    # guns used: armed even without a death
    text = "Two clans exchanged blows and gunfire near Dhusamareb; four were wounded."
    assert communal_battle(FC, (None, None), text, text, text)
    # not a fight trigger, or state forces on a side
    text = "Herders and farmers clashed near Birnin Konni, leaving three people dead."
    assert not communal_battle({"kill"}, (None, None), text, text, text)
    assert not communal_battle(FC, (Actor(text="soldiers", type="military"), None), text, text, text)
    text = "Herders and farmers clashed with soldiers near Birnin Konni, leaving three people dead."
    assert not communal_battle(FC, (None, None), text, text, text)


def test_communal_battle_reads_communal_actor_names():
    a1 = Actor(text="Lou Nuer youths", acled_name="Lou Nuer Ethnic Militia (South Sudan)", type="militia")
    text = "Lou Nuer youths clashed with Murle youths near Pibor; eleven people were killed."
    assert communal_battle(FC, (a1, None), text, text, text)
    # the same words without the communal actor name and without a communal word: no
    a1 = Actor(text="two groups of youths", acled_name=None, type="civilians")
    text = "Two groups of youths clashed near the market; eleven people were killed."
    assert not communal_battle(FC, (a1, None), text, text, text)


def test_feuding_families_with_a_death_are_communal():
    text = "Two rival families clashed over a plot of land in Qena; one man was killed."
    assert communal_battle(FC, (None, None), text, text, text)
    text = "Two rival families clashed over a plot of land in Qena; nobody was hurt."
    assert not communal_battle(FC, (None, None), text, text, text)


def test_witch_hunt():
    assert witch_hunt("Villagers beat an old man they accused of witchcraft.")
    assert witch_hunt("She was branded a witch and beaten.")
    assert not witch_hunt("A switch was broken and the man was beaten.")


def test_partisans_are_never_communal_militias():
    text = "Supporters of two parties from rival villages clashed in Kibera; one person was killed."
    assert not communal_battle(FC, (None, None), text, text, text)


def test_brawl_is_a_fight_of_unorganised_groups_without_deaths_or_guns():
    text = "Two village groups clashed over a boundary; nine people were injured."
    assert brawl(FC, (None, None), text, text, text, False)
    # a death, a gun, an armed word, state forces or a named militia make it no brawl
    text = "Two village groups clashed over a boundary; one man was killed."
    assert not brawl(FC, (None, None), text, text, text, False)
    text = "Two village groups clashed with rifles over a boundary."
    assert not brawl(FC, (None, None), text, text, text, False)
    text = "Two village groups clashed over a boundary; nine people were injured."
    assert not brawl(FC, (None, None), text, text, text, True)
    assert not brawl({"attack"}, (None, None), text, text, text, False)
    text = "Villagers clashed with police over a boundary; nine people were injured."
    assert not brawl(FC, (None, None), text, text, text, False)
    mai = Actor(text="Mai-Mai groups", acled_name="Mayi Mayi Militia", type="militia")
    text = "Mai-Mai groups clashed with each other near Walikale."
    assert not brawl(FC, (mai, None), text, text, text, False)
    # ... a communal militia may brawl
    fulani = Actor(text="Fulani herders", acled_name="Fulani Ethnic Militia (Benin)", type="militia")
    text = "Fulani herders and villagers clashed over a field; two were wounded."
    assert brawl(FC, (fulani, None), text, text, text, False)


def test_death_words_are_whole_words():
    r = crowd_rules()
    assert r.death is not None
    assert r.death.search("two were killed") and r.death.search("a death") and r.death.search("both died")
    assert not r.death.search("their livestock strayed") and not r.death.search("a diesel tank")


def test_armed_mention():
    assert armed_mention(Actor(text="armed herders"))
    assert armed_mention(Actor(text="a group of heavily armed youths"))
    assert armed_mention(Actor(text="bandits"))
    assert not armed_mention(Actor(text="villagers armed with sticks"))
    assert not armed_mention(Actor(text="unarmed villagers"))
    assert not armed_mention(None)


def test_state_on_person():
    police = Actor(text="police officers", type="police")
    assert state_on_person(police, "police", "shoot", None, PV, False, "civilians")
    assert state_on_person(Actor(text="the military", type="military"), "military", "attack", None, PV, False, None)
    assert not state_on_person(police, "police", "clash", None, PV, False, None)  # a clash with a crowd riots
    assert not state_on_person(police, "police", "shoot", None, PV, True, "civilians")  # the target is a crowd
    assert not state_on_person(police, "civilians", "shoot", None, PV, False, "civilians")
    assert not state_on_person(police, "police", "shoot", None, PV, False, "protesters")
    # people told beside the police are not the police
    helpers = Actor(text="volunteers, helping the police at a checkpoint", type="police")
    assert not state_on_person(helpers, "police", "shoot", None, PV, False, "civilians")
    assert "clash" in FIGHT_CLASSES and "fight" in FIGHT_CLASSES


def test_boost_adds_a_missing_candidate_at_the_floor() -> None:
    prior = {"Attack": 1.05}
    cands = ["Attack"]
    boost(prior, cands, "Armed clash", 0.95)
    assert prior == {"Attack": 1.05, "Armed clash": 0.05 + 0.95} and cands == ["Attack", "Armed clash"]
    boost(prior, cands, "Attack", 1.5)  # already a candidate: only the bonus
    assert prior["Attack"] == 1.05 + 1.5 and cands == ["Attack", "Armed clash"]
    boost(prior, cands, "Mob violence", 0.0)  # added with no bonus stays at the floor
    assert prior["Mob violence"] == 0.05 and cands[-1] == "Mob violence"


def test_force_clash_and_drop_type():
    prior = {"Mob violence": 2.0, "Attack": 1.0}
    cands = ["Mob violence", "Attack"]
    excluded = {"Armed clash"}
    force_clash(prior, cands, excluded)
    assert prior == {"Armed clash": 3.05} and cands == ["Armed clash"]
    assert "Armed clash" not in excluded and {"Mob violence", "Attack"} <= excluded
    prior = {"Mob violence": 1.0, "Attack": 1.0}
    cands = ["Mob violence", "Attack"]
    excluded = set()
    drop_type(prior, cands, excluded, "Mob violence")
    assert prior == {"Attack": 1.0} and cands == ["Attack"] and excluded == {"Mob violence"}
    # the last type left is kept in the prior
    drop_type(prior, cands, excluded, "Attack")
    assert prior == {"Attack": 1.0}
    # several at once; a type not in the prior is still excluded (for the classifier)
    prior = {"Mob violence": 1.0, "Violent demonstration": 1.0, "Armed clash": 0.05}
    cands = list(prior)
    excluded = set()
    drop_type(prior, cands, excluded, "Armed clash", "Government regains territory")
    assert set(prior) == {"Mob violence", "Violent demonstration"} == set(cands)
    assert excluded == {"Armed clash", "Government regains territory"}


# ---- whole pipeline (slow: spaCy, geo) ----

CASES = [
    # 1. communities fighting with deaths or guns: an armed clash between communal militias ...
    ("On 4 June, herders and farmers clashed over a watering point near Mayahi; three of them were killed.",
     "Battles", "Armed clash"),
    ("On 4 June, a clash over grazing land pitted Pokot pastoralists against crop growers in Baringo; two "
     "pastoralists were killed.", "Battles", "Armed clash"),
    ("On 4 June, five men died when two clans fought over a well near Dhusamareb.", "Battles", "Armed clash"),
    ("On 4 June, Dinka and Nuer youths clashed in Bor using spears and guns, killing six.", "Battles", "Armed clash"),
    # ... the deaths may be told in the sentence before the clash
    ("On 4 June, a farmer and four Fulani herders died near Kalale. The clashes between the farmers and the herders "
     "broke out after cattle destroyed a maize field.", "Battles", "Armed clash"),
    # ... a brawl between villagers with sticks and stones and nobody killed: mob violence
    ("On 4 June, villagers from Kande and Bulu fought each other with sticks and stones over a land dispute. "
     "Nobody was killed.", "Riots", "Mob violence"),
    ("On 4 June, residents of neighbouring hamlets clashed over a boundary wall near Gaya and acid was thrown; "
     "nine were hurt.", "Riots", "Mob violence"),
    ("On 4 June, three women were injured as two families fought over a cassava plot in Nikki.",
     "Riots", "Mob violence"),
    # ... but named militias fighting each other, even with nobody hurt, fight a battle
    ("On 4 June, Mai-Mai groups clashed with each other near Walikale; no casualties were reported.",
     "Battles", "Armed clash"),
    # 2. unarmed partisans clashing riot, even with a death
    ("On 4 June, supporters of the ruling party and opposition activists clashed in Mombasa. Several people were "
     "injured.", "Riots", "Mob violence"),
    ("On 4 June, supporters of the UPND and the PF clashed in Lusaka, leaving one person dead.", "Riots", "Mob violence"),
    ("On 4 June, PF youths fought with UPND cadres in Kitwe.", "Riots", "Mob violence"),
    # ... a party's youth wing (typed as a militia) fighting another party's members without guns riots too
    ("On 4 June, Imbonerakure clashed with CNL members in Gitega; three people were injured.", "Riots", "Mob violence"),
    # ... and two feuding families fighting with people killed are communal militias in an armed clash
    ("On 4 June, members of two rival families clashed in Sohag, leaving two dead.", "Battles", "Armed clash"),
    # ... and so do migrants, refugees or a nationality group clashing with the police or soldiers
    ("On 4 June, migrants clashed with police at a camp in Lesbos.", "Riots", "Mob violence"),
    ("On 4 June, refugees clashed with soldiers at a camp near Goudoubo.", "Riots", "Mob violence"),
    ("On 4 June, migrants and police clashed at the border crossing near Idomeni.", "Riots", "Mob violence"),
    # ... a crowd clashing with soldiers takes no territory, whatever the soldiers did next
    ("On 4 June, youths clashed with soldiers in Kano and soldiers shot dead one of them.", "Riots", "Mob violence"),
    # 3. state forces beating a person: violence against civilians ...
    ("On 4 June, police beat a man for not wearing a mask in Kano.", "Violence against civilians", "Attack"),
    ("On 4 June, a motorcyclist was beaten up by police in Lagos for not wearing a face mask.",
     "Violence against civilians", "Attack"),
    ("On 4 June, soldiers assaulted a trader at a market in Bamako.", "Violence against civilians", "Attack"),
    # ... while residents beating an official riot (mob violence)
    ("On 4 June, residents beat a local official in Bouake after a dispute over land.", "Riots", "Mob violence"),
    # ... and so does violence on an alleged witch, even with the victim alone named
    ("On 4 June, an elderly widow was beaten and dragged through a hamlet near Koraput after neighbours accused "
     "her of sorcery.", "Riots", "Mob violence"),
    ("On 4 June, two men hacked to death an elderly woman they accused of witchcraft in Kilifi.", "Riots", "Mob violence"),
    # 4. armed perpetrators are no rioters
    ("On 4 June, armed pastoralists attacked farmers in Gashaka and killed four.", "Violence against civilians", "Attack"),
    ("On 4 June, bandits attacked travellers on the road near Gusau and wounded three.",
     "Violence against civilians", "Attack"),
    ("On 4 June, dahalo attacked travellers near Ihosy and wounded two.", "Violence against civilians", "Attack"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[2]}" for k, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_crowd_types(text, event_type, sub, mode):
    ex = extractor_for(mode)
    e = primary(run(text, '2024-06-10', extractor=ex))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub), e.trigger
