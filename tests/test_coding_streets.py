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
