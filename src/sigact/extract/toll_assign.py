"""Giving each toll mention of a text to the event it counts.

:func:`assign_tolls` is the extractor's step between finding the tolls of a text
(:func:`sigact.extract.tolls.find_tolls`) and summarising each event's mentions: a mention
goes to the nearest event of its own sentence; a sentence without an event of its own
restates or updates the toll of the incident told just before it ("Both victims died."),
and a toll total ("the death toll rose to eight") or a sentence that is nothing but a toll
("2 fatalities.", "Three dead, five injured.") counts the incident told up to
:data:`LOOK_BACK` sentences before it, past sentences that hold only hedged mentions
(a threat, a denial).  A toll told before any incident ("The body of a man was found on
a road. He had been shot.") counts the incident of the next sentence.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Sequence

__all__ = ["assign_tolls", "follow_up_tolls", "LOOK_BACK"]

#: how many sentences back a toll total or a toll-only sentence may reach for its incident
LOOK_BACK = 3
#: words a toll-only sentence may have besides its toll mentions ("There were 2 fatalities.")
_SPARE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


def assign_tolls(drafts: Sequence[Any], tolls: Sequence[Any], sents: Sequence[Any]) -> None:
    """Appends each mention of ``tolls`` to the ``tolls`` list of the draft it counts (see the module
    docstring); ``drafts``: the text's event drafts (``group.sent``, ``group.extra_sents``,
    ``group.triggers``, ``judgement.flag``), ``sents``: the parsed text's sentences in order.
    Returns None; a mention with no incident to count stays unassigned."""
    if not tolls or not drafts:
        return
    by_sent: dict[int, list[Any]] = {}
    for d in drafts:
        by_sent.setdefault(d.group.sent.start_char, []).append(d)
        for s in d.group.extra_sents:
            by_sent.setdefault(s.start_char, []).append(d)
    starts = [s.start_char for s in sents]
    for t in tolls:
        k = max(bisect.bisect_right(starts, t.start) - 1, 0)
        cands = by_sent.get(starts[k], [])
        if cands:
            min(cands, key=lambda d: _char_gap(d.group, t.start, t.end)).tolls.append(t)
            continue
        summary = bool(getattr(t, "toll", False)) or _toll_only(sents[k], tolls)
        target = _earlier_incident(by_sent, starts, k, LOOK_BACK if summary else 1)
        if target is None and not any(s < starts[k] for s in by_sent) and k + 1 < len(starts):
            target = next((d for d in by_sent.get(starts[k + 1], []) if d.judgement.flag == "asserted"), None)
        if target is not None:
            target.tolls.append(t)


def _earlier_incident(by_sent: dict[int, list[Any]], starts: list[int], k: int, reach: int) -> Any:
    """Returns the last asserted draft of the nearest sentence before sentence ``k`` (at most ``reach``
    back) that holds one, or None; a sentence whose drafts are all hedged is passed over."""
    for back in range(1, reach + 1):
        if k - back < 0:
            return None
        prev = [d for d in by_sent.get(starts[k - back], []) if d.judgement.flag == "asserted"]
        if prev:
            return prev[-1]
    return None


def _toll_only(sent: Any, tolls: Sequence[Any]) -> bool:
    """True when sentence ``sent`` says nothing but tolls ("1 fatality.", "Three dead, five injured."):
    at most ``_SPARE_WORDS`` words outside its toll mentions."""
    a, b = sent.start_char, sent.end_char
    text = sent.text
    for t in tolls:
        if a <= t.start and t.end <= b:
            text = text[:t.start - a] + " " * (t.end - t.start) + text[t.end - a:]
    return len(_WORD.findall(text)) <= _SPARE_WORDS


def _char_gap(g: Any, s: int, e: int) -> int:
    """Returns the distance in characters between the span ``s``-``e`` and the nearest trigger of group
    ``g`` (-1 when they overlap)."""
    best = None
    for t in g.triggers:
        if t.start < e and s < t.end:
            return -1
        gap = s - t.end if s >= t.end else t.start - e
        best = gap if best is None else min(best, gap)
    return best if best is not None else 10**9


#: toll kinds a follow-up arrest's sentence hands to the incident it follows
_INCIDENT_KINDS = ("killed", "injured")


def follow_up_tolls(drafts: Sequence[Any], incident_types: frozenset[str], sents: Sequence[Any]) -> None:
    """"Gunmen exchanged fire with soldiers. One gunman died and the other was wounded and detained.": the
    deaths and injuries told in the sentence of an arrest that follows an incident of ``incident_types``
    (at most two sentences before it, asserted, with no toll of that kind of its own) are that incident's
    toll, not the arrest's (ACLED codes the arrest as part of the incident).  ``drafts``: coded drafts
    (``coding``, ``tolls``, ``group.sent``, ``judgement.flag``) in text order.  Returns None."""
    starts = [s.start_char for s in sents]
    for k, d in enumerate(drafts):
        if d.coding is None or d.coding.sub_event_type != "Arrests" or d.judgement.flag != "asserted":
            continue
        moving = [t for t in d.tolls if t.kind in _INCIDENT_KINDS and not getattr(t, "aggregate", False)]
        if not moving:
            continue
        here = bisect.bisect_right(starts, d.group.sent.start_char) - 1
        prev = next((p for p in reversed(drafts[:k]) if p.coding is not None and p.judgement.flag == "asserted"
                     and p.group.sent.start_char < d.group.sent.start_char), None)
        if prev is None or prev.coding.event_type not in incident_types:
            continue
        if here - (bisect.bisect_right(starts, prev.group.sent.start_char) - 1) > 2:
            continue
        for t in moving:
            if not any(o.kind == t.kind for o in prev.tolls):
                d.tolls.remove(t)
                prev.tolls.append(t)
