"""Short date strings of citations ("14 Apr 97", "14/6-10", "24-04-02") and the one two-digit-year
rule of the time package, which the headline lists of sigact.extract.headlines use too."""

from __future__ import annotations

import datetime as dt

import pytest

from sigact.extract.headlines import citation_lines
from sigact.time.phrases import TWO_DIGIT_YEAR_PIVOT, expand_year, find_date_mentions, short_date


@pytest.mark.parametrize("yy, year", [(0, 2000), (2, 2002), (24, 2024), (TWO_DIGIT_YEAR_PIVOT - 1, 2069),
                                      (TWO_DIGIT_YEAR_PIVOT, 1970), (89, 1989), (97, 1997), (99, 1999)])
def test_expand_year(yy: int, year: int) -> None:
    assert expand_year(yy) == year


@pytest.mark.parametrize("text, expected", [
    ("2002-11-27", "2002-11-27"),
    ("27 November 2002", "2002-11-27"),
    ("14 Apr 97", "1997-04-14"),
    ("14 Apr. 97", "1997-04-14"),
    ("3 SEPT 2011", "2011-09-03"),
    ("14/6-10", "2010-06-14"),     # day/month-year
    ("10/21/1990", "1990-10-21"),  # month/day/year
    ("21/10/1990", "1990-10-21"),  # a first number over 12 is the day
    ("3/4/2001", "2001-03-04"),    # both could be months: month first
    ("24-04-02", "2002-04-24"),    # dd-mm-yy
    (" 24-04-02 ", "2002-04-24"),
])
def test_short_date(text: str, expected: str) -> None:
    assert short_date(text) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("text", ["", "yesterday", "31 Feb 2002", "2002-13-01", "14 Foo 97", "14/6-10 Reuters",
                                  "24-04-2002x", "32/1/2001"])
def test_short_date_none(text: str) -> None:
    assert short_date(text) is None


def test_numeric_mentions_use_the_same_pivot() -> None:
    (m,) = find_date_mentions("Gunmen attacked the convoy on 3/4/69, police said.")
    assert m.span.start == "2069-04-03"  # day/month, and 69 < TWO_DIGIT_YEAR_PIVOT: 2069 as in test_expand_year


def test_raw_citation_dates_use_the_time_package() -> None:
    # a raw citation string (outlet, date, headline) with a two-digit year
    (c,) = citation_lines("Radio Example 14 Apr 97 Rebels kill two soldiers near the border")
    assert c.date == "1997-04-14"
    (c,) = citation_lines("Radio Example 14 Apr 61 Rebels kill two soldiers near the border")
    assert c.date == "2061-04-14"
