"""Toll forms added in session 5: nominal killings, "was wounded ... and later died", succumbing to wounds."""

from __future__ import annotations

import pytest

from sigact.extract.tolls import find_tolls, summarize_tolls


@pytest.mark.parametrize("text, killed, injured", [
    ("The fighting near the dam resulted in the killing of 2 militiamen.", 2, None),
    ("The shelling led to the killing of a shepherd and injured two drivers.", 1, 2),
    ("The brawl over grazing land resulted in one death.", 1, None),
    ("A teacher was attacked at his home and died on 12 March.", 1, None),
    # the victim who died is a death, not also an injury
    ("A market porter was wounded by shrapnel and later died.", 1, None),
    ("The two victims succumbed to their wounds.", 2, None),
    # unchanged: injured only
    ("A market porter was wounded by shrapnel during the shelling.", None, 1),
    ("Five soldiers were wounded and evacuated to the capital.", None, 5),
])
def test_toll_forms(text, killed, injured):
    summ = summarize_tolls(find_tolls(text))
    assert (summ.get("killed"), summ.get("injured")) == (killed, injured)


@pytest.mark.parametrize("text, kinds", [
    ("The other one was injured and arrested.", {"injured": 1, "arrested": 1}),
    ("A herder was abducted and killed near the river.", {"killed": 1, "abducted": 1}),
    ("A guard was wounded and later died.", {"killed": 1}),
])
def test_two_things_that_happened_to_the_same_victim(text, kinds):
    summ = summarize_tolls(find_tolls(text))
    assert {k: v for k, v in summ.items() if v} == kinds
