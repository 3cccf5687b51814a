"""Choosing an event's ACLED sub-event type and deriving its PLOVER and CAMEO codes.

The trigger group proposes its classes' candidate types and a *rule prior* scores each:
the main trigger's default 1.0, other triggers' defaults 0.5, +3 for a matching weapon cue
(in the incident's clause), +1 per context cue (``triggers.yaml: context_cues``), +1.5 for
the actor-type rules (armed actor2 -> Armed clash; civilian target -> Attack; state actor1
retaking ground -> Government regains territory), +2.5/+3 for crowd rules (rioters or a
civilian crowd attacking -> Mob violence / Violent demonstration; state forces on
protesters -> Excessive force).  Hard rules exclude types (no protest trigger and no demonstration
word -> no demonstration types; armed target -> no Attack; civilian target of armed actor -> no
Armed clash; a crowd fighting another crowd without guns -> no Armed clash).  Targets are
typed by their words as well as by the actor stage: ranks and roles of armed people ("a
lieutenant", "a fighter") and members of gangs or cartels (``armed_victims``) are armed;
suspects seized or beaten by a crowd are civilians (mob justice).

When the TF-IDF classifier is present the choice has two levels (:meth:`Coder._combine`):
the event type maximises ``W_TYPE`` x the classifier's event-type probability (over all
types, so a confident classifier can leave the trigger's candidates) + (1 - ``W_TYPE``) x
the prior's mass on that type; the sub-event type inside it maximises ``W_SUB`` x the
classifier's renormalised sub-type probability + (1 - ``W_SUB``) x the prior's share
(weapon and context cues for types the trigger did not list).  Where the rules point to a
type the classifier has hardly seen in training, its weight is cut to 30 %.
``Coding.method`` says which side decided: ``rules``, ``classifier`` or
``rules+classifier`` (both agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sigact.extract import demonstrations as _demo
from sigact.extract.clauses import CASUALTY_RX, casualty, clause_rx, doc_text as text_of, head_word
from sigact.extract.crowds import (FIGHT_CLASSES, armed_mention, boost, brawl, communal_battle, drop_type,
                                   force_clash)
from sigact.extract.crowds import state_on_person, witch_hunt
from sigact.extract.lexicon import Lexicon, alternation, load_yaml, phrase_regex
from sigact.extract.means import means, prefer_armed_clash
from sigact.extract.property import LOOTING, apply_property_rule, property_only
from sigact.extract.triggers import TriggerGroup
from sigact.model import ARMED_ACTOR_TYPES as _ARMED
from sigact.model import STATE_ACTOR_TYPES as _STATE
from sigact.model import Actor, Evidence

__all__ = ["Coder", "Coding"]

_DEMO_TYPES = ("Protest with intervention", "Excessive force against protesters", "Violent demonstration",
               "Peaceful protest")
_DEMO_RX = (r"(?i)\b(?:protest|demonstrat|rall(?:y|ies|ied)|(?<!\d )march(?!\s+\d)|riot|sit-in|strike|picket|crowd|mob|"
            r"gather|boycott|block(?:ed|ing)? (?:the )?roads?|manifest|barricad|burning (?:tyres|tires)|"
            r"tyres|tires|(?:take|takes|took|taken|taking) to the streets?|"
            r"demand(?:s|ed|ing)?\b(?! (?:a |the )?ransom))")
_PROTESTERS_RX = re.compile(r"(?i)\b(?:protesters|demonstrators|marchers|protesting|demonstrating)\b")
_AFTER_CHARS = 400  # text after a demonstration's sentence read for intervention and violence cues
_FORCES_RX = re.compile(r"(?i)\b(?:police|policemen|security forces|soldiers|troops|gendarm\w*|army|riot police)\b")
_AFTER_VIOLENCE = 2.5  # weight of each violent-demonstration cue after a demonstration's sentence (at most 2)
_RIOTERS_RX = re.compile(r"(?i)\brioters?\b")
_EQUIPPED_RX = re.compile(r"(?i)\b(?:armed|equipped) with\b")
#: classifier weight for the event type and for the sub-event type inside it (chosen on TRAIN holdouts)
W_TYPE = 0.55
W_SUB = 0.55
#: weight of the whole text's classifier probabilities beside the incident's sentences (short texts)
W_DOC = 0.5
#: factor on the type score of an arrest told beside another incident (see ``Coder._follow_up``)
FOLLOW_UP = 0.5
#: sub-event types whose explicit cues (stones, burning tyres) the classifier under-weights: trained on
#: natural proportions it leans to the three times more frequent protests
_CUE_LED = {"Violent demonstration"}
_RARE = 20  # training examples below which the classifier's view of a type is not trusted
_ASSAULT = ("attack", "ambush", "shoot", "fire", "target")  # trigger classes of an assault on a target


@dataclass(frozen=True)
class Coding:
    """The type decision for one event."""

    sub_event_type: str | None
    event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    cameo_root: str | None
    score: float
    method: str
    evidence: Evidence | None = None


class Coder:
    """Combines trigger candidates, cue rules and the classifier into a :class:`Coding`."""

    def __init__(self, lex: Lexicon, classifier: Any = None, *, w_type: float = W_TYPE, w_sub: float = W_SUB,
                 w_doc: float = W_DOC):
        self.lex = lex
        self.classifier = classifier
        self.w_type = w_type
        self.w_sub = w_sub
        self.w_doc = w_doc
        self._weapon_rx = {k: phrase_regex(list(words)) for k, (_, words) in lex.weapons.items()}
        self._weapon_rx.update(means().remote)  # remote weapons as whole words: "mine" never finds "miners"
        self._ctx_rx = {k: phrase_regex(list(words)) for k, words in lex.context_cues.items()}
        self._demo_rx = re.compile(_DEMO_RX)
        data = load_yaml("triggers.yaml")
        crowd = data.get("crowd_actors") or {}
        self._crowd_rx = phrase_regex(list(crowd.get("crowd") or []))
        self._armed_rx = phrase_regex(list(crowd.get("armed") or []))
        self._territory_rx = phrase_regex(list(data.get("territory_words") or []))
        self._peaceful_rx = phrase_regex(list(data.get("peaceful_transfer") or []))
        self._fighting_rx = phrase_regex(list(data.get("fighting_words") or []))
        self._armed_target_rx = phrase_regex(list(crowd.get("armed") or []) + list(data.get("armed_targets") or []))
        self._off_duty_rx = phrase_regex(list(data.get("off_duty") or []))
        unsure = data.get("off_duty_unsure")  # "not clear if he was off-duty" says nothing
        self._unsure_duty_rx = re.compile(r"(?i)\b(?:" + alternation(unsure) + r")\s+(?:\w+\s+){0,3}?off[\s-]duty") \
            if unsure else None
        self._affiliation = frozenset(w.lower() for w in data.get("affiliation_heads") or [])
        self._violent_rx = phrase_regex(list(data.get("violent_act_words") or []))
        self._small_arms_rx = phrase_regex(list(data.get("small_arms") or []))
        self._raid_targets = frozenset(w.lower() for w in data.get("raid_targets") or [])
        self._suspects = frozenset(w.lower() for w in data.get("suspect_words") or [])
        self._fight_back_rx = phrase_regex(list(data.get("fight_back") or []))
        armed_victims = list(data.get("armed_victims") or [])
        self._armed_victim_rx = phrase_regex(armed_victims)
        self._victim_cue_rx = re.compile(
            r"(?i)\b(?:victims?|deceased)\b[^.;]{0,60}?(?<![\w-])(?:"
            + "|".join(re.escape(w) for w in sorted(armed_victims, key=len, reverse=True)) + ")"
        ) if armed_victims else None

    def _armed_target(self, text: str, actor1: Actor | None) -> bool:
        """True when the incident's clause names armed people or military objects besides actor1's own
        mention ("attacked an army convoy"; ``triggers.yaml: crowd_actors.armed`` and ``armed_targets``)."""
        if self._armed_target_rx is None:
            return False
        if actor1 is not None and actor1.text:
            text = text.replace(actor1.text, " ")
        return any(not means().weapon_word_at(text, m.start()) for m in self._armed_target_rx.finditer(text))

    def _armed_object(self, tok: Any) -> bool:
        """True when the trigger verb's direct object (or passive subject) is itself armed people or a
        military object ("attacked a police post", "ambushed an army patrol", "a soldier was shot"): its head noun and the words before
        it match ``triggers.yaml: crowd_actors.armed`` or ``armed_targets`` (words after the head,
        as in "the wife of a policeman", do not count); False without such an object."""
        if self._armed_target_rx is None or tok is None:
            return False
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                start = min(t.i for t in c.subtree)
                phrase = tok.doc[start:c.i + 1].text
                return bool(self._armed_target_rx.search(phrase)) and not (
                    self._crowd_rx and self._crowd_rx.search(phrase))
        return False

    def _civilian_target(self, actor: Actor | None, text: str) -> bool:
        """True when a target mention reads as unarmed people whatever type the actor stage gave it:
        its head noun is a civilian word (``triggers.yaml: civilian_words``: "two Fulani pastoralist
        men", "4 youths") and no armed word is in it, or the clause calls the target off duty
        (ACLED codes off-duty security personnel as civilians)."""
        if actor is None or not actor.text:
            return False
        if self._off_duty(actor, text):
            return True
        if self._armed_rx is not None and self._armed_rx.search(actor.text):
            return False
        head = head_word(actor.text)
        if head in self._affiliation:
            return False
        return head in self.lex.civilian_words or head.rstrip("s") in self.lex.civilian_words or (
            head.endswith("men") and head[:-3] + "man" in self.lex.civilian_words)

    def _firearms(self, weapons: dict[str, Any], main: Any, sent_text: str, *, crowd: bool = True) -> bool:
        """True when guns are used in the incident (a firearm cue in its clause or sentence, a "fire"
        trigger) or its actors are "armed with" / "equipped with" weapons: organised armed violence.
        A crowd (``crowd``) armed with blades or sticks only is not ("villagers armed with machetes"),
        a few men armed with machetes are."""
        fw = self._weapon_rx.get("_firearms")
        if "_firearms" in weapons or main.cls.name == "fire" or bool(fw and fw.search(sent_text)):
            return True
        m = _EQUIPPED_RX.search(sent_text)
        if m is None:
            return False
        if not crowd:
            return True
        # "armed with machetes and batons": a crowd's blades and sticks do not make an armed group
        tail = sent_text[m.end():m.end() + 60]
        blunt = [rx for k, rx in self._weapon_rx.items() if k in ("_primitive", "_beat") and rx is not None]
        return not any(rx.search(tail) for rx in blunt)

    def _armed_victim(self, actor2: Actor | None, ctx_text: str) -> bool:
        """True when the target is described as a member of an armed or criminal group (``triggers.yaml:
        armed_victims``: "an alleged gang member", "the victim was a drug trafficker"), in its own
        mention or in a sentence about "the victim" (``ctx_text``: the incident's sentences and the text
        after them)."""
        if self._armed_victim_rx is None:
            return False
        if actor2 is not None and actor2.text and self._armed_victim_rx.search(actor2.text):
            return True
        return bool(self._victim_cue_rx and self._victim_cue_rx.search(ctx_text))

    def _suspect(self, actor: Actor | None, text: str) -> bool:
        """True when a target mention is a person suspected of a crime: its head noun is a suspect word
        ("a suspected robber", "a presumed goat thief"; ``triggers.yaml: suspect_words``) or the clause
        ``text`` goes on "suspected of" / "accused of" right after it ("two men suspected of theft")."""
        if actor is None or not actor.text:
            return False
        if head_word(actor.text) in self._suspects:
            return True
        i = text.find(actor.text)
        return i >= 0 and bool(clause_rx().accused.match(text, i + len(actor.text)))

    def _between_crowd(self, head: Any, sent_text: str, subject: str | None = None) -> str | None:
        """Returns the other side when the trigger's "between A and B" phrase ("clashes between rioters and
        the police", "fighting between two families"; else a coordinated ``subject``: "migrants and police
        clashed") names a crowd on one side and no non-state armed group: "police" or "military" when the
        other side is state forces, "" when another crowd; None without such a phrase or with an armed group."""
        if head is None or self._crowd_rx is None:
            return None
        phrase = None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                phrase = head.doc[c.i:c.right_edge.i + 1].text
                break
        if phrase is None:
            m = clause_rx().between.search(sent_text)
            if m is None and not (subject and " and " in subject):
                return None
            phrase = m.group(0) if m is not None else str(subject)
        if not self._crowd_rx.search(phrase):
            return None
        state = _FORCES_RX.search(phrase)
        rest = _FORCES_RX.sub(" ", phrase)
        if self._armed_rx is not None and self._armed_rx.search(rest):
            return None  # a militia, gang or rebel group on a side: organised armed violence
        if state is None:
            return ""
        return "police" if "police" in state.group(0).lower() else "military"

    @staticmethod
    def _armed_by_clause(actor: Actor | None, text: str) -> bool:
        """True when a relative clause right after the target mention says the target fought or
        carried guns ("a man who had opened fire on officers", "two men who were armed"): ACLED
        codes the killing of such a person by the police or an armed group as a battle."""
        if actor is None or not actor.text:
            return False
        i = text.find(actor.text)
        return i >= 0 and bool(clause_rx().armed_clause.match(text, i + len(actor.text)))

    def _off_duty(self, actor: Actor | None, text: str) -> bool:
        """True when the target mention or the incident's clause calls the target off duty or retired."""
        if self._off_duty_rx is None or actor is None or not actor.text:
            return False
        if self._unsure_duty_rx is not None:
            text = self._unsure_duty_rx.sub(" ", text)  # "not clear if he was off-duty" says nothing
        return bool(self._off_duty_rx.search(actor.text) or self._off_duty_rx.search(text))

    def _object_weapons(self, tok: Any) -> set[str]:
        """Returns the remote-violence types whose weapon is the trigger's own instrument ("fired mortars
        at", "targeted the town with rockets", "killed by a mortar round", "an explosive attack"; see
        :meth:`sigact.extract.means.Means.instrument_weapons`): the weapon decides (none when small arms
        are fired with it)."""
        if tok is None:
            return set()
        for c in tok.children:
            if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "with"):
                phrase = tok.doc[c.left_edge.i:c.right_edge.i + 1].text
                if self._small_arms_rx is not None and self._small_arms_rx.search(phrase):
                    return set()  # "mortars and small arms": an exchange of fire, an armed clash
        return means().instrument_weapons(tok)

    def _peaceful_transfer(self, text: str) -> bool:
        """Returns True when the text tells a territorial change without armed conflict: a peaceful-
        transfer cue (``triggers.yaml: peaceful_transfer``: "without a fight", "unopposed", "handed
        over"; a bare withdrawal is not one) and, once those cues and negated casualty mentions ("no one was
        hurt") are removed, no fighting word (``fighting_words``) and no casualty."""
        if self._peaceful_rx is None or not self._peaceful_rx.search(text):
            return False
        rest = clause_rx().no_casualty.sub(" ", self._peaceful_rx.sub(" ", text))
        if self._fighting_rx is not None and self._fighting_rx.search(rest):
            return False
        return not CASUALTY_RX.search(rest)

    def violent_text(self, text: str) -> bool:
        """True when the text names a violent act or its outcome (``triggers.yaml: violent_act_words``)
        or a weapon; negated casualty mentions ("no one was hurt") are no violent act."""
        if self._violent_rx is not None and self._violent_rx.search(text) and \
                self._violent_rx.search(clause_rx().no_casualty.sub(" ", text)):
            return True
        return bool(self._weapon_hits(text))

    @staticmethod
    def _object_text(tok: Any) -> str | None:
        """Returns the text of a verb's direct object (its whole phrase), or None when it has none."""
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                sub = list(c.subtree)
                return tok.doc[sub[0].i:sub[-1].i + 1].text
        return None

    def _crowd(self, actor: Actor | None) -> bool:
        """True when the actor mention reads as an unorganised crowd or group of civilians
        (``triggers.yaml: crowd_actors``), whatever type the actor stage gave it (not state forces)."""
        if actor is None or not actor.text or actor.type in _STATE | {"rebel", "terrorist"}:
            return False  # state forces, or a named insurgent group ("a group of assailants (JNIM ...)")
        text = actor.text
        return bool(self._crowd_rx and self._crowd_rx.search(text)) and not (
            self._armed_rx and self._armed_rx.search(text))

    def _weapon_hits(self, text: str) -> dict[str, re.Match[str]]:
        """Returns the weapon cues in ``text`` (first match by key), less those another cue outranks (a
        suicide bomber's explosives are the suicide bomb: ``triggers.yaml: means_targets.outranks``)."""
        hits = {k: m for k, rx in self._weapon_rx.items() if rx is not None for m in [rx.search(text)] if m}
        return means().outranked(hits)

    def code(self, group: TriggerGroup, actor1: Actor | None, actor2: Actor | None,
             doc_probs: dict[str, float] | None = None, *, actor1_group: bool = False,
             extent: tuple[int, int] | None = None) -> Coding:
        """Returns the coding of a trigger group (``actor1_group``: actor1 is a plural/collective phrase)."""
        main = group.main
        if main.cls.special == "threat":
            row = self.lex.non_acled["threat"]
            return Coding(None, None, row.get("plover"), row.get("mode"), row.get("cameo"), main.cls.weight, "rules")
        if main.cls.name == "loot" and "Peaceful protest" in self.lex.taxonomy and self._demo_rx.search(group.sent.text) \
                and _demo.symbolic_act(group.sent.text, main.start - group.sent.start_char, main.end - group.sent.start_char):
            # "marched and burnt an effigy of the prefect": the demonstration's symbolic act (ACLED: peaceful)
            return self._make("Peaceful protest", 0.5, "rules", None, group, {})
        cands: list[str] = []
        scoping = [t for t in group.triggers if not t.cls.outcome] or group.triggers
        if main.cls.overrides:
            scoping = [main]
        for c in main.cls.candidates:  # the main trigger scopes the type; the others add their default
            cands.append(c)
        for t in scoping:
            if t.cls.candidates and t.cls.candidates[0] not in cands:
                cands.append(t.cls.candidates[0])
        if not cands:
            return Coding(None, None, None, None, None, 0.0, "rules")
        sent_text = group.sent.text
        ctx_text = " ".join([sent_text, *[s.text for s in group.extra_sents]])
        prior = {c: 0.05 for c in cands}
        prior[main.cls.candidates[0]] = prior.get(main.cls.candidates[0], 0) + 1.0
        for t in group.triggers:
            if t is not main and t.cls.candidates and not t.cls.outcome and t.cls.candidates[0] in prior:
                prior[t.cls.candidates[0]] += 0.5
        # weapons count inside the incident's own clause (another incident of the sentence has its own)
        w0 = extent[0] if extent else group.sent.start_char
        w1 = extent[1] if extent else group.sent.end_char
        doc_text = text_of(group)
        wtext = doc_text[w0:w1]
        # the incident's sentences and the text after them (what happened next, who the victim was)
        told = ctx_text + " " + doc_text[group.sent.end_char:group.sent.end_char + _AFTER_CHARS]
        weapons = self._weapon_hits(wtext)
        ev = None
        for k, m in weapons.items():
            if k in prior:
                prior[k] += 3.0  # the weapon decides the remote-violence type whoever the target is
                if ev is None:
                    ev = Evidence("weapon", w0 + m.start(), w0 + m.end(), m.group(0))
        own_weapons = {k for k in self._object_weapons(main.head) if k in prior}
        clash = any(t.cls.name == "clash" for t in group.triggers)
        if clash:
            own_weapons = set()  # "troops and rebels clashed with mortars": the weapon is part of a battle
        if self._small_arms_rx is not None and self._small_arms_rx.search(sent_text) and main.cls.name in (
                "shelling", "fire", "attack", "target", "explosion"):
            own_weapons = set()  # small arms fired in the same clause: an exchange of fire, an armed clash
            prior["Armed clash"] = prior.get("Armed clash", 0.05) + 3.0
            if "Armed clash" not in cands:
                cands.append("Armed clash")
        if means().two_sided(sent_text):
            # "explosions and shots in both directions of the frontline": an exchange of fire, a battle
            own_weapons = set()
            prefer_armed_clash(prior, cands, set(weapons), 3.0)
        for k in own_weapons:
            prior[k] += 2.5  # "fired mortars at their positions": the verb's own weapon
        for k, rx in self._ctx_rx.items():
            if k in prior and rx is not None:
                # burning an effigy is a demonstration's symbolic act, no violence
                n = len(rx.findall(_demo.symbolic_free(ctx_text) if k == "Violent demonstration" else ctx_text))
                prior[k] += min(n, 3) * (2.0 if k == "Violent demonstration" and main.cls.name == "protest" else 1.0)
        intervened = False  # police or soldiers disperse or arrest the demonstrators in the next sentences
        if main.cls.name in ("protest", "gather") and group.sent.end_char < len(doc_text):
            # what the police did to the demonstration is often told in the next sentence or two
            after = doc_text[group.sent.end_char:group.sent.end_char + _AFTER_CHARS]
            for k in ("Protest with intervention", "Violent demonstration"):
                rx = self._ctx_rx.get(k)
                if k in prior and rx is not None and not rx.search(ctx_text):
                    n_after = min(len(rx.findall(after)), 2)
                    # violence the demonstrators commit after the demonstration's sentence ("they threw
                    # stones", "set barricades on fire") weighs more than an intervention told there
                    prior[k] += n_after * (_AFTER_VIOLENCE if k == "Violent demonstration" else 1.5)
                    if k == "Protest with intervention" and n_after and _FORCES_RX.search(after):
                        intervened = True
        if "Violent demonstration" in prior and _RIOTERS_RX.search(ctx_text):
            prior["Violent demonstration"] += 2.5  # the report itself calls the demonstrators rioters
        violent_demo = main.cls.name in ("protest", "gather") and _demo.weigh_violence(
            prior, ctx_text, doc_text[group.sent.end_char:group.sent.end_char + _AFTER_CHARS])
        t1 = actor1.type if actor1 else None
        t2 = actor2.type if actor2 else None
        if t1 in ("civilians", "rioters", "other", None) and armed_mention(actor1):
            t1 = "unidentified armed group"  # "armed herders", "gunmen": an armed group, no crowd (crowds.py)
        if t1 in _ARMED and t2 in ("militia", "rebel", "rioters", "other") and not self._crowd(actor1) \
                and self._civilian_target(actor2, wtext):
            t2 = "civilians"  # gunmen shooting "two Fulani herders" (typed as their ethnic militia) target civilians
        if t2 in (None, "civilians", "other", "government") and actor2 is not None and actor2.text and \
                self._armed_rx and self._armed_rx.search(actor2.text) and not (
                    self._crowd_rx and self._crowd_rx.search(actor2.text)):
            t2 = "military"  # "a policewoman", "a fighter", "a regime lieutenant" typed as plain people or officials
        if t2 in (None, "civilians") and (t1 in _ARMED or t1 is None) and not self._crowd(actor1) and (
                self._armed_victim(actor2, told)
                or self._armed_by_clause(actor2, sent_text)):
            # ACLED: a gang member shot by gunmen is one side of a gang battle; a man "who opened fire" on
            # the police fought them
            t2 = "unidentified armed group"
        if t2 is None and t1 in _ARMED and self._armed_target(wtext, actor1):
            t2 = "military"  # "attacked an army convoy": the target is armed
        if t2 in ("civilians", None) and (t1 in _ARMED or t1 is None) and self._armed_object(main.head):
            t2 = "military"  # "attacked an army checkpoint, leaving three people dead": the object decides
        mixed = t2 in ("civilians", None) and (t1 in _ARMED or t1 is None) and not self._crowd(actor1) and (
            any(self._armed_object(t.head) for t in group.triggers if t is not main and t.cls.name in _ASSAULT)
            or (actor2 is not None and means().armed_among(actor2.text or "", sent_text)))
        if mixed:  # "attacked a police post, killing an officer and abducting three civilians": one battle (ACLED)
            t2 = "military"
        if t2 in _ARMED and actor2 is not None and means().civilian_relation(actor2.text or "", sent_text) \
                and not self._armed_victim(actor2, told):
            t2 = "civilians"  # "the wife of a policeman", "a retired soldier": civilians (ACLED)
        crowd1 = self._crowd(actor1)
        if (actor1 is None or not actor1.text) and t1 in (None, "unidentified armed group") and self._crowd_rx is not None:
            # no parsed actor1: the clause up to the trigger names the participants ("two mobs clashed",
            # "a crowd of some thirty men ... attacked")
            pre = doc_text[w0:max(w0, main.end)]
            if self._crowd_rx.search(pre) and not (self._armed_rx and self._armed_rx.search(pre)):
                crowd1 = True
        if main.cls.name in ("clash", "fight", "riot") and (actor1 is None or not actor1.text or crowd1 or (
                t1 in _STATE | {None, "unidentified armed group", "other", "civilians"})):
            sides = self._between_crowd(main.head, sent_text, actor1.text if actor1 is not None and t2 is None else None)
            if sides is not None:  # "clashes between residents and the police", "... between two families"
                crowd1, actor1_group = True, True
                t1 = "civilians"
                if sides and t2 not in _STATE:
                    t2 = sides
        unarmed1 = actor1 is not None and bool(actor1.text) and not (
            self._armed_rx and self._armed_rx.search(actor1.text))
        if unarmed1 and not self._firearms(weapons, main, sent_text) and (
                (t1 == "other" and main.cls.name in clause_rx().person_violence and t2 not in _ARMED
                 and not self._armed_target(wtext, actor1)) or (
                t1 in (None, "other", "civilians") and main.cls.name in FIGHT_CLASSES
                and (t2 in ("protesters", "rioters") or self._crowd(actor2))) or (
                t1 == "militia" and main.cls.name in FIGHT_CLASSES and t2 in ("other", "protesters", "rioters")
                and not self._firearms(weapons, main, told))):
            # party members or supporters fighting, or anyone fighting a crowd of supporters or protesters
            # (no militia, no guns; or a party's youth wing typed as a militia): ACLED's rioters
            crowd1 = True
        witch = witch_hunt(ctx_text) and not armed_mention(actor1)  # an alleged witch: mob justice (crowds.py)
        suspect = self._suspect(actor2, wtext) or witch
        if suspect and (actor1 is None or not actor1.text or witch) and t1 in (None, "unidentified armed group") and \
                main.cls.name in clause_rx().person_violence | {"mob"} and not self._firearms(weapons, main, sent_text):
            crowd1 = True  # "residents beat a man they accused of theft", "a group beat a suspected robber": mob justice
        if crowd1 and t1 not in ("protesters", "rioters"):
            t1 = "civilians"  # "a number of farmers attacked ...": a crowd, whatever the actor stage typed
            actor1_group = True
        if (crowd1 or t1 == "rioters") and (suspect or (
                t2 in ("militia", "rebel", "other") and self._civilian_target(actor2, wtext))):
            # "villagers killed a suspected robber", "residents beat a Fulani herder" (typed as his
            # ethnic militia): a crowd on an unarmed person
            t2 = "civilians"
        if t1 in _ARMED and not crowd1 and t2 in (None, "civilians") and self._fight_back_rx is not None and \
                self._fight_back_rx.search(told):
            # "... and were repelled by the security forces", "police responded with gunfire and killed
            # five": the other side fought back, so the incident is a battle (ACLED), not a one-sided attack
            t2 = "unidentified armed group" if t1 in _STATE else "military"
        if t1 in _ARMED and not crowd1 and t2 in _ARMED and self._off_duty(actor2, ctx_text):
            t2 = "civilians"  # ACLED codes an off-duty policeman or soldier who is attacked as a civilian
        if t1 == "civilians" and not actor1_group and not crowd1 and t2 in _ARMED and (
                "_firearms" in weapons or main.cls.name in ("shoot", "fire")):
            t1 = "unidentified armed group"  # "a man shot two police officers": ACLED's unidentified armed group
        goods = main.cls.name == "seize" and "Looting/property destruction" in prior and not (
            self._territory_rx and self._territory_rx.search(self._object_text(main.head) or wtext))
        if goods:  # a seizure of goods, drugs or property, not of ground
            for terr in ("Government regains territory", "Non-state actor overtakes territory"):
                if terr in prior:
                    prior[terr] = 0.05
            prior["Looting/property destruction"] += 1.0
        # ACLED's definitions: violence against civilians needs civilian victims; an armed or
        # state target makes it a battle (and civilian targets rule out an armed clash)
        excluded: set[str] = set()
        remote_used = {k for k in weapons if k in prior and not k.startswith("_")} | own_weapons
        if t2 in _ARMED and not crowd1 and (means().ground_assault(remote_used, told) or (clash and remote_used)):
            own_weapons = set()  # "attacked the patrol with guns and grenades": an armed clash (ACLED)
            prefer_armed_clash(prior, cands, remote_used, 3.0)
        if mixed and t1 not in ("civilians", "rioters", "protesters") and "Abduction/forced disappearance" in prior:
            prefer_armed_clash(prior, cands, set(), 0.95)
            excluded.add("Abduction/forced disappearance")  # the armed interaction decides a mixed incident
        if own_weapons:  # ACLED: the weapon decides remote violence, whoever the target
            excluded.update(k for k in ("Armed clash", "Attack", "Mob violence") if k in prior)
        if intervened and "Peaceful protest" in prior and "Protest with intervention" in prior:
            excluded.add("Peaceful protest")  # ACLED: a demonstration the police disperse is never "peaceful"
        if violent_demo:  # ACLED: demonstrators' own violence makes it a violent demonstration, police or not
            excluded.update(k for k in ("Peaceful protest", "Protest with intervention") if k in prior)
        # demonstration types need a demonstration: a protest trigger ("held a vigil", "downed tools") or a
        # demonstration word in the incident's sentences
        demo_told = main.cls.name == "protest" or bool(self._demo_rx.search(ctx_text))
        if not demo_told:
            excluded.update(x for x in _DEMO_TYPES if x in prior and len(prior) > 1)
        if t2 in _ARMED and "Armed clash" in prior and "Attack" in prior and t1 not in ("civilians", "rioters", "protesters"):
            excluded.add("Attack")
        elif t2 == "civilians" and "Attack" in prior and "Armed clash" in prior and t1 in _ARMED:
            excluded.add("Armed clash")
        # a crowd (rioters, protesters, villagers, party supporters) facing no organised armed group
        # (another crowd, or the police and army) riots: it never fights a battle
        crowd_side = t1 in ("protesters", "rioters") or (
            t1 == "civilians" and actor1_group and t2 in _STATE | {"civilians", "protesters", "rioters"})
        if t1 == "civilians" and actor1_group and main.cls.name in ("clash", "fight", "riot") \
                and t2 in (None, "other") and not self._firearms(weapons, main, told) \
                and not self._armed_target(wtext, None):
            # "two groups of villagers clashed", "two mobs fought each other": a crowd fight (guns in it or
            # in the next sentence, "wounded by gunshots", make it organised armed violence)
            crowd_side = True
        if t1 in _STATE and main.cls.name in FIGHT_CLASSES and (
                t2 in ("protesters", "rioters") or self._crowd(actor2)):
            crowd_side = True  # "police clashed with the demonstrators": the crowd riots, no battle
        fights = {t.cls.name for t in group.triggers} & FIGHT_CLASSES  # communal battle or brawl (crowds.py)
        outcome = clause_rx().no_casualty.sub(" ", doc_text[max(0, group.sent.start_char - _AFTER_CHARS):
                                                             group.sent.start_char] + " " + told) if fights else ""
        communal = bool(fights) and communal_battle(fights, (actor1, actor2), sent_text, ctx_text, outcome)
        brawled = bool(fights) and brawl(fights, (actor1, actor2), sent_text, ctx_text, outcome,
                                         bool(self._armed_rx and self._armed_rx.search(ctx_text)))
        crowd_side = (crowd_side and not communal) or brawled
        if crowd_side and "Armed clash" in prior and len(prior) > 1:
            excluded.add("Armed clash")  # an armed clash needs organised armed groups on both sides
            for demo in ("Violent demonstration", "Mob violence"):
                if demo not in prior and demo in self.lex.taxonomy:
                    prior[demo] = 0.05
                    cands.append(demo)
        if main.cls.name not in ("protest", "gather") and _demo.no_excessive_force(prior, main.head, t1, crowd1, t2, wtext):
            excluded.add("Excessive force against protesters")
        for x in excluded:
            del prior[x]
            cands.remove(x)
        if crowd_side and (crowd1 or brawled or not (actor1 and actor1.text)) and "Armed clash" in excluded:
            drop_type(prior, cands, excluded, "Government regains territory", "Non-state actor overtakes territory")  # crowds
        if "Armed clash" in prior and t2 in _ARMED and (t1 in _ARMED or t1 is None):
            prior["Armed clash"] += 1.5
        if communal:
            force_clash(prior, cands, excluded)
        elif not crowd1 and state_on_person(actor1, t1, main.cls.name, main.head, clause_rx().person_violence,
                                            self._crowd(actor2), t2):  # police beating a man: no riot (crowds.py)
            drop_type(prior, cands, excluded, "Mob violence")
        # guns, or a group "armed with" / "equipped with" weapons, make it organised armed violence
        firearms = self._firearms(weapons, main, sent_text, crowd=crowd1)
        # an unorganised crowd named as such ("a group of villagers", rioters) without firearms
        kids = {c.dep_ for c in main.head.children} if main.head is not None else set()
        # "six villagers were killed", headline "six villagers killed": the subject is the victim
        victims_only = (bool(kids & {"auxpass", "nsubjpass"}) and "agent" not in kids) or (
            main.cls.outcome and "dobj" not in kids)
        # a crowd raiding a village or camp ("farmers attacked a Fulani camp") is an organised attack
        raid = main.head is not None and any(c.dep_ == "dobj" and c.lemma_.lower() in self._raid_targets
                                             for c in main.head.children)
        crowd_violence = (t1 == "rioters" or (t1 == "civilians" and actor1_group)) and not firearms \
            and (not victims_only or witch) and not raid and not communal
        if "Attack" in prior and not crowd_violence and (
                t2 == "civilians" or (t2 is None and t1 in _ARMED and main.cls.name in ("shoot", "kill"))):
            prior["Attack"] += 1.5
        peaceful = not goods and main.cls.name in ("seize", "withdraw") and self._peaceful_transfer(told)
        if peaceful:
            # "took control of the town without a fight", "entered it unopposed": ACLED's
            # non-violent transfer of territory, not a battle over it
            nvt = "Non-violent transfer of territory"
            if nvt not in prior and nvt in self.lex.taxonomy:
                prior[nvt] = 0.05
                cands.append(nvt)
            if nvt in prior:
                prior[nvt] += 3.0
        if "Government regains territory" in prior and t1 in _STATE and not goods and not peaceful:
            prior["Government regains territory"] += 1.5
        if "Non-state actor overtakes territory" in prior and t1 in _ARMED - _STATE and not goods and not peaceful:
            prior["Non-state actor overtakes territory"] += 1.5
        if "Excessive force against protesters" in prior and t1 in _STATE and (
                t2 == "protesters" or (t2 not in _ARMED and _PROTESTERS_RX.search(wtext))):
            prior["Excessive force against protesters"] += 3.0
        lp = self._ctx_rx.get("Looting/property destruction")
        if "Looting/property destruction" in prior and t2 is None and lp is not None and lp.search(ctx_text) \
                and not casualty(ctx_text) and t1 not in ("protesters", "rioters") \
                and not self._demo_rx.search(ctx_text):
            prior["Looting/property destruction"] += 1.5  # an arson attack on property that hurt nobody
        nobody_hurt = "Looting/property destruction" in prior and t2 not in _ARMED and not crowd1 \
            and t1 not in ("protesters", "rioters", "civilians") and lp is not None and lp.search(ctx_text) is not None \
            and clause_rx().no_casualty.search(told) is not None and not casualty(told) and not self._demo_rx.search(ctx_text)
        if nobody_hurt:
            # the report says outright that nobody was hurt ("no one was injured"): the property burnt or
            # looted is the event, not an attack on people (the rules then lead, see ``_combine``); a crowd's
            # destruction stays mob violence
            prior["Looting/property destruction"] += 1.5
        if "Violent demonstration" in prior and main.cls.name == "loot" and self._demo_rx.search(ctx_text):
            prior["Violent demonstration"] += 1.5  # burning tyres or property during a demonstration
        on_forces = t2 in _STATE and main.cls.name != "mob"  # a crowd turning on police or soldiers
        # a demonstration in the text (the crowd's own name, "a crowd of residents", is none)
        demo_ctx = bool(self._demo_rx.search(ctx_text.replace(actor1.text, " ") if actor1 is not None and actor1.text
                                             else ctx_text))
        if "Violent demonstration" in prior and crowd_side and main.cls.name in (
                "clash", "fight", "attack", "riot", "loot") and (t1 == "protesters" or demo_ctx):
            prior["Violent demonstration"] += 2.5
        # a crowd seizing a person ("residents captured a suspected thief") is mob justice, not a seizure
        seize_person = main.cls.name == "seize" and main.head is not None and any(
            c.dep_ == "dobj" and (c.lemma_.lower() in self._suspects or c.lemma_.lower() in self.lex.civilian_words)
            for c in main.head.children)
        if crowd_violence and t1 != "protesters" and (main.cls.name in clause_rx().person_violence | {"loot"} or seize_person) \
                and (t2 in _STATE | {"civilians", "rioters", "protesters", None}) and "Mob violence" in self.lex.taxonomy:
            # ACLED: violence by an unorganised crowd (villagers beating a thief, locals attacking the
            # police) is mob violence (a violent demonstration when there is a demonstration), never
            # an attack, which needs an organised armed group
            # a crowd turning on the police or seizing a person, outside a demonstration, gains 2.5
            boost(prior, cands, "Mob violence", 2.5 if (on_forces or seize_person) and not demo_ctx else 0.0)
            if "Attack" in prior and main.cls.name != "loot" and len(prior) > 1:
                del prior["Attack"]
                cands.remove("Attack")
                excluded.add("Attack")
        if main.cls.name == "mob" and "Attack" in prior and t1 in _ARMED and not crowd1:
            prior["Attack"] += 2.5  # soldiers or militiamen lynching someone: organised violence on a civilian
        if "Mob violence" in prior and main.cls.name in clause_rx().person_violence and not on_forces and not firearms \
                and not raid and (
                t1 == "rioters" or (t1 == "civilians" and actor1_group)):
            prior["Mob violence"] += 2.5  # a crowd of civilians attacking someone
        # ACLED: property destroyed or looted with nobody attacked is Looting/property destruction; with
        # people harmed it is part of the attack (sigact.extract.property)
        property_only = apply_property_rule(
            prior, cands, excluded, t1=t1, t2=t2, crowd=crowd1, ctx_text=ctx_text, told=told,
            who=actor1.text if actor1 is not None and actor1.text else doc_text[w0:max(w0, main.end)],
            demo=bool(self._demo_rx.search(ctx_text)))
        return self._combine(prior, cands, excluded, ctx_text, ev, group, weapons,
                             cue_led={LOOTING} if nobody_hurt or property_only else None)

    def _clf_probs(self, ctx_text: str, doc_text: str) -> dict[str, float] | None:
        """Returns the classifier's sub-event probabilities for an incident: those of its sentences,
        mixed with those of the whole text (its first 1200 characters) at weight ``W_DOC`` x
        min(1, 800 / text length), so a short report (one incident) is read as a whole."""
        if self.classifier is None:
            return None
        p = self.classifier.proba(ctx_text)
        doc_text = doc_text[:1200]
        if not doc_text.strip() or len(doc_text) <= len(ctx_text) + 20 or self.w_doc <= 0:
            return p
        wd = self.w_doc * min(1.0, 800 / len(doc_text))
        q = self.classifier.proba(doc_text)
        return {k: (1 - wd) * v + wd * q.get(k, 0.0) for k, v in p.items()}

    def _combine(self, prior: dict[str, float], cands: list[str], excluded: set[str], ctx_text: str,
                 ev: Evidence | None, group: TriggerGroup, weapons: dict[str, Any],
                 cue_led: set[str] | None = None) -> Coding:
        """Returns the coding that combines the rule prior over ``cands`` with the classifier.

        ``cue_led``: sub-event types besides ``_CUE_LED`` whose explicit cues in this incident halve
        the classifier's event-type weight when the prior points to them (a majority of its mass).

        Two levels: the event type is chosen on ``w_type`` x the classifier's event-type
        probability (its whole distribution, so it can leave the trigger's candidates) +
        (1 - ``w_type``) x the prior's mass on the type; the sub-event type inside it on
        ``w_sub`` x the classifier's renormalised sub-type probability + (1 - ``w_sub``) x
        the prior's share (types the trigger did not list get the context-cue part only).
        """
        total = sum(prior.values())
        prior_n = {k: v / total for k, v in prior.items()}
        p = self._clf_probs(ctx_text, text_of(group))
        if not p:
            best = max(prior_n, key=prior_n.get)
            return self._make(best, prior_n[best] * self._follow_up(best, group), "rules", ev, group, weapons)
        et_of = self.lex.event_type_of
        counts = (getattr(self.classifier, "meta", None) or {}).get("label_counts") or {}
        # the classifier's event-type distribution, without the sub-types the rules ruled out
        # demonstration types need a demonstration: a protest trigger or a demonstration word in the text
        nodemo = group.main.cls.name != "protest" and not self._demo_rx.search(ctx_text)
        allowed = {k: v for k, v in p.items() if k not in excluded and k in self.lex.taxonomy
                   and not (nodemo and k in _DEMO_TYPES)}
        z = sum(allowed.values()) or 1.0
        clf_et: dict[str, float] = {}
        for k, v in allowed.items():
            clf_et[et_of(k)] = clf_et.get(et_of(k), 0.0) + v / z
        rule_et: dict[str, float] = {}
        for k, v in prior_n.items():
            rule_et[et_of(k)] = rule_et.get(et_of(k), 0.0) + v
        w_type = self.w_type
        rb0 = max(prior_n, key=prior_n.get)
        if counts and counts.get(rb0, 0) < _RARE:
            w_type *= 0.3  # the classifier has (almost) never seen the type the rules point to
        elif (rb0 in _CUE_LED or (cue_led and rb0 in cue_led)) and prior_n[rb0] >= 0.5:
            w_type *= 0.5  # explicit violence by demonstrators outweighs the classifier's lean to protests
        et_score = {e: w_type * clf_et.get(e, 0.0) + (1 - w_type) * rule_et.get(e, 0.0)
                    for e in set(clf_et) | set(rule_et)}
        best_et = max(et_score, key=lambda e: (et_score[e], rule_et.get(e, 0.0)))
        # sub-event type inside the chosen event type
        subs = [k for k in self.lex.taxonomy if et_of(k) == best_et and k not in excluded
                and (k in prior or not (nodemo and k in _DEMO_TYPES))]
        in_rules = {k: prior.get(k, 0.0) for k in subs}
        if not any(in_rules.values()):
            # the classifier chose a type the trigger did not list: context cues and weapons still speak
            in_rules = {k: self._cue_score(k, ctx_text, weapons) for k in subs}
        rz = sum(in_rules.values())
        rule_sub = {k: v / rz for k, v in in_rules.items()} if rz > 0 else {k: 0.0 for k in subs}
        cz = sum(allowed.get(k, 0.0) for k in subs)
        clf_sub = {k: allowed.get(k, 0.0) / cz for k in subs} if cz > 0 else {k: 0.0 for k in subs}
        w_sub = self.w_sub if rz > 0 else 1.0
        if cz <= 0:
            w_sub = 0.0
        if counts and counts.get(max(rule_sub, key=rule_sub.get), 0) < _RARE:
            w_sub *= 0.3
        sub_score = {k: w_sub * clf_sub[k] + (1 - w_sub) * rule_sub[k] for k in subs}
        best = max(sub_score, key=lambda k: (sub_score[k], rule_sub[k]))
        score = et_score[best_et] * sub_score[best] * self._follow_up(best, group)
        rb = rb0
        cb = max(allowed, key=allowed.get) if allowed else None
        method = "rules+classifier" if rb == cb == best else ("classifier" if best == cb else "rules")
        if best not in prior and method == "rules":
            method = "classifier"
        return self._make(best, score, method, ev, group, weapons)

    def _follow_up(self, sub: str, group: TriggerGroup) -> float:
        """Returns the factor on an arrest's type score when the rest of the text (outside the arrest's
        sentence) tells violence or a demonstration: ACLED codes arrests made during or after another
        incident ("the perpetrator was arrested", "police detained ten protesters") as part of that
        incident, so the arrest should not outrank it (``FOLLOW_UP``); else 1."""
        if sub != "Arrests":
            return 1.0
        doc = text_of(group)
        rest = doc[:group.sent.start_char] + " " + doc[group.sent.end_char:]
        if not rest.strip():
            return 1.0
        return FOLLOW_UP if (self.violent_text(rest) or self._demo_rx.search(rest)) else 1.0

    def _cue_score(self, sub: str, ctx_text: str, weapons: dict[str, Any]) -> float:
        """Returns the rule evidence for a sub-event type outside the trigger's candidates: a small
        base, +3 for its weapon cue, +1 per context cue (at most 3)."""
        score = 0.05
        if sub in weapons:
            score += 3.0
        rx = self._ctx_rx.get(sub)
        if rx is not None:
            score += min(len(rx.findall(ctx_text)), 3)
        return score

    def cue_token(self, doc: Any, sub: str) -> Any:
        """Returns the first token of ``doc`` inside a weapon or context cue of sub-event type ``sub``
        (``triggers.yaml``), or None: the word a classifier-only event of that type rests on."""
        rxs = [rx for rx in (self._weapon_rx.get(sub), self._ctx_rx.get(sub)) if rx is not None]
        hits = [m for rx in rxs for m in [rx.search(doc.text)] if m]
        if not hits:
            return None
        m = min(hits, key=lambda x: x.start())
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        return span.root if span is not None else None

    def from_probs(self, sub: str, probs: dict[str, float], actor1: Actor | None, actor2: Actor | None,
                   text: str | None = None) -> Coding:
        """Returns the coding of a classifier-only event (``text``: the text it comes from; without a
        demonstration word in it, the best non-demonstration type replaces a demonstration type; when it
        tells property destroyed or looted and nobody attacked, Looting/property destruction)."""
        if text is not None and sub in _DEMO_TYPES and not self._demo_rx.search(text):
            rest = {k: v for k, v in probs.items() if k not in _DEMO_TYPES}
            if rest:
                sub = max(rest, key=rest.get)
        if text is not None and sub in ("Peaceful protest", "Protest with intervention") \
                and "Violent demonstration" in self.lex.taxonomy and _demo.demonstrator_violence(text):
            # "protesters forced their way into the town hall": the demonstrators' own violence (ACLED)
            return self._make("Violent demonstration", probs[sub], "classifier", None, None, {})
        if text is not None and self.lex.event_type_of(sub) in self.lex.fighting_event_types and not self.violent_text(text):
            # no trigger fired and no violent act or weapon is named: armed groups delivering food,
            # troops deploying, returning refugees are strategic developments, not battles or riots
            rest = {k: v for k, v in probs.items() if self.lex.event_type_of(k) == "Strategic developments"}
            if rest:
                sub = max(rest, key=rest.get)
        if text is not None and sub != LOOTING and probs.get(LOOTING) and property_only(
                t1=actor1.type if actor1 else None, t2=actor2.type if actor2 else None, crowd=self._crowd(actor1),
                who=actor1.text if actor1 is not None and actor1.text else "", ctx_text=text, told=text,
                demo=bool(self._demo_rx.search(text))):
            sub = LOOTING  # no trigger, but property destroyed or looted and nobody attacked (sigact.extract.property)
        return self._make(sub, probs[sub], "classifier", None, None, {})

    def _make(self, sub: str, score: float, method: str, ev: Evidence | None, group: TriggerGroup | None,
              weapons: dict[str, Any]) -> Coding:
        row = self.lex.taxonomy.get(sub) or {}
        mode = row.get("mode")
        if mode is None and row.get("plover") == "ASSAULT":
            for k, (wmode, _) in self.lex.weapons.items():
                if k in weapons and wmode:
                    mode = wmode
                    break
        if ev is not None and group is not None:
            ev = Evidence("weapon", ev.start, ev.end, ev.text)
        return Coding(sub, row.get("event_type"), row.get("plover"), mode, row.get("cameo"), float(score), method, ev)
