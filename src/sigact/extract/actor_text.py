"""Text helpers for actor matching: word tokens with offsets and break marks, dates, case rules."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["Tok", "tokens", "is_case_sensitive", "year_of", "month_of"]

_CHUNK_RE = re.compile(r"[^\W_]+(?:['’`.][^\W_]+)*", re.UNICODE)
_HARD_BREAK = re.compile(r"[,;:!?\n\"“”\[\]]")


@dataclass(frozen=True, slots=True)
class Tok:
    """A word token: normalised forms, character offsets, and whether a hard break precedes it."""

    norm: str      # casefolded, accents stripped
    cased: str     # accents stripped, case kept
    start: int
    end: int
    brk: bool      # a hard break (comma, sentence end...) lies between the previous token and this one


def year_of(date: Any) -> int | None:
    """The year of an ISO date string, ``date``/``datetime`` or int; ``None`` when absent/unparseable."""
    if date is None:
        return None
    if isinstance(date, int):
        return date
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.year
    m = re.match(r"\s*(\d{4})", str(date))
    return int(m.group(1)) if m else None


def month_of(date: Any) -> int | None:
    """The month of an ISO date string or ``date``; ``None`` when absent."""
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.month
    m = re.match(r"\s*\d{4}-(\d{2})", str(date)) if isinstance(date, str) else None
    return int(m.group(1)) if m else None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_DROP_IN_WORD = str.maketrans("", "", "'’`.")
_ELISION = re.compile(r"(?:[ldjmnstcLDJMNSTC]|[Qq]u)['’](?=[^\W_])")


def tokens(text: str) -> list[Tok]:
    """Word tokens of ``text`` with character offsets; ``brk`` marks a comma, colon, quote or
    sentence end before the token (no dictionary match crosses it)."""
    out: list[Tok] = []
    prev_end = 0
    prev_chunk = ""
    search_break = _HARD_BREAK.search
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        if out:
            gap = text[prev_end:m.start()]
            brk = gap != " " and (bool(search_break(gap)) or (
                "." in gap and "." not in prev_chunk and len(prev_chunk) > 3))
        else:
            brk = False
        start = m.start()
        el = _ELISION.match(chunk)
        if el:  # French elision: "l'UPC" -> "l" + "UPC"
            cut = el.end()
            out.append(Tok(norm=chunk[:cut - 1].casefold(), cased=chunk[:cut - 1], start=start,
                            end=start + cut - 1, brk=brk))
            chunk, start, brk = chunk[cut:], start + cut, False
        cased = chunk if chunk.isascii() else _fold(chunk)
        cased = cased.translate(_DROP_IN_WORD)
        out.append(Tok(norm=cased.casefold(), cased=cased, start=start, end=m.end(), brk=brk))
        prev_end, prev_chunk = m.end(), chunk
    return out


def is_case_sensitive(alias: str) -> bool:
    """Aliases without a lower-case letter ("IS", "ADF", "U.S.") and short mixed-case acronyms
    ("LeT", "JeM", "HuM") match case-sensitively, so "let" or "is" in prose never hit them."""
    if not any(ch.islower() for ch in alias):
        return True
    letters = [ch for ch in alias if ch.isalpha()]
    return len(letters) <= 5 and sum(ch.isupper() for ch in letters[1:]) >= 1 and " " not in alias
