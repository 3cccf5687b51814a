"""Deaths on the attacking side add to an incident's toll (ACLED counts every death of the event);
restatements and parts of a toll already counted do not.  Texts written for these tests."""

from __future__ import annotations

import pytest

from sigact.extract.tolls import find_tolls, summarize_tolls


def _killed(text: str) -> int | None:
    return summarize_tolls(find_tolls(text))["killed"]


@pytest.mark.parametrize("text, expected", [
    # the attackers' deaths, stated after the victims' toll, add to it
    ("Gunmen stormed a guesthouse, killing nine guests. Three of the attackers were also killed, police said.", 12),
    ("Militants overran an army post on Monday, killing seven soldiers. Two assailants died in the fighting.", 9),
    ("A man opened fire on worshippers, killing five. The gunman was shot dead by police.", 6),
    ("A suicide bomber killed 14 people at a bus station. The bomber also died.", 15),
    ("A gunman killed five people at a school. He then killed himself.", 6),
    # an explicit "also" adds a different group of victims
    ("Police shot dead three gunmen. Two officers were also killed.", 5),
    ("Troops killed 10 militants in the hills. Two soldiers were also killed.", 12),
    # restatements and parts are not added
    ("Gunmen attacked a village, killing 12 people, including three soldiers.", 12),
    ("Gunmen killed 12 people at a wedding. Three of the dead were children.", 12),
    ("Nine people were killed in the blast. Police said nine people were killed.", 9),
    ("Three gunmen were killed. The attackers died in a shootout with police.", 3),
    ("Troops killed 12 attackers and two soldiers died. Three of the attackers were killed by air strikes.", 14),
    # additive sentences restating each other add once
    ("Troops killed 10 militants. Two soldiers were also killed. Two soldiers also died in the clash.", 12),
    # a stated total is still the largest candidate
    ("Gunmen killed nine guests. Three attackers were also killed. The death toll rose to 12.", 12),
])
def test_attackers_and_additive_counts(text: str, expected: int) -> None:
    assert _killed(text) == expected


def test_additive_flag_marks_attackers_and_cues_only() -> None:
    ms = find_tolls("Gunmen killed nine guests. Three of the attackers were also killed. Four others were wounded.")
    flags = {(m.kind, m.value): m.additive for m in ms}
    assert flags == {("killed", 9): False, ("killed", 3): True, ("injured", 4): False}


def test_attackers_wounded_add_to_the_injured() -> None:
    text = "The ambush wounded six soldiers. Two of the attackers were also wounded."
    assert summarize_tolls(find_tolls(text))["injured"] == 8


@pytest.mark.parametrize("text, expected", [
    # ACLED conventions for vague counts are unchanged (data/toll_numbers.yaml)
    ("Dozens of people were killed in the raid.", 12),
    ("Scores of villagers were killed.", 20),
    ("Several people were killed when gunmen attacked.", 10),
])
def test_vague_count_conventions_kept(text: str, expected: int) -> None:
    assert _killed(text) == expected


def test_unconfirmed_attacker_death_does_not_add() -> None:
    text = ("Rebels attacked a border post, killing two guards. An unconfirmed report said that one of "
            "the attackers was found dead.")
    assert _killed(text) == 2
