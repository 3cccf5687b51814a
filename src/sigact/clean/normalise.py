"""Conservative unicode and whitespace normalisation."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_whitespace"]

# invisible characters that carry no meaning in news text (ZWJ/ZWNJ are kept:
# they matter in Persian, Arabic, Indic scripts and emoji)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise_whitespace(text: str) -> str:
    """Return ``text`` in NFC with unified line breaks and tidy spaces.

    Line breaks become ``\\n``; tabs, no-break and other unicode spaces become a
    single space; control and invisible formatting characters are removed; each
    line is stripped; runs of blank lines collapse to one blank line; leading and
    trailing blank lines go.  Letters, quotes and dashes are left as they are
    (NFC, not NFKC).
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", " ").translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANKS.sub("\n\n", text)
    return text.strip("\n")
