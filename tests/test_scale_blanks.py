"""sigact.scale.blanks: regex scans that skip the relevance stage's runs of spaces give exactly the
matches of a full scan (offsets, groups), and refuse the patterns that could count spaces.
Texts written for these tests."""

from __future__ import annotations

import random
import re

import pytest

from sigact.scale import blanks, fastpath
from sigact.scale.relevance import RelevanceFilter
from sigact.time.lexicon import get_lexicon
from sigact.time.phrases import find_date_mentions, scan_date_phrases

_FRAGS = ["on 3 May 2020", "May 4", "between 3 and 5 May", "in March", "since 2019", "last Tuesday", "Sunday night",
          "two days later", "three weeks ago", "2020-05-13", "12/04/2021", "in", "since", "May", "2020", "on", "of",
          "Monday", "yesterday", "%", "-", "5", ",", ".", "\n", "Apr.", "early", "to", "and", "mars", "’s"]


def _texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 30)):
            if rnd.random() < 0.3:
                parts.append(" " * rnd.choice([1, 2, 16, 17, 18, 40, 300]))
            else:
                parts.append(rnd.choice(_FRAGS) + (" " if rnd.random() < 0.7 else ""))
        out.append("".join(parts))
    return out


def _matches(it: object, p: re.Pattern[str]) -> list[tuple]:
    return [(m.span(), tuple(m.span(g) for g in range(1, p.groups + 1)), m.group(0), m.groupdict(), m.groups(),
             m.lastindex, m.lastgroup, m.string) for m in it]


def test_blank_map_offsets() -> None:
    text = "Gunmen attacked" + " " * 50 + "on Monday." + " " * 17 + "End"
    bm = blanks.blank_map(text)
    assert bm is not None and len(bm.short) == len(text) - (50 - 16) - (17 - 16)
    for short_pos, ch in enumerate(bm.short):
        if ch != " ":
            assert text[bm.orig(short_pos)] == ch
    assert bm.orig(bm.short.index("on Monday")) == text.index("on Monday")
    assert blanks.blank_map("no long runs here  at all") is None


def test_date_patterns_scan_the_same_on_cut_texts() -> None:
    lex = get_lexicon()
    for text in _texts(400, 3):
        bm = blanks.blank_map(text)
        for name, p in lex.patterns.items():
            assert _matches(blanks.finditer(p, text, bm), p) == _matches(p.finditer(text), p), (name, text)


def test_every_date_pattern_but_the_citation_line_is_run_invariant() -> None:
    lex = get_lexicon()
    assert {n for n, p in lex.patterns.items() if not blanks.run_invariant(p)} == {"ged_line"}


@pytest.mark.parametrize("pattern, ok", [
    (r"\bMay\s+\d{4}", True),
    (r"\bfoo\s*?bar(?!\s*%)", True),
    (r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P=sep)", True),
    (r"May\s{2,40}2020", False),          # counts spaces
    (r"May\s{20,}2020", False),           # needs a long run
    (r"(?:\s\s)+x", False),               # parity of a run
    (r"[^\n:]{1,160}?,", False),          # a bounded class that holds a space
    (r"(?P<g>\s+)x(?P=g)", False),        # a back reference to spaces
    (r"(?<=\s{12})x", False),             # a lookbehind longer than KEEP
    (r"\s", False),                       # one match per space of a run
    (r" ", False),
    (r".", False),
    (r"\B", False),                       # one empty match per position inside a run
    (r"(?= )", False),
    (r"\s+?", False),
    (r"x?\s", False),
    (r"\s+", True),                       # one match per run, at its ends
    (r"a\s*", True),
    (r"\s(?=\s*x)", False),               # a lookahead across the run: one match per space before "x"
    (r"a?\s(?=\s+x)", False),
    (r"(?=\s*x)", False),
    (r"\bx\s(?=\s*y)", True),              # starts on a word: never inside a run
    (r"\d+(?=\s*km)", True),
])
def test_run_invariant(pattern: str, ok: bool) -> None:
    assert blanks.run_invariant(re.compile(pattern)) is ok


@pytest.mark.parametrize("pattern", [r"\s", r" ", r".", r"\B", r"(?= )", r"\s+?", r"x?\s", r"\s+", r"a\s*",
                                     r"\s(?=\s*b)", r"(?=\s*b)", r"a\s(?=\s*b)"])
def test_patterns_matching_inside_a_run_give_the_full_scan(pattern: str) -> None:
    p = re.compile(pattern)
    text = "a" + " " * 40 + "b"
    assert len(list(blanks.finditer(p, text, blanks.blank_map(text)))) == len(list(p.finditer(text)))


def test_refused_pattern_is_scanned_on_the_full_text() -> None:
    p = re.compile(r"May\s{2,40}2020")
    text = "in May" + " " * 30 + "2020 and"
    assert [m.span() for m in blanks.finditer(p, text, blanks.blank_map(text))] == [m.span() for m in p.finditer(text)]


def test_blanked_article_dates_unchanged() -> None:
    article = ("Budget talks resume in the capital\n\nLawmakers met on Tuesday to discuss the budget for May 2021. "
               "Markets rose slightly in early trading on 3 May. Gunmen killed four farmers near Tanda on Monday. "
               "The attackers fled on motorbikes two days later. Analysts expect the talks to last until June. "
               "Exports of cocoa grew in the third quarter of 2020, the ministry said on Friday.")
    text = RelevanceFilter.default().select(article).text
    assert blanks.blank_map(text) is not None  # the filter blanked some sentences
    fast, fast_scan = find_date_mentions(text, "2021-05-08"), scan_date_phrases(text)
    with fastpath.disabled():
        plain, plain_scan = find_date_mentions(text, "2021-05-08"), scan_date_phrases(text)
    assert isinstance(fast_scan.found[0][4], blanks.MappedMatch)  # the cut text was scanned
    assert [f[:4] + (f[4].span(),) for f in fast_scan.found] == [f[:4] + (f[4].span(),) for f in plain_scan.found]
    assert fast_scan.first_year == plain_scan.first_year == 2021
    assert fast == plain and any(m.text.endswith("Monday") for m in fast)


def test_substring_probe_keeps_the_words_of_the_text() -> None:
    rnd = random.Random(5)
    words = ["Boko Haram", "al-Shabaab", "M23", "Hamas", "  ", " " * blanks.KEEP, "a  b", "x y"]
    for text in _texts(300, 11):
        probe = blanks.substring_probe(text)
        assert len(probe) <= len(text)
        for w in words + [text[i:i + rnd.randint(1, 12)] for i in rnd.sample(range(len(text)), min(5, len(text)))]:
            if " " * (blanks.KEEP + 1) not in w:
                assert (w in probe) == (w in text), (w, text)


def test_country_hint_words_can_be_probed() -> None:
    from sigact.geo.evidence import country_hints

    assert all(" " * (blanks.KEEP + 1) not in word for _p, _iso, _pt, word in country_hints())
