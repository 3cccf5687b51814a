"""The means and the target of an attack: what decides between Battles, Explosions/Remote violence
and Violence against civilians (used by :mod:`sigact.extract.coding`).

ACLED's conventions, as a careful coder applies them:

* **Remote means beat the target.**  An attack carried out with an IED, a landmine, a car bomb, a
  grenade, mortars, rockets, missiles, artillery, an air or drone strike is Explosions/Remote violence
  whoever the victims are: soldiers in a convoy hit by a roadside bomb, a child killed by a mortar round.
  The weapon counts when it is the trigger's *instrument*: its object ("fired mortars"), a with / using
  / by phrase ("killed by a mortar round"), its subject ("a shell killed"), the "when" clause of an
  outcome ("killed when a shell fell on the house") or a modifier of a noun trigger ("an explosive
  attack") (:meth:`Means.instrument_weapons`).
* **... unless the explosive is part of a ground assault.**  Gunfire exchanged in the same incident
  with an armed target ("attacked the patrol with guns and grenades", "the officers responded with
  gunfire") makes it an armed clash (:meth:`Means.gunfire`).
* **Fire going both ways is a battle.**  "Shots and explosions in both directions of the frontline",
  "heavy gunfire from both sides": the report tells an exchange of fire, an armed clash whatever
  weapons it names (:meth:`Means.two_sided`).
* **Armed targets make a battle; their relatives, former members and off-duty personnel do not.**  "The
  wife of a policeman", "a soldier's brother" are civilians (:meth:`Means.kin_of_armed`); so are
  "a former soldier", "a retired police officer", "an ex-militiaman" (:meth:`Means.former_armed`) and
  a policeman attacked at his home, off duty (:meth:`Means.civilian_relation`).
* **Mixed victims.**  One armed incident that kills a policeman and civilians is one event coded by its
  armed interaction: an armed person among the victims ("four people, among them a police officer";
  "a police officer and two residents") makes the target armed (:meth:`Means.armed_among`).

The word lists are ``triggers.yaml: means_targets``; every pattern is compiled once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sigact.extract.clauses import before_post_modifiers
from sigact.extract.crowds import boost
from sigact.extract.lexicon import HYPHEN_END, alternation, load_yaml, regex_fragments, words_regex

__all__ = ["Means", "means", "prefer_armed_clash"]

def _bounded(words: Any) -> re.Pattern[str] | None:
    """Returns one case-insensitive regex matching any of ``words`` as whole words (an optional
    plural "s" / "es"), or None for no words: "mine" finds "mines", never "miners"."""
    return words_regex(words, tail=HYPHEN_END)


@dataclass(frozen=True)
class Means:
    """Patterns on the means and the target of an attack, built from ``triggers.yaml: means_targets``."""

    remote: dict[str, re.Pattern[str]]
    instrument_preps: frozenset[str]
    cause_marks: frozenset[str]
    ground_weapons: frozenset[str]
    gunfire_rx: re.Pattern[str] | None
    kin: frozenset[str]
    armed_person_rx: re.Pattern[str] | None
    former_rx: re.Pattern[str] | None
    among_after_rx: re.Pattern[str] | None
    among_before_rx: re.Pattern[str] | None
    at_home_rx: re.Pattern[str] | None
    weapon_word_rx: re.Pattern[str]
    outranks: dict[str, tuple[str, ...]]
    two_sided_rx: re.Pattern[str] | None = None

    def outranked(self, hits: dict[str, Any]) -> dict[str, Any]:
        """Returns the weapon cues ``hits`` (by sub-event type) without those a more specific cue in them
        outranks (``outranks``: a suicide bombing's explosive is no remote explosive)."""
        drop = {w for k in hits for w in self.outranks.get(k, ())}
        return {k: v for k, v in hits.items() if k not in drop} if drop else hits

    def weapon_types(self, text: str) -> set[str]:
        """Returns the remote-violence sub-event types whose weapon words are in ``text`` (whole words)."""
        return {k for k, rx in self.remote.items() if rx.search(text)}

    def instrument_weapons(self, tok: Any) -> set[str]:
        """Returns the remote-violence types whose weapon is the trigger token's instrument: in its
        direct object, a with / using / by / from phrase or the passive agent, its active subject
        ("rockets struck the base"), the noun a participle trigger modifies ("shells fired at"), a
        compound or adjective of a noun trigger ("an explosive attack"), or the subject of a "when" /
        "after" clause of the trigger ("killed when a shell fell on the house"); an empty set when none
        is (or ``tok`` is None)."""
        out: set[str] = set()
        if tok is None:
            return out
        doc = tok.doc
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):  # "shells fired by ...": the noun fired
            out |= self.weapon_types(tok.head.text)
        for c in tok.children:
            dep = c.dep_
            if dep in ("dobj", "nsubj", "agent", "compound", "amod") or (
                    dep == "prep" and c.lower_ in self.instrument_preps):
                if dep == "nsubj" and tok.pos_ != "VERB":
                    continue
                if dep in ("compound", "amod") and tok.pos_ not in ("NOUN", "PROPN"):
                    continue
                out |= self.weapon_types(doc[c.left_edge.i:c.right_edge.i + 1].text)
            elif dep == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in self.cause_marks
                                        for m in c.children):
                for s in c.children:
                    if s.dep_ in ("nsubj", "nsubjpass", "agent") or (
                            s.dep_ == "prep" and s.lower_ in self.instrument_preps):
                        out |= self.weapon_types(doc[s.left_edge.i:s.right_edge.i + 1].text)
        return out

    def gunfire(self, text: str) -> bool:
        """True when the text tells gunfire in the incident ("with guns and grenades", "returned fire",
        "responded with gunfire"): with an armed target, an explosive that is part of such a ground
        assault makes an armed clash (ACLED), not remote violence."""
        return bool(self.gunfire_rx and self.gunfire_rx.search(text))

    def two_sided(self, text: str) -> bool:
        """True when the text tells fire going both ways ("shots in both directions of the frontline",
        "heavy gunfire from both sides"; ``means_targets.two_sided_fire``): an exchange of fire, which
        ACLED codes as an armed clash whatever weapons are named."""
        return bool(self.two_sided_rx and self.two_sided_rx.search(text))

    def ground_assault(self, remote_used: set[str], text: str) -> bool:
        """True when the remote weapons of an incident (``remote_used``: sub-event types) are all ones a
        ground assault uses (``ground_weapons``: IEDs, grenades, mortars and rockets, not air strikes) and
        the text tells gunfire in it: with an armed target, an armed clash."""
        return bool(remote_used) and remote_used <= self.ground_weapons and self.gunfire(text)

    def weapon_word_at(self, text: str, i: int) -> bool:
        """True when the word at ``text[i]`` is a weapon or "armed", not armed people ("guns" in "fired
        machine guns at villages" is no armed target; "gunmen" is)."""
        return bool(self.weapon_word_rx.match(text, i))

    def civilian_relation(self, mention: str, clause: str = "") -> bool:
        """True when a target mention names a relative of armed people, a former, retired or off-duty one
        ("the wife of a policeman", "a retired colonel"), or armed people attacked at home (``clause``:
        "killed a police officer at his home"; off duty): civilians for ACLED."""
        if not mention:
            return False
        if self.kin_of_armed(mention) or self.former_armed(mention):
            return True
        return bool(self.at_home_rx and self.armed_person_rx and self.armed_person_rx.search(mention)
                    and self.at_home_rx.search(clause))

    def kin_of_armed(self, mention: str) -> bool:
        """True when a target mention is a relative or dependant of armed people, whose armed word is
        only in its possessor or "of" complement ("the wife of a policeman", "a soldier's brother",
        "the children of an army officer"): civilians."""
        low = mention.lower()
        if "'s " in low:
            owner, head = low.rsplit("'s ", 1)
        elif " of " in low:
            head, owner = low.split(" of ", 1)
        else:
            return False
        words = re.findall(r"[a-z][a-z-]*", head)
        if not words or self.armed_person_rx is None:
            return False
        w = words[-1]
        return (w in self.kin or w.rstrip("s") in self.kin) and bool(self.armed_person_rx.search(owner)) \
            and not self.armed_person_rx.search(head)

    def former_armed(self, text: str) -> bool:
        """True when the text calls an armed person former, retired or ex- ("a former soldier", "a
        retired police officer", "an ex-militiaman"): ACLED codes them as civilians."""
        return bool(self.former_rx and self.former_rx.search(text))

    def armed_among(self, mention: str, text: str) -> bool:
        """True when an armed person is one of the victims beside the target mention: inside the mention
        as one of its conjuncts ("a police officer and two residents"), or coordinated with it in
        ``text`` ("four people, among them a police officer", "two civilians and a soldier")."""
        if self.armed_person_rx is None or not mention:
            return False
        for part in re.split(r",|\band\b|\bas well as\b", mention):
            head = before_post_modifiers(part.strip())
            if head and self.armed_person_rx.search(head) and not self.kin_of_armed(part):
                return True
        i = text.find(mention)
        if i < 0:
            return False
        after = text[i + len(mention):i + len(mention) + 90]
        before = text[max(0, i - 90):i]
        return bool((self.among_after_rx and self.among_after_rx.match(after)) or (
            self.among_before_rx and self.among_before_rx.search(before)))


