"""Background, earlier acts and consequences in a report: which mention of a sentence is *not* its incident.

A short report tells its incident in the main clause and its context around it (words: the
``background`` block of ``factuality.yaml``):

* a setting: "gunmen killed two farmers amid clashes between herders and farmers", "troops deployed to
  the town in the context of renewed unrest", "as part of a long-running feud" (:func:`background_cue`;
  ACLED codes the killing or the deployment), and a captive's state ("beaten in detention");
* a reaction of another kind: "police arrested a journalist, which sparked protests"
  (:func:`consequence_cue`; ACLED codes the arrest);
* an earlier act in a dated relative clause: "an activist, who was arrested on 16 April, said he was
  beaten" (:func:`clause_date`; ACLED codes the beating), and the grievance of a protest told in a
  clause on a person ("relatives of a man killed by soldiers staged a sit-in": :func:`participant_clause`);
* an act the note codes in another record ("... (coded separately)": :func:`coded_separately`), and
  fighting told as the cause of people fleeing ("fighting forced 300 villagers to flee":
  :func:`displacement_cue`; ACLED codes the displacement, a strategic development).

:func:`split_background` splits a setting, reaction or earlier act off the group of the sentence's own
act and marks it ``TriggerGroup.framed`` (so it no longer decides the incident's type, nor merges with
it); :class:`sigact.extract.factuality.FactualityJudge` flags framed mentions (and the last two kinds)
``historical``, and :func:`sigact.extract.primary.mark_lead` never makes one the text's main incident.
A sentence with no act of its own ("two soldiers died amid clashes") keeps the clash: it is the incident.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Sequence

from sigact.extract.lexicon import load_lexicon, load_yaml, phrase_regex
from sigact.extract.triggers import Trigger, TriggerGroup

__all__ = ["background_cue", "clause_date", "coded_separately", "consequence_cue", "displacement_cue", "frame_cue",
           "has_own_act", "in_other_relative_clause", "is_background", "participant_clause", "split_background"]


@dataclass(frozen=True)
class _Cues:
    """The ``background`` block of ``factuality.yaml``, lowercased."""

    preps: frozenset[str]
    frame_nouns: frozenset[str]
    frame_preps: frozenset[str]
    causatives: frozenset[str]
    causative_preps: dict[str, frozenset[str]]
    dependent_relations: frozenset[str]
    clause_subjects: frozenset[str]
    date_preps: frozenset[str]
    state_nouns: frozenset[str]
    state_preps: frozenset[str]
    separately: re.Pattern[str] | None
    separately_chars: int
    displacement_verbs: frozenset[str]
    forcing_verbs: frozenset[str]
    displacement_preps: frozenset[str]
    displaced_people: frozenset[str]
    protest_classes: frozenset[str]
    participants: frozenset[str]


@functools.lru_cache(maxsize=1)
def _cues() -> _Cues:
    """Returns the background cues, loaded once per process."""
    cfg = load_yaml("factuality.yaml").get("background") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(x).lower() for x in cfg.get(key) or ())

    return _Cues(words("preps"), words("frame_nouns"), words("frame_preps"), words("causative_verbs"),
                 {str(k).lower(): frozenset(str(x).lower() for x in v or ())
                  for k, v in (cfg.get("causative_preps") or {}).items()},
                 words("dependent_relations"), words("clause_subjects"), words("date_preps"),
                 words("state_nouns"), words("state_preps"),
                 phrase_regex([str(x) for x in cfg.get("separately_coded") or ()]),
                 int(cfg.get("separately_coded_chars", 120)), words("displacement_verbs"), words("forcing_verbs"),
                 words("displacement_preps"), words("displaced_people"),
                 frozenset(str(x).lower() for x in (load_yaml("factuality.yaml").get("aggregate") or {}).get(
                     "grievance_classes") or ()), words("participant_nouns"))


def background_cue(h: Any) -> Any:
    """Returns the word that makes token ``h`` a setting of its clause, None when nothing does: a setting
    preposition above it ("amid clashes"), a frame noun's phrase ("in the context of renewed unrest", "as
    part of a long-running feud", "against the backdrop of"), or a state preposition when ``h`` is a state
    noun ("beaten in detention"); the walk stops at the first verb above ``h``."""
    cues = _cues()
    if h.lemma_.lower() in cues.state_nouns and h.dep_ == "pobj" and h.head.lower_ in cues.state_preps:
        return h.head  # "was beaten in detention": a state, not an arrest
    for anc in [h, *h.ancestors]:
        if anc.i != h.i:
            if anc.dep_ == "prep" and anc.lower_ in cues.preps:
                return anc
            if anc.lemma_.lower() in cues.frame_nouns and anc.dep_ == "pobj" and anc.head.lower_ in cues.frame_preps:
                return anc
            if anc.pos_ in ("VERB", "AUX"):
                return None
        if anc.dep_ == "ROOT":
            return None
    return None


def consequence_cue(h: Any) -> Any:
    """Returns the causative verb of which token ``h`` names the effect, None when there is none: the
    object of a causative verb ("sparked", "triggered", "led to", "resulted in") heading a dependent
    clause — a relative clause ("..., which sparked protests"), a participle ("..., sparking protests") —
    or one whose subject is "which"/"this".  A causative main clause ("the killing sparked protests") is
    not such a phrase: there the effect may be the report's subject."""
    cues = _cues()
    if h.dep_ == "pobj" and h.head.dep_ == "prep":
        verb = h.head.head
        if h.head.lower_ not in cues.causative_preps.get(verb.lemma_.lower(), frozenset()):
            return None
    elif h.dep_ in ("dobj", "nsubjpass") or (h.dep_ == "conj" and h.head.dep_ == "dobj"):
        verb = h.head if h.dep_ != "conj" else h.head.head
        if verb.lemma_.lower() not in cues.causatives:
            return None
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    which = any(c.dep_ == "nsubj" and c.lower_ in cues.clause_subjects for c in verb.children)
    return verb if which or (verb.dep_ != "ROOT" and verb.dep_ in cues.dependent_relations) else None


