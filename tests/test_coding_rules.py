"""ACLED's coding rules over the parse (extract/coding.py): who acts on whom decides the type.

Texts written for these tests.  Each case runs with the rules alone (no classifier) and with the
packaged classifier, so a rule keeps working when the classifier has never seen a country's style.
"""

from __future__ import annotations


import pytest

from sigact.extract.clauses import head_word as _head_word
from test_extract_support import extractor_for, primary, run, stages

pytestmark = pytest.mark.slow

CASES = [
    # an unorganised crowd of civilians attacking someone riots (mob violence): no armed group, no attack
    ("On 4 June, a group of villagers beat a suspected cattle thief in Gogounou, wounding him badly.",
     "Riots", "Mob violence"),
    ("On 2 June, a crowd of residents attacked two police officers in Djidja after a quarrel over a motorcycle.",
     "Riots", "Mob violence"),
    ("On 9 June, a number of youths assaulted a suspected burglar in the market of Parakou.", "Riots", "Mob violence"),
    ("On 9 June, a number of residents captured a suspected thief and handed him over to the police in Ouidah.",
     "Riots", "Mob violence"),
    # ... but a crowd raiding a camp or village is an organised attack on civilians
    ("On 8 June, a band of farmers raided a herders' camp near Nikki and wounded three people.",
     "Violence against civilians", "Attack"),
    # no parsed actor: the clause before the verb names a crowd
    ("On 9 June, in Cuautla, some 20 people in hoods assaulted two traders in the market.",
     "Riots", "Mob violence"),
    # an armed group shooting herders (typed by the actor stage as their ethnic militia) targets civilians
    ("On 5 June, unidentified gunmen shot dead two Fulani herders near Kalale.",
     "Violence against civilians", "Attack"),
    # ACLED codes an attacked off-duty policeman as a civilian
    ("On 6 June, armed men killed an off-duty police officer at his home in Ensenada.",
     "Violence against civilians", "Attack"),
    ("On 6 June, armed men ambushed a police commander who was off duty in Apatzingan, wounding him.",
     "Violence against civilians", "Attack"),
    # a lone shooter firing on the police is an (unidentified) armed group in a battle
    ("On 7 June, a man shot and wounded two police officers at a checkpoint in Morelia.", "Battles", "Armed clash"),
    # the weapon the verb fires decides remote violence, whoever the target
    ("On 8 June, al Shabaab militants fired mortars at an army base outside Jowhar.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    # ... unless small arms are fired with it: an exchange of fire
    ("On 8 June, al Shabaab militants fired mortars and rifles at an army base outside Jowhar.", "Battles", "Armed clash"),
    # an arson attack on property that hurt nobody is property destruction (a strategic development)
    ("On 3 June, unidentified attackers carried out an arson attack on the warehouse of a cement company in Kayseri, "
     "causing material damage.", "Strategic developments", "Looting/property destruction"),
    # an arrest told after another incident is part of it, not the event the text reports
    ("On 4 June, gunmen shot dead a farmer near Kalale. Police later arrested two suspects.",
     "Violence against civilians", "Attack"),
    ("On 3 June, about 300 traders marched through Bamako to protest against new taxes. Police arrested twelve of "
     "them and dispersed the rest.", "Protests", "Protest with intervention"),
    # a crowd fighting another crowd (no organised armed group, no guns) riots: ACLED's mob violence
    ("On 5 June, two groups of youths clashed with each other over a football match in Dassa, injuring four people.",
     "Riots", "Mob violence"),
    ("On 5 June, supporters of two rival parties fought each other with sticks and stones in Kandi.",
     "Riots", "Mob violence"),
    ("On 5 June, two rival families fought each other with machetes over a plot of land in Sakete; three people "
     "were hurt.", "Riots", "Mob violence"),
    # ... but guns make it organised armed violence
    ("On 5 June, two groups of herders clashed with guns over grazing land near Bouka.", "Battles", "Armed clash"),
    # the "between" phrase names the sides: a crowd and the police riot; a crowd and militiamen fight a battle
    ("On 4 June, clashes erupted between rioters and the police in Zouq Mosbeh.", "Riots", "Violent demonstration"),
    ("On 4 June, three women were wounded in fighting between two families over a plot of land in Gogounou.",
     "Riots", "Mob violence"),
    ("On 4 June, clashes between residents and militiamen left three dead in Djugu.", "Battles", "Armed clash"),
    # state forces clashing with demonstrators: the demonstration turned violent, no battle
    ("On 8 June, teachers held a demonstration in Madurai against unpaid wages. Police clashed with the "
     "demonstrators.", "Riots", "Violent demonstration"),
    # violence by the demonstrators told after the demonstration's sentence makes it violent
    ("On 8 June, residents marched through Kaya to demand the return of electricity. They later threw stones at "
     "shops and set a car on fire.", "Riots", "Violent demonstration"),
    # party members fighting supporters of another party (no militia, no guns) riot
    ("On 4 June, members of the ruling party clashed with supporters of the opposition in Kasumbalesa, leaving two "
     "dead.", "Riots", "Mob violence"),
    ("On 4 June, BJP workers beat up two Congress supporters in Agartala.", "Riots", "Mob violence"),
    # a crowd killing a suspected criminal is mob justice, even when the actor stage calls the suspect armed
    ("On 8 June, villagers with sticks beat to death a suspected robber in Tangbe.", "Riots", "Mob violence"),
    # ... or beating a herder, whom the actor stage types as his ethnic militia
    ("On 3 June, villagers beat and injured a Fulani herder near Bassila.", "Riots", "Mob violence"),
    # no named attacker: a suspected criminal beaten up is mob justice too
    ("On 3 June, a suspected thief was beaten to death in the market of Kandi.", "Riots", "Mob violence"),
    # machetes and sticks do not make a crowd an organised armed group
    ("On 3 June, a number of villagers armed with machetes and sticks lynched two men accused of witchcraft in Kerou.",
     "Riots", "Mob violence"),
    # ... while a few men armed with machetes are an armed group attacking a civilian
    ("On 2 June, two men armed with machetes murdered a cassava grower near Ketou.",
     "Violence against civilians", "Attack"),
    # armed victims named by rank or role make the attack a battle
    ("On 7 June, unidentified gunmen shot dead a fighter of the Popular Mobilization Forces near Tikrit.",
     "Battles", "Armed clash"),
    ("On 7 June, gunmen shot and killed an army lieutenant at a market in Daraa.", "Battles", "Armed clash"),
    # a man "who had opened fire" on the police fought them
    ("On 7 June, police shot dead a man who had opened fire on officers at a checkpoint in Laventille.",
     "Battles", "Armed clash"),
    # the attacked side fought back: a battle, not a one-sided attack
    ("On 3 June, bandits opened fire on travellers at a bus park in Malumfashi. Soldiers fired back and shot dead "
     "four of the attackers.", "Battles", "Armed clash"),
    ("On 5 June, gunmen attacked the home of a village chief in Kandi and were repelled by soldiers after an "
     "exchange of fire.", "Battles", "Armed clash"),
    # gang members shot by armed men: a battle between armed groups (ACLED's gang violence)
    ("On 7 June, armed men shot dead an alleged gang member in Soyapango.", "Battles", "Armed clash"),
    ("On 7 June, two gunmen riding a motorcycle killed a man in Teresina. The victim was a known drug trafficker.",
     "Battles", "Armed clash"),
    # ... while an ordinary victim of gunmen is a civilian
    ("On 7 June, two gunmen riding a motorcycle killed a shopkeeper in Teresina.",
     "Violence against civilians", "Attack"),
    # a group of attackers that the report ties to an insurgent group is no crowd
    ("On 9 June, a group of ISWAP members stormed a police station in Gubio, killing two officers.",
     "Battles", "Armed clash"),
    # the report calls the demonstrators rioters
    ("On 5 June, rioters demonstrating against fuel prices blocked the main road in Zahle.",
     "Riots", "Violent demonstration"),
]


@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[2]}" for k, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_rule_types(text, event_type, sub, mode):
    ex = extractor_for(mode)
    e = primary(run(text, '2024-06-10', extractor=ex))
    assert (e.acled_event_type, e.acled_sub_event_type) == (event_type, sub), e.trigger


def _coder():
    return stages()[3].coder


def test_classifier_only_event_without_violence_is_a_strategic_development():
    coder = _coder()
    probs = {"Mob violence": 0.5, "Armed clash": 0.2, "Change to group/activity": 0.2, "Other": 0.1}
    text = "Members of the cartel handed out food parcels to families in Allende during the lockdown."
    c = coder.from_probs("Mob violence", probs, None, None, text=text)
    assert (c.event_type, c.sub_event_type) == ("Strategic developments", "Change to group/activity")
    # a violent word keeps the classifier's type
    c = coder.from_probs("Mob violence", probs, None, None, text="Residents lynched a man in Allende.")
    assert c.sub_event_type == "Mob violence"


def test_violent_text():
    coder = _coder()
    assert coder.violent_text("Two soldiers were killed.")
    assert coder.violent_text("They fired a rocket at the base.")
    assert not coder.violent_text("Troops were deployed to the border town.")


def test_head_word():
    assert _head_word("two Fulani pastoralist men") == "men"
    assert _head_word("four farmers from the village of Bouka") == "farmers"
    assert _head_word("members of the NDF, who were on patrol") == "members"
    assert _head_word("") == ""
