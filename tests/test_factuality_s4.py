"""Factuality false flags: texts whose one event must stay asserted, and their flagged twins.

Each pattern has a sentence that must read as an asserted incident and one close to it that must keep
its flag (a true aggregate, hypothetical, denial).  All texts are written for these tests.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,trigger", [
    # the demand is the protest's content: only an event inside it would be hypothetical
    ("On 3 March 2021, around 200 teachers protested in Kisumu demanding that their arrears be paid.", "protest"),
    ("On 14 October 2022, taxi drivers protested outside the transport ministry in Tbilisi, demanding permission "
     "to raise their fares.", "protest"),
    ("On 9 June 2021, some 60 fishermen demonstrated at the harbour office in Mombasa to seek compensation for "
     "nets destroyed by a trawler.", "demonstrat"),
    ("On 9 June 2021, nurses gathered in front of the regional hospital to demand better pay and to protest "
     "against the lack of equipment.", "protest"),
    # a protest that was stopped took place (a protest with intervention)
    ("On 2 September 2022, a farmers' march on the capital was stopped by gendarmes outside Thies.", "march"),
    # a plural trigger as the subject of a past verb spelt like the present, with a definite target
    ("As reported on 9 June 2022, Turkish drone strikes hit a farmhouse near Qamishli in Hasakeh.", "strikes"),
    # a plural trigger in a passive agent phrase of a past event
    ("On 5 May 2021, a raid by army commandos, backed by airstrikes, killed 12 Taliban fighters in Nad Ali district.",
     "airstrikes"),
    # a small count inside a few hours is one event
    ("On 8 August 2021, prison guards beat an inmate three times within a few hours at Kirikiri prison in Lagos.",
     "beat"),
    # this occurrence, counted
    ("On 2 April 2021, rival fishing crews clashed for the second time over a jetty in Mopti.", "clash"),
    # coordinated actions on one dated day are one event
    ("On 1 May 2021, nine pensioners staged a series of one-person pickets in Irkutsk.", "picket"),
    # the grievance's period is not the protest's
    ("On 4 May 2021, villagers blocked the main road with stones in protest of frequent power cuts in Sistan.",
     "protest"),
    # a count in the grievance, not in the protest's clause
    ("On 6 May 2021, students held a demonstration in Ankara in protest of the ministry's decision changing "
     "the exam date for a third time.", "demonstration"),
    # a plural trigger named as what one past act led to
    ("On 3 May 2021, cattle raiders attacked a camp near Rumbek, leading to clashes with local herders.", "clash"),
    # "since" inside "for the first time since ..." dates the series this occurrence is ranked in
    ("On Monday, thousands of protesters gathered in Yangon for the first time since the coup.", "gather"),
    ("Rebels shelled the airport on Sunday for the first time since October.", "shell"),
    # a cue inside "as part of" places the act in a plan, it does not make it planned
    ("On 2 May 2021, in Culiacan, cartel gunmen imposed a curfew on residents as part of planned raids against a "
     "rival faction.", "curfew"),
    # "denied access" is a refusal, not a denial of the beating that followed
    ("On 28 April 2021, two men who were denied access to the village proceeded to beat the guards at the "
     "checkpoint.", "beat"),
    # triggers that were missing
    ("On 27 December 2021, unidentified gunmen slit the throat of a herder in Karimama.", "throat"),
    ("On 1 May 2021, a shepherd was found dead in a field near Nawa with gunshot wounds.", "dead"),
    ("Members of the moto-taxi union took the street in Natitingou to call for the release of their leader.",
     "street"),
])
def test_asserted(text, trigger):
    evs = run(text, None)
    mine = [e for e in evs if e.trigger and trigger in e.trigger.lower()]
    assert mine, [(e.factuality, e.trigger) for e in evs]
    assert any(e.factuality == "asserted" for e in mine), [(e.factuality, e.trigger) for e in evs]


def test_plural_cue_word_of_a_classifier_event_is_no_generic_plural():
    """No trigger fires: the classifier's event is anchored on a plural cue word ("salaries"), which is
    no generic event noun, so the text keeps its one asserted event."""
    evs = run("On 3 May 2021, dockers blocked the port gate in Annaba over salaries that had gone unpaid since "
              "January.", None)
    assert incidents(evs), [(e.factuality, e.trigger) for e in evs]
    assert not [e for e in evs if e.factuality == "aggregate"], [(e.factuality, e.trigger) for e in evs]


def _flag_of(text: str, trigger: str) -> list[str]:
    """Returns the flags of the events whose trigger holds ``trigger`` (other events, such as a
    classifier-only strategic development for a hedged note, are not looked at)."""
    evs = run(text, "2024-05-06")
    got = [e.factuality for e in evs if e.trigger and trigger in e.trigger.lower()]
    assert got, f"no event on {trigger!r}: {[(e.factuality, e.trigger) for e in evs]}"
    return got


@pytest.mark.parametrize("text,trigger,flag", [
    # an event inside the demanded content stays hypothetical
    ("The governor demanded that the army attack the rebel camps near Beni.", "attack", "hypothetical"),
    ("Residents called for protests against the new tax.", "protest", "hypothetical"),
    # "prevent" and "stop" over an attack: the attack did not take place
    ("Soldiers prevented an attack on the market in Gao.", "attack", "hypothetical"),
    ("Soldiers stopped an attack on the market in Gao.", "attack", "hypothetical"),
    ("Residents fear an attack on the market in Gao.", "attack", "hypothetical"),
    # many occasions stay aggregate, also with "times" and a period
    ("Insurgents have attacked the village 150 times since October.", "attack", "aggregate"),
    ("Gunmen attacked the convoy eight times over the past month.", "attack", "aggregate"),
    # a collective phrase without a single day stays aggregate
    ("The militia has carried out a series of attacks on farmers in Benue.", "attack", "aggregate"),
    # generic plurals in the present stay aggregate
    ("Attacks on aid workers in the region have become more frequent in recent months.", "attack", "aggregate"),
    # a real denial
    ("The army denied carrying out the airstrike on the market in Hajjah.", "airstrike", "denied"),
    # a protest's own period ("for weeks" is a time, not a grievance) keeps it aggregate
    ("Workers have protested for weeks outside the ministry in Tunis.", "protest", "aggregate"),
    # only a small count in a short span is one event: twenty times in a few hours is many
    ("Rebels shelled the town twenty times in a few hours on Monday.", "shell", "aggregate"),
    # a present participle after a perfect ("have attacked ... for months, leading to clashes") is no one act
    ("Cattle raiders have attacked camps near Rumbek for months, leading to clashes with herders.", "clash",
     "aggregate"),
])
def test_still_flagged(text, trigger, flag):
    assert set(_flag_of(text, trigger)) == {flag}
