"""The words and patterns of toponym detection: locative prepositions, settlement and admin nouns,
Spanish/French/Portuguese cue phrases, words that are never places, and the curated false-positive
rules of ``data/false_positives.yaml`` and the national capitals (both read once per process).

The word lists live in ``data/lexicon.yaml`` (read once, when this module is imported); the regex
structure around them (lookarounds, groups) stays here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sigact.errors import ConfigError
from sigact.geo.countries import geonames_capitals
from sigact.geo.gazetteer import ascii_name
from sigact.resources import packaged_yaml_once

_WHAT = "toponym word lists"
# characters a plain word joined into a regex alternation may not hold (the *_patterns lists may)
_REGEX_META = re.compile(r"[\\^$.|?*+()\[\]{}]")


def _words(data: dict[str, Any], key: str, plain: bool = False) -> list[str]:
    """The list of strings under ``key`` of ``data``, in file order; ``plain`` refuses regex
    metacharacters. Raises :class:`ConfigError` when the key is missing or holds anything else."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise ConfigError(f"cannot load the {_WHAT}: {key!r} must be a non-empty list of strings "
                          f"(quote words YAML reads otherwise, such as \"on\" or \"no\")")
    if plain:
        bad = [w for w in value if _REGEX_META.search(w)]
        if bad:
            raise ConfigError(f"cannot load the {_WHAT}: {key!r} holds regex metacharacters: {bad}")
    return list(value)


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The mapping under ``key`` of ``data``. Raises :class:`ConfigError` when it is not one."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise ConfigError(f"cannot load the {_WHAT}: {key!r} must be a mapping of lists")
    return value


def _build_lexicon(data: Any) -> dict[str, Any]:
    """The word lists of ``data/lexicon.yaml``: list name -> list of strings (file order); the two
    ``*_patterns`` sections -> {part: list of regex fragments}. Raises :class:`ConfigError` when
    the file is not a mapping or a list is missing or malformed."""
    if not isinstance(data, dict):
        raise ConfigError(f"cannot load the {_WHAT}: the file must be a mapping of lists")
    plain = ("settlement_words", "admin_words", "road_words", "road_end_articles", "facility_nouns",
             "hint_suffixes")
    lists = ("loc_preps", "site_preps", "connect", "romance_admin", "romance_settlement", "facility_tail",
             "not_place", "settlement_titles", "name_head_titles", "lower_articles", "skip_before",
             "attack_verbs", "reporting", "modified_nouns", "world_outlet_patterns")
    out: dict[str, Any] = {key: _words(data, key, plain=True) for key in plain}
    out.update({key: _words(data, key) for key in lists})
    for section, parts in (("romance_cue_patterns", ("prepositions", "articles", "links", "name_words")),
                           ("parent_gap_patterns", ("nouns", "place_nouns", "modifiers", "parts"))):
        raw = _section(data, section)
        out[section] = {part: _words(raw, part) for part in parts}
    for key, patterns in [("world_outlet_patterns", out["world_outlet_patterns"]),
                          *((f"{s}.{p}", v) for s in ("romance_cue_patterns", "parent_gap_patterns")
                            for p, v in out[s].items())]:
        for pattern in patterns:
            re.compile(pattern)  # a bad fragment is a re.error: ConfigError via packaged_yaml_once
    return out


def _lexicon() -> dict[str, Any]:
    """The word lists of ``data/lexicon.yaml`` (read once per process; see :func:`_build_lexicon`)."""
    return packaged_yaml_once("sigact.geo", "data/lexicon.yaml", _build_lexicon, _WHAT)


_LEX = _lexicon()
_CUE = _LEX["romance_cue_patterns"]
_GAP = _LEX["parent_gap_patterns"]


def _alt(items: list[str]) -> str:
    """``items`` joined into a regex alternation (file order kept)."""
    return "|".join(items)


LOC_PREPS: set[str] = set(_LEX["loc_preps"])
SITE_PREPS: set[str] = set(_LEX["site_preps"])
CONNECT: set[str] = set(_LEX["connect"])
SETTLEMENT_WORDS: str = _alt(_LEX["settlement_words"])
# "the Sidon-Tyr highway", "Gao - Ansongo road": the two ends of a road (name, name)
ROAD_END = rf"[A-Z][\w'’]+(?: (?:(?:{_alt(_LEX['road_end_articles'])}) )?[A-Z][\w'’]+){{0,2}}"
ROAD_ENDS = re.compile(rf"(?<![\w'’-])({ROAD_END}) ?[-–] ?({ROAD_END})"
                        rf"\s+(?i:{_alt(_LEX['road_words'])})\b")