def clause_date(h: Any) -> Any:
    """Returns the date phrase's head token of the relative clause or participle that holds ``h``
    ("an activist, who was arrested on 16 April, said ...", "a man arrested last week told ..."), None
    when ``h`` is in no such clause or the clause has no date of its own.  The date is a child of the
    clause's verb: a preposition (``date_preps``) whose object is a date, or a date noun phrase."""
    cues = _cues()
    verb = None
    for anc in [h, *h.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            if anc.dep_ == "relcl" or (anc.dep_ == "acl" and anc.tag_ == "VBN"):
                verb = anc
            break
        if anc.dep_ == "ROOT":
            break
    if verb is None:
        return None
    for c in verb.children:
        tok = None
        if c.dep_ == "prep" and c.lower_ in cues.date_preps:
            tok = next((x for x in c.children if x.dep_ == "pobj" and x.ent_type_ == "DATE"), None)
        elif c.dep_ in ("npadvmod", "tmod") and c.ent_type_ == "DATE":
            tok = c
        if tok is not None and not _lead_date(tok):
            return tok
    return None


def in_other_relative_clause(tok: Any, head: Any) -> bool:
    """Returns True when token ``tok`` (a date) belongs to an act told in a relative clause or participle
    on a person (:func:`participant_clause`, its verb an event word of ``triggers.yaml``) that does not
    hold token ``head`` (a trigger): "an activist, who was arrested on 16 April, said he was beaten" — the
    date is the arrest's, not the beating's."""
    verb = participant_clause(tok)
    if verb is None or verb.lemma_.lower() not in load_lexicon().verb_index:
        return False
    return not (verb.left_edge.i <= head.i <= verb.right_edge.i)


def displacement_cue(h: Any) -> Any:
    """Returns the verb of people fleeing that token ``h`` (a fight, an attack) is told as the cause of,
    None when there is none: ``h`` in an "after/following/amid ..." phrase of a displacement verb whose
    subject names people ("families fled their farms after an ambush"), or the subject of a
    forcing verb whose complement is one ("fighting forced 300 villagers to flee").  The report is then
    about the displacement."""
    cues = _cues()
    prev, via_prep, verb = h, False, None
    for anc in h.ancestors:
        if anc.dep_ == "prep":
            via_prep = via_prep or anc.lower_ in cues.displacement_preps
        elif anc.pos_ in ("VERB", "AUX"):
            verb = anc
            break
        prev = anc
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in cues.displacement_verbs and via_prep:
        people = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif lemma in cues.forcing_verbs and prev.dep_ in ("nsubj", "csubj") and not via_prep:
        comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")
                     and c.lemma_.lower() in cues.displacement_verbs), None)
        people = [c for c in verb.children if c.dep_ == "dobj"] if comp is not None else []
    else:
        return None
    if any(t.lemma_.lower() in cues.displaced_people for p in people for t in p.subtree):
        return verb
    return None


def coded_separately(group: TriggerGroup) -> tuple[int, int, str] | None:
    """Returns the ``(start, end, text)`` of a "(coded separately)" remark that follows ``group``'s main
    trigger in its sentence, with no other trigger of the group in between, at most
    ``separately_coded_chars`` after it: the note names an act it codes in another record.  None when
    there is no such remark."""
    cues = _cues()
    rx = cues.separately
    main = group.main
    sent = group.sent
    if rx is None:
        return None
    m = rx.search(sent.text, main.end - sent.start_char)
    if m is None:
        return None
    start = sent.start_char + m.start()
    if start - main.end > cues.separately_chars or any(main.end <= t.start < start for t in group.triggers):
        return None
    return start, sent.start_char + m.end(), m.group(0)


def _date_entity(tok: Any) -> Any:
    """Returns the DATE entity span that holds ``tok`` (the token itself when none does)."""
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), tok)


