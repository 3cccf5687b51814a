"""Headline lists: the one event a UCDP GED source list reports.

A UCDP GED record cites the reports it was coded from, one line each: ``<outlet>, <YYYY-MM-DD>:
<headline>`` (or, in older records, a raw citation string such as ``AFP 2009-03-20 Rebels kill 2
soldiers`` or ``All Africa, 27 November 2002, Rebels routed ...``).  Every line retells the same
incident, often in French, Spanish or Portuguese and often without a verb ("Nouvelle attaque
sanglante à X", "Violencia en X: dos muertos").  :func:`finish_headline_list` turns the extractor's
events of such a text into the one incident UCDP coded:

* **one event**: of several asserted incidents, the one with the highest toll (later reports carry
  the fuller toll); when none is asserted, the best violent event read with another flag (an
  "aggregate" toll, a "hypothetical" demand) stands for it, since every cited report tells a
  real incident; when none was read at all but a headline holds a violence word
  (``data/headlines.yaml``, several languages), a classifier-typed event is built on that word;
* **country**: when no place resolved, the country that the list's places, the sides' names
  ("FARDC", "forces armées centrafricaines", "UNITA rebels") and the event's actors point to most
  often; an outlet's country alone never decides;
* **date**: a headline's own date phrase ("hier", "yesterday", "dimanche", resolved against that
  line's report date by :mod:`sigact.time`), of the event's line or of another line; else the
  earliest report that is not a periodic report title ("Central African Republic MAY 2020",
  "Annual report ..."; a daily report dates its day).  A running total "since Saturday" does not
  move the date: UCDP dates such incidents by the report;
* **deaths**: UCDP's best estimate is the toll of the incident, which the extractor reads per
  headline; a list without any number read gets one death (UCDP codes only events with at
  least one death).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import yaml

from sigact.errors import ConfigError
from sigact.extract.lexicon import load_yaml
from sigact.model import DateSpan, Event, Evidence, Place

log = logging.getLogger(__name__)

__all__ = ["Citation", "citation_lines", "formatted_list", "is_citation_list", "one_citation_incident", "finish_headline_list",
           "violence_match", "violence_words", "periodic_title"]

#: "Outlet, 2020-01-28: headline" (UCDP GED's formatted source lines)
CITATION = re.compile(r"^[^:\n]{2,120}?,?\s\d{4}-\d{2}-\d{2}:?\s")
_LINE = re.compile(r"^(?P<outlet>[^:\n]{2,120}?),?\s(?P<date>\d{4}-\d{2}-\d{2}):?\s")
# an outlet that is itself a title with a colon ("Syria: Damning evidence ..., 2019-10-18: headline")
_LOOSE = re.compile(r"^(?P<outlet>[^\n]{2,240}?),\s(?P<date>\d{4}-\d{2}-\d{2}):\s")
_MONTH_RX = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# the date of a raw citation: ISO, "27 November 2002", "14/6-10" (day/month-year), "10/21/1990", "24-04-02"
_RAW_DATE = (rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<dmy>\d{{1,2}}\s+{_MONTH_RX}\s+(?:\d{{4}}|\d{{2}}))"
             r"|(?P<slash>\d{1,2}/\d{1,2}[-/](?:\d{4}|\d{2}))|(?P<dash>\d{2}-\d{2}-\d{2})")
# a raw citation string: an outlet (capitalised, no sentence verb before the date) then the date, then the headline
_RAW = re.compile(rf"^(?P<outlet>(?-i:[A-Z])[\w&.,'’/ -]{{1,70}}?)[\s,(]*(?:{_RAW_DATE})\b[),:.;/]*\s*(?P<head>\S)", re.I)
_DATE_ANY = _RAW_DATE.replace("?P<iso>", "?:").replace("?P<dmy>", "?:").replace("?P<slash>", "?:").replace("?P<dash>", "?:")
# other raw shapes: BBC Monitoring's "Radio X, City, in Pashto 1230 gmt 14 Apr 97. headline"; numbered
# "(1) headline 24 January 2010 BBC Monitoring (2) ..."; "headline, Outlet, 2010-08-13" / "headline 8 March 2011 Outlet"
_RAW_GMT = re.compile(rf"^(?P<outlet>(?-i:[A-Z])[^\n]{{2,150}}?),?\s+in\s+[a-z]+\s+\d{{3,4}}\s*gmt\s+(?P<date>{_DATE_ANY})"
                      rf"\b[.:,;)]*\s*(?P<head>\S)", re.I)
_RAW_NUMBERED = re.compile(rf"^\(1\)\s*(?P<head>\S.{{8,300}}?)\s+(?P<date>{_DATE_ANY})\s+(?P<outlet>(?-i:[A-Z])[^()\n]{{1,60}}?)"
                           rf"\s*(?:\(2\)|$)", re.I)
_RAW_TRAILING = re.compile(rf"^(?P<head>(?-i:[A-Z0-9])[^\n]{{8,400}}?)(?:,\s+(?P<outlet>(?-i:[A-Z])[\w .&'’-]{{1,60}}?),\s+"
                           rf"(?P<date>{_DATE_ANY})|\s+(?P<date2>{_DATE_ANY})\s+(?P<outlet2>(?-i:[A-Z])[\w .&'’-]{{1,60}}?))\s*$", re.I)
_NOT_OUTLET = re.compile(r"^(?:on|in|at|as|around|about|between|since|from|during|by|late|early|overnight|the|a|an|"
                         r"last|this|next|before|after|until|as of|of)\b", re.I)
_RAW_MAX_CHARS = 1500


@dataclass(frozen=True)
class Citation:
    """One cited report: ``text[start:end]`` is the line, ``head`` the offset where its headline
    starts, ``date`` the report's ISO date (``None`` when the citation gives none we can read)."""

    start: int
    end: int
    head: int
    outlet: str
    date: str | None


