"""Country evidence, admin chains, admin2 units and event-place fallbacks of ``sigact.geo``.

Every text is written for these tests (no dataset text); names of places and armed groups are
facts.  They need the gazetteer (built once into the cache) and the spaCy model: slow.
"""

from __future__ import annotations

import pytest

from sigact.geo.countries import haversine_km

pytestmark = pytest.mark.slow


def place_of(nlp, geo, text, start=0, end=None):
    res = geo.analyze(nlp(text)).place_for(start, len(text) if end is None else end)
    assert res is not None, text
    return res


def test_multi_country_group_follows_the_admin_chain(nlp, geo):
    # Boko Haram points to Nigeria first, but also to Cameroon: the admin1 named wins
    text = "Boko Haram fighters abducted two herders near Kolofata (Mayo-Sava, Extreme-Nord) on Sunday."
    place, ev = place_of(nlp, geo, text)
    assert place.country == "CMR" and place.admin1 == "Extreme-Nord"
    assert ev is not None and text[ev.start:ev.end] == ev.text


def test_group_hint_alone_gives_its_usual_country(nlp, geo):
    place, ev = place_of(nlp, geo, "Boko Haram fighters abducted two herders on Sunday.")
    assert place.country == "NGA" and place.precision == "country" and ev is None


def test_paren_chain_last_part_is_admin1_even_when_a_common_word(nlp, geo):
    # "Bay" is otherwise no place (a common noun); at the end of an admin chain it is Bay region
    text = "Al-Shabaab militants ambushed a convoy near Mayafulka (Baydhaba, Bay)."
    place, _ = place_of(nlp, geo, text)
    assert place.country == "SOM" and place.admin1 == "Bay"
    dg = geo.analyze(nlp(text))
    assert any(m.text == "Bay" and m.place.precision == "admin1" for m in dg.mentions)


def test_admin2_unit_named_alone(nlp, geo):
    place, ev = place_of(nlp, geo, "Gunmen killed three traders in a village of Tapoa province on Friday.")
    assert place.country == "BFA" and place.admin1 == "Est" and place.precision == "admin2"
    assert ev is not None and ev.text.startswith("Tapoa")
    assert place.lat is not None and haversine_km(place.lat, place.lon, 12.0, 1.8) < 150


def test_town_outside_its_named_admin2_gives_way_to_the_unit(nlp, geo):
    # GeoNames' only Buruku is in Benue; the text puts it in Chikun LGA of Kaduna state
    place, _ = place_of(nlp, geo, "Bandits killed four farmers in Buruku (Chikun LGA, Kaduna) at dawn.")
    assert place.country == "NGA" and place.admin1 == "Kaduna"


def test_facility_named_after_a_foreign_city_is_not_the_place(nlp, geo):
    text = "In Tegucigalpa, street vendors barricaded an avenue near the Los Angeles cemetery over eviction orders."
    place, ev = place_of(nlp, geo, text)
    assert place.country == "HND" and ev is not None and ev.text == "Tegucigalpa"


def test_facility_in_the_town_named_keeps_the_town(nlp, geo):
    place, _ = place_of(nlp, geo, "Kenya: a mob set fire to a church in Eldoret, killing 30 people.")
    assert place.country == "KEN" and place.name == "Eldoret"


def test_national_government_event_without_place_gets_the_seat_of_government(nlp, geo):
    place, ev = place_of(nlp, geo, "The Turkish Government extended the weekend curfew by two days.")
    assert place.country == "TUR" and place.name == "Ankara" and place.precision == "country" and ev is None


def test_event_without_place_or_government_cue_stays_country_level(nlp, geo):
    place, _ = place_of(nlp, geo, "Turkish soldiers were wounded by a roadside bomb on Monday.")
    assert place.country == "TUR" and place.name == "Turkey" and place.admin1 is None


def test_admin_chain_right_after_the_clause(nlp, geo):
    # the extractor passes the clause; the chain naming its place follows it
    text = "Armed herders wounded a farmer in Soubo (Nikki, Borgou)."
    place, _ = place_of(nlp, geo, text, 0, text.index(" ("))
    assert place.country == "BEN" and place.admin1 == "Borgou"


