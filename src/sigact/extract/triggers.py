"""Event triggers over the dependency parse: find them, group them into incidents, read their arguments.

A *trigger* is a word or phrase from ``triggers.yaml`` ("airstrike", "clashed",
"set fire").  Triggers of one sentence that describe the same incident ("attacked
... killing 4", "missiles fired by militants hit the base") are merged into one
:class:`TriggerGroup`; separate clauses with their own subjects, or incidents joined by
"after"/"before", stay separate groups.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sigact.extract.lexicon import Lexicon, TriggerClass
from sigact.scale import fastpath

__all__ = ["Trigger", "TriggerGroup", "TriggerFinder", "noun_phrase", "has_own_subject"]

_REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
#: "hundreds of protesters", "dozens of gunmen": a count whose "of" object is the argument
_QUANTITY_HEADS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores", "number"}
#: pronouns that stand for an organisation or a group of people ("It said it had targeted ...")
_ORG_PRONOUNS = {"it", "they"}
_SEPARATING_MARKERS = {"after", "before", "following", "since", "amid", "despite", "while", "whereas", "until",
                       "as", "when", "response", "retaliation", "prior", "ahead"}
_COMPLEMENT_DEPS = {"dobj", "ccomp", "xcomp", "nsubj", "nsubjpass", "attr", "oprd", "acomp", "pobj", "agent", "acl",
                    "relcl", "compound", "amod", "nmod", "appos", "advcl", "prep", "npadvmod", "dep", "pcomp"}
_VICTIM_SUBJECT = {"die", "perish", "succumb", "drown"}
_OWNER_VERBS = {"use", "link", "belong", "operate", "run", "control", "own", "hold", "occupy", "affiliate", "tie",
                "associate", "connect", "man", "house"}
_ACTOR_ENTS = {"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"}
_NP_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "det", "case", "flat", "quantmod", "advmod", "punct", "cc", "conj",
            "predet", "neg"}
_TARGET_PREPS = {"on", "against", "at", "targeting", "upon", "into", "of"}


@dataclass
class Trigger:
    """One trigger: its head token, char span, matched text and class."""

    head: Token
    start: int
    end: int
    text: str
    cls: TriggerClass

    @property
    def i(self) -> int:
        return self.head.i


@dataclass
class TriggerGroup:
    """Triggers of one sentence that describe one incident; ``main`` decides the class."""

    triggers: list[Trigger]
    sent: Span
    anaphoric: bool = False
    merged_into: int | None = None  # index of an earlier group this one corefers with
    extra_sents: list[Span] = field(default_factory=list)
    framed: bool = False  # the setting or consequence of another act of its sentence (sigact.extract.background)

    @property
    def main(self) -> Trigger:
        """The trigger that decides the class: a threat; else one whose class overrides another's
        ("defused" over "IED"); else non-outcome before outcome, highest weight, first."""
        special = [t for t in self.triggers if t.cls.special]
        if special:
            return special[0]
        names = {t.cls.name for t in self.triggers}
        over = [t for t in self.triggers if t.cls.overrides & names]
        if over:
            return over[0]
        # "the strike, which damaged two buildings and burnt a car": a verb in a relative clause on another
        # trigger of the group describes that event (its damage), it does not decide its class
        heads = {t.i: t for t in self.triggers}
        cands = [t for t in self.triggers if not _describes(t, heads)] or self.triggers
        # "the killing of X in a strike in Tehran", "killed by shelling": the remote means named under the
        # verb or noun decides the class
        means = [t for t in cands if _remote_means_of(t, heads)]
        if means:
            return means[0]
        return sorted(cands, key=lambda t: (t.cls.outcome, -t.cls.weight, t.i))[0]

    @property
    def start(self) -> int:
        return min(t.start for t in self.triggers)

    @property
    def end(self) -> int:
        return max(t.end for t in self.triggers)

    @property
    def outcome_only(self) -> bool:
        return all(t.cls.outcome for t in self.triggers)


def noun_phrase(tok: Token) -> Span:
    """Returns the noun phrase headed by ``tok``: its modifiers, conjuncts and "of"-complements, or its entity."""
    doc = tok.doc
    keep = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_DEPS or (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "pobj" and t.lower_ == "of"):
                if c.dep_ == "punct" and not (min(keep) < c.i < max(keep | {c.i + 1})):
                    continue
                keep.add(c.i)
                stack.append(c)
    lo, hi = min(keep), max(keep)
    # a named entity overlapping the head wins its whole extent
    if tok.ent_type_:
        e0, e1 = _entity_bounds(tok)
        lo, hi = min(lo, e0), max(hi, e1)
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_:
        lo -= 2  # "Iran-backed militia"
    while lo < hi and (doc[lo].dep_ in ("det", "punct", "cc", "case") or doc[lo].is_punct):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "case")):
        hi -= 1
    return doc[lo:hi + 1]


def _entity_bounds(tok: Token) -> tuple[int, int]:
    """Returns the first and last token index of the named entity holding ``tok`` (IOB walk, no doc.ents scan)."""
    doc = tok.doc
    lo = tok.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    hi = tok.i
    while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
        hi += 1
    return lo, hi


def _is_country(text: str) -> bool:
    """True when a place name is a country (whose name stands for its state or forces)."""
    try:
        from sigact.geo.countries import to_iso3
    except ImportError:
        return False
    return to_iso3(text) is not None


def _describes(t: "Trigger", heads: dict[int, "Trigger"]) -> bool:
    """True when trigger ``t`` is a verb of a relative clause (or a verb conjoined to one) whose antecedent is
    another trigger in ``heads`` that names an act, not only an outcome ("the strike, which ... burnt a vehicle")."""
    cur = t.head
    for _ in range(4):
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.i in heads and cur.head.i != t.i:
            return not heads[cur.head.i].cls.outcome
        return False
    return False


_REMOTE_SUBTYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                              "Suicide bomb", "Grenade"})


def _remote_means_of(t: "Trigger", heads: dict[int, "Trigger"]) -> bool:
    """True when trigger ``t`` (a remote-violence class: strike, shelling, bombing...) is the means of
    another trigger of the group: the object of its "in/by/during" ("killed in a strike")."""
    if not t.cls.candidates or not set(t.cls.candidates) <= _REMOTE_SUBTYPES:
        return False
    tok = t.head
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.lower_ not in ("in", "by", "during"):
        return False
    gov = tok.head.head
    return gov.i in heads and gov.i != tok.i


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj"})


def _people_participle(tok: Token) -> bool:
    """True when a participle or adjective is used as a noun for people ("their wounded", "the injured and
    the dead were taken to hospital"): a determiner or possessive of its own, a nominal role, and no
    subject, object or agent of its own.  Such a word names victims, not an act."""
    if tok.tag_ not in ("VBN", "JJ") or tok.dep_ not in _NOMINAL_DEPS:
        return False
    kids = list(tok.children)
    if not any(c.dep_ in ("det", "poss") for c in kids):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "auxpass", "aux") for c in kids)


def has_own_subject(tok: Token) -> Token | None:
    """Returns the explicit nominal subject of a verb (not a relative pronoun), else None."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ not in _REL_PRONOUNS:
                return c
            if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):  # "targets who have launched ..."
                return tok.head
    return None