@dataclass(frozen=True)
class _Rules:
    violence: re.Pattern[str]
    lethal: re.Pattern[str]
    periodic: tuple[re.Pattern[str], ...]


def _stems(words: list[str]) -> re.Pattern[str]:
    """One regex for ``words``: each matches at a word start; a trailing ``$`` means the whole word."""
    alts = sorted((re.escape(w.rstrip("$")).replace(r"\ ", r"\s+") + (r"\b" if w.endswith("$") else "")
                   for w in words if w), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + ")", re.I) if alts else re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Returns the headline vocabulary of ``data/headlines.yaml`` (read once per process)."""
    data = load_yaml("headlines.yaml")
    return _Rules(
        violence=_stems([str(w) for w in data.get("violence") or ()]),
        lethal=_stems([str(w) for w in data.get("lethal") or ()]),
        periodic=tuple(re.compile(p, re.I) for p in data.get("periodic") or ()),
    )


def violence_words() -> list[str]:
    """Returns the ``violence`` words of ``data/headlines.yaml`` (the stems that say a UCDP headline
    reports lethal or armed violence), in file order.  Raises :class:`~sigact.errors.ConfigError`
    when the file cannot be read or has no such list."""
    try:
        return [str(w) for w in load_yaml("headlines.yaml")["violence"] if w]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the headline violence words: {exc}") from exc


def violence_match(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """Returns the first violence word of ``text[start:end]`` (``data/headlines.yaml``), or None."""
    return _rules().violence.search(text, start, len(text) if end is None else end)


def periodic_title(headline: str) -> bool:
    """True when ``headline`` is the title of a periodic or background report ("Central African
    Republic MAY 2020", "CAR Daily 2014.05.14", "Annual report ..."), not a report of an incident."""
    return any(p.search(headline.strip()) for p in _rules().periodic)


def _raw_date(m: re.Match[str]) -> str | None:
    """Returns the ISO date of a raw citation's date group (``None`` when it does not parse), read by
    :func:`sigact.time.phrases.short_date` (two-digit years: :func:`sigact.time.phrases.expand_year`)."""
    from sigact.time.phrases import short_date

    d = short_date(next((m.group(g) for g in ("iso", "dmy", "slash", "dash") if m.group(g)), ""))
    return d.isoformat() if d else None


def formatted_list(text: str) -> bool:
    """True when every line of ``text`` is an "Outlet, 2020-01-28: headline" citation (UCDP GED's
    formatted list of the reports it coded one incident from)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(CITATION.match(ln) or _LOOSE.match(ln) for ln in lines)


def citation_lines(text: str) -> list[Citation]:
    """Returns the cited reports of a headline list, in text order: every "Outlet, date: headline"
    line, or the one raw citation string ("AFP 2009-03-20 headline") that makes up the whole
    text; an empty list when ``text`` is no such list."""
    out: list[Citation] = []
    pos = 0
    if formatted_list(text):
        for line in text.split("\n"):
            lead = len(line) - len(line.lstrip())
            m = _LINE.match(line.strip()) or _LOOSE.match(line.strip())
            if m:
                out.append(Citation(pos + lead, pos + len(line.rstrip()), pos + lead + m.end(),
                                    m.group("outlet").strip(), m.group("date")))
            pos += len(line) + 1
        return out
    stripped = text.strip()
    if not stripped or len(stripped) > _RAW_MAX_CHARS or "\n" in stripped:
        return []  # a raw citation string is one line
    lead = len(text) - len(text.lstrip())
    other = _raw_other(stripped)
    if other is not None:
        outlet, date, a, b = other
        return [Citation(lead, lead + len(stripped), lead + a, outlet, date)] if b == len(stripped) else \
            [Citation(lead, lead + b, lead + a, outlet, date)]
    m = _RAW.match(stripped)
    if m is None or _NOT_OUTLET.match(m.group("outlet")):
        return []
    outlet = m.group("outlet").strip(" ,(")
    if len(outlet) < 2:
        return []
    if outlet.isupper() and "," in stripped[:m.start("head")] and stripped[m.start("head")] == "(":
        return []  # "KABUL, 3 May 2020 (Reuters) - ...": an article's dateline
    if stripped[m.start("head")] in "-–—":
        return []
    return [Citation(lead, lead + len(stripped), lead + m.start("head"), outlet, _raw_date(m))]


def _raw_other(line: str) -> tuple[str, str | None, int, int] | None:
    """``(outlet, ISO date, headline start, headline end)`` of a raw citation string in one of the
    other shapes (``_RAW_GMT``, ``_RAW_NUMBERED``, ``_RAW_TRAILING``), or None."""
    m = _RAW_GMT.match(line)
    if m is not None:
        return m.group("outlet").strip(" ,"), _date_text(m.group("date")), m.start("head"), len(line)
    m = _RAW_NUMBERED.match(line) or _RAW_TRAILING.match(line)
    if m is None:
        return None
    outlet = m.group("outlet") or m.groupdict().get("outlet2") or ""
    if len(outlet.strip()) < 2 or line.rstrip().endswith("."):
        return None
    date = m.group("date") or m.groupdict().get("date2") or ""
    return outlet.strip(), _date_text(date), m.start("head"), m.end("head")


def _date_text(text: str) -> str | None:
    """The ISO date of a citation date string ("14 Apr 97", "2010-08-13", "30/8-03"), or None."""
    m = re.fullmatch(_RAW_DATE, text.strip(), re.I)
    return _raw_date(m) if m else None


def is_citation_list(text: str) -> bool:
    """True when ``text`` is a UCDP-style list of cited reports (see :func:`citation_lines`)."""
    return bool(citation_lines(text))


def one_citation_incident(events: list[Event]) -> list[Event]:
    """The one incident a citation list reports: of its asserted incidents (not threats or
    aggregates), the one with the highest death toll, then the highest confidence (the
    headlines retell one incident, and the later reports carry the fuller toll).  Returns
    ``events`` unchanged when fewer than two asserted incidents were read."""
    incidents = [e for e in events if e.is_incident]
    if len(incidents) < 2:
        return events
    best = max(incidents, key=lambda e: (e.fatalities or 0, e.confidence))
    return [e for e in events if e is best or not e.is_incident]


# ---------------------------------------------------------------------- the one incident
def finish_headline_list(ex: Any, events: list[Event], doc: Any, article: Any, *, geo: Any = None,
                         dates: Any = None, doc_probs: dict[str, float] | None = None,
                         tolls: list[Any] | None = None) -> list[Event]:
    """Returns the events of a headline list (``doc.text``; see :func:`citation_lines`) with its one
    incident asserted, placed, dated and counted as the module docstring says; ``ex`` is the
    :class:`~sigact.extract.extractor.EventExtractor` that read ``events``.  A text that is no
    headline list, or a list without any violence word and no event, comes back unchanged."""
    text = doc.text
    cites = citation_lines(text)
    if not cites:
        return events
    events = one_citation_incident(events)
    if not any(e.is_incident for e in events):
        promoted = _promote(ex, events, doc, violent_only=True)
        fb = None
        if promoted is None:
            fb = _fallback_event(ex, doc, article, cites, geo, dates, doc_probs, tolls or [])
            if fb is None:
                promoted = _promote(ex, events, doc, violent_only=False)
        if promoted is not None:
            src, new = promoted
            events = [new if e is src else e for e in events]
        elif fb is not None:
            events = events + [fb]
    incidents = [e for e in events if e.is_incident]
    if not incidents:
        return events
    primary = max(incidents, key=lambda e: e.confidence)
    done = _complete(ex, primary, doc, cites, geo, dates)
    return [done if e is primary else e for e in events]


def _promote(ex: Any, events: list[Event], doc: Any, *, violent_only: bool) -> tuple[Event, Event] | None:
    """The best event read with a flag other than "asserted" ("aggregate" tolls, a headline's
    demand read as hypothetical) and its asserted copy (a cited report tells a real incident), or
    None when there is none; ``violent_only``: only an event of a violent type, with deaths or
    with a UCDP type."""
    violent = ex.lex.violent_event_types
    cands = [e for e in events if not e.is_incident and (not violent_only or (
        e.acled_event_type in violent or e.fatalities or e.ucdp_type is not None))]
    if not cands:
        return None
    best = max(cands, key=lambda e: (e.acled_event_type in violent, e.fatalities or 0, e.confidence))
    ucdp = best.ucdp_type
    if ucdp is None:
        ucdp = _ucdp_of(ex, best, doc)
    return best, replace(best, factuality="asserted", ucdp_type=ucdp)


def _ucdp_of(ex: Any, ev: Event, doc: Any) -> Any:
    """The UCDP type of violence of ``ev`` (the extractor's rule), ``None`` when it fails."""
    try:
        return ex._ucdp(ev.actor1, ev.actor2, ev.acled_event_type, text=doc.text[:800],
                        sub_event_type=ev.acled_sub_event_type, fatalities=ev.fatalities,
                        context_country=ev.location.country if ev.location else None,
                        classifier=ex.ucdp_classifier, date=ev.date.start if ev.date else None)
    except Exception as exc:  # the type is an addition: a failure must not lose the event
        log.warning("ucdp_type failed: %s", exc)
        return None


def _fallback_event(ex: Any, doc: Any, article: Any, cites: list[Citation], geo: Any, dates: Any,
                    doc_probs: dict[str, float] | None, tolls: list[Any]) -> Event | None:
    """One event built on the first violence word of a headline that is no periodic report title,
    typed by the whole-text classifier among the violent ACLED types (``Attack`` without a
    classifier).  Returns None when no headline holds a violence word."""
    text = doc.text
    order = [c for c in cites if not periodic_title(text[c.head:c.end])] + \
            [c for c in cites if periodic_title(text[c.head:c.end])]
    hit = next((m for c in order for m in [violence_match(text, c.head, c.end)] if m), None)
    if hit is None:
        return None
    span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
    if span is None or not len(span):
        return None
    anchor = span.root
    violent = ex.lex.violent_event_types
    probs = {k: v for k, v in (doc_probs or {}).items() if ex.lex.event_type_of(k) in violent}
    sub = max(probs, key=probs.get) if probs else "Attack"
    probs = probs or {sub: 0.3}
    d = ex.draft_on(anchor, sub, probs, doc, geo, dates, None, tolls, headline=True)
    return ex._event(d, article, doc)


def _complete(ex: Any, ev: Event, doc: Any, cites: list[Citation], geo: Any, dates: Any) -> Event:
    """``ev`` with its country, date and death toll completed by the list-wide rules."""
    text = doc.text
    changes: dict[str, Any] = {}
    loc_ev = next((e for e in ev.evidence if e.field == "location"), None)
    if loc_ev is not None and _in_outlet(loc_ev.start, cites):
        # "Voice of the Islamic Republic of Iran, Mashhad, in Dari ...": the outlet's seat is no place
        ev = replace(ev, location=None, evidence=tuple(e for e in ev.evidence if e.field != "location"))
        changes["location"], changes["evidence"] = None, ev.evidence
    if ev.location is None or not ev.location.country:
        lead = prefix_place(geo, text, cites)
        if lead is not None:
            changes["location"], pev = lead
            changes["evidence"] = tuple(e for e in ev.evidence if e.field != "location") + (pev,)
        else:
            iso = list_country(ex, ev, text, geo, cites)
            if iso:
                changes["location"] = _country_place(geo, iso)
    place = changes.get("location", ev.location)
    if place is not None and place.country and place.precision in ("country", "admin1"):
        finer = list_place(geo, place, cites)
        if finer is not None:
            changes["location"] = finer.place
            changes["evidence"] = tuple(e for e in changes.get("evidence", ev.evidence) if e.field != "location") + (
                Evidence("location", finer.start, finer.end, finer.text),)
    date = list_date(ev, text, cites, dates)
    if date is not None and date != ev.date:
        changes["date"] = date
        kept = tuple(e for e in changes.get("evidence", ev.evidence) if e.field != "date")
        pos = _phrase_in_headlines(text, cites, date.text)
        changes["evidence"] = kept + ((Evidence("date", pos, pos + len(date.text), date.text),)
                                      if pos is not None and date.text else ())
    if ev.fatalities is None:
        # a count the toll reader missed, else one: UCDP codes an event only with at least one death
        hit = _headline_count_hit(text, cites)
        changes["fatalities"] = hit[0] if hit else 1
        if hit:
            changes["evidence"] = changes.get("evidence", ev.evidence) + (
                Evidence("fatalities", hit[1], hit[2], text[hit[1]:hit[2]]),)
    if ev.ucdp_type is None:  # every incident of a GED list is organised violence
        ucdp = _ucdp_of(ex, replace(ev, **changes), doc)
        if ucdp is not None:
            changes["ucdp_type"] = ucdp
    return replace(ev, **changes) if changes else ev


def _in_outlet(pos: int, cites: list[Citation]) -> bool:
    """True when offset ``pos`` lies in a citation's outlet part (before its headline)."""
    return any(c.start <= pos < c.head for c in cites)


def _phrase_in_headlines(text: str, cites: list[Citation], phrase: str | None) -> int | None:
    """Offset of the first occurrence of ``phrase`` inside a headline of ``text``, or None."""
    if not phrase:
        return None
    for c in cites:
        pos = text.find(phrase, c.head, c.end)
        if pos >= 0:
            return pos
    return None


@lru_cache(maxsize=1)
def _count_rx() -> re.Pattern[str]:
    """A count followed, within three words, by a people noun: ``tolls.yaml``'s plural victim heads and
    ``headlines.yaml``'s ``count_nouns``."""
    from sigact.extract.numbers import get_number_lexicon

    victims = load_yaml("tolls.yaml").get("victims") or {}
    extra = load_yaml("headlines.yaml").get("count_nouns") or ()
    nouns = sorted({str(w).lower() for w in (*(victims.get("plural") or ()), *extra)}, key=len, reverse=True)
    noun_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in nouns)
    num = get_number_lexicon().number_src
    return re.compile(rf"(?<![\w.,/-])(?P<n>{num})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{noun_alt})\b", re.I)


def headline_count(text: str, cites: list[Citation]) -> int | None:
    """The largest count of people ("Six Anti-Government Militias", "quatre soldats") in a headline
    that says somebody died (``lethal`` words of ``data/headlines.yaml``), for a list whose toll
    the toll reader did not find; None when no such headline has one."""
    hit = _headline_count_hit(text, cites)
    return hit[0] if hit else None


def _headline_count_hit(text: str, cites: list[Citation]) -> tuple[int, int, int] | None:
    """``(count, start, end)`` of :func:`headline_count`'s count phrase in ``text``, or None."""
    from sigact.extract.numbers import parse_quantity

    best: tuple[int, int, int] | None = None
    for c in cites:
        head = text[c.head:c.end]
        if periodic_title(head) or not _rules().lethal.search(head) or _aggregate(head):
            continue
        for m in _count_rx().finditer(head):
            n = parse_quantity(m.group("n"))
            if n is not None and 0 < n < 1000 and not (1900 <= n <= 2100) and (best is None or n > best[0]):
                best = (n, c.head + m.start(), c.head + m.end())
    return best


def _aggregate(headline: str) -> bool:
    """True when the toll reader reads a running or period total in ``headline``."""
    from sigact.extract.tolls import find_tolls

    return any(getattr(t, "aggregate", False) for t in find_tolls(headline, 0))


_FINER = ("site", "town", "admin2")
# a francophone headline's leading place: "Djibo : deux civils tués ...", "Kidal: ..."
_PREFIX = re.compile(r"\s*(?P<name>(?-i:[A-Z])[\w'’.-]+(?:[ -](?-i:[A-Z])[\w'’.-]+){0,2})\s?:\s")
_PREFIX_MIN_POP = 10_000


def prefix_place(geo: Any, text: str, cites: list[Citation]) -> tuple[Place, Evidence] | None:
    """The place a headline names before its colon ("Djibo : deux civils tués", "Kidal: ..."), for a
    list whose incident the geo stage could not place: the gazetteer's exact-name entries (towns of
    at least ``_PREFIX_MIN_POP`` people, admin1 units, countries) must all lie in one country; the
    largest of them.  Returns ``(place, location evidence)``, or None."""
    gaz = getattr(geo, "gaz", None)
    if gaz is None:
        return None
    for c in cites:
        m = _PREFIX.match(text, c.head, c.end)
        if m is None:
            continue
        try:
            cands = [x for x in gaz.lookup(m.group("name")) if x.quality == 0 and x.country and (
                x.kind in ("country", "admin1") or (x.kind == "city" and x.population >= _PREFIX_MIN_POP))]
        except Exception as exc:  # the gazetteer is optional evidence here
            log.warning("gazetteer lookup failed: %s", exc)
            return None
        if not cands or len({x.country for x in cands}) != 1:
            continue
        best = max(cands, key=lambda x: (x.kind == "city", x.population))
        place = Place(text=m.group("name"), name=best.display_name, admin1=best.admin1 if best.kind != "country" else None,
                      admin2=best.admin2, country=best.country,
                      lat=round(best.lat, 5) if best.lat is not None else None,
                      lon=round(best.lon, 5) if best.lon is not None else None, precision=best.precision,
                      geonameid=best.geonameid)
        return place, Evidence("location", m.start("name"), m.end("name"), m.group("name"))
    return None


def list_place(geo: Any, place: Place, cites: list[Citation]) -> Any:
    """A finer place for a list's incident placed only at country (or admin1) level: the town or
    site of that country (and admin1) that the most headlines name, a name after a locative ("à
    Bria", "near Kidal") counting one and a bare name half; the earliest-named on a tie.  Returns
    that place's mention (``.place``, ``.start``, ``.end``, ``.text``), None when no headline names one."""
    counts: dict[str, float] = {}
    first: dict[str, Any] = {}
    for c in cites:
        seen: set[str] = set()
        for m in getattr(geo, "mentions", None) or ():
            p = m.place
            if not (c.head <= m.start < c.end) or m.role != "place" or not m.confident:
                continue
            finer = _FINER + (("admin1",) if place.precision == "country" else ())
            if p.country != place.country or p.precision not in finer or not p.name:
                continue
            if place.precision == "admin1" and place.admin1 and p.admin1 != place.admin1:
                continue
            key = p.name
            if key not in seen:
                seen.add(key)
                counts[key] = counts.get(key, 0.0) + (1.0 if m.site else 0.5)
                first.setdefault(key, m)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    return first[best]


def list_country(ex: Any, ev: Event, text: str, geo: Any, cites: list[Citation] | None = None) -> str | None:
    """The country (ISO3) a headline list points to when its event has none: one vote per headline
    for each country its resolved places name, one per known armed group or state force with a
    country ("FARDC", "UNITA rebels", "forces armées centrafricaines"), one for each of the event's
    actors with a country, and the geo stage's document country; an outlet's country is no vote.
    Returns None when nothing votes."""
    votes: Counter[str] = Counter()
    for m in getattr(geo, "mentions", None) or ():
        if getattr(m, "role", "place") == "place" and m.place.country and not _in_outlet(m.start, cites or []):
            votes[m.place.country] += 1
    for a in (ev.actor1, ev.actor2):
        if a is not None and a.country:
            votes[a.country] += 1
    finder = getattr(ex.actors, "find", None)
    if finder is not None:
        try:
            for m in finder(text):
                if m.kind == "group" and m.actor.country:
                    votes[m.actor.country] += 1
        except Exception as exc:  # actor hints are optional evidence
            log.warning("actor hints failed: %s", exc)
    focus = getattr(geo, "focus_country", None)
    if focus:
        votes[focus] += 0.5
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: kv[1])[0]