def test_demonym_before_city_is_country_evidence(nlp, geo):
    place, _ = place_of(nlp, geo, "Air raids hit an Afghan city as fighting raged.")
    assert place.country == "AFG"


def test_language_name_is_no_place(nlp, geo):
    dg = geo.analyze(nlp("The report on the attack was published in English on Monday."))
    assert all(m.place.country != "USA" for m in dg.mentions)


@pytest.mark.parametrize("text,iso3,admin1", [
    ("Agence France Presse, 2016-01-02: S. Sudan army clashes with rebels, 20 dead", "SSD", None),
    ("Reuters, 2018-07-07: Gunmen kill 20 in Nigeria's Plateau state", "NGA", "Plateau"),
    ("SOHR, 2015-10-22: Unknown gunmen target a checkpoint of the regime forces", "SYR", None),
    ("Agence France Presse, 2017-10-30: CAR: six killed in clashes in Bangui", "CAF", "Bangui"),
])
def test_ged_headlines(nlp, geo, text, iso3, admin1):
    place, _ = place_of(nlp, geo, text)
    assert place.country == iso3
    if admin1:
        assert place.admin1 == admin1


def test_houthi_strike_lands_in_yemen(nlp, geo):
    place, _ = place_of(nlp, geo, "US warplanes struck Houthi radar sites near the Red Sea coast overnight.")
    assert place.country == "YEM"


@pytest.mark.parametrize("text,iso3,name", [
    ("Reuters, 2008-02-02: Chad rebels attack N'Djamena", "TCD", "N'Djamena"),
    ("AP, 2003-06-06: Liberian rebels shell Monrovia; 50 dead", "LBR", "Monrovia"),
])
def test_headline_present_tense_attack_on_a_capital(nlp, geo, text, iso3, name):
    place, ev = place_of(nlp, geo, text)
    assert place.country == iso3 and place.name == name and place.precision == "town"
    assert ev is not None and ev.text == name


def test_country_capital_is_the_seat_of_government(nlp, geo):
    place, ev = place_of(nlp, geo, "Agence France Presse, 2016-02-02: Gunmen kill 4 in Burundi capital")
    assert place.country == "BDI" and place.name == "Bujumbura" and ev is not None and ev.text == "Burundi"


def test_town_in_a_foreign_namesake_gives_way_to_the_admin1_named(nlp, geo):
    # GeoNames knows an Ash Shajarah in Jordan only: "... town in Dar'a" puts it in Syria
    place, _ = place_of(nlp, geo, "A landmine killed a shepherd outside Ash-Shajara town in Dar'a.")
    assert place.country == "SYR"


@pytest.mark.parametrize("text,iso3", [
    ("The Nation (Pakistan), 2014-05-05: Five soldiers martyred in a blast", "PAK"),
    ("Nigerian Tribune, 2018-03-03: Gunmen kill a village head", "NGA"),
    ("Voice of America, 2017-10-30: Six killed in clashes", None),
    ("Agence France Presse, 2017-10-30: Six killed in clashes", None),
])
def test_outlet_of_a_source_line_is_weak_country_evidence(nlp, geo, text, iso3):
    dg = geo.analyze(nlp(text))
    assert dg.focus_country == iso3
    assert not dg.mentions  # evidence only, never a location


def test_possessive_of_a_town_naming_a_part_of_it_is_the_place(nlp, geo):
    place, ev = place_of(nlp, geo, "Kurdish police sealed off all of Qamishli's markets for three days.")
    assert place.country == "SYR" and ev is not None and ev.text == "Qamishli"


def test_possessive_of_a_country_stays_an_attribute(nlp, geo):
    dg = geo.analyze(nlp("Iraq's army said it killed five militants."))
    assert all(m.role != "place" for m in dg.mentions if m.text == "Iraq")


def test_site_without_admin1_gets_the_admin1_of_its_nearest_town(geo):
    # a point in Khojavend district: GeoNames gives its towns no admin1 of their own but their
    # neighbours have one; a point in the sea off Libya has no town within ~50 km
    assert geo.gaz.admin1_at("AZE", 39.79, 47.11) is not None
    assert geo.gaz.admin1_at("LBY", 34.5, 18.0) is None


