"""Merging mentions of one incident: coreference, elaboration and the tie-breaks between mentions.

Used by :mod:`sigact.extract.extractor`; works on its ``_Draft`` records (duck-typed here).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from sigact.extract.coding import Coding
from sigact.extract.lexicon import Lexicon, load_yaml
from sigact.geo.countries import haversine_km
from sigact.model import PRECISION_RANK, Actor, Place

if TYPE_CHECKING:  # pragma: no cover
    from sigact.extract.extractor import _Draft

__all__ = ["same_incident", "elaborates", "core_first", "specificity", "finer", "names", "specific_name",
           "sent_distance", "IncidentCues", "is_distinct", "dates_agree", "local_place", "better_place",
           "refers_back", "places_conflict", "cluster_distance", "told_as_cause", "in_cause_phrase",
           "continues_incident", "answers_at_scene", "in_after_clause", "intervenes", "same_town",
           "agentless_passive", "during_the"]


@dataclass(frozen=True)
class _Words:
    """Word lists of the ``incidents`` block of ``factuality.yaml`` that the module's functions read."""

    after: frozenset[str]
    during: frozenset[str]
    definite: frozenset[str]
    crowd_types: frozenset[str]


@functools.lru_cache(maxsize=1)
def _words() -> _Words:
    """Returns the ``after_words``, ``during_words``, ``definite_determiners`` and ``crowd_types`` of the
    ``incidents`` block of ``factuality.yaml`` (lowercased), loaded once per process."""
    cfg = load_yaml("factuality.yaml").get("incidents") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(x).lower() for x in cfg.get(key) or ())

    return _Words(words("after_words"), words("during_words"), words("definite_determiners"), words("crowd_types"))


class IncidentCues:
    """The ``incidents`` cues of ``factuality.yaml``: what marks a new incident, a claim, a report day."""

    def __init__(self, lex: Lexicon):
        cfg = (lex.factuality or {}).get("incidents") or {}
        self.modifiers = frozenset(str(x).lower() for x in cfg.get("distinct_modifiers") or ())
        self.phrases = tuple(str(x).lower() for x in cfg.get("distinct_phrases") or ())
        self.claim_nouns = frozenset(str(x).lower() for x in cfg.get("claim_nouns") or ())
        self.slack_days = int(cfg.get("report_day_slack_days", 7))
        self.reference_verbs = frozenset(str(x).lower() for x in cfg.get("reference_verbs") or ())
        self.also_words = frozenset(str(x).lower() for x in cfg.get("also_words") or ())
        self.response_phrases = tuple(str(x).lower() for x in cfg.get("response_phrases") or ())
        self.actor_nouns = frozenset(str(x).lower() for x in cfg.get("anaphoric_actor_nouns") or ())
        self.cont_adverbs = frozenset(str(x).lower() for x in cfg.get("continuation_adverbs") or ())
        self.cont_verbs = frozenset(str(x).lower() for x in cfg.get("continuation_verbs") or ())
        self.cont_particles = frozenset(str(x).lower() for x in cfg.get("continuation_particles") or ())
        self.cont_modifiers = frozenset(str(x).lower() for x in cfg.get("continuation_modifiers") or ())

    def continues(self, d: _Draft) -> bool:
        """True when a trigger of the mention tells fighting that goes on rather than a new act: "fighting
        was still raging", "clashes continued", "troops continued to shell the town", "the ongoing
        shelling", "fighting went on" (the ``continuation_*`` cues)."""
        for t in d.group.triggers:
            if t.cls.outcome:
                continue
            h = t.head
            if any((c.dep_ in ("amod", "advmod") and c.lower_ in self.cont_modifiers)
                   or (c.dep_ == "advmod" and c.lower_ in self.cont_adverbs) for c in h.children):
                return True
            gov = h.head
            if gov.i == h.i:
                continue
            if h.dep_ in ("nsubj", "nsubjpass") and gov.pos_ in ("VERB", "AUX") and (
                    gov.lemma_.lower() in self.cont_verbs or self._goes_on(gov)):
                return True  # "fighting was still raging", "clashes continued", "fighting went on"
            if h.dep_ in ("xcomp", "dobj", "pcomp") and gov.lemma_.lower() in self.cont_verbs:
                return True  # "troops continued to shell", "kept fighting", "continued the assault"
        return False

    def _goes_on(self, tok) -> bool:
        """True when token ``tok`` carries "still" or a particle "on" ("still raging", "raged on"; spaCy may
        parse the particle as a preposition without an object)."""
        return any((c.dep_ == "advmod" and c.lower_ in self.cont_adverbs)
                   or (c.lower_ in self.cont_particles and (c.dep_ == "prt" or (
                       c.dep_ == "prep" and not any(o.dep_ == "pobj" for o in c.children))))
                   for c in tok.children)

    def responds(self, d: _Draft) -> bool:
        """True when the mention's sentence tells a response ("troops returned fire", "the ensuing clash")."""
        low = d.group.sent.text.lower()
        return any(p in low for p in self.response_phrases)

    def anaphoric_actor(self, d: _Draft) -> bool:
        """True when the mention's attacker is a definite generic noun ("the militants", "the attackers")
        that names no one new: it is the attacker of the incident just told."""
        sp = d.actor1_span
        if sp is None:
            return False
        root = sp.root
        if root.pos_ == "PRON":
            return True
        if root.lemma_.lower() not in self.actor_nouns and root.lower_ not in self.actor_nouns:
            return False
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in root.children)
        return definite and (d.actor1 is None or specific_name(d.actor1) is None)

    def referential(self, h) -> bool:
        """True when trigger noun ``h`` only points back to an incident: the object of a reference verb
        ("condemned the attack") or inside a phrase under a noun that is not itself an event ("the results of
        the strike")."""
        if h.pos_ not in ("NOUN", "PROPN"):
            return False
        gov = h.head
        if h.dep_ == "dobj" and gov.lemma_.lower() in self.reference_verbs:
            return True
        if h.dep_ == "pobj" and gov.dep_ == "prep":
            owner = gov.head
            if owner.pos_ in ("NOUN", "PROPN") and owner.ent_type_ not in ("DATE", "TIME"):
                return True
            if owner.pos_ in ("VERB", "AUX") and owner.lemma_.lower() in self.reference_verbs:
                return True  # "investigating into the blast"
        return False


