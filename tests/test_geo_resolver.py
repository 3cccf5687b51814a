"""Tests for toponym detection, disambiguation and the event-location API.

All texts are written for these tests (no dataset text).  They need the
gazetteer (built once into the cache, ~30 s) and the spaCy model: slow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sigact.geo.countries import haversine_km

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "us-strikes-iraq.txt"


def where(nlp, geo, text, start=0, end=None):
    dg = geo.analyze(nlp(text))
    res = dg.place_for(start, len(text) if end is None else end)
    return dg, res


def near(place, lat, lon, km=25.0):
    return place.lat is not None and haversine_km(place.lat, place.lon, lat, lon) <= km


def test_default_is_a_singleton():
    from sigact.geo import GeoResolver

    assert GeoResolver.default() is GeoResolver.default()


def test_worked_example_airbase_and_red_sea(nlp, geo):
    text = EXAMPLE.read_text(encoding="utf-8")
    dg = geo.analyze(nlp(text))
    assert dg.focus_country == "IRQ"
    i = text.index("On Saturday")
    j = text.index("\n", i)
    place, ev = dg.place_for(i, j)
    assert place.precision == "site" and place.country == "IRQ" and place.admin1 == "Al Anbar"
    assert near(place, 33.80, 42.44)
    assert ev is not None and text[ev.start:ev.end] == ev.text and "Asad" in ev.text
    # strikes against the Houthis "in an attempt to stop the rebel group targeting shipping in the
    # southern Red Sea": Yemen (the group's country), not the US or UK, and not the sea
    i = text.index("On Monday, the US and the UK")
    j = text.index("\n", i)
    assert dg.country_near(i, j) == "YEM"
    place, ev = dg.place_for(i, j)
    assert place.country == "YEM" and place.name == "Yemen" and place.precision == "country"
    assert ev is not None and ev.text == "Houthis"
    # boilerplate after the article falls back to the focus country, without evidence
    k = text.index("Please reload")
    place, ev = dg.place_for(k, k + 10)
    assert place.country == "IRQ" and place.precision == "country" and ev is None


def test_offsets_index_the_text(nlp, geo):
    text = "Gunmen attacked a church in Kaduna, Nigeria on Sunday."
    dg = geo.analyze(nlp(text))
    assert dg.mentions
    for m in dg.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "text,lat,lon,iso3",
    [
        ("Clashes broke out in Tripoli between militias, Libyan officials said.", 32.89, 13.19, "LBY"),
        ("A convoy left Beirut for Tripoli to protest rising prices.", 34.43, 35.84, "LBN"),
        ("Thousands marched in Paris against the reform, French unions said.", 48.85, 2.35, "FRA"),
        ("A shooting in Paris, Texas left two dead, Lamar County officials said.", 33.66, -95.56, "USA"),
        ("Costa Rican teachers protested in San Jose against budget cuts.", 9.93, -84.08, "CRI"),
        ("Police in San Jose, California arrested two men.", 37.34, -121.89, "USA"),
        ("Gunmen attacked a market in Kano, Nigeria.", 12.00, 8.52, "NGA"),
        ("Syrian army shelling hit villages near Hama.", 35.13, 36.76, "SYR"),
        ("Police in Tbilisi, Georgia dispersed protesters.", 41.69, 44.83, "GEO"),
        ("A gunman opened fire in Winder, Georgia, the sheriff said.", 33.99, -83.72, "USA"),
    ],
)
def test_ambiguous_names_resolved_by_context(nlp, geo, text, lat, lon, iso3):
    _, res = where(nlp, geo, text)
    place, _ = res
    assert place.country == iso3
    assert near(place, lat, lon), place


def test_town_admin1_pattern(nlp, geo):
    _, (place, ev) = where(nlp, geo, "On 3 May 2021, gunmen killed two farmers in Gwoza, Borno.")
    assert place.country == "NGA" and place.admin1 == "Borno" and place.precision == "town"
    assert ev.text == "Gwoza"


def test_parenthetical_village_admin2_admin1(nlp, geo):
    _, (place, _) = where(nlp, geo, "Suspected ADF rebels killed 12 civilians in Pamoli village (Beni, Nord-Kivu).")
    assert place.country == "COD" and place.admin1 == "Nord-Kivu"
    assert near(place, 0.49, 29.47)


def test_province_cue_prefers_admin1(nlp, geo):
    _, (place, _) = where(nlp, geo, "Security forces fought militants in Helmand province, officials said.")
    assert place.country == "AFG" and place.precision == "admin1" and place.admin1 == "Helmand"


def test_village_of_cue(nlp, geo):
    _, (place, ev) = where(nlp, geo, "Troops entered the village of Gwoza after heavy fighting in Borno.")
    assert place.country == "NGA" and ev.text == "Gwoza"


def test_town_in_admin1_wins_over_admin1(nlp, geo):
    _, (place, ev) = where(nlp, geo, "Israeli forces raided Jenin in the occupied West Bank overnight.")
    assert place.country == "PSE" and ev.text == "Jenin" and place.precision == "town"


def test_site_after_preposition_beats_speaker_place(nlp, geo):
    text = "The ministry in Baghdad said militants attacked a checkpoint in Tarmiyah."
    _, (place, ev) = where(nlp, geo, text)
    assert ev.text == "Tarmiyah" and place.country == "IRQ"


def test_demonym_gives_country_evidence_not_a_place(nlp, geo):
    text = "Somali pirates hijacked a cargo ship in the Gulf of Aden."
    dg, (place, ev) = where(nlp, geo, text)
    assert ev.text == "Gulf of Aden" and place.country == "SOM"
    assert all(m.text != "Somali" for m in dg.mentions)
    dg, res = where(nlp, geo, "Congolese soldiers clashed with rebels on Tuesday.")
    assert dg.focus_country == "COD"
    assert res[0].precision == "country" and res[0].country == "COD"


def test_place_never_lands_in_unsupported_country(nlp, geo):
    # "Samar" alone would match Samara (Russia); nothing in the text points there
    text = "NPA guerrillas ambushed an army patrol in Barangay Magdawat, Samar."
    dg, res = where(nlp, geo, text)
    assert all(m.place.country != "RUS" for m in dg.mentions)


def test_dateline(nlp, geo):
    text = "MOGADISHU, Somalia (AP) — A suicide bomber killed eight people at a restaurant on Friday."
    _, (place, ev) = where(nlp, geo, text)
    assert place.country == "SOM" and near(place, 2.04, 45.34)


def test_paragraph_fallback_and_country_near(nlp, geo):
    text = ("Fighting erupted in Goma, North Kivu on Monday.\n"
            "Soldiers later fired on the crowd, witnesses said.\n")
    dg = geo.analyze(nlp(text))
    i = text.index("Soldiers")
    # no place in the second paragraph: the focus country, at country precision
    place, ev = dg.place_for(i, len(text))
    assert place.country == "COD"
    assert dg.country_near(i, len(text)) == "COD"
    place, ev = dg.place_for(0, i)
    assert ev.text == "Goma" and near(place, -1.68, 29.22)


def test_curated_places(nlp, geo):
    for text, lat, lon in [
        ("Aid trucks queued at the Rafah crossing on Monday.", 31.25, 34.26),
        ("A drone struck Tower 22 in Jordan, killing three soldiers.", 33.32, 38.69),
        ("RSF fighters shelled Zamzam camp on Sunday.", 13.50, 25.28),
        ("A rocket landed near Bagram airbase.", 34.95, 69.27),
    ]:
        _, (place, _) = where(nlp, geo, text)
        assert place.precision == "site" and near(place, lat, lon), (text, place)


def test_empty_and_placeless_text(nlp, geo):
    dg = geo.analyze(nlp(""))
    assert dg.mentions == [] and dg.focus_country is None and dg.place_for(0, 0) is None
    dg = geo.analyze(nlp("The committee met on Tuesday and adjourned."))
    assert dg.place_for(0, 20) is None and dg.country_near(0, 20) is None


def test_long_article_is_fast(nlp, geo):
    import time

    text = ("Militants attacked a checkpoint in Tarmiyah, Iraqi officials said. "
            "Rockets later hit Ain al-Asad airbase in Anbar province.\n") * 60
    doc = nlp(text)
    t = time.perf_counter()
    dg = geo.analyze(doc)
    for s in doc.sents:
        dg.place_for(s.start_char, s.end_char)
        dg.country_near(s.start_char, s.end_char)
    assert time.perf_counter() - t < 3.0
    assert len(dg.mentions) >= 120


def test_point_prior_from_hint(nlp, geo):
    # Five Ukrainian places are called Vesele (the biggest in Zaporizhia); the OSCE SMM hint
    # puts the Donbas first.
    text = "The OSCE SMM recorded 12 explosions near Vesele."
    _, res = where(nlp, geo, text)
    place, _ = res
    assert place.country == "UKR"
    assert place.admin1 == "Donetsk" and haversine_km(place.lat, place.lon, 48.2, 38.4) < 250


def test_headline_lines_outlet_is_no_place_and_weak_towns_need_context(nlp, geo):
    text = ("Agence France Presse, 2021-05-01: Rebels attack army post in C. Africa\n"
            "Corbeau News, 2021-05-02: RCA : Bria, trois rebelles tués par l'armée\n")
    dg = geo.analyze(nlp(text))
    assert dg.focus_country == "CAF"
    assert all(m.place.country != "FRA" for m in dg.mentions)  # "Agence France Presse" is an outlet
    assert any(m.text == "Bria" and m.place.country == "CAF" for m in dg.mentions)


def test_border_with_country_is_orientation_not_location(nlp, geo):
    text = "Militants burned homes near the border with Nigeria, Cameroonian officials said."
    dg, (place, _) = where(nlp, geo, text)
    assert dg.focus_country == "CMR" and place.country == "CMR"


def test_title_case_headline_words_are_not_towns(nlp, geo):
    text = "Bakhtar News Agency, 2020-07-11: Six Anti-Government Militias Kill During Clashes In Helmand"
    dg = geo.analyze(nlp(text))
    assert {m.place.country for m in dg.mentions} <= {"AFG"}
    place, _ = dg.place_for(0, len(text))
    assert place.country == "AFG"
    _, (place, _) = where(nlp, geo, "Reuters 2012-12-19 Rebels seize CAR town, push closer to capital")
    assert place.country == "CAF"


def test_french_headline_cues(nlp, geo):
    text = "Corbeau News, 2022-05-01: Centrafrique : attaque des rebelles près de Kaga-Bandoro"
    _, (place, ev) = where(nlp, geo, text)
    assert place.country == "CAF" and ev is not None and ev.text == "Kaga-Bandoro"


def test_works_without_parser_or_ner(geo):
    import spacy

    blank = spacy.blank("en")
    text = "Gunmen attacked a market in Kano, Nigeria on Friday. Police in Abuja said."
    dg = geo.analyze(blank(text))
    place, ev = dg.place_for(0, text.index("."))
    assert place.country == "NGA" and ev.text == "Kano"


def test_news_article_events_get_their_own_places(nlp, geo):
    text = ("KHARTOUM, Sudan (Wire) — Paramilitary fighters shelled a market in El Fasher on Sunday, "
            "killing 12 people, the army said in a statement from Port Sudan.\n"
            "Separately, drones struck the airport in Kassala, witnesses told reporters.\n"
            "The United Nations called on both sides to protect civilians.\n")
    dg = geo.analyze(nlp(text))
    assert dg.focus_country == "SDN"
    s1 = text.index("Paramilitary"), text.index("\n")
    place, ev = dg.place_for(*s1)
    assert ev.text == "El Fasher" and near(place, 13.63, 25.35)
    s2 = text.index("Separately"), text.index("reporters.")
    place, ev = dg.place_for(*s2)
    assert "Kassala" in ev.text and near(place, 15.45, 36.40)
    s3 = text.index("The United Nations"), len(text)
    place, _ = dg.place_for(*s3)
    assert place.country == "SDN"
    assert dg.country_near(*s3) == "SDN"


def test_place_nested_in_organisation_name(nlp, geo):
    text = "The Kano State Police Command said gunmen attacked a village in Kaduna on Monday."
    dg, (place, ev) = where(nlp, geo, text)
    assert ev.text == "Kaduna" and place.country == "NGA"
    # an organisation's place still tells the country when nothing else does
    dg = geo.analyze(nlp("The Borno State Government condemned the attack on Tuesday."))
    assert dg.focus_country == "NGA"


def test_parenthesised_admin_chain_prefers_state_over_country(nlp, geo):
    # In "(Rafi LGA, Niger)" Niger is the Nigerian state (LGA is a Nigerian unit), not the Republic of Niger.
    text = "On 6 May 2020, gunmen abducted four people near Kagara (Rafi LGA, Niger)."
    dg, (place, _) = where(nlp, geo, text)
    assert place.country == "NGA" and dg.focus_country == "NGA"
