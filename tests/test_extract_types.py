"""ACLED sub-event typing on short texts written for these tests (one incident each)."""

from __future__ import annotations

import pytest

from test_extract_support import primary, run

pytestmark = pytest.mark.slow

CASES = [
    ("On Monday, soldiers clashed with Boko Haram fighters near Gwoza, leaving six insurgents dead.",
     "Battles", "Armed clash"),
    ("Government forces recaptured the town of Palma from Islamist insurgents on Sunday after three days of fighting.",
     "Battles", "Government regains territory"),
    ("Israeli warplanes carried out an airstrike on a house in Khan Younis on Tuesday, killing four people.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("A drone strike hit a vehicle carrying al-Shabaab commanders near Jilib on Friday.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("Rebels shelled residential areas of Kharkiv with artillery and rockets on Wednesday, wounding nine civilians.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded under a police patrol in Kandahar on Thursday, killing two officers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("A suicide bomber drove an explosives-laden car into a checkpoint in Baidoa on Saturday, killing five soldiers.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Unidentified men threw a grenade into a bar in Bujumbura on Friday night, injuring seven people.",
     "Explosions/Remote violence", "Grenade"),
    ("Gunmen shot dead three farmers in their fields near Bokkos on Sunday, residents said.",
     "Violence against civilians", "Attack"),
    ("Armed bandits kidnapped 20 passengers from a bus on the Abuja-Kaduna highway on Tuesday.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Hundreds of nurses staged a peaceful protest outside the health ministry in Lilongwe on Monday to demand unpaid allowances.",
     "Protests", "Peaceful protest"),
    ("Students protesting fee increases in Johannesburg on Thursday were dispersed by police with tear gas and rubber bullets.",
     "Protests", "Protest with intervention"),
    ("Rioters torched vehicles and pelted police with stones in Dakar on Friday after the arrest of an opposition leader.",
     "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief in a market in Kampala on Saturday.",
     "Riots", "Mob violence"),
    ("Police arrested 12 suspected members of a kidnapping gang in Port Harcourt on Wednesday.",
     "Strategic developments", "Arrests"),
    ("Militiamen looted shops and set fire to houses in the village of Djugu on Sunday.",
     "Strategic developments", "Looting/property destruction"),
    ("Army engineers defused an improvised explosive device planted on a bridge in Diffa on Monday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Police arrested two men and recovered a large quantity of rifles and ammunition in Garissa on Tuesday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Unknown assailants set fire to the offices of the electoral commission in Kisumu on Monday night, destroying the building.",
     "Strategic developments", "Looting/property destruction"),
    # the remaining sub-event types (every one of ACLED's 25 has at least one case)
    ("Al-Shabaab fighters seized control of the town of Bulo Burde on Saturday after government troops withdrew.",
     "Battles", "Non-state actor overtakes territory"),
    ("Government forces dropped barrels containing chlorine gas on the town of Kafr Zita on Monday, residents said.",
     "Explosions/Remote violence", "Chemical weapon"),
    ("Soldiers raped two women at a checkpoint outside Bunia on Friday, a local rights group said.",
     "Violence against civilians", "Sexual violence"),
    ("Security forces opened fire with live ammunition on protesters in Khartoum on Thursday, killing three demonstrators.",
     "Protests", "Excessive force against protesters"),
    ("The government and the rebel alliance signed a ceasefire agreement in Addis Ababa on Tuesday.",
     "Strategic developments", "Agreement"),
    ("Hundreds of Mai-Mai fighters surrendered to the army in Beni on Sunday.",
     "Strategic developments", "Change to group/activity"),
    ("The militia established a new base in the village of Kilwa on Monday, residents said.",
     "Strategic developments", "Headquarters or base established"),
    ("Rebel forces handed over the town of Tessalit to the army on Wednesday without fighting.",
     "Strategic developments", "Non-violent transfer of territory"),
    ("Al-Shabaab militants extorted money from traders at the market in Jilib on Tuesday.",
     "Strategic developments", "Other"),
    # crowds are rioters whatever the verb; seizures of goods are not territory
    ("On Sunday, a group of residents attacked and injured a man accused of stealing a motorbike in Kandi.",
     "Riots", "Mob violence"),
    ("On 4 May, supporters of two rival candidates clashed with sticks and stones in Mopti, injuring four people.",
     "Riots", "Mob violence"),
    ("On 2 May, police seized 40 stolen motorcycles and a truck at a warehouse in Cotonou.",
     "Strategic developments", "Looting/property destruction"),
    ("On 27 April, in Cascavel, state police officers confiscated two tonnes of marijuana hidden in a lorry at a road "
     "checkpoint.", "Strategic developments", "Looting/property destruction"),
    ("On 3 May, a number of farmers attacked herders whose goats had eaten their maize near Segbana.",
     "Riots", "Mob violence"),
    ("On 3 May, soldiers seized the town of Kidal from separatist rebels.",
     "Battles", "Government regains territory"),
    # organised armed actors lynching someone are no mob; an armed actor's attack on an army convoy is a battle
    ("On Monday, about 50 residents barricaded the main road of the township with burning tyres, angry that their "
     "taps had been dry for a week.",
     "Riots", "Violent demonstration"),
    ("Soldiers lynched a former rebel during a military ceremony in Bangui on Wednesday.",
     "Violence against civilians", "Attack"),
    ("On Monday, Taliban fighters ambushed an army supply convoy in Logar's Puli Alam district, setting a fuel tanker "
     "ablaze.",
     "Battles", "Armed clash"),
    ("On 4 May, two gunmen on a motorbike shot a policewoman dead outside a bank in Herat city.",
     "Battles", "Armed clash"),
    ("Gunmen killed three civilians near the police station in Maiduguri on Monday.",
     "Violence against civilians", "Attack"),
    # the attacked object decides, not the generic casualty noun ("people") that ends up as actor2
    ("On 3 May, gunmen attacked an army checkpoint near Kidal, leaving three people dead including one soldier.",
     "Battles", "Armed clash"),
    ("On 2 May, militants stormed a police post in Diffa, leaving two people dead.",
     "Battles", "Armed clash"),
    # violent demonstrations (burning barricades, stones at the police) and crowd-on-crowd fights are riots
    ("On Tuesday, a group of residents demonstrated in Talca against the closure of a clinic and set barricades on "
     "fire on the main road.", "Riots", "Violent demonstration"),
    ("On Friday, police dispersed about 150 people who were burning tyres and debris in Maracay to demand water "
     "supplies.", "Riots", "Violent demonstration"),
    ("On Wednesday, about 200 textile workers demanding back pay clashed with police and threw stones at officers "
     "in Ludhiana.", "Riots", "Violent demonstration"),
    ("On Monday, supporters of the ruling party clashed with supporters of the opposition party in Lubumbashi, "
     "leaving two people dead.", "Riots", "Mob violence"),
    ("On Saturday, youths of two rival political parties fought each other in Kindia with sticks and machetes.",
     "Riots", "Mob violence"),
    ("On Friday, students from two rival schools clashed in Kumasi, injuring five.", "Riots", "Mob violence"),
]


def test_every_sub_event_type_has_a_case():
    from sigact.extract.lexicon import load_lexicon

    assert {c[2] for c in CASES} == set(load_lexicon().taxonomy)


@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[2]}" for k, c in enumerate(CASES)])
def test_sub_event_type(text, event_type, sub):
    e = primary(run(text))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub), e.trigger