def is_distinct(d: _Draft, cues: IncidentCues) -> bool:
    """True when a mention announces a new incident: "a second strike", "another attack", "in a separate
    incident" (its sentence)."""
    for t in d.group.triggers:
        if any(c.dep_ in ("amod", "det", "advmod", "nummod", "npadvmod") and c.lower_ in cues.modifiers
               for c in t.head.children):
            return True
        # "Rebels also fired mortars at ...": a new act with an attacker of its own (not "were also killed")
        if not t.cls.outcome and t.head.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "advmod" and c.lower_ in cues.also_words for c in t.head.children) and any(
                c.dep_ == "nsubj" and c.pos_ != "PRON" for c in t.head.children):
            return True
    low = d.group.sent.text.lower()
    return any(p in low for p in cues.phrases)


def _day(iso: str | None):
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(str(iso)[:10]) if iso else None
    except ValueError:
        return None


def dates_agree(a: _Draft, b: _Draft, slack_days: int = 7) -> bool:
    """True when the two mentions' dates do not contradict: either is undated or only "reported",
    the spans overlap, or one is just the publication day (the day of the report) and the other falls
    within ``slack_days`` before it."""
    if not (a.date and b.date and a.date.start and b.date.start) or "reported" in (a.date.precision, b.date.precision):
        return True
    a_end, b_end = a.date.end or a.date.start, b.date.end or b.date.start
    if not (a_end < b.date.start or b_end < a.date.start):
        return True
    pub = getattr(a, "pub_day", None) or getattr(b, "pub_day", None)
    if not pub:
        return False
    for x, y in ((a, b), (b, a)):
        if x.date.start == pub[:10] and (x.date.end or x.date.start) == pub[:10]:
            p, s = _day(pub), _day(y.date.start)
            if p is not None and s is not None and 0 <= (p - s).days <= slack_days:
                return True
    return False


