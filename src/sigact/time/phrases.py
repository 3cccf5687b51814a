"""Find date phrases in text and resolve them to ISO date spans.

:func:`find_date_mentions` scans a text with the regexes of
:mod:`sigact.time.lexicon` and returns :class:`DateMention` records whose
``span`` is resolved against a publication date (``anchor``).

Resolution rules (all relative to the anchor, "the publication date"):

* weekdays ("on Saturday", "Saturday night", "late Tuesday", "Monday's") -> the most
  recent such day on or before the anchor ("last Monday" excludes the anchor day,
  "next Monday" looks forward);
* day-month without a year ("on 30 April") -> the most recent such date on or before the
  anchor; without an anchor, the ``context_year`` (the year of the first full date in
  the same text) when given;
* month alone ("in October") -> the most recent such month on or before the anchor,
  precision ``month``; month-year and year alone are absolute;
* two-digit years ("3/4/97", "14 Apr 97") are 20yy below :data:`TWO_DIGIT_YEAR_PIVOT` (70) and
  19yy from it on (:func:`expand_year`; the one rule for every two-digit year sigact reads);
* numeric dates: ``YYYY-MM-DD`` always; ``a/b/YYYY`` is day-first when ``a > 12``,
  month-first when ``b > 12``; when both could be months the reading on or before the
  anchor and closest to it wins, and day-first without an anchor (international and
  ACLED usage);
* ranges ("between 3 and 5 May", "on the night of 12 to 13 March") -> precision ``range``;
* "since X" -> kind ``since``, range from the start of X to the anchor;
  "after/following X" -> kind ``after``, range from X to the anchor;
* approximate dates ("Around 27 April 2020", "(as reported)", "(week of)") keep the stated
  day as start and end and get precision ``week``;
* relative expressions ("yesterday", "overnight", "last week", "earlier this month",
  "two days ago") follow the rules of ``relative``/``ago_units`` in the lexicon;
  "the previous day", "two days later" count from the last day-precision date mentioned
  before them (else from the anchor).

Without an anchor, phrases that need one are returned unresolved rather than guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable

from sigact.errors import InputError
from sigact.model import DateSpan
from sigact.scale import fastpath
from sigact.scale import blanks
from sigact.time.lexicon import DateLexicon, get_lexicon

__all__ = ["DateMention", "DateScan", "find_date_mentions", "scan_date_phrases", "parse_iso_date", "short_date",
           "expand_year", "TWO_DIGIT_YEAR_PIVOT"]

_PRECISION_RANK = {"day": 0, "range": 1, "week": 2, "month": 3, "year": 4, "reported": 5}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in a text.

    ``start``/``end`` are character offsets (end exclusive); ``span`` is the resolved
    date span (``DateSpan(None, None, None, text)`` when it could not be resolved, e.g.
    "on Saturday" without a publication date); ``kind`` is ``point``, ``range``,
    ``since``, ``after`` or ``published`` (the date of a "<outlet>, <date>:" citation
    line); ``point`` is the phrase's own date for ``since``/``after`` mentions;
    ``reporting`` marks a date that follows a reporting verb ("said on Monday");
    ``explicit`` marks a date with day, month and year written out; ``cue_start`` is the
    offset of the "since"/"after" word of such mentions; ``modifier`` marks a date that
    modifies a noun ("Monday's strikes", "the 12 March bombing"): it dates that noun's event.
    """

    start: int
    end: int
    text: str
    span: DateSpan
    kind: str = "point"
    point: DateSpan | None = None
    reporting: bool = False
    explicit: bool = False
    cue_start: int | None = None
    modifier: bool = False

    @property
    def resolved(self) -> bool:
        """True when the span has a start date."""
        return self.span.start is not None