def _country_place(geo: Any, iso3: str) -> Place:
    maker = getattr(geo, "_country_place", None)
    if maker is not None:
        try:
            return maker(iso3)
        except Exception as exc:  # fall back to a bare country place
            log.warning("country place failed: %s", exc)
    from sigact.geo.countries import country_name

    return Place(name=country_name(iso3), country=iso3, precision="country")


def list_date(ev: Event, text: str, cites: list[Citation], dates: Any) -> DateSpan | None:
    """The date of a headline list's incident: a raw citation string's own day word; the event's own
    headline date phrase; else a day that another headline names ("killed on Sunday", "hier": the
    earliest such day no later than the first report and at most ``_HEADLINE_DAYS`` days before
    it); else the earliest report date among the lines that are not periodic report titles (all
    lines when every one is).  Returns the event's date when nothing of that dates it."""
    d = ev.date if ev.date is not None and ev.date.start else None
    if len(cites) == 1 and not formatted_list(text):
        own = _raw_date_of(text, cites[0])
        if own is not None or d is not None or not cites[0].date:
            return own or d
        return DateSpan(cites[0].date, cites[0].date, "reported", None)
    if d is not None and d.precision not in (None, "reported") and d.start:
        return d
    real = [c.date for c in cites if c.date and not periodic_title(text[c.head:c.end])]
    pool = real or [c.date for c in cites if c.date]
    if not pool:
        return d
    first = min(pool)
    named = _headline_days(text, cites, dates, first)
    if named is not None:
        return named
    return DateSpan(first, first, "reported", None)


