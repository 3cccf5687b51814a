"""Toponym detection and resolution for one article, and the event-location API.

:class:`GeoResolver` turns a spaCy ``Doc`` into a :class:`DocGeo`: every
resolved toponym with its character offsets, the article's focus country, and
``place_for``/``country_near`` that the event extractor calls per clause.

Detection: spaCy GPE/LOC/FAC entities, gazetteer matching of capitalised
n-grams (the small model tags many towns ORG or PERSON), cue patterns ("the
village of X", "X province", "in X, Y", "X village (Y, Z)"), demonyms and
country hints ("Houthis" -> Yemen) as country evidence.

Disambiguation scores each candidate with population, feature kind, the
article's country evidence, an enclosing admin1/country named next to the
mention, and distance to the other places named; a candidate in a country
the text does not support is kept only when it is big and unambiguous.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from sigact.geo.countries import demonym_to_iso3, geonames_capitals, haversine_km
from sigact.geo.chains import admin1_abbreviations
from sigact.geo.docgeo import DATELINE_TAIL, DocGeo, PlaceMention, cue_country, event_adjuncts, stray_place
from sigact.geo.build import skeleton_key
from sigact.geo.gazetteer import Candidate, Gazetteer, ascii_name
from sigact.model import Place
from sigact.resources import packaged_yaml_once
from sigact.scale import fastpath

__all__ = ["GeoResolver", "DocGeo", "PlaceMention"]

_LOC_PREPS = {"in", "at", "near", "outside", "around", "inside", "on", "across", "into", "toward", "towards",
              "from", "to", "between", "through", "throughout", "off", "along", "within", "of", "over", "via",
              "and", "or", "nearby", "à", "au", "aux", "dans", "vers", "en"}
_SITE_PREPS = {"in", "at", "near", "outside", "around", "inside", "on", "across", "into", "toward", "towards",
               "off", "along", "within", "over", "throughout", "nearby", "à", "au", "aux", "dans", "vers"}
_CONNECT = {"al", "el", "ad", "as", "ash", "an", "at", "ar", "az", "de", "del", "da", "do", "dos", "das", "du",
            "la", "le", "les", "of", "bin", "ben", "sur", "en", "von", "van", "upon", "y", "-", "'", "’", "ez", "es",
            "ed", "um", "umm", "abu", "bou"}
_SETTLEMENT_WORDS = r"village|town|city|locality|commune|hamlet|settlement|area|neighbourhood|neighborhood|" \
                    r"district|suburb|camp|municipality|township|market"
# "the Sidon-Tyr highway", "Gao - Ansongo road": the two ends of a road (name, name)
_ROAD_END = r"[A-Z][\w'’]+(?: (?:(?:el|al|ad|ar|as|ash|de|del|la|du|des|bin) )?[A-Z][\w'’]+){0,2}"
_ROAD_ENDS = re.compile(rf"(?<![\w'’-])({_ROAD_END}) ?[-–] ?({_ROAD_END})"
                        r"\s+(?i:road|highway|axis|route|motorway|railway|corridor)\b")
_ADMIN_WORDS = r"province|state|region|district|governorate|county|department|prefecture|oblast|territory|" \
               r"municipality|division|zone|wilaya|governate|sector|chiefdom|commune|LGA|woreda|sub-county|raion"
# admin and settlement words of Spanish, French and Portuguese cue phrases, and the article/preposition
# chain between the word and the name ("de", "del", "de la", "de l'", "du", "des", "d'", "do", "da")
_ROMANCE_ADMIN = frozenset({
    "municipio", "departamento", "provincia", "estado", "distrito", "región", "region", "cantón", "canton",
    "parroquia", "corregimiento", "territoire", "préfecture", "prefecture", "sous-préfecture", "département",
    "province", "région", "cercle", "município", "comarca", "wilaya", "circonscription", "arrondissement"})
_ROMANCE_SETTLEMENT = ("vereda", "aldea", "pueblo", "ciudad", "localidad", "comuna", "colonia", "barrio",
                       "caserío", "commune", "ville", "localité", "cité", "quartier", "cidade", "povoado",
                       "comunidade", "bairro", "vila", "comunidad")
_ROMANCE_CUE = re.compile(
    r"(?i:\b(?:en|dans|no|na|à|a|de|del|du|do|da)\s+(?:el|la|le|les|l['’]|o|a)?\s*("
    + "|".join(sorted((re.escape(w) for w in _ROMANCE_ADMIN | set(_ROMANCE_SETTLEMENT)), key=len, reverse=True))
    + r")\s+(?:de\s+la\s+|de\s+l['’]|del\s+|du\s+|des\s+|de\s+|d['’]|do\s+|da\s+|dos\s+|das\s+))"
    r"((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+|de|del|la|las|los|do|da|dos|das|du|des|sur)){0,4})"
)
_FACILITY_TAIL = ("air base", "airbase", "airfield", "airport", "base", "military base", "refugee camp", "camp",
                  "border crossing", "crossing", "checkpoint", "dam", "port", "hospital", "prison", "oil field",
                  "power plant", "nuclear plant", "refinery", "bridge")
_NOT_PLACE = {
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
_SETTLEMENT_TITLES = frozenset({"barangay", "sitio", "purok"})  # Philippine: "in Barangay X" is "in X"
_SKIP_BEFORE = {"the", "a", "an", "southern", "northern", "eastern", "western", "central", "north", "south",
                "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                "north-western", "south-eastern", "south-western", "nearby", "restive", "occupied", "rural",
                "downtown", "neighbouring", "neighboring", "besieged", "embattled", "coastal", "eastern-most"} | _SETTLEMENT_TITLES
# a source line of a GED list ("Agence France Presse, 2017-10-30: headline"): group 1 is the outlet
_SOURCE_LINE = re.compile(r"(?m)^([^\n,:]{2,80}?),? \d{4}-\d{2}-\d{2}\b")
_ATTACK_VERBS = {"attacked", "raided", "shelled", "stormed", "bombed", "struck", "hit", "captured", "seized",
                 "besieged", "entered", "targeted", "overran", "recaptured", "bombarded", "ambushed", "invaded",
                 "occupied", "surrounded", "looted", "burned", "burnt", "torched", "encircled", "liberated",
                 "retook", "took", "attacking", "raiding", "shelling", "storming", "bombing", "striking",
                 "hitting", "capturing", "targeting", "besieging", "pounded", "pounding",
                 # headline present tense: "Rebels attack N'Djamena", "Liberian rebels shell Monrovia"
                 "attack", "attacks", "raid", "raids", "shell", "shells", "storm", "storms", "bomb", "bombs",
                 "strike", "strikes", "hits", "capture", "captures", "seize", "seizes", "besiege", "besieges",
                 "enter", "enters", "overrun", "overruns", "retake", "retakes", "invade", "invades", "pound", "pounds"}
_REPORTING = {"say", "tell", "announce", "report", "claim", "state", "add", "confirm", "deny", "warn", "note",
              "accuse", "blame", "condemn", "insist", "allege", "declare", "explain", "write", "tweet"}
_PARENT_GAP = re.compile(
    r"\s*(?:\(\s*[A-Z][^(),\n]{0,30},|,|"
    r"(?:[A-Z][\w'’-]+\s+)?(?:(?:town|village|city|area|sector|locality|neighbou?rhood|district|province|region|county|"
    r"division|checkpoint|camp|market|junction|bridge|crossing|IDP camp)\s+){0,2}\(|"
    r"\[|,?\s*(?:(?:town|village|city)\s+)?(?:in|of)(?:\s+the)?(?:\s+(?:occupied|restive|rural|northern|southern|eastern|western|"
    r"central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"[a-z]+-(?:held|controlled)))?(?:\s+(?:countryside|outskirts|suburbs|province|state|region|district)\s+of)?)\s*"
)
_MODIFIED_NOUNS = {"government", "ministry", "officials", "official", "authorities", "forces", "force", "army",
                   "military", "police", "troops", "soldiers", "president", "minister", "embassy", "spokesman",
                   "spokesperson", "navy", "regime", "administration", "media", "state", "leaders", "leader",
                   "envoy", "delegation", "counterpart", "counterparts", "citizens", "nationals", "-based", "based",
                   "backed", "-backed", "allied", "born", "'s",
                   # "since the Gaza war began": a conflict's name, not where the event took place
                   "war", "conflict", "ceasefire", "truce"}


# "Los Angeles cemetery", "Black Sea neighbourhood": the place name names a facility (see _facility_names)
_FACILITY_NOUN = re.compile(
    r"\s+(?:cemetery|neighbourhood|neighborhood|street|road|highway|roundabout|avenue|boulevard|bank|hotel|"
    r"restaurant|stadium|company|factory|university|college|school|hospital|mosque|church|cathedral|"
    r"temple|club|court|council|office|embassy|consulate|junction|intersection|bus station|terminal)s?\b")

# international outlets whose names carry a country that says nothing about the event's
_WORLD_OUTLETS = re.compile(
    r"Agence France|France ?24|Radio France|\bRFI\b|Voice of America|Russia Today|\bRT\b|Sputnik|Anadolu|"
    r"\bTRT\b|Deutsche Welle|China Daily|CGTN|Xinhua|Al Arabiya|Al Jazeera|Kyodo|BBC|\bCNN\b|New York|"
    r"Washington|\bUS News|American|Africa News|Crisis Group|Human Rights Watch|Amnesty")

# "Houthi-run media", "M23-held town": a group name glued to one of these is still the group
_HINT_SUFFIX = r"(?:run|led|backed|held|controlled|linked|allied|aligned|affiliated|dominated|ruled|occupied)"
_GROUP_ADJ = re.compile(rf"(?<![\w'’-])([A-Z][\w'’]*)-(?i:{_HINT_SUFFIX})(?![\w'’-])")


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO3, casefolded ASCII capital name) of every country (GeoNames country info)."""
    return frozenset((iso3, ascii_name(name).casefold()) for iso3, name in geonames_capitals().items())


def _named_capital(sp: "_Span", c: Candidate) -> bool:
    """True when ``c`` (the best candidate of ``sp``) is a national capital, named outright ("in Doha",
    a recognised entity) and clearly ahead of its namesakes abroad: talks, signings and strikes do happen
    outside the article's country, and such a name is no false hit."""
    return c.kind == "city" and c.quality == 0 and c.population >= 100_000 and bool(c.country) and \
        (sp.site or sp.source == "ent") and sp.margin > 0.5 and \
        (c.country, ascii_name(c.name).casefold()) in _capitals()


