"""Field-level comparison rules of ``sigact eval`` (documented in docs/evaluation.md).

Every function here answers one question ("is this predicted value right for
this gold value?") and returns a bool, so each rule can be tested on its own.
The rules that depend on other stages (country names -> ISO3, actor aliases)
use those stages' functions when they are importable and a documented
fallback otherwise; :func:`rule_sources` says which one is in use.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from datetime import date, timedelta
from importlib import resources
from typing import Any, Callable, Mapping

import yaml

from sigact.errors import ConfigError
from sigact.model import Actor, DateSpan, Event
from sigact.resources import load_yaml

__all__ = [
    "rules",
    "rule_sources",
    "haversine_km",
    "label_key",
    "country_iso3",
    "normalise_admin1",
    "admin1_equal",
    "gold_date_range",
    "date_within",
    "dates_overlap",
    "fatalities_equal",
    "actor_equal",
    "primary_event",
    "ucdp_type_of",
]


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The scoring data (``evaluate/data/rules.yaml``) as a dict, loaded once."""
    try:
        text = resources.files("sigact.evaluate").joinpath("data/rules.yaml").read_text(encoding="utf-8")
        data = load_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read evaluation rules: {exc}", code="SIG-E401") from exc
    if not isinstance(data, dict):
        raise ConfigError("evaluation rules file is not a mapping", code="SIG-E401")
    return data


# --------------------------------------------------------------------------- text helpers

