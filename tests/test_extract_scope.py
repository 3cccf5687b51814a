"""Scope of events in whole articles: background (earlier dates), aggregates, purposes, future plans.

Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


def _flag_of(events, trigger_part: str) -> str:
    hits = [e for e in events if trigger_part in (e.trigger or "").lower()]
    assert hits, [(e.factuality, e.trigger) for e in events]
    return hits[0].factuality


@pytest.mark.parametrize("text,published", [
    # an explicit date weeks before publication is background
    ("The two factions agreed a ceasefire in Juba on November 2 after months of mediation.", "2024-12-19"),
    # "last year" in an article from the first months of a year
    ("Nearly 300 farmers were killed by armed groups last year in Ituri.", "2024-02-28"),
    # a day weeks earlier, spelled out
    ("Militants stormed the border post on 3 March, killing six guards.", "2024-04-20"),
])
def test_earlier_date_is_background(text, published):
    evs = run(text, published)
    assert evs, "no event found"
    assert not incidents(evs), [(e.factuality, e.trigger, e.date) for e in evs]
    assert {e.factuality for e in evs} == {"historical"}


def test_recent_date_stays_an_incident():
    evs = run("Militants stormed the border post on Monday, killing six guards.", "2024-04-17")
    inc = incidents(evs)
    assert len(inc) == 1 and inc[0].fatalities == 6


def test_historical_cue_is_the_date_evidence():
    text = "The two factions agreed a ceasefire in Juba on November 2 after months of mediation."
    e = run(text, "2024-12-19")[0]
    cue = e.evidence_for("factuality")
    assert cue and "November 2" in cue[0].text
    assert text[cue[0].start:cue[0].end] == cue[0].text


def test_the_latest_attack_is_not_historical():
    # "in the latest" once matched the historical cue "in the late(1990s)"
    evs = run("Gunmen raided a hotel in Kismayo on Tuesday in the latest attack claimed by al-Shabab.", "2024-05-08")
    assert incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_decade_is_historical():
    evs = run("In the late 1990s the militia burned dozens of villages in the region.", "2024-05-08")
    assert evs and not incidents(evs)


def test_purpose_infinitive_is_not_an_event():
    evs = run("Kenya leads a multinational mission to fight the gangs that control much of Port-au-Prince.",
              "2024-05-08")
    assert not incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_calling_names_is_not_a_call_for_action():
    evs = run("Ukraine said Russia carried out what officials called intense shelling of Kupiansk on Tuesday.",
              "2024-05-08")
    assert incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_calling_for_action_is_hypothetical():
    evs = run("The opposition leader called for protests in the capital.", "2024-05-08")
    assert evs and not incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_conflict_toll_in_the_perfect_is_aggregate():
    text = ("Gunmen killed three farmers near Mopti on Sunday. "
            "Hundreds of villagers have died in the violence between herders and farmers.")
    evs = run(text, "2024-05-08")
    inc = incidents(evs)
    assert len(inc) == 1 and inc[0].fatalities == 3, [(e.factuality, e.trigger, e.fatalities) for e in evs]
    assert any(e.factuality == "aggregate" for e in evs)


def test_recent_toll_in_the_perfect_stays_an_incident():
    evs = run("At least four soldiers have been killed near the border after a roadside bomb hit their truck.",
              "2024-05-08")
    assert incidents(evs) and incidents(evs)[0].fatalities == 4


def test_past_24_hours_summary_is_aggregate():
    evs = run("A provincial official said on Wednesday that Russian drones had killed five civilians in the region "
              "over the previous 24 hours.", "2024-05-08")
    assert evs and not incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_this_week_locates_one_event():
    evs = run("Government forces took control of the town of Kidal this week after heavy fighting.", "2024-05-08")
    assert incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_month_name_is_not_a_march():
    evs = run("The government hoped a final agreement could be signed by mid-March.", "2024-02-10")
    assert not any((e.trigger or "").lower() == "march" for e in evs), [(e.trigger, e.acled_sub_event_type) for e in evs]


def test_future_date_is_hypothetical():
    evs = run("Unions will march through Nairobi on 20 May against the finance bill.", "2024-05-08")
    assert evs and not incidents(evs)


def test_insisting_on_a_release_is_not_an_abduction():
    evs = run("The government suspended the talks, insisting that the rebels first release the kidnapped mayor.",
              "2024-05-08")
    assert not any(e.acled_sub_event_type == "Abduction/forced disappearance" and e.is_incident for e in evs), \
        [(e.factuality, e.trigger, e.acled_sub_event_type) for e in evs]


def test_last_month_is_background():
    evs = run("Last month, gunmen killed 12 villagers near Mopti.", "2024-05-08")
    assert evs and not incidents(evs), [(e.factuality, e.trigger, e.date) for e in evs]


def test_previously_is_background():
    evs = run("Previously, the group had claimed an attack on a police station in Peshawar.", "2024-05-08")
    assert evs and not incidents(evs), [(e.factuality, e.trigger) for e in evs]


def test_purpose_of_a_modal_clause_is_hypothetical():
    evs = run("The army said it would launch an operation to retake the town.", "2024-05-08")
    assert not any(e.acled_sub_event_type == "Government regains territory" and e.is_incident for e in evs), \
        [(e.factuality, e.trigger, e.acled_sub_event_type) for e in evs]


def test_every_strike_is_aggregate_even_under_a_modal():
    evs = run('"Russia must be held accountable for every strike," the president said.', "2024-05-08")
    assert any(e.factuality == "aggregate" and e.trigger == "strike" for e in evs), \
        [(e.factuality, e.trigger) for e in evs]


@pytest.mark.parametrize("text", [
    "The government suspended the talks until the rebels release hostage Odin Sanchez, a former lawmaker.",
    "The rebels freed two hostages on Monday as a goodwill gesture.",
])
def test_freeing_a_captive_is_not_a_new_abduction(text):
    evs = run(text, "2024-05-08")
    assert not any(e.acled_sub_event_type == "Abduction/forced disappearance" and e.is_incident for e in evs), \
        [(e.factuality, e.trigger, e.acled_sub_event_type) for e in evs]


def test_hostage_taking_is_still_an_abduction():
    evs = run("Gunmen took 30 passengers hostage on a highway near Kaduna on Monday.", "2024-05-08")
    assert any(e.acled_sub_event_type == "Abduction/forced disappearance" and e.is_incident for e in evs), \
        [(e.factuality, e.trigger, e.acled_sub_event_type) for e in evs]
