"""Dating events: :class:`DateResolver` (pipeline stage) and :func:`resolve_date`.

``DateResolver.analyze(doc, published)`` finds every date phrase of an article once
(regex grammar of :mod:`sigact.time.phrases`, plus dateparser for spaCy ``DATE``
entities the grammar does not cover) and returns a :class:`DocDates`, whose
``date_for(start, end)`` dates one event span.

Citation texts ("<outlet>, <YYYY-MM-DD>: <headline>", one report per line, as in UCDP
GED source lists) are handled line by line: the line's date is the publication date of
that report, so it anchors the relative phrases of the headline ("on Saturday") and, when
no headline has a date of its own, the earliest line date dates the event with precision
``reported`` (the lines of such a text cite reports of one event; the earliest report is
the tightest bound).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from sigact.model import DateSpan, Evidence
from sigact.time.lexicon import get_lexicon
from sigact.time.phrases import DateMention, find_date_mentions, parse_iso_date, precision_rank, scan_date_phrases

__all__ = ["DateResolver", "DocDates", "DateMention", "resolve_date", "analyze_text", "dateline_date"]

_SENT_RE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_NO_DATE = DateSpan(None, None, None, None)
# dateparser reads durations as dates ("two weeks" -> two weeks ago, "the 1990s" -> today):
# it is only asked about phrases that name a month or weekday or say "ago"
_DP_WORDS = re.compile(r"\bago\b", re.I)


def _dateparser_worthy(phrase: str) -> bool:
    """True when ``phrase`` names a month or weekday, or says "ago"."""
    if _DP_WORDS.search(phrase):
        return True
    lex = get_lexicon()
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return any(w in lex.month_of or w in lex.weekday_of for w in words)


def _sentences(text: str, doc: Any | None) -> list[tuple[int, int]]:
    if doc is not None:
        try:
            if doc.has_annotation("SENT_START"):
                return [(s.start_char, s.end_char) for s in doc.sents]
        except (AttributeError, ValueError):
            pass
    out, pos = [], 0
    for para in re.finditer(r"[^\n]+", text):
        pos = para.start()
        for m in _SENT_RE.finditer(para.group(0)):
            out.append((pos, para.start() + m.start()))
            pos = para.start() + m.end()
        out.append((pos, para.end()))
    return out or [(0, len(text))]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)] or [(0, len(text))]


@functools.lru_cache(maxsize=4096)
def _dateparser_span(phrase: str, anchor_iso: str | None) -> DateSpan | None:
    """dateparser's reading of ``phrase`` relative to ``anchor_iso``; ``None`` if it has none."""
    if not phrase.strip() or len(phrase) > 80 or not _dateparser_worthy(phrase):
        return None
    anchor = parse_iso_date(anchor_iso)
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
    from dateparser.date import DateDataParser  # heavy import: only when needed

    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, TypeError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if anchor is None and not re.search(r"\b(1[89]|20)\d\d\b", phrase):
        return None  # dateparser would silently use today's year
    if period == "month":
        start = d.replace(day=1)
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return DateSpan(start.isoformat(), (nxt - dt.timedelta(days=1)).isoformat(), "month", phrase)
    if period == "year":
        return DateSpan(f"{d.year}-01-01", f"{d.year}-12-31", "year", phrase)
    if period == "week":
        return DateSpan((d - dt.timedelta(days=d.weekday())).isoformat(),
                        (d + dt.timedelta(days=6 - d.weekday())).isoformat(), "week", phrase)
    return DateSpan(d.isoformat(), d.isoformat(), "day", phrase)


