"""Within-article merging and splitting of incidents, on texts written for these tests."""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


def _show(evs):
    return [(e.factuality, e.trigger, e.acled_sub_event_type, e.location.name if e.location else None,
             e.date.start if e.date else None, e.fatalities) for e in evs]


def test_second_strike_is_a_new_incident():
    text = ("Paramilitary drones struck the city of El Obeid on Friday, killing 20 civilians, the army said.\n\n"
            "A local monitoring group also reported a second strike on a displacement camp near the city.\n\n"
            "Nobody was hurt in the strike on the camp.")
    inc = incidents(run(text, "2025-04-12"))
    assert len(inc) == 2, _show(inc)
    assert sorted(e.fatalities or 0 for e in inc) == [0, 20], _show(inc)


def test_report_day_does_not_split_the_lead_from_its_story():
    # the lead is dated by "on Wednesday" = the day of publication; the story says the ambush was on Monday
    text = ("Nine soldiers were killed in an ambush in western Niger, the defence ministry said on Wednesday.\n\n"
            "Fighters on motorbikes attacked the convoy on Monday near Tillia, the ministry said in a statement read "
            "on state television.\n\n"
            "A second convoy was sent from Tahoua to bring back the wounded.")
    inc = incidents(run(text, "2024-05-08"))
    assert len(inc) == 1, _show(inc)
    assert inc[0].date is not None and inc[0].date.start == "2024-05-06"
    assert inc[0].fatalities == 9


def test_claim_of_responsibility_names_the_attacker():
    text = ("A suicide bomber detonated his explosives at a wedding hall in Kabul on Saturday, killing 11 guests.\n\n"
            "Relatives searched the city's hospitals for the missing through the night.\n\n"
            "Police sealed off the district around the hall.\n\n"
            "Islamic State claimed responsibility for the attack.")
    inc = incidents(run(text, "2024-05-12"))
    assert len(inc) == 1, _show(inc)
    e = inc[0]
    assert e.acled_sub_event_type == "Suicide bomb" and e.fatalities == 11
    assert e.actor1 is not None and "islamic state" in (e.actor1.acled_name or e.actor1.name or "").lower()


def test_definite_mention_elaborates_far_away():
    text = ("A car bomb exploded near a checkpoint in Mogadishu on Sunday, killing seven people.\n\n"
            "Ambulances rushed the wounded to hospital.\n\n"
            "Witnesses described scenes of panic.\n\n"
            "Shopkeepers said the market had been busy.\n\n"
            "\"The blast destroyed three shops,\" one trader said.")
    inc = incidents(run(text, "2024-05-06"))
    assert len(inc) == 1, _show(inc)


def test_lynching_and_its_deaths_are_one_incident_with_the_local_place():
    text = ("Kenyan police said on Friday they had arrested nine men over the lynching of two suspected thieves.\n\n"
            "A police commander said the two were beaten to death on Wednesday at a market in Kisii county "
            "after traders raised the alarm about a stolen phone.")
    inc = incidents(run(text, "2024-07-05"))
    mobs = [e for e in inc if e.acled_event_type in ("Riots", "Violence against civilians")]
    assert len(mobs) == 1, _show(inc)
    m = mobs[0]
    assert m.location is not None and m.location.admin1 and "kisii" in m.location.admin1.lower(), _show(inc)


def test_bare_noun_under_accusation_is_not_an_incident():
    evs = run("The rebel group has long been accused of rape and looting in the region.", "2024-05-08")
    assert evs and not incidents(evs), _show(evs)


def test_listed_towns_are_one_incident_each():
    text = ("Four civilians were killed and 11 wounded by Russian shelling over the past day, the regional governor "
            "said on Monday.\n\n"
            "He said the deaths occurred in Kharkiv, Sumy and Poltava.")
    evs = run(text, "2024-05-09")
    inc = incidents(evs)
    towns = sorted((e.location.name or "") for e in inc if e.location is not None)
    # one event per listed town the gazetteer knows (at least two of the three)
    assert len(inc) >= 2 and len(set(towns)) == len(inc), _show(evs)
    assert all(e.acled_sub_event_type == "Shelling/artillery/missile attack" for e in inc), _show(inc)
    assert all(e.fatalities is None for e in inc)  # the toll is a total over the towns
    assert len({e.id for e in inc}) == len(inc)
    assert any(e.factuality == "aggregate" for e in evs)  # the 24-hour summary itself


def test_shelling_elsewhere_is_not_the_capture():
    text = ("Russian forces took control of Luhansk province this week.\n\n"
            "Russian forces were also shelling the city of Kramatorsk in the Donetsk region, Ukraine said.")
    inc = incidents(run(text, "2024-05-09"))
    assert len(inc) == 2, _show(inc)