def test_codes_come_from_one_table():
    from sigact.extract.lexicon import load_lexicon

    lex = load_lexicon()
    e = primary(run(CASES[2][0]))
    row = lex.taxonomy[e.acled_sub_event_type]
    assert (e.plover_type, e.cameo_root) == (row["plover"], row["cameo"])
    assert e.plover_mode == "aerial"


def test_protest_actor_is_acled_protesters():
    e = primary(run(CASES[10][0]))
    assert e.actor1 is not None and e.actor1.type == "protesters"
    assert e.actor1.acled_name == "Protesters (Malawi)"


def test_tolls_go_to_their_event():
    e = primary(run(CASES[0][0]))
    assert e.fatalities == 6
    e = primary(run(CASES[6][0]))
    assert e.fatalities == 5
    ev = e.evidence_for("fatalities")
    assert ev and "five soldiers" in ev[0].text


def test_ucdp_type_for_violence_only():
    assert primary(run(CASES[8][0])).ucdp_type == 3
    assert primary(run(CASES[10][0])).ucdp_type is None


def test_gunmen_and_snipers_are_actors_not_weapons():
    """Person nouns among the firearms cues ("gunmen", "a sniper") are the attackers' own mention."""
    from test_extract_support import stages

    nlp, _, _, ex = stages()
    for text, who in (("On 3 May, gunmen attacked an army checkpoint near Kidal.", "gunmen"),
                      ("On 4 May, a sniper shot a soldier at a checkpoint in Rafah.", "sniper")):
        doc = nlp(text)
        groups = ex.finder.group(ex.finder.find(doc))
        a1, _ = ex.finder.arguments(groups[0])
        assert a1 is not None and who in a1.text


