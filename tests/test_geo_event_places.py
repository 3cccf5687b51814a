"""Which place of a sentence is its event's place: a sea named in a purpose adjunct or a relative
clause about the target's other activity is not where strikes on that target happened.

Every sentence is written for these tests (no dataset text); names of places and armed groups are facts.
They need the gazetteer and the spaCy model: slow.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, run

pytestmark = pytest.mark.slow


def _place(nlp, geo, text, clause):
    """The place ``DocGeo.place_for`` gives the event told by ``clause`` (a substring of ``text``)."""
    start = text.index(clause)
    res = geo.analyze(nlp(text)).place_for(start, start + len(clause))
    assert res is not None, text
    return res


def test_purpose_adjunct_sea_is_not_the_strikes_place():
    text = ("On Tuesday, British and American jets struck the Houthis in an attempt to stop the rebels "
            "attacking tankers in the Gulf of Aden.")
    evs = [e for e in incidents(run(text, "2024-02-01")) if e.trigger == "struck"]
    assert len(evs) == 1
    loc = evs[0].location
    assert loc is not None and loc.country == "YEM"
    assert loc.name == "Yemen" and loc.precision == "country"
    # the group the country comes from is the location evidence, named in the event's own sentence
    assert [e.text for e in evs[0].evidence if e.field == "location"] == ["Houthis"]


def test_in_order_to_adjunct_with_vessels(nlp, geo):
    text = "Israeli jets struck the Houthis on Saturday in order to deter the rebels from harassing vessels in the Red Sea."
    place, ev = _place(nlp, geo, text, "Israeli jets struck the Houthis on Saturday")
    assert place.country == "YEM" and place.precision == "country" and place.name != "Red Sea"
    assert ev is not None and ev.text == "Houthis"


def test_relative_clause_about_the_target_is_not_the_place(nlp, geo):
    text = "Israeli jets struck the Houthis, who have been attacking ships in the Red Sea, on Saturday."
    place, _ev = _place(nlp, geo, text, "Israeli jets struck the Houthis,")
    assert place.country == "YEM" and place.name == "Yemen"
    dg = geo.analyze(nlp(text))
    assert any(text[a:b].startswith("who have been attacking") for a, b in dg.adjuncts)


def test_sea_is_the_place_of_an_attack_on_a_ship():
    text = "Houthi rebels fired a missile at a cargo ship in the Red Sea on Sunday."
    evs = incidents(run(text, "2024-02-01"))
    assert evs and evs[0].location is not None
    assert evs[0].location.name == "Red Sea" and evs[0].location.country == "YEM"


def test_lake_is_the_place_of_an_attack_on_fishermen(nlp, geo):
    text = "Boko Haram fighters killed nine fishermen on Lake Chad on Friday."
    place, ev = _place(nlp, geo, text, text)
    assert place.name == "Lake Chad" and ev is not None and ev.text == "Lake Chad"


def test_a_town_in_a_purpose_adjunct_still_places_a_dispersal(nlp, geo):
    # only seas and lakes need a maritime clause: "to disperse protesters in Nairobi" happened in Nairobi
    text = "Police fired tear gas in an attempt to disperse protesters in Nairobi on Monday."
    place, _ev = _place(nlp, geo, text, text)
    assert place.name == "Nairobi" and place.country == "KEN"


def test_group_country_without_a_rejected_sea_is_no_named_place(nlp, geo):
    # with no sea to stand in for, a group's home country is a fallback, not a place the sentence names
    text = "Houthi fighters shelled government positions on Sunday."
    place, ev = _place(nlp, geo, text, text)
    assert place.country == "YEM" and place.precision == "country" and ev is None