def _lead_date(tok: Any) -> bool:
    """Returns True when date token ``tok`` restates the text's first date (a note's own day, "On 8 June
    2022, ... who was arrested on 8 June"): no earlier act."""
    first = next((e for e in tok.doc.ents if e.label_ == "DATE"), None)
    if first is None:
        return False
    mine = _date_entity(tok).text.lower().removeprefix("the ")
    lead = first.text.lower().removeprefix("the ")
    return first.start <= tok.i < first.end or mine in lead or lead in mine


def frame_cue(t: Trigger) -> Any:
    """Returns the word that makes trigger ``t`` a setting (:func:`background_cue`), a consequence
    (:func:`consequence_cue`; only a reaction of another kind, a protest or riot the act sparked: "attacked
    a camp, leading to clashes" and "resulting in one death" tell the act itself) or an earlier act told
    in a dated relative clause (:func:`clause_date`) of its sentence, None when none does."""
    h = t.head
    reaction = t.cls.name in _cues().protest_classes
    return background_cue(h) or (consequence_cue(h) if reaction else None) or clause_date(h)


def _backgrounded(t: Trigger) -> bool:
    """Returns True when trigger ``t`` is framed by another act of its sentence (:func:`frame_cue`)."""
    return frame_cue(t) is not None


def has_own_act(triggers: Sequence[Trigger]) -> bool:
    """Returns True when ``triggers`` tell an act of their own: a trigger that is no bare outcome, or an
    outcome verb with its own doer ("gunmen killed two farmers", "were killed by soldiers"); "two soldiers
    died" or "were killed" alone only tell the toll of the setting."""
    for t in triggers:
        if t.cls.special:
            continue
        if not t.cls.outcome:
            return True
        kids = {c.dep_ for c in t.head.children}
        if t.head.pos_ == "VERB" and ("agent" in kids or "nsubj" in kids and "dobj" in kids):
            return True
    return False


def participant_clause(h: Any) -> Any:
    """Returns the verb of the participle or relative clause that holds token ``h`` and describes a
    participant ("relatives of a man killed by soldiers", "for a boy who was shot": the clause's noun is
    a person, ``participant_nouns``, or a person's name), None otherwise."""
    people = _cues().participants
    for anc in [h, *h.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            if not (anc.dep_ == "relcl" or (anc.dep_ == "acl" and anc.tag_ == "VBN")):
                return None
            noun = anc.head
            return anc if noun.lemma_.lower() in people or noun.ent_type_ == "PERSON" else None
        if anc.dep_ == "ROOT":
            return None
    return None


def split_background(groups: list[TriggerGroup]) -> list[TriggerGroup]:
    """Returns ``groups`` with the settings and consequences of each sentence's act marked ``framed``: a
    group that holds both such a trigger and an act of its own is split in two (the act's triggers
    first, then the setting's, framed); a group made only of such triggers is framed when another group
    of its sentence tells an act.  In a sentence that tells a protest (``grievance_classes``), an act in a
    clause describing a participant ("relatives of a man killed by soldiers staged a sit-in") is the
    protest's grievance, framed as well."""
    per_sent: dict[int, int] = {}
    for g in groups:
        per_sent[g.sent.start_char] = per_sent.get(g.sent.start_char, 0) + len(g.triggers)
    if all(n < 2 for n in per_sent.values()):
        return groups  # a lone trigger frames nothing and is framed by nothing
    demo = _cues().protest_classes
    backed = {t.start: per_sent[g.sent.start_char] > 1 and _backgrounded(t)  # each trigger judged once
              for g in groups for t in g.triggers}
    protests = {g.sent.start_char for g in groups for t in g.triggers
                if t.cls.name in demo and not backed[t.start] and participant_clause(t.head) is None}
    for g in groups:
        if g.sent.start_char in protests:
            for t in g.triggers:
                backed[t.start] = backed[t.start] or (t.cls.name not in demo and participant_clause(t.head) is not None)

    def framed(t: Trigger) -> bool:
        return backed.get(t.start, False)

    out: list[TriggerGroup] = []
    for g in groups:
        back = [t for t in g.triggers if framed(t)]
        own = [t for t in g.triggers if t not in back]
        if back and own and has_own_act(own):
            out.append(TriggerGroup(own, g.sent, anaphoric=g.anaphoric))
            out.append(TriggerGroup(back, g.sent, framed=True))
        else:
            out.append(g)
    acts = {g.sent.start_char for g in out if not g.framed and has_own_act([t for t in g.triggers if not framed(t)])}
    for g in out:
        if not g.framed and g.sent.start_char in acts and all(framed(t) for t in g.triggers):
            g.framed = True
    return out


def is_background(draft: Any) -> bool:
    """Returns True when ``draft`` tells the setting or a consequence of another act of its sentence
    (its group was split off that act by :func:`split_background`)."""
    return bool(getattr(draft.group, "framed", False))
