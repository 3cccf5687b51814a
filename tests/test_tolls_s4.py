"""Session-4 toll fixes: large vague counts, reporting sources, asides (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sigact.extract.numbers import parse_quantity
from sigact.extract.tolls import find_tolls, summarize_tolls


def _killed(text: str) -> int | None:
    return summarize_tolls(find_tolls(text))["killed"]


@pytest.mark.parametrize("text", [
    "Commandos raided the camp, killing a large number of militants.",
    "A large number of insurgents were killed in the air strikes.",
    "The army said it had killed large numbers of fighters near the border.",
    "The bombardment killed a great many rebels.",
    "A great number of civilians were killed when the market was shelled.",
    "A significant number of militiamen were killed during the clashes.",
])
def test_large_unstated_numbers_follow_the_unknown_count_convention(text: str) -> None:
    # ACLED codes an unknown number of deaths as 10, like "a number of" and "several" -- never 1
    assert _killed(text) == 10
    assert all(m.vague for m in find_tolls(text) if m.kind == "killed")


def test_large_unstated_numbers_state_no_figure_for_parse_quantity() -> None:
    assert parse_quantity("a large number of") is None
    assert parse_quantity("large numbers of", vague_default=10) == 10
    assert parse_quantity("a number of", vague_default=10) == 10
    # the documented fixed values are unchanged
    assert parse_quantity("dozens") == 12
    assert parse_quantity("scores of") == 20


def test_vague_injuries_stay_unknown() -> None:
    toll = summarize_tolls(find_tolls("The blast wounded a large number of shoppers."))
    assert toll["injured"] is None


@pytest.mark.parametrize("text, killed", [
    ("Gunmen attacked the post, killing five soldiers, an officer said.", 5),
    ("Militants ambushed the convoy, killing three civilians, one official said.", 3),
    ("Rebels raided the camp, killing seven soldiers, a police officer told reporters.", 7),
    ("Bandits killed four farmers and a herder, two residents said on Monday.", 5),
    ("The strike killed six fighters and two civilians, a commander confirmed.", 8),
    ("Attackers killed two guards, a spokesman for the army stated.", 2),
])
def test_the_source_of_a_report_is_never_a_victim(text: str, killed: int) -> None:
    assert _killed(text) == killed


def test_a_listed_victim_before_a_reporting_verb_elsewhere_still_counts() -> None:
    # "police said" comes after the list, but the last listed phrase is a victim
    assert _killed("Militants killed three soldiers and two civilians, police said.") == 5


@pytest.mark.parametrize("text, killed, injured", [
    ("A raid on the checkpoint left 3 fighters (including a local commander) dead and 6 others injured.", 3, 6),
    ("Two soldiers (one of them an officer) were killed in the ambush.", 2, None),
    ("A soldier was killed and two were wounded near the base.", 1, 2),
    ("Gunmen killed a civilian and wounded two others on the road.", 1, 2),
])
def test_singular_victims_and_asides(text: str, killed: int, injured: int | None) -> None:
    toll = summarize_tolls(find_tolls(text))
    assert (toll["killed"], toll["injured"]) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    ("A mob tied up and fatally assaulted a trader and his nephew suspected of stealing goats.", 2),
    ("Two child soldiers were killed in the crossfire.", 2),
    ("A crowd lynched to death an old man accused of witchcraft.", 1),
    ("Villagers stoned to death a woman accused of adultery.", 1),
    ("Seven militiamen were reported killed, including a local leader.", 7),
    ("Gunmen took 20 villagers hostage.", None),
])
def test_compound_heads_verb_first_to_death_and_reported(text: str, killed: int | None) -> None:
    assert _killed(text) == killed


def test_hostage_count_is_unchanged_by_compound_heads() -> None:
    assert summarize_tolls(find_tolls("Gunmen took 20 villagers hostage."))["abducted"] == 20


@pytest.mark.parametrize("text, killed, injured", [
    ("Embuscade contre une patrouille près de Bouar, un tué et un capturé", 1, None),
    ("Deux soldats tués et un blessé dans une embuscade", 2, 1),
    ("Trois civils tués par des rebelles près de la ville", 3, None),
])
def test_french_headline_participles_without_auxiliary(text: str, killed: int, injured: int | None) -> None:
    toll = summarize_tolls(find_tolls(text))
    assert (toll["killed"], toll["injured"]) == (killed, injured)
