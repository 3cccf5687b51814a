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

__all__ = ["outlet_from_url", "normalise_date", "normalise_language", "detect_language", "looks_like_headline"]

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
        s, languages=list(DATE_LANGUAGES), settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
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
