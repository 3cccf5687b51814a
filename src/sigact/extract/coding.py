"""Choosing an event's ACLED sub-event type and deriving its PLOVER and CAMEO codes.

The trigger group limits the choice to its classes' candidate types (rules scope the
event).  Among them a *rule prior* scores each type: the main trigger's default 1.0,
other triggers' defaults 0.5, +3 for a matching weapon cue (in the incident's clause), +1 per context cue
(``triggers.yaml: context_cues``), +1.5 for the actor-type rules (armed actor2 ->
Armed clash; civilian target -> Attack; state actor1 retaking ground -> Government
regains territory).  When the TF-IDF classifier is present its probabilities,
restricted to the candidates and renormalised, are averaged with the normalised
prior (classifier weight 0.55, scaled down by min(1, m/0.5) where m is the classifier's
total probability on the candidates, so rules decide when it believes none of them).  ``Coding.method`` says which side
decided: ``rules``, ``classifier`` or ``rules+classifier`` (both agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sigact.extract.lexicon import Lexicon, phrase_regex
from sigact.extract.triggers import TriggerGroup
from sigact.model import Actor, Evidence

__all__ = ["Coder", "Coding"]

_ARMED = {"military", "police", "rebel", "militia", "terrorist", "unidentified armed group"}
_STATE = {"military", "police", "government"}
_DEMO_TYPES = ("Protest with intervention", "Excessive force against protesters", "Violent demonstration",
               "Peaceful protest")
_DEMO_RX = (r"(?i)\b(?:protest|demonstrat|rall(?:y|ies|ied)|march|riot|sit-in|strike|picket|crowd|mob|"
            r"gather|boycott|block(?:ed|ing)? (?:the )?roads?|manifest)")
_PERSON_VIOLENCE = {"attack", "shoot", "kill", "injure", "fight", "clash", "abduct", "riot"}
_W_CLF = 0.55
_RARE = 20  # training examples below which the classifier's view of a type is not trusted
_OVERRIDE_P = 0.6


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

    def __init__(self, lex: Lexicon, classifier: Any = None):
        self.lex = lex
        self.classifier = classifier
        self._weapon_rx = {k: phrase_regex(list(words)) for k, (_, words) in lex.weapons.items()}
        self._ctx_rx = {k: phrase_regex(list(words)) for k, words in lex.context_cues.items()}
        self._demo_rx = re.compile(_DEMO_RX)

    def _weapon_hits(self, text: str) -> dict[str, re.Match[str]]:
        out = {}
        for k, rx in self._weapon_rx.items():
            if rx is None:
                continue
            m = rx.search(text)
            if m:
                out[k] = m
        return out

    def code(self, group: TriggerGroup, actor1: Actor | None, actor2: Actor | None,
             doc_probs: dict[str, float] | None = None, *, actor1_group: bool = False,
             extent: tuple[int, int] | None = None) -> Coding:
        """Returns the coding of a trigger group (``actor1_group``: actor1 is a plural/collective phrase)."""
        main = group.main
        if main.cls.special == "threat":
            row = self.lex.non_acled["threat"]
            return Coding(None, None, row.get("plover"), row.get("mode"), row.get("cameo"), main.cls.weight, "rules")
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
        wtext = group.sent.doc.text[w0:w1]
        weapons = self._weapon_hits(wtext)
        ev = None
        for k, m in weapons.items():
            if k in prior:
                prior[k] += 3.0  # the weapon decides the remote-violence type whoever the target is
                if ev is None:
                    ev = Evidence("weapon", w0 + m.start(), w0 + m.end(), m.group(0))
        for k, rx in self._ctx_rx.items():
            if k in prior and rx is not None:
                n = len(rx.findall(ctx_text))
                prior[k] += min(n, 3) * (2.0 if k == "Violent demonstration" and main.cls.name == "protest" else 1.0)
        t1 = actor1.type if actor1 else None
        t2 = actor2.type if actor2 else None
        # ACLED's definitions: violence against civilians needs civilian victims; an armed or
        # state target makes it a battle (and civilian targets rule out an armed clash)
        excluded: set[str] = set()
        # demonstration types need a demonstration in the text
        if not self._demo_rx.search(ctx_text):
            excluded.update(x for x in _DEMO_TYPES if x in prior and len(prior) > 1)
        if t2 in _ARMED and "Armed clash" in prior and "Attack" in prior and t1 not in ("civilians", "rioters", "protesters"):
            excluded.add("Attack")
        elif t2 == "civilians" and "Attack" in prior and "Armed clash" in prior and t1 in _ARMED:
            excluded.add("Armed clash")
        if t1 in ("protesters", "rioters") and "Armed clash" in prior and len(prior) > 1:
            excluded.add("Armed clash")  # an armed clash needs organised armed groups on both sides
            for demo in ("Violent demonstration", "Mob violence"):
                if demo not in prior and demo in self.lex.taxonomy:
                    prior[demo] = 0.05
                    cands.append(demo)
        for x in excluded:
            del prior[x]
            cands.remove(x)
        if "Armed clash" in prior and t2 in _ARMED and (t1 in _ARMED or t1 is None):
            prior["Armed clash"] += 1.5
        if "Attack" in prior and (t2 == "civilians" or (t2 is None and t1 in _ARMED and main.cls.name in ("shoot", "kill"))):
            prior["Attack"] += 1.5
        if "Government regains territory" in prior and t1 in _STATE:
            prior["Government regains territory"] += 1.5
        if "Non-state actor overtakes territory" in prior and t1 in _ARMED - _STATE:
            prior["Non-state actor overtakes territory"] += 1.5
        if "Excessive force against protesters" in prior and t2 in ("protesters",) and t1 in _STATE:
            prior["Excessive force against protesters"] += 3.0
        if "Violent demonstration" in prior and t1 in ("protesters", "rioters") and main.cls.name in (
                "clash", "fight", "attack", "riot", "loot"):
            prior["Violent demonstration"] += 2.5
        if "Mob violence" in prior and main.cls.name in _PERSON_VIOLENCE and (
                t1 == "rioters" or (t1 == "civilians" and actor1_group)):
            prior["Mob violence"] += 2.5  # a crowd of civilians attacking someone
        total = sum(prior.values())
        prior_n = {k: v / total for k, v in prior.items()}
        probs = None
        w_clf = 0.0
        if self.classifier is not None:
            p = self.classifier.proba(ctx_text)
            mass = sum(p.get(c, 0.0) for c in cands)
            if mass > 0.02:
                probs = {c: p.get(c, 0.0) / mass for c in cands}
                # the classifier speaks in proportion to its belief in the candidates at all
                w_clf = _W_CLF * min(1.0, mass / 0.5)
        if probs is not None:
            counts = (getattr(self.classifier, "meta", None) or {}).get("label_counts") or {}
            rb0 = max(prior_n, key=prior_n.get)
            if counts and counts.get(rb0, 0) < _RARE:
                w_clf *= 0.3  # the classifier has (almost) never seen the type the rules point to
        if probs is None:
            best = max(prior_n, key=prior_n.get)
            return self._make(best, prior_n[best], "rules", ev, group, weapons)
        combo = {c: w_clf * probs[c] + (1 - w_clf) * prior_n[c] for c in cands}
        best = max(combo, key=combo.get)
        top = max(p, key=p.get)
        if top not in combo and top not in excluded and p[top] >= _OVERRIDE_P and self._same_family(top, best):
            # a confident classifier may leave the trigger's candidates within the same family
            # ("observed 41 projectiles/explosions ... in both directions" is an armed clash)
            return self._make(top, p[top], "classifier", ev, group, weapons)
        rb, cb = max(prior_n, key=prior_n.get), max(probs, key=probs.get)
        method = "rules+classifier" if rb == cb == best else ("classifier" if best == cb else "rules")
        return self._make(best, combo[best], method, ev, group, weapons)

    def _same_family(self, a: str, b: str) -> bool:
        """True when two sub-event types belong to one family: political violence, or demonstrations."""
        ea, eb = self.lex.event_type_of(a), self.lex.event_type_of(b)
        fam = [set(self.lex.violent_event_types), {"Protests", "Riots"}]
        return ea == eb or any(ea in f and eb in f for f in fam)

    def from_probs(self, sub: str, probs: dict[str, float], actor1: Actor | None, actor2: Actor | None) -> Coding:
        """Returns the coding of a classifier-only event."""
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