def _report_day_only(a: _Draft, b: _Draft) -> bool:
    """True when the two dated mentions differ only because one carries the publication day."""
    if not (a.date and b.date and a.date.start and b.date.start) or "reported" in (a.date.precision, b.date.precision):
        return False
    a_end, b_end = a.date.end or a.date.start, b.date.end or b.date.start
    return (a_end < b.date.start or b_end < a.date.start) and dates_agree(a, b)


def _dates_the_lead(prev: _Draft, d: _Draft, slack_days: int = 7) -> bool:
    """True when ``prev`` is undated (only the report day) and ``d`` gives a day at most ``slack_days``
    before publication: the detail dates the lead ("have recaptured the town" / "withdrew yesterday")."""
    if prev.date is None or prev.date.precision != "reported" or d.date is None or not d.date.start:
        return False
    pub = getattr(prev, "pub_day", None) or getattr(d, "pub_day", None)
    p, s = _day(pub), _day(d.date.start)
    return p is not None and s is not None and 0 <= (p - s).days <= slack_days


def local_place(d: _Draft) -> bool:
    """True when the draft's place was named inside its own sentence(s) (not a dateline or a place
    borrowed from elsewhere in the text)."""
    if d.place is None:
        return False
    ev = [e for e in d.evidence if e.field == "location"]
    if not ev:
        return False
    sents = [d.group.sent, *getattr(d.group, "extra_sents", [])]
    return any(s.start_char <= e.start < s.end_char for e in ev for s in sents)


def better_place(new: _Draft, old: _Draft) -> bool:
    """True when ``new``'s place should replace ``old``'s for one incident: ``old`` has none, or
    ``new``'s was named in its own sentence while ``old``'s was not, or (same standing) it is finer."""
    if new.place is None:
        return False
    if old.place is None:
        return True
    if new.place.country and old.place.country and new.place.country != old.place.country:
        return False
    ln, lo = local_place(new), local_place(old)
    if ln != lo:
        return ln
    return finer(new.place, old.place)


SITE_IN_TOWN_KM = 15.0


def _site_in_town(a: Place, b: Place) -> bool:
    """True when one place is a site (an airport, a base, a camp) and the other the town it lies in or by
    (within ``SITE_IN_TOWN_KM``): "near Mogadishu airport" and "in Mogadishu" do not contradict."""
    if {a.precision, b.precision} != {"site", "town"}:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SITE_IN_TOWN_KM


def _admin1_of(p: Place) -> str | None:
    """The admin1 region a place lies in (lower case), or None where it names none: a country, or a
    curated region over several admin1 units ("South Lebanon", "Darfur": admin1 precision, no admin1)."""
    if p.precision == "country":
        return None
    return (p.admin1 or "").lower() or None


def places_conflict(a: _Draft, b: _Draft) -> bool:
    """True when the two mentions' places cannot be one incident's: different countries, two different
    named towns/sites, or places named in their own sentences that lie in different admin1 regions
    ("took control of Luhansk province" / "shelled areas near Kramatorsk")."""
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return False
    if pa.country and pb.country and pa.country != pb.country:
        # a country-level place not named in the mention's own sentence is a weak fallback (focus country,
        # a country named further on): it contradicts nothing
        weak = [p.precision == "country" and not local_place(x) for p, x in ((pa, a), (pb, b))]
        return not any(weak)
    if _site_in_town(pa, pb):
        return False
    if pa.precision in ("site", "town") and pb.precision in ("site", "town") and \
            (pa.name or "").lower() != (pb.name or "").lower():
        return True
    if local_place(a) and local_place(b):
        ra, rb = _admin1_of(pa), _admin1_of(pb)
        if ra and rb and ra != rb:
            return True
    return False


_CAUSE_PREPS = {"after", "following", "before", "since"}
_CAUSE_NOUNS = {"response", "retaliation", "revenge", "reprisal"}


def told_as_cause(d: _Draft) -> bool:
    """True when the mention sits in an "after ..."/"in response to ..." phrase: another incident the
    sentence's own event follows from, never an elaboration of that event.  A group that also holds a
    trigger outside the phrase ("five were killed after a bomber blew himself up") is the event itself."""
    return all(in_cause_phrase(t.head) for t in d.group.triggers)


