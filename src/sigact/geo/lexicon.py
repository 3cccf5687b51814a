"""The words and patterns of toponym detection: locative prepositions, settlement and admin nouns,
Spanish/French/Portuguese cue phrases, words that are never places, and the curated false-positive
rules of ``data/false_positives.yaml`` and the national capitals (both read once per process)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sigact.geo.countries import geonames_capitals
from sigact.geo.gazetteer import ascii_name
from sigact.resources import packaged_yaml_once

LOC_PREPS = {"in", "at", "near", "outside", "around", "inside", "on", "across", "into", "toward", "towards",
              "from", "to", "between", "through", "throughout", "off", "along", "within", "of", "over", "via",
              "and", "or", "nearby", "à", "au", "aux", "dans", "vers", "en"}
SITE_PREPS = {"in", "at", "near", "outside", "around", "inside", "on", "across", "into", "toward", "towards",
               "off", "along", "within", "over", "throughout", "nearby", "à", "au", "aux", "dans", "vers"}
CONNECT = {"al", "el", "ad", "as", "ash", "an", "at", "ar", "az", "de", "del", "da", "do", "dos", "das", "du",
            "la", "le", "les", "of", "bin", "ben", "sur", "en", "von", "van", "upon", "y", "-", "'", "’", "ez", "es",
            "ed", "um", "umm", "abu", "bou",
            "e"}  # Persian ezafe and Portuguese "and": "Kut e Abdollah", "Sao Tome e Principe"
SETTLEMENT_WORDS = r"village|town|city|locality|commune|hamlet|settlement|area|neighbourhood|neighborhood|" \
                    r"district|suburb|camp|municipality|township|market"
# "the Sidon-Tyr highway", "Gao - Ansongo road": the two ends of a road (name, name)
ROAD_END = r"[A-Z][\w'’]+(?: (?:(?:el|al|ad|ar|as|ash|de|del|la|du|des|bin) )?[A-Z][\w'’]+){0,2}"
ROAD_ENDS = re.compile(rf"(?<![\w'’-])({ROAD_END}) ?[-–] ?({ROAD_END})"
                        r"\s+(?i:road|highway|axis|route|motorway|railway|corridor)\b")
ADMIN_WORDS = r"province|state|region|district|governorate|county|department|prefecture|oblast|territory|" \
               r"municipality|division|zone|wilaya|governate|sector|chiefdom|commune|LGA|woreda|sub-county|raion"
# admin and settlement words of Spanish, French and Portuguese cue phrases, and the article/preposition
# chain between the word and the name ("de", "del", "de la", "de l'", "du", "des", "d'", "do", "da")
ROMANCE_ADMIN = frozenset({
    "municipio", "departamento", "provincia", "estado", "distrito", "región", "region", "cantón", "canton",
    "parroquia", "corregimiento", "territoire", "préfecture", "prefecture", "sous-préfecture", "département",
    "province", "région", "cercle", "município", "comarca", "wilaya", "circonscription", "arrondissement"})
ROMANCE_SETTLEMENT = ("vereda", "aldea", "pueblo", "ciudad", "localidad", "comuna", "colonia", "barrio",
                       "caserío", "commune", "ville", "localité", "cité", "quartier", "cidade", "povoado",
                       "comunidade", "bairro", "vila", "comunidad")
ROMANCE_CUE = re.compile(
    r"(?i:\b(?:en|dans|no|na|à|a|de|del|du|do|da)\s+(?:el|la|le|les|l['’]|o|a)?\s*("
    + "|".join(sorted((re.escape(w) for w in ROMANCE_ADMIN | set(ROMANCE_SETTLEMENT)), key=len, reverse=True))
    + r")\s+(?:de\s+la\s+|de\s+l['’]|del\s+|du\s+|des\s+|de\s+|d['’]|do\s+|da\s+|dos\s+|das\s+))"
    r"((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+|de|del|la|las|los|do|da|dos|das|du|des|sur)){0,4})"
)
FACILITY_TAIL = ("air base", "airbase", "airfield", "airport", "base", "military base", "refugee camp", "camp",
                  "border crossing", "crossing", "checkpoint", "dam", "port", "hospital", "prison", "oil field",
                  "power plant", "nuclear plant", "refinery", "bridge")
NOT_PLACE = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "president", "minister", "police", "army", "government", "said", "general", "colonel", "captain", "the",
    "ministry", "state", "military", "forces", "people", "mr", "mrs", "ms", "dr", "reuters", "ap", "afp",
    "islamic", "muslim", "christian", "catholic", "god", "allah", "western", "eastern", "northern", "southern",
    "central", "national", "republic", "democratic", "union", "council", "court", "news", "post", "times",
    "media", "video", "photo", "update", "breaking", "more", "please", "subscribe", "comment", "share",
    "this", "that", "these", "those", "one", "two", "three", "day", "week", "month", "year", "new", "old",
    "north", "south", "east", "west", "city", "town", "village", "province", "region", "district", "county",
    "liberty", "hope", "victory", "independence", "justice", "unity", "progress", "freedom", "peace",
    "security", "defence", "defense", "interior", "health", "education", "coalition", "alliance", "front",
    "movement", "party", "group", "unit", "brigade", "battalion", "division", "corps", "command", "center",
    "centre", "office", "agency", "committee", "commission", "association", "support", "action", "aid",
    "relief", "red", "cross", "crescent", "un", "eu", "nato", "au", "ecowas", "isis", "isil", "is",
    "zone", "mine", "camp", "base", "market", "bridge", "road", "highway", "street", "square", "station",
    "church", "mosque", "school", "university", "hospital", "prison", "airport", "port", "sector", "area",
    "plain", "valley", "mount", "river", "lake", "sea", "gulf", "bay", "island", "islands", "desert",
    # languages and peoples that GeoNames also has as (US) towns; generic heads of Arabic place names
    # that, alone, are the unmatched first word of a longer name ("Wadi Daiqah", "Ayn Laylah")
    "english", "arabic", "arab", "arabs", "swahili", "wadi", "jabal", "jebel", "tell", "tall", "kafr", "ain",
    "ayn", "bir", "deir", "beit", "khirbet", "umm", "nahiyat", "qaryat", "ras", "hay", "sheikh", "park",
    "federal", "capital", "upper", "lower",
}
SETTLEMENT_TITLES = frozenset({"barangay", "sitio", "purok"})  # Philippine: "in Barangay X" is "in X"
# Spanish/Portuguese words that head a neighbourhood's or village's name ("Colonia 3 de Mayo", "Barrio San
# Jose", "Vereda La Esperanza"): followed by a name, the word alone is no place (Colonia, Uruguay)
NAME_HEAD_TITLES = frozenset({"colonia", "barrio", "vereda", "aldea", "caserio", "caserío", "fraccionamiento",
                              "ejido", "corregimiento", "comunidad", "localidad", "poblado", "asentamiento",
                              "bairro", "povoado", "comunidade"})
# Arabic articles written in lower case before a capitalised name ACLED-style ("in el Hermel", "al Nour square")
LOWER_ARTICLES = frozenset({"el", "al"})
SKIP_BEFORE = {"the", "a", "an", "southern", "northern", "eastern", "western", "central", "north", "south",
                "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                "north-western", "south-eastern", "south-western", "nearby", "restive", "occupied", "rural",
                "downtown", "neighbouring", "neighboring", "besieged", "embattled", "coastal", "eastern-most"} | SETTLEMENT_TITLES
# a source line of a GED list ("Agence France Presse, 2017-10-30: headline"): group 1 is the outlet
SOURCE_LINE = re.compile(r"(?m)^([^\n,:]{2,80}?),? \d{4}-\d{2}-\d{2}\b")
ATTACK_VERBS = {"attacked", "raided", "shelled", "stormed", "bombed", "struck", "hit", "captured", "seized",
                 "besieged", "entered", "targeted", "overran", "recaptured", "bombarded", "ambushed", "invaded",
                 "occupied", "surrounded", "looted", "burned", "burnt", "torched", "encircled", "liberated",
                 "retook", "took", "attacking", "raiding", "shelling", "storming", "bombing", "striking",
                 "hitting", "capturing", "targeting", "besieging", "pounded", "pounding",
                 # headline present tense: "Rebels attack N'Djamena", "Liberian rebels shell Monrovia"
                 "attack", "attacks", "raid", "raids", "shell", "shells", "storm", "storms", "bomb", "bombs",
                 "strike", "strikes", "hits", "capture", "captures", "seize", "seizes", "besiege", "besieges",
                 "enter", "enters", "overrun", "overruns", "retake", "retakes", "invade", "invades", "pound", "pounds"}
REPORTING = {"say", "tell", "announce", "report", "claim", "state", "add", "confirm", "deny", "warn", "note",
              "accuse", "blame", "condemn", "insist", "allege", "declare", "explain", "write", "tweet"}
PARENT_GAP = re.compile(
    r"\s*(?:\(\s*[A-Z][^(),\n]{0,30},|,|"
    r"(?:[A-Z][\w'’-]+\s+)?(?:(?:town|village|city|area|sector|locality|neighbou?rhood|district|province|region|county|"
    r"division|checkpoint|camp|market|junction|bridge|crossing|IDP camp)\s+){0,2}\(|"
    r"\[|,?\s*(?:(?:town|village|city)\s+)?(?:in|of)(?:\s+the)?(?:\s+(?:occupied|restive|rural|northern|southern|eastern|western|"
    r"central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"[a-z]+-(?:held|controlled)))?(?:\s+(?:countryside|outskirts|suburbs|province|state|region|district)\s+of)?)\s*"
)
MODIFIED_NOUNS = {"government", "ministry", "officials", "official", "authorities", "forces", "force", "army",
                   "military", "police", "troops", "soldiers", "president", "minister", "embassy", "spokesman",
                   "spokesperson", "navy", "regime", "administration", "media", "state", "leaders", "leader",
                   "envoy", "delegation", "counterpart", "counterparts", "citizens", "nationals", "-based", "based",
                   "backed", "-backed", "allied", "born", "'s",
                   # "since the Gaza war began": a conflict's name, not where the event took place
                   "war", "conflict", "ceasefire", "truce"}


# "Los Angeles cemetery", "Black Sea neighbourhood": the place name names a facility (see _facility_names)
FACILITY_NOUN = re.compile(
    r"\s+(?:cemetery|neighbourhood|neighborhood|street|road|highway|roundabout|avenue|boulevard|bank|hotel|"
    r"restaurant|stadium|company|factory|university|college|school|hospital|mosque|church|cathedral|"
    r"temple|club|court|council|office|embassy|consulate|junction|intersection|bus station|terminal)s?\b")

# international outlets whose names carry a country that says nothing about the event's
WORLD_OUTLETS = re.compile(
    r"Agence France|France ?24|Radio France|\bRFI\b|Voice of America|Russia Today|\bRT\b|Sputnik|Anadolu|"
    r"\bTRT\b|Deutsche Welle|China Daily|CGTN|Xinhua|Al Arabiya|Al Jazeera|Kyodo|BBC|\bCNN\b|New York|"
    r"Washington|\bUS News|American|Africa News|Crisis Group|Human Rights Watch|Amnesty")

# "Houthi-run media", "M23-held town": a group name glued to one of these is still the group
HINT_SUFFIX = r"(?:run|led|backed|held|controlled|linked|allied|aligned|affiliated|dominated|ruled|occupied)"
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
