"""Links between events: "in response to", "in retaliation for", "after", "days after".

For an event whose sentence holds a cue (``link_cues`` in ``data/dedup.yaml``), the words after
the cue describe an earlier event ("after a weekend attack on an Iraqi airbase that wounded
American forces").  Each other event is scored against that description:

* words shared with the other event's sentence (content words, lemmas by crude stemming);
* the other event is not later than this one;
* reversed roles (this event's actor1 was the other's target: retaliation);
* the other event's place or trigger word named in the description.

The best candidate above ``link_threshold`` gets a :class:`~sigact.model.Link` from the
responding event, with the cue's sentence as evidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Sequence

from sigact.model import Event, Evidence, Link
from sigact.resources import load_yaml

__all__ = ["link_events", "LinkRules"]

_STOP = set("""a an the of on in at to for by with from and or that which who was were is are be been has have
had its it their his her this these those as into over after against than since during while said says
officials official people""".split())


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z\-]+", text.lower())
    out = set()
    for w in words:
        if w in _STOP or len(w) < 3:
            continue
        for suf in ("ing", "ed", "es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.add(w)
    return out


class LinkRules:
    def __init__(self, cues: Sequence[tuple[re.Pattern[str], str]], threshold: float):
        self.cues = list(cues)
        self.threshold = threshold

    @classmethod
    def default(cls) -> "LinkRules":
        """The rules of the packaged ``data/dedup.yaml``, read once per process (shared, not mutated)."""
        return _default_rules()

    @classmethod
    def load(cls) -> "LinkRules":
        """The rules of the packaged ``data/dedup.yaml``, read afresh."""
        raw = load_yaml(resources.files("sigact.dedup").joinpath("data/dedup.yaml").read_text("utf-8"))
        cues = [(re.compile(c["pattern"], re.I), c["relation"]) for c in raw.get("link_cues") or ()]
        return cls(cues, float(raw.get("link_threshold", 0.3)))


@lru_cache(maxsize=1)
def _default_rules() -> LinkRules:
    return LinkRules.load()


def _sentence(ev: Event) -> Evidence | None:
    for e in ev.evidence:
        if e.field == "event":
            return e
    return None


def _sentences(ev: Event, text: str | None, spans: list[tuple[int, int]] | None) -> list[Evidence]:
    """The event's own sentences: its ``event`` evidence and, with the article text, every
    sentence holding one of its trigger mentions."""
    out = [e for e in ev.evidence if e.field == "event"]
    if text is not None and spans:
        seen = {(e.start, e.end) for e in out}
        for t in ev.evidence:
            if t.field != "trigger":
                continue
            for a, b in spans:
                if a <= t.start < b and (a, b) not in seen:
                    seen.add((a, b))
                    out.append(Evidence("event", a, b, text[a:b]))
    return out


def _triggers_in(ev: Event, start: int, end: int) -> bool:
    return any(e.field == "trigger" and start <= e.start < end for e in ev.evidence)


def _score(desc: str, start: int, end: int, ev: Event, other: Event) -> float:
    if ev.date and other.date and ev.date.start and other.date.start and other.date.start > ev.date.start:
        return 0.0  # a response comes after what it responds to
    score = 1.0 if _triggers_in(other, start, end) else 0.0  # the description *is* a mention of it
    sent = _sentence(other)
    d = _stems(desc)
    if sent is not None and d:
        score += len(d & _stems(sent.text)) / min(len(d), 6)
    if ev.date and other.date and ev.date.start and other.date.start:
        score += 0.15
    if ev.actor1 and other.actor2 and ev.actor1.country and ev.actor1.country == other.actor2.country:
        score += 0.2
    if other.location and other.location.text and other.location.text.lower() in desc.lower():
        score += 0.3
    return score


#: events that can respond, and events that can be responded to
_SOURCES = ("asserted", "threat")
_TARGETS = ("asserted",)


def link_events(events: Sequence[Event], rules: LinkRules | None = None, *, text: str | None = None) -> list[Event]:
    """Return ``events`` with ``links`` added where a cue points at another of them.

    Only incidents (and threats) respond, and only incidents are responded to: aggregates,
    plans and background are never linked.  A cue whose description holds the event's own
    trigger ("injured after the base was hit") describes the event itself, not a cause.
    """
    rules = rules or LinkRules.default()
    spans = None
    if text is not None:
        from sigact.scale.relevance import split_sentences

        spans = split_sentences(text)
    out = list(events)
    targets = [e for e in events if e.factuality in _TARGETS]
    for i, ev in enumerate(events):
        if ev.factuality not in _SOURCES:
            continue
        best: tuple[float, Event, Evidence] | None = None
        for sent in _sentences(ev, text, spans):
            for pattern, relation in rules.cues:
                for m in pattern.finditer(sent.text):
                    desc = sent.text[m.end():]
                    if not sent.text[:m.start()].strip(" \"'“‘"):
                        # a fronted clause ("After Monday's strikes, a spokesman warned ...")
                        # describes the earlier event up to its comma
                        desc = desc.split(",", 1)[0]
                    d0, d1 = sent.start + m.end(), sent.start + m.end() + len(desc)
                    if _triggers_in(ev, d0, d1):
                        continue
                    for other in targets:
                        if other.id == ev.id:
                            continue
                        s = _score(desc, d0, d1, ev, other)
                        if s >= rules.threshold and (best is None or s > best[0]):
                            cue = Evidence("link", sent.start + m.start(), sent.end, sent.text[m.start():])
                            best = (s, other, cue)
                            best_rel = relation
        if best is not None and not any(lk.target == best[1].id for lk in ev.links):
            out[i] = replace(ev, links=ev.links + (Link(best_rel, best[1].id, best[2]),))
    return out
