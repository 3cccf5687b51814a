"""The toponym word lists of ``sigact/geo/data/lexicon.yaml``: they load, build the module's public
names with their types, and a malformed file is a ConfigError."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from sigact.errors import ConfigError
from sigact.geo import lexicon
from sigact.resources import packaged_yaml_once


def _packaged_data() -> dict:
    return yaml.safe_load(resources.files("sigact.geo").joinpath("data/lexicon.yaml").read_text("utf-8"))


def test_packaged_file_loads_into_the_public_names() -> None:
    built = lexicon._build_lexicon(_packaged_data())
    assert set(built["loc_preps"]) == lexicon.LOC_PREPS
    # words YAML 1.1 would read as booleans stay words
    assert {"on", "off"} <= lexicon.LOC_PREPS and {"on", "off"} <= lexicon.SITE_PREPS
    assert "no" in built["romance_cue_patterns"]["prepositions"]
    assert {"y", "-", "'", "’", "e"} <= lexicon.CONNECT
    assert lexicon.SITE_PREPS < lexicon.LOC_PREPS
    assert {"barangay", "the", "restive"} <= lexicon.SKIP_BEFORE  # settlement titles are added
    assert "'s" in lexicon.MODIFIED_NOUNS and "january" in lexicon.NOT_PLACE


def test_public_names_keep_their_types() -> None:
    for name in ("LOC_PREPS", "SITE_PREPS", "CONNECT", "NOT_PLACE", "SKIP_BEFORE", "ATTACK_VERBS",
                 "REPORTING", "MODIFIED_NOUNS"):
        assert type(getattr(lexicon, name)) is set, name
    for name in ("ROMANCE_ADMIN", "SETTLEMENT_TITLES", "NAME_HEAD_TITLES", "LOWER_ARTICLES"):
        assert type(getattr(lexicon, name)) is frozenset, name
    assert type(lexicon.ROMANCE_SETTLEMENT) is tuple and type(lexicon.FACILITY_TAIL) is tuple
    assert lexicon.FACILITY_TAIL[:2] == ("air base", "airbase")  # file order kept
    for name in ("SETTLEMENT_WORDS", "ADMIN_WORDS", "HINT_SUFFIX", "ROAD_END"):
        assert isinstance(getattr(lexicon, name), str), name
    for name in ("ROAD_ENDS", "ROMANCE_CUE", "SOURCE_LINE", "PARENT_GAP", "FACILITY_NOUN", "WORLD_OUTLETS",
                 "GROUP_ADJ"):
        assert isinstance(getattr(lexicon, name), re.Pattern), name


def test_regexes_built_from_the_lists_match_what_they_describe() -> None:
    assert lexicon.ADMIN_WORDS.split("|")[:3] == ["province", "state", "region"]
    assert re.fullmatch(rf"(?:{lexicon.SETTLEMENT_WORDS})", "neighbourhood")
    m = lexicon.ROAD_ENDS.search("fighting on the Gao - Ansongo road")
    assert m and m.groups() == ("Gao", "Ansongo")
    m = lexicon.ROMANCE_CUE.search("un ataque en el departamento de Norte de Santander")
    assert m and m.group(1) == "departamento" and m.group(2) == "Norte de Santander"
    m = lexicon.ROMANCE_CUE.search("des tirs dans la préfecture de l'Ouham")
    assert m and m.group(1) == "préfecture" and m.group(2) == "Ouham"
    assert lexicon.PARENT_GAP.match(", a town in the rebel-held north-eastern district of")
    assert lexicon.FACILITY_NOUN.match(" bus stations near")
    assert lexicon.WORLD_OUTLETS.search("Voice of America, 2019-03-02: headline")
    assert not lexicon.WORLD_OUTLETS.search("PRTV reported")  # \bRT\b keeps its word boundaries
    m = lexicon.GROUP_ADJ.search("in a Houthi-run prison")
    assert m and m.group(1) == "Houthi"


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("not_place"), "'not_place'"),
    (lambda d: d.update(loc_preps=["in", True]), "quote words"),  # an unquoted `on` reads as True
    (lambda d: d.update(reporting="say"), "'reporting'"),
    (lambda d: d.update(admin_words=["province", "state|region"]), "regex metacharacters"),
    (lambda d: d.update(parent_gap_patterns=["town"]), "'parent_gap_patterns'"),
    (lambda d: d["romance_cue_patterns"].pop("links"), "'links'"),
])
def test_malformed_lists_are_config_errors(mutate, message: str) -> None:
    data = _packaged_data()
    mutate(data)
    with pytest.raises(ConfigError, match=re.escape(message)):
        lexicon._build_lexicon(data)


def test_non_mapping_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="mapping"):
        lexicon._build_lexicon(["in", "at"])


@pytest.mark.parametrize("text, message", [
    ("loc_preps: [in, at\nsite_preps: [in]\n", "cannot load the toponym word lists"),  # YAML syntax
    (None, r"unterminated|missing \)|cannot load"),  # a bad regex fragment
])
def test_malformed_packaged_file_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   text: str | None, message: str) -> None:
    package = tmp_path / "fake_geo_lexicon_pkg"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    if text is None:
        data = _packaged_data()
        data["world_outlet_patterns"].append("Agence (France")
        text = yaml.safe_dump(data, allow_unicode=True)
    (package / "data" / "lexicon.yaml").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(ConfigError, match=message):
            packaged_yaml_once("fake_geo_lexicon_pkg", "data/lexicon.yaml", lexicon._build_lexicon,
                               "toponym word lists")
    finally:
        sys.modules.pop("fake_geo_lexicon_pkg", None)