def parse_iso_date(value: str | dt.date | None) -> dt.date | None:
    """The date of an ISO date/datetime string (or date), ``None`` when it does not parse."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


#: a two-digit year below this is 20yy, from it on 19yy (see :func:`expand_year`)
TWO_DIGIT_YEAR_PIVOT = 70


def expand_year(yy: int) -> int:
    """Returns the four-digit year of a two-digit year ``yy``: ``2000 + yy`` below
    :data:`TWO_DIGIT_YEAR_PIVOT` ("02" -> 2002), else ``1900 + yy`` ("97" -> 1997)."""
    return 2000 + yy if yy < TWO_DIGIT_YEAR_PIVOT else 1900 + yy


# the short dates of citations and datelines (see short_date)
_SHORT_DATE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    r"|(?P<dmy>(?P<d>\d{1,2})\s+(?P<mon>[^\W\d_]+)\.?\s+(?P<y>\d{4}|\d{2}))"
    r"|(?P<slash>(?P<a>\d{1,2})/(?P<b>\d{1,2})(?P<sep>[-/])(?P<c>\d{4}|\d{2}))"
    r"|(?P<dash>(?P<dd>\d{2})-(?P<mm>\d{2})-(?P<yy>\d{2}))", re.I)


def _full_year(ys: str) -> int:
    return int(ys) if len(ys) == 4 else expand_year(int(ys))


def short_date(text: str) -> dt.date | None:
    """Returns the date a whole short date string names, ``None`` when it is none of these shapes
    or no valid day:

    * ISO ``2002-11-27``;
    * day, month name (or abbreviation, a dot allowed) and year: "27 November 2002", "14 Apr 97";
    * ``a/b-yy`` is day/month-year ("14/6-10"); ``a/b/yyyy`` month/day/year ("10/21/1990") unless
      ``a > 12`` ("21/10/1990");
    * ``dd-mm-yy`` ("24-04-02").

    Two-digit years follow :func:`expand_year`.  (Citation lines of UCDP GED source lists and raw
    citation strings date their reports this way.)
    """
    m = _SHORT_DATE.fullmatch(text.strip())
    if m is None:
        return None
    if m.group("iso"):
        return _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    if m.group("dmy"):
        mon = get_lexicon().month_of.get(m.group("mon").lower())
        return _safe_date(_full_year(m.group("y")), mon, int(m.group("d"))) if mon else None
    if m.group("slash"):
        a, b = int(m.group("a")), int(m.group("b"))
        day, month = (a, b) if m.group("sep") == "-" or a > 12 else (b, a)
        return _safe_date(_full_year(m.group("c")), month, day)
    return _safe_date(expand_year(int(m.group("yy"))), int(m.group("mm")), int(m.group("dd")))


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]


def _span(a: dt.date | None, b: dt.date | None, precision: str | None, text: str) -> DateSpan:
    if a is None:
        return DateSpan(None, None, None, text)
    return DateSpan(_iso(a), _iso(b or a), precision, text)


def _yearless(m: int, d: int, anchor: dt.date | None, context_year: int | None) -> dt.date | None:
    """Day ``d`` of month ``m`` in the most recent year that puts it on or before the anchor."""
    if anchor is not None:
        cand = _safe_date(anchor.year, m, d)
        if cand is None:
            return None
        if cand > anchor:
            cand = _safe_date(anchor.year - 1, m, d)
        return cand
    if context_year is not None:
        return _safe_date(context_year, m, d)
    return None


class _Resolver:
    """Resolves one regex match of a named pattern; returns ``(span, kind, explicit)`` or ``None``."""

    def __init__(self, lex: DateLexicon, anchor: dt.date | None, context_year: int | None):
        self.lex = lex
        self.anchor = anchor
        self.context_year = context_year
        self.previous: dt.date | None = None  # the last day-precision date before the match

    def month(self, word: str | None) -> int | None:
        return self.lex.month_of.get(word.lower().rstrip(".")) if word else None

    def _month_ok(self, word: str, text: str, start: int, alone: bool) -> bool:
        w = word.lower()
        if w in self.lex.ambiguous_months and alone:
            return word[0].isupper()
        return True

    # --- handlers --------------------------------------------------------------
    def ged_line(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        d = parse_iso_date(m.group("date"))
        return (_span(d, d, "day", m.group("date")), "published", True) if d else None

    def range_dm(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        conn = m.group("conn").strip().lower()
        if conn in ("and", "et") and not m.group("pre"):
            return None
        m2 = self.month(m.group("m2"))
        m1 = self.month(m.group("m1")) or m2
        if m1 is None or m2 is None:
            return None
        if not self._month_ok(m.group("m2"), text, m.start(), alone=False):
            return None
        d1, d2 = _day_num(m.group("d1")), _day_num(m.group("d2"))
        y2 = int(m.group("y2")) if m.group("y2") else None
        y1 = int(m.group("y1")) if m.group("y1") else None
        if y2 is None and y1 is None:
            end = _yearless(m2, d2, self.anchor, self.context_year)
            if end is None:
                return None
            y2 = end.year
        y2 = y2 or y1
        y1 = y1 or (y2 - 1 if m1 > m2 else y2)
        a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)  # type: ignore[arg-type]
        if a is None or b is None or b < a or (b - a).days > 62:
            return None
        return _span(a, b, "range", m.group(0)), "range", bool(m.group("y1") or m.group("y2"))

    def range_md(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        conn = m.group("conn").strip().lower()
        if conn in ("and", "et") and not m.group("pre"):
            return None
        m1 = self.month(m.group("m1"))
        m2 = self.month(m.group("m2")) or m1
        if m1 is None or m2 is None or not m.group("m1")[0].isupper():
            return None
        d1, d2 = _day_num(m.group("d1")), _day_num(m.group("d2"))
        if m.group("y"):
            y2 = int(m.group("y"))
        else:
            end = _yearless(m2, d2, self.anchor, self.context_year)
            if end is None:
                return None
            y2 = end.year
        y1 = y2 - 1 if m1 > m2 else y2
        a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if a is None or b is None or b < a or (b - a).days > 62:
            return None
        return _span(a, b, "range", m.group(0)), "range", bool(m.group("y"))

    def iso(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return (_span(d, d, "day", m.group(0)), "point", True) if d else None

    def numeric(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        a, b, ys = int(m.group("a")), int(m.group("b")), m.group("y")
        if len(ys) == 2:
            if m.group("sep") != "/":
                return None
            y = expand_year(int(ys))
        else:
            y = int(ys)
        day_first = _safe_date(y, b, a)
        month_first = _safe_date(y, a, b)
        if a > 12:
            d = day_first
        elif b > 12:
            d = month_first
        elif day_first and month_first and day_first != month_first and self.anchor is not None:
            cands = [c for c in (day_first, month_first) if c <= self.anchor]
            d = max(cands) if cands else min(day_first, month_first)
        else:
            d = day_first or month_first
        return (_span(d, d, "day", m.group(0)), "point", True) if d else None

    def dmy(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        mon = self.month(m.group("m"))
        if mon is None:
            return None
        word = m.group("m")
        if not m.group("y") and (word.lower() in self.lex.ambiguous_months and not word[0].isupper()):
            return None
        d = _day_num(m.group("d"))
        if m.group("y"):
            date = _safe_date(int(m.group("y")), mon, d)
        else:
            date = _yearless(mon, d, self.anchor, self.context_year)
        return (_span(date, date, "day", m.group(0)), "point", bool(m.group("y"))) if date else \
            (DateSpan(None, None, None, m.group(0)), "point", False)

    def mdy(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        word = m.group("m")
        mon = self.month(word)
        if mon is None or not word[0].isupper():
            return None
        d = _day_num(m.group("d"))
        if m.group("y"):
            date = _safe_date(int(m.group("y")), mon, d)
        else:
            before = text[max(0, m.start() - 12):m.start()].lower()
            ordinal = not m.group("d").isdigit()
            if not (ordinal or re.search(r"(?:\b(?:on|since|until|by|from|of|before|after|to|le)\s+|^\s*|\n\s*|[(,]\s*)$",
                                         before)):
                return None
            date = _yearless(mon, d, self.anchor, self.context_year)
        return (_span(date, date, "day", m.group(0)), "point", bool(m.group("y"))) if date else \
            (DateSpan(None, None, None, m.group(0)), "point", False)

    def my(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        mon = self.month(m.group("m"))
        if mon is None:
            return None
        y = int(m.group("y"))
        return _span(dt.date(y, mon, 1), _month_end(y, mon), "month", m.group(0)), "point", False

    def month_alone(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        word = m.group("m")
        mon = self.month(word)
        if mon is None or not self._month_ok(word, text, m.start(), alone=True):
            return None
        prep = m.group("prep").strip().lower()
        if self.anchor is not None:
            y = self.anchor.year if mon <= self.anchor.month else self.anchor.year - 1
            if prep == "next":
                y = self.anchor.year if mon > self.anchor.month else self.anchor.year + 1
            elif prep == "last" and mon == self.anchor.month:
                y -= 1
        elif self.context_year is not None:
            y = self.context_year
        else:
            return DateSpan(None, None, None, m.group(0)), "point", False
        a, b = dt.date(y, mon, 1), _month_end(y, mon)
        if self.anchor is not None and a <= self.anchor < b:
            b = self.anchor
        return _span(a, b, "month", m.group(0)), ("since" if prep in ("since", "depuis") else "point"), False

    def year(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        y = int(m.group("y"))
        prep = m.group("prep").strip().lower()
        return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", m.group(0)), \
            ("since" if prep in ("since", "depuis") else "point"), False

    def weekday(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        word = m.group("wd")
        wd = self.lex.weekday_of.get(word.lower())
        if wd is None or (word.isascii() and word.lower() in (
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday") and not word[0].isupper()):
            return None
        mod = (m.group("mod") or "").lower()
        kind = "since" if mod == "since" else ("after" if mod in ("after", "following") else "point")
        if self.anchor is None:
            return DateSpan(None, None, None, m.group(0)), kind, False
        back = (self.anchor.weekday() - wd) % 7
        if mod == "last" and back == 0:
            back = 7
        if mod == "next":
            fwd = (wd - self.anchor.weekday()) % 7 or 7
            d = self.anchor + dt.timedelta(days=fwd)
        else:
            d = self.anchor - dt.timedelta(days=back)
        return _span(d, d, "day", m.group(0)), kind, False

    def relative(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        rule = self.lex.relative.get(re.sub(r"\s+", " ", m.group("rel").lower()))
        if rule is None:
            return None
        phrase = m.group(0)
        a = self.anchor
        if a is None:
            return DateSpan(None, None, None, phrase), "point", False
        r = rule["rule"]
        if r == "day":
            d = a + dt.timedelta(days=int(rule.get("offset", 0)))
            return _span(d, d, "day", phrase), "point", False
        if r == "days":
            return _span(a + dt.timedelta(days=int(rule["from"])), a + dt.timedelta(days=int(rule["to"])),
                         rule.get("precision", "range"), phrase), "range", False
        if r == "this_week":
            return _span(a - dt.timedelta(days=a.weekday()), a, "week", phrase), "range", False
        if r == "prev_week":
            mon = a - dt.timedelta(days=a.weekday() + 7)
            return _span(mon, mon + dt.timedelta(days=6), "week", phrase), "range", False
        if r == "weekend":
            sat = a - dt.timedelta(days=(a.weekday() - 5) % 7)
            return _span(sat, min(sat + dt.timedelta(days=1), a), "range", phrase), "range", False
        if r == "this_month":
            return _span(a.replace(day=1), a, "month", phrase), "range", False
        if r == "prev_month":
            last = a.replace(day=1) - dt.timedelta(days=1)
            return _span(last.replace(day=1), last, "month", phrase), "range", False
        if r == "this_year":
            return _span(dt.date(a.year, 1, 1), a, "year", phrase), "range", False
        if r == "prev_year":
            return _span(dt.date(a.year - 1, 1, 1), dt.date(a.year - 1, 12, 31), "year", phrase), "range", False
        return None

    def previous_rel(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        """"the previous day", "two days later": from the last date mentioned before, else the anchor."""
        if m.group("rel"):
            off = self.lex.relative_previous.get(re.sub(r"\s+", " ", m.group("rel").lower()))
        else:
            n_s = m.group("n").lower()
            n = int(n_s) if n_s.isdigit() else self.lex.number_of.get(n_s)
            off = None if n is None else (n if m.group("dir").lower() == "later" else -n)
        base = self.previous or self.anchor
        if off is None or base is None:
            return DateSpan(None, None, None, m.group(0)), "point", False
        d = base + dt.timedelta(days=off)
        return _span(d, d, "day", m.group(0)), "point", False

    def ago(self, m: re.Match[str], text: str) -> tuple[DateSpan, str, bool] | None:
        n_s = m.group("n").lower()
        n = int(n_s) if n_s.isdigit() else self.lex.number_of.get(re.sub(r"\s+", " ", n_s))
        unit = self.lex.ago_units.get(m.group("u").lower())
        if n is None or unit is None:
            return None
        if self.anchor is None:
            return DateSpan(None, None, None, m.group(0)), "point", False
        d = self.anchor - dt.timedelta(days=n * int(unit["days"]))
        return _span(d, d, unit["precision"], m.group(0)), "point", False


# pattern name -> handler name; earlier entries win ties on equal length
_ORDER: tuple[tuple[str, str], ...] = (
    ("ged_line", "ged_line"),
    ("range_dm", "range_dm"),
    ("range_md", "range_md"),
    ("iso", "iso"),
    ("numeric", "numeric"),
    ("dmy", "dmy"),
    ("mdy", "mdy"),
    ("my", "my"),
    ("month", "month_alone"),
    ("year", "year"),
    ("ago", "ago"),
    ("previous", "previous_rel"),
    ("relative", "relative"),
    ("weekday", "weekday"),
)


def _qualify(lex: DateLexicon, text: str, men: DateMention, anchor: dt.date | None) -> DateMention:
    """Apply approximation, since/after and reporting context around a mention."""
    before = text[max(0, men.start - 40):men.start]
    span, kind, end = men.span, men.kind, men.end
    if kind == "published":
        return men
    # approximate qualifiers: "Around 27 April 2020 (as reported)"
    approx = bool(lex.approx_before.search(before))
    prec = "week"
    pm = lex.approx_paren.match(text[end:end + 130])
    if pm:
        approx = True
        q = pm.group("q").lower()
        for key, p in lex.parenthetical_precision.items():
            if key in q:
                prec = p
                break
        end = end + pm.end()
    if approx and span.start is not None and span.precision in ("day", "range"):
        span = DateSpan(span.start, span.end, prec if span.precision == "day" else span.precision, span.text)
    if end != men.end:
        span = replace(span, text=text[men.start:end])
    point = None
    cue_start: int | None = men.start if kind in ("since", "after") else None
    if kind not in ("since", "after"):
        sb = lex.since_before.search(before)
        sc = None if sb else (lex.since_clause.search(text, max(0, men.start - 90), men.start)
                              if kind == "point" and span.precision in ("month", "year") else None)
        ab = None if (sb or sc) else lex.after_before.search(before)
        if sb or sc:
            kind = "since"
            cue_start = (men.start - len(before) + sb.start()) if sb else sc.start()  # type: ignore[union-attr]
        elif ab:
            kind = "after"
            cue_start = men.start - len(before) + ab.start()
    if kind in ("since", "after") and span.start is not None:
        point = span
        stop = _iso(anchor) if anchor is not None else None
        span = DateSpan(span.start, stop if stop and stop >= span.start else span.end, "range", span.text)
    reporting = bool(lex.reporting_before.search(before))
    modifier = bool(re.search(r"['’]s$", text[men.start:end]) or
                    (_DET_BEFORE.search(before) and _NOUN_AFTER.match(text, end)))
    return DateMention(men.start, end, text[men.start:end], span, kind, point, reporting, men.explicit, cue_start,
                       modifier)


_DET_BEFORE = re.compile(r"\b(?:the|a|an|this|that)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|of|for|by|with|when|as|was|were|is|are|had|has|have|,)\b)[a-z]+\b")


@dataclass(frozen=True)
class DateScan:
    """The regex matches of one text, which do not depend on any anchor date: ``text``; ``found``,
    every non-empty match of every pattern as ``(start, -length, priority, handler, match)`` in the
    order :func:`find_date_mentions` reads them; ``first_year``, the year of the text's first full
    date (see :func:`_first_year`).  One scan serves several resolutions of the same text (the
    publication date, then a dateline's date)."""

    text: str
    found: tuple[tuple[int, int, int, str, re.Match[str]], ...]
    first_year: int | None


def scan_date_phrases(text: str) -> DateScan:
    """Returns the :class:`DateScan` of ``text``: each pattern of the date lexicon run once."""
    lex = get_lexicon()
    # a text blanked by the relevance stage is scanned without its long runs of spaces (same matches)
    bm = blanks.blank_map(text) if fastpath.enabled() else None
    scans = {pname: list(blanks.finditer(lex.patterns[pname], text, bm)) for pname, _ in _ORDER}
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for prio, (pname, handler) in enumerate(_ORDER):
        for m in scans[pname]:
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), prio, handler, m))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return DateScan(text, tuple(found), _first_year(text, lex, scans))


