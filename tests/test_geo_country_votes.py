"""The event's country in ACLED-style notes: the admin chain after a town decides between same-named
places abroad ("Maracas, Tunapuna/Piarco", "Cartagena, Bolivar state", "Colon (Colon)"), and the
words of a unit the gazetteer lacks ("Mineral Chico municipality") name no other place.
Texts written for these tests; place names are facts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _place(nlp, geo, text):
    res = geo.analyze(nlp(text)).place_for(0, len(text))
    assert res is not None, text
    return res[0]


def test_slash_named_admin_unit_closes_the_chain(nlp, geo):
    # Maracas is only a Brazilian town in GeoNames; the Trinidad region after the comma decides
    text = "On 12 March 2021, in Maracas, Tunapuna/Piarco, police found a fisherman's body with stab wounds."
    place = _place(nlp, geo, text)
    assert place.country == "TTO" and place.admin1 == "Tunapuna/Piarco"


def test_slash_named_unit_alone_is_one_place(nlp, geo):
    text = "On 14 March 2021, police raided a house in Tunapuna/Piarco and seized two rifles."
    place = _place(nlp, geo, text)
    assert place.country == "TTO" and place.text == "Tunapuna/Piarco"


def test_town_decides_which_state_of_that_name(nlp, geo):
    # Venezuela has a Bolivar state and Colombia a Bolivar department; Cartagena lies in the latter
    text = "On 3 May 2021, in Bocachica, Cartagena, Bolivar state, fishermen blocked the pier over a dredging project."
    place = _place(nlp, geo, text)
    assert place.country == "COL" and place.admin1 == "Bolivar" and place.name == "Cartagena"


def test_state_named_alone_keeps_its_own_unit(nlp, geo):
    text = "On 3 May 2021, protesters gathered in Bolivar state to demand fuel deliveries."
    place = _place(nlp, geo, text)
    assert place.country == "VEN" and place.admin1 == "Bolivar" and place.precision == "admin1"


def test_state_suffix_chain_with_a_local_town_is_unchanged(nlp, geo):
    text = "On 3 May 2021, gunmen killed two farmers in Bokkos, Plateau state."
    place = _place(nlp, geo, text)
    assert place.country == "NGA" and place.admin1 == "Plateau" and place.name == "Bokkos"


def test_town_named_like_its_province_lies_in_the_country_that_has_the_town(nlp, geo):
    # Honduras and Panama both have a Colon unit; only Panama has a town of that name in it
    text = "On 3 May 2021, in Colon (Colon), residents protested to demand food aid."
    place = _place(nlp, geo, text)
    assert place.country == "PAN" and place.admin1 == "Colon"


def test_unknown_municipality_words_are_no_places_abroad(nlp, geo):
    # "Mineral" (West Virginia) and "Chico" (California) are parts of a Mexican municipality's name
    text = "On 3 May 2021, in Mineral Chico municipality, Hidalgo, gunmen set fire to a pickup truck at a ranch."
    place = _place(nlp, geo, text)
    assert place.country == "MEX" and place.admin1 == "Hidalgo"
    g = geo.analyze(nlp(text))
    assert not any(m.place.country == "USA" for m in g.mentions)


def test_a_weak_capitalised_word_does_not_outvote_a_named_city(nlp, geo):
    # "Labor" (of "Labor Day") is also a Mexican hamlet; it must not unseat Manila
    text = "On 1 May 2021, jeepney drivers marched through Tondo, Manila on Labor Day to oppose a fare freeze."
    place = _place(nlp, geo, text)
    assert place.country == "PHL" and place.name == "Manila"


def test_road_between_two_towns_gives_the_first_town(nlp, geo):
    text = "On 8 May 2021, protesters blocked the Sidon-Tyr highway near the university."
    place = _place(nlp, geo, text)
    assert place.country == "LBN" and place.name == "Sidon"


def test_road_named_with_spaced_dash(nlp, geo):
    text = "On 2 June 2021, militants ambushed a convoy on the Gao - Ansongo road."
    place = _place(nlp, geo, text)
    assert place.country == "MLI" and place.name == "Gao"


def test_unknown_road_end_is_no_place_abroad(nlp, geo):
    # "Elias" alone is a Colombian town; "Qabb Elias" is a Lebanese one the gazetteer lacks
    text = "On 8 May 2021, truck drivers parked across the Qabb Elias- Dahr el Baydar road over diesel shortages."
    g = geo.analyze(nlp(text))
    assert not any(m.place.country == "COL" for m in g.mentions)


def test_country_possessive_without_apostrophe(nlp, geo):
    text = "Hundreds of protesters marched in Benins main city on Thursday to demand a delay of the vote."
    g = geo.analyze(nlp(text))
    assert g.focus_country == "BEN"
    place = _place(nlp, geo, text)
    assert place.country == "BEN"


def test_two_nearby_places_outvote_a_country_named_as_background(nlp, geo):
    # Souda (Greece, also a Tunisian hamlet) and Crete (Greece, also US towns) agree on Greece
    text = ("On 4 May 2021, fishermen in Souda blocked the harbour over a plan to move migrants picked up off Libya "
            "to a camp on Crete.")
    g = geo.analyze(nlp(text))
    assert g.focus_country == "GRC"
    place = _place(nlp, geo, text)
    assert place.country == "GRC" and place.admin1 == "Crete"


def test_agreement_does_not_move_a_chain_town(nlp, geo):
    # with no rival country, the chain is resolved as before: the town in Puebla, not one in Chiapas
    text = "On 5 May 2021, in San Lucas Atoyatenco, Puebla, a crowd tried to lynch three men accused of theft."
    place = _place(nlp, geo, text)
    assert place.country == "MEX" and place.admin1 == "Puebla"


def test_province_named_outright_beats_the_attackers_nationality(nlp, geo):
    # "Raqqa" is only an alternate name in GeoNames; "province" makes it the place, not Turkey
    text = "On 7 May 2021, Turkish artillery hit farmland west of Ein Issa, north of Raqqa province. Nobody was hurt."
    place = _place(nlp, geo, text)
    assert place.country == "SYR" and place.admin1 == "Ar-Raqqa"


def test_possessive_city_before_an_unknown_district_stays(nlp, geo):
    text = "On 8 May 2021, depositors threw eggs at a bank branch in Beirut's Saifi district."
    place = _place(nlp, geo, text)
    assert place.country == "LBN" and place.name == "Beirut"


def test_city_joined_to_its_quarter_stays(nlp, geo):
    # "Hamar" alone is a Norwegian town; Mogadishu and the Banadir chain decide
    text = ("On 7 May 2021, unidentified attackers lobbed a hand grenade into a tea shop in Mogadishu-Hamar Weyne "
            "district (Hamar Weyne, Banadir).")
    place = _place(nlp, geo, text)
    assert place.country == "SOM" and place.admin1 == "Banadir"


def test_road_end_does_not_outrank_the_town_named_as_site(nlp, geo):
    text = ("On 7 May 2021, in Ivirgarzama, Cochabamba, coca growers cut off the Santa Cruz-Cochabamba highway "
            "with tree trunks.")
    place = _place(nlp, geo, text)
    assert place.country == "BOL" and place.admin1 == "Cochabamba"


def test_country_named_road_end_is_not_the_country(nlp, geo):
    text = "On 4 May 2021, truckers slowed traffic to a crawl on the Mexico-Cuernavaca highway over fuel prices."
    g = geo.analyze(nlp(text))
    assert not any(m.kind == "country" for m in g.mentions)
    assert g.focus_country == "MEX"


def test_road_end_sets_no_admin1_context(nlp, geo):
    # Cuernavaca (Morelos), an end of the highway, must not push out Mexico City named as the area
    text = ("On 4 May 2021, in the area of Ciudad de Mexico, truckers slowed traffic to a crawl on the "
            "Mexico-Cuernavaca highway over fuel prices.")
    place = _place(nlp, geo, text)
    assert place.country == "MEX" and place.admin1 == "Distrito Federal"


def test_chain_after_an_unknown_second_word_still_rules(nlp, geo):
    # "Kangara" alone would be read as Kangaba (Mali); "(Karimama, Alibori)" puts it in Benin
    text = ("On 5 September 2022, gunmen on motorbikes stole cattle from herders in Kangara Peulh (Karimama, "
            "Alibori).")
    place = _place(nlp, geo, text)
    assert place.country == "BEN" and place.admin1 == "Alibori"


def test_repeated_name_falls_with_its_chained_mention(nlp, geo):
    # Birayn is a Jordanian town; the chain says Taizz (Yemen), and the later bare repeat is the same place
    text = ("On 6 May 2021, a sniper wounded a boy fetching water near Al Birayn checkpoint (Sabir al Mawadim, "
            "Taizz). Residents said the shooting went on from the hills above Al Birayn.")
    g = geo.analyze(nlp(text))
    assert not any(m.place.country == "JOR" for m in g.mentions)
    place = _place(nlp, geo, text)
    assert place.country == "YEM" and place.admin1 == "Taizz"


def test_company_initials_and_a_sentence_start_are_no_place(nlp, geo):
    # "S.A.L." (a Lebanese company form) read as Sal, Cape Verde, outvoted Sidon
    text = ("On 28 April 2021, angry youths set tyres alight in Sidon City. They smashed the windows of Exemplar Bank "
            "S.A.L. Near the port, the youths pelted an army jeep with stones.")
    g = geo.analyze(nlp(text))
    assert not any(m.place.country == "CPV" for m in g.mentions)
    place = _place(nlp, geo, text)
    assert place.country == "LBN" and place.name == "Sidon"
