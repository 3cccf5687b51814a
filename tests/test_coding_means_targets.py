"""The means and the target decide between Battles, Explosions/Remote violence and Violence against
civilians (extract/means.py, the weapon and armed-target parts of extract/coding.py).

Texts written for these tests.  The sentence cases run with the rules alone and with the packaged
classifier; the helper cases test the patterns directly.
"""

from __future__ import annotations

import pytest

from sigact.extract.means import means
from test_extract_support import extractor_for, primary, run

ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"

CASES = [
    # 1. remote means beat an armed target ...
    ("On 8 June, an IED struck a military vehicle near Gao, killing one soldier.", ERV, "Remote explosive/landmine/IED"),
    ("On 8 June, a roadside bomb hit a police truck in Kandahar, wounding three policemen.",
     ERV, "Remote explosive/landmine/IED"),
    ("On 8 June, militants carried out an explosive attack on a military convoy near Tillaberi, killing four "
     "soldiers.", ERV, "Remote explosive/landmine/IED"),
    ("On 8 June, al Shabaab set off a remote-controlled explosive device against a police station in Marka.",
     ERV, "Remote explosive/landmine/IED"),
    ("On 8 June, rebels fired mortars at a military base in Beni, wounding two soldiers.",
     ERV, "Shelling/artillery/missile attack"),
    ("On 8 June, mortar fire hit a police post in Jowhar, injuring two officers.", ERV, "Shelling/artillery/missile attack"),
    ("On 8 June, Houthi forces fired Katyusha rockets at government positions in Marib, killing a soldier.",
     ERV, "Shelling/artillery/missile attack"),
    ("On 8 June, a Turkish drone targeted a PKK vehicle near Sinjar, killing two fighters.", ERV, "Air/drone strike"),
    ("On 8 June, unknown assailants threw a grenade at a police station in Mogadishu, wounding two officers.",
     ERV, "Grenade"),
    # a suicide bomber's explosives make a suicide bomb, not a remote explosive
    ("On 8 June, a suicide bomber detonated his explosive vest at a restaurant near the police academy in Garowe, "
     "killing five people including two police officers.", ERV, "Suicide bomb"),
    # unexploded ordnance is a remote explosive
    ("On 8 June, a farmer was injured by unexploded ordnance near Sirte.", ERV, "Remote explosive/landmine/IED"),
    # ... and civilian victims: the weapon that killed them decides, not the victim
    ("On 8 June, a child was killed by a mortar round in Bakool.", ERV, "Shelling/artillery/missile attack"),
    ("On 8 June, a woman was killed when a shell fell on her house in Idlib.", ERV, "Shelling/artillery/missile attack"),
    # ... the explosive in a ground assault with gunfire exchanged: an armed clash
    ("On 8 June, gunmen attacked a police patrol with guns and grenades in Celaya, killing two officers.",
     "Battles", "Armed clash"),
    ("On 8 June, gunmen threw a grenade at a police post in Kismayo and the officers responded with gunfire.",
     "Battles", "Armed clash"),
    # ... but gunfire at villages stays shelling: no armed target
    ("On 8 June, militiamen fired mortars and machine guns at villages near Hays, with no casualties.",
     ERV, "Shelling/artillery/missile attack"),
    # 2. armed targets make a battle ...
    ("On 8 June, a police officer was attacked on the road between Kandi and Banikoara.", "Battles", "Armed clash"),
    ("On 8 June, a gendarme was shot and wounded by unknown gunmen in Bobo-Dioulasso.", "Battles", "Armed clash"),
    ("On 8 June, bandits opened fire at the police in Katsina, wounding one officer.", "Battles", "Armed clash"),
    # ... their relatives, former members and off-duty personnel are civilians
    ("On 8 June, armed men shot dead the wife of a policeman in Morelia.", VAC, "Attack"),
    ("On 8 June, gunmen shot dead a police officer's brother in Zinder.", VAC, "Attack"),
    ("On 8 June, gunmen killed a retired army colonel in Kaduna.", VAC, "Attack"),
    ("On 8 June, armed men killed an ex-policeman in his shop in Culiacan.", VAC, "Attack"),
    ("On 8 June, gunmen killed an off-duty soldier at a bar in Maiduguri.", VAC, "Attack"),
    ("On 8 June, gunmen shot dead a local councillor in Uruapan.", VAC, "Attack"),
    ("On 8 June, gunmen killed the leader of a local vigilante unit who tried to stop them near Nikki.", "Battles",
     "Armed clash"),
    ("On 8 June, gunmen shot dead a soldier at a checkpoint in Baidoa.", "Battles", "Armed clash"),
    # ... a soldier or policeman attacked at home is off duty: a civilian
    ("On 8 June, gunmen killed a police officer at his home in Acapulco.", VAC, "Attack"),
    ("On 8 June, gunmen shot dead a soldier who was resting outside his house in Beledweyne.", VAC, "Attack"),
    # the weapon a participle trigger modifies is the instrument, whatever building the shells hit
    ("On 8 June, artillery shells fired by the militia struck a military warehouse in Gharyan, wounding a passer-by.",
     ERV, "Shelling/artillery/missile attack"),
    # two forces clashing with artillery fight a battle
    ("On 8 June, soldiers and insurgents clashed with mortars and howitzers outside Kidal.", "Battles", "Armed clash"),
    # a grenade thrown (passive) at soldiers
    ("On 8 June, a grenade was hurled at soldiers guarding a bank in Bujumbura.", ERV, "Grenade"),
    # 3. one incident with an armed target and civilian victims: coded by its armed interaction
    ("On 8 June, gunmen attacked a police station in Kebbi, killing a policeman and abducting three civilians.",
     "Battles", "Armed clash"),
    ("On 8 June, bandits killed a police officer and two residents in an attack on Gusau.", "Battles", "Armed clash"),
    # ... an abduction alone stays an abduction
    ("On 8 June, gunmen abducted three traders on the road to Funtua.", VAC, "Abduction/forced disappearance"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[2]}" for k, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_means_and_target(text, event_type, sub, mode):
    ex = extractor_for(mode)
    e = primary(run(text, "2024-06-10", extractor=ex))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub), e.trigger


