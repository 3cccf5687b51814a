"""The article-level incident model: which mentions of an article tell one incident, and which several.

Works on the extractor's drafts (:class:`sigact.extract.extractor._Draft`, duck-typed) after each
mention has its coding, actors, place, date and tolls:

* :meth:`IncidentMerger.inherit_outcomes`: "the deaths occurred in ..." takes the coding of the summary
  or incident told just before;
* :meth:`IncidentMerger.split_places`: a mention listing several towns becomes one event per town;
* :meth:`IncidentMerger.resolve_anaphora`: "that raid", "the strike", "claimed responsibility for the attack";
* :meth:`IncidentMerger.coreference`: mentions of one incident in several sentences (see
  :func:`sigact.extract.merge.same_incident`);
* :meth:`IncidentMerger.elaboration` and :meth:`IncidentMerger.bare_mentions`: detail sentences and bare
  re-mentions join the incident they tell about;
* :meth:`IncidentMerger.share_places`: incidents of one sentence share the place named there.
"""

from __future__ import annotations

import copy
import datetime
import logging
from typing import TYPE_CHECKING, Any

from sigact.extract.factuality import Judgement
from sigact.extract.lexicon import Lexicon
from sigact.extract.merge import (IncidentCues, agentless_passive, answers_at_scene, better_place, cluster_distance,
                                  continues_incident, core_first, during_the, elaborates, in_after_clause,
                                  intervenes, local_place, names, places_conflict, refers_back, same_incident,
                                  same_town, sent_distance, specific_name, specificity, told_as_cause)
from sigact.model import Evidence, Place

if TYPE_CHECKING:  # pragma: no cover
    from sigact.extract.extractor import _Draft

log = logging.getLogger(__name__)

__all__ = ["IncidentMerger", "make_evidence", "place_for", "take_place", "absorb_sents", "same_paragraph"]


def make_evidence(fld: str, start: int, end: int, text: str) -> Evidence:
    """Returns the :class:`Evidence` of field ``fld`` at ``start``..``end`` (offsets as plain ints)."""
    return Evidence(field=fld, start=int(start), end=int(end), text=text)


def _set_evidence(dst: Any, fields: str | tuple[str, ...], new: list[Evidence]) -> None:
    """Replaces ``dst``'s evidence for ``fields`` (one field name or several) with ``new``, appended after
    its other evidence.  Returns None (``dst.evidence`` is rebound to a new list)."""
    drop = (fields,) if isinstance(fields, str) else fields
    dst.evidence = [e for e in dst.evidence if e.field not in drop] + list(new)


def _move_evidence(src: Any, dst: Any, fields: str | tuple[str, ...]) -> None:
    """Gives draft ``dst`` the evidence of draft ``src`` for ``fields`` (one field name or several), in
    place of its own for them: what follows when a merge moves a date, a place or an actor from one
    mention to the incident it joins.  Returns None."""
    keep = (fields,) if isinstance(fields, str) else fields
    _set_evidence(dst, keep, [e for e in src.evidence if e.field in keep])


def _take_actor(dst: Any, src: Any, fld: str) -> None:
    """Makes ``src``'s ``fld`` actor (actor1 or actor2) ``dst``'s actor2, with its evidence; returns None."""
    dst.actor2 = getattr(src, fld)
    _set_evidence(dst, "actor2", [make_evidence("actor2", e.start, e.end, e.text) for e in src.evidence
                                  if e.field == fld])


def place_for(geo: Any, start: int, end: int) -> tuple[Place, Evidence | None] | None:
    """``geo.place_for(start, end)``, or None (logged) when the geo stage fails: a failing sibling stage
    must not lose the event."""
    try:
        return geo.place_for(start, end)
    except Exception as exc:  # noqa: BLE001 - any failure of the sibling stage: no place, the event stays
        log.warning("geo.place_for failed: %s", exc)
        return None


def _dated(span: Any) -> bool:
    """Returns True when ``span`` is a date of the event's own (a precision other than None and
    "reported", the report day)."""
    return span is not None and span.precision not in (None, "reported")