@dataclass
class DocDates:
    """The date phrases of one text and the rules that date an event span.

    ``published`` is the publication date (ISO) used as anchor; ``mentions`` the
    date phrases left to right; ``citations`` the ``(line_start, line_end, date_iso)``
    of "<outlet>, <date>:" lines; ``dateline`` the report's own date from a news dateline
    ("KABUL, March 3 (AFP) -", "Beirut, 12 June 2024 —") or, when ``published`` is unknown, a
    date that opens the text ("2020-05-13 ...", "Published: 13 May 2020").  The dateline is never
    an event's date phrase: it anchors the relative phrases ("on Saturday" is the most recent
    Saturday on or before it) and is the reported date of events with no date of their own.
    """

    published: str | None
    mentions: list[DateMention]
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    citations: list[tuple[int, int, str]] = field(default_factory=list)
    dateline: str | None = None

    def __post_init__(self) -> None:
        self._starts: dict[int, list[int]] = {}
        self._usable: list[DateMention] | None = None

    def _index(self, bounds: Sequence[tuple[int, int]], pos: int) -> int:
        starts = self._starts.get(id(bounds))
        if starts is None:
            starts = self._starts[id(bounds)] = [b[0] for b in bounds]
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    def _candidates(self, lo: int, hi: int) -> list[DateMention]:
        """Resolved event-dating mentions overlapping ``[lo, hi)`` (computed once per document)."""
        if self._usable is None:
            self._usable = [m for m in self.mentions if m.resolved and m.kind != "published" and self._citation_ok(m)]
            self._usable_starts = [m.start for m in self._usable]
        i = max(bisect.bisect_left(self._usable_starts, lo) - 1, 0)
        out = []
        for m in self._usable[i:]:
            if m.start >= hi:
                break
            if m.end > lo:
                out.append(m)
        return out

    def _evidence(self, m: DateMention) -> Evidence:
        return Evidence(field="date", start=m.start, end=m.end, text=m.text)

    def _pick(self, cands: list[DateMention], prefer_last: bool = False) -> DateMention | None:
        if not cands:
            return None
        kind_rank = {"point": 0, "range": 0, "after": 1, "since": 2}
        ordered = sorted(enumerate(cands), key=lambda im: (
            im[1].reporting, kind_rank.get(im[1].kind, 3), precision_rank(im[1].span.precision) >= 3,
            -im[0] if prefer_last else im[0]))
        return ordered[0][1]

    def _citation_for(self, start: int) -> tuple[int, int, str] | None:
        for c in self.citations:
            if c[0] <= start < c[1] or (start == c[1] and start == len(self.text)):
                return c
        return None

    def date_for(self, start: int, end: int) -> tuple[DateSpan, Evidence | None]:
        """The date of the event expressed by characters ``[start, end)``.

        In order: a date phrase inside the span (the event's own date; "since"/"after"
        phrases give a range to the anchor); else the nearest preceding date phrase of
        the same sentence, then a following one of the same sentence; else the nearest
        preceding day/week/range phrase of the same paragraph (not one that dates a
        report, "said on Monday"); else the citation line's date or the publication
        date with precision ``reported`` and no evidence; else an empty span.
        Never raises.
        """
        try:
            return self._date_for(int(start), int(end))
        except (TypeError, ValueError, IndexError):
            return self._fallback(start)

    def first_reported(self) -> str | None:
        """The earliest citation-line date ("<outlet>, <date>:"), ``None`` without citations."""
        return min((c[2] for c in self.citations), default=None)

    def _citation_ok(self, m: DateMention) -> bool:
        """In a citation list, whether a headline's own date phrase can date the event: a day,
        short range or week ending no later than the first report (month/year phrases and later
        dates are the titles and dates of periodic reports: "Central African Republic MAY 2020")."""
        first = self.first_reported()
        if first is None:
            return True
        sp = m.span
        if sp.start is None or sp.precision not in ("day", "range", "week"):
            return False
        end = sp.end or sp.start
        a, b = parse_iso_date(sp.start), parse_iso_date(end)
        return end <= first and a is not None and b is not None and (b - a).days <= 7

    def _fallback(self, start: Any) -> tuple[DateSpan, Evidence | None]:
        # A citation list reports one event from several outlets: the earliest report is the
        # closest bound (on UCDP train records the earliest line date falls in the gold range
        # more often than the line's own date or the day before it).
        first = self.first_reported()
        if first is not None:
            return DateSpan(first, first, "reported", None), None
        pub = parse_iso_date(self.dateline) or parse_iso_date(self.published)
        if pub is not None:
            return DateSpan(pub.isoformat(), pub.isoformat(), "reported", None), None
        return _NO_DATE, None

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self._index(self.sentences, pos)]

    def _span_for(self, m: DateMention, start: int) -> DateSpan | None:
        """The span ``m`` gives an event starting at ``start``, ``None`` when it does not date it.

        An "after X" phrase dates an event three ways: the event *is* X when the event span
        starts after the "after" word ("a weekend attack" inside "after a weekend attack");
        a sentence-initial "After Monday's strikes, X warned" bounds the sentence's events
        (range X..publication); a trailing "..., after a weekend attack" only says the main
        event came later, which the publication date bounds better, so it is not used.
        """
        if m.kind != "after":
            return m.span
        cue = m.cue_start if m.cue_start is not None else m.start
        if cue < start <= m.end or (start >= cue and m.point is not None and start < m.end):
            return m.point or m.span
        s0, _s1 = self._sentence_of(cue)
        if not self.text[s0:cue].strip(" \t\"“‘'(["):
            return m.span
        return None

    def _date_for(self, start: int, end: int) -> tuple[DateSpan, Evidence | None]:
        if end < start:
            start, end = end, start
        s0, s1 = self._sentence_of(start)
        p0, p1 = self.paragraphs[self._index(self.paragraphs, start)] if self.paragraphs else (0, len(self.text))
        usable = self._candidates(min(s0, p0, start), max(s1, p1, end))
        spans = {id(m): self._span_for(m, start) for m in usable}
        usable = [m for m in usable if spans[id(m)] is not None]

        def result(m: DateMention) -> tuple[DateSpan, Evidence | None]:
            return spans[id(m)], self._evidence(m)  # type: ignore[return-value]

        inside = [m for m in usable if m.start < end and m.end > start]
        m = self._pick(inside)
        if m is not None:
            return result(m)
        same = [x for x in usable if x.start >= s0 and x.end <= max(s1, end)]
        before = [x for x in same if x.end <= start and x.span.precision != "year"]
        m = self._pick([x for x in before if not x.reporting], prefer_last=True)
        if m is None:
            after = [x for x in same if x.start >= end and x.span.precision != "year" and x.kind not in ("since", "after")
                     and not x.modifier]
            m = self._pick([x for x in after if not x.reporting]) or self._pick(before + after)
        if m is not None:
            return result(m)
        if self.paragraphs:
            p0, _p1 = self.paragraphs[self._index(self.paragraphs, start)]
            before = [x for x in usable if p0 <= x.start and x.end <= start and not x.reporting and not x.modifier
                      and x.kind in ("point", "range", "after") and x.span.precision in ("day", "week", "range")]
            if before:
                return result(before[-1])
        return self._fallback(start)