def _start_hashes(vocab: object, firsts: list[dict]) -> np.ndarray | None:
    """Hashes of every lemma that a pattern's first token accepts, or None when some first token
    is not a plain lemma test (then no window can be cut and the whole doc is matched)."""
    out: set[int] = set()
    for tok in firsts:
        lemmas = tok.get("LEMMA", {}).get("IN") if isinstance(tok.get("LEMMA"), dict) else None
        if not lemmas or tok.get("OP") or set(tok) - {"LEMMA", "POS"}:
            return None
        out.update(vocab.strings[w] for w in lemmas)  # type: ignore[attr-defined]
    return np.array(sorted(out), dtype=np.uint64)


# a French elided article or preposition glued to the word ("l’attaque", "d'affrontements")
_ELISION = re.compile(r"^(?:l|d|qu|s|n|j)['\u2019]")


class TriggerFinder:
    """Finds triggers, groups them and reads actor arguments, using one compiled Matcher per vocab."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._matchers: dict[int, Matcher] = {}
        self._starts: dict[int, tuple[np.ndarray | None, int]] = {}  # lemma hashes that start a pattern, longest
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ matching
    def _matcher(self, doc: Doc) -> Matcher:
        key = id(doc.vocab)
        with self._lock:
            m = self._matchers.get(key)
            if m is None:
                m = Matcher(doc.vocab)
                firsts: list[dict] = []
                longest = 0
                for name, tc in self.lex.classes.items():
                    pats = []
                    hyphenated = [w for w in (*tc.nouns, *tc.verbs, *tc.words) if "-" in w.strip("-")]
                    for ph in (*tc.phrases, *hyphenated):
                        pat = []
                        words = []
                        for w in ph.split():  # "shoot-out" is three tokens: shoot - out
                            parts = w.split("-") if "-" in w.strip("-") and not w.endswith(("/n", "/v")) else [w]
                            for k, part in enumerate(parts):
                                if k:
                                    words.append("-")
                                words.append(part)
                        for w in words:
                            pos = None
                            if w.endswith(("/n", "/v")):  # a part-of-speech constraint: "rocket fire/n"
                                w, pos = w[:-2], {"/n": "NOUN", "/v": "VERB"}[w[-2:]]
                            if w in ("a", "an", "the"):
                                pat.append({"LOWER": {"IN": ["a", "an", "the", "their", "his", "her", "its"]}, "OP": "?"})
                                continue
                            tok = {"LEMMA": {"IN": [w, w.capitalize()]}} if w != "-" else {"ORTH": "-"}
                            if pos:
                                tok["POS"] = pos
                            pat.append(tok)
                        pats.append(pat)
                    if pats:
                        m.add(name, pats)
                        firsts.extend(p[0] for p in pats)
                        longest = max(longest, *map(len, pats))
                self._matchers[key] = m
                self._starts[key] = (_start_hashes(doc.vocab, firsts), longest)
            return m

    def _matches(self, matcher: Matcher, doc: Doc) -> list[tuple[int, int, int]]:
        """The matcher's ``(match_id, start, end)`` over ``doc``.

        With the fast paths on, the matcher runs only on windows that begin at a token whose lemma
        can start a pattern and reach as far as the longest pattern: every match starts at such a
        token and fits in its window, so the matches are the same as over the whole ``doc``.
        """
        starts, longest = self._starts.get(id(doc.vocab), (None, 0))
        if starts is None or not fastpath.enabled() or not len(doc):
            return matcher(doc)
        hits = np.flatnonzero(np.isin(doc.to_array("LEMMA"), starts))
        out: list[tuple[int, int, int]] = []
        k = 0
        while k < len(hits):
            a = int(hits[k])
            b = a + longest
            k += 1
            while k < len(hits) and hits[k] < b:  # overlapping windows merge: no match is found twice
                b = int(hits[k]) + longest
                k += 1
            b = min(b, len(doc))
            out.extend((mid, s + a, e + a) for mid, s, e in matcher(doc[a:b]))
        return out

    def find(self, doc: Doc) -> list[Trigger]:
        """Returns the document's triggers in text order (weak ones only with a violence cue nearby)."""
        lex = self.lex
        matcher = self._matcher(doc)
        spans = []
        for match_id, s, e in self._matches(matcher, doc):
            sp = Span(doc, s, e, label=match_id)
            spans.append(sp)
        spans = filter_spans(spans)
        covered: set[int] = set()
        found: list[Trigger] = []
        for sp in spans:
            tc = lex.classes[doc.vocab.strings[sp.label]]
            covered.update(range(sp.start, sp.end))
            found.append(Trigger(sp.root, sp.start_char, sp.end_char, sp.text, tc))
        for tok in doc:
            if tok.i in covered or tok.is_punct:
                continue
            lemma = tok.lemma_.lower()
            names: tuple[str, ...] = ()
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
                names = lex.verb_index.get(lemma, ())
            elif tok.pos_ in ("NOUN", "PROPN"):
                names = lex.noun_index.get(lemma, ()) or lex.noun_index.get(tok.lower_, ())
            elif tok.pos_ == "ADJ" and tok.tag_ == "VBN":
                names = lex.verb_index.get(lemma, ())
            if not names:
                names = lex.word_index.get(tok.lower_, ()) or lex.word_index.get(_ELISION.sub("", tok.lower_), ())
            if not names and (tok.is_title or tok.is_upper) and tok.pos_ in ("PROPN", "NOUN", "VERB"):
                names = self._title_case_classes(tok.lower_)  # "Kills", "ATTACKS" in headlines
            if not names:
                continue
            # a class that needs a particular object ("recovered weapons") is tried first
            ordered = sorted(names, key=lambda n: not lex.classes[n].object_words)
            chosen = None
            for name in ordered:
                tc = lex.classes[name]
                if tc.object_words and not self._object_ok(tok, tc):
                    continue
                chosen = tc
                break
            if chosen is None:
                continue
            found.append(Trigger(tok, tok.idx, tok.idx + len(tok.text), tok.text, chosen))
        found.sort(key=lambda t: t.start)
        return [self._switch(t) for t in found if self._licensed(t, found)]

    def _sent_lemmas(self, sent: Span) -> set[str]:
        out = set()
        for t in sent:
            out.add(t.lemma_.lower())
            out.add(t.lower_)
        return out

    def _title_case_classes(self, low: str) -> tuple[str, ...]:
        """Returns trigger classes for a word of a title-case or upper-case headline, whose tags are unreliable."""
        lex = self.lex
        forms = [low]
        if low.endswith("ies"):
            forms.append(low[:-3] + "y")
        if low.endswith("es"):
            forms.append(low[:-2])
        if low.endswith("s"):
            forms.append(low[:-1])
        if low.endswith("ed"):
            forms += [low[:-2], low[:-1]]
        for f in forms:
            got = lex.verb_index.get(f, ()) or lex.noun_index.get(f, ())
            if got:
                return got
        return ()

    @staticmethod
    def _object_ok(tok: Token, tc: TriggerClass) -> bool:
        """True when the verb's object names one of the class's ``object_words``."""
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(t.lemma_.lower() in tc.object_words for o in objs for t in o.subtree)

    def _licensed(self, trig: Trigger, found: list[Trigger]) -> bool:
        h = trig.head
        if h.pos_ == "NOUN" and h.dep_ == "compound" and (
                h.head.lemma_.lower() in self.lex.violence_cues or h.head.lemma_.lower() in self.lex.civilian_words):
            return False  # "a kidnapping gang", "protest members": a description of people, not an event
        if trig.cls.object_words and not self._object_ok(trig.head, trig.cls):
            return False
        if _people_participle(h):
            return False  # "transport their wounded", "the injured were taken to hospital": people, no event
        if trig.cls.exclude_objects:  # "police fired tear gas" is no shooting
            objs = [c for c in trig.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if any(t.lemma_.lower() in trig.cls.exclude_objects for o in objs for t in o.subtree):
                return False
        if not trig.cls.weak or trig.cls.object_words:
            return True
        sent = trig.head.sent
        if any(o is not trig and not o.cls.weak and o.cls.special is None and o.cls.weight >= 0.7
               and o.head.sent == sent for o in found):
            return True
        words = self._sent_lemmas(sent)
        text = sent.text.lower()
        return bool(words & self.lex.violence_cues) or any(" " in w and w in text for w in self.lex.weapon_words)

    def _switch(self, trig: Trigger) -> Trigger:
        if not trig.cls.switch_class:
            return trig
        words = self._sent_lemmas(trig.head.sent)
        for target, cues in trig.cls.switch_class.items():
            if words & cues:
                return Trigger(trig.head, trig.start, trig.end, trig.text, self.lex.classes[target])
        return trig

    # ------------------------------------------------------------------ grouping
    def group(self, triggers: list[Trigger]) -> list[TriggerGroup]:
        """Returns incident groups, sentence by sentence, in text order."""
        by_sent: dict[int, list[Trigger]] = {}
        for t in triggers:
            by_sent.setdefault(t.head.sent.start, []).append(t)
        groups: list[TriggerGroup] = []
        for _, trigs in sorted(by_sent.items()):
            groups.extend(self._group_sentence(trigs))
        return groups

    def _group_sentence(self, trigs: list[Trigger]) -> list[TriggerGroup]:
        sent = trigs[0].head.sent
        # drop duplicates on one head token
        seen: dict[int, Trigger] = {}
        for t in trigs:
            if t.i not in seen or t.cls.weight > seen[t.i].cls.weight:
                seen[t.i] = t
        trigs = sorted(seen.values(), key=lambda t: t.start)
        primary = [t for t in trigs if not t.cls.outcome]
        outcomes = [t for t in trigs if t.cls.outcome]
        # primary triggers: union-find over "b is in a's complement and has no subject of its own"
        parent = {t.i: t.i for t in primary}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        idx = {t.i: t for t in primary}
        for b in primary:
            a = self._dominating(b, idx)
            if a is not None and self._same_incident(a, b):
                parent[find(b.i)] = find(a.i)
        clusters: dict[int, list[Trigger]] = {}
        for t in primary:
            clusters.setdefault(find(t.i), []).append(t)
        groups = [TriggerGroup(sorted(v, key=lambda t: t.start), sent) for v in clusters.values()]
        # outcome triggers join the syntactically closest primary group, else form their own
        for o in outcomes:
            best, best_d = None, None
            for g in groups:
                if g.main.cls.special:
                    continue
                for t in g.triggers:
                    if any(a.i == t.i for a in o.head.ancestors) and not self._same_incident(t, o):
                        continue  # "police arrested ..., while gunmen killed ..."
                    d = self._tree_distance(o.head, t.head)
                    if d is not None and (best_d is None or d < best_d):
                        best, best_d = g, d
            if best is not None and best_d is not None and best_d <= 4:
                best.triggers.append(o)
            else:
                own = next((g for g in groups if g.outcome_only and self._tree_distance(g.main.head, o.head) is not None
                            and self._tree_distance(g.main.head, o.head) <= 3), None)
                if own:
                    own.triggers.append(o)
                else:
                    groups.append(TriggerGroup([o], sent))
        for g in groups:
            g.triggers.sort(key=lambda t: t.start)
        groups.sort(key=lambda g: g.start)
        return groups

    @staticmethod
    def _dominating(b: Trigger, idx: dict[int, Trigger]) -> Trigger | None:
        for anc in b.head.ancestors:
            if anc.i in idx:
                return idx[anc.i]
        return None

    @staticmethod
    def _path_top(b: Token, a: Token) -> Token:
        cur = b
        while cur.head != a and cur.head != cur:
            cur = cur.head
        return cur

    def _same_incident(self, a: Trigger, b: Trigger) -> bool:
        top = self._path_top(b.head, a.head)
        # incidents joined by "after", "before", "in response to" ... are distinct
        for tok in [top, *top.children]:
            if tok.lower_ in _SEPARATING_MARKERS and tok.dep_ in ("prep", "mark", "advmod", "pobj"):
                return False
        if top.lower_ in _SEPARATING_MARKERS:
            return False
        if a.cls.special == "threat":
            return top.dep_ in ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "attr", "prep", "pobj") and \
                top.lower_ not in _SEPARATING_MARKERS
        if b.cls.special == "threat":
            return False
        if self._tree_distance(a.head, b.head) is not None and self._tree_distance(a.head, b.head) > 3:
            return False  # deep inside an argument ("demanding a bill penalizing rapes")
        if top.dep_ == "conj":
            if b.cls.name in a.cls.overrides or a.cls.name in b.cls.overrides:
                return True  # "arrested seven militants and recovered weapons"
            return a.cls.name == b.cls.name or (b.cls.outcome and has_own_subject(b.head) is None)
        subj = has_own_subject(b.head) if b.head.pos_ in ("VERB", "AUX") else None
        if subj is not None and subj.i == a.head.i:  # "an attack that wounded ..."
            return True
        if subj is not None:
            a_subj = has_own_subject(a.head)
            return a_subj is not None and a_subj.i == subj.i
        return top.dep_ in _COMPLEMENT_DEPS

    @staticmethod
    def _tree_distance(x: Token, y: Token) -> int | None:
        """Returns the number of dependency edges between two tokens of one sentence (None across sentences)."""
        if x.sent != y.sent:
            return None
        anc_x = [x, *x.ancestors]
        pos = {t.i: n for n, t in enumerate(anc_x)}
        for n, t in enumerate([y, *y.ancestors]):
            if t.i in pos:
                return n + pos[t.i]
        return None

    # ------------------------------------------------------------------ arguments
    def arguments(self, group: TriggerGroup) -> tuple[Span | None, Span | None]:
        """Returns ``(actor1, actor2)`` phrases of a group: from its main trigger, then from the others."""
        a1 = a2 = None
        for trig in [group.main, *[t for t in group.triggers if t is not group.main]]:
            x1, x2 = self._args_of(trig.head)
            if a1 is None and x1 is not None and not (a2 is not None and x1.start == a2.start):
                a1 = x1
            if a2 is None and x2 is not None and not (a1 is not None and x2.start == a1.start):
                a2 = x2
            if a1 is not None and a2 is not None:
                break
        return a1, a2

    def _args_of(self, h: Token) -> tuple[Span | None, Span | None]:
        if h.pos_ in ("VERB", "AUX") or h.tag_ == "VBN":
            return self._verb_args(h)
        return self._noun_args(h)

    def _verb_args(self, h: Token) -> tuple[Span | None, Span | None]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in h.children)
        if passive and h.dep_ == "acl" and not any(c.dep_ == "nsubjpass" for c in h.children):
            # "shells fired by LNA forces": the modified noun is the patient
            pass
        a1 = a2 = None
        for c in h.children:
            if passive:
                if c.dep_ == "agent":
                    a1 = a1 or self._first_pobj(c, actor=True)
                elif c.dep_ == "nsubjpass":
                    a2 = a2 or self._resolve_arg(c, actor=False)
            else:
                if c.dep_ == "nsubj" and h.lemma_.lower() in _VICTIM_SUBJECT:
                    a2 = a2 or self._resolve_arg(c, actor=False)  # "four soldiers died": the victims
                elif c.dep_ == "nsubj":
                    a1 = a1 or self._resolve_arg(c, actor=True)
                elif c.dep_ == "dobj":
                    a2 = a2 or self._resolve_arg(c, actor=False)
        if a2 is None:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS - {"of"}:
                    a2 = self._first_pobj(c, actor=False)
                    if a2 is not None:
                        break
                if c.dep_ == "prep" and c.lower_ == "with" and h.lemma_.lower() in ("clash", "fight", "battle", "skirmish"):
                    a2 = self._first_pobj(c, actor=True)
                    if a2 is not None:
                        break
        if a1 is None and h.lemma_.lower() not in _VICTIM_SUBJECT:
            a1 = self._inherited_subject(h)
        return a1, a2

    def _inherited_subject(self, h: Token) -> Span | None:
        cur = h
        for _ in range(4):
            if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
                return self._resolve_arg(cur.head, actor=True)
            if cur.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp") and cur.head != cur:
                cur = cur.head
                for c in cur.children:
                    if c.dep_ == "nsubj" and c.lower_ not in _REL_PRONOUNS:
                        return self._resolve_arg(c, actor=True)
                    if c.dep_ == "agent":
                        return self._first_pobj(c, actor=True)
                continue
            break
        return None

    def _noun_args(self, h: Token) -> tuple[Span | None, Span | None]:
        a1 = a2 = None
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                a1 = a1 or self._first_pobj(c, actor=True)
            elif c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her") and c.ent_type_ not in ("DATE", "TIME"):
                a1 = a1 or self._resolve_arg(c, actor=True)
            elif c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("NORP", "ORG", "GPE"):
                a1 = a1 or self._entity_span(c)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                a2 = a2 or self._first_pobj(c, actor=False)
            elif c.dep_ == "prep" and c.lower_ == "between":
                pob = self._first_pobj(c, actor=True)
                if pob is not None:
                    a1 = a1 or pob
        gov = h.head
        if h.dep_ in ("dobj", "pobj") and gov.lemma_.lower() in self.lex.light_verbs | {"in", "of"}:
            verb = gov if h.dep_ == "dobj" else gov.head
            if h.dep_ == "pobj" and gov.lower_ == "of":  # "a round of strikes", "a series of attacks"
                noun = gov.head
                verb = noun.head if noun.dep_ in ("dobj",) else verb
            if verb.pos_ in ("VERB", "AUX"):
                v1, v2 = self._verb_args(verb)
                a1 = a1 or v1
                if a2 is None:
                    for c in verb.children:
                        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS - {"of"}:
                            a2 = self._first_pobj(c, actor=False)
                            if a2 is not None:
                                break
        if a1 is None:
            lv = self.light_verb_before(h)
            if lv is not None:
                subj = has_own_subject(lv)
                if subj is not None:
                    a1 = self._resolve_arg(subj, actor=True)
                elif lv.dep_ in ("acl", "relcl") and lv.head.pos_ in ("NOUN", "PROPN"):
                    a1 = self._resolve_arg(lv.head, actor=True)
        if h.dep_ in ("nsubj", "nsubjpass") and gov.pos_ == "VERB":
            for c in gov.children:
                if c.dep_ == "dobj":
                    a2 = a2 or self._resolve_arg(c, actor=False)
        return a1, a2

    def light_verb_before(self, h: Token, window: int = 6) -> Token | None:
        """Returns a light verb ("conducted", "launched") at most ``window`` tokens before a noun trigger, else None.

        A fallback for parses that attach the noun elsewhere ("conducted necessary and
        proportionate strikes" parsed with "proportionate" as a verb).
        """
        sent = h.sent
        for k in range(h.i - 1, max(sent.start, h.i - window) - 1, -1):
            t = h.doc[k]
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.lex.light_verbs:
                return t
            if t.is_punct and t.text in ".;:":
                break
        return None

    def _entity_span(self, tok: Token) -> Span:
        if not tok.ent_type_:
            return tok.doc[tok.i:tok.i + 1]
        lo, hi = _entity_bounds(tok)
        return tok.doc[lo:hi + 1]

    def _first_pobj(self, prep: Token, *, actor: bool) -> Span | None:
        for c in prep.children:
            if c.dep_ == "pobj":
                return self._resolve_arg(c, actor=actor)
        return None

    def _resolve_arg(self, tok: Token, *, actor: bool, depth: int = 0) -> Span | None:
        """Returns the actor phrase an argument stands for, following weapons and places to their users."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON" and tok.lower_ in _REL_PRONOUNS and tok.head.dep_ == "relcl":
            return self._resolve_arg(tok.head.head, actor=actor, depth=depth + 1) if depth < 3 else None
        if tok.pos_ == "PRON":
            ante = _antecedent(tok) if actor and depth < 3 else None
            return self._resolve_arg(ante, actor=actor, depth=depth + 1) if ante is not None else None
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.ent_type_ == "CARDINAL" or tok.lemma_.lower() in _QUANTITY_HEADS):
            # "hundreds of protesters stormed ...": the people counted are the argument
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of" and depth < 3:
                    pob = next((c for c in p.children if c.dep_ == "pobj"), None)
                    if pob is not None and pob.pos_ == "NOUN":  # a common noun: "of protesters", "of gunmen"
                        return self._resolve_arg(pob, actor=actor, depth=depth + 1)
        if tok.pos_ == "NOUN" and (lemma in self.lex.noun_index or tok.lower_ in self.lex.noun_index):
            return None
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            return None
        is_weapon = lemma in self.lex.weapon_heads or lemma in self.lex.weapon_words
        is_place = (lemma in self.lex.place_heads and tok.ent_type_ not in _ACTOR_ENTS - {"GPE", "LOC", "FAC"}) or \
            tok.ent_type_ in ("FAC", "LOC")
        if is_weapon or is_place:
            if depth >= 3:
                return None
            for d in tok.subtree:
                if d.dep_ == "agent" or (d.dep_ == "prep" and d.lower_ in ("by",)):
                    got = self._first_pobj(d, actor=True) if d.i != tok.i else None
                    if got is not None:
                        return got
                if is_place and d.dep_ in ("acl", "relcl") and d.head.i == tok.i and \
                        d.lemma_.lower() in _OWNER_VERBS:
                    for p in d.children:
                        if p.dep_ == "prep" and p.lower_ in ("to", "by"):
                            got = self._first_pobj(p, actor=True)
                            if got is not None:
                                return got
                if is_place and d.dep_ == "prep" and d.lower_ in ("of", "belonging") and d.head.i == tok.i:
                    for p in d.children:
                        if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN") and \
                                p.lemma_.lower() not in self.lex.place_heads and \
                                p.ent_type_ not in ("GPE", "LOC", "FAC"):  # "the city of Odesa" is a place
                            return noun_phrase(p)
            return None
        if tok.ent_type_ == "GPE" and not actor and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near"):
            return None
        if tok.ent_type_ in ("GPE", "LOC", "FAC") and not actor and not _is_country(tok.text):
            return None  # "a strike on Odesa": a city is where it happened, not who was hit
        return noun_phrase(tok)

    def extent(self, group: TriggerGroup) -> tuple[int, int]:
        """Returns ``(start_char, end_char)`` of the text that describes the group's incident.

        The finite clause around the main trigger, without embedded clauses and
        "after/before/since ..." adjuncts that do not contain a trigger of the group,
        cut to the contiguous run around the trigger; used to look up place and date.
        """
        h = group.main.head
        cur = h
        while not (cur.pos_ in ("VERB", "AUX") and (cur.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass") for c in cur.children))) and cur.head != cur:
            cur = cur.head
        clause = cur
        heads = {t.head.i for t in group.triggers}
        drop: set[int] = set()
        for t in clause.subtree:
            if t is clause:
                continue
            embedded = t.dep_ in ("advcl", "ccomp", "relcl", "parataxis", "csubj") or (
                t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"))
            separating = t.dep_ in ("prep", "mark", "advmod") and t.lower_ in _SEPARATING_MARKERS
            if (embedded or separating) and not any(t.left_edge.i <= i <= t.right_edge.i and
                                                    any(x.i == i for x in t.subtree) for i in heads):
                drop.update(x.i for x in t.subtree)
        lo = hi = h.i
        doc = h.doc
        while lo - 1 >= clause.left_edge.i and lo - 1 not in drop:
            lo -= 1
        while hi + 1 <= clause.right_edge.i and hi + 1 not in drop:
            hi += 1
        start = min(doc[lo].idx, group.start)
        end = max(doc[hi].idx + len(doc[hi].text), group.end)
        return start, end

    @staticmethod
    def tokens_of(spans: Iterable[Span | None]) -> set[int]:
        """Returns the token indices covered by some spans."""
        out: set[int] = set()
        for s in spans:
            if s is not None:
                out.update(range(s.start, s.end))
        return out


def _antecedent(pron: Token) -> Token | None:
    """Returns the noun an organisation pronoun ("it", "they") stands for, else ``None``.

    The subject of the reporting verb the pronoun's clause depends on ("The group said it had
    killed ..." -> group), else the last proper noun or organisation named before the pronoun in
    its sentence (the last named organisation).
    """
    if pron.lower_ not in _ORG_PRONOUNS or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    cur = pron.head
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj", "xcomp") or cur.head == cur:
            break
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i), None)
        if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
            return subj
    sent = pron.sent
    for k in range(pron.i - 1, sent.start - 1, -1):
        t = pron.doc[k]
        if t.dep_ in ("compound", "amod", "poss") or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC"):
            continue
        if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP"):
            return t
    return None
