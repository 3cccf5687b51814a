"""Factuality false flags: texts whose one event must stay asserted, and their flagged twins.

Each pattern has a sentence that must read as an asserted incident and one close to it that must keep
its flag (a true aggregate, hypothetical, denial).  All texts are written for these tests.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    # the demand is the protest's content: only an event inside it would be hypothetical
    "On 3 March 2021, around 200 teachers protested in Kisumu demanding that their arrears be paid.",
    "On 3 March 2021, shop owners protested outside the town hall in Lviv demanding the right to reopen.",
    "On 9 June 2021, about 80 residents demonstrated in front of the governor's office to ask for justice "
    "for the murder of a local journalist.",
    "On 9 June 2021, nurses gathered in front of the regional hospital to demand better pay and to protest "
    "against the lack of equipment.",
    # a protest that was stopped took place (a protest with intervention)
    "On 12 July 2021, a student march was stopped by the police in Cotonou.",
    # a plural trigger as the subject of a past verb spelt like the present, with a definite target
    "As reported on 5 May 2021, Afghan forces airstrikes hit a compound in Shah Wali Kot district, Kandahar.",
    # a plural trigger in a passive agent phrase of a past event
    "On 5 May 2021, a raid by army commandos, backed by airstrikes, killed 12 Taliban fighters in Nad Ali district.",
    # a small count inside a few hours is one event
    "On 8 August 2021, police officers assaulted a journalist two times in a few hours in Taiz city.",
    # this occurrence, counted
    "On 2 April 2021, two families clashed for a second time over a land dispute in Djougou.",
    # coordinated actions on one dated day are one event
    "On 1 May 2021, 12 activists took part in a series of one-person pickets in Khabarovsk.",
    # the grievance's period is not the protest's
    "On 4 May 2021, villagers blocked the main road with stones in protest of frequent power cuts in Sistan.",
    # a count in the grievance, not in the protest's clause
    "On 6 May 2021, students held a demonstration in Ankara in protest of the ministry's decision changing "
    "the exam date for a third time.",
    # a cue inside "as part of" places the act in a plan, it does not make it planned
    "On 2 May 2021, in Uruapan, members of the cartel imposed a curfew as part of planned attacks on a rival gang.",
    # "denied access" is a refusal, not a denial of the beating that followed
    "On 28 April 2021, two men who were denied access to the village proceeded to beat the guards at the checkpoint.",
    # triggers that were missing
    "On 27 December 2021, unidentified gunmen slit the throat of a herder in Karimama.",
    "On 1 May 2021, a soldier was found dead in his house in Aleppo countryside.",
    "Women of the market association took the street to ask for the release of a trader in Parakou.",
    # no trigger: the classifier's event is anchored on a plural cue word, which is no generic event noun
    "On 3 May 2021, workers blocked the highway near Bouira, denouncing the non-payment of their salaries.",
])
def test_asserted(text):
    evs = run(text, None)
    assert incidents(evs), [(e.factuality, e.trigger) for e in evs]


@pytest.mark.parametrize("text,flag", [
    # an event inside the demanded content stays hypothetical
    ("The governor demanded that the army attack the rebel camps near Beni.", "hypothetical"),
    ("Residents called for protests against the new tax.", "hypothetical"),
    # "prevent" and "stop" over an attack: the attack did not take place
    ("Soldiers prevented an attack on the market in Gao.", "hypothetical"),
    ("Soldiers stopped an attack on the market in Gao.", "hypothetical"),
    ("Residents fear an attack on the market in Gao.", "hypothetical"),
    # many occasions stay aggregate, also with "times" and a period
    ("Insurgents have attacked the village 150 times since October.", "aggregate"),
    ("Gunmen attacked the convoy eight times over the past month.", "aggregate"),
    # a collective phrase without a single day stays aggregate
    ("The militia has carried out a series of attacks on farmers in Benue.", "aggregate"),
    # generic plurals in the present stay aggregate
    ("Attacks on aid workers in the region have become more frequent in recent months.", "aggregate"),
    # a real denial
    ("The army denied carrying out the airstrike on the market in Hajjah.", "denied"),
])
def test_still_flagged(text, flag):
    evs = run(text, "2024-05-06")
    assert evs, "no event found"
    assert not incidents(evs), [(e.factuality, e.trigger) for e in evs]
    assert flag in [e.factuality for e in evs], [(e.factuality, e.trigger) for e in evs]


def test_protest_over_past_weeks_keeps_its_period():
    """A time under a grievance preposition ("for weeks") is the protest's own period: still aggregate."""
    evs = run("Workers have protested for weeks outside the ministry in Tunis.", "2024-05-06")
    assert evs and not incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_large_count_within_hours_stays_aggregate():
    """Only a small count in a short span is one event: twenty times in a few hours is many."""
    evs = run("Rebels shelled the town twenty times in a few hours on Monday.", "2024-05-06")
    assert evs and not incidents(evs), [(e.factuality, e.trigger) for e in evs]
