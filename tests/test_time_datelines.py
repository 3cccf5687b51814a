"""News datelines ("KABUL, March 3 (AFP) -"): the report's date and the anchor of relative days,
never the event date when the event's sentence has its own time expression.  Texts written for
these tests."""

from __future__ import annotations

import pytest

from sigact.model import DateSpan
from sigact.time import analyze_text, resolve_date
from sigact.time.resolver import dateline_date


def _at(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return i, i + len(phrase)


def _day(text: str, published: str | None, phrase: str) -> tuple[str | None, str | None, str | None]:
    span, _ev = analyze_text(text, published).date_for(*_at(text, phrase))
    return span.start, span.end, span.precision


# 2025-02-07 is a Friday, 2025-03-03 a Monday, 2024-06-12 a Wednesday
@pytest.mark.parametrize("text, published, phrase, expected", [
    # the sentence's weekday wins over the dateline, and counts back from the dateline
    ("HARGEISA, Feb 7 (Reuters) - Gunmen shot dead four traders on Tuesday at a checkpoint.",
     "2025-02-08", "shot dead", ("2025-02-04", "2025-02-04", "day")),
    ("KABUL, March 3 (AFP) - A car bomb went off late Saturday outside a ministry.",
     "2025-03-04", "went off", ("2025-03-01", "2025-03-01", "day")),
    ("KABUL, March 3 (AFP) - Rockets hit the airport Sunday night, officials said.",
     "2025-03-05", "Rockets hit", ("2025-03-02", "2025-03-02", "day")),
    ("KABUL, March 3 (AFP) - Militants stormed a police post early Monday.",
     "2025-03-05", "stormed", ("2025-03-03", "2025-03-03", "day")),
    ("KABUL, March 3 (AFP) - Militants stormed a police post in the early hours of Sunday.",
     "2025-03-04", "stormed", ("2025-03-02", "2025-03-02", "day")),
    # "overnight" is the night before the dateline
    ("Tripoli, 12 June 2024 — Militias exchanged fire overnight in the capital.",
     None, "exchanged fire", ("2024-06-11", "2024-06-12", "range")),
    # a Friday dateline: "on Friday" is that same day, "last Friday" the week before
    ("HARGEISA, Feb 7 (Reuters) - Police fired on protesters on Friday.",
     "2025-02-09", "fired on", ("2025-02-07", "2025-02-07", "day")),
    ("HARGEISA, Feb 7 (Reuters) - Police fired on protesters last Friday.",
     "2025-02-09", "fired on", ("2025-01-31", "2025-01-31", "day")),
    # week and month phrases count from the dateline
    ("KABUL, March 3 (AFP) - Clashes last week killed six soldiers.",
     "2025-03-10", "Clashes", ("2025-02-24", "2025-03-02", "week")),
    ("KABUL, March 3 (AFP) - Clashes earlier this month killed six soldiers.",
     "2025-04-10", "Clashes", ("2025-03-01", "2025-03-03", "month")),
])
def test_dateline_anchors_the_sentences_own_time_expression(text: str, published: str | None, phrase: str,
                                                            expected: tuple[str, str, str]) -> None:
    assert _day(text, published, phrase) == expected


def test_dateline_is_marked_as_the_report_date() -> None:
    text = "Reconciliation talks stall\nBAMAKO, Mali, Jan. 5 (AP) — Soldiers killed 12 militants on Thursday."
    dd = analyze_text(text, "2025-01-06")
    assert dd.dateline == "2025-01-05"
    kinds = {m.text: m.kind for m in dd.mentions}
    assert kinds["Jan. 5"] == "published"
    assert dd.date_for(*_at(text, "Soldiers killed"))[0].start == "2025-01-02"


def test_event_without_its_own_date_gets_the_dateline_as_reported_date() -> None:
    text = "LAGOS, May 3 (Reuters) - Gunmen killed three villagers, police said."
    span, ev = analyze_text(text, "2025-05-04").date_for(*_at(text, "Gunmen killed"))
    assert span == DateSpan("2025-05-03", "2025-05-03", "reported", None) and ev is None


def test_dateline_with_year_needs_no_publication_date() -> None:
    text = "Beirut, 12 June 2024 — An air strike hit a car on Monday near the border."
    assert dateline_date(text) is not None and dateline_date(text).isoformat() == "2024-06-12"
    assert _day(text, None, "An air strike") == ("2024-06-10", "2024-06-10", "day")
    assert resolve_date(text) == DateSpan("2024-06-10", "2024-06-10", "day", "on Monday")


@pytest.mark.parametrize("text", [
    "On 9 May 2020, gunmen attacked a convoy.",                      # an event date after other words
    "Police said on Tuesday, March 3, that the attack was foiled.",  # no dash after the date
    "The army said that since 2 March - when the truce collapsed - 40 people died.",
])
def test_dates_that_are_not_datelines(text: str) -> None:
    assert analyze_text(text, "2020-03-05").dateline is None


def test_explicit_event_date_in_the_sentence_still_wins() -> None:
    text = "KABUL, March 3 (AFP) - A suicide bomber struck a wedding on 27 February, killing nine."
    assert _day(text, "2025-03-03", "struck") == ("2025-02-27", "2025-02-27", "day")


@pytest.mark.slow
def test_extracted_article_takes_the_sentence_date_and_counts_the_attackers() -> None:
    from test_extract_support import incidents, run

    text = ("KABUL, March 3 (AFP) - Taliban fighters attacked a police checkpoint in Kandahar late Saturday, "
            "killing four policemen. Two of the attackers were also killed.")
    inc = incidents(run(text, "2025-03-04"))
    assert len(inc) == 1
    ev = inc[0]
    assert (ev.date.start, ev.date.precision) == ("2025-03-01", "day")
    assert ev.fatalities == 6


@pytest.mark.parametrize("line", ["June 12, 2024", "Published: 12 June 2024", "12 June 2024 | 10:32 GMT"])
def test_a_date_alone_on_its_line_under_a_headline_is_the_report_date(line: str) -> None:
    text = f"Strikes hit border villages\n{line}\nArtillery shelled two villages on Monday, killing a farmer."
    dd = analyze_text(text, "2024-06-13")
    assert dd.dateline == "2024-06-12"
    assert _day(text, "2024-06-13", "Artillery shelled") == ("2024-06-10", "2024-06-10", "day")


def test_an_event_date_opening_a_sentence_is_not_a_dateline() -> None:
    text = "Strikes hit border villages\n12 June 2024: artillery shelled two villages, killing a farmer."
    dd = analyze_text(text, "2024-06-14")
    assert dd.dateline is None
    assert _day(text, "2024-06-14", "artillery shelled") == ("2024-06-12", "2024-06-12", "day")


def test_yearless_dateline_a_day_after_publication_keeps_the_publication_year() -> None:
    text = "HARGEISA, Feb 9 (Reuters) - Gunmen shot dead a trader on Saturday."
    dd = analyze_text(text, "2025-02-08")
    assert dd.dateline == "2025-02-09"
    assert _day(text, "2025-02-08", "shot dead") == ("2025-02-08", "2025-02-08", "day")
