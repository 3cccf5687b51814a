"""Metadata helpers: outlet from URL, ISO dates, language, headline test, date stamps."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sigact.ingest.meta import (
    date_from_stamp_lines,
    detect_language,
    looks_like_headline,
    normalise_date,
    normalise_language,
    outlet_from_url,
)


@pytest.mark.parametrize("url,outlet", [
    ("https://www.naharnet.com/stories/en/123", "naharnet.com"),
    ("http://m.bbc.co.uk/news/world", "bbc.co.uk"),
    ("https://edition.cnn.com/2024/01/24/x", "cnn.com"),
    ("https://news.un.org/en/story", "news.un.org"),
    ("https://WWW.Example.ORG.", "example.org"),
    ("https://www2.reliefweb.int/x", "reliefweb.int"),
    ("not a url", None),
    ("https://localhost/x", None),
    ("http://[::1", None),
    (None, None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize("value,iso", [
    ("2024-01-24", "2024-01-24"),
    ("2024-01-24T23:30:00+05:00", "2024-01-24"),
    ("Wed, 24 Jan 2024 10:00:00 GMT", "2024-01-24"),
    ("January 24, 2024", "2024-01-24"),
    ("24 janvier 2024", "2024-01-24"),
    (dt.datetime(2024, 1, 24, 12), "2024-01-24"),
    (dt.date(2024, 1, 24), "2024-01-24"),
    (time.struct_time((2024, 1, 24, 0, 0, 0, 2, 24, 0)), "2024-01-24"),
    (1706054400, "2024-01-24"),
    ("March 2024", None),  # no day: unknown, not a guessed first of the month
    ("2024", None),
    ("2024-13-45", None),
    ("1066-10-14", None),
    ("yesterday-ish", None),
    ("", None),
    (None, None),
    (True, None),
    ({"d": 1}, None),
])
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize("value,code", [("en", "en"), ("EN-gb", "en"), ("fr_FR", "fr"), ("english", None),
                                        ("", None), (None, None), (3, None)])
def test_normalise_language(value, code):
    assert normalise_language(value) == code


def test_detect_language():
    assert detect_language("Gunmen attacked a police post on Monday night, killing three officers.") == "en"
    assert detect_language("Des hommes armés ont attaqué un poste de police lundi soir, tuant trois agents.") == "fr"
    assert detect_language("Hombres armados atacaron un puesto policial el lunes, matando a tres agentes.") == "es"
    assert detect_language("12 34 !!") is None


@pytest.mark.parametrize("line,rest,ok", [
    ("US carries out new round of airstrikes in Iraq", "Body.", True),
    ("Gunmen kill 6 in Zamfara market attack", "Body.", True),
    ("The US launched air raids in Iraq against three facilities, the Pentagon said.", "Body.", False),
    ("Iraq", "Body.", False),
    ("US carries out new round of airstrikes in Iraq", "", False),
    ("12/03/2024 10:00 GMT +3 --", "Body.", False),
])
def test_looks_like_headline(line, rest, ok):
    assert looks_like_headline(line, rest) is ok


def test_date_from_stamp_lines():
    assert date_from_stamp_lines(["Updated: 25 Jan 2024", "Published: 24 Jan 2024, 10:32 GMT"]) == "2024-01-24"
    assert date_from_stamp_lines(["Updated: Jan 25, 2024 10:32 IST"]) == "2024-01-25"
    assert date_from_stamp_lines(["Monday, 22 January 2024 | 09:14"]) == "2024-01-22"
    assert date_from_stamp_lines(["Updated 3 hours ago", "By Jane Doe"]) is None
    assert date_from_stamp_lines(["© 2024 The Daily. All rights reserved."]) is None