class DateResolver:
    """Pipeline stage: finds and resolves the date phrases of a parsed article."""

    def __init__(self, *, use_dateparser: bool = True):
        self.use_dateparser = use_dateparser
        get_lexicon()  # fail early on a broken data file

    @classmethod
    def default(cls) -> "DateResolver":
        """The process-wide resolver (built once)."""
        global _default
        with _lock:
            if _default is None:
                _default = cls()
            return _default

    def analyze(self, doc: Any, published: str | None) -> DocDates:
        """All date phrases of ``doc`` (a spaCy Doc, or a plain string) resolved against ``published``."""
        text = doc if isinstance(doc, str) else doc.text
        spacy_doc = None if isinstance(doc, str) else doc
        return analyze_text(text, published, doc=spacy_doc, use_dateparser=self.use_dateparser)


def analyze_text(text: str, published: str | None, *, doc: Any | None = None,
                 use_dateparser: bool = True) -> DocDates:
    """:meth:`DateResolver.analyze` for a text (``doc`` optional, for sentences and DATE entities)."""
    pub = parse_iso_date(published)
    lex = get_lexicon()
    citations: list[tuple[int, int, str]] = []
    for m in lex.patterns["ged_line"].finditer(text):
        d = parse_iso_date(m.group("date"))
        if d is not None:
            line_end = text.find("\n", m.start())
            citations.append((m.start(), len(text) if line_end < 0 else line_end, d.isoformat()))
    anchors = None
    if citations:
        starts = [c[0] for c in citations]

        def citation_anchor(pos: int) -> dt.date | None:
            """Returns the date of the citation line holding ``pos`` (the publication date outside them)."""
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < citations[i][1]:
                return parse_iso_date(citations[i][2])
            return pub

        anchors = citation_anchor

    scan = scan_date_phrases(text)  # the matches do not depend on the anchor: one scan for both readings
    mentions = find_date_mentions(text, pub, anchors=anchors, scan=scan)
    dateline: dt.date | None = None
    dl_start: int | None = None
    if not citations:
        dl = _opening_dateline(text, mentions, labelled=pub is None)
        if dl is not None:
            dateline, dl_start = parse_iso_date(dl.span.start), dl.start
            dateline = _near_publication(dateline, pub)
    anchor = dateline or pub
    if dateline is not None and dateline != pub:
        # relative days ("on Saturday", "overnight") count back from the report's own date
        mentions = find_date_mentions(text, anchor, scan=scan)
    if dl_start is not None:
        # the dateline is the report's date, not an event's
        mentions = [replace(m, kind="published") if m.start == dl_start else m for m in mentions]
    if use_dateparser and doc is not None:
        mentions = _add_dateparser_mentions(doc, mentions, anchor)
    return DocDates(
        dateline=dateline.isoformat() if dateline else None,
        published=pub.isoformat() if pub else None,
        mentions=mentions,
        text=text,
        sentences=_sentences(text, doc),
        paragraphs=_paragraphs(text),
        citations=citations,
    )


_DATELINE_LABEL = re.compile(
    r"^\W{0,3}(?:(?:date|dated|published|posted|updated|last\s+updated)(?:\s+on)?\s*[:\-–]?\s*)?$", re.I)


_DATE_LINE_REST = re.compile(
    r"^[ \t]*(?:[|,·•\-–—]?[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]*\(?[A-Z]{2,5}\)?)?)?[ \t]*$")