def test_bare_later_mention_joins_the_only_fitting_incident():
    text = ("A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing seven people, police said.\n\n"
            "Police opened fire on a crowd that gathered after the attack, witnesses said.\n\n"
            "One shopkeeper said the force of it shook his shop.\n\n"
            "\"Suddenly an explosion happened and everything went dark,\" another witness said.")
    inc = incidents(run(text, "2024-05-06"))
    bombs = [e for e in inc if e.acled_event_type == "Explosions/Remote violence"]
    assert len(bombs) == 1, _show(inc)
    assert bombs[0].fatalities == 7


def test_arrests_take_the_place_of_the_incident_in_their_sentence():
    text = ("Kenyan police arrest nine over mob killing of two suspected thieves\n\n"
            "Police in western Kenya said on Friday that they had arrested nine men suspected of joining the mob that "
            "killed two alleged thieves.\n\n"
            "The two were beaten to death on Wednesday at a market in Kisii county.")
    inc = incidents(run(text, "2024-07-05"))
    arrests = [e for e in inc if e.acled_sub_event_type == "Arrests"]
    assert len(arrests) == 1, _show(inc)
    a = arrests[0]
    assert a.location is not None and (a.location.admin1 or "").lower().startswith("kisii"), _show(inc)


RAID_WIRE = """Gunmen kill 11 villagers in northwest Nigeria

Gunmen on motorcycles killed 11 villagers in an overnight raid on a farming community in Nigeria's Zamfara State, police said on Thursday.

The attackers stormed Kadawa village late on Wednesday, shooting residents and setting homes on fire, police spokesman Yazid Abubakar said in a statement.

Six other people were wounded and taken to hospital in Gusau, he said.

In a separate incident, troops killed four suspected bandits in a gun battle near Tsafe on Wednesday, the army said.

Armed gangs, known locally as bandits, have killed thousands of people in northwest Nigeria since 2011.

Last month, gunmen abducted more than 200 pupils from a school in Kuriga in neighbouring Kaduna State.
"""


def test_raid_wire_one_raid_one_separate_battle_background_and_aggregate():
    evs = run(RAID_WIRE, "2024-04-18")
    inc = incidents(evs)
    assert len(inc) == 2, _show(evs)
    raid = next(e for e in inc if e.fatalities == 11)
    assert raid.injuries == 6 and raid.date is not None and raid.date.start == "2024-04-17"
    battle = next(e for e in inc if e is not raid)
    assert battle.fatalities == 4 and battle.acled_sub_event_type == "Armed clash"
    flags = {e.factuality for e in evs if not e.is_incident}
    assert {"aggregate", "historical"} <= flags, _show(evs)


STRIKES_WIRE = """Israeli strikes kill 9 in southern Lebanon; Hezbollah fires rockets

Israeli air strikes killed nine people in southern Lebanon on Tuesday, the Lebanese health ministry said.

The strikes hit the towns of Nabatieh, Tyre and Bint Jbeil, the ministry said.

Hezbollah said it fired dozens of rockets at an Israeli army base in the Galilee in response to the strikes.

Hezbollah leader Naim Qassem warned that the group would escalate its attacks if the strikes continued.

More than 1,000 people have been killed in Lebanon since the fighting began in October 2023.
"""


def test_strikes_wire_towns_split_and_the_response_kept_apart():
    evs = run(STRIKES_WIRE, "2024-10-02")
    inc = incidents(evs)
    strikes = [e for e in inc if e.acled_sub_event_type == "Air/drone strike"]
    towns = {e.location.name for e in strikes if e.location is not None and e.location.precision == "town"}
    assert len(strikes) >= 2 and len(towns) == len(strikes), _show(inc)  # one per town the gazetteer knows
    assert sum(e.fatalities or 0 for e in strikes) == 9
    rockets = [e for e in inc if e.acled_sub_event_type == "Shelling/artillery/missile attack"]
    assert len(rockets) == 1, _show(inc)
    assert rockets[0].actor1 is not None and "hezbollah" in (rockets[0].actor1.name or "").lower()
    assert not (rockets[0].location and rockets[0].location.name in towns)  # the strikes' towns are not its place
    assert any(e.factuality == "threat" for e in evs) and any(e.factuality == "aggregate" for e in evs)


def test_standfirst_and_lead_are_one_incident_despite_different_parties():
    text = ("Blast at Quetta railway station kills 14 in attack claimed by BLA separatists.\n"
            "At least 14 people were killed when a suicide bomber struck a crowded platform at Quetta railway station "
            "on Saturday morning, police said.\n"
            "Rescue workers carried the injured to the civil hospital.")
    inc = incidents(run(text, "2024-11-10"))
    bombs = [e for e in inc if e.acled_sub_event_type == "Suicide bomb"]
    assert len(bombs) == 1, _show(inc)
    assert bombs[0].fatalities == 14


def test_withdrawal_dates_and_joins_the_recapture():
    text = ("Government forces have recaptured the town of Kidal, state television said.\n\n"
            "Rebel fighters withdrew from the town on Saturday, a monitor said.")
    inc = incidents(run(text, "2024-05-06"))
    assert len(inc) == 1, _show(inc)
    assert inc[0].acled_event_type == "Battles"
    assert inc[0].date is not None and inc[0].date.start == "2024-05-04"