ADMIN_WORDS: str = _alt(_LEX["admin_words"])
# admin and settlement words of Spanish, French and Portuguese cue phrases, and the article/preposition
# chain between the word and the name ("de", "del", "de la", "de l'", "du", "des", "d'", "do", "da")
ROMANCE_ADMIN: frozenset[str] = frozenset(_LEX["romance_admin"])
ROMANCE_SETTLEMENT: tuple[str, ...] = tuple(_LEX["romance_settlement"])
ROMANCE_CUE = re.compile(
    rf"(?i:\b(?:{_alt(_CUE['prepositions'])})\s+(?:{_alt(_CUE['articles'])})?\s*("
    + "|".join(sorted((re.escape(w) for w in ROMANCE_ADMIN | set(ROMANCE_SETTLEMENT)), key=len, reverse=True))
    + rf")\s+(?:{_alt(_CUE['links'])}))"
    rf"((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+|{_alt(_CUE['name_words'])})){{0,4}})"
)
FACILITY_TAIL: tuple[str, ...] = tuple(_LEX["facility_tail"])
NOT_PLACE: set[str] = set(_LEX["not_place"])
SETTLEMENT_TITLES: frozenset[str] = frozenset(_LEX["settlement_titles"])  # Philippine: "in Barangay X" is "in X"
# Spanish/Portuguese words that head a neighbourhood's or village's name ("Colonia 3 de Mayo")
NAME_HEAD_TITLES: frozenset[str] = frozenset(_LEX["name_head_titles"])
# Arabic articles written in lower case before a capitalised name ACLED-style ("in el Hermel")
LOWER_ARTICLES: frozenset[str] = frozenset(_LEX["lower_articles"])
SKIP_BEFORE: set[str] = set(_LEX["skip_before"]) | SETTLEMENT_TITLES
# a source line of a GED list ("Agence France Presse, 2017-10-30: headline"): group 1 is the outlet
SOURCE_LINE = re.compile(r"(?m)^([^\n,:]{2,80}?),? \d{4}-\d{2}-\d{2}\b")
ATTACK_VERBS: set[str] = set(_LEX["attack_verbs"])
REPORTING: set[str] = set(_LEX["reporting"])
PARENT_GAP = re.compile(
    r"\s*(?:\(\s*[A-Z][^(),\n]{0,30},|,|"
    rf"(?:[A-Z][\w'’-]+\s+)?(?:(?:{_alt(_GAP['nouns'])})\s+){{0,2}}\(|"
    rf"\[|,?\s*(?:(?:{_alt(_GAP['place_nouns'])})\s+)?(?:in|of)(?:\s+the)?(?:\s+(?:{_alt(_GAP['modifiers'])}))?"
    rf"(?:\s+(?:{_alt(_GAP['parts'])})\s+of)?)\s*"
)
MODIFIED_NOUNS: set[str] = set(_LEX["modified_nouns"])

# "Los Angeles cemetery", "Black Sea neighbourhood": the place name names a facility (see _facility_names)
FACILITY_NOUN = re.compile(rf"\s+(?:{_alt(_LEX['facility_nouns'])})s?\b")

# international outlets whose names carry a country that says nothing about the event's
WORLD_OUTLETS = re.compile(_alt(_LEX["world_outlet_patterns"]))

# "Houthi-run media", "M23-held town": a group name glued to one of these is still the group
HINT_SUFFIX: str = rf"(?:{_alt(_LEX['hint_suffixes'])})"
GROUP_ADJ = re.compile(rf"(?<![\w'’-])([A-Z][\w'’]*)-(?i:{HINT_SUFFIX})(?![\w'’-])")


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(ISO3, casefolded ASCII capital name) of every country (GeoNames country info)."""
    return frozenset((iso3, ascii_name(name).casefold()) for iso3, name in geonames_capitals().items())


def false_positive_rules() -> tuple[frozenset[str], dict[str, dict[str, Any]]]:
    """(casefolded common words that are never toponyms, ambiguous country names -> rule) from
    ``data/false_positives.yaml`` (read once per process)."""
    return packaged_yaml_once("sigact.geo", "data/false_positives.yaml", _build_false_positive_rules,
                              "place false-positive rules")


def _build_false_positive_rules(data: Any) -> tuple[frozenset[str], dict[str, dict[str, Any]]]:
    words = frozenset(str(w).casefold() for w in (data or {}).get("common_words") or ())
    return words, dict((data or {}).get("ambiguous_countries") or {})