def in_cause_phrase(h) -> bool:
    """True when token ``h`` sits in an "after ..."/"following ..."/"in response to ..." phrase of its clause."""
    for anc in [h, *h.ancestors]:
        if anc.i != h.i and anc.lower_ in _CAUSE_PREPS and anc.dep_ in ("prep", "mark"):
            return True
        if anc.lemma_.lower() in _CAUSE_NOUNS and anc.i != h.i:
            return True
        if anc.dep_ in ("ROOT",) or (anc.pos_ in ("VERB", "AUX") and anc.i != h.i):
            break
    return False


def in_after_clause(h) -> bool:
    """True when token ``h`` tells what came just before its sentence's event: it sits in an "after ..." /
    "following ..." phrase of its clause ("opened fire after the explosion"), or is the subject or object of a
    clause that "after" opens ("troops shot back after the car bomb exploded").  Not "in response to" (a reprisal)."""
    after = _words().after
    for anc in h.ancestors:
        if anc.lower_ in after and anc.dep_ in ("prep", "mark"):
            return True
        if anc.pos_ in ("VERB", "AUX"):
            return h.dep_ in ("nsubj", "nsubjpass", "dobj") and anc.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in after for c in anc.children)
    return False


def refers_back(d: _Draft) -> bool:
    """True when a mention names its incident with a definite noun ("the blast", "this attack")."""
    definite = _words().definite
    for t in d.group.triggers:
        h = t.head
        if h.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ in definite for c in h.children):
            return True
    return False

def sent_distance(a: Span, b: Span) -> int:
    doc = a.doc
    lo, hi = sorted((a.start, b.start))
    return sum(1 for t in doc[lo:hi] if t.is_sent_start)


def cluster_distance(a: _Draft, b: _Draft) -> int:
    """Returns the fewest sentences between any sentence of incident ``a`` and any of ``b`` (merged
    mentions included)."""
    sa = [a.group.sent, *getattr(a.group, "extra_sents", [])]
    sb = [b.group.sent, *getattr(b.group, "extra_sents", [])]
    return min(sent_distance(x, y) for x in sa for y in sb)


_GENERAL_SUBS = {"Armed clash", "Attack", "Peaceful protest", "Mob violence", "Other", None}


