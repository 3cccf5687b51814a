"""Factuality and scope of one trigger group: asserted, threat, denied, hypothetical, historical, aggregate.

Cues come from ``factuality.yaml``.  A flag is decided from (in order): governing
verbs over the trigger ("denied carrying out", "warned ... would", "plans to"),
modal auxiliaries and conditional markers, phrases inside the trigger's finite
clause ("since October", "so far", "in recent months"), counts of occasions
("150 times", "the eighth time"), explicit years long before publication,
plural generic nouns ("attacks on shipping") and the simple present outside the
headline ("the Houthis say they are targeting ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sigact.extract.background import coded_separately, displacement_cue, frame_cue, participant_clause
from sigact.extract.lexicon import Lexicon, english_months, phrase_regex
from sigact.extract.numbers import parse_quantity
from sigact.extract.triggers import Trigger, TriggerGroup

__all__ = ["FactualityJudge", "Judgement"]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(?:s\b|\b)")
_EMBEDDED = {"advcl", "xcomp", "ccomp", "acl", "relcl", "conj", "parataxis", "pcomp"}
_PAST_EQUALS_PRESENT = {"set", "hit", "put", "cut", "shut", "beat", "burst", "spread", "cast", "let", "shed", "thrust",
                        "upset", "broadcast", "bid", "hurt", "quit", "read", "shoot"}
_CLAUSE_BREAKS = {"conj", "relcl", "parataxis", "advcl", "appos"}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
             "latest", "umpteenth", "nth", "another", "first"}


@dataclass(frozen=True)
class Judgement:
    """A factuality flag and the text span that caused it (None for plain assertions)."""

    flag: str
    cue_start: int | None = None
    cue_end: int | None = None
    cue_text: str | None = None


def _finite(tok: Token) -> bool:
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in tok.children)


def _to_infinitive(tok: Token) -> bool:
    """True for a bare verb with infinitival "to" ("to retake")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when character offset ``pos`` falls in one of ``spans`` (start inclusive, end exclusive)."""
    return any(a <= pos < b for a, b in spans)


def _cue_anchor(trigger: Trigger) -> bool:
    """True for a trigger whose class has no words of its own: a cue word a classifier-typed event is
    anchored on (the short-text fallback), not an event word."""
    c = trigger.cls
    return not (c.verbs or c.nouns or c.phrases or c.words)


def _past_participle_clause(verb: Token) -> bool:
    """True for a present participle hanging off a verb in the simple past ("attacked the village,
    leading to clashes"): it tells what that one past act led to."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.tag_ == "VBD" and not any(
        c.dep_ == "aux" for c in verb.children)


def _subtree_span(tok: Token) -> tuple[int, int]:
    """Returns the character span ``(start, end)`` of ``tok``'s subtree."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def finite_clause(tok: Token) -> Token:
    """Returns the nearest finite verb at or above ``tok`` (the sentence root if none)."""
    cur = tok
    while True:
        if cur.pos_ in ("VERB", "AUX") and _finite(cur):
            return cur
        if cur.head == cur:
            return cur
        cur = cur.head


class FactualityJudge:
    """Decides the factuality flag of trigger groups from the cue lists."""

    def __init__(self, lex: Lexicon):
        f = lex.factuality
        self.lex = lex
        self.gov = {k: frozenset(x.lower() for x in (f.get(k, {}).get("governors") or ()))
                    for k in ("denied", "threat", "hypothetical")}
        self.aux = frozenset(x.lower() for x in (f["hypothetical"].get("aux") or ()))
        self.marks = frozenset(x.lower() for x in (f["hypothetical"].get("marks") or ()))
        self.phr = {k: phrase_regex(list(f.get(k, {}).get("phrases") or ()))
                    for k in ("denied", "threat", "hypothetical", "historical", "aggregate")}
        agg = f["aggregate"]
        self.count_nouns = frozenset(x.lower() for x in agg.get("count_nouns") or ())
        self.long_subjects = frozenset(x.lower() for x in agg.get("long_running_subjects") or ())
        self.specific_gov = frozenset(x.lower() for x in agg.get("specific_plural_governors") or ())
        self.years_before = int(f["historical"].get("years_before", 2))
        self.days_before = int(f["historical"].get("days_before", 14))
        self.release_verbs = frozenset(x.lower() for x in f["historical"].get("release_verbs") or ())
        self.need_complement = {k.lower(): frozenset(x.lower() for x in v or ())
                                for k, v in (f["hypothetical"].get("governors_need_complement") or {}).items()}
        self.purpose_nouns = frozenset(x.lower() for x in f["hypothetical"].get("purpose_nouns") or ())
        self.vague_counts = frozenset(x.lower() for x in agg.get("vague_counts") or ())
        self.generic_gov = frozenset(x.lower() for x in agg.get("generic_governors") or ())
        self.characterising = frozenset(x.lower() for x in agg.get("characterising_adjectives") or ())
        self.perfect_vague = frozenset(x.lower() for x in agg.get("perfect_vague_quantifiers") or ())
        self.single_nouns = frozenset(x.lower() for x in agg.get("single_event_nouns") or ())
        self.collective = frozenset(x.lower() for x in agg.get("collective_phrases") or ())
        self.single_day = phrase_regex([str(x) for x in agg.get("single_day_words") or ()])
        self.days_before_lead = int(f["historical"].get("days_before_lead", 5))
        hist = f["historical"]
        self.after_gov = frozenset(x.lower() for x in hist.get("after_governors") or ())
        self.after_marks = frozenset(x.lower() for x in hist.get("after_markers") or ())
        self.perfect_time = frozenset(x.lower() for x in hist.get("perfect_time_words") or ())
        self.reporting = frozenset(x.lower() for x in hist.get("reporting_verbs") or ())
        hyp = f["hypothetical"]
        self.subject_rel = frozenset(x.lower() for x in hyp.get("subject_relations") or ())
        self.interrupt_gov = frozenset(x.lower() for x in hyp.get("interrupt_governors") or ())
        self.interrupted = frozenset(x.lower() for x in hyp.get("interrupted_classes") or ())
        months = [m for names in english_months() for m in names]  # the time lexicon's English months
        self.day_of_month = re.compile(
            r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\b\.?|(?:%s)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*\d))"
            % ("|".join(months), "|".join(months)), re.I) if months else None
        self.small_count_max = int(agg.get("small_count_max", 0))
        self.short_span = phrase_regex([str(x) for x in agg.get("short_span_phrases") or ()])
        self.occurrence_preps = frozenset(x.lower() for x in agg.get("occurrence_preps") or ())
        self.grievance_classes = frozenset(x.lower() for x in agg.get("grievance_classes") or ())
        self.grievance_preps = frozenset(x.lower() for x in agg.get("grievance_preps") or ())
        self.grievance_verbs = frozenset(x.lower() for x in agg.get("grievance_verbs") or ())
        self.time_nouns = frozenset(x.lower() for x in agg.get("time_nouns") or ())
        self.part_heads = frozenset(x.lower() for x in agg.get("part_phrase_heads") or ())

    def judge(self, group: TriggerGroup, *, published_year: int | None, headline: bool = False,
              main: Trigger | None = None) -> Judgement:
        """Returns the :class:`Judgement` for a group (its main trigger's clause decides; ``main``
        overrides ``group.main``).  When the main trigger is flagged by a governing verb that another
        trigger of the group governs in turn ("demonstrated ... to seek compensation for the
        lost nets"), that trigger decides."""
        main = main or group.main
        if main.cls.special == "threat":
            return Judgement("threat", main.start, main.end, main.text)
        h = main.head
        clause = finite_clause(h)
        chunks = self._scope_chunks(clause, h)
        exempt = self._exempt_spans(group, main)
        if h.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("det", "predet") and c.lower_ in ("every", "each", "any", "all")
                                                for c in h.children):
            q = next(c for c in h.children if c.dep_ in ("det", "predet") and c.lower_ in ("every", "each", "any", "all"))
            return Judgement("aggregate", q.idx, q.idx + len(q.text), q.text)  # "every strike", whatever the modality
        j = self._characterised(h) or self._compared_after(h)
        if j:
            return j
        # a threat phrase in the clause ("the attack would not go unanswered", "they will pay a heavy price")
        # makes the statement a threat before its modal makes it hypothetical
        rx = self.phr["threat"]
        for c0, ctext in (chunks if rx is not None else ()):
            for m in rx.finditer(ctext):
                if not _inside(c0 + m.start(), exempt):
                    return Judgement("threat", c0 + m.start(), c0 + m.end(), m.group(0))
        # 1. governing verbs and negation
        prev: Token | None = None
        for anc in [h, *h.ancestors]:
            lem = anc.lemma_.lower()
            if prev is not None and prev.dep_ in _CLAUSE_BREAKS and not _to_infinitive(prev):
                break  # a to-infinitive ("... would launch an operation to retake") takes its governor's modality
            below, prev = prev, anc
            if anc is not h and below is not None and below.dep_ not in self.subject_rel:
                flag = self._governor_flag(anc, lem, h, main)
                if flag is not None:
                    alt = self._governing_trigger(group, main, anc)
                    if alt is not None:
                        return self.judge(group, published_year=published_year, headline=headline, main=alt)
                    return Judgement(flag, anc.idx, anc.idx + len(anc.text), anc.text)
            if self._purpose(anc):
                return Judgement("hypothetical", anc.head.idx, anc.idx + len(anc.text),
                                 anc.doc.text[anc.head.idx:anc.idx + len(anc.text)])
            for c in anc.children:
                if c.dep_ == "neg" and (anc is h or anc is clause):
                    return Judgement("denied", c.idx, c.idx + len(c.text), c.text)
                if c.dep_ == "aux" and c.lower_ in self.aux and (anc is h or anc.i == clause.i):
                    return Judgement("hypothetical", c.idx, c.idx + len(c.text), c.text)
                if c.dep_ == "mark" and c.lower_ in self.marks and (anc is h or anc.i == clause.i):
                    return Judgement("hypothetical", c.idx, c.idx + len(c.text), c.text)
            if anc is clause:
                break
        gov = clause.head
        if clause.dep_ == "ccomp" and gov.lemma_.lower() in self.gov["denied"] and not self._reported_denial(gov):
            return Judgement("denied", gov.idx, gov.idx + len(gov.text), gov.text)  # "denied that ... had killed"
        if h.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in h.children):
            neg = next(c for c in h.children if c.dep_ == "det" and c.lower_ == "no")
            return Judgement("denied", neg.idx, neg.idx + 2, neg.text)  # "No arrests were reported"
        # 2. phrases in the finite clause (not inside "the latest in a string of ...", which places the
        # event in a series without making it one)
        series = self._series_spans(clause, h) + self._occurrence_spans(h)
        for flag in ("denied", "threat", "hypothetical", "historical", "aggregate"):
            rx = self.phr[flag]
            if rx is None:
                continue
            for c0, ctext in chunks:
                for m in rx.finditer(ctext):
                    if flag in ("historical", "aggregate") and any(a <= c0 + m.start() < b for a, b in series):
                        continue
                    if _inside(c0 + m.start(), exempt):
                        continue  # what a protest is about, the plan an act is "part of"
                    if flag == "aggregate" and m.group(0).lower() in self.collective and self._one_day(chunks):
                        continue  # "a wave of air strikes on Monday": one operation
                    return Judgement(flag, c0 + m.start(), c0 + m.end(), m.group(0))
        # 3. historical: an explicit year long before publication (in the clause, or in the "since ..."
        # phrase that holds the trigger: "since the military seized power in a coup in February 2021")
        anchor = self._since_anchor(h)
        if anchor is not None:
            chunks = [*chunks, (anchor.idx, h.doc.text[anchor.idx:anchor.right_edge.idx + len(anchor.right_edge.text)])]
        if published_year is not None:
            for c0, ctext in chunks:
                for m in _YEAR.finditer(ctext):
                    if int(m.group(1)) <= published_year - self.years_before and not _inside(c0 + m.start(), exempt):
                        return Judgement("historical", c0 + m.start(), c0 + m.end(), m.group(1))
        j = self._perfect_background(h, clause)
        if j:
            return j
        # 4. aggregate: occasions counted in the sentence, a long-running subject, generic plurals
        j = self._counted(group.sent, chunks, exempt)
        if j:
            return j
        j = self._generic_target(h) or self._captive(main, h)
        if j:
            return j
        for t in group.triggers:
            j = self._perfect_toll(t.head) if t.cls.outcome and t.head.sent == main.head.sent else None
            if j:
                return j
        if main.cls.outcome:
            subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("which", "that") and h.dep_ == "relcl":
                subj = h.head
            if subj is not None and subj.lemma_.lower() in self.long_subjects:
                return Judgement("aggregate", subj.idx, subj.idx + len(subj.text), subj.text)
        # a plural cue word the classifier's event is anchored on ("salaries", "bodies": a class with no
        # words of its own) is no event noun: its number says nothing about the event's
        if h.tag_ in ("NNS", "NNPS") and not headline and not _cue_anchor(main) and not self._specific_plural(h):
            return Judgement("aggregate", main.start, main.end, main.text)
        if not headline and self._simple_present(h, clause):
            return Judgement("aggregate", clause.idx, clause.idx + len(clause.text), clause.text)
        j = self._perfect_progressive(clause) or (None if main.cls.outcome else self._perfect_generic(h, clause))
        if j:
            return j
        sep = coded_separately(group)
        if sep is not None:  # "fired at the hills (coded separately)": another record's event
            return Judgement("historical", *sep)
        flee = displacement_cue(h)
        if flee is not None:  # "fighting forced 300 villagers to flee": the report is the displacement
            return Judgement("historical", flee.idx, flee.idx + len(flee.text), flee.text)
        cue = (frame_cue(main) or participant_clause(h)) if group.framed else None
        if cue is not None:  # "killed two farmers amid clashes", "who was arrested on 16 April": background
            return Judgement("historical", cue.idx, cue.idx + len(cue.text), cue.text)
        return Judgement("asserted")

    def _governor_flag(self, anc: Token, lemma: str, h: Token, main: Trigger) -> str | None:
        """Returns the flag (denied, threat, hypothetical) governor ``anc`` gives trigger ``h``, None when
        it is no governor of ``h``.  An interrupting verb ("stopped", "dispersed") over a gathering
        (``interrupted_classes``) tells a protest that took place, not one that was averted."""
        for flag in ("denied", "threat", "hypothetical"):
            if lemma in self.gov[flag] and self._governs(anc, lemma, h):
                if flag == "hypothetical" and lemma in self.interrupt_gov and main.cls.name in self.interrupted:
                    return None
                if flag == "denied" and any(c.dep_ == "auxpass" for c in anc.children) and any(
                        c.dep_ == "dobj" and not (c.left_edge.i <= h.i <= c.right_edge.i) for c in anc.children):
                    return None  # "men who were denied access": refused something, no denial of the event
                return flag
        return None

    def _reported_denial(self, gov: Token) -> bool:
        """Returns True when denial verb ``gov`` is itself negated or hypothetical ("did not deny that
        ...", "could deny"): then it denies nothing."""
        return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in self.aux) for c in gov.children)

    @staticmethod
    def _governing_trigger(group: TriggerGroup, main: Trigger, gov: Token) -> Trigger | None:
        """Returns another trigger of ``group`` that governs governor ``gov`` ("demonstrated ... to ask
        for the release of the detained teachers": "demonstrated" over "ask"), None when there is none."""
        for t in group.triggers:
            if t is main or t.head.i == main.head.i or t.cls.special:
                continue
            if any(a.i == t.head.i for a in gov.ancestors):
                return t
        return None

    def _exempt_spans(self, group: TriggerGroup, main: Trigger) -> list[tuple[int, int]]:
        """Returns the character spans whose cues do not scope over the event: the grievance of a
        protest-like trigger (``grievance_classes``: its ``grievance_preps`` phrases that are not a
        time, its ``grievance_verbs`` clauses: "in protest of frequent outages", "demanding wages
        unpaid since March") and an "as part of ..." phrase on the trigger or its clause verb."""
        h = main.head
        out: list[tuple[int, int]] = []
        for tok in {h, finite_clause(h)}:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "as" and any(
                        x.dep_ == "pobj" and x.lemma_.lower() in self.part_heads for x in c.children):
                    out.append(_subtree_span(c))
        if main.cls.name not in self.grievance_classes:
            return out
        toks = {t.head for t in group.triggers if t.cls.name in self.grievance_classes}
        toks |= {t.head for t in toks if t.head.lemma_.lower() in self.lex.light_verbs}
        for tok in toks:
            for c in tok.children:
                if c.left_edge.i <= h.i <= c.right_edge.i:
                    continue
                if c.dep_ == "prep" and c.lower_ in self.grievance_preps:
                    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in self.time_nouns:
                        continue  # "protested for weeks", "over the past month"
                    out.append(_subtree_span(c))
                elif c.dep_ in ("advcl", "xcomp", "ccomp", "conj", "acl") and c.lemma_.lower() in self.grievance_verbs:
                    out.append(_subtree_span(c))
        return out

    def _characterised(self, h: Token) -> Judgement | None:
        """"In the latest violence to hit the country", "the latest in a string of attacks": a trigger in a
        clause that qualifies a noun carrying a characterising adjective (``characterising_adjectives``), or
        inside "the latest in ...", describes the reported incident, not one of its own.  Returns an
        aggregate judgement (cue: the adjective) or None."""
        prev = h
        for anc in h.ancestors:
            if prev.dep_ in ("relcl", "acl") and anc.pos_ in ("NOUN", "PROPN"):
                adj = next((c for c in anc.children if c.dep_ == "amod" and c.lower_ in self.characterising), None)
                if adj is not None:
                    return Judgement("aggregate", adj.idx, adj.idx + len(adj.text), adj.text)
            if anc.lower_ == "in" and anc.dep_ == "prep" and anc.head.lower_ in self.characterising \
                    and any(c.dep_ == "det" for c in anc.head.children):
                a = anc.head
                return Judgement("aggregate", a.idx, anc.idx + len(anc.text), a.doc.text[a.idx:anc.idx + len(anc.text)])
            if anc.dep_ == "ROOT":
                break
            prev = anc
        return None

    def _series_spans(self, clause: Token, h: Token) -> list[tuple[int, int]]:
        """Returns the character spans of phrases headed by a characterising word ("the latest in a
        string of advances", "the deadliest since 2019") in the clause that do not hold trigger ``h``."""
        out = []
        for t in clause.sent:
            if t.lower_ not in self.characterising or t.i == h.i:
                continue
            if t.left_edge.i <= h.i <= t.right_edge.i and t.dep_ not in ("ROOT",):
                continue
            nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ in ("in", "of", "since") and h.i < t.i:
                # "..., the latest in a string of advances": to the end of the phrase (robust to the parse)
                end = max(x.right_edge.idx + len(x.right_edge.text) for x in (t, nxt))
                out.append((t.idx, max(end, t.sent.end_char if t.dep_ in ("ROOT", "dep") else end)))
            elif not (t.left_edge.i <= h.i <= t.right_edge.i):
                out.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
        return out

    def _occurrence_spans(self, h: Token) -> list[tuple[int, int]]:
        """Returns the character spans of ordinal phrases that rank this one occurrence ("for the first
        time since the coup", "the third attack since October"): an ordinal on a count noun
        (``count_nouns``) of the sentence or on trigger ``h`` itself.  Period cues inside them date the
        series the event is ranked in, not the event."""
        out = []
        for tok in h.sent:
            if tok.i != h.i and tok.lower_ not in self.count_nouns and tok.lemma_.lower() not in self.count_nouns:
                continue
            if any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in tok.children):
                out.append(_subtree_span(tok))
        return out

    def _one_day(self, chunks: list[tuple[int, str]]) -> bool:
        """True when the clause gives its event a single day ("on Monday", "overnight") and no period."""
        if self.single_day is None:
            return False
        text = " ".join(t for _, t in chunks)
        period = self.phr["aggregate"]
        cues = [m.group(0).lower() for m in period.finditer(text)] if period is not None else []
        one_day = bool(self.single_day.search(text)) or (
            self.day_of_month is not None and bool(self.day_of_month.search(text)))
        return one_day and all(c in self.collective for c in cues)

    def _perfect_generic(self, h: Token, clause: Token) -> Judgement | None:
        """"Government forces have regained control of several villages", "the group has kidnapped scores of
        foreigners", "fighting has displaced thousands": a present perfect whose subject or object is counted
        vaguely (``perfect_vague_quantifiers``), or whose subject is a long-running noun, sums up many acts,
        unless the clause tells one incident ("have killed dozens in an attack on ...").  Not used for outcome
        triggers ("bandits have killed dozens of herders" is a toll; see :meth:`_perfect_toll`).  Returns an
        aggregate judgement or None."""
        if clause.pos_ not in ("VERB", "AUX") or clause.tag_ != "VBN":
            return None
        have = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve")), None)
        if have is None:
            return None
        words = [t for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "prep", "npadvmod")
                 for t in c.subtree]
        if any(t.lemma_.lower() in self.single_nouns and t.tag_ == "NN" and any(
                d.dep_ == "det" and d.lower_ in ("a", "an", "the", "this", "that") for d in t.children) for t in words):
            return None
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i == h.i and subj.lemma_.lower() in self.long_subjects:
            return Judgement("aggregate", subj.idx, subj.idx + len(subj.text), subj.text)
        for c in clause.children:
            if c.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            for t in c.subtree:
                if t.i > c.i + 3 or t.i < c.left_edge.i:
                    break
                if t.lower_ in self.perfect_vague and t.i <= c.i + 2:
                    return Judgement("aggregate", t.idx, t.idx + len(t.text), t.text)
        return None

    @staticmethod
    def _perfect_progressive(clause: Token) -> Judgement | None:
        """"The army has been fighting al Shabaab for over a decade": a present perfect progressive tells an
        activity over a period, not an incident.  Returns an aggregate judgement (cue: "has been")."""
        if clause.tag_ != "VBG":
            return None
        aux = [c for c in clause.children if c.dep_ == "aux"]
        have = next((a for a in aux if a.lower_ in ("has", "have", "'ve", "'s")), None)
        been = next((a for a in aux if a.lower_ == "been"), None)
        if have is None or been is None:
            return None
        end = been.idx + len(been.text)
        return Judgement("aggregate", have.idx, end, clause.doc.text[have.idx:end])

    @staticmethod
    def _since_anchor(h: Token) -> Token | None:
        """Returns the "since" preposition or marker whose phrase holds trigger ``h`` (the anchor of a
        period: "since rebels seized the town in 2019"), None when there is none below the sentence root."""
        for anc in h.ancestors:
            if anc.lower_ == "since" and anc.dep_ in ("prep", "mark"):
                return anc
            if anc.dep_ == "ROOT":
                break
        for c in h.children:
            if c.dep_ == "mark" and c.lower_ == "since":
                return c
        return None

    def _compared_after(self, h: Token) -> Judgement | None:
        """"The strike came a day after Hezbollah launched rockets", "It follows weeks after gunmen
        killed ...": a trigger in an "after" clause of ``after_governors`` whose subject is the reported
        incident (a definite noun or a pronoun) is the earlier incident it is compared with.  Returns a
        historical judgement (cue: "came ... after") or None."""
        if h.dep_ in ("nsubj", "nsubjpass") and h.head.lemma_.lower() in self.after_gov and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in h.children):
            gov = h.head  # "The strike came a day after ...": the mention compares, it tells nothing new
            for c in gov.children:
                marker = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in self.after_marks), None) \
                    if c.dep_ == "advcl" else (c if c.dep_ == "prep" and c.lower_ in self.after_marks else None)
                if marker is not None:
                    return Judgement("historical", gov.idx, marker.idx + len(marker.text),
                                     h.doc.text[gov.idx:marker.idx + len(marker.text)])
        for anc in [h, *h.ancestors]:
            gov = anc.head
            if gov is anc:
                return None
            marker = next((c for c in anc.children if c.dep_ == "mark" and c.lower_ in self.after_marks), None) \
                if anc.dep_ == "advcl" else (anc if anc.dep_ == "prep" and anc.lower_ in self.after_marks else None)
            if marker is not None:
                if gov.lemma_.lower() not in self.after_gov or any(c.lower_ == "under" for c in gov.children):
                    return None  # "came under fire after ..."
                subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or not (subj.pos_ == "PRON" or any(
                        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those", "its")
                        for c in subj.children) or any(c.dep_ == "poss" for c in subj.children)):
                    return None
                return Judgement("historical", gov.idx, marker.idx + len(marker.text),
                                 h.doc.text[gov.idx:marker.idx + len(marker.text)])
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ in ("ROOT", "ccomp", "parataxis"):
                return None
        return None

    def _perfect_background(self, h: Token, clause: Token) -> Judgement | None:
        """"The base had been attacked twice before", "gunmen had earlier stormed the town": a past-perfect
        clause outside reported speech that carries a time word of its own (``perfect_time_words``) or a
        date tells background.  Reported speech ("police said gunmen had attacked ...") is not judged here.
        Returns a historical judgement or None."""
        if clause.pos_ not in ("VERB", "AUX"):
            return None
        if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in clause.children):
            return None
        if clause.tag_ != "VBN" and not any(c.tag_ == "VBN" for c in clause.children if c.dep_ == "auxpass"):
            return None
        for anc in clause.ancestors:  # reported speech: a reporting verb governs the clause
            if anc.lemma_.lower() in self.reporting:
                return None
        if any(c.lemma_.lower() in self.reporting and c.dep_ in ("parataxis", "advcl") for c in clause.children):
            return None  # "..., police said": the reporting verb hangs under the clause
        for c in clause.children:
            if c.dep_ in ("advmod", "npadvmod") and c.lower_ in self.perfect_time:
                return Judgement("historical", c.idx, c.idx + len(c.text), c.text)
            if c.dep_ in ("npadvmod", "prep") and any(t.ent_type_ == "DATE" for t in c.subtree):
                return Judgement("historical", c.idx, c.right_edge.idx + len(c.right_edge.text),
                                 c.doc.text[c.idx:c.right_edge.idx + len(c.right_edge.text)])
        return None

    def _governs(self, anc: Token, lemma: str, h: Token) -> bool:
        """True when governor ``anc`` really takes trigger ``h`` as its complement: a governor listed
        under ``governors_need_complement`` ("call") needs ``h`` inside one of its prepositions
        ("called for protests") or its to-infinitive ("called on troops to attack")."""
        preps = self.need_complement.get(lemma)
        if preps is None:
            return True
        for c in anc.children:
            if (c.dep_ in ("prep", "prt") and c.lower_ in preps) or c.dep_ == "xcomp":
                if c.dep_ == "xcomp" or any(x.i == h.i for x in c.subtree) or c.i < h.i and c.dep_ == "prt":
                    return True
        return False

    def _purpose(self, tok: Token) -> bool:
        """True when ``tok`` heads a to-infinitive completing a purpose noun ("an effort to battle ...")."""
        if tok.pos_ not in ("VERB", "AUX") or tok.tag_ != "VB" or tok.dep_ not in ("acl", "relcl"):
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        head = tok.head
        return head.pos_ in ("NOUN", "PROPN") and (head.lower_ in self.purpose_nouns
                                                    or head.lemma_.lower() in self.purpose_nouns)

    def _perfect_toll(self, h: Token) -> Judgement | None:
        """An outcome in the perfect that counts a whole conflict: a vague count ("thousands have died")
        or a long-running cause ("have been killed in the fighting").  Returns an aggregate judgement."""
        verb = h if h.pos_ in ("VERB", "AUX") else (h.head if h.head.pos_ in ("VERB", "AUX") else None)
        if verb is None:
            return None
        perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children)
        if not perfect:
            return None
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
                words = [t for t in c.subtree if t.i <= c.i]
                for t in words:
                    if t.lower_ in self.vague_counts:
                        return Judgement("aggregate", t.idx, t.idx + len(t.text), t.text)
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout"):
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in self.long_subjects:
                    return Judgement("aggregate", c.idx, obj.idx + len(obj.text),
                                     c.doc.text[c.idx:obj.idx + len(obj.text)])
        return None

    def _counted(self, sent: Span, chunks: list[tuple[int, str]], exempt: list[tuple[int, int]]) -> Judgement | None:
        """"Attacked the town 150 times", "the eighth time": occasions counted in the trigger's clause
        (``chunks``, outside ``exempt``) make the event an aggregate.  Not counted: "for a second time"
        (an ordinal under ``occurrence_preps`` names this occurrence) and a small count inside a short
        span ("three times within a few hours", up to ``small_count_max``).  Returns an aggregate judgement."""
        short = self.short_span is not None and bool(self.short_span.search(sent.text))
        for tok in sent:
            if not (tok.lemma_.lower() in self.count_nouns or tok.lower_ in self.count_nouns):
                continue
            if not any(c0 <= tok.idx < c0 + len(ctext) for c0, ctext in chunks) or _inside(tok.idx, exempt):
                continue
            for c in tok.children:
                if c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1"):
                    n = parse_quantity(c.text)
                    if short and n is not None and n <= self.small_count_max:
                        continue  # "twice within a few hours": one event
                elif c.dep_ == "amod" and c.lower_ in _ORDINALS and c.lower_ != "first":
                    if tok.dep_ == "pobj" and tok.head.lower_ in self.occurrence_preps:
                        continue  # "clashed for a second time"
                else:
                    continue
                s = c.idx
                return Judgement("aggregate", s, tok.idx + len(tok.text), sent.doc.text[s:tok.idx + len(tok.text)])
        return None

    @staticmethod
    def _scope_chunks(clause: Token, h: Token) -> list[tuple[int, str]]:
        """Returns ``(start_char, text)`` runs of the trigger's clause, without embedded clauses that do not hold it."""
        drop: set[int] = set()
        for t in clause.subtree:
            if t is not clause and t.dep_ in _EMBEDDED and not (t.left_edge.i <= h.i <= t.right_edge.i and h in t.subtree) \
                    and not FactualityJudge._shares_subject(t, clause):
                drop.update(x.i for x in t.subtree if not (x.dep_ == "mark" and x.head is t))
        chunks: list[tuple[int, str]] = []
        doc = clause.doc
        run: list[Token] = []
        for t in doc[clause.left_edge.i:clause.right_edge.i + 1]:
            if t.i in drop:
                if run:
                    chunks.append((run[0].idx, doc.text[run[0].idx:run[-1].idx + len(run[-1].text)]))
                    run = []
                continue
            run.append(t)
        if run:
            chunks.append((run[0].idx, doc.text[run[0].idx:run[-1].idx + len(run[-1].text)]))
        return chunks

    @staticmethod
    def _shares_subject(t: Token, clause: Token) -> bool:
        """True for a verb conjoined to the clause verb without a subject of its own ("had killed five
        and wounded 21 during the previous 24 hours"): its modifiers scope over both verbs."""
        return t.dep_ == "conj" and t.head.i == clause.i and t.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)

    def _captive(self, main, h: Token) -> Judgement | None:
        """"Release hostage X", "freed two hostages": a captive noun next to a release verb (its governor or
        among the four words before it) was taken earlier; returns a historical judgement."""
        if main.cls.name != "abduct" or h.pos_ not in ("NOUN", "PROPN"):
            return None
        near = [h.doc[k] for k in range(max(h.sent.start, h.i - 4), h.i)]
        for t in [*near, *list(h.ancestors)[:3]]:
            if t.lemma_.lower() in self.release_verbs or t.lower_ in self.release_verbs:
                return Judgement("historical", t.idx, t.idx + len(t.text), t.text)
        return None

    def _generic_target(self, h: Token) -> Judgement | None:
        """A bare noun trigger under an accusation or a reputation ("accused of rape and looting",
        "known for kidnappings") names a kind of conduct, not an incident: aggregate.  A gerund with a
        specific object under the clause's own accusation ("gendarmes are accused of beating a
        fisherman") is an alleged act, which ACLED codes as an event: None; under a participle modifier
        ("the imprisonment of youths accused of attacking a tax office") it stays what they are known for."""
        if (h.pos_ not in ("NOUN", "PROPN") and h.tag_ != "VBG") or any(c.dep_ in ("det", "poss", "nummod") for c in h.children):
            return None
        specific = h.tag_ == "VBG" and any(c.dep_ == "dobj" and (c.pos_ == "PROPN" or any(
            x.dep_ in ("det", "poss", "nummod") for x in c.children)) for c in h.children)
        for anc in h.ancestors:
            if anc.lemma_.lower() in self.generic_gov or anc.lower_ in self.generic_gov:
                if specific and anc.dep_ not in ("acl", "amod", "relcl"):
                    return None  # the clause's own accusation: an alleged act
                return Judgement("aggregate", anc.idx, anc.idx + len(anc.text), anc.text)
        return None

    def _specific_plural(self, h: Token, *, headline: bool = False) -> bool:
        """True when a plural noun trigger names one incident ("carried out strikes on Monday")."""
        # a light verb in the past just before it ("conducted ... strikes"), robust to odd parses
        for k in range(h.i - 1, max(h.sent.start, h.i - 6) - 1, -1):
            t = h.doc[k]
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.specific_gov:
                perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.children)
                if (t.tag_ in ("VBD", "VBN") or headline) and not perfect:
                    return True
                break
        for c in h.children:
            if c.dep_ == "nummod" and c.like_num:
                return True
            if c.dep_ == "det" and c.lower_ in ("these", "those", "both"):
                return True
            if c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"):
                return True
        for k in range(h.i - 1, max(h.sent.start, h.i - 5) - 1, -1):  # "a total of 40 shells/blasts"
            t = h.doc[k]
            if t.like_num and not _YEAR.fullmatch(t.text) and t.ent_type_ not in ("DATE", "TIME"):
                return True
        gov = h.head
        if h.dep_ == "pobj" and gov.lower_ == "of" and gov.head.pos_ == "NOUN":
            if gov.head.lemma_.lower() in ("round", "wave", "volley", "barrage", "pair", "salvo"):
                # "a further round of strikes" is one operation; "waves of attacks" are many
                if gov.head.tag_ == "NN":
                    h2 = gov.head
                    gov, h = h2.head, h2
            else:
                return False
        # "airstrikes hit a compound" in a dated report: a verb spelt alike in the past and the present
        dated_past = gov.tag_ == "VBP" and gov.lower_ in _PAST_EQUALS_PRESENT and any(
            t.ent_type_ == "DATE" for t in h.sent)
        if h.dep_ in ("dobj", "nsubj", "nsubjpass", "conj") and gov.pos_ in ("VERB", "AUX"):
            if headline and gov.tag_ in ("VBZ", "VBP", "VBD"):
                return True
            if gov.tag_ == "VBD" or dated_past or (gov.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD"
                                                               for c in gov.children)):
                return True
            if gov.lemma_.lower() in self.specific_gov and gov.tag_ in ("VBD",):
                return True
            if h.dep_ == "dobj" and _past_participle_clause(gov):
                return True  # "attacked the village, sparking clashes"
        if h.dep_ in ("nsubj",) and gov.tag_ in ("VBD",):
            return True
        if h.dep_ == "pobj" and gov.dep_ in ("prep", "agent"):  # "backed by airstrikes"
            verb = gov.head
            if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and not any(
                    c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children):
                return True
            if _past_participle_clause(verb):
                return True  # "attacked several villages, leading to clashes with residents"
        if h.dep_ == "ROOT":
            return True
        return False

    @staticmethod
    def _simple_present(h: Token, clause: Token) -> bool:
        """True for the habitual/ongoing present ("they are targeting", "militants attack convoys")."""
        if clause.tag_ == "VBP" and clause.lower_ in _PAST_EQUALS_PRESENT:
            return False  # "assailants set fire ...", "rebels hit the base": read as past
        if clause.tag_ in ("VBZ", "VBP") and clause.pos_ == "VERB":
            return h is clause or h.head is clause
        if h.tag_ == "VBG":
            aux = [c for c in h.children if c.dep_ == "aux"]
            return bool(aux) and all(a.lower_ in ("is", "are", "am", "'re", "'s") for a in aux)
        return False