def _opening_dateline(text: str, mentions: Sequence[DateMention], *, labelled: bool = True) -> DateMention | None:
    """The mention that is the text's dateline, else ``None``.

    Either a full date opening the text, bare or labelled ("2020-05-13 ...", "Published: 13 May
    2020"), or a news dateline opening one of the first paragraphs: a place, the date, an optional
    agency and a dash ("MOGADISHU, Feb 9 (Reuters) -", "Beirut, 12 June 2024 —"; the shapes are in
    ``dateline`` of the date lexicon), or a full date alone on its line (a headline's date line).  Only a resolved day-precision mention qualifies; the
    first shape only when ``labelled`` (callers pass it when the publication date is unknown:
    with one, an opening full date may be the event's own, "9 May 2020: troops ...").
    """
    lex = get_lexicon()
    for m in mentions:
        if m.start >= max(100, lex.dateline_max_offset):
            break
        if m.kind != "point" or m.span.precision != "day" or m.span.start is None:
            continue
        if labelled and m.start < 100 and m.explicit and _DATELINE_LABEL.match(text[:m.start]):
            return m
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        if (m.explicit and line_end >= 0 and text[line_end:].strip() and _DATELINE_LABEL.match(text[line_start:m.start])
                and _DATE_LINE_REST.match(text[m.end:line_end])):
            return m  # a full date alone on its line, as under a headline ("June 12, 2024 | 10:32 GMT")
        if (m.start < lex.dateline_max_offset and lex.dateline_place is not None and lex.dateline_trailer is not None
                and lex.dateline_place.match(text[line_start:m.start])
                and lex.dateline_trailer.match(text[m.end:m.end + 60])):
            return m
    return None


def _near_publication(dateline: dt.date | None, pub: dt.date | None) -> dt.date | None:
    """A yearless dateline read as the latest such day on or before publication, moved to the
    publication's year when that falls at most two days after it (a dateline in a time zone ahead
    of the publisher's: "Feb 9" on a report published on 8 February); else ``dateline``."""
    if dateline is None or pub is None or (pub - dateline).days < 300:
        return dateline
    try:
        same_year = dateline.replace(year=pub.year)
    except ValueError:
        return dateline
    return same_year if 0 < (same_year - pub).days <= 2 else dateline


def dateline_date(text: str) -> dt.date | None:
    """The report date a text opens with, else ``None``: a full date (day, month and year) that
    opens ``text``, bare or labelled ("date 2020-05-13", "Published: 13 May 2020"), or a news
    dateline with a year ("Beirut, 12 June 2024 (AFP) —").  A date after other words ("On 9 May
    2020, ...") is an event date, not a dateline."""
    lex = get_lexicon()
    dl = _opening_dateline(text, find_date_mentions(text[:lex.dateline_max_offset + 100]))
    return parse_iso_date(dl.span.start) if dl is not None else None


def _add_dateparser_mentions(doc: Any, mentions: list[DateMention], pub: dt.date | None) -> list[DateMention]:
    """Add spaCy DATE entities that the grammar missed and dateparser can resolve."""
    ents = getattr(doc, "ents", ())
    extra: list[DateMention] = []
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        s, e = ent.start_char, ent.end_char
        if any(m.start < e and m.end > s for m in mentions):
            continue
        phrase = ent.text
        span = _dateparser_span(phrase, pub.isoformat() if pub else None)
        if span is not None:
            extra.append(DateMention(s, e, phrase, span, "point"))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def resolve_date(text: str, published: str | None = None) -> DateSpan | None:
    """The date of one phrase or short text, or ``None`` when it has none.

    The first date phrase (preferring event dates to "said on ..." report dates) is
    resolved against ``published``.  A "<outlet>, <YYYY-MM-DD>: <headline>" line is read as
    a citation: its date anchors the headline's phrases and, when no headline has a date of
    its own, the earliest line date is returned with precision ``reported``.  Phrases the grammar does not
    know go to dateparser (RELATIVE_BASE = ``published``, PREFER_DATES_FROM = past).
    """
    if not text or not text.strip():
        return None
    dd = analyze_text(text, published, use_dateparser=False)
    usable = [m for m in dd.mentions if m.resolved and m.kind != "published"]
    if dd.citations:
        m = dd._pick([x for x in usable if dd._citation_ok(x)])
        if m is not None:
            return m.span
        first = dd.first_reported()
        return DateSpan(first, first, "reported", None)
    m = dd._pick(usable)
    if m is not None:
        return m.span
    if dd.dateline is not None:
        return DateSpan(dd.dateline, dd.dateline, "reported", None)
    if any(not x.resolved for x in dd.mentions):
        return None  # a date phrase we understand but cannot anchor (no publication date)
    return _dateparser_span(text.strip(), dd.published)


_lock = threading.Lock()
_default: DateResolver | None = None