def specificity(d: _Draft) -> tuple:
    """Sort key: which of two mentions of one incident keeps its coding (the more specific one; never the
    setting or consequence of its sentence's act, ``TriggerGroup.framed``: "killed two farmers amid
    clashes")."""
    sub = d.coding.sub_event_type if d.coding else None
    rank = 2 if sub in ("Violent demonstration", "Excessive force against protesters") else int(sub not in _GENERAL_SUBS)
    return (not d.group.framed, rank, d.group.main.cls.weight >= 0.85,
            d.date is not None and d.date.precision != "reported",
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
                (both_violent and (a.group.main.cls.name in generic or b.group.main.cls.name in generic))
                or _riot_outcome(a, b) or _riot_outcome(b, a)):
            return False
    later = b if b.group.start >= a.group.start else a
    earlier = a if later is b else b
    if getattr(later, "distinct", False):
        return False
    if getattr(later, "responds", False) and not (getattr(earlier, "headline", False) and ca.sub_event_type == cb.sub_event_type):
        return False  # an incident told "in response to" another one is new, unless the headline announced it
    dated = bool(a.date and b.date and a.date.start and b.date.start
                 and "reported" not in (a.date.precision, b.date.precision))
    if dated and ((a.date.end or a.date.start) < b.date.start or (b.date.end or b.date.start) < a.date.start):
        if not _report_day_only(a, b):
            return False
        dated = False
    if ca.sub_event_type != cb.sub_event_type:
        # different types merge only on positive evidence: both dated and overlapping, or a shared actor
        # a shared actor is evidence only close by: one group's attack and its later abduction are two incidents
        shared = cluster_distance(a, b) <= 2 and any(
            names(x) & names(y) for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)) if x and y)
        same_place = bool(a.place and b.place and a.place.precision in ("site", "town")
                          and a.place.precision == b.place.precision
                          and (a.place.name or "").lower() == (b.place.name or "").lower())
        # "after a weekend attack on the airbase ..." told as the cause, then the attack told in full with its day
        cause = any(told_as_cause(x) and x.group.main.cls.name in generic and y.date is not None
                    and y.date.precision not in (None, "reported") for x, y in ((a, b), (b, a)))
        # the deaths of a lynching told in the next sentences
        riot_deaths = (_riot_outcome(a, b) or _riot_outcome(b, a)) and cluster_distance(a, b) <= 2
        if not (dated or shared or same_place or cause or riot_deaths):
            return False
    # places: same country, same name when both are towns/sites, same admin1 when both were named
    if places_conflict(a, b):
        return False
    # actors: not contradicting (roles may swap between a headline and the body)
    na = {n for n in (specific_name(x) for x in (a.actor1, a.actor2) if x) if n}
    nb = {n for n in (specific_name(x) for x in (b.actor1, b.actor2) if x) if n}
    # the same specific type at the same named town or site outweighs an actor mismatch (a headline and
    # its lead often name different parties: "al-Shabab-claimed attack" / "near a police academy")
    same_town = bool(a.place and b.place and a.place.precision in ("site", "town")
                     and b.place.precision in ("site", "town")
                     and (a.place.name or "").lower() == (b.place.name or "").lower())
    same_spot = bool(ca.sub_event_type == cb.sub_event_type and ca.sub_event_type not in _GENERAL_SUBS
                     and (same_town or getattr(a, "headline", False) or getattr(b, "headline", False)))
    if na and nb and not na & nb and not same_spot and not _returns_fire(earlier, later, lex):
        return False
    # different explicit tolls -> different incidents
    return True


_DEMO = {"Protests", "Riots"}
_STATE_FORCES = {"military", "police"}
_NONSTATE_ARMED = {"rebel", "militia", "terrorist", "unidentified armed group"}
_RETURN_FIRE = {"fire", "shoot", "clash", "fight", "attack"}


def _returns_fire(earlier: _Draft, later: _Draft, lex: Lexicon) -> bool:
    """True when ``later`` is state forces firing back at the scene of ``earlier``, a bombing or attack by a
    non-state armed group told in the same or the next sentence ("A gunman detonated a car bomb ...
    Soldiers shot at a second attacker."): ACLED codes the response as part of that incident."""
    ce, cl = earlier.coding, later.coding
    if ce is None or cl is None or ce.event_type not in lex.violent_event_types \
            or cl.event_type not in lex.violent_event_types:
        return False
    a1, b1 = earlier.actor1, later.actor1
    return bool(a1 is not None and b1 is not None and a1.type in _NONSTATE_ARMED and b1.type in _STATE_FORCES
                and later.group.main.cls.name in _RETURN_FIRE and cluster_distance(earlier, later) <= 1
                and dates_agree(earlier, later, slack_days=0))
_OUTCOME_CLASSES = {"kill", "injure", "attack", "shoot"}  # bare violent acts: "were beaten to death"


def answers_at_scene(prev: _Draft, d: _Draft, lex: Lexicon) -> bool:
    """True when ``d``, told after a definite mention of an incident in its own sentence ("troops shot back
    after the car bomb exploded": the caller checks that), is state forces firing at the scene of ``prev`` right
    after it: ``d`` is police or troops firing or clashing, ``prev`` is a violent incident told before it by
    a non-state armed group (or an unnamed attacker), on the same day and at a place that does not contradict
    ``d``'s.  ACLED codes the response as part of the incident."""
    if d.coding is None or prev.coding is None:
        return False
    if prev.coding.event_type not in lex.violent_event_types or d.group.main.cls.name not in _RETURN_FIRE:
        return False
    if d.actor1 is None or d.actor1.type not in _STATE_FORCES:
        return False
    if prev.actor1 is not None and prev.actor1.type not in _NONSTATE_ARMED:
        return False
    return not places_conflict(prev, d) and dates_agree(prev, d, slack_days=0)


