"""Merging mentions of one incident: coreference, elaboration and the tie-breaks between mentions.

Used by :mod:`sigact.extract.extractor`; works on its ``_Draft`` records (duck-typed here).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from sigact.extract.coding import Coding
from sigact.extract.lexicon import Lexicon
from sigact.model import Actor, Place

if TYPE_CHECKING:  # pragma: no cover
    from sigact.extract.extractor import _Draft

__all__ = ["same_incident", "elaborates", "core_first", "specificity", "finer", "names", "specific_name",
           "sent_distance"]

def sent_distance(a: Span, b: Span) -> int:
    doc = a.doc
    lo, hi = sorted((a.start, b.start))
    return sum(1 for t in doc[lo:hi] if t.is_sent_start)



_GENERAL_SUBS = {"Armed clash", "Attack", "Peaceful protest", "Mob violence", "Other", None}


def specificity(d: _Draft) -> tuple:
    """Sort key: which of two mentions of one incident keeps its coding (the more specific one)."""
    sub = d.coding.sub_event_type if d.coding else None
    rank = 2 if sub in ("Violent demonstration", "Excessive force against protesters") else int(sub not in _GENERAL_SUBS)
    return (rank, d.group.main.cls.weight >= 0.85, d.date is not None and d.date.precision != "reported",
            d.place is not None and d.place.precision in ("site", "town"), bool(d.tolls), d.group.main.cls.weight,
            -d.group.start)


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_GENERIC = ("unidentified", "civilians", "protesters", "rioters", "militia (")


def names(a: Actor | None) -> set[str]:
    """Returns normalised names of an actor (government periods dropped)."""
    if a is None:
        return set()
    return {_PERIOD.sub("", x).strip().lower() for x in (a.acled_name, a.name) if x}


def specific_name(a: Actor) -> str | None:
    if not a.acled_name or a.acled_name.lower().startswith(_GENERIC):
        return None
    return _PERIOD.sub("", a.acled_name).strip().lower()


def same_incident(a: _Draft, b: _Draft, lex: Lexicon) -> bool:
    ca, cb = a.coding, b.coding
    if ca is None or cb is None:
        return False
    generic = {"attack", "fire", "target", "kill", "injure", "shoot", "strike", "explosion", "bomb"}
    violent = lex.violent_event_types
    if ca.sub_event_type != cb.sub_event_type:
        both_violent = ca.event_type in violent and cb.event_type in violent
        if not (ca.event_type == cb.event_type or _demo_family(ca, cb) or
                (both_violent and (a.group.main.cls.name in generic or b.group.main.cls.name in generic))):
            return False
    dated = bool(a.date and b.date and a.date.start and b.date.start
                 and "reported" not in (a.date.precision, b.date.precision))
    if dated and ((a.date.end or a.date.start) < b.date.start or (b.date.end or b.date.start) < a.date.start):
        return False
    if ca.sub_event_type != cb.sub_event_type:
        # different types merge only on positive evidence: both dated and overlapping, or a shared actor
        shared = any(names(x) & names(y) for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)) if x and y)
        same_place = bool(a.place and b.place and a.place.precision in ("site", "town")
                          and a.place.precision == b.place.precision
                          and (a.place.name or "").lower() == (b.place.name or "").lower())
        if not (dated or shared or same_place):
            return False
    # places: same country, and same name when both are local
    if a.place and b.place:
        if a.place.country and b.place.country and a.place.country != b.place.country:
            return False
        if a.place.precision in ("site", "town") and b.place.precision in ("site", "town") and \
                (a.place.name or "").lower() != (b.place.name or "").lower():
            return False
    # actors: not contradicting (roles may swap between a headline and the body)
    na = {n for n in (specific_name(x) for x in (a.actor1, a.actor2) if x) if n}
    nb = {n for n in (specific_name(x) for x in (b.actor1, b.actor2) if x) if n}
    if na and nb and not na & nb:
        return False
    # different explicit tolls -> different incidents
    return True


_DEMO = {"Protests", "Riots"}


def _demo_family(ca: Coding, cb: Coding) -> bool:
    return ca.event_type in _DEMO and cb.event_type in _DEMO


# types that elaborate an incident told just before ("Two police vehicles were burnt.", "The army
# said it had killed 20 assailants and recovered weapons.") when they bring no date or actor of their own
_ELABORATES = {
    "violent": ({"Battles", "Explosions/Remote violence", "Violence against civilians"},
                {"Disrupted weapons use", "Looting/property destruction", "Change to group/activity"}),
    "demo": ({"Protests", "Riots"}, {"Looting/property destruction", "Arrests"}),
}


def elaborates(prev: _Draft, d: _Draft) -> bool:
    """True when ``d`` adds detail to ``prev`` (same family, no own date, no own new actor, close by)."""
    cp, cd = prev.coding, d.coding
    if cp is None or cd is None or cp.event_type is None or cd.event_type is None:
        return False
    if d.group.main.cls.name == "defuse":  # an interception or a defused bomb is an event of its own
        return False
    if d.date is not None and d.date.precision != "reported" and prev.date is not None and \
            (d.date.start != prev.date.start):
        return False
    if d.actor1_span is not None and not (names(d.actor1) & names(prev.actor1)):
        if d.actor1_span.root.pos_ != "PRON":
            return False
    for types, subs in _ELABORATES.values():
        p_in = cp.event_type in types or cp.sub_event_type in subs
        d_in = cd.event_type in types or cd.sub_event_type in subs
        if p_in and d_in and (cp.event_type in types or cd.event_type in types):
            return sent_distance(prev.group.sent, d.group.sent) <= 3
    return False


def core_first(prev: _Draft, d: _Draft) -> tuple[_Draft, _Draft]:
    """Returns ``(keep, drop)``: the event whose type is the family's core type (a riot over the
    property damage it caused) is kept."""
    for types, _subs in _ELABORATES.values():
        if prev.coding and d.coding and prev.coding.event_type not in types and d.coding.event_type in types:
            return d, prev
    return prev, d


_PREC_RANK = {"site": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4}


def finer(a: Place, b: Place) -> bool:
    """True when place ``a`` is more precise than ``b`` and in the same country."""
    return (a.country == b.country or b.country is None) and \
        _PREC_RANK.get(a.precision or "", 9) < _PREC_RANK.get(b.precision or "", 9)