def _fold(text: str) -> str:
    """Casefolded, accent-free text with punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("'", "").replace("\u2019", "").replace("`", "")
    return re.sub(r"[^\w]+", " ", text).strip()


def label_key(label: str | None) -> str | None:
    """A comparison key for a taxonomy label: casefolded, without spaces.

    ``"Explosions / Remote violence"`` and ``"explosions/remote violence"`` give
    the same key; ``None`` stays ``None``.
    """
    if label is None:
        return None
    return re.sub(r"\s+", "", label).casefold() or None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- country

def _external_to_iso3() -> Callable[[str], str | None] | None:
    try:
        from sigact.geo.countries import to_iso3  # type: ignore[attr-defined]
    except ImportError:
        return None
    return to_iso3


@functools.lru_cache(maxsize=4096)
def _fallback_iso3(name: str) -> str | None:
    import pycountry

    aliases = {k.casefold(): v for k, v in rules()["country_aliases"].items()}
    candidates = [name.strip(), re.sub(r"\s*\([^)]*\)", "", name).strip()]
    for cand in candidates:
        if not cand:
            continue
        if len(cand) == 3 and cand.isupper() and pycountry.countries.get(alpha_3=cand):
            return cand
        if cand.casefold() in aliases:
            return aliases[cand.casefold()]
        try:
            return pycountry.countries.lookup(cand).alpha_3
        except LookupError:
            continue
    return None


def country_iso3(name: str | None) -> str | None:
    """The ISO3 code of a country name or code (``"DR Congo (Zaire)"`` -> ``"COD"``).

    Uses ``sigact.geo.countries.to_iso3`` when available, else pycountry plus the
    alias table in ``rules.yaml``; returns ``None`` when the name is unknown.
    """
    if not name:
        return None
    ext = _external_to_iso3()
    if ext is not None:
        try:
            code = ext(name)
        except (LookupError, ValueError):
            code = None
        if code:
            return code
    return _fallback_iso3(name)


# --------------------------------------------------------------------------- admin1

@functools.lru_cache(maxsize=1)
def _admin1_tables() -> tuple[frozenset[str], frozenset[str], dict[str, int]]:
    r = rules()
    generic = frozenset(_fold(w) for w in r["admin1_generic_words"])
    directions = frozenset(_fold(w).replace(" ", "") for w in r["admin1_direction_words"])
    groups: dict[str, int] = {}
    for i, group in enumerate(r["admin1_aliases"]):
        for name in group:
            groups[normalise_admin1(name, _generic=generic)] = i
    return generic, directions, groups


def normalise_admin1(name: str | None, *, _generic: frozenset[str] | None = None) -> str | None:
    """An admin-1 name reduced for comparison.

    Casefolded, accents and punctuation removed, generic words ("province",
    "region", "state", "governorate", ...) dropped; when only generic words
    remain the folded name is kept whole.  Returns ``None`` for a missing name.
    """
    if not name:
        return None
    generic = _generic if _generic is not None else _admin1_tables()[0]
    folded = _fold(name)
    kept = [t for t in folded.split() if t not in generic]
    return " ".join(kept) if kept else (folded or None)


def admin1_equal(pred: str | None, gold: str | None) -> bool:
    """Whether two admin-1 names denote the same unit.

    True when their normalised forms are equal, belong to one alias group of
    ``rules.yaml``, or are transliteration variants (equal keys, see
    :func:`_translit_key`) that carry the same direction words.
    A missing name on either side is never equal.
    """
    a, b = _admin1_key(pred), _admin1_key(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    _, directions, groups = _admin1_tables()
    if a in groups and groups.get(b) == groups[a]:
        return True
    if {t for t in a.split() if t in directions} != {t for t in b.split() if t in directions}:
        return False
    return _translit_key(a) == _translit_key(b)


@functools.lru_cache(maxsize=16384)
def _admin1_key(name: str | None) -> str | None:
    return normalise_admin1(name)


@functools.lru_cache(maxsize=16384)
def _translit_key(name: str) -> str:
    """A spelling key that absorbs common transliteration variants of a normalised name.

    Spaces removed, ``y`` read as ``i``, ``oo``/``ou`` as ``u``, ``h`` after a
    consonant dropped (kh/k, sh/s, dh/d), doubled consonants collapsed: "Paktya" /
    "Paktia", "Pakhtoonkhwa" / "Pakhtunkhwa", "Tillaberi" / "Tillabery".
    """
    key = name.replace(" ", "").replace("y", "i").replace("oo", "u").replace("ou", "u")
    key = re.sub(r"(?<=[bcdfgjklmnpqrstvwxz])h", "", key)
    return re.sub(r"([bcdfgjklmnpqrstvwxz])\1+", r"\1", key)


# --------------------------------------------------------------------------- dates

def _iso(d: str | None) -> date | None:
    if not d:
        return None
    try:
        return date.fromisoformat(str(d)[:10])
    except ValueError:
        return None


def gold_date_range(gold_date: str, precision: str | None = None, date_end: str | None = None) -> tuple[date, date]:
    """The span of days the gold date allows, inclusive.

    ``date_end`` (GED) gives ``date..date_end``.  Otherwise by ACLED precision:
    ``day`` -> the day; ``week`` -> six days either side (ACLED places a
    week-precision event on a day inside the week, so any day of a week that
    contains it is accepted); ``month`` -> the calendar month plus 15 days either
    side of the date; ``year`` -> the calendar year.
    """
    d = _iso(gold_date)
    if d is None:
        raise ValueError(f"bad gold date {gold_date!r}")
    end = _iso(date_end)
    if end is not None and end >= d:
        return d, end
    p = (precision or "day").casefold()
    if p == "week":
        return d - timedelta(days=6), d + timedelta(days=6)
    if p == "month":
        first = d.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return min(first, d - timedelta(days=15)), max(nxt - timedelta(days=1), d + timedelta(days=15))
    if p == "year":
        return d.replace(month=1, day=1), d.replace(month=12, day=31)
    return d, d


def _pred_span(span: DateSpan | None) -> tuple[date, date] | None:
    if span is None:
        return None
    s = _iso(span.start)
    e = _iso(span.end) or s
    if s is None:
        return None
    return (s, e) if e >= s else (e, s)


def date_within(pred: DateSpan | None, gold: tuple[date, date]) -> bool:
    """Whether the predicted span lies entirely inside the gold range (inclusive).

    For a one-day gold range this means the predicted start and end are both
    that day.  A missing or unparseable prediction is wrong.
    """
    span = _pred_span(pred)
    if span is None:
        return False
    return gold[0] <= span[0] and span[1] <= gold[1]


def dates_overlap(pred: DateSpan | None, gold: tuple[date, date]) -> bool:
    """Whether the predicted span shares at least one day with the gold range."""
    span = _pred_span(pred)
    if span is None:
        return False
    return span[0] <= gold[1] and gold[0] <= span[1]


# --------------------------------------------------------------------------- tolls

def fatalities_equal(pred: int | None, gold: int | None) -> bool:
    """Exact count comparison where "not stated" (``None``) counts as 0.

    ACLED codes 0 when no deaths are reported and the pipeline leaves the field
    ``None`` when the text states no toll, so both mean "none reported".
    """
    return (pred or 0) == (gold or 0)


# --------------------------------------------------------------------------- actors

def _external_actor_matches() -> Callable[[Actor, str], bool] | None:
    try:
        from sigact.extract.actors import actor_matches  # type: ignore[attr-defined]
    except ImportError:
        return None
    return actor_matches


def _actor_key(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)", " ", name)  # "(2019-)" dates of a government
    return _fold(name) or None


def _fallback_actor_match(pred: Actor, gold_name: str) -> bool:
    g = _actor_key(gold_name)
    qualifier = re.search(r"\(([^)]*)\)\s*$", gold_name)
    g_bare = _actor_key(re.sub(r"\([^)]*\)", " ", gold_name))
    q_iso = country_iso3(qualifier.group(1)) if qualifier else None
    # the bare name counts only when the qualifier's country does not contradict the prediction
    bare_ok = q_iso is None or pred.country is None or country_iso3(pred.country) == q_iso
    for cand in (pred.acled_name, pred.name, pred.text):
        k = _actor_key(cand)
        if k and (k == g or (bare_ok and k == g_bare)):
            return True
    return False


def actor_equal(pred: Actor | None, gold_name: str | None, *, gold_country: str | None = None,
                gold_type: str | None = None) -> bool:
    """Whether a predicted actor is the gold actor ``gold_name``.

    The same normalised ``acled_name`` or ``name`` always matches.  Otherwise uses
    ``sigact.extract.actors.actor_matches(pred, gold_name)`` when that function exists; only when it does not, the normalised ``acled_name``,
    ``name`` or ``text`` must equal the normalised gold name, or the gold name
    without its parenthesised qualifier when that qualifier is not a country
    other than the prediction's ("Protesters (Iran)" ~ "protesters" of IRN or of
    unknown country; ACLED government date ranges like "(2019-)" are ignored).  For hand-coded
    article gold that gives ``gold_country`` and ``gold_type``, an actor with
    the same ISO3 country and the same actor type also matches.
    """
    if pred is None or not gold_name:
        return False
    g_key = _actor_key(gold_name)
    if any(_actor_key(n) == g_key for n in (pred.acled_name, pred.name) if n):
        return True  # the very same name (also for "A and/or B" and coalition names)
    ext = _external_actor_matches()
    if ext is not None:
        try:
            if ext(pred, gold_name):
                return True
        except (LookupError, ValueError, TypeError):
            pass
    elif _fallback_actor_match(pred, gold_name):
        return True
    if gold_country and gold_type and pred.country and pred.type:
        return pred.country.upper() == gold_country.upper() and pred.type.casefold() == gold_type.casefold()
    return False


# --------------------------------------------------------------------------- events

def primary_event(events: list[Event]) -> Event | None:
    """The system's primary event: the highest-confidence asserted event.

    Ties go to the event listed first; ``None`` when no event is asserted.
    """
    best: Event | None = None
    for ev in events:
        if ev.factuality != "asserted":
            continue
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


def ucdp_type_of(event_type: str | None) -> int | None:
    """UCDP type 1/2/3 for a GED ``type_of_violence`` label (``None`` if unknown)."""
    if not event_type:
        return None
    table: Mapping[str, int] = rules()["ucdp_types"]
    return table.get(event_type.strip().casefold())


def rule_sources() -> dict[str, str]:
    """Which implementation each stage-dependent rule uses right now."""
    return {
        "country": "sigact.geo.countries.to_iso3" if _external_to_iso3() else "pycountry+rules.yaml (fallback)",
        "actor": ("sigact.extract.actors.actor_matches"
                  if _external_actor_matches() else "normalised names (fallback)"),
    }
