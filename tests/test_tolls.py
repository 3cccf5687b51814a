"""Tests for sigact.extract.numbers.parse_quantity and sigact.extract.tolls."""

from __future__ import annotations

import pytest

from sigact.extract.numbers import parse_quantity
from sigact.extract.tolls import TollMention, find_tolls, find_tolls_in_span, summarize_tolls


@pytest.mark.parametrize(
    "text,value",
    [
        ("four", 4),
        ("4", 4),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("25,000", 25000),
        ("one hundred and twenty", 120),
        ("two thousand", 2000),
        ("1.5 million", 1_500_000),
        ("at least 5", 5),
        ("more than 20", 20),
        ("nearly 4,000", 4000),
        ("an estimated 300", 300),
        ("dozens", 12),
        ("dozens of", 12),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("tens", 10),
        ("scores", 20),
        ("hundreds", 100),
        ("5 to 7", 5),
        ("5-7", 5),
        ("5 or 6", 5),
        ("between five and seven", 5),
        ("between 3 and about 10", 3),
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("no", 0),
        ("none", 0),
        ("deux", 2),
        ("au moins 3", 3),
    ],
)
def test_parse_quantity(text: str, value: int) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["several", "a number of", "some", "many", "an unknown number of", "plusieurs", "",
                                  "soldiers"])
def test_vague_or_non_numbers_give_none(text: str) -> None:
    assert parse_quantity(text) is None


def test_vague_default_is_used_when_given() -> None:
    assert parse_quantity("several", vague_default=10) == 10
    assert parse_quantity(None) is None


def _kv(text: str) -> list[tuple[str, int | None]]:
    return [(m.kind, m.value) for m in find_tolls(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Gunmen killed four soldiers near the bridge.", [("killed", 4)]),
        ("Four soldiers were killed near the bridge.", [("killed", 4)]),
        ("At least 12 people died in the fire.", [("killed", 12)]),
        ("More than 20 civilians were killed.", [("killed", 20)]),
        ("The blast killed 2 and wounded 3 others.", [("killed", 2), ("injured", 3)]),
        ("A bomb went off, wounding 3.", [("injured", 3)]),
        ("Police said 3 injured.", [("injured", 3)]),
        ("The raiders abducted 10 students from a school.", [("abducted", 10)]),
        ("Gunmen kidnapped two aid workers.", [("abducted", 2)]),
        ("Five travellers were taken hostage.", [("abducted", 5)]),
        ("Police arrested 25 protesters.", [("arrested", 25)]),
        ("Security forces detained 7 people.", [("arrested", 7)]),
        ("A policeman was killed.", [("killed", 1)]),
        ("The officer died in hospital.", [("killed", 1)]),
        ("Militants killed a shepherd.", [("killed", 1)]),
        ("The attacker blew himself up, killing himself.", [("killed", 1)]),
        ("Two civilians and a soldier were killed.", [("killed", 3)]),
        ("The strike killed three fighters and two civilians.", [("killed", 5)]),
        ("Dozens of villagers were killed.", [("killed", 12)]),
        ("Between five and seven people were kidnapped.", [("abducted", 5)]),
        ("An unknown number of fighters were killed.", [("killed", 10)]),
        ("Both victims died.", [("killed", 2)]),
        ("A 17-year-old boy was shot dead.", [("killed", 1)]),
        ("A man's body was found on the road.", [("killed", 1)]),
        ("Nine soldiers and a cook were killed, including two officers.", [("killed", 10)]),
        ("11 Taliban fighters including a commander were killed.", [("killed", 11)]),
        ("At least 12 people were killed and 30 wounded in the blast.", [("killed", 12), ("injured", 30)]),
        ("The attack left 5 dead and 12 injured.", [("killed", 5), ("injured", 12)]),
        ("Five people, including two children, were killed.", [("killed", 5)]),
        ("15 people have been confirmed dead.", [("killed", 15)]),
        ("A suicide bomber killed 12 people at a market.", [("killed", 12)]),
        ("Two soldiers died of their wounds.", [("killed", 2)]),
        ("Gunmen took 20 villagers hostage.", [("abducted", 20)]),
        ("Scores of people were injured.", [("injured", 20)]),
        ("Hundreds of protesters were arrested.", [("arrested", 100)]),
        ("The explosion killed the driver and injured two passengers.", [("killed", 1), ("injured", 2)]),
        ("Authorities said 7 people died and 20 were hurt.", [("killed", 7), ("injured", 20)]),
        ("He was killed on the spot.", [("killed", 1)]),
        ("Militants abducted and killed a herder.", [("abducted", 1), ("killed", 1)]),
        ("Troops killed and wounded dozens of fighters.", [("killed", 10), ("injured", None)]),
        ("20 soldiers killed or wounded in an ambush", [("killed", 10), ("injured", None)]),
        ("A number of fighters were killed in the clash.", [("killed", 10)]),
        ("Police detained a number of protesters.", [("arrested", None)]),
        ("Several people were wounded.", [("injured", None)]),
        ("17 personnes tuées dans une attaque", [("killed", 17)]),
        ("Une dizaine de civils tués", [("killed", 10)]),
        ("Police made 12 arrests.", [("arrested", 12)]),
        ("Six killed and at least nine injured", [("killed", 6), ("injured", 9)]),
        ("Bandits killed a cattle trader.", [("killed", 1)]),
        ("Two men beat a thief to death.", [("killed", 1)]),
        ("8 rebels and 2 Kamajors were killed.", [("killed", 10)]),
        ("Reports on fatalities range from 2 to 4.", [("killed", 2)]),
        ("12 arrests were reported.", [("arrested", 12)]),
        ("deux soldats tués et quatre civils blessés", [("killed", 2), ("injured", 4)]),
    ],
)
def test_find_tolls_forms(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert sorted(_kv(text)) == sorted(expected)


def test_suffered_injuries_counts_as_injured() -> None:
    text = "On Saturday, four US personnel suffered traumatic brain injuries after the base was hit."
    (m,) = find_tolls(text)
    assert (m.kind, m.value, m.victim_text) == ("injured", 4, "US personnel")
    assert text[m.start:m.end] == m.text


def test_number_of_dead_is_a_toll_not_a_vague_count() -> None:
    ms = find_tolls("The number of dead rose to 15.")
    assert [(m.kind, m.value, m.toll) for m in ms] == [("killed", 15, True)]


def test_leaving_dead_and_missing_and_death_toll() -> None:
    text = ("Gunmen raided the mining camp, leaving three dead and five others missing. "
            "Rescuers later found the bodies of the missing men, bringing the death toll to eight.")
    ms = find_tolls(text)
    assert ("killed", 3) in [(m.kind, m.value) for m in ms]
    assert ("missing", 5) in [(m.kind, m.value) for m in ms]
    toll = [m for m in ms if m.toll]
    assert toll and toll[0].value == 8
    assert summarize_tolls(ms)["killed"] == 8


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("No casualties were reported.", {"killed": 0, "injured": 0}),
        ("There were no injuries.", {"injured": 0}),
        ("No one was hurt in the blast.", {"injured": 0}),
        ("Nobody was killed.", {"killed": 0}),
        ("Police said that neither deaths nor injuries were reported.", {"killed": 0, "injured": 0}),
    ],
)
def test_zero_statements(text: str, kinds: dict[str, int]) -> None:
    got = summarize_tolls(find_tolls(text))
    for kind, value in kinds.items():
        assert got[kind] == value