def find_date_mentions(text: str, anchor: dt.date | str | None = None, *, context_year: int | None = None,
                       anchors: Callable[[int], dt.date | None] | None = None,
                       scan: DateScan | None = None) -> list[DateMention]:
    """Date phrases of ``text``, left to right, non-overlapping (longest match wins).

    ``anchor`` is the publication date used for relative phrases; ``anchors``, when
    given, returns the anchor for a character offset (used for "<outlet>, <date>:"
    citation lines, each dated by its own line).  ``context_year`` resolves yearless
    dates when there is no anchor.  ``scan``: the :func:`scan_date_phrases` of ``text`` when the
    caller has it (resolving one text against two anchors scans it once).  Returns mentions with
    resolved spans where possible.
    """
    lex = get_lexicon()
    base = parse_iso_date(anchor) if not isinstance(anchor, dt.date) else anchor
    if scan is None:
        scan = scan_date_phrases(text)
    elif scan.text is not text and scan.text != text:
        raise InputError("find_date_mentions: the scan is of another text")
    if context_year is None:
        context_year = scan.first_year
    out: list[DateMention] = []
    taken_until = -1
    last_day: dt.date | None = None
    resolvers: dict[dt.date | None, _Resolver] = {}
    for start, neglen, _prio, handler, m in scan.found:
        end = start - neglen
        if start < taken_until:
            continue
        a = anchors(start) if anchors is not None else base
        if a is None:
            a = base
        res = resolvers.get(a)
        if res is None:
            res = resolvers[a] = _Resolver(lex, a, context_year)
        res.previous = last_day
        got = getattr(res, handler)(m, text)
        if got is None:
            continue
        span, kind, explicit = got
        if handler == "ged_line":
            # the mention is the date itself, not the outlet
            start, end = m.start("date"), m.end("date")
        men = DateMention(start, end, text[start:end], replace(span, text=text[start:end]), kind,
                          explicit=explicit)
        out.append(_qualify(lex, text, men, a))
        if kind in ("point", "published") and span.start is not None and span.precision == "day" and \
                span.start == span.end:
            last_day = parse_iso_date(span.start)
        taken_until = men.end if handler != "ged_line" else m.end()
        taken_until = max(taken_until, out[-1].end)
    return _merge_adjacent(out)