@functools.lru_cache(maxsize=1)
def means() -> Means:
    """Returns the :class:`Means` patterns, built once per process from ``triggers.yaml``."""
    data = load_yaml("triggers.yaml")
    mt = data.get("means_targets") or {}
    remote = {k: rx for k, v in (data.get("weapons") or {}).items() if not str(k).startswith("_")
              for rx in [_bounded((v or {}).get("words"))] if rx is not None}
    persons = list(mt.get("armed_persons") or [])
    person_alt = alternation(sorted({str(w).lower() for w in persons}, key=len, reverse=True))
    armed_person_rx = _bounded(persons)
    filler = r"(?:(?:" + regex_fragments(mt.get("among_fillers"), "among_fillers") + r")\s+){0,3}"
    among_after_rx = before_rx = former_rx = None
    if persons:
        connectors = alternation(mt.get("among_connectors"))
        among_after_rx = re.compile(
            r"(?i)[\s,]*(?:(?:were|was|are|dead|killed|injured|wounded|hurt)[\s,]+){0,2}(?:" + connectors + r")\s+"
            + filler + r"(?:[a-z-]+\s+)?(?:" + person_alt + r")(?:s|es)?(?![\w-])")
        before_rx = re.compile(
            r"(?i)(?<![\w-])(?:" + person_alt + r")(?:s|es)?\s*(?:,|\band\b|\bas well as\b)\s*" + filler + r"$")
        former_rx = re.compile(
            r"(?i)(?<![\w-])(?:" + alternation(mt.get("former")) + r")[\s-]+(?:[a-z]+\s+){0,2}?(?:"
            + person_alt + r")(?:s|es)?(?![\w-])")
    two = mt.get("two_sided_fire") or {}
    fire_rx = _bounded(two.get("fire"))
    two_sided_rx = re.compile(
        "(?i)" + fire_rx.pattern + r"[^.;:]{0,120}?(?<![\w-])(?:" + alternation(two.get("sides")) + r")(?![\w-])"
    ) if fire_rx is not None and two.get("sides") else None
    return Means(
        two_sided_rx=two_sided_rx,
        remote=remote,
        instrument_preps=frozenset(str(w).lower() for w in mt.get("instrument_preps") or ()),
        cause_marks=frozenset(str(w).lower() for w in mt.get("cause_marks") or ()),
        ground_weapons=frozenset(str(w) for w in mt.get("ground_weapons") or ()),
        gunfire_rx=_bounded(mt.get("gunfire")),
        kin=frozenset(str(w).lower() for w in mt.get("kin_words") or ()),
        armed_person_rx=armed_person_rx,
        former_rx=former_rx,
        among_after_rx=among_after_rx,
        among_before_rx=before_rx,
        outranks={str(k): tuple(str(w) for w in v or ()) for k, v in (mt.get("outranks") or {}).items()},
        at_home_rx=re.compile(r"(?i)\b(?:" + alternation(mt.get("home_preps")) + r")\s+(?:"
                              + alternation(mt.get("home_owners")) + r")\s+(?:own\s+)?(?:"
                              + alternation(mt.get("home_words")) + r")s?\b") if mt.get("home_words") else None,
        weapon_word_rx=re.compile(r"(?i)(?:" + regex_fragments(mt.get("weapon_word_forms"), "weapon_word_forms")
                                  + r")(?![\w-])"),
    )


def prefer_armed_clash(prior: dict[str, float], cands: list[str], lowered: set[str], bonus: float) -> None:
    """Moves a coding's rule prior to Armed clash in place: the types in ``lowered`` (remote-violence
    types whose weapon no longer decides) lose the weapon bonus (3, down to the 0.05 floor), and Armed
    clash is added to ``cands`` when missing and gains ``bonus``."""
    for k in lowered:
        if k in prior:
            prior[k] = max(0.05, prior[k] - 3.0)
    boost(prior, cands, "Armed clash", bonus)