def test_remote_weapons_are_whole_words():
    m = means()
    assert m.weapon_types("a landmine exploded") == {"Remote explosive/landmine/IED"}
    assert m.weapon_types("two mines went off") == {"Remote explosive/landmine/IED"}
    assert m.weapon_types("gunmen attacked gold miners") == set()
    assert m.weapon_types("residents fled to a shelter") == set()
    assert "Shelling/artillery/missile attack" in m.weapon_types("Grad rockets hit the town")


def test_suicide_bomb_outranks_remote_explosive():
    m = means()
    hits = {"Suicide bomb": 1, "Remote explosive/landmine/IED": 2}
    assert m.outranked(hits) == {"Suicide bomb": 1}
    assert m.outranked({"Remote explosive/landmine/IED": 2}) == {"Remote explosive/landmine/IED": 2}


def test_kin_of_armed_people_are_civilians():
    m = means()
    assert m.kin_of_armed("the wife of a policeman")
    assert m.kin_of_armed("a soldier's son")
    assert m.kin_of_armed("the children of an army officer")
    assert not m.kin_of_armed("the leader of a local vigilante unit")
    assert not m.kin_of_armed("two police officers")


def test_former_armed_people():
    m = means()
    assert m.former_armed("a former soldier")
    assert m.former_armed("an ex-policeman")
    assert m.former_armed("a retired police officer")
    assert not m.former_armed("a soldier")
    assert not m.former_armed("the former mayor")


def test_armed_person_among_the_victims():
    m = means()
    assert m.armed_among("a police officer and two residents", "")
    text = "leaving five people dead, among them a gendarme and four traders"
    assert m.armed_among("five people", text)
    assert m.armed_among("two civilians", "killing two civilians and a soldier")
    assert not m.armed_among("two civilians", "killing two civilians near the army camp")
    assert not m.armed_among("the wife of a soldier", "")


def test_civilian_relation():
    m = means()
    assert m.civilian_relation("a policeman", "gunmen killed a policeman at his home")
    assert not m.civilian_relation("a policeman", "gunmen killed a policeman at a checkpoint")
    assert not m.civilian_relation("a farmer", "gunmen killed a farmer at his home")
    assert m.civilian_relation("the son of a soldier")
    assert not m.civilian_relation("")


def test_gunfire():
    m = means()
    assert m.gunfire("attacked the convoy with an IED and small arms")
    assert m.gunfire("the guards returned fire")
    assert not m.gunfire("gunmen planted a bomb under the car")
