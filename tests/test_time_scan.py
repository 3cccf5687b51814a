"""One regex scan per text: the date phrases of a text with a dateline are found once and resolved
against the publication date, then against the dateline's date.  Texts written for these tests."""

from __future__ import annotations

import pytest

from sigact.errors import InputError
from sigact.time import phrases, resolver
from sigact.time.phrases import find_date_mentions, scan_date_phrases
from sigact.time.resolver import analyze_text

_DATELINE = "KABUL, March 3 (AFP) - Militants stormed a police post early Monday, and a second one on 1 March."


def _count_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = phrases.scan_date_phrases

    def counting(text: str) -> phrases.DateScan:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(phrases, "scan_date_phrases", counting)
    monkeypatch.setattr(resolver, "scan_date_phrases", counting)
    return seen


def test_dateline_text_is_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _count_scans(monkeypatch)
    dd = analyze_text(_DATELINE, "2025-03-05", use_dateparser=False)
    assert dd.dateline == "2025-03-03"  # the dateline moved the anchor: two readings ...
    assert seen == [_DATELINE]  # ... of one scan
    monday = next(m for m in dd.mentions if m.text.endswith("Monday"))
    assert monday.span.start == "2025-03-03"  # "early Monday" counts back from the dateline


def test_scan_gives_the_same_mentions_as_a_fresh_scan() -> None:
    scan = scan_date_phrases(_DATELINE)
    for anchor in ("2025-03-05", "2025-03-03", None):
        assert find_date_mentions(_DATELINE, anchor, scan=scan) == find_date_mentions(_DATELINE, anchor)
    assert scan.first_year is None  # no full date with a year in the text
    assert scan_date_phrases("On 4 May 2021 and on 9 June 2019, ...").first_year == 2021


def test_scan_of_another_text_is_refused() -> None:
    with pytest.raises(InputError):
        find_date_mentions("Fighting resumed on Sunday.", "2025-03-05", scan=scan_date_phrases(_DATELINE))