def _stray_namesakes(text: str, spans: list["_Span"], weights: dict[str, float]) -> dict[int, "_Span"]:
    """Spans (by ``id``) resolved to a weak namesake abroad: a town or district matched only through an
    alternate name, or a small one (under 100,000 people, no capital), in a country that nothing else
    in the text supports (no country name, demonym, group, or place of another name), while another
    country has clear support (weight 1.0 or more, or any when the words before the name point to it).  Such a match ("Shama" -> Shama Junction, Ghana, in
    an article about Lebanon) is a village the gazetteer lacks, not a place abroad."""
    own_by_name: dict[tuple[str, str], float] = defaultdict(float)
    for sp in spans:
        if sp.own_iso:
            own_by_name[(ascii_name(sp.text).casefold(), sp.own_iso)] += sp.own_weight
    out: dict[int, _Span] = {}
    for sp in spans:
        c = sp.best
        if c is None or not c.country or c.kind not in ("city", "admin2") or sp.role != "place" or _named_capital(sp, c):
            continue
        if sp.parents or sp.is_parent or sp.paren_tail or sp.parent_mismatch or sp.outside_ctx:
            continue  # an admin chain ("Winder, Georgia"; "Pamoli (Beni, Nord-Kivu)") decides on its own
        if c.quality == 0 and c.kind == "city" and c.population >= 100_000:
            continue
        same = own_by_name.get((ascii_name(sp.text).casefold(), c.country), 0.0)
        if weights.get(c.country, 0.0) - same > 1e-6:
            continue
        rest = {iso: w - own_by_name.get((ascii_name(sp.text).casefold(), iso), 0.0) for iso, w in weights.items()
                if iso != c.country}
        cue_iso, _side = cue_country(text, sp.start)  # "the Lebanese village of Shama"
        if rest and (max(rest.values()) >= 1.0 or (cue_iso and cue_iso != c.country and rest.get(cue_iso, 0.0) > 0)):
            out[id(sp)] = sp
    return out


def _false_positive_rules() -> tuple[frozenset[str], dict[str, dict[str, Any]]]:
    """(casefolded common words that are never toponyms, ambiguous country names -> rule) from
    ``data/false_positives.yaml`` (read once per process)."""
    return packaged_yaml_once("sigact.geo", "data/false_positives.yaml", _build_false_positive_rules,
                              "place false-positive rules")


def _build_false_positive_rules(data: Any) -> tuple[frozenset[str], dict[str, dict[str, Any]]]:
    words = frozenset(str(w).casefold() for w in (data or {}).get("common_words") or ())
    return words, dict((data or {}).get("ambiguous_countries") or {})


@lru_cache(maxsize=1)
def _group_words() -> frozenset[str]:
    """Casefolded names and consonant skeletons of the armed groups and organisations of
    ``data/country_hints.yaml`` that are no place themselves ("Hamas", "Houthis", "al-Shabaab")."""
    out: set[str] = set()
    for _pat, _iso, point, word in _country_hints():
        if point is not None or not re.search(r"[a-z]", word):  # regions ("Karabakh"), acronyms ("NAF")
            continue
        out.add(ascii_name(word).casefold())
        sk = skeleton_key(word)
        if sk and len(word) >= 5:
            out.add(sk)
    return frozenset(out)


@lru_cache(maxsize=20_000)
def _is_group_name(text: str) -> bool:
    """True when ``text`` ("Hamas", "Houthis", "Hammas") is an armed group's name or a near spelling of it."""
    t = ascii_name(text.strip()).casefold()
    t = re.sub(r"(?:'s|’s)$", "", t)
    words = _group_words()
    if t in words or (t.endswith("s") and t[:-1] in words):
        return True
    sk = skeleton_key(text) if len(t) >= 5 else None
    return bool(sk) and sk in words


