"""Source sentences with highlighted evidence spans, for the event detail view.

Evidence offsets index into the article's stored text.  Each span is widened to
the sentence(s) around it; overlapping sentences merge into one snippet whose
``highlights`` are offsets relative to the snippet.  Spans whose offsets do not
match the stored text (a revised article) are located by their text instead,
and dropped from highlighting when they cannot be found.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from sigact.model import Article, Evidence

__all__ = ["evidence_snippets", "sentence_bounds"]

_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*")
_MAX_SNIPPET = 1200


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(s, e)``: the bounds of the sentence(s) covering ``text[start:end]``."""
    s = 0
    for m in _END.finditer(text, 0, start):
        s = m.end()
    m = _END.search(text, max(end, start + 1) - 1) if end < len(text) else None
    e = len(text)
    if m is not None:
        e = m.start()
        e = max(e, end)
    if e - s > _MAX_SNIPPET:  # no sentence punctuation nearby: a window around the span
        s, e = max(0, start - 200), min(len(text), end + 200)
    return s, e


def _locate(text: str, ev: Evidence) -> tuple[int, int] | None:
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.text:
        return ev.start, ev.end
    if ev.text:
        i = text.find(ev.text)
        if i >= 0:
            return i, i + len(ev.text)
    return None


def evidence_snippets(article: Article | None, evidence: Sequence[Evidence]) -> list[dict[str, Any]]:
    """Snippets ``{start, end, text, highlights: [{field, start, end, text}]}`` for an article's evidence.

    Without the article text (``article`` is ``None`` or empty), the ``event``
    span (else each span) is a snippet of its own.  Highlights are sorted by start.
    """
    text = article.text if article is not None else ""
    if not text:
        return _detached(evidence)
    spans: list[tuple[Evidence, int, int]] = []
    for ev in evidence:
        loc = _locate(text, ev)
        if loc is not None:
            spans.append((ev, *loc))
    ranges: list[list[int]] = []
    for _, s, e in sorted(spans, key=lambda t: t[1]):
        bs, be = sentence_bounds(text, s, e)
        if ranges and bs <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], be)
        else:
            ranges.append([bs, be])
    out = []
    for bs, be in ranges:
        hl = [{"field": ev.field, "start": s - bs, "end": e - bs, "text": text[s:e]}
              for ev, s, e in spans if bs <= s and e <= be]
        hl.sort(key=lambda h: (h["start"], -h["end"]))
        out.append({"start": bs, "end": be, "text": text[bs:be], "highlights": hl})
    return out


def _detached(evidence: Sequence[Evidence]) -> list[dict[str, Any]]:
    main = [e for e in evidence if e.field == "event"]
    if not main:
        return [{"start": e.start, "end": e.end, "text": e.text,
                 "highlights": [{"field": e.field, "start": 0, "end": len(e.text), "text": e.text}]}
                for e in evidence if e.text]
    out = []
    for m in main:
        hl = []
        for e in evidence:
            if e is m or not (m.start <= e.start and e.end <= m.end):
                continue
            rs, re_ = e.start - m.start, e.end - m.start
            if m.text[rs:re_] == e.text:
                hl.append({"field": e.field, "start": rs, "end": re_, "text": e.text})
        hl.sort(key=lambda h: (h["start"], -h["end"]))
        out.append({"start": m.start, "end": m.end, "text": m.text, "highlights": hl})
    return out
