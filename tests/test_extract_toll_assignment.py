"""Toll counting across the mentions of one incident: parts of a toll are not added to it."""

from __future__ import annotations

import pytest

from sigact.extract.tolls import find_tolls, summarize_tolls


@pytest.mark.parametrize("text,killed", [
    ("The toll from the strike on the family home is 15 dead, he said, adding nine of those killed were children.", 15),
    ("Officials said 20 people were killed; six of the dead were police officers.", 20),
    # separate groups in one sentence still add up
    ("Militants killed 3 soldiers and 2 civilians were killed in the crossfire.", 5),
])
def test_parts_of_a_toll_are_not_added(text, killed):
    assert summarize_tolls(find_tolls(text))["killed"] == killed