@pytest.mark.parametrize(
    "text",
    [
        "The war has killed more than 25,000 people, mainly women and children.",
        "Raids across the province left more than 2,000 people dead last year.",
        "Some 300 soldiers have been killed since October.",
        "So far 40 people have died in the clashes.",
    ],
)
def test_aggregate_tolls_are_flagged_and_ignored_by_summary(text: str) -> None:
    ms = find_tolls(text)
    assert ms and all(m.aggregate for m in ms)
    assert summarize_tolls(ms)["killed"] is None


def test_single_event_toll_is_not_aggregate() -> None:
    (m,) = find_tolls("Gunmen killed five farmers in the village on Sunday.")
    assert not m.aggregate and m.value == 5 and m.victim_text == "farmers"


def test_perpetrator_counts_are_not_tolls() -> None:
    assert _kv("3 gunmen killed a farmer.") == [("killed", 1)]
    assert _kv("Rebels killed two oxen and burned a hut.") == []
    assert _kv("Troops killed 2 militants 3 km from the town.") == [("killed", 2)]
    assert _kv("The men attempted to kill a guard.") == []


def test_dates_are_not_counts() -> None:
    assert _kv("On 9 May 2020, 3 soldiers were killed.") == [("killed", 3)]
    assert _kv("In 2020 protesters were arrested.") == []
    assert _kv("After the 12 March raid, 4 farmers were killed.") == [("killed", 4)]


def test_acled_coder_annotation_overrides_prose() -> None:
    text = "Taliban attacked a checkpoint; officials reported 3 fatalities. Fatalities coded as 0 (disputed)."
    ms = find_tolls(text)
    assert any(m.annotation and m.value == 0 for m in ms)
    assert summarize_tolls(ms)["killed"] == 0
    text2 = "Forces shelled the front, killing several fighters. Unknown fatalities coded as 10."
    assert summarize_tolls(find_tolls(text2))["killed"] == 10


def test_summary_sums_within_sentence_and_takes_max_across() -> None:
    text = "Gunmen killed 3 soldiers and 2 civilians were killed by a mine. The 5 victims were buried. 5 fatalities."
    assert summarize_tolls(find_tolls(text))["killed"] == 5
    assert summarize_tolls([])["killed"] is None
    assert summarize_tolls(find_tolls("A protest was held peacefully."))["killed"] is None


def test_offsets_and_span_helper() -> None:
    text = "Calm morning. Later, militants killed 6 villagers. Police arrested 2 suspects."
    start = text.index("Later")
    ms = find_tolls_in_span(text, start, len(text))
    assert [(m.kind, m.value) for m in ms] == [("killed", 6), ("arrested", 2)]
    for m in ms:
        assert text[m.start:m.end] == m.text
    shifted = find_tolls("killed 6 villagers", offset=100)
    assert shifted[0].start == 100
    assert find_tolls("") == [] and find_tolls_in_span(text, 10, 5) == []


def test_toll_mention_is_frozen() -> None:
    m = TollMention("killed", 1, 0, 1, "x")
    with pytest.raises(AttributeError):
        m.value = 2  # type: ignore[misc]