def test_tail_of_an_unknown_name_is_no_place(nlp, geo):
    # "Park W" (a national park) is not a US town called Park; Kandi, Alibori is the place
    text = "Rangers reported gunfire in Park W, north of Kandi (Kandi, Alibori), on Tuesday."
    place, _ = place_of(nlp, geo, text)
    assert place.country == "BEN"


@pytest.mark.parametrize("text,iso3,name", [
    ("Associated Press, 2013-03-03: Mogadishu Car Bomb Kills Five", "SOM", "Mogadishu"),
    ("Reuters, 2010-01-01: Peshawar Blast Kills 12 Near Market", "PAK", "Peshawar"),
])
def test_title_case_headline_big_town_and_no_country_code_from_a_word(nlp, geo, text, iso3, name):
    place, _ = place_of(nlp, geo, text)
    assert place.country == iso3 and place.name == name


def test_generic_adjective_is_not_an_admin1_alias(nlp, geo):
    # "Federal District" (Brazil) is also known as bare "Federal"; "the Federal Police" names no place
    dg = geo.analyze(nlp("Parliament voted on Monday to merge the Federal Police into the army."))
    assert dg.focus_country is None and not dg.mentions


def test_site_later_in_the_paragraph_of_the_article_country(nlp, geo):
    text = "Gunmen killed a trader on Sunday. Police said the attack happened in Kaduna."
    place, ev = place_of(nlp, geo, text, 0, text.index("."))
    assert place.country == "NGA" and ev is not None and ev.text == "Kaduna"


def test_clause_naming_only_the_country_takes_the_town_named_before(nlp, geo):
    # the second sentence names only the country (by its adjective): the town of the first is the place
    text = ("On 3 June 2021, taxi drivers protested in Split, Croatia, against a new licensing law. "
            "It was one of several such protests in Croatian cities.")
    start = text.index("It was")
    place, ev = place_of(nlp, geo, text, start=start)
    assert place.country == "HRV" and place.name == "Split" and place.precision == "town"
    assert ev is not None and ev.text == "Split"


def test_country_only_clause_keeps_country_when_earlier_town_is_abroad(nlp, geo):
    # the town named before lies in another country: the clause's own country stands
    text = ("On 3 June 2021, lorry drivers protested in Graz, Austria, against tolls. "
            "Drivers also blocked roads in Slovenia.")
    start = text.index("Drivers also")
    place, _ev = place_of(nlp, geo, text, start=start)
    assert place.country == "SVN" and place.precision == "country"


def test_barangay_title_does_not_hide_the_village_or_its_chain(nlp, geo):
    # "Barangay X, Municipality, Province": the title word is no part of the name
    text = "On 2 March 2021, soldiers clashed with Abu Sayyaf fighters in Barangay Kagay, Indanan, Sulu."
    place, ev = place_of(nlp, geo, text)
    assert place.country == "PHL" and place.precision == "town"
    assert place.admin1 == "Bangsamoro Autonomous Region in Muslim Mindanao"
    assert ev is not None and ev.text == "Kagay"


def test_point_prior_moves_a_far_same_named_village_to_the_prior_region(nlp, geo):
    # an OSCE SMM report is about Donbas: the gazetteer's only Lozove (Crimea, far away) is not the one
    text = "On 9 May 2021, the OSCE SMM recorded twelve explosions near Lozove."
    place, ev = place_of(nlp, geo, text)
    assert place.country == "UKR" and place.admin1 == "Donetsk" and place.precision == "admin1"
    assert ev is not None and ev.text == "Lozove"
    # a town near the prior point keeps its own coordinates and precision
    near = "On 9 May 2021, the OSCE SMM recorded twelve explosions near Avdiivka."
    place, _ev = place_of(nlp, geo, near)
    assert place.admin1 == "Donetsk" and place.precision == "town"


def test_without_a_point_prior_the_village_keeps_its_gazetteer_place(nlp, geo):
    text = "On 9 May 2021, residents protested against a new landfill in Lozove, Crimea."
    place, _ev = place_of(nlp, geo, text)
    assert place.country == "UKR" and place.precision == "town" and place.admin1 == "Crimea"