_ADJ_GAP = re.compile(r"^[\s,()]*$")


def _merge_adjacent(ms: list[DateMention]) -> list[DateMention]:
    """Fold a relative/day-part phrase right after an explicit date into that date
    ("On 21 October 2022, overnight, ...")."""
    out: list[DateMention] = []
    for m in ms:
        if out:
            prev = out[-1]
            gap_ok = m.start - prev.end <= 4
            if (gap_ok and prev.explicit and prev.kind == "point" and not m.explicit and m.kind in ("point", "range")
                    and (m.span.start is None or m.span.precision in ("day", "range"))
                    and m.text.lower().strip() in ("overnight", "night", "tonight", "last night", "this morning")):
                out[-1] = replace(prev, end=m.end)
                continue
        out.append(m)
    return out


_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _first_year(text: str, lex: DateLexicon, scans: dict[str, list[re.Match[str]]] | None = None) -> int | None:
    """The year of the first full date in ``text`` (else of the first month-year or "in <year>"),
    used for yearless dates when there is no publication date.  ``scans``: the patterns' matches
    over ``text`` when the caller has them already (the same matches, not scanned twice)."""
    for names in (("dmy", "mdy", "iso", "range_dm"), ("my", "year")):
        best: tuple[int, int] | None = None
        for name in names:
            for m in (scans[name] if scans is not None and name in scans else lex.patterns[name].finditer(text)):
                y = m.groupdict().get("y") or m.groupdict().get("y2")
                if y:
                    if best is None or m.start() < best[0]:
                        best = (m.start(), int(y))
                    break
        if best is not None:
            return best[1]
    return None


def precision_rank(p: str | None) -> int:
    """Sort key: finer precision first (day=0 ... reported=5, unknown=6)."""
    return _PRECISION_RANK.get(p or "", 6)