_HEADLINE_DAYS = 14


def _raw_date_of(text: str, cite: Citation) -> DateSpan | None:
    """The day a raw citation string's headline names ("Reuters 20 April 1996 Seven killed
    yesterday in ..."), resolved against the citation's own date; None when it names none (the
    citation's date then stands: the day before it is the event day on UCDP's records about as
    often as the day itself)."""
    if not cite.date:
        return None
    from sigact.time.resolver import resolve_date

    own = resolve_date(text[cite.head:cite.end], cite.date)
    if own is not None and own.start and own.precision == "day" and own.start <= cite.date:
        return own
    return None


def _headline_days(text: str, cites: list[Citation], dates: Any, first: str) -> DateSpan | None:
    """The earliest day a headline's own date phrase ("on Sunday", "hier"; not a "since" or "after"
    phrase) names, between ``_HEADLINE_DAYS`` days before ``first`` (the first report) and ``first``; None if none."""
    lo = (dt.date.fromisoformat(first) - dt.timedelta(days=_HEADLINE_DAYS)).isoformat()
    heads = [(c.head, c.end) for c in cites if not periodic_title(text[c.head:c.end])]
    best: DateSpan | None = None
    for m in getattr(dates, "mentions", None) or ():
        if m.kind in ("published", "after", "since") or m.reporting or not any(a <= m.start < b for a, b in heads):
            continue
        sp = m.span
        if sp is None or sp.precision != "day" or not sp.start:
            continue
        if lo <= sp.start <= first and (best is None or sp.start < best.start):
            best = DateSpan(sp.start, sp.end or sp.start, "day", m.text)
    return best