def _live(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts that are incidents of their own: asserted, coded, not merged into another."""
    return [d for d in drafts if d.alias_of is None and d.judgement.flag == "asserted" and d.coding is not None]


class IncidentMerger:
    """Merges and splits the drafts of one article (see module docstring); stateless between articles."""

    def __init__(self, lex: Lexicon, cues: IncidentCues):
        self.lex = lex
        self.cues = cues

    def resolve_anaphora(self, drafts: list[_Draft]) -> None:
        """"That raid", "These strikes", "Monday's strikes" refer to an incident already reported: merge."""
        for k, d in enumerate(drafts):
            h = d.group.main.head
            if not d.group.main.head.pos_ in ("NOUN", "PROPN") or d.group.main.cls.special:
                continue
            if self._claimed(d, drafts[:k]) or self._recap(d, drafts[:k]):
                continue
            det = [c for c in h.children if c.dep_ in ("det", "poss")]
            anaphoric = any(c.lower_ in ("that", "this", "these", "those", "the") for c in det if c.dep_ == "det") or \
                any(c.ent_type_ in ("DATE", "TIME") for c in det if c.dep_ == "poss")
            # an attacker of its own makes "the strike" a new incident, unless it only points back
            # ("it was assessing the results of the strike"; "the group claimed ...")
            only_refers = self.cues.referential(h) and all(
                t.cls.outcome or self.cues.referential(t.head) for t in d.group.triggers)
            own_actor = d.actor1_span is not None and d.actor1_span.root.pos_ != "PRON" and not only_refers
            if not anaphoric or own_actor and d.judgement.flag == "asserted" and not any(
                    c.lower_ in ("that", "this", "these", "those") for c in det):
                continue
            # a toll of its own ("six policemen were injured in the clashes") joins only an incident told
            # at most two sentences before
            counted = d.judgement.flag == "asserted" and any(getattr(t, "value", None) for t in d.tolls)
            if d.split_key:  # one of several listed towns: its own incident
                continue
            if any(t.head.pos_ in ("VERB", "AUX") and t.head.i != h.i and not t.cls.outcome and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in t.head.children)
                   for t in d.group.triggers):
                continue  # "warplanes struck positions during the assault": the verb tells an event of its own
            cause = told_as_cause(d)
            target = None
            for prev in reversed(drafts[:k]):
                if prev.alias_of is not None or prev.coding is None or d.coding is None:
                    continue
                if prev.judgement.flag not in ("asserted",) or places_conflict(prev, d):
                    continue
                if cause and prev.group.sent.start_char == d.group.sent.start_char:
                    continue  # "fired rockets in response to the strikes": not the rockets
                if counted and cluster_distance(prev, d) > 2:
                    continue
                if prev.group.main.cls.name == d.group.main.cls.name or \
                        prev.coding.event_type == d.coding.event_type or \
                        (only_refers and h.lemma_.lower() in {t.head.lemma_.lower() for t in prev.group.triggers}):
                    target = prev
                    break
            if target is not None:
                d.alias_of = drafts.index(target)
                d.group.anaphoric = True
                target.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
                if counted:  # a mention with its toll tells the incident in full: its day and place count too
                    target.tolls.extend(d.tolls)
                    take_place(target, d)
                    absorb_sents(target, d)
                    if _dated(d.date) and not _dated(target.date):
                        target.date = d.date
                        _move_evidence(d, target, "date")

    def inherit_outcomes(self, drafts: list[_Draft]) -> None:
        """"The deaths occurred in ...": a bare outcome named with a definite article and no attacker
        of its own is the outcome of the violent incident (or summary) told just before; it takes that
        mention's coding and actor1."""
        for k, d in enumerate(drafts):
            g = d.group
            h = g.main.head
            if not g.outcome_only or d.actor1_span is not None or h.pos_ not in ("NOUN", "PROPN"):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in h.children):
                continue
            prev = next((p for p in reversed(drafts[:k]) if p.coding is not None and not p.group.outcome_only
                         and p.coding.event_type in self.lex.violent_event_types), None)
            if prev is None or sent_distance(prev.group.sent, g.sent) > 2:
                continue
            d.coding = prev.coding
            if prev.actor1 is not None and (d.actor1 is None or not specific_name(d.actor1)):
                d.actor1 = prev.actor1
                _move_evidence(prev, d, "actor1")

    def split_places(self, drafts: list[_Draft], geo: Any, dates: Any = None) -> list[_Draft]:
        """One asserted mention whose clause lists several towns ("the deaths occurred in A, B and C",
        "strikes hit A and B") becomes one event per town; so does a verb with several targets, each
        with a town (and a day) of its own ("attacked a post in A on Saturday and a gendarmerie in B on
        Sunday").  The toll is a total, so the split events carry none.  Returns the new draft list."""
        if geo is None:
            return drafts
        out: list[_Draft] = []
        for d in drafts:
            places: list[tuple[Place, Evidence | None]] = []
            days: list[tuple[Any, Evidence | None] | None] = []
            if d.judgement.flag == "asserted" and d.coding:
                places = self._listed_places(d, geo)
                if len(places) < 2:
                    places, days = self._conjoined_targets(d, geo, dates)
            if len(places) < 2:
                out.append(d)
                continue
            for n, (place, pev) in enumerate(places):
                x = d if n == 0 else copy.copy(d)
                if n:
                    x.evidence = list(d.evidence)
                    x.extra_evidence = list(d.extra_evidence)
                    x.group = copy.copy(d.group)
                    x.group.extra_sents = list(d.group.extra_sents)
                x.place = place
                _set_evidence(x, "location", [pev] if pev is not None else [])
                own = getattr(d, "split_tolls", None)
                x.tolls = [own[n]] if own and n < len(own) and own[n] is not None else []
                x.split_key = place.name or str(n)
                if days and days[n] is not None:
                    x.date, dev = days[n]
                    _set_evidence(x, "date", [dev] if dev is not None else [])
                out.append(x)
        return out

    def _conjoined_targets(self, d: _Draft, geo: Any, dates: Any) -> tuple[list[tuple[Place, Evidence | None]],
                                                                           list[tuple[Any, Evidence | None] | None]]:
        """"Attacked an army post in A on Saturday and a gendarmerie in B on Sunday", "killed five villagers in
        A state on Monday and three farmers in B state on Tuesday": the targets of a verb trigger (its object
        and the nouns conjoined under it) that each name a place of their own.  Returns ``(places, days)``:
        one ``(place, evidence)`` per target and its own ``(DateSpan, evidence)`` (None where no day is told
        between it and the next target), both empty unless at least two targets name different places of
        one country.  A target's own count becomes its toll (``d.split_tolls``) when the trigger kills or
        injures."""
        h = d.group.main.head
        if h.pos_ not in ("VERB", "AUX"):
            return [], []
        first = next((c for c in h.children if c.dep_ == "dobj"), None)
        if first is None:
            return [], []
        targets = [first] + [t for t in h.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")
                             and t.ent_type_ not in ("DATE", "TIME") and t.i > first.i and self._site_prep(t)]
        if len(targets) < 2:
            return [], []
        targets.sort(key=lambda t: t.i)
        doc = h.doc
        day_phrases = sorted({p.i: p for o in (h, *targets) for p in o.children if p.dep_ in ("prep", "npadvmod")
                              and any(t.ent_type_ in ("DATE", "TIME") for t in p.subtree)}.values(), key=lambda p: p.i)
        places: list[tuple[Place, Evidence | None]] = []
        days: list[tuple[Any, Evidence | None] | None] = []
        for n, tgt in enumerate(targets):
            site = self._site_prep(tgt)
            if site is None:
                return [], []
            obj = next(c for c in site.children if c.dep_ == "pobj")
            a, b = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
            got = place_for(geo, a, b)
            if not got or got[0].precision not in ("site", "town", "admin2", "admin1") or got[1] is None \
                    or not a <= got[1].start < b:
                return [], []
            place, pev = got
            places.append((place, pev if pev.field == "location" else make_evidence("location", pev.start, pev.end, pev.text)))
            upto = targets[n + 1].i if n + 1 < len(targets) else doc[h.sent.end - 1].i + 1
            mine = [p for p in day_phrases if tgt.i < p.i < upto]
            if not mine and n == 0:
                mine = [p for p in day_phrases if p.i < tgt.i]
            day = None
            if mine and dates is not None:
                when = mine[0]
                try:
                    span, dev = dates.date_for(when.idx, when.right_edge.idx + len(when.right_edge.text))
                except Exception as exc:
                    log.warning("dates.date_for failed: %s", exc)
                    span, dev = None, None
                if span is not None and dev is not None:
                    day = (span, dev if dev.field == "date" else make_evidence("date", dev.start, dev.end, dev.text))
            days.append(day)
        if len({(p.name or "").lower() for p, _ in places}) < len(places) or len({p.country for p, _ in places}) != 1:
            return [], []
        d.split_tolls = [self._target_toll(d, t) for t in targets]
        return places, days

    @staticmethod
    def _site_prep(tgt: Any) -> Any:
        """Returns the "in/at/near" preposition of a target that names a place ("in Djibo", "in Kaduna
        state"), or None."""
        for p in tgt.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "at", "near"):
                continue
            obj = next((c for c in p.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                                               for c in obj.children)):
                return p
        return None

    def _target_toll(self, d: _Draft, tgt: Any) -> Any:
        """Returns the toll a target's own count gives ("three farmers" under "killed"), or None."""
        cls = d.group.main.cls.name
        if cls not in ("kill", "injure"):
            return None
        num = next((c for c in tgt.children if c.dep_ == "nummod" and c.like_num), None)
        if num is None:
            return None
        from sigact.extract.numbers import parse_quantity
        from sigact.extract.tolls import TollMention

        value = parse_quantity(num.text)
        if value is None:
            return None
        a, b = num.idx, tgt.idx + len(tgt.text)
        return TollMention(kind="killed" if cls == "kill" else "injured", value=value, start=a, end=b,
                           text=tgt.doc.text[a:b], victim_text=tgt.text)

    def _listed_places(self, d: _Draft, geo: Any) -> list[tuple[Place, Evidence | None]]:
        """Returns the distinct town/site places of a coordinated list after "in/at/near" in the
        trigger's clause (the trigger's head or its verb governs the preposition)."""
        h = d.group.main.head
        heads = {h.i, h.head.i}
        doc = h.doc
        # "the towns of A, B and C": an "of" list under a place noun that the trigger's verb governs
        objs = {c.i for x in (h, h.head) for c in x.children if c.dep_ in ("dobj", "pobj", "attr", "nsubjpass")}
        objs |= {c.i for x in (h, h.head) for p in x.children if p.dep_ == "prep" for c in p.children
                 if c.dep_ == "pobj"}
        for prep in d.group.sent:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near", "around") and prep.head.i in heads:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            elif prep.dep_ == "prep" and prep.lower_ == "of" and prep.head.i in objs:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            elif prep.dep_ == "dobj" and prep.head.i in heads and prep.pos_ == "PROPN":
                obj = prep  # "shelled A, B and C"
            else:
                continue
            if obj is None or obj.pos_ != "PROPN":
                continue
            names = [obj]
            stack = [obj]
            while stack:
                t = stack.pop()
                for c in t.children:
                    if c.dep_ == "conj" and c.pos_ == "PROPN":
                        names.append(c)
                        stack.append(c)
            if len(names) < 2:
                continue
            found: list[tuple[Place, Evidence | None]] = []
            seen: set[str] = set()
            for t in sorted(names, key=lambda t: t.i):
                ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
                if ent is not None and any(o.i != t.i and ent.start <= o.i < ent.end for o in names):
                    ent = None  # "Kharkiv, Izium" tagged as one entity: each name on its own
                a, b = (ent.start_char, ent.end_char) if ent is not None else (t.idx, t.idx + len(t.text))
                got = place_for(geo, a, b)
                if not got:
                    continue
                place, pev = got
                if place.precision not in ("site", "town") or pev is None or not (a <= pev.start < b):
                    continue
                key = (place.name or "").lower()
                if found and key == (found[-1][0].admin1 or "").lower():
                    continue  # "in Leon, Guanajuato": the state named after the town, not a second town
                if key and key not in seen:
                    seen.add(key)
                    found.append((place, pev if pev.field == "location" else make_evidence("location", pev.start, pev.end,
                                                                                 pev.text)))
            if len(found) >= 2 and len({p.country for p, _ in found}) == 1:
                return found
        return []

    def _recap(self, d: _Draft, before: list[_Draft]) -> bool:
        """"At least 12 soldiers were killed in the two attacks", "both attacks": a definite plural that
        counts incidents already told (two or more earlier asserted violent incidents) sums them up.  It
        joins the first of them without its toll (a total over several incidents belongs to none).
        Returns whether ``d`` was merged."""
        if not any(t.head.tag_ in ("NNS", "NNPS") and self._counts_told(t.head) for t in d.group.triggers):
            return False
        if d.coding is None or d.coding.event_type not in self.lex.violent_event_types:
            return False
        told = [p for p in before if p.alias_of is None and p.coding is not None and p.judgement.flag == "asserted"
                and p.coding.event_type in self.lex.violent_event_types]
        if len(told) < 2:
            return False
        d.alias_of = before.index(told[0])
        d.group.anaphoric = True
        d.tolls = []
        told[0].extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
        return True

    @staticmethod
    def _counts_told(h: Any) -> bool:
        """True for "the two attacks", "both attacks", "these three raids": a determiner that points back
        with a count (or "both")."""
        kids = list(h.children)
        if any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in kids):
            return True
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in kids)
        count = any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in kids)
        return definite and count

    def _claimed(self, d: _Draft, before: list[_Draft]) -> bool:
        """"X claimed responsibility for the attack": the claim names the attacker of the latest violent
        incident told before; ``d`` joins it and its claimant becomes that incident's actor1 when it has
        no named one.  Returns whether ``d`` was merged."""
        h = d.group.main.head
        claimed = h.dep_ == "dobj" and h.head.lemma_.lower() == "claim" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in h.children)
        if not claimed and not (h.dep_ == "pobj" and h.head.lower_ == "for"
                                and h.head.head.lemma_.lower() in self.cues.claim_nouns):
            return False
        if d.coding is None or d.coding.event_type not in self.lex.violent_event_types:
            return False
        cands = [p for p in before if p.alias_of is None and p.coding is not None
                 and p.judgement.flag == "asserted" and p.coding.event_type in self.lex.violent_event_types]
        if not cands:
            return False
        # an incident told in the claim's own paragraph ("In a separate incident ... The TTP claimed the
        # assault"): the nearest of them; else the incident the article is about: the first told with a toll,
        # else the latest of a specific type
        near = [p for p in cands if same_paragraph(p, d)]
        with_toll = [p for p in cands if p.tolls]
        if near:
            target = near[-1]
        else:
            target = with_toll[0] if with_toll else max(cands, key=lambda p: (specificity(p)[0] > 0, p.group.start))
        d.alias_of = before.index(target)
        d.group.anaphoric = True
        target.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
        # an asserted claim names the perpetrator, whoever the mention told first ("police returned fire")
        named = d.actor1_span is not None and (d.actor1_span.root.pos_ == "PROPN"
                                               or d.actor1_span.root.ent_type_ in ("ORG", "NORP"))
        if d.actor1 is not None and specific_name(d.actor1) and (
                target.actor1 is None or not specific_name(target.actor1)
                or (named and d.judgement.flag == "asserted")):
            target.actor1, target.actor1_span = d.actor1, d.actor1_span
            _move_evidence(d, target, "actor1")
        return True

    def coreference(self, drafts: list[_Draft]) -> None:
        """Asserted mentions of one incident in several sentences become one event."""
        live = _live(drafts)
        for j, b in enumerate(live):
            for a in reversed(live[:j]):  # the nearest earlier mention first: "the strike" after "a second strike"
                if a.alias_of is not None:
                    continue
                if same_incident(a, b, self.lex):
                    keep, drop = (a, b) if specificity(a) >= specificity(b) else (b, a)
                    drop.alias_of = drafts.index(keep)
                    keep.distinct = keep.distinct or drop.distinct
                    keep.extra_evidence.append(make_evidence("trigger", drop.group.main.start, drop.group.main.end,
                                                   drop.group.main.text))
                    absorb_sents(keep, drop)
                    first, second = (a, b) if a.group.start <= b.group.start else (b, a)
                    if keep is second and first.actor1 is not None and self.cues.responds(second) \
                            and not self.cues.responds(first):
                        # "X attacked the base ... troops returned fire": the attacker stays actor1
                        old_a1 = [make_evidence("actor2", e.start, e.end, e.text) for e in keep.evidence if e.field == "actor1"]
                        keep.actor2, keep.actor1 = keep.actor1, first.actor1
                        _move_evidence(drop, keep, "actor1")
                        _set_evidence(keep, "actor2", old_a1)
                    for fld in ("actor1", "actor2"):
                        mine, theirs = getattr(keep, fld), getattr(drop, fld)
                        if theirs is not None and (mine is None or (
                                (not mine.acled_name and theirs.acled_name)
                                or (not specific_name(mine) and specific_name(theirs)))):
                            setattr(keep, fld, getattr(drop, fld))
                            _move_evidence(drop, keep, fld)
                    take_place(keep, drop)
                    if keep.date is None or (keep.date.precision == "reported" and drop.date is not None
                                             and drop.date.precision != "reported"):
                        keep.date = drop.date
                        _move_evidence(drop, keep, "date")
                    keep.tolls.extend(drop.tolls)
                    break

    def continuations(self, drafts: list[_Draft]) -> None:
        """"Skirmishes were still going on near the dam", "clashes continued": a violent mention that goes on (see
        :meth:`sigact.extract.merge.IncidentCues.continues`) is the continuation of a violent incident told
        before it at the same place, by the same actors, on the same or an adjacent day (see
        :func:`sigact.extract.merge.continues_incident`), not an incident of its own: it joins that incident
        (the one at the same named town, else the latest told), with its triggers, sentences and tolls.
        Called at the end of :meth:`elaboration` (a continuation's own details have joined it by then)."""
        live = _live(drafts)
        fighting = self.lex.fighting_event_types  # "the fighting continued" may be coded a riot
        for d in live:
            if d.alias_of is not None or d.distinct or d.coding.event_type not in fighting \
                    or not self.cues.continues(d):
                continue
            cands = [p for p in live if p is not d and p.alias_of is None and p.coding.event_type in fighting
                     and _told_before(p, d) is not None and continues_incident(p, d)]
            if not cands:
                continue
            target = max(cands, key=lambda p: (same_town(p, d), _told_before(p, d)))
            _join(drafts, d, target)
            self._other_side(target, d)
            if not local_place(target):  # "on the eastern edge of the town": the incident's own place stays
                take_place(target, d)
            if (target.date is None or target.date.precision == "reported") and _dated(d.date):
                target.date = d.date
                _move_evidence(d, target, "date")
            target.tolls.extend(d.tolls)

    @staticmethod
    def _other_side(target: _Draft, d: _Draft) -> None:
        """Fills ``target``'s missing actors from continuation ``d``: its actor1 when ``target`` has none, and
        as actor2 the first named actor of ``d`` that is not ``target``'s actor1 ("the army recaptured the town"
        / "RSF fighters were still fighting there").  Returns None."""
        if target.actor1 is None and d.actor1 is not None:
            target.actor1, target.actor1_span = d.actor1, d.actor1_span
            _move_evidence(d, target, "actor1")
        if target.actor2 is not None:
            return
        mine = names(target.actor1)
        for fld in ("actor1", "actor2"):
            x = getattr(d, fld)
            if x is not None and specific_name(x) and not names(x) & mine:
                _take_actor(target, d, fld)
                return

    def elaboration(self, drafts: list[_Draft]) -> None:
        """A following asserted event with no date or actor of its own that fits the incident just
        told joins it (its tolls and evidence go to that incident)."""
        live = _live(drafts)
        for d in live:
            if d.alias_of is not None:
                continue
            # an incident told before ``d`` — its kept mention may come later ("the ensuing clash") when an
            # earlier mention of it was merged in
            earlier = [p for p in live if p is not d and p.alias_of is None and _told_before(p, d) is not None]
            earlier.sort(key=lambda p: _told_before(p, d))
            prev = next((p for p in reversed(earlier) if elaborates(p, d, self.cues)), None)
            if prev is not None:
                keep, drop = core_first(prev, d)
                drop.alias_of = drafts.index(keep)
                keep.extra_evidence.append(make_evidence("trigger", drop.group.main.start, drop.group.main.end,
                                               drop.group.main.text))
                absorb_sents(keep, drop)
                keep.tolls.extend(drop.tolls)
                for fld in ("actor1", "actor2"):
                    if getattr(keep, fld) is None and getattr(drop, fld) is not None:
                        setattr(keep, fld, getattr(drop, fld))
                take_place(keep, drop)
                if (keep.date is None or keep.date.precision == "reported") and drop.date is not None:
                    keep.date = drop.date
                    _move_evidence(drop, keep, "date")
        self.continuations(drafts)
        self.scene_responses(drafts)
        self.during(drafts)
        self.interventions(drafts)

    def interventions(self, drafts: list[_Draft]) -> None:
        """"Soldiers withdrew, firing in the air" while a crowd storms a building: police or troops firing or
        clashing with no armed opponent named, at the town of a demonstration or riot told just before (at most
        two sentences apart) on its day, intervene in it (see :func:`sigact.extract.merge.intervenes`): the
        mention joins the demonstration, whose coding stays.  Called at the end of :meth:`elaboration`."""
        live = _live(drafts)
        for d in live:
            if d.alias_of is not None:
                continue
            target = next((p for p in reversed(live) if p is not d and p.alias_of is None
                           and _told_before(p, d) is not None and intervenes(p, d, self.lex)), None)
            if target is not None:
                _join(drafts, d, target)
                target.tolls.extend(d.tolls)

    def during(self, drafts: list[_Draft]) -> None:
        """"Russian warplanes struck positions around the village during the assault": an act with an attacker of
        its own told "during/amid" a definite mention of a violent incident told before stays an incident of its
        own, on that incident's day and at its place when it names neither (no day of its own, no place named in
        its sentence).  Called at the end of :meth:`elaboration`."""
        live = _live(drafts)
        violent = self.lex.violent_event_types
        for d in live:
            if d.alias_of is not None or d.coding.event_type not in violent \
                    or not any(during_the(t.head) for t in d.group.triggers):
                continue
            own_day = _dated(d.date)
            if own_day and local_place(d):
                continue
            cands = [p for p in live if p is not d and p.alias_of is None and p.coding.event_type in violent
                     and _told_before(p, d) is not None and not places_conflict(p, d)]
            if not cands:
                continue
            target = max(cands, key=lambda p: _told_before(p, d))
            if not own_day and _dated(target.date):
                d.date = target.date
                _move_evidence(target, d, "date")
            if not local_place(d) and target.place is not None and better_place(target, d):
                d.place = target.place
                _move_evidence(target, d, "location")

    def scene_responses(self, drafts: list[_Draft]) -> None:
        """"Troops shot back after the car bomb exploded": state forces firing right after an incident that the
        sentence names with a definite noun ("after the blast", "following the attack") respond at its scene
        (see :func:`sigact.extract.merge.answers_at_scene`); the response joins that incident, the one the
        cause phrase's mention was merged into when it is told before, else the latest such incident told
        before.  Called at the end of :meth:`elaboration`."""
        live = _live(drafts)
        for d in live:
            if d.alias_of is not None or in_after_clause(d.group.main.head):
                continue
            sent = d.group.sent.start_char
            causes = [c for c in drafts if c is not d and c.group.sent.start_char == sent
                      and in_after_clause(c.group.main.head) and refers_back(c)]
            if not causes:
                continue
            named = [_root(drafts, c) for c in causes]
            cands = [p for p in live if p is not d and p.alias_of is None and _told_before(p, d) is not None
                     and answers_at_scene(p, d, self.lex)]
            if not cands:
                continue
            target = next((p for p in cands if p in named), None) or max(cands, key=lambda p: _told_before(p, d))
            _join(drafts, d, target)
            if target.actor2 is None and d.actor1 is not None:
                _take_actor(target, d, "actor1")  # the forces that fired back are the other side
            if not local_place(target):
                take_place(target, d)
            target.tolls.extend(d.tolls)

    def bare_mentions(self, drafts: list[_Draft]) -> None:
        """A bare later mention ("a blast occurred", "where the men were killed": a generic trigger with
        no attacker, date, toll or place of its own) re-tells an incident already reported; when exactly
        one earlier incident fits it (same event type; a riot for a bare killing) it joins that one."""
        live = _live(drafts)
        for k, d in enumerate(live):
            if d.alias_of is not None or not self._bare(d):
                continue
            types = {d.coding.event_type}
            if d.group.main.cls.name in ("kill", "injure"):
                types.add("Riots")
            cands = [p for p in live[:k] if p.alias_of is None and p.coding is not None
                     and p.coding.event_type in types and not places_conflict(p, d)]
            if len(cands) != 1:
                continue
            keep = cands[0]
            d.alias_of = drafts.index(keep)
            keep.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
            absorb_sents(keep, d)

    def _bare(self, d: _Draft) -> bool:
        """True for a mention with a generic trigger and nothing of its own: no attacker phrase, no date,
        no toll, no place named in its sentence, not a new or causing incident."""
        generic = {"attack", "fire", "target", "kill", "injure", "shoot", "strike", "explosion", "bomb", "fight", "clash"}
        if d.group.main.cls.name not in generic or d.distinct or d.tolls or told_as_cause(d):
            return False
        if d.actor1_span is not None and d.actor1_span.root.pos_ != "PRON" and not agentless_passive(d):
            return False
        if _dated(d.date):
            return False
        return not (d.place is not None and local_place(d) and d.place.precision != "country")

    def merge_threats(self, drafts: list[_Draft]) -> None:
        """"An RSF commander threatened to storm the city": the threatened act is the threat's content, not a
        second threat; it joins the threat verb's event, which takes its coding when it has none."""
        threats = [d for d in drafts if d.alias_of is None and d.judgement.flag == "threat"]
        for t in threats:
            if t.group.main.cls.special != "threat" or t.alias_of is not None:
                continue
            verb = t.group.main.head
            for a in threats:
                if a is t or a.alias_of is not None or a.group.main.cls.special == "threat":
                    continue
                if a.group.sent.start_char != t.group.sent.start_char or verb not in a.group.main.head.ancestors:
                    continue
                a.alias_of = drafts.index(t)
                t.extra_evidence.append(make_evidence("trigger", a.group.main.start, a.group.main.end, a.group.main.text))
                if t.coding is None and a.coding is not None:
                    t.coding = a.coding
                if t.actor2 is None and a.actor2 is not None:
                    t.actor2 = a.actor2

    def headline_summaries(self, drafts: list[_Draft]) -> None:
        """A headline that no body mention merged with ("Hezbollah targets Israeli positions" over two
        reported attacks) summarises the body: with no day and no local place of its own it joins the first
        body incident of its family (violent with violent, demonstration with demonstration) whose place and
        named actors do not contradict it (or the first that tells the same act: the same trigger class); its
        named actor fills that incident's unnamed one.  A headline that
        names a place of its own joins a body incident only when that incident tells the same act (the same
        trigger class: "retaken" / "recaptured") at the same named place, whatever the two codings."""
        live = _live(drafts)
        violent = self.lex.violent_event_types
        for d in live:
            if not d.headline or d.alias_of is not None:
                continue
            sent = d.group.sent
            if d.group.extra_sents or any(not sent.start_char <= e.start < sent.end_char for e in d.extra_evidence):
                continue  # a body mention merged with it: the headline is an incident's own mention
            if _dated(d.date):
                continue
            placed = d.place is not None and local_place(d) and d.place.precision != "country"
            fam = violent if d.coding.event_type in violent else {d.coding.event_type}
            for b in live:
                if b is d or b.headline or b.alias_of is not None:
                    continue
                if placed and not (b.group.main.cls.name == d.group.main.cls.name and b.place is not None
                                   and (b.place.name or "").lower() == (d.place.name or "").lower()):
                    continue
                if not placed and b.coding.event_type not in fam and b.group.main.cls.name != d.group.main.cls.name:
                    continue
                if places_conflict(d, b):
                    continue
                na, nb = specific_name(d.actor1) if d.actor1 else None, specific_name(b.actor1) if b.actor1 else None
                if na and nb and na != nb:
                    continue
                d.alias_of = drafts.index(b)
                b.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
                if na and not nb:
                    b.actor1 = d.actor1
                    _move_evidence(d, b, "actor1")
                break

    def background_by_date(self, drafts: list[_Draft], days: int) -> None:
        """An asserted incident told after the article's lead incident and dated ``days`` or more before
        it ("Last week, an Israeli strike on Beirut killed 22" after Monday's strikes) is background: its
        judgement becomes ``historical`` (cue: its date evidence).  The lead is the first asserted incident
        of the text with a date of its own."""
        live = _live(drafts)
        dated = [d for d in live if _day_of(d.date, "start") is not None]
        if not dated:
            return
        lead = min(dated, key=lambda d: d.group.start)
        lead_day = _day_of(lead.date, "start")
        for d in dated:
            if d is lead or d.headline or d.group.start < lead.group.start:
                continue
            end, start = _day_of(d.date, "end"), _day_of(d.date, "start")
            # a whole earlier week ("last week") that ended before the lead counts from its first day
            week = d.date.precision == "week" and end < lead_day and (lead_day - start).days >= days
            if (lead_day - end).days >= days or week:
                dev = next((e for e in d.evidence if e.field == "date"), None)
                d.judgement = Judgement("historical", dev.start if dev else None, dev.end if dev else None,
                                        dev.text if dev else d.date.text)

    def share_places(self, drafts: list[_Draft]) -> None:
        """An incident whose place was not named in its own sentences, or only as a country or region,
        takes the place named for another incident told in the same sentence ("police detained nine
        men over the lynching"): the local place of the same country, when it is finer;
        two violent incidents do not share."""
        live = _live(drafts)
        for d in live:
            if d.place is not None and local_place(d) and d.place.precision in ("site", "town", "admin2"):
                continue
            mine = {s.start_char for s in (d.group.sent, *d.group.extra_sents)}
            violent = self.lex.violent_event_types
            for o in live:
                if o is d or o.place is None or not local_place(o):
                    continue
                if d.coding.event_type in violent and o.coding.event_type in violent:
                    continue  # two fights told together ("strikes kill 9 in A; B fires rockets") need not share
                if not mine & {s.start_char for s in (o.group.sent, *o.group.extra_sents)}:
                    continue
                if better_place(o, d):
                    take_place(d, o)


