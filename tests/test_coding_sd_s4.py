"""Strategic developments against violent look-alikes, on texts written for these tests.

Two coding rules (``sigact.extract.coding``):

* a negated casualty mention ("no one was injured", "there were no casualties", "without injuries")
  counts as no casualty, so property set on fire or looted with nobody hurt stays
  Looting/property destruction instead of becoming an attack or mob violence; when the report says
  so outright, the rules lead over the classifier (arson that killed people stays violent);
* a seizure or withdrawal told as taking place without fighting ("without a fight", "unopposed",
  "handed over"; a bare withdrawal is not one) is ACLED's Non-violent transfer of territory, not a battle over it;
  a takeover with clashes or deaths stays a battle.
"""

from __future__ import annotations

import pytest

from sigact.extract.clauses import casualty as _casualty
from test_extract_support import primary, run, stages

SD = "Strategic developments"
NVT = "Non-violent transfer of territory"


@pytest.mark.parametrize("text", [
    "No casualties were reported.",
    "No one was injured in the fire.",
    "Nobody was hurt.",
    "The shop burned down without injuries.",
    "There were no deaths.",
    "No one was killed or injured.",
    "The arson did not cause any casualties.",
    "Casualties were not reported.",
    "There were no immediate reports of casualties.",
    "None of the residents was harmed.",
])
def test_negated_casualty_is_no_casualty(text: str) -> None:
    assert not _casualty(text)


@pytest.mark.parametrize("text", [
    "Two people were killed.",
    "No fewer than ten people were killed.",
    "The fire killed a child; no other injuries were reported.",
    "The driver was not injured but his passenger died.",
    "Three residents were wounded.",
])
def test_real_casualty_is_kept(text: str) -> None:
    assert _casualty(text)


def test_violent_text_ignores_negated_casualties() -> None:
    coder = stages()[3].coder
    assert not coder.violent_text("The council moved its offices to the new building. No one was hurt.")
    assert coder.violent_text("The council building collapsed and two people were injured.")


@pytest.mark.parametrize("text", [
    "On 3 June 2021, Al Shabaab militants took control of the town of Bulo Burde without a fight.",
    "On 3 June 2021, rebels of the M23 entered the town of Bunagana unopposed and took control of it.",
    "On 3 June 2021, the army regained control of the village of Tinzaouaten without resistance.",
])
def test_takeover_without_fighting_is_non_violent_transfer(text: str) -> None:
    coder = stages()[3].coder
    assert coder._peaceful_transfer(text)
    ev = primary(run(text, published="2021-06-04"))
    assert (ev.acled_event_type, ev.acled_sub_event_type) == (SD, NVT)


@pytest.mark.parametrize("text", [
    "On 3 June 2021, Al Shabaab militants seized the town of Bulo Burde after heavy fighting with government "
    "forces that killed six soldiers.",
    "On 3 June 2021, the army recaptured the village of Tinzaouaten after clashes with rebels, killing ten fighters.",
    "On 3 June 2021, rebels took control of the town of Kitchanga after the army withdrew following two days "
    "of clashes.",
    # a bare withdrawal is no peaceful cue: the takeover after it usually follows unreported fighting
    "On 3 June 2021, Al Shabaab militants took control of the town of Bulo Burde after government forces withdrew.",
])
def test_takeover_with_fighting_stays_a_battle(text: str) -> None:
    coder = stages()[3].coder
    assert not coder._peaceful_transfer(text)
    ev = primary(run(text, published="2021-06-04"))
    assert ev.acled_event_type == "Battles", (ev.acled_event_type, ev.acled_sub_event_type)


@pytest.mark.parametrize("text", [
    "On 3 June 2021, suspected militants burned down the homes of farmers in the village of Kpata. No one was hurt.",
    "On 3 June 2021, unidentified men set fire to a school in Kumba. No one was injured.",
    "On 3 June 2021, armed men looted and burned shops in the market of Djibo. There were no casualties.",
    # the report says outright that nobody was hurt: the rules lead over the classifier's lean to attacks
    "On 3 June 2021, gunmen attacked the village of Nguni and set fire to the houses of residents. "
    "No one was killed or injured.",
    "On 3 June 2021, unknown assailants torched a passenger bus in Kisumu. Passengers escaped without injuries.",
])
def test_property_destruction_with_nobody_hurt_is_looting(text: str) -> None:
    ev = primary(run(text, published="2021-06-04"))
    assert (ev.acled_event_type, ev.acled_sub_event_type) == (SD, "Looting/property destruction")


@pytest.mark.parametrize("text", [
    "On 3 June 2021, unidentified men burned a church in Kumba; two people died in the fire.",
    "On 3 June 2021, gunmen set fire to houses of villagers in Nguni and shot dead two residents.",
    "On 3 June 2021, unknown assailants torched a passenger bus in Kisumu, killing four passengers.",
    "On 3 June 2021, gunmen attacked the village of Nguni and set fire to houses; two residents were killed "
    "and no one else was injured.",
])
def test_arson_that_killed_people_stays_violent(text: str) -> None:
    ev = primary(run(text, published="2021-06-04"))
    assert ev.acled_event_type == "Violence against civilians", (ev.acled_event_type, ev.acled_sub_event_type)
