"""Property tests: the date and toll functions never raise and keep offsets consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sigact.extract.numbers import parse_quantity
from sigact.extract.tolls import find_tolls, summarize_tolls
from sigact.time import analyze_text, resolve_date

_WORDS = ["On", "Saturday", "9", "May", "2020", "killed", "four", "soldiers", "were", "since", "October", "no",
          "casualties", "between", "3", "and", "5", "at", "least", "dozens", "of", "people", "died", "last", "week",
          "2024-01-20", "09/05/2020", ",", ".", "\n", "After", "Monday's", "strikes", "Fatalities", "coded", "as",
          "0", "a", "policeman", "was", "injured", "(as reported)", "Around", "the", "night", "12", "to", "13",
          "March", "Reuters, 2021-03-10:", "yesterday", "two", "days", "ago", "in", "2014", "hostage"]

texts = st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join) | st.text(max_size=200)
pubs = st.sampled_from([None, "2024-01-24", "2020-05-10", "not a date", "2020-02-30"])


@settings(max_examples=150, deadline=None)
@given(texts, pubs)
def test_dates_never_raise_and_offsets_match(text: str, pub: str | None) -> None:
    dd = analyze_text(text, pub)
    for m in dd.mentions:
        assert text[m.start:m.end] == m.text
        if m.span.start is not None and m.span.end is not None:
            assert m.span.start <= m.span.end
    span, ev = dd.date_for(0, len(text))
    if ev is not None:
        assert text[ev.start:ev.end] == ev.text
    resolve_date(text, pub)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_tolls_never_raise_and_offsets_match(text: str) -> None:
    ms = find_tolls(text, offset=7)
    for m in ms:
        assert text[m.start - 7:m.end - 7] == m.text
        assert m.value is None or m.value >= 0
    summary = summarize_tolls(ms)
    assert set(summary) == {"killed", "injured", "abducted", "arrested", "missing"}
    parse_quantity(text)