def same_town(a: _Draft, b: _Draft) -> bool:
    """True when both mentions name the same town or site."""
    pa, pb = a.place, b.place
    return bool(pa and pb and pa.precision in ("site", "town") and pb.precision in ("site", "town")
                and (pa.name or "").lower() == (pb.name or "").lower())


def agentless_passive(d: _Draft) -> bool:
    """True when the mention's trigger is a passive verb with no "by" agent ("before they were killed with
    sticks"): whatever phrase was taken for its actor1, it names no attacker."""
    h = d.group.main.head
    return h.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children) \
        and not any(c.dep_ == "agent" for c in h.children)


def during_the(h) -> bool:
    """True for a definite trigger noun under "during"/"amid" ("during the assault", "amid the fighting")."""
    w = _words()
    return h.pos_ == "NOUN" and h.dep_ == "pobj" and h.head.lower_ in w.during and any(
        c.dep_ == "det" and c.lower_ in w.definite for c in h.children)


def intervenes(demo: _Draft, d: _Draft, lex: Lexicon) -> bool:
    """True when ``d`` is police or troops firing or clashing with no armed opponent named (none, or the crowd or
    civilians) at the named town of demonstration or riot ``demo`` (or naming no place of its own), at most two
    sentences after it and on its day:
    the forces intervene in the demonstration, ACLED codes no battle of its own."""
    if demo.coding is None or d.coding is None or demo.coding.event_type not in _DEMO:
        return False
    if d.coding.event_type not in lex.violent_event_types or d.group.main.cls.name not in _RETURN_FIRE:
        return False
    if d.actor1 is None or d.actor1.type not in _STATE_FORCES:
        return False
    if d.actor2 is not None and d.actor2.type not in _words().crowd_types:
        return False
    here = same_town(demo, d) or (demo.place is not None and demo.place.precision in ("site", "town")
                                  and not local_place(d) and not places_conflict(demo, d))
    return here and cluster_distance(demo, d) <= 2 and dates_agree(demo, d, slack_days=0)


def continues_incident(prev: _Draft, d: _Draft) -> bool:
    """True when continuing fighting ``d`` ("skirmishes were still going on near the dam") can go on from
    incident ``prev``: its place does not contradict ``prev``'s, the named actors of the two share one or
    are at most the two sides of one fight (or one mention names none), and ``d``'s own day, if it has one, is ``prev``'s or adjacent to it."""
    if places_conflict(prev, d) or told_as_cause(d):
        return False
    na = {n for n in (specific_name(x) for x in (prev.actor1, prev.actor2) if x) if n}
    nb = {n for n in (specific_name(x) for x in (d.actor1, d.actor2) if x) if n}
    if na and nb and not na & nb and len(na | nb) > 2:
        return False  # a third party: another fight ("army recaptured X" / "RSF fighters still hold X": two sides)
    if not (prev.date and d.date and prev.date.start and d.date.start) \
            or "reported" in (prev.date.precision, d.date.precision):
        return True
    p0, p1, d0 = _day(prev.date.start), _day(prev.date.end or prev.date.start), _day(d.date.start)
    if None in (p0, p1, d0):
        return True
    return -1 <= (d0 - p0).days and (d0 - p1).days <= 1


def _riot_outcome(a: _Draft, b: _Draft) -> bool:
    """True when ``a`` is a riot or mob attack and ``b`` a bare outcome ("five men were beaten to death")
    with no attacker of its own: the deaths of the lynching."""
    return bool(a.coding and a.coding.event_type == "Riots" and b.group.main.cls.name in _OUTCOME_CLASSES
                and b.actor1_span is None)


def _demo_family(ca: Coding, cb: Coding) -> bool:
    return ca.event_type in _DEMO and cb.event_type in _DEMO


# types that elaborate an incident told just before ("Two police vehicles were burnt.", "The army
# said it had killed 20 assailants and recovered weapons.") when they bring no date or actor of their own
_ELABORATES = {
    "violent": ({"Battles", "Explosions/Remote violence", "Violence against civilians"},
                {"Disrupted weapons use", "Looting/property destruction", "Change to group/activity",
                 "Non-violent transfer of territory"}),
    "demo": ({"Protests", "Riots"}, {"Looting/property destruction", "Arrests"}),
}


