"""Tests for sigact.geo.countries (offline country lookup)."""

import pytest

from sigact.geo.countries import (
    all_countries,
    country_name,
    demonym_to_iso3,
    haversine_km,
    iso2_to_iso3,
    to_iso2,
    to_iso3,
)


@pytest.mark.parametrize(
    "name,iso3",
    [
        ("Democratic Republic of Congo", "COD"),
        ("DR Congo (Zaire)", "COD"),
        ("Congo, The Democratic Republic of the", "COD"),
        ("DRC", "COD"),
        ("Yemen (North Yemen)", "YEM"),
        ("Russia (Soviet Union)", "RUS"),
        ("Russian Federation", "RUS"),
        ("Myanmar (Burma)", "MMR"),
        ("Burma", "MMR"),
        ("Serbia (Yugoslavia)", "SRB"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Macedonia, FYR", "MKD"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("cote d'ivoire", "CIV"),
        ("Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("Cambodia (Kampuchea)", "KHM"),
        ("eSwatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("United States", "USA"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("UK", "GBR"),
        ("iraq", "IRQ"),
        ("IQ", "IRQ"),
        ("IRQ", "IRQ"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Syrian Arab Republic", "SYR"),
        ("Central African Republic", "CAF"),
        ("Some Made-up Land (Atlantis)", None),
        ("", None),
        (None, None),
    ],
)
def test_to_iso3(name, iso3):
    assert to_iso3(name) == iso3


@pytest.mark.parametrize(
    "word,iso3",
    [
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("Yemeni", "YEM"),
        ("Burkinabe", "BFA"),
        ("Burkinabé", "BFA"),
        ("Congolese", "COD"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Afghan", "AFG"),
        ("Emirati", "ARE"),
        ("American", "USA"),
        ("British", "GBR"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Ivorian", "CIV"),
        ("Kosovar", "XKX"),
        ("Somali", "SOM"),
        ("Table", None),
    ],
)
def test_demonyms(word, iso3):
    assert demonym_to_iso3(word) == iso3


def test_every_country_has_a_demonym_or_is_uninhabited():
    uninhabited = {"ATF", "BVT", "HMD", "SGS", "SJM", "UMI"}
    from sigact.geo.countries import country_demonyms

    missing = [c for c in all_countries() if not country_demonyms(c) and c not in uninhabited]
    assert missing == []


@pytest.mark.parametrize(
    "iso3,name",
    [
        ("COD", "Democratic Republic of Congo"),
        ("USA", "United States"),
        ("CIV", "Ivory Coast"),
        ("PSE", "Palestine"),
        ("RUS", "Russia"),
        ("SYR", "Syria"),
        ("IRN", "Iran"),
        ("XKX", "Kosovo"),
        ("xxx", None),
    ],
)
def test_country_name(iso3, name):
    assert country_name(iso3) == name


def test_names_round_trip():
    # Every ACLED-style name maps back to its own code.
    for iso3 in all_countries():
        assert to_iso3(country_name(iso3)) == iso3, iso3


def test_iso2():
    assert to_iso2("Kosovo") == "XK"
    assert iso2_to_iso3("xk") == "XKX"
    assert iso2_to_iso3("CD") == "COD"


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    # Baghdad -> Erbil is about 320 km.
    d = haversine_km(33.3152, 44.3661, 36.1911, 44.0092)
    assert 310 < d < 330
    # One degree of latitude is about 111 km.
    assert abs(haversine_km(10, 20, 11, 20) - 111.2) < 0.5
