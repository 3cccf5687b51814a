"""The text's primary event: marking its lead incident, and the classifier-only event of a short
dated note whose every event is hedged.

A report tells its main incident first and follow-ups (an arrest), background (the protest that led
to it) or reactions after it: :func:`mark_lead` marks the first asserted, typed incident of a text of
several, whose raw confidence then gets ``ExtractorSettings.lead_bonus``.  A short dated note ("On 3
May 2020, ...") whose events are all hedged (a threat, a plan, a denial, an aggregate) still asserts
something non-violent (ACLED codes such notes as strategic developments):
:func:`wants_hedged_fallback` says when the extractor adds that event, typed from
:func:`non_violent` probabilities.
"""

from __future__ import annotations

from typing import Any, Sequence

from sigact.extract.background import is_background
from sigact.extract.classifier import is_dated_note
from sigact.extract.headlines import is_citation_list
from sigact.extract.lexicon import Lexicon

__all__ = ["asserted", "mark_lead", "non_violent", "wants_hedged_fallback"]


def _asserted_typed(d: Any) -> bool:
    """Returns True when draft ``d`` is an asserted event with an event type."""
    return d.coding is not None and bool(d.coding.event_type) and d.judgement.flag == "asserted"


def asserted(drafts: Sequence[Any]) -> bool:
    """Returns True when some draft is an asserted, typed event."""
    return any(_asserted_typed(d) for d in drafts)


def mark_lead(drafts: Sequence[Any]) -> None:
    """Sets ``lead = True`` on the first asserted, typed draft in text order when the text has several
    (a later event must then be clearly surer to become the primary one); a draft that only tells the
    setting or a consequence of another act of its sentence ("amid clashes", "which sparked protests":
    :func:`sigact.extract.background.is_background`) is never the lead.  Returns nothing."""
    live = [d for d in drafts if _asserted_typed(d)]
    if len(live) > 1:
        main = [d for d in live if not is_background(d)] or live
        min(main, key=lambda d: d.group.main.start).lead = True


def non_violent(lex: Lexicon, probs: dict[str, float]) -> dict[str, float]:
    """Returns the classifier's sub-event probabilities renormalised over the non-violent event types
    (strategic developments, protests): what a short report whose every violent event is hedged (a
    threat, a plan, a denial, an aggregate) still asserts; ``probs`` when none is left."""
    fighting = lex.fighting_event_types
    keep = {k: v for k, v in probs.items() if lex.event_type_of(k) not in fighting}
    z = sum(keep.values())
    return {k: v / z for k, v in keep.items()} if z > 0 else probs


def wants_hedged_fallback(text: str, drafts: Sequence[Any], max_chars: int) -> bool:
    """Returns True when ``text`` is a short dated note (at most ``max_chars`` characters, not a UCDP
    citation list) none of whose ``drafts`` is asserted: it gets a classifier-only non-violent event."""
    return len(text) <= max_chars and not asserted(drafts) and is_dated_note(text) and not is_citation_list(text)
