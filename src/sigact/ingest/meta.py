"""Article metadata helpers: outlet from URL, ISO dates, language, headline test."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
import threading
import time
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "outlet_from_url",
    "normalise_date",
    "normalise_language",
    "detect_language",
    "looks_like_headline",
    "date_from_stamp_lines",
]

_HOST_PREFIX = re.compile(r"^(?:www\d*|m|amp|mobile|edition|en)\.(?=[^.]+\.[^.]+)")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain from a URL ("https://www.naharnet.com/x" -> "naharnet.com"), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return _HOST_PREFIX.sub("", host.lower().rstrip("."))


def _valid(d: dt.date) -> str | None:
    return d.isoformat() if 1900 <= d.year <= 2100 else None


def normalise_date(value: Any) -> str | None:
    """An ISO date "YYYY-MM-DD" from a string, date, datetime or time.struct_time; None when unparseable."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, dt.datetime):
            return _valid(value.date())
        if isinstance(value, dt.date):
            return _valid(value)
        if isinstance(value, time.struct_time):
            return _valid(dt.date(value.tm_year, value.tm_mon, value.tm_mday))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if 0 < value < 4102444800:  # seconds since the epoch, before 2100
                return _valid(dt.datetime.fromtimestamp(value, dt.timezone.utc).date())
            return None
        if not isinstance(value, str):
            return None
        s = value.strip()
        m = _ISO_DAY.match(s)
        if m:
            return _valid(dt.date(int(m[1]), int(m[2]), int(m[3])))
        try:
            return _valid(email.utils.parsedate_to_datetime(s).date())
        except (TypeError, ValueError, IndexError):
            pass
        if len(s) > 80 or not re.search(r"\d", s):
            return None
        return _dateparser_day(s)
    except (ValueError, OverflowError, OSError):
        return None


#: languages dateparser tries for free-form dates (all ~200 locales cost seconds per odd string)
DATE_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ar", "ru", "tr")


@functools.lru_cache(maxsize=4096)
def _dateparser_day(s: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(
        s, languages=list(DATE_LANGUAGES), settings={"REQUIRE_PARTS": ["year", "month", "day"]}
    )
    return _valid(parsed.date()) if parsed else None


def normalise_language(value: Any) -> str | None:
    """An ISO 639-1 code from "en", "EN", "en-GB", "en_US"; None otherwise."""
    if not isinstance(value, str):
        return None
    m = re.match(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return m[1].lower() if m else None


_lang_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_letters: int = 20, min_prob: float = 0.5) -> str | None:
    """ISO 639-1 code of ``text`` by py3langid, or None when too short or too unsure."""
    sample = text[:2000]
    if sum(ch.isalpha() for ch in sample[:400]) < min_letters:
        return None
    with _lang_lock:
        lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= min_prob else None


_END_PUNCT = re.compile(r"[.;,:]$")


def looks_like_headline(line: str, rest: str = "") -> bool:
    """True when ``line`` (a first line) reads like a headline above the body ``rest``.

    A headline is short (3-25 words, under 200 characters), does not end like a
    sentence, has letters, and is followed by more text.
    """
    line = line.strip()
    words = line.split()
    if not (3 <= len(words) <= 25) or len(line) > 200 or not rest.strip():
        return False
    if _END_PUNCT.search(line) and not line.endswith("..."):
        return False
    if sum(ch.isalpha() for ch in line) < len(line) * 0.5:
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"


_STAMP_LABEL = re.compile(
    r"^\s*(?:(?P<label>first published|published|posted|last updated|updated|date|dated)\b"
    r"\s*(?:on|at)?\s*[:\-–|]?\s*)?",
    re.I,
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def date_from_stamp_lines(lines: list[str], *, max_lines: int = 12) -> str | None:
    """The publication date from date-stamp lines (those ``clean_text`` dropped), or None.

    Only lines of at most 12 words that carry a four-digit year are read (never
    relative stamps such as "3 hours ago"); a "published"/"posted" stamp wins
    over an "updated" one, else the first stamp is used.
    """
    best: tuple[int, str] | None = None
    for line in lines[:max_lines]:
        if len(line.split()) > 12 or not _YEAR.search(line) or re.match(r"\s*(?:©|\(c\)|copyright)", line, re.I):
            continue
        m = _STAMP_LABEL.match(line)
        label = (m["label"] or "").lower() if m else ""
        rest = line[m.end():] if m else line
        rest = re.split(r"\s*[|•·]\s*", rest)[0] if "|" in rest or "•" in rest or "·" in rest else rest
        day = normalise_date(rest)
        if day is None:
            continue
        rank = 0 if label in ("published", "posted", "first published", "date", "dated") else 1 if not label else 2
        if best is None or rank < best[0]:
            best = (rank, day)
        if rank == 0:
            break
    return best[1] if best else None