def _join(drafts: list[_Draft], d: _Draft, target: _Draft) -> None:
    """Merges mention ``d`` into incident ``target``: ``d`` points to it, its triggers (its own and those merged
    into it) and sentences become ``target``'s.  Returns None; places, dates, actors and tolls are the caller's."""
    d.alias_of = drafts.index(target)
    target.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
    target.extra_evidence.extend(e for e in d.extra_evidence if e.field == "trigger")
    absorb_sents(target, d)


def _root(drafts: list[_Draft], d: _Draft) -> _Draft:
    """Returns the draft that mention ``d`` was merged into in the end (``d`` itself when it stands alone)."""
    seen = set()
    while d.alias_of is not None and d.alias_of not in seen:
        seen.add(d.alias_of)
        d = drafts[d.alias_of]
    return d


def _day_of(span: Any, which: str) -> datetime.date | None:
    """Returns the start or end day of a date span that is the event's own (not only the report day)."""
    if not _dated(span):
        return None
    raw = (span.end or span.start) if which == "end" else span.start
    try:
        return datetime.date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def _told_before(p: _Draft, d: _Draft) -> int | None:
    """Returns the offset of the latest telling of incident ``p`` before mention ``d``: its own mention when
    that comes first, else the latest of its merged sentences that ends before ``d``'s sentence; None when
    ``p`` is told only after ``d`` (or only in ``d``'s sentence, after it)."""
    if p.group.start < d.group.start:
        return p.group.start
    starts = [s.start_char for s in p.group.extra_sents if s.end_char <= d.group.sent.start_char]
    return max(starts) if starts else None


def same_paragraph(a: _Draft, b: _Draft) -> bool:
    """True when the two mentions' sentences are in one paragraph (no line break between them)."""
    lo, hi = sorted((a.group.sent.start_char, b.group.sent.start_char))
    return "\n" not in a.group.sent.doc.text[lo:hi]


def take_place(keep: _Draft, drop: _Draft) -> None:
    """Gives ``keep`` the place of ``drop`` (with its evidence) when it is the better one (see
    :func:`sigact.extract.merge.better_place`)."""
    if not better_place(drop, keep):
        return
    keep.place = drop.place
    _move_evidence(drop, keep, "location")
    absorb_sents(keep, drop)  # the place stays "named in its sentences"


def absorb_sents(keep: _Draft, drop: _Draft) -> None:
    """Records the sentences of a merged mention as sentences of ``keep``'s incident."""
    have = {s.start_char for s in (keep.group.sent, *keep.group.extra_sents)}
    for s in (drop.group.sent, *drop.group.extra_sents):
        if s.start_char not in have:
            keep.group.extra_sents.append(s)
            have.add(s.start_char)
