"""The date vocabulary (``data/date_lexicon.yaml``) and the regexes built from it.

Everything is built once per process on first use (:func:`get_lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sigact.resources import packaged_yaml_once


__all__ = ["DateLexicon", "get_lexicon"]

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"(?:-|–|—)"


def _alt(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


@dataclass(frozen=True)
class DateLexicon:
    """Compiled date vocabulary.

    ``patterns`` maps a pattern name to its compiled regex; :mod:`sigact.time.phrases`
    has one handler per name.
    """

    month_of: dict[str, int]
    weekday_of: dict[str, int]
    number_of: dict[str, int]
    ambiguous_months: frozenset[str]
    relative: dict[str, dict[str, Any]]
    relative_previous: dict[str, int]
    ago_units: dict[str, dict[str, Any]]
    parenthetical_precision: dict[str, str]
    patterns: dict[str, re.Pattern[str]]
    approx_before: re.Pattern[str]
    approx_paren: re.Pattern[str]
    since_before: re.Pattern[str]
    since_clause: re.Pattern[str]
    after_before: re.Pattern[str]
    reporting_before: re.Pattern[str]
    dateline_place: re.Pattern[str] | None = None
    dateline_trailer: re.Pattern[str] | None = None
    dateline_max_offset: int = 600


def _build(raw: dict[str, Any]) -> DateLexicon:
    month_of: dict[str, int] = {}
    for num, names in raw["months"].items():
        for n in names:
            month_of[n.lower()] = int(num)
    weekday_of: dict[str, int] = {}
    for num, names in raw["weekdays"].items():
        for n in names:
            weekday_of[n.lower()] = int(num)
    number_of = {str(k).lower(): int(v) for k, v in raw["number_words"].items()}
    relative = {k.lower(): dict(v) for k, v in raw["relative"].items()}
    relative_previous = {k.lower(): int(v) for k, v in (raw.get("relative_to_previous") or {}).items()}
    ago_units = {k.lower(): dict(v) for k, v in raw["ago_units"].items()}

    mon = _alt(list(month_of))
    # month names usable alone: full names (no abbreviation), plus "sept"
    full = [n for n in month_of if len(n) > 3 or n in ("may", "mai")]
    mon_full = _alt(full)
    wd = _alt(list(weekday_of))
    parts = _alt(raw["day_parts"])
    nums = _alt(list(number_of))
    rel = _alt(list(relative))
    units = _alt(list(ago_units))
    conn = rf"(?P<conn>\s*{_DASH}\s*|\s+(?:to|and|until|till|through|au|et|al|a)\s+)"

    flags = re.IGNORECASE
    p: dict[str, re.Pattern[str]] = {}
    p["ged_line"] = re.compile(r"^(?P<outlet>[^\n:]{1,160}?),\s+(?P<date>(?:19|20)\d\d-\d\d-\d\d):[ \t]", re.M)
    p["range_dm"] = re.compile(
        rf"\b(?:(?P<pre>between|from|entre|du)\s+)?(?:the\s+)?(?P<night>(?:the\s+)?night\s+of\s+(?:the\s+)?)?"
        rf"(?P<d1>{_DAY})(?:\s+(?:of\s+)?(?P<m1>{mon})\.?)?(?:,?\s+(?P<y1>{_YEAR}))?"
        rf"{conn}(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{mon})\b\.?(?:,?\s+(?P<y2>{_YEAR})\b)?", flags)
    p["range_md"] = re.compile(
        rf"\b(?:(?P<pre>between|from)\s+)?(?P<m1>{mon})\.?\s+(?P<d1>{_DAY}){conn}"
        rf"(?:(?P<m2>{mon})\.?\s+)?(?P<d2>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?", flags)
    p["iso"] = re.compile(r"\b(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>[12]\d|3[01]|0?[1-9])\b")
    p["numeric"] = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.-]\d)")
    p["dmy"] = re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+|de\s+)?(?P<m>{mon})\b\.?(?:,?\s+(?:de\s+)?(?P<y>{_YEAR})\b)?", flags)
    p["mdy"] = re.compile(rf"\b(?P<m>{mon})\.?\s+(?P<d>{_DAY})\b(?!\s*(?:{_DASH}|%|,\d|\.\d|:\d))(?:,?\s+(?P<y>{_YEAR})\b)?", flags)
    p["my"] = re.compile(rf"\b(?P<m>{mon})\.?,?\s+(?:de\s+)?(?P<y>{_YEAR})\b", flags)
    p["month"] = re.compile(
        rf"\b(?P<prep>(?:mid-|(?:in|since|from|during|until|till|by|before|after|early|late|mid|last|this|next|"
        rf"throughout|en|depuis|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+))(?P<m>{mon_full})\b(?![ \t]+\d)", flags)
    p["year"] = re.compile(
        rf"\b(?P<prep>(?:mid-|(?:in|since|during|by|until|till|from|early|late|mid|throughout|before|after|en|depuis)\s+))"
        rf"(?P<y>{_YEAR})\b(?![\d,.]\d|\s*%|\s*{_DASH}\s*\d)", flags)
    p["weekday"] = re.compile(
        rf"\b(?:(?P<mod>last|this|next|early|late|on|since|until|by|before|after|following|late\s+on|early\s+on|"
        rf"overnight|over|past)\s+)?(?P<wd>{wd})(?P<poss>['’]s)?(?:\s+(?P<part>{parts})\b)?\b", flags)
    p["relative"] = re.compile(rf"\b(?P<rel>{rel})(?![\w'’])", flags)
    p["ago"] = re.compile(rf"\b(?P<n>\d+|{nums})\s+(?P<u>{units})\s+ago\b", flags)
    p["previous"] = re.compile(
        rf"\b(?:(?P<rel>{_alt(list(relative_previous))})|(?P<n>\d+|{nums})\s+days?\s+(?P<dir>later|earlier))(?![\w'’])",
        flags)

    approx = _alt(raw["approx_before"])
    paren = _alt(raw["approx_parenthetical"])
    since = _alt(raw["since_words"])
    after = _alt(raw["after_words"])
    rep = _alt(raw["reporting_verbs"])
    dl = raw.get("dateline") or {}
    return DateLexicon(
        month_of=month_of,
        weekday_of=weekday_of,
        number_of=number_of,
        ambiguous_months=frozenset(m.lower() for m in raw["ambiguous_months"]),
        relative=relative,
        relative_previous=relative_previous,
        ago_units=ago_units,
        parenthetical_precision={k.lower(): v for k, v in (raw.get("parenthetical_precision") or {}).items()},
        patterns=p,
        approx_before=re.compile(rf"\b(?:{approx})\s+$", flags),
        approx_paren=re.compile(rf"^\s*,?\s*\((?P<q>[^()\n]{{0,60}}\b(?:{paren})\b[^()\n]{{0,60}})\)", flags),
        since_before=re.compile(rf"\b(?:{since})\s+(?:the\s+)?(?:(?:start|beginning|end|middle)\s+of\s+)?$", flags),
        since_clause=re.compile(rf"\b(?:{since})\b[^.;:!?\n,]{{0,80}}$", flags),
        after_before=re.compile(rf"\b(?:{after})\s+(?:the\s+|a\s+|an\s+|last\s+|this\s+)?$", flags),
        reporting_before=re.compile(rf"\b(?:{rep})\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$", flags),
        dateline_place=re.compile(dl["place"]) if dl.get("place") else None,
        dateline_trailer=re.compile(dl["trailer"]) if dl.get("trailer") else None,
        dateline_max_offset=int(dl.get("max_offset", 600)),
    )


def get_lexicon() -> DateLexicon:
    """The process-wide date lexicon, loaded from ``data/date_lexicon.yaml`` on first use."""
    return packaged_yaml_once("sigact.time", "data/date_lexicon.yaml", _build, "date lexicon")