class _LazyPattern:
    """A regex compiled on its first ``finditer`` (a process meets few of the hint words, and
    compiling all of them costs a noticeable part of the start-up)."""

    __slots__ = ("source", "_pat")

    def __init__(self, source: str):
        self.source = source
        self._pat: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Returns ``re.compile(source).finditer(text)``."""
        if self._pat is None:
            self._pat = re.compile(self.source)
        return self._pat.finditer(text)


@lru_cache(maxsize=1)
def _country_hints() -> tuple[tuple[_LazyPattern, str, tuple[float, float] | None, str], ...]:
    """(pattern, ISO3, optional (lat, lon) prior, the literal word) for each entry of ``data/country_hints.yaml``.

    The pattern matches only where the (case-sensitive) word occurs, so callers test ``word in text``
    first: most patterns are then never run (their leading look-behinds make a scan slow)."""
    import yaml

    data = yaml.safe_load(resources.files("sigact.geo").joinpath("data/country_hints.yaml").read_text("utf-8"))
    out = []
    for word, val in sorted((data or {}).items(), key=lambda kv: -len(kv[0])):
        # "Boko Haram: [NGA, CMR, NER, TCD]": one entry per country, the usual one first (see analyze)
        isos, point = ([val] if isinstance(val, str) else list(val), None) if not isinstance(val, dict) else (
            [val["country"]], (val["lat"], val["lon"]))
        pat = _LazyPattern(r"(?:(?<![\w-])|(?<=\bpro-)|(?<=\banti-))" + re.escape(word) + r"s?(?![\w])(?!-(?!" +
                           _HINT_SUFFIX + r"\b))")
        for iso3 in isos:
            out.append((pat, iso3, point, word))
    return tuple(out)


@dataclass
class _Span:
    start: int
    end: int
    text: str
    source: str  # ent | ngram | cue
    kind_hint: str | None = None  # settlement | admin
    site: bool = False
    role: str = "place"
    parents: list["_Span"] = field(default_factory=list)
    cands: tuple[Candidate, ...] = ()
    best: Candidate | None = None
    score: float = 0.0
    margin: float = 0.0
    own_weight: float = 0.0
    own_iso: str | None = None
    parent_mismatch: bool = False
    supported: bool = True
    is_parent: bool = False
    outside_ctx: bool = False
    paren_tail: bool = False  # "(Rafi LGA, Niger)": the last item of a parenthesised admin chain
    alias: str | None = None  # the admin1 an abbreviation stands for ("J&K" -> "Jammu and Kashmir")
    road_end: bool = False  # "the Sidon-Tyr highway": an end of a road, which sets no admin1 context


def _seat_towns(cands: tuple[Candidate, ...], full: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """``cands`` (among all the name's candidates ``full``) where a name is an admin1's own name ("Basra":
    Basrah governorate) and only a GeoNames alternate name of a big town of that admin1 (Basrah city):
    the town is read as matched by its own name too, so a same-named village abroad (Basra, Pakistan)
    does not outrank it.  Returns the candidates, such towns with quality 0."""
    seats = {c.admin1_code for c in full if c.kind == "admin1" and c.quality == 0 and c.admin1_code}
    if not seats:
        return cands
    return tuple(replace(c, quality=0) if c.kind == "city" and c.quality > 0 and c.admin1_code in seats
                 and c.population >= 100_000 else c for c in cands)


class GeoResolver:
    """Finds and resolves the places of an article.  Build once per process with :meth:`default`."""

    _default: "GeoResolver | None" = None
    _lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or Gazetteer.default()

    @classmethod
    def default(cls) -> "GeoResolver":
        """The process-wide resolver (the gazetteer is built on disk on first use)."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    # ---- detection -------------------------------------------------------------------------
    def _lookup(self, text: str) -> tuple[Candidate, ...]:
        """Gazetteer candidates for a mention (leading "the" dropped when needed)."""
        t = text.strip(" ,.;:'\"()[]")
        if len(t) < 2:
            return ()
        cands = self.gaz.lookup(t)
        if not cands and t.lower().startswith("the "):
            cands = self.gaz.lookup(t[4:])
        if not cands and len(t) > 6 and t.lower().endswith("iyeh"):
            # Arabic final -iyeh, written -iye or -ieh elsewhere ("Nabatiyeh": Nabatiye / Nabatieh)
            cands = self.gaz.lookup(t[:-4] + "ieh") or self.gaz.lookup(t[:-1])
        return cands

    def _detect(self, doc: Any) -> tuple[list[_Span], list[tuple[int, int, str, str]], list[tuple[float, float]]]:
        """Candidate toponym spans, country hints ``(start, end, iso3, demonym|group)`` and point priors."""
        text = doc.text
        spans: list[_Span] = []
        taken = [False] * (len(text) + 1)

        def free(a: int, b: int) -> bool:
            return not any(taken[a:b])

        def add(sp: _Span) -> None:
            spans.append(sp)
            for i in range(sp.start, sp.end):
                taken[i] = True

        def prev_word(char_start: int) -> str:
            """The word before a position, skipping articles and direction adjectives."""
            words = re.findall(r"[^\W\d_][\w'-]*|[,;:()]", text[max(0, char_start - 60):char_start])
            while words and (words[-1].lower() in _SKIP_BEFORE or _GROUP_ADJ.fullmatch(words[-1])):
                words.pop()  # "in Houthi-held Hodeidah": the group adjective says who holds it
            if len(words) >= 2 and words[-1].lower() == "to" and words[-2].lower() in ("close", "next", "adjacent"):
                return "near"
            if len(words) >= 2 and words[-1].lower() in ("de", "d'", "d’") and words[-2].lower() in (
                    "près", "proche", "proches", "autour", "environs", "ville", "localité", "région", "commune",
                    "village", "quartier", "préfecture", "sous-préfecture", "périphérie", "sortie", "entrée"):
                return "near"  # French: "près de Kaga-Bandoro", "la localité de Simbolo"
            return words[-1].lower() if words else ""

        title_lines: list[tuple[int, int]] = []
        for m in re.finditer(r"[^\n]+", text):
            words = re.findall(r"[^\W\d_][\w'’-]{3,}", m.group(0))
            if len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.6:
                title_lines.append((m.start(), m.end()))

        def in_title_line(pos: int) -> bool:
            return any(a <= pos < b for a, b in title_lines)

        # 0a. "Hamas-run", "Taliban-controlled": a group glued to -run/-led/-held is never a place
        # (a country so glued, "Ethiopia-backed", stays: it is country evidence as a modifier)
        for m in _GROUP_ADJ.finditer(text):
            if not any(c.kind == "country" and c.quality == 0 for c in self._lookup(m.group(1))):
                for k in range(m.start(), m.end()):
                    taken[k] = True

        # 0. source lines ("Agence France Presse, 2017-10-30: headline"): the outlet is no place
        for m in _SOURCE_LINE.finditer(text):
            for k in range(m.start(1), m.end(1)):
                taken[k] = True

        # 1. cue patterns: "the village of X", "X province", "X village"
        name = r"((?:[A-Z][\w'’-]+|al-|el-)(?:[ -](?:[A-Z][\w'’-]+|al|el|de|del|la|ad|as|ash|an|ar|az|bin|of)){0,4})"
        for m in re.finditer(rf"\b(?:the\s+)?((?i:{_SETTLEMENT_WORDS}|{_ADMIN_WORDS}))\s+of\s+{name}", text):
            hint = "admin" if re.fullmatch(_ADMIN_WORDS, m.group(1), re.I) else "settlement"
            a, b = m.start(2), m.end(2)
            if free(a, b) and self._lookup(m.group(2)):
                add(_Span(a, b, m.group(2), "cue", hint, site=True))
            elif free(a, b) and self.gaz.fuzzy(m.group(2)):
                add(_Span(a, b, m.group(2), "fuzzy", hint, site=True))
        for m in re.finditer(rf"{name}\s+((?i:{_SETTLEMENT_WORDS}|{_ADMIN_WORDS}))\b", text):
            hint = "admin" if re.fullmatch(_ADMIN_WORDS, m.group(2), re.I) else "settlement"
            a, b = m.start(1), m.end(1)
            full = text[a:m.end(2)]
            # "Bolivar state": the whole is one state's alternate name; the bare name keeps every unit so called,
            # when it closes a chain whose town lies in another unit of that name ("Cartagena, Bolivar state")
            whole = self._lookup(full)
            if hint == "admin" and whole:
                whole = self._chain_widened(text, a, whole, self._lookup(m.group(1)))
            if free(a, b) and (self._lookup(full) or self._lookup(m.group(1))):
                if whole:  # "Panama City", "Quezon City", "Gaza Strip": the whole name
                    fhint = "settlement" if all(c.kind == "city" for c in self._lookup(full)) else None
                    add(_Span(a, m.end(2), full, "cue", fhint,
                              site=prev_word(a) in _SITE_PREPS or (fhint is not None and hint == "settlement")))
                else:
                    add(_Span(a, b, m.group(1), "cue", hint,
                                    site=hint == "settlement" or prev_word(a) in _SITE_PREPS | _ATTACK_VERBS))
            elif free(a, b) and hint == "settlement" and not demonym_to_iso3(m.group(1)) and self.gaz.fuzzy(m.group(1)):
                add(_Span(a, b, m.group(1), "fuzzy", hint, site=True))
            else:  # "Russian Strikes Kill Three In Sumy Region": the name is the tail of the capitalised run
                for w in list(re.finditer(r"\S+", m.group(1)))[1:]:
                    a2 = m.start(1) + w.start()
                    sub = text[a2:b]
                    before = text[m.start(1):a2].split()[-1]
                    if sub.split()[0].lower() in _CONNECT or not free(a2, b) or not (
                            before.lower() in _LOC_PREPS or before.endswith(("'s", "’s"))):
                        continue
                    if self._lookup(sub) and not demonym_to_iso3(sub):
                        add(_Span(a2, b, sub, "cue", hint, site=hint == "settlement"
                                  or prev_word(a2) in _SITE_PREPS | _ATTACK_VERBS))
                        break
                else:  # "in Mineral Chico municipality": a unit the gazetteer lacks; its words name no other place
                    # (not "in Beirut's Saifi district"; of "in Mogadishu-Hamar Weyne district" only the quarter)
                    a2 = a + m.group(1).rindex("-") + 1 if "-" in m.group(1) else a
                    if free(a2, b) and prev_word(a) in _SITE_PREPS and " " in text[a2:b] \
                            and not demonym_to_iso3(m.group(1).split()[0]) and "'s" not in m.group(1) \
                            and "’s" not in m.group(1):
                        for k in range(a2, b):
                            taken[k] = True

        # Spanish/French/Portuguese: "en el municipio de Tame", "dans la préfecture de la Ouaka",
        # "dans le territoire de Beni", "no município de Altamira", "en la provincia del Guayas"
        low = text.lower()
        romance = any(w in low for w in _ROMANCE_ADMIN) or any(w in low for w in _ROMANCE_SETTLEMENT)
        for m in _ROMANCE_CUE.finditer(text) if romance else ():
            hint = "admin" if m.group(1).lower() in _ROMANCE_ADMIN else "settlement"
            a, b = m.start(2), m.end(2)
            if free(a, b) and self._lookup(m.group(2)):
                add(_Span(a, b, m.group(2), "cue", hint, site=True))
            elif free(a, b) and self.gaz.fuzzy(m.group(2)):
                add(_Span(a, b, m.group(2), "fuzzy", hint, site=True))

        for a, b, hint, alias in self._paren_chain(text):  # "(Baydhaba, Bay)": ACLED-style admin chains
            if free(a, b):
                add(_Span(a, b, text[a:b], "cue", hint, alias=alias))

        # admin units whose name joins two towns with a slash ("Tunapuna/Piarco", "Diego Martin/..."): the whole
        for m in re.finditer(r"(?<![\w'’/-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?(?:/[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)+", text):
            if free(m.start(), m.end()) and any(c.quality == 0 for c in self._lookup(m.group(0))):
                add(_Span(m.start(), m.end(), m.group(0), "cue", None,
                          site=prev_word(m.start()) in _SITE_PREPS | _ATTACK_VERBS))

        # "the Sidon-Tyr highway", "the Gao - Ansongo road": both ends are places (no site of their own); an end
        # the gazetteer lacks ("Qabb Elias") is taken whole so that none of its words is read as a place
        for m in _ROAD_ENDS.finditer(text):
            if self._lookup(text[m.start(1):m.end(2)]):
                continue  # a hyphenated name of its own
            for g in (1, 2):
                a, b = m.start(g), m.end(g)
                if not free(a, b):
                    continue
                cands = self._lookup(m.group(g))
                if any(c.kind == "country" and c.quality == 0 for c in cands):
                    for k in range(a, b):  # "the Mexico-Cuernavaca highway": the capital, not the country
                        taken[k] = True
                    continue
                if any(c.quality == 0 for c in cands) and not demonym_to_iso3(m.group(g)):
                    add(_Span(a, b, m.group(g), "cue", None, road_end=True))
                elif " " in m.group(g):
                    for k in range(a, b):
                        taken[k] = True
        # "Benins capital": a country's possessive written without its apostrophe
        for m in re.finditer(r"\b([A-Z][a-z]{3,})s\b", text):
            a, b = m.start(1), m.end(1)
            if free(a, b + 1) and not self._lookup(m.group(0)) and any(
                    c.kind == "country" and c.quality == 0 and ascii_name(c.name).casefold() == m.group(1).casefold()
                    for c in self._lookup(m.group(1))):
                add(_Span(a, b, m.group(1), "cue", None, role="modifier"))
                taken[b] = True

        # hyphenated names with lower-case parts ("Croix-des-Bouquets", "Port-au-Prince"): the whole word
        for m in re.finditer(r"(?<![\w'’-])[A-Z][\w'’]*(?:-[\w'’]+){2,5}(?![\w'’-])", text):
            a, b = m.start(), m.end()
            if free(a, b) and not demonym_to_iso3(m.group(0)) and any(
                    c.quality == 0 for c in self._lookup(m.group(0))):
                is_ent = any(e.start_char == a and e.end_char == b and e.label_ in ("GPE", "LOC", "FAC")
                             for e in doc.ents)
                add(_Span(a, b, m.group(0), "ent" if is_ent else "ngram",
                          site=prev_word(a) in _SITE_PREPS | _ATTACK_VERBS))

        ents = list(doc.ents)
        org_ranges = [(e.start_char, e.end_char) for e in ents if e.label_ in ("ORG", "NORP")]
        person_ranges = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]

        # French: "au village Nzakoundou", "la localité d'Ippy"
        for m in re.finditer(r"\b(?:village|localité|localite|ville|commune|quartier|sous-préfecture|préfecture)"
                             r"\s+(?:de\s+|d['’])?" + name, text):
            a, b = m.start(1), m.end(1)
            if free(a, b) and self._lookup(m.group(1)):
                add(_Span(a, b, m.group(1), "cue", "settlement", site=True))

        # 2. spaCy entities
        for e in ents:
            if e.label_ not in ("GPE", "LOC", "FAC"):
                continue
            a, b, t = e.start_char, e.end_char, e.text
            if t.lower().startswith("the "):
                a, t = a + 4, t[4:]
            t2 = t[:-2] if t.endswith("'s") or t.endswith("’s") else t
            b = a + len(t2)
            if "," in t2 or "(" in t2:
                continue  # "Nis, Serbia" as one entity: the n-gram pass takes the parts
            if not free(a, b):
                continue
            dm = re.search(r"\b(?:southern|northern|eastern|western|central|north|south|east|west)\s+$",
                           text[max(0, a - 12):a], re.I)
            if dm and free(a - len(dm.group(0)), a) and any(  # "southern Lebanon": a curated region
                    c.kind == "region" and c.quality == 0 for c in self._lookup(text[a - len(dm.group(0)):b])):
                a2 = a - len(dm.group(0))
                add(_Span(a2, b, text[a2:b], "ent", site=prev_word(a2) in _SITE_PREPS | _ATTACK_VERBS))
                continue
            ext = self._extend_facility(text, a, b)
            if ext:
                add(_Span(a, ext, text[a:ext], "ent", site=prev_word(a) in _SITE_PREPS | _ATTACK_VERBS))
                continue
            if self._lookup(t2):
                add(_Span(a, b, t2, "ent", site=prev_word(a) in _SITE_PREPS | _ATTACK_VERBS))
            elif e.label_ in ("GPE", "LOC") and self.gaz.fuzzy(t2):
                add(_Span(a, b, t2, "fuzzy", site=prev_word(a) in _SITE_PREPS | _ATTACK_VERBS))

        norp_taken = []
        for e in ents:
            if e.label_ == "NORP" and free(e.start_char, e.end_char) and demonym_to_iso3(e.text):
                norp_taken.append((e.start_char, e.end_char))
                for k in range(e.start_char, e.end_char):
                    taken[k] = True

        # 3. capitalised n-grams (and towns the model tagged PERSON/ORG)
        toks = list(doc)
        i = 0
        while i < len(toks):
            tok = toks[i]
            if not self._cap(tok) or taken[tok.idx]:
                i += 1
                continue
            best: tuple[int, int, str] | None = None
            j_end = min(len(toks), i + 6)
            for j in range(j_end, i, -1):
                last = toks[j - 1]
                num_tail = last.like_num and j - 1 > i and self._cap(toks[j - 2])
                if not (self._cap(last) or num_tail) or any(
                        not (self._cap(t) or t.lower_ in _CONNECT) for t in toks[i:j - 1 if num_tail else j]):
                    continue
                a, b = tok.idx, last.idx + len(last.text)
                if not free(a, b):
                    continue
                if j - i > 1 and (any(t.is_sent_start for t in toks[i + 1:j]) or any(
                        re.fullmatch(r"(?:[A-Z]\.){2,}", t.text) for t in toks[i:j])):
                    continue  # "... Banque Libano-Francaise S.A.L. At the market": no name across a sentence
                if j - i == 1 and re.fullmatch(r"(?:[A-Z]\.){2,}", tok.text) and not any(
                        c.kind == "country" and c.quality == 0 for c in self._lookup(tok.text)):
                    continue  # initials ("S.A.L.", a company form) are no place; "U.S." is a country
                ext = self._extend_facility(text, a, b)
                if ext:
                    best = (a, ext, text[a:ext])
                    break
                if self._lookup(text[a:b]):
                    best = (a, b, text[a:b])
                    break
            if best is None:
                # no exact name: after "in/at/near"/"attacked" and before ", Admin1" or "(", try the
                # transliteration-tolerant skeleton ("Tall Refaat" ~ "Tall Rif'at"); confirmed later by context
                k = i
                while k + 1 < len(toks) and (self._cap(toks[k + 1]) or toks[k + 1].text == "-") and k - i < 3:
                    k += 1
                a, b = tok.idx, toks[k].idx + len(toks[k].text)
                pw = prev_word(a)
                if (pw in _SITE_PREPS or pw in _ATTACK_VERBS) and free(a, b) and not tok.is_stop \
                        and text[a:b].lower() not in _NOT_PLACE and not demonym_to_iso3(text[a:b]) \
                        and self.gaz.fuzzy(text[a:b]):
                    add(_Span(a, b, text[a:b], "fuzzy", site=True))
                    i = k + 1
                    continue
                i += 1
                continue
            a, b, t = best
            run_end = i
            while run_end + 1 < len(toks) and self._cap(toks[run_end + 1]) and run_end - i < 3:
                run_end += 1
            rb = toks[run_end].idx + len(toks[run_end].text)
            if rb > b and free(a, rb) and not any(c.quality == 0 and c.kind != "city" for c in self._lookup(t)) \
                    and prev_word(a) in _SITE_PREPS | _ATTACK_VERBS and self.gaz.fuzzy(text[a:rb]):
                # "Tall Refaat": the whole capitalised run is a (transliterated) name, not "Tall" + "Refaat"
                add(_Span(a, rb, text[a:rb], "fuzzy", site=True))
                i = run_end + 1
                continue
            dm = re.search(r"\b(southern|northern|eastern|western|central|north|south|east|west)\s+$", text[max(0, a - 12):a],
                           re.I)
            if dm and free(a - len(dm.group(0)), a):
                a2 = a - len(dm.group(0))
                if any(c.kind in ("water", "region") for c in self._lookup(text[a2:b])):
                    a, t = a2, text[a2:b]
            pw = prev_word(a)
            single = " " not in t.strip() and "-" not in t
            # an ORG entity that is exactly a gazetteer name in a "Town, Admin" chain is a mis-tagged place
            in_org = any(oa <= a and b <= ob for oa, ob in org_ranges) and not (
                (a, b) in org_ranges and pw in (",", "(") and re.match(r"^\s*[,.)(]", text[b:b + 2]))
            cands = self._lookup(t)
            strong = any(c.quality == 0 and c.kind in ("country", "admin1", "region", "water", "site", "camp",
                                                       "crossing") for c in cands)
            big_town = any(c.kind == "city" and c.quality == 0 and c.population >= 300_000 for c in cands)
            sent_start = tok.is_sent_start
            ok = pw in _LOC_PREPS or strong or (not single and not sent_start)
            if re.match(r"^\s*,\s*[A-Z]", text[b:b + 4]) or re.match(r"^\s*\(", text[b:b + 3]):
                ok = ok or not sent_start
            line_start = a == 0 or text[a - 1] == "\n"
            dateline = line_start and bool(
                re.match(r"^(?:,\s*[A-Z][\w .'-]+)?\s*(?:\([^)]{1,30}\))?\s*[-—–:]", text[b:b + 50]))
            ok = ok or dateline  # "MOGADISHU, Somalia (AP) —"
            if pw in _ATTACK_VERBS:
                ok = True
            prev_tok = toks[i - 1] if i > 0 else None
            # "Kotwali Nagar", "Tal Ahmar": the tail of a longer name the gazetteer lacks
            run_tail = single and not strong and prev_tok is not None and bool(prev_tok.whitespace_) and \
                self._cap(prev_tok) and not prev_tok.is_sent_start and prev_tok.lower_ not in _CONNECT and \
                not prev_tok.is_stop and not demonym_to_iso3(prev_tok.text) and not taken[prev_tok.idx] and \
                prev_tok.lower_ not in _SETTLEMENT_TITLES
            if run_tail:
                ok = False
            if demonym_to_iso3(t) and pw not in _SITE_PREPS:
                ok = False  # "Somali pirates": a nationality, not the Somali region
            if pw not in _SITE_PREPS and any(pa <= a and b <= pb and (pb - pa) > (b - a) for pa, pb in person_ranges):
                ok = False  # "Gaston Zossou": part of a person's name
            if t.lower() in _NOT_PLACE or (single and len(t) < 3 and not t.isupper()):
                ok = False
            if single and not t.isupper() and len(t) <= 4 and any(c.kind == "country" for c in cands) \
                    and all(ascii_name(c.name).casefold() != t.casefold() for c in cands if c.kind == "country") \
                    and not any(c.kind != "country" and c.population >= 1000 for c in cands):
                ok = False  # "Car Bomb": the code "CAR" written in capitals only
            if big_town and in_title_line(a):
                in_org = False  # "Mogadishu Car Bomb Kills Five": the model's ORG spans in headlines are noise
            if ok and not strong and not big_town and pw not in _SITE_PREPS and pw not in _ATTACK_VERBS \
                    and in_title_line(a):
                ok = False  # "Six Militias Kill During Clashes": capitals say nothing in a title-case line
            if ok:
                add(_Span(a, b, t, "ngram", site=pw in _SITE_PREPS or pw in _ATTACK_VERBS or dateline,
                          role="org" if in_org and pw not in _LOC_PREPS and pw not in _ATTACK_VERBS and not strong
                          and not dateline else "place"))
            elif single and not run_tail and len(t) >= 4 and not tok.is_stop and t.lower() not in _NOT_PLACE \
                    and not in_org \
                    and not demonym_to_iso3(t) and not any(pa <= a and b <= pb and (pb - pa) > (b - a)
                                                           for pa, pb in person_ranges) \
                    and (not sent_start or re.match(r"^\s*[,:]", text[b:b + 3])):
                # "Bria, quatre rebelles tués": kept only if the article's country evidence backs it
                add(_Span(a, b, t, "weak", site=False))
            k = i + 1
            while k < len(toks) and toks[k].idx < b:
                k += 1
            i = max(k, i + 1)

        # 4. roles and adjacency ("Town, Admin1", "Town (Admin2, Admin1)")
        spans.sort(key=lambda s: s.start)
        for sp in spans:
            after = text[sp.end:sp.end + 25].lower()
            nxt = re.match(r"^\s*(?:'s|’s|-based|-backed|-born|\s*-?\s*allied)?\s*([a-z'-]+)", after)
            admin_word = nxt is not None and nxt.group(1) == "state" and any(
                c.kind == "admin1" for c in self._lookup(sp.text))  # "Plateau state": a cue, not "the US state"
            poss = re.match(r"^(?:'s|’s)\s+(\S+)", text[sp.end:sp.end + 40])
            # "Iraq's", "Kano's governor", "Syria's Idlib": an attribute; "Afrin's entrances", "Kabul's
            # airport": the place itself
            poss_mod = poss is not None and (poss.group(1)[:1].isupper() or poss.group(1).lower() in _MODIFIED_NOUNS
                                             or any(c.kind == "country" and c.quality == 0 for c in self._lookup(sp.text)))
            if poss_mod or (nxt and nxt.group(1) in _MODIFIED_NOUNS and not sp.site
                                                           and sp.kind_hint != "admin" and not admin_word):
                if sp.role == "place" and not sp.site:
                    sp.role = "modifier"
            head = self._head_dep(doc, sp.start, sp.end)
            if not sp.site and head in ("nsubj", "nsubjpass", "poss", "compound", "amod", "nmod") and sp.role == "place" \
                    and any(c.kind == "country" and c.quality == 0 for c in self._lookup(sp.text)):
                sp.role = "modifier"
            in_org = any(oa <= sp.start and sp.end <= ob and (ob - oa) > (sp.end - sp.start) for oa, ob in org_ranges)
            if in_org and not sp.site and sp.source == "ent":
                sp.role = "org"
        for k, sp in enumerate(spans):
            for nk in range(k + 1, min(k + 4, len(spans))):
                nx = spans[nk]
                gap = text[spans[nk - 1].end:nx.start]
                if _PARENT_GAP.fullmatch(gap) or (nk > k + 1 and re.fullmatch(r"\s*,\s*", gap)):
                    sp.parents.append(nx)
                else:
                    break
            for par in sp.parents:
                par.is_parent = True
            # "in Aleppo, Idlib and Hama" is a list, not "town, admin1"
            if sp.parents and re.match(r"^\s*,?\s*(?:and|or)\s+[A-Z]", text[sp.parents[-1].end:sp.parents[-1].end + 12]):
                sp.parents = []
        for sp in spans:  # "DOHA, Qatar —", "KYIV (Reuters) -": a dateline names where the report is from
            if (sp.start == 0 or text[sp.start - 1] == "\n") and DATELINE_TAIL.match(text, sp.end):
                sp.site, sp.role = True, "place"
        # site cue carries along lists and hierarchies: "in Iraq and Syria", "in Beni, Nord-Kivu"
        for prev, sp in zip(spans, spans[1:]):
            gap = text[prev.end:sp.start]
            if prev.site and not sp.site and re.fullmatch(r"\s*(?:,|\(|and|or|,\s*and|,\s*or)\s*", gap):
                sp.site = True
        for sp in spans:  # "raided Jenin in the West Bank": the child of a site-cued parent is the site
            if not sp.site and any(p.site for p in sp.parents):
                sp.site = True
            if sp.site and self._is_speaker(doc, sp.start, sp.end):
                sp.site = False  # "the ministry in Baghdad said": where the speaker sits
                sp.role = "modifier"
        spans = [sp for sp in spans if not re.match(r"^\s+dollars?\b", text[sp.end:sp.end + 10])]  # "US dollar"
        self._facility_names(text, spans)
        for sp in spans:
            sp.paren_tail = text[sp.end:sp.end + 1] == ")" and bool(
                re.search(r"\([^()\n]{1,60},\s*$", text[max(0, sp.start - 62):sp.start]))
        for sp in spans:  # "military forces of Artsakh": the place names an actor
            if sp.role == "place" and re.search(
                    r"\b(?:forces|army|troops|militia|militias|soldiers|police|government|authorities|ministry|"
                    r"president|governor|people|residents|citizens|natives|members|navy|units?)\s+of\s+(?:the\s+)?$",
                    text[max(0, sp.start - 30):sp.start], re.I):
                sp.role, sp.site = "modifier", False
        for sp in spans:  # "near the border with Nigeria", "close to the Niger border": a neighbour for orientation
            if (re.search(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?$", text[max(0, sp.start - 25):sp.start])
                    or re.match(r"\s*(?:'s\s+|’s\s+)?borders?\b(?!\s+(?:town|city|village|region|province|"
                                r"district|area|state|post|crossing)s?\b)", text[sp.end:sp.end + 30])) and \
                    any(c.kind == "country" and c.quality == 0 for c in self._lookup(sp.text)):
                sp.role, sp.site = "neighbour", False
        for sp in spans:
            if not sp.site and not sp.paren_tail and sp.role == "place" and sp.start > 0 and \
                    any(c.kind == "country" and c.quality == 0 for c in self._lookup(sp.text)):
                sp.role = "modifier"  # "the US launched", "US dollar": an actor or attribute, not a location

        # 5. demonyms and country hints
        hints: list[tuple[int, int, str, str]] = []
        for a, b in norp_taken:
            hints.append((a, b, demonym_to_iso3(text[a:b]) or "", "demonym"))
        for t1, t2 in zip(toks, toks[1:]):
            if t1.is_title and t2.is_title and (t1.idx, t2.idx + len(t2.text)) not in norp_taken:
                iso = demonym_to_iso3(f"{t1.text} {t2.text}")
                if iso:
                    hints.append((t1.idx, t2.idx + len(t2.text), iso, "demonym"))
        norp_chars = {k for a, b in norp_taken for k in range(a, b)}
        for tok in toks:
            if tok.idx in norp_chars:
                continue
            if tok.is_title or tok.is_upper:
                iso = demonym_to_iso3(tok.text)
                if iso and not taken[tok.idx] and tok.text not in ("US", "U.S."):
                    hints.append((tok.idx, tok.idx + len(tok.text), iso, "demonym"))
        # "near the Sudanese border": the neighbour, not where it happens
        hints = [h for h in hints if not (h[3] == "demonym" and re.match(r"\s+borders?\b", text[h[1]:h[1] + 10]))]
        priors: list[tuple[float, float]] = []
        fast = fastpath.enabled()
        for pat, iso, point, word in _country_hints():
            if fast and word not in text:  # the pattern needs the literal word: skip its slow scan
                continue
            for m in pat.finditer(text):
                hints.append((m.start(), m.end(), iso, "group"))
                if point is not None:
                    priors.append(point)
        return spans, hints, priors

    def _chain_widened(self, text: str, a: int, whole: tuple[Candidate, ...],
                       bare: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """``()`` when the admin name at ``a`` ("Bolivar state") closes a "Town, Admin" chain whose town
        lies only in another unit of the bare name (Cartagena: Colombia's Bolivar, not Venezuela's),
        so the bare name's units stand; else ``whole`` unchanged."""
        prev = re.search(r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}),\s*$", text[max(0, a - 60):a])
        if prev is None or not all(c.kind in ("admin1", "admin2", "region") for c in whole):
            return whole
        units = {(c.country, c.admin1_code) for c in bare if c.kind in ("admin1", "region") and c.quality == 0}
        have = {(c.country, c.admin1_code) for c in whole}
        towns = {(c.country, c.admin1_code) for c in self._lookup(prev.group(1)) if c.quality == 0}
        return () if towns & (units - have) and not towns & have else whole

    def _paren_chain(self, text: str) -> list[tuple[int, int, str | None, str | None]]:
        """Parts of parenthesised admin chains after a name: "X (Buur Hakaba, Bay)", "(Anzourou, Tillaberi)".

        Returns ``(start, end, kind_hint, alias)`` for each capitalised part the gazetteer knows; the last
        part of a chain of two or more is hinted ``admin`` when it names an admin unit (ACLED writes
        "(Admin2, Admin1)"), so a word such as "Bay" that is otherwise no place counts there.  A last
        part that is an admin1 abbreviation ("(Hyderabad, TS)", "(UP)") is hinted ``admin`` with the
        unit's name as ``alias``.
        """
        out: list[tuple[int, int, str | None, str | None]] = []
        abbrev = admin1_abbreviations()
        for m in re.finditer(r"(?<=[\w.'’\]]) ?\(([A-Z][^()\n\[\]]{1,80})\)", text):
            parts = [(p.start() + m.start(1), p.end() + m.start(1)) for p in re.finditer(r"[^,]+", m.group(1))]
            parts = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in parts]
            if not 1 <= len(parts) <= 4 or any(not text[a:b][:1].isupper() or len(text[a:b].split()) > 5
                                              for a, b in parts):
                continue
            for k, (a, b) in enumerate(parts):
                if k == len(parts) - 1 and text[a:b] in abbrev:
                    units = [u for iso, name, alone in abbrev[text[a:b]] for u in self._lookup(name)
                             if u.kind == "admin1" and u.country == iso and (alone or len(parts) >= 2)]
                    if units:
                        out.append((a, b, "admin", abbrev[text[a:b]][0][1]))
                        continue
                cands = self._lookup(text[a:b])
                if not cands:
                    continue
                admin = any(c.kind in ("admin1", "admin2", "region") and c.quality == 0 for c in cands)
                if k == len(parts) - 1 and len(parts) >= 2 and admin:
                    out.append((a, b, "admin", None))
                elif len(parts) >= 2 or admin:
                    out.append((a, b, None, None))
        return out

    @staticmethod
    def _facility_names(text: str, spans: list[_Span]) -> None:
        """"Los Angeles cemetery", "Black Sea neighbourhood": a place name that names a facility or
        street is not where the event is when the text names another place as a site; otherwise it
        stays what it was ("in Eldoret church").  Sets ``role``/``site`` in place."""
        named = [sp for sp in spans if _FACILITY_NOUN.match(text, sp.end)]
        if not named:
            return
        # "in Tegucigalpa ... in Los Angeles cemetery": another place named as a site wins;
        # "Kenya: ... in Eldoret church": the church is in Eldoret, which stays the site
        other = any(sp not in named and sp.role == "place" and sp.site for sp in spans)
        for sp in named:
            if other:
                sp.site, sp.role = False, "modifier"

    @staticmethod
    def _is_speaker(doc: Any, start: int, end: int) -> bool:
        """True when chars [start, end) sit inside the subject of a reporting verb."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        tok = span.root
        seen_prep = False
        for anc in tok.ancestors:
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("amod", "acl"):
                return False
            if anc.dep_ == "prep":
                seen_prep = True
            if anc.dep_ in ("nsubj", "nsubjpass") and anc.head.lemma_ in _REPORTING:
                return seen_prep  # "the ministry in Baghdad said", not a misparse of "in Mandalay, ... said"
        return False

    @staticmethod
    def _head_dep(doc: Any, start: int, end: int) -> str:
        """Dependency label of the syntactic head of chars [start, end) ('' when unknown)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return ""
        try:
            return span.root.dep_
        except (ValueError, AttributeError):
            return ""

    @staticmethod
    def _cap(tok: Any) -> bool:
        t = tok.text
        return bool(t) and (t[0].isupper() or (t.startswith(("al-", "el-", "ad-", "as-", "ash-")) and len(t) > 4)) \
            and any(ch.isalpha() for ch in t)

    def _extend_facility(self, text: str, a: int, b: int) -> int | None:
        """End of "<name> airbase"-style span when the longer name is in the gazetteer, else None."""
        tail = text[b:b + 25].lower()
        for w in _FACILITY_TAIL:
            if tail.startswith(" " + w) and not tail[len(w) + 1:len(w) + 2].isalpha():
                e = b + 1 + len(w)
                if any(c.kind in ("site", "camp", "crossing", "airport", "water") for c in self._lookup(text[a:e])):
                    return e
        return None

    # ---- resolution -----------------------------------------------------------------------
    def analyze(self, doc: Any) -> DocGeo:
        """Detect and resolve the places of ``doc`` (a spaCy Doc of the article)."""
        text = doc.text
        spans, hints, priors = self._detect(doc)
        hints.extend(self._outlet_hints(text, hints))
        for sp in spans:
            cands = full = self._lookup(sp.alias or sp.text)
            if sp.alias:  # an abbreviation ("TS"): only the admin1 it stands for
                cands = tuple(c for c in cands if c.kind == "admin1")
            if sp.kind_hint == "admin":
                pref = [c for c in cands if c.kind in ("admin1", "admin2", "region")]
                cands = tuple(pref) or cands
            elif sp.kind_hint == "settlement":  # "Bossangoa town"; "CAR town" is a town in CAR
                pref = [c for c in cands if c.kind in ("city", "camp", "site") or (c.kind == "country" and c.quality == 0)]
                cands = tuple(pref) or cands
            # a parent ("Bara in Idleb", "(Nalanda district, Bihar)") names the admin unit, not its seat
            sp.cands = cands if sp.is_parent or sp.paren_tail or sp.kind_hint == "admin" else _seat_towns(cands, full)
        spans = [s for s in spans if (s.cands or s.source == "fuzzy") and not self._false_toponym(s)]
        self._ambiguous_countries(text, spans)

        first_line = re.match(r"[^\n]*", text)
        headline_end = first_line.end() if first_line and first_line.end() < 200 and "\n" in text else 0
        weights: dict[str, float] = defaultdict(float)
        hinted: set[tuple[int, int]] = set()
        for a, b, iso, kind in hints:
            if kind == "group":  # a group of several countries: the usual one 0.6, the others 0.4
                weights[iso] += 0.4 if (a, b) in hinted else 0.6
                hinted.add((a, b))
            else:
                weights[iso] += 0.3
        for sp in spans:
            if sp.source == "weak" or (sp.role == "org" and all(c.quality >= 1 for c in sp.cands)):
                continue  # "Kerman Coal Mine Company": an alternate name inside an organisation says nothing
            isos = {c.country for c in sp.cands if c.country}
            w = (1.5 if sp.site else 1.0) if sp.role == "place" else 0.1 if sp.role == "neighbour" else 0.4
            if sp.start < headline_end and sp.site:
                w *= 2
            if sp.paren_tail and any(c.kind == "admin1" for c in sp.cands) and \
                    any(c.kind == "country" and c.quality == 0 for c in sp.cands):
                continue  # "(Rafi LGA, Niger)": a country or a state of that name; the context decides
            if any(c.kind == "country" and c.quality == 0 for c in sp.cands):
                iso = next(c.country for c in sp.cands if c.kind == "country")
                weights[iso] += w
            elif len(isos) == 1:
                sp.own_iso, sp.own_weight = next(iter(isos)), 0.8 * w
                weights[sp.own_iso] += sp.own_weight

        self._agreeing(spans, weights)

        widened: list[_Span] = []
        for sp in spans:
            # "Beni territory" with "ADF" in the text: GeoNames has no admin2 of DR Congo, only the town;
            # a same-named town of a country the text points to competes with the admin unit abroad
            if sp.kind_hint != "admin" or not any(c.kind in ("admin1", "admin2", "region") for c in sp.cands):
                continue
            admin_isos = {c.country for c in sp.cands}
            extra = [c for c in self._lookup(sp.text) if c.kind == "city" and c.quality == 0
                     and c.country not in admin_isos and weights.get(c.country or "", 0.0) > 0]
            if extra:
                sp.cands += tuple(extra)
                widened.append(sp)
        for sp in spans:  # skeleton matches stand only where the context confirms them
            if sp.source != "fuzzy":
                continue
            codes = {p.admin1_code for par in sp.parents for p in par.cands if p.kind in ("admin1", "region")}
            fits = [c for c in self.gaz.fuzzy(sp.text) if c.kind == "city" and (
                c.admin1_code in codes or (not codes and weights.get(c.country or "", 0.0) > 0))]
            sp.cands = tuple(fits)
        spans = [s for s in spans if s.cands]
        for _round in range(2):
            for sp in spans:
                self._choose(sp, weights, spans, priors)
            if _round == 0:
                extra: dict[str, float] = defaultdict(float)
                for sp in spans:
                    # a weak span ("Labor" of "Labor Day": La Labor, Mexico) only adds to a country already named
                    if sp.best is not None and sp.best.country and sp.best.kind != "country" and sp.margin > 1.0 \
                            and sp.supported and not sp.own_iso and (
                            sp.source != "weak" or weights.get(sp.best.country, 0.0) > 0):
                        extra[sp.best.country] += 0.5
                        sp.own_iso, sp.own_weight = sp.best.country, 0.5
                for k, v in extra.items():
                    weights[k] += v
                for sp in widened:  # its own evidence goes to the country it resolved to
                    if sp.best is not None and sp.own_iso and sp.best.country and sp.best.country != sp.own_iso:
                        weights[sp.own_iso] -= sp.own_weight
                        sp.own_iso = sp.best.country
                        weights[sp.own_iso] += sp.own_weight

        for sp in spans:  # "Winder, Georgia": the parent is the admin1 its child lies in
            if sp.best is None or sp.parent_mismatch:
                continue
            for par in sp.parents:
                fit = [p for p in par.cands if p.kind in ("admin1", "region") and p.admin1_code
                       and p.admin1_code == sp.best.admin1_code]
                fit = fit or [p for p in par.cands if p.kind == "country" and p.country == sp.best.country]
                if fit and par.best is not None and par.best.id != fit[0].id:
                    par.best, par.margin, par.supported = fit[0], max(par.margin, 2.0), True
        # evidence from places that are themselves unsupported does not count against others
        # (nor does that of places dropped for lying outside the admin unit named next to them)
        unsupported = sum(sp.own_weight for sp in spans if sp.best is not None and sp.own_iso and (
            not sp.supported or sp.parent_mismatch or sp.outside_ctx))
        demonym_weight = 0.3 * sum(1 for h in hints if h[3] == "demonym")
        # "Al Birayn checkpoint (Sabir al Mawadim, Taizz) ... released in Al Birayn": a name repeated
        # without its chain is the same place, so it falls with the chained mention it repeats
        mismatched = {sp.text.casefold() for sp in spans if sp.parent_mismatch and sp.best is not None}
        for sp in spans:
            if not sp.parents and sp.best is not None and sp.text.casefold() in mismatched and any(
                    o.parent_mismatch and o.best is not None and o.best.country == sp.best.country
                    and o.text.casefold() == sp.text.casefold() for o in spans):
                sp.parent_mismatch = True
        removed: dict[str, float] = defaultdict(float)
        mentions: list[PlaceMention] = []
        strays = _stray_namesakes(text, spans, weights)
        kept_strays: list[_Span] = []
        for sp in spans:
            c = sp.best
            if c is None:
                continue
            # an alternate name that looks like the primary one ("Nabatieh" ~ "Nabatiye"), not a historic
            # or foreign-language name ("Lamy" for N'Djamena, "Boni" for Bonn)
            lone = self._lone(sp, weights, demonym_weight) and (
                ascii_name(sp.text).casefold()[:4] == ascii_name(c.name).casefold()[:4]
                or skeleton_key(sp.text) == skeleton_key(c.name))  # "Tell Abiad" ~ "Tall Abyad"
            only_demonyms = self._lone(sp, weights, demonym_weight)
            # "rocket fired from Gaza struck near Shama": a name matched only through an alternate name
            # (Shama Junction, Ghana) is dropped when another place of the text lies nowhere near it
            rival = c.quality >= 1 and any(o is not sp and o.source != "weak" and o.role == "place" and o.cands and
                        c.lat is not None and
                        all(x.country != c.country and x.lat is not None and
                            haversine_km(x.lat, x.lon, c.lat, c.lon) > 1500 for x in o.cands) for o in spans)
            named_in = sp.site or sp.paren_tail or sp.is_parent or bool(
                re.search(r"\b(?:in|of|near|around|across)\s+(?:the\s+)?$", text[max(0, sp.start - 12):sp.start]))
            if not self._keep(sp, c, weights, unsupported, lone, only_demonyms, rival,
                              demonym_weight if named_in else -1.0):
                if sp.own_iso:
                    removed[sp.own_iso] += sp.own_weight
                if id(sp) in strays and cue_country(text, sp.start)[0]:
                    kept_strays.append(sp)  # "the Lebanese village of X": a place, though not the namesake
                continue
            if id(sp) in strays:  # a namesake abroad that only its own name points to: see after the focus
                if sp.own_iso:
                    removed[sp.own_iso] += sp.own_weight
                kept_strays.append(sp)
                continue
            supported = sp.supported
            single_country = len({x.country for x in sp.cands}) == 1
            confident = (sp.margin > 0.3 or single_country) and (
                supported or c.population >= 1_000_000 or c.kind != "city" or (single_country and c.quality == 0)
                or _named_capital(sp, c)
                or (single_country and c.quality == 1 and sp.site and lone))
            if not confident and c.kind == "city":
                # "in Hama", "town in Dar'a": unsure of the town but its name is its admin1's own name;
                # the admin1 (coarse and right), not the bare country the unsure town would give
                own = [x for x in sp.cands
                       if x.kind == "admin1" and x.quality == 0 and x.admin1_code == c.admin1_code]
                if own:
                    c, confident = own[0], True
            admin1 = c.admin1 if c.kind != "country" else None
            if admin1 is None and c.kind not in ("country", "water", "region") and c.country and c.lat is not None:
                admin1 = self.gaz.admin1_at(c.country, c.lat, c.lon)  # "Al Watiyah airbase": its town's admin1
            place = Place(
                text=sp.text, name=c.display_name, admin1=admin1,
                admin2=c.admin2, country=c.country, lat=round(c.lat, 5) if c.lat is not None else None,
                lon=round(c.lon, 5) if c.lon is not None else None, precision=c.precision,
                geonameid=c.geonameid,
            )
            place = self._prior_region(place, c, priors)
            mentions.append(PlaceMention(sp.start, sp.end, sp.text, place, role=sp.role, site=sp.site,
                                         score=round(sp.score, 3), confident=confident,
                                         countries=c.all_countries, kind=c.kind))

        for iso, w in removed.items():
            weights[iso] -= w
        weights = defaultdict(float, {k: round(v, 6) for k, v in weights.items() if v > 1e-6})
        focus = max(weights.items(), key=lambda kv: kv[1])[0] if weights else None
        dem_only = self._demonym_only(hints, spans)
        if focus in dem_only and weights[focus] - dem_only[focus] < 1e-6:
            # "Albanians protest in Mitrovica": a people named is weak evidence against a place named
            # outright (after a site preposition, its name like the gazetteer's) in another country
            named = [m for m in mentions if m.site and m.role == "place" and m.kind not in ("country", "water")
                     and m.place.country and m.place.country != focus
                     and ascii_name(m.text).casefold()[:4] == ascii_name(m.place.name).casefold()[:4]]
            if len({m.place.country for m in named}) == 1:
                focus = named[0].place.country
        if focus and kept_strays:  # "the southern Lebanese village of Shama" (Shama Junction, Ghana): the focus
            cued: dict[str, int] = {}  # a name -> the first of its mentions that the words before place
            for sp in kept_strays:
                if cue_country(text, sp.start)[0]:
                    cued.setdefault(ascii_name(sp.text).casefold(), sp.start)
            for sp in kept_strays:  # country, or its region the text points to, at coarse precision
                at = cued.get(ascii_name(sp.text).casefold(), sp.start)
                mentions.append(PlaceMention(sp.start, sp.end, sp.text, stray_place(text, at, focus, self.gaz),
                                             role=sp.role, site=sp.site, score=round(sp.score, 3), kind="country"))
            mentions.sort(key=lambda m: m.start)
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        try:
            sentences = [(st.start_char, st.end_char) for st in doc.sents]
        except ValueError:  # no sentence boundaries set
            sentences = []
        return DocGeo(text=text, focus_country=focus, mentions=mentions, country_weights=dict(weights),
                      hints=hints, paragraphs=paragraphs, sentences=sentences, adjuncts=event_adjuncts(doc),
                      gaz=self.gaz)

    @staticmethod
    def _agreeing(spans: list[_Span], weights: dict[str, float]) -> None:
        """"rallied in Souda ... refugees from Libya ... moved to Crete": two names that each exist in several
        countries but lie close together (< 150 km, or a town in the admin1 named) in exactly one of them vote
        for it (0.8 each, as a name unique to that country would), unless other evidence of the text points to
        another country where one of the names also lies.  Sets ``own_iso``/``own_weight`` in place."""
        if not any(v > 0 for v in weights.values()):
            return  # nothing to outvote: the names are resolved against each other as they are
        amb = [sp for sp in spans if sp.source not in ("weak", "fuzzy") and sp.role == "place" and not sp.own_iso
               and len({c.country for c in sp.cands if c.country}) > 1]
        votes: dict[int, str] = {}
        for i, s1 in enumerate(amb):
            for s2 in amb[i + 1:]:
                if s1.text.casefold() == s2.text.casefold() or s2 in s1.parents or s1 in s2.parents:
                    continue  # a chain ("Town, Admin1") is matched through its parent
                isos = {c1.country for c1 in s1.cands for c2 in s2.cands
                        if c1.country and c1.country == c2.country and c1.quality == 0 and c2.quality == 0
                        and c1.kind != "country" and c2.kind != "country" and (
                            (c1.admin1_code and c1.admin1_code == c2.admin1_code) or (
                                c1.lat is not None and c2.lat is not None
                                and haversine_km(c1.lat, c1.lon, c2.lat, c2.lon) < 150))}
                # unless the text already points to another country where either name also lies
                rivals = {c.country for c in s1.cands + s2.cands if c.country and weights.get(c.country, 0.0) > 0}
                if len(isos) == 1 and not rivals - isos:
                    iso = next(iter(isos))
                    for sp in (s1, s2):
                        if votes.setdefault(id(sp), iso) != iso:
                            votes[id(sp)] = ""
        for sp in amb:
            iso = votes.get(id(sp))
            if iso:
                sp.own_iso, sp.own_weight = iso, 0.8
                weights[iso] += 0.8

    @staticmethod
    def _false_toponym(sp: _Span) -> bool:
        """True when a span is no place whatever the gazetteer holds: a common Spanish/French/Portuguese
        news word ("Emboscada"), or an armed group's name ("Hamas": Hamm by an alternate name) or a
        near spelling of one that only an alternate or skeleton name matches."""
        words, _ = _false_positive_rules()
        if ascii_name(sp.text).casefold() in words or sp.text.casefold() in words:
            return True
        if sp.kind_hint == "settlement" and sp.text.strip().casefold() in _NOT_PLACE:
            return True  # "the Christian town of Maaloula": "Christian" (Moundridge, Kansas) is no place
        if not _is_group_name(sp.text):
            return False
        exact = re.sub(r"(?:'s|’s)$", "", ascii_name(sp.text.strip()).casefold())
        words = _group_words()
        if exact in words or (exact.endswith("s") and exact[:-1] in words):
            # the group's own name: a region or admin unit of that name stays ("Puntland", "Jubaland")
            return not any(c.quality == 0 and c.kind in ("region", "admin1", "country") for c in sp.cands)
        return sp.source == "fuzzy" or all(c.quality >= 1 for c in sp.cands)

    def _ambiguous_countries(self, text: str, spans: list[_Span]) -> None:
        """"eastern Congo", "Congo" with Kivu/M23/FARDC in the text: the name two states share is
        read as the alternative state (DR Congo) where the text supports it.  Sets ``cands`` in place."""
        _, rules = _false_positive_rules()
        for sp in spans:
            key = re.sub(r"^the\s+", "", sp.text.strip(), flags=re.I)
            rule = rules.get(key)
            if rule is None or not any(c.kind == "country" and c.country == rule["default"] for c in sp.cands):
                continue
            before = text[max(0, sp.start - 30):sp.start].lower()
            directed = any(re.search(rf"\b{re.escape(w)}\s+(?:the\s+)?$", before) for w in rule.get("before") or ())
            cued = any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in rule.get("cues") or ())
            against = any(re.search(rf"(?<!Democratic )(?<![\w-]){re.escape(w)}(?![\w-])", text)
                          for w in rule.get("against") or ())
            alt = self.gaz.country(rule["alternative"])
            if alt is not None and (directed or (cued and not against)):
                sp.cands = (replace(alt, quality=0),)

    def _outlet_hints(self, text: str, hints: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """Country evidence in the outlet of a source line ("The Nation (Pakistan), 2014-05-05: ...",
        "Kabul Times, 2019-01-02: ...", "Nigerian Tribune, ..."): a country name, a demonym or a
        national capital in it, as ``demonym`` hints (weak evidence, never a location)."""
        out: list[tuple[int, int, str, str]] = []
        have = {(a, b) for a, b, _, _ in hints}
        capitals = {name: iso for iso, name in _capitals()}
        for m in _SOURCE_LINE.finditer(text):
            if _WORLD_OUTLETS.search(m.group(1)):
                continue
            for w in re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?", m.group(1)):
                for a, b in ((w.start(), w.end()), (w.start(), w.start() + len(w.group(0).split()[0]))):
                    word = m.group(1)[a:b].strip(" .")
                    a, b = a + m.start(1), a + m.start(1) + len(word)
                    if (a, b) in have or len(word) < 3:
                        continue
                    iso = demonym_to_iso3(word) or capitals.get(ascii_name(word).casefold()) or next(
                        (c.country for c in self._lookup(word) if c.kind == "country" and c.quality == 0), None)
                    if iso:
                        out.append((a, b, iso, "demonym"))
                        have.add((a, b))
                        break
        return out

    def _prior_region(self, place: Place, c: Candidate, priors: list[tuple[float, float]]) -> Place:
        """``place``, or, when the text's hints put its events near a point (an OSCE SMM report: Donbas)
        and ``c`` is a small village of that country far (> 250 km) from every such point, the same
        name placed in the admin1 around the nearest point at precision ``admin1``: the gazetteer
        lacks the village meant and holds a same-named one elsewhere ("near Lozove": Donetsk, not Crimea).
        """
        if not priors or c.kind != "city" or c.population >= 5000 or c.lat is None or not c.country:
            return place
        dists = [(haversine_km(c.lat, c.lon, plat, plon), plat, plon) for plat, plon in priors]
        d, plat, plon = min(dists)
        if d <= 250:
            return place
        admin1 = self.gaz.admin1_at(c.country, plat, plon)
        if admin1 is None:
            return place
        return Place(text=place.text, name=place.name, admin1=admin1, country=c.country,
                     lat=round(plat, 5), lon=round(plon, 5), precision="admin1")

    @staticmethod
    def _lone(sp: _Span, weights: dict[str, float], demonym_weight: float) -> bool:
        """True when the only other country evidence in the text is one demonym at most
        ("Israeli warplanes hit ... in Nabatieh"): no other place, no country named, no group hint."""
        other = sum(weights.values()) - sp.own_weight
        return demonym_weight < 0.5 and other - demonym_weight < 1e-6

    @staticmethod
    def _keep(sp: _Span, c: Candidate, weights: dict[str, float], unsupported: float, lone: bool = False,
              only_demonyms: bool = False, rival: bool = False, demonym_weight: float = 0.0) -> bool:
        """Whether a resolved span stays a place mention (False: a likely false hit); ``rival``: another
        place named in the text has no candidate in ``c``'s country; ``demonym_weight``: the country
        weight that nationality words ("Israeli", "Iranian") give, negative when the span is neither named
        after a locative preposition ("in/of/near X") nor part of an admin chain."""
        if sp.parent_mismatch or sp.outside_ctx:
            return False  # the admin1 named next to it wins (prefer coarse and right to fine and wrong)
        if sp.source == "weak":
            if not (c.quality == 0 and c.kind == "city" and c.country and c.population >= 1000):
                return False
            if weights.get(c.country, 0.0) >= 0.8:
                return True
            if c.population >= 100_000 and weights.get(c.country, 0.0) > 0 and \
                    weights.get(c.country, 0.0) >= max(weights.values()):
                return True  # "Liberian rebels shell Monrovia": a big town of the country the text points to
            # nothing else in the text says where: a name unique to one country may stand alone
            return not any(v > 0 for v in weights.values()) and len({x.country for x in sp.cands}) == 1
        if sp.supported or c.kind in ("country", "water"):
            return True
        if sp.is_parent and c.quality == 0 and (c.kind in ("admin1", "region") or any(
                x.kind == "admin1" and x.quality == 0 and x.admin1_code == c.admin1_code for x in sp.cands)):
            return True  # "Ash-Shajara town in Dar'a": the admin1 named as the parent of a place
        if c.kind == "city" and c.population >= 1_000_000 and sp.margin > 1.0 and c.quality == 0:
            return True  # a big unambiguous place
        if _named_capital(sp, c):
            return True  # "signed in Doha": a national capital named outright stands abroad
        units = {x.admin1_code for x in sp.cands if x.kind == "admin1" and x.quality == 0}
        if demonym_weight >= 0 and len(units) == 1 and c.admin1_code in units and len(sp.text) > 3 and \
                sum(weights.values()) - sp.own_weight - demonym_weight < 1e-6:
            return True  # "Israeli strikes ... in the countryside of Dar'a": an admin1 named outright
            # outweighs nationality words, which name the actors, when no other place is named
        single_country = len({x.country for x in sp.cands}) == 1
        strong = sp.source in ("ent", "cue") or sp.site or sp.is_parent or " " in sp.text.strip() or \
            sp.text.count("-") >= 2 or (
            c.kind in ("admin1", "admin2", "region") and len(sp.text) > 4)
        own_unsupported = sp.own_weight if sp.own_iso else 0.0
        other_evidence = sum(weights.values()) - sp.own_weight - (unsupported - own_unsupported)
        # a place abroad the text never points to is a likely false hit, unless its name is certain
        # a site-cued name ("in Nabatieh") whose only rival is a demonym ("Israeli warplanes") stands even
        # when only a GeoNames alternate name matches it
        # "Israeli strike on a school in Rafah": a site-cued entity whose only rival evidence is a demonym
        # stands even when the name exists in two countries (the best-scored one; confident only if clear)
        several_ok = only_demonyms and sp.site and sp.source == "ent" and c.quality == 0
        # "north of Raqqa province": a unit named with its admin noun, known by an alternate name only
        admin_named = sp.kind_hint == "admin" and sp.source == "cue" and c.kind in ("admin1", "admin2", "region")
        return not rival and strong and (single_country or several_ok) and other_evidence < 1.0 and (
            c.quality == 0 or (c.quality == 1 and sp.site and sp.source != "fuzzy" and lone)
            or (admin_named and c.quality <= 2 and single_country))

    @staticmethod
    def _demonym_only(hints: list[tuple[int, int, str, str]], spans: list[_Span]) -> dict[str, float]:
        """Countries whose only evidence is nationality words ("Albanians protest in Mitrovica"), with
        that weight: a people named is weak evidence of where a place named outright lies."""
        dem: dict[str, float] = defaultdict(float)
        for _a, _b, iso, kind in hints:
            if kind == "demonym" and iso:
                dem[iso] += 0.3
        for iso, _a, _b, kind in ((h[2], h[0], h[1], h[3]) for h in hints):
            if kind != "demonym":
                dem.pop(iso, None)
        for sp in spans:
            for iso in {c.country for c in sp.cands if c.country}:
                if sp.own_iso == iso or any(c.kind == "country" and c.country == iso for c in sp.cands):
                    dem.pop(iso, None)
        return dict(dem)

    def _choose(self, sp: _Span, weights: dict[str, float], spans: list[_Span],
                priors: list[tuple[float, float]] | None = None) -> None:
        top = max(weights.values()) if weights else 0.0
        scored: list[tuple[float, Candidate]] = []
        ctx_admin1 = {o.best.admin1_code for o in spans if o is not sp and o.best is not None and o.margin > 1.0
                      and not o.road_end and o.best.admin1_code and o.best.kind in ("admin1", "admin2", "city", "region")}
        matched_parent: set[int] = set()
        own, own_iso = sp.own_weight, sp.own_iso
        others = list({o.best.id: o.best for o in spans if o is not sp and o.best is not None
                       and o.best.lat is not None and o.best.kind not in ("country", "water")
                       and o.margin > 1.0}.values())
        # the biggest town of the name: an admin1 smaller than it gets no bonus for being an admin1
        # ("Santiago": Santiago de Chile, not the Dominican province)
        big_town = max((c.population for c in sp.cands if c.kind == "city" and c.quality == 0), default=0) \
            if not (sp.is_parent or sp.paren_tail) else 0
        capitals = _capitals()
        for c in sp.cands:
            s = 0.35 * math.log10(c.population + 10)
            s += {"country": 3.0, "admin1": 0.8, "region": 1.8, "site": 2.5, "camp": 2.5, "crossing": 2.5,
                  "water": 2.5, "airport": 0.3, "city": 0.0, "admin2": 1.2}.get(c.kind, 0.0)
            if c.kind == "admin1" and sp.kind_hint != "admin" and big_town >= max(100_000, 2 * c.population):
                s -= 0.8
            if c.kind == "city" and c.quality == 0 and c.population >= 100_000 and c.country and \
                    (c.country, ascii_name(c.name).casefold()) in capitals:
                s += 0.5  # a national capital
            s += (0.6, 0.0, -0.2, -0.6)[min(c.quality, 3)]
            isos = c.all_countries
            if top > 0 and isos:
                support = max(weights.get(i, 0.0) - (own if i == own_iso else 0.0) for i in isos) / max(top, 1.5)
                s += 3.0 * support
                if support == 0 and c.population < 1_000_000 and c.kind != "country":
                    s -= 2.5
            for par in sp.parents:
                pcs = par.cands
                if any(p.kind in ("admin1", "admin2", "region") and p.admin1_code and p.admin1_code == c.admin1_code
                       for p in pcs) or any(p.kind in ("admin1", "region") and p.country == c.country and
                                            p.admin1 and c.admin1 and p.admin1 == c.admin1 for p in pcs):
                    s += 4.0
                    matched_parent.add(c.id)
                elif any(p.kind == "country" and p.country == c.country for p in pcs):
                    s += 2.5
                elif any(p.country == c.country and p.lat is not None and c.lat is not None and
                         haversine_km(p.lat, p.lon, c.lat, c.lon) < 60 for p in pcs if p.kind != "country"):
                    s += 2.0
            if c.lat is not None and others:
                d = min(haversine_km(c.lat, c.lon, o.lat, o.lon) for o in others if o.id != c.id) \
                    if any(o.id != c.id for o in others) else 1e9
                s += 1.2 if d < 50 else 0.6 if d < 250 else 0.0
            if sp.kind_hint == "admin" and c.kind in ("admin1", "admin2", "region"):
                s += 1.0
            if sp.paren_tail and c.kind == "country" and any(x.kind == "admin1" for x in sp.cands):
                s -= 3.0  # ACLED-style "(Admin2, Admin1)": Niger state, not the Republic of Niger
            if c.admin1_code and c.admin1_code in ctx_admin1:
                s += 1.0
            if priors and c.lat is not None and c.kind == "city" and any(
                    haversine_km(c.lat, c.lon, plat, plon) < 250 for plat, plon in priors):
                s += 1.5
            scored.append((s, c))
        scored.sort(key=lambda x: -x[0])
        best = scored[0][1]
        if best.kind in ("admin1", "admin2") and sp.kind_hint != "admin":
            # "Baghdad", "Kano", "Hama": the town, not the governorate of the same name
            # (an admin2 unit is named after its seat, whose GeoNames name may be an alternate spelling)
            towns = [c for _, c in scored if c.kind == "city" and c.admin1_code == best.admin1_code
                     and c.quality <= best.quality + (1 if best.kind == "admin2" else 0)]
            if not towns and sp.parents:  # "Colon (Colon)": below the unit named as its parent, a town of its name
                towns = [c for _, c in scored if c.kind == "city" and c.id in matched_parent and c.quality == 0]
            if towns:
                i = next(k for k, (_, c) in enumerate(scored) if c is towns[0])
                scored.insert(0, (scored[0][0], scored.pop(i)[1]))
        sp.best = scored[0][1]
        sp.score = scored[0][0]
        sp.parent_mismatch = False
        for par in sp.parents:  # "Pati village (Barwani, Madhya Pradesh)": the parent's country rules
            pc = {p.country for p in par.cands if p.kind in ("admin1", "region", "country") and p.quality == 0}
            if pc and sp.best.country not in pc and not any(c.country in pc for c in sp.cands):
                sp.parent_mismatch = True
        if sp.best.kind == "city" and sp.best.id not in matched_parent:
            # "Minas Viejas, Guerrero", "Buruku (Chikun LGA, ...)": the parent names an admin1 (or an
            # admin2) that this town is not in
            for par in sp.parents:
                if any(p.kind == "country" and p.quality == 0 and p.country == sp.best.country for p in par.cands):
                    continue  # "Arauca, Colombia": the town's own country, not the Colombia municipality in Huila
                if any(p.kind in ("admin1", "admin2", "region") and p.quality == 0 and p.country == sp.best.country
                       for p in par.cands):
                    sp.parent_mismatch = True
        sp.outside_ctx = bool(ctx_admin1) and sp.best.kind == "city" and sp.best.admin1_code not in ctx_admin1 \
            and (sp.best.quality >= 1 or sp.source == "fuzzy") and any(
                o is not sp and o.best is not None and o.best.country == sp.best.country and o.best.admin1_code
                in ctx_admin1 for o in spans)
        # an admin1 named outright ("..., Rio de Janeiro") rules out small same-country towns elsewhere
        explicit = {o.best.admin1_code for o in spans if o is not sp and o.best is not None and o.margin > 1.0
                    and o.best.kind == "admin1" and o.best.country == sp.best.country}
        if explicit and sp.best.kind == "city" and not sp.parents and sp.best.admin1_code not in explicit \
                and sp.best.population < 200_000 and not any(c.admin1_code in explicit for c in sp.cands):
            sp.outside_ctx = True
        others_total = sum(weights.values()) - own
        sp.supported = others_total <= 1e-9 or sp.best.id in matched_parent or any(weights.get(i, 0.0) - (own if i == own_iso else 0.0) > 1e-9
                                                   for i in sp.best.all_countries)
        diff_country = [x for x in scored[1:] if x[1].country != sp.best.country]
        sp.margin = scored[0][0] - diff_country[0][0] if diff_country else 10.0

