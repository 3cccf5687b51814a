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
from importlib import resources
from typing import Sequence

import yaml

from sigact.model import Event, Evidence, Link

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
    def load(cls) -> "LinkRules":
        raw = yaml.safe_load(resources.files("sigact.dedup").joinpath("data/dedup.yaml").read_text("utf-8"))
        cues = [(re.compile(c["pattern"], re.I), c["relation"]) for c in raw.get("link_cues") or ()]
        return cls(cues, float(raw.get("link_threshold", 0.3)))


def _sentence(ev: Event) -> Evidence | None:
    for e in ev.evidence:
        if e.field == "event":
            return e
    return None


def _score(desc: str, ev: Event, other: Event) -> float:
    sent = _sentence(other)
    if sent is None:
        return 0.0
    d, o = _stems(desc), _stems(sent.text)
    if not d:
        return 0.0
    score = len(d & o) / min(len(d), 6)
    if ev.date and other.date and ev.date.start and other.date.start:
        if other.date.start > ev.date.start:
            return 0.0
        score += 0.15
    if ev.actor1 and other.actor2 and ev.actor1.country and ev.actor1.country == other.actor2.country:
        score += 0.2
    if other.location and other.location.text and other.location.text.lower() in desc.lower():
        score += 0.3
    if other.trigger and other.trigger.lower() in desc.lower():
        score += 0.1
    return score


def link_events(events: Sequence[Event], rules: LinkRules | None = None) -> list[Event]:
    """Return ``events`` with ``links`` added where a cue points at another of them."""
    rules = rules or LinkRules.load()
    out = list(events)
    for i, ev in enumerate(events):
        sent = _sentence(ev)
        if sent is None:
            continue
        for pattern, relation in rules.cues:
            m = pattern.search(sent.text)
            if not m:
                continue
            desc = sent.text[m.end():]
            best: tuple[float, Event] | None = None
            for other in events:
                if other.id == ev.id:
                    continue
                s = _score(desc, ev, other)
                if s >= rules.threshold and (best is None or s > best[0]):
                    best = (s, other)
            if best is not None:
                target = best[1]
                if any(lk.target == target.id for lk in out[i].links):
                    break
                cue_ev = Evidence("link", sent.start + m.start(), sent.end, sent.text[m.start():])
                out[i] = replace(out[i], links=out[i].links + (Link(relation, target.id, cue_ev),))
                break
    return out
