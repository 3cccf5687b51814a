"""Evidence snippets for the detail view: sentence widening, merging, stale offsets, no article text."""

from __future__ import annotations

from sigact.api.evidence import evidence_snippets, sentence_bounds
from sigact.model import Article, Evidence

TEXT = "First sentence here. Troops shelled the town on Friday. Two died. Last one.\nA new line starts."


def _ev(field: str, needle: str, shift: int = 0) -> Evidence:
    i = TEXT.index(needle)
    return Evidence(field, i + shift, i + shift + len(needle), needle)


def test_sentence_bounds() -> None:
    i = TEXT.index("shelled")
    s, e = sentence_bounds(TEXT, i, i + 7)
    assert TEXT[s:e] == "Troops shelled the town on Friday."
    j = TEXT.index("new line")
    s, e = sentence_bounds(TEXT, j, j + 8)
    assert TEXT[s:e] == "A new line starts."


def test_spans_widen_and_merge_with_relative_highlights() -> None:
    art = Article.create(TEXT, id="t")
    out = evidence_snippets(art, [_ev("trigger", "shelled"), _ev("date", "on Friday"), _ev("fatalities", "Two")])
    assert [s["text"] for s in out] == ["Troops shelled the town on Friday.", "Two died."]
    first = out[0]
    assert TEXT[first["start"]:first["end"]] == first["text"]
    assert [(h["field"], first["text"][h["start"]:h["end"]]) for h in first["highlights"]] == [
        ("trigger", "shelled"), ("date", "on Friday")]


def test_adjacent_spans_in_consecutive_sentences_stay_separate_and_overlaps_merge() -> None:
    art = Article.create(TEXT, id="t")
    span = Evidence("event", TEXT.index("Troops"), TEXT.index("Two died.") + 9, TEXT[TEXT.index("Troops"):TEXT.index("Two died.") + 9])
    out = evidence_snippets(art, [span, _ev("trigger", "shelled"), _ev("fatalities", "Two")])
    assert len(out) == 1 and out[0]["text"] == "Troops shelled the town on Friday. Two died."
    assert {h["field"] for h in out[0]["highlights"]} == {"event", "trigger", "fatalities"}


def test_stale_offsets_are_found_by_text_and_unknown_spans_dropped() -> None:
    art = Article.create(TEXT, id="t")
    out = evidence_snippets(art, [_ev("trigger", "shelled", shift=5), Evidence("actor1", 0, 4, "Rebels")])
    assert len(out) == 1 and out[0]["highlights"][0]["text"] == "shelled"


def test_without_article_text_the_event_span_is_the_snippet() -> None:
    ev = _ev("event", "Troops shelled the town on Friday")
    out = evidence_snippets(None, [ev, _ev("trigger", "shelled"), _ev("actor1", "Troops"), _ev("fatalities", "Two")])
    assert len(out) == 1 and out[0]["text"] == "Troops shelled the town on Friday"
    assert [(h["field"], h["text"]) for h in out[0]["highlights"]] == [("actor1", "Troops"), ("trigger", "shelled")]
    # no event span: each span stands alone
    alone = evidence_snippets(Article.create("", id="x"), [_ev("trigger", "shelled")])
    assert alone == [{"start": ev.start + 7, "end": ev.start + 14, "text": "shelled",
                      "highlights": [{"field": "trigger", "start": 0, "end": 7, "text": "shelled"}]}]