_DETAIL_SUBS = {sub for _types, subs in _ELABORATES.values() for sub in subs}


def elaborates(prev: _Draft, d: _Draft, cues: IncidentCues | None = None) -> bool:
    """True when ``d`` adds detail to ``prev`` (same family, no own date, no own new actor, close by); an
    attacker named "the militants" (``cues``: :meth:`IncidentCues.anaphoric_actor`) is no new actor."""
    cp, cd = prev.coding, d.coding
    if cp is None or cd is None or cp.event_type is None or cd.event_type is None:
        return False
    if d.group.main.cls.name == "defuse":  # an interception or a defused bomb is an event of its own
        return False
    if getattr(d, "distinct", False) or getattr(d, "responds", False) or getattr(d, "split_key", "") \
            or places_conflict(prev, d) \
            or (prev.group.framed or d.group.framed) and prev.group.sent == d.group.sent \
            or told_as_cause(d) or told_as_cause(prev):
        return False
    if d.date is not None and d.date.precision != "reported" and prev.date is not None and \
            (d.date.start != prev.date.start) and not _report_day_only(prev, d) \
            and not (_dates_the_lead(prev, d) and cd.sub_event_type in _DETAIL_SUBS):
        return False
    losers_withdrawal = cd.sub_event_type == "Non-violent transfer of territory" and cp.sub_event_type in (
        "Government regains territory", "Non-state actor overtakes territory")  # the other side pulls out
    # police arresting or dispersing demonstrators intervene in the demonstration (ACLED: "Protest with
    # intervention"), they are no new actor of a new event
    intervention = cd.sub_event_type == "Arrests" and cp.event_type in _DEMO and d.actor1 is not None \
        and d.actor1.type in _STATE_FORCES
    if d.actor1_span is not None and not (names(d.actor1) & names(prev.actor1)) and not losers_withdrawal \
            and not intervention:
        if d.actor1_span.root.pos_ != "PRON" and not (cues is not None and cues.anaphoric_actor(d)):
            return False
    if d.actor1_span is None and _named_in_own_sentence(d) and not losers_withdrawal and not intervention \
            and not names(d.actor1) & (names(prev.actor1) | names(prev.actor2)):
        return False  # "Russian warplanes struck positions during the assault": a group whose main trigger is a
        # noun still names its own attacker (found for another of its triggers)
    for types, subs in _ELABORATES.values():
        p_in = cp.event_type in types or cp.sub_event_type in subs
        d_in = cd.event_type in types or cd.sub_event_type in subs
        if p_in and d_in and (cp.event_type in types or cd.event_type in types):
            return sent_distance(prev.group.sent, d.group.sent) <= 3 or getattr(d, "refers", False) or refers_back(d)
    return False


def _named_in_own_sentence(d: _Draft) -> bool:
    """True when the mention's actor1 is a specific named actor whose evidence is the subject of one of its
    verb triggers ("Russian warplanes struck ..."), not a speaker or a bystander of the sentence."""
    if d.actor1 is None or not specific_name(d.actor1):
        return False
    subjects = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for t in d.group.triggers
                if t.head.pos_ in ("VERB", "AUX") and not t.cls.outcome
                for c in t.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return any(e.field == "actor1" and a <= e.start < b for e in d.evidence for a, b in subjects)


def core_first(prev: _Draft, d: _Draft) -> tuple[_Draft, _Draft]:
    """Returns ``(keep, drop)``: the event whose type is the family's core type (a riot over the
    property damage it caused) is kept."""
    for types, _subs in _ELABORATES.values():
        if prev.coding and d.coding and prev.coding.event_type not in types and d.coding.event_type in types:
            return d, prev
    return prev, d


def finer(a: Place, b: Place) -> bool:
    """True when place ``a`` is more precise than ``b`` and in the same country."""
    return (a.country == b.country or b.country is None) and \
        PRECISION_RANK.get(a.precision or "", 9) < PRECISION_RANK.get(b.precision or "", 9)