def test_armed_object_makes_a_battle_whatever_the_victim_noun():
    """An attack whose object is a police post stays a battle; one on civilians stays violence against civilians."""
    e = primary(run("On 5 May, armed men attacked a police post in Tillaberi, leaving four people dead."))
    assert e.acled_event_type == "Battles"
    e = primary(run("On 5 May, armed men attacked a village near Tillaberi, leaving four people dead."))
    assert e.acled_event_type == "Violence against civilians"


def test_crowd_against_police_is_no_battle():
    """A crowd throwing stones at the police riots; the same verb between an army and rebels stays a battle."""
    e = primary(run("On Thursday, residents clashed with the police in Kisumu and threw stones at officers after a "
                    "driver was shot, demanding justice."))
    assert e.acled_event_type == "Riots"
    e = primary(run("On Thursday, soldiers clashed with rebels in Kisumu, killing three fighters."))
    assert e.acled_event_type == "Battles"


def test_coder_sees_the_perpetrator_the_event_ends_with():
    """With no actor1 parsed, the coder is given the armed actor the sentence names (else the
    country's unnamed perpetrator), the one the event finally stores; the look-up is made once
    when the coded event type is the one the trigger announced."""
    from test_extract_support import stages

    _, _, _, ex = stages()
    seen: list = []
    calls: list = []
    code, perp = ex.coder.code, ex.actors.perpetrator

    def spy_code(group, actor1, actor2, *a, **k):
        seen.append(actor1)
        return code(group, actor1, actor2, *a, **k)

    def spy_perp(*a, **k):
        calls.append(a[0])
        return perp(*a, **k)

    ex.coder.code, ex.actors.perpetrator = spy_code, spy_perp
    try:
        e = primary(run("On 4 May, two soldiers were killed near Afgoye in an attack claimed by al-Shabaab.", None))
        assert seen and seen[0] is not None and seen[0].type in ("rebel", "militia", "terrorist")
        assert e.actor1 is not None and e.actor1.name == seen[0].name
        seen.clear()
        calls.clear()
        e = primary(run("On 3 May, three soldiers were killed in an ambush near Kidal.", None))
        assert seen and seen[0] is not None and seen[0].type == "unidentified armed group"
        assert e.actor1 is not None and e.actor1.name == seen[0].name
        assert len(calls) == 1  # same event type: coding and the final actors share one look-up
    finally:
        del ex.coder.code, ex.actors.perpetrator


@pytest.mark.parametrize("text, event_type, sub", [
    ("On 3 May, three soldiers were killed in an ambush near Kidal.", "Battles", "Armed clash"),
    ("On 3 May, gunmen killed five villagers in Kidal.", "Violence against civilians", "Attack"),
    ("On 4 May, two police officers were shot dead at a checkpoint in Kismayo.", "Battles", "Armed clash"),
    ("On 5 May, a policeman was killed in Ouallam during an attack by JNIM militants.", "Battles", "Armed clash"),
])
def test_unnamed_or_sentence_named_attacker(text: str, event_type: str, sub: str):
    """An incident whose attacker is not the parsed subject is typed by its victims and the attacker
    the sentence names (or ACLED's unnamed armed group)."""
    e = primary(run(text, None))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub)
