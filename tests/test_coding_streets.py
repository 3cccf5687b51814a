"""'Took to the streets' is a demonstration word: the protest trigger's own phrase keeps the demonstration types."""

from __future__ import annotations

import pytest

from sigact.pipeline import get_pipeline


@pytest.fixture(scope="module")
def pipe():
    return get_pipeline()


@pytest.mark.parametrize("text, sub", [
    ("On 12 June 2021, hundreds of traders took to the streets in Blantyre.", "Peaceful protest"),
    ("Hundreds of nurses took to the streets of Lusaka on Saturday to demand unpaid wages.", "Peaceful protest"),
    ("On 12 June 2021, youths took to the streets in Blantyre, burning tyres and throwing stones at police.",
     "Violent demonstration"),
])
def test_taking_to_the_streets_is_a_demonstration(pipe, text, sub):
    evs = [e for e in pipe.extract(text) if e.factuality == "asserted"]
    assert [e.acled_sub_event_type for e in evs] == [sub]


@pytest.mark.parametrize("text", [
    "On 4 May 2022, hundreds of nurses held a candlelight vigil outside the hospital in Blantyre.",
    "On 4 May 2022, students staged a walkout at the university in Zomba.",
])
def test_a_protest_trigger_is_itself_a_demonstration(pipe, text):
    # the protest trigger's own phrases ("vigil", "walkout") keep the demonstration types, demonstration word or not
    evs = [e for e in pipe.extract(text) if e.factuality == "asserted"]
    assert [e.acled_event_type for e in evs] == ["Protests"]


def test_a_month_name_before_a_day_is_no_march(pipe):
    # "March 05, 2016": a date, even where the parser tags none, so no demonstration
    evs = [e for e in pipe.extract("Rebels attack March 05, 2016 | Obo, Haut-Mbomou, CAR") if e.factuality == "asserted"]
    assert all(e.acled_event_type != "Protests" for e in evs)
