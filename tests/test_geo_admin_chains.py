"""Admin chains in event notes: admin1 abbreviations ("(Hyderabad, TS)", "(UP)"), a generic noun between
the town and its chain ("X sector area (Admin2, Admin1)"), and French spellings of admin1 units
("Sud-Ouest" for Cameroon's South-West).  Texts written for these tests; place names are facts."""

from __future__ import annotations

import pytest

from sigact.geo.chains import admin1_abbreviations

pytestmark = pytest.mark.slow


def _place(nlp, geo, text):
    res = geo.analyze(nlp(text)).place_for(0, len(text))
    assert res is not None, text
    return res


def test_abbreviation_table_loads_case_sensitive_keys():
    table = admin1_abbreviations()
    assert ("IND", "Jammu and Kashmir", True) in table["J&K"]
    assert "up" not in table and ("IND", "Uttar Pradesh", True) in table["UP"]
    assert ("IND", "Andhra Pradesh", False) in table["AP"]  # "(AP)" is a news agency


def test_state_abbreviation_picks_the_indian_town(nlp, geo):
    # Hyderabad is also a big city of Pakistan: "TS" (Telangana) decides
    text = ("On 14 August 2021, auto-rickshaw drivers blocked a flyover in Hyderabad (Hyderabad, TS) against a rise in "
            "fuel prices.")
    place, ev = _place(nlp, geo, text)
    assert place.country == "IND" and place.admin1 == "Telangana" and place.name == "Hyderabad"
    assert ev is not None and text[ev.start:ev.end] == ev.text


def test_lone_abbreviation_gives_the_state(nlp, geo):
    text = "On 9 June 2021, a mob attacked two policemen in Bhitargaon (UP) over a land dispute."
    place, _ = _place(nlp, geo, text)
    assert place.country == "IND" and place.admin1 == "Uttar Pradesh"


def test_abbreviation_outside_a_chain_is_no_place(nlp, geo):
    text = "FIGHTING FLARES UP AGAIN as rebels shell Goma."
    dg = geo.analyze(nlp(text))
    assert all(m.place.admin1 != "Uttar Pradesh" for m in dg.mentions)
    text = "KANO, Nigeria (AP) - Gunmen attacked a market on Friday."
    place, _ = _place(nlp, geo, text)
    assert place.country == "NGA" and place.name == "Kano"


def test_sector_area_before_the_chain_makes_it_the_parent(nlp, geo):
    # "Uri" is also a canton of Switzerland; the chain after "sector area" is the parent
    text = "On 5 July 2021, Indian and Pakistani troops traded mortar fire in Uri sector area (Baramulla, J&K)."
    place, _ = _place(nlp, geo, text)
    assert place.country == "IND" and place.admin1 == "Jammu and Kashmir"


def test_french_region_name_of_cameroon(nlp, geo):
    text = "On 9 July 2021, separatist fighters ambushed a gendarmerie patrol in Kumba town (Meme, Sud-Ouest)."
    place, _ = _place(nlp, geo, text)
    assert place.country == "CMR" and place.name == "Kumba" and place.admin1 == "South-West"
    dg = geo.analyze(nlp(text))
    assert any(m.text == "Sud-Ouest" and m.place.country == "CMR" for m in dg.mentions)


def test_governorate_name_is_its_seat_town_not_a_village_abroad(nlp, geo):
    # "Basra" is Basrah governorate's own name and an alternate name of Basrah city; a village in
    # Pakistan is called exactly "Basra"
    text = "On 3 June 2021, nurses protested outside a hospital in Basra city demanding unpaid salaries."
    place, _ = _place(nlp, geo, text)
    assert place.country == "IRQ" and place.precision == "town"


def test_province_named_as_a_parent_is_not_its_seat(nlp, geo):
    text = "On 8 July 2021, regime artillery hit olive groves around Kansafra in Idleb."
    dg = geo.analyze(nlp(text))
    idleb = [m for m in dg.mentions if m.text == "Idleb"]
    assert idleb and idleb[0].place.precision == "admin1"


def test_alternate_name_inside_an_organisation_is_no_country_evidence(nlp, geo):
    # "Coal Mine" is an alternate name of a Texas town: inside a company's name it must not make the
    # text American and so drop the Iranian town named after "in"
    text = "On 5 June 2021, workers of the Tabas Coal Mine Company rallied in Tabas over unpaid bonuses."
    place, _ = _place(nlp, geo, text)
    assert place.country == "IRN" and place.name == "Tabas"


def test_district_before_a_one_part_chain_makes_it_the_parent(nlp, geo):
    text = "On 6 June 2021, two groups clashed at Karaundi village in Nalanda district (Bihar) over land."
    place, _ = _place(nlp, geo, text)
    assert place.country == "IND" and place.admin1 == "Bihar"


def test_named_province_outweighs_the_nationality_of_the_actors(nlp, geo):
    # the village is unknown; "Israeli" and "Iranian" name the actors, "Dar'a" names the place
    text = ("On 2 June 2021, Israeli missiles reportedly destroyed an Iranian militia depot near Tall Masih in the "
            "northern countryside of Dar'a.")
    place, ev = _place(nlp, geo, text)
    assert place.country == "SYR" and ev is not None and ev.text == "Dar'a"


def test_a_region_word_opening_a_headline_is_no_province(nlp, geo):
    # "Balkan" is also a province of Turkmenistan: without "in/of" or a chain it is no place
    text = "Balkan veterans clashed with police in Sarajevo, Bosnia and Herzegovina."
    place, _ = _place(nlp, geo, text)
    assert place.country == "BIH"


def test_unsure_town_named_like_its_province_gives_the_province(nlp, geo):
    # "Hama" is the town and its governorate; with a rival nationality in the text the town is unsure,
    # and the governorate (admin1 precision) is coded rather than the bare country
    text = ("On 3 June 2021, regime forces fired rockets at Qabr Fidda and nearby farms in the Al Ghab Plain in Hama "
            "while Russian drones circled overhead.")
    place, ev = _place(nlp, geo, text)
    assert place.country == "SYR" and place.admin1 == "Hama" and place.precision == "admin1"
    assert ev is not None and ev.text == "Hama"
    # named after "of", only a GeoNames alternate name of its town ("Hamah"): still the province, not Moscow
    text = ("On 3 June 2021, regime rockets hit farms in the western countryside of Hama as Russian jets "
            "flew overhead.")
    place, _ = _place(nlp, geo, text)
    assert place.country == "SYR" and place.admin1 == "Hama"
