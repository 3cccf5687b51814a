"""Event places in whole articles: a village the gazetteer lacks does not land in a country the text
never supports (it falls back to the country, or the region, the text points to); a national capital
named outright abroad ("signed in Doha") stays; the clause's own "in X" beats the article's dateline.

Every sentence is written for these tests (no dataset text); names of places and armed groups are facts.
They need the gazetteer and the spaCy model: slow.
"""

from __future__ import annotations

import pytest

from test_extract_support import run

pytestmark = pytest.mark.slow

LEBANON = ("Israeli strike on Shama kills four farm workers\n"
           "An Israeli drone struck a house in the southern Lebanese village of Shama on Wednesday, killing four "
           "farm workers and wounding five Lebanese, the health ministry said. Hezbollah later fired dozens of "
           "rockets at northern Israel. Israel's army said it then struck the launcher in southern Lebanon.")


def _place(nlp, geo, text, clause):
    """The place ``DocGeo.place_for`` gives the event told by ``clause`` (a substring of ``text``)."""
    start = text.index(clause)
    res = geo.analyze(nlp(text)).place_for(start, start + len(clause))
    assert res is not None, text
    return res


def test_village_namesake_abroad_falls_back_to_the_region_the_text_names(nlp, geo):
    # GeoNames knows a "Shama" only in Ghana; nothing in the text points to Ghana
    dg = geo.analyze(nlp(LEBANON))
    shama = [m for m in dg.mentions if m.text == "Shama"]
    assert len(shama) == 2
    assert all(m.place.country == "LBN" and m.place.name == "South Lebanon" for m in shama)
    assert dg.focus_country == "LBN" and "GHA" not in dg.country_weights
    place, ev = _place(nlp, geo, LEBANON, "An Israeli drone struck a house in the southern Lebanese village of Shama")
    assert place.country == "LBN" and place.precision == "admin1"
    assert ev is not None and ev.text == "Shama"


def test_namesake_in_the_headline_takes_the_place_its_cued_mention_gets(nlp, geo):
    place, _ev = _place(nlp, geo, LEBANON, "Israeli strike on Shama kills four farm workers")
    assert place.country == "LBN" and place.name == "South Lebanon"


def test_namesake_without_a_regional_cue_gives_the_country_named_before_it(nlp, geo):
    text = ("Hezbollah fired rockets at northern Israel on Friday. Earlier an Israeli drone struck a motorbike "
            "in the Lebanese village of Shama, killing two men, Lebanese officials said.")
    place, _ev = _place(nlp, geo, text, "an Israeli drone struck a motorbike in the Lebanese village of Shama")
    assert place.country == "LBN" and place.precision == "country"


def test_namesake_is_kept_where_the_text_supports_its_country(nlp, geo):
    text = "Ghanaian police dispersed hundreds of protesters in Shama on Friday, officials in Ghana said."
    place, _ev = _place(nlp, geo, text, "Ghanaian police dispersed hundreds of protesters in Shama on Friday")
    assert place.country == "GHA" and place.precision != "country"


def test_capital_abroad_named_as_the_site_of_a_signing_stays():
    text = ("BOGOTA, Feb 24 - Colombia's government and the ELN guerrillas signed a ceasefire agreement in Havana on "
            "Tuesday, officials in Bogota said.")
    evs = [e for e in run(text, "2010-02-24") if e.acled_sub_event_type == "Agreement"]
    assert evs, "no agreement found"
    loc = evs[0].location
    assert loc is not None and loc.country == "CUB" and loc.name == "Havana" and loc.precision == "town"


def test_capital_abroad_without_a_dateline(nlp, geo):
    text = "Colombian government envoys and ELN commanders agreed a ceasefire in Havana on Tuesday."
    place, ev = _place(nlp, geo, text, text)
    assert place.country == "CUB" and place.name == "Havana"
    assert ev is not None and ev.text == "Havana"


def test_talks_in_a_neighbouring_country(nlp, geo):
    text = "Sudan's government and JEM rebels reached a framework deal in Chad on Saturday."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "TCD"


@pytest.mark.parametrize("clause,precision", [
    ("ELN rebels shot dead two soldiers in the Arauca department on Sunday", "admin1"),
    ("ELN rebels shot dead two soldiers in the eastern department of Arauca on Sunday", "admin1"),
    ("ELN rebels shot dead two soldiers in Arauca on Sunday", "town"),
])
def test_clause_place_beats_the_dateline(nlp, geo, clause, precision):
    text = f"BOGOTA, Dec 19 - {clause}, the army said."
    place, ev = _place(nlp, geo, text, text[:text.index(", the army")])
    assert place.country == "COL" and place.name == "Arauca" and place.precision == precision
    assert ev is not None and "Arauca" in ev.text


def test_dateline_stays_the_place_when_the_clause_names_none(nlp, geo):
    text = "BOGOTA, Dec 19 - Gunmen shot dead two soldiers on Sunday, the army said."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "COL" and place.name == "Bogota"


def test_group_country_beats_the_dateline_town(nlp, geo):
    # where the story was filed is no evidence of where the ELN attacked: the country, coarse and right
    text = "BOGOTA, Dec 19 - ELN rebels shot dead two soldiers on Sunday, the army said."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "COL" and place.precision == "country"


def test_dateline_with_its_country_yields_to_the_clause_town(nlp, geo):
    text = "KANO, Nigeria (AP) - Gunmen killed three traders in Maiduguri on Friday."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "NGA" and place.name == "Maiduguri"


@pytest.mark.parametrize("text,town,iso3", [
    ("Guerrillas killed two police officers at a checkpoint outside Arauca, Colombia, on Sunday.", "Arauca", "COL"),
    ("Protesters blocked the main road in Tame, Colombia, on Monday.", "Tame", "COL"),
])
def test_town_followed_by_its_country_stays(nlp, geo, text, town, iso3):
    # "Colombia" is also a municipality in Huila: a country named after the town is no rival admin unit
    place, ev = _place(nlp, geo, text, text)
    assert place.country == iso3 and place.name == town and place.precision == "town"
    assert ev is not None and ev.text == town


def test_site_of_the_signing_beats_a_town_naming_a_party(nlp, geo):
    # "Khartoum" names the government here; the deal was reached where the clause says
    text = "The framework agreement between Khartoum and JEM was initially reached in Chad last week."
    place, ev = _place(nlp, geo, text, text)
    assert place.country == "TCD" and place.precision == "country"
    assert ev is not None and ev.text == "Chad"


def test_unsited_town_of_the_same_country_still_beats_the_country(nlp, geo):
    text = "Rebels attacked Kaga-Bandoro on Monday in the Central African Republic."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "CAF" and place.name == "Kaga-Bandoro"


def test_dateline_town_is_not_the_town_of_a_country_level_clause(nlp, geo):
    # the dateline is where the story was filed; "in central Mali" says no more than the country
    text = ("BAMAKO, March 3 (Reuters) - Jihadists killed 12 soldiers in an attack on an army post in central "
            "Mali, the defence ministry said on Sunday.")
    place, ev = _place(nlp, geo, text, text[text.index("Jihadists"):text.index(", the defence")])
    assert place.country == "MLI" and place.precision == "country" and place.name == "Mali"
    assert ev is not None and ev.text == "Mali"


def test_place_of_the_attack_not_the_ministry_that_spoke(nlp, geo):
    text = "Gunmen killed five villagers near Kaga-Bandoro on Monday, the defence ministry in Bangui said."
    place, _ev = _place(nlp, geo, text, text)
    assert place.country == "CAF" and place.name == "Kaga-Bandoro"
