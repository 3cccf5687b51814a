"""Reading quantities written in words or digits: :func:`parse_quantity`.

Conventions are documented in ``data/toll_numbers.yaml`` (ACLED-style: the stated lower
figure; "dozens" = 12, "hundreds" = 100; vague words give no figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sigact.resources import packaged_yaml_once


__all__ = ["parse_quantity", "NumberLexicon", "get_number_lexicon"]


def _alt(words: list[str]) -> str:
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


@dataclass(frozen=True)
class NumberLexicon:
    """Number words and the regex fragments built from them.

    ``number_re`` matches one figure (digits or words); ``quantity_re`` an optional
    modifier, a figure or a range of figures, or a collective word; ``vague_re`` a
    vague quantifier ("several").
    """

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    collective: dict[str, int]
    vague: frozenset[str]
    modifiers: tuple[str, ...]
    number_src: str
    quantity_src: str
    vague_src: str
    modifier_re: re.Pattern[str]
    number_re: re.Pattern[str]


def _build(raw: dict[str, Any]) -> NumberLexicon:
    units = {str(k).lower(): int(v) for k, v in raw["units"].items()}
    tens = {str(k).lower(): int(v) for k, v in raw["tens"].items()}
    scales = {str(k).lower(): int(v) for k, v in raw["scales"].items()}
    collective = {str(k).lower(): int(v) for k, v in raw["collective"].items()}
    vague = frozenset(str(v).lower() for v in raw["vague"])
    modifiers = tuple(sorted({str(m).lower() for m in raw["modifiers"]}, key=len, reverse=True))
    # word figures: "twenty-five", "one hundred and twenty", "two thousand"; "a"/"an"/"no" excluded here
    word_units = [w for w in units if w not in ("a", "an", "no", "none", "both", "single", "lone")]
    w_atom = _alt(word_units + list(tens))
    w_scale = _alt(list(scales))
    word_num = (rf"(?:(?:{w_atom})(?:[\s-]+(?:{w_atom}))?(?:\s+(?:{w_scale})(?:\s+(?:and\s+)?(?:{w_atom})"
                rf"(?:[\s-]+(?:{w_atom}))?)?)?|(?:a\s+)?(?:{w_scale}))")
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:million|thousand|m\b|k\b))?"
    coll = _alt(list(collective))
    number_src = rf"(?:(?:{digits})|(?:{word_num}))(?:\s+(?:{coll}))?"
    mods = _alt(list(modifiers))
    quantity_src = (rf"(?:(?:{mods})\s+)?(?:between\s+|entre\s+)?(?:(?:{number_src})(?:\s*(?:-|–|to|or|and|à|a|ou)\s*"
                    rf"(?:(?:{mods})\s+)?(?:{number_src}))?|(?:{coll}))(?:\s+of)?")
    vague_src = _alt(list(vague))
    return NumberLexicon(
        units=units, tens=tens, scales=scales, collective=collective, vague=vague, modifiers=modifiers,
        number_src=number_src, quantity_src=quantity_src, vague_src=vague_src,
        modifier_re=re.compile(rf"^(?:(?:{mods})\s+)+", re.I),
        number_re=re.compile(rf"(?:{digits})|(?:{coll})|(?:{word_num})|\b(?:a|an)\b", re.I),
    )


def get_number_lexicon() -> NumberLexicon:
    """The process-wide number lexicon (``data/toll_numbers.yaml``), loaded on first use."""
    return packaged_yaml_once("sigact.extract", "data/toll_numbers.yaml", _build, "number lexicon")


def _words_value(words: list[str], lex: NumberLexicon) -> int | None:
    """Value of a sequence of number words ("one hundred and twenty five"), None if not a number."""
    total, current, seen = 0, 0, False
    for w in words:
        if w == "and":
            continue
        if w in lex.units:
            current += lex.units[w]
        elif w in lex.tens:
            current += lex.tens[w]
        elif w in lex.scales:
            current = max(current, 1) * lex.scales[w]
            if lex.scales[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _figure(s: str, lex: NumberLexicon) -> int | None:
    """Value of one figure: digits, number words, or a collective word with an optional multiplier."""
    s = s.strip().lower().replace("\u00a0", " ")
    if not s:
        return None
    s = re.sub(r"\s+of$", "", s)
    if s in lex.collective:
        return lex.collective[s]
    m = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(million|thousand|m|k)?", s)
    if m:
        val = float(m.group(1).replace(",", ""))
        mult = {"million": 1_000_000, "m": 1_000_000, "thousand": 1000, "k": 1000}.get(m.group(2) or "", 1)
        return int(val * mult)
    words = re.split(r"[\s-]+", s)
    # "two dozen" -> 24, "three hundred" handled by scales
    if len(words) >= 2 and words[-1] in lex.collective and words[-1] in ("dozen", "score"):
        head = _words_value(words[:-1], lex) if not words[0].isdigit() else int(words[0])
        if head is not None:
            return head * lex.collective[words[-1]]
    if words[0].isdigit() and len(words) == 2 and words[1] in lex.collective:
        return int(words[0]) * lex.collective[words[1]]
    return _words_value(words, lex)


def parse_quantity(text: str | None, *, vague_default: int | None = None) -> int | None:
    """The number stated by a quantity phrase, or ``None``.

    "four" -> 4, "25,000" -> 25000, "at least 5" -> 5, "more than 20" -> 20, "dozens" -> 12,
    "two dozen" -> 24, "5 to 7" / "5-7" / "between five and seven" -> 5 (lowest), "a"/"an"/"one"
    -> 1, "no"/"none" -> 0.  Vague words ("several", "a number of", "some") return
    ``vague_default`` (``None`` unless given).
    """
    if text is None:
        return None
    lex = get_number_lexicon()
    s = re.sub(r"\s+", " ", str(text).strip().lower())
    s = s.strip(" .,;:()[]")
    if not s:
        return None
    if s in lex.vague or re.fullmatch(rf"(?:{lex.vague_src})(?:\s+of)?", s):
        return vague_default
    s = lex.modifier_re.sub("", s).strip()
    if s in lex.vague:
        return vague_default
    if s in lex.units and s not in ("both",):
        return lex.units[s]
    between = re.match(r"^(?:between|entre)\s+", s)
    if between:
        s = s[between.end():]
    # ranges: lowest figure ("and" only after "between": "one hundred and twenty" is one figure)
    conj = r"\bto\b|\bor\b|\bà\b|\bou\b" + (r"|\band\b|\bet\b" if between else "")
    parts = re.split(rf"\s*(?:–|{conj})\s*|(?<=\d)\s*-\s*(?=\d)", s)
    if len(parts) == 2 and all(parts):
        vals = [_figure(lex.modifier_re.sub("", p), lex) for p in parts]
        if all(v is not None for v in vals):
            return min(vals)  # type: ignore[type-var]
    v = _figure(s, lex)
    if v is not None:
        return v
    # word ranges joined by a hyphen: "five-seven" (but "twenty-five" parsed above)
    if "-" in s:
        vals = [_figure(p, lex) for p in s.split("-", 1)]
        if all(x is not None for x in vals):
            return min(vals)  # type: ignore[type-var]
    return None
