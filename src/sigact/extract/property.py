"""Property violence: when the destruction or looting of property is the event, and when it is not.

ACLED's codebook codes the destruction or looting of property in which no person is attacked as
Strategic developments / Looting/property destruction: unidentified people setting a truck on fire,
an unknown group vandalising a party office, armed militants looting supplies or raiding houses for
food and livestock (shots in the air to scare people off harm nobody), police ransacking a politician's
home.  Two exceptions keep their own type: rioters, demonstrators or a crowd of civilians destroying
property riot (Riots), and property burnt or looted during an attack on people (people killed,
injured, abducted, assaulted) is part of that attack.

:class:`sigact.extract.coding.Coder` calls :func:`apply_property_rule` on each trigger group: it adds
to the group's rule prior (property destroyed, nobody hurt, no crowd) or takes Looting out of it
(people harmed in the same incident); and :func:`property_only` on a text no trigger fired in (the
classifier-only event).  The word lists are in ``data/property.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sigact.errors import ConfigError
from sigact.extract.clauses import casualty
from sigact.extract.crowds import boost, drop_type
from sigact.extract.lexicon import alternation, load_yaml, phrase_regex, regex_fragments
from sigact.model import ARMED_ACTOR_TYPES

__all__ = ["LOOTING", "PropertyRules", "apply_property_rule", "property_only", "property_rules"]

LOOTING = "Looting/property destruction"
#: sub-event types of violence against people: with people harmed in the incident one of them is the event
_PERSON_TYPES = frozenset({"Attack", "Mob violence", "Armed clash", "Abduction/forced disappearance",
                           "Sexual violence", "Violent demonstration", "Excessive force against protesters"})
_CROWD_TYPES = ("protesters", "rioters")
#: prior added to Looting/property destruction when the property is all that was attacked (the rules
#: then lead over the classifier, see ``Coder._combine``'s ``cue_led``)
PROPERTY_BONUS = 3.0
#: prior added to Attack when armed men named in an incident of property destruction harmed people
HARM_ATTACK_BONUS = 1.0
#: prior added to Mob violence when a crowd harmed people in an incident of property destruction
HARM_MOB_BONUS = 2.0


@dataclass(frozen=True)
class PropertyRules:
    """The compiled word lists of ``data/property.yaml``."""

    acts: re.Pattern[str]
    take_goods: re.Pattern[str]
    take_arms: re.Pattern[str]
    set_fire: re.Pattern[str]
    harm: re.Pattern[str]
    attack_on: re.Pattern[str]
    harmless_shots: re.Pattern[str]
    crowd_violence: re.Pattern[str]
    unidentified: re.Pattern[str]
    remote: re.Pattern[str]
    fighting: re.Pattern[str]
    animal_harm: re.Pattern[str]

    def act(self, text: str) -> bool:
        """Returns True when the text tells property being destroyed or taken ("torched a car", "looted
        shops", "took food and livestock")."""
        return bool(self.acts.search(text) or self.take_goods.search(text) or self.set_fire.search(text))

    def harmed(self, text: str, *, attacks: bool = True) -> bool:
        """Returns True when the text tells harm to people: a casualty that
        :func:`sigact.extract.clauses.casualty` (the negation-aware test) finds once shots in the air,
        warning shots and animals killed are removed, an abduction, assault or sexual violence
        (``harm``), or (with ``attacks``) an attack verb whose object is not property ("attacked
        residents", "attacked the village")."""
        text = self.animal_harm.sub(" ", self.harmless_shots.sub(" ", text))
        return casualty(text) or bool(self.harm.search(text)) or (attacks and bool(self.attack_on.search(text)))

    def unidentified_group(self, who: str) -> bool:
        """Returns True when the perpetrators' mention calls them unknown, masked or armed ("a group of
        unknown persons", "an unidentified group"): not a crowd of civilians."""
        return bool(who) and bool(self.unidentified.search(who))


def _rx(words: object, name: str) -> re.Pattern[str]:
    """Returns the prefix-matching regex of a word list of ``property.yaml``; raises ConfigError when empty."""
    rx = phrase_regex([str(w) for w in words or []]) if isinstance(words, list) else None
    if rx is None:
        raise ConfigError(f"property.yaml: {name} must be a non-empty list")
    return rx


@functools.lru_cache(maxsize=1)
def property_rules() -> PropertyRules:
    """Returns the property-violence patterns, built once per process from ``data/property.yaml``."""
    data = load_yaml("property.yaml")
    objects = data.get("property_objects") or []
    return PropertyRules(
        acts=_rx(data.get("acts"), "acts"),
        take_goods=re.compile(
            r"(?i)(?<![\w-])(?:" + alternation(data.get("take_verbs")) + r")\s+(?:[\w'-]+,?\s+){0,4}?(?:"
            + alternation(data.get("goods")) + r")\b"),
        take_arms=re.compile(
            r"(?i)(?<![\w-])(?:" + alternation(data.get("take_verbs")) + r")\s+(?:[\w'-]+,?\s+){0,4}?(?:"
            + alternation(data.get("armed_goods")) + r")\b"),
        set_fire=re.compile(r"(?i)(?<![\w-])set(?:s|ting)?\s+(?:[\w'-]+\s+){0,8}?(?:"
                            + alternation(data.get("fire_tails")) + r")\b"),
        harm=_rx(data.get("harm"), "harm"),
        # an attack verb whose next few words name no property ("attacked residents", "attacked the village");
        # "attacked and burned the office", "attacked the house" are attacks on property
        attack_on=re.compile(
            r"(?i)(?<![\w-])(?:" + alternation(data.get("attack_verbs")) + r")\b(?!\s+and\b)"
            r"(?!(?:\s+(?!(?:" + alternation(data.get("attack_object_stops")) + r")\b)[\w'-]+){0,4}?\s+(?:"
            + alternation(objects) + r")\b)"),
        harmless_shots=re.compile(
            r"(?i)\b(?:" + regex_fragments(data.get("shot_forms"), "shot_forms") + r")\b[^.;]{0,40}?(?:"
            + alternation(data.get("harmless_shots")) + r")"),
        crowd_violence=_rx(data.get("crowd_violence"), "crowd_violence"),
        unidentified=_rx(data.get("unidentified"), "unidentified"),
        remote=_rx(data.get("remote_weapons"), "remote_weapons"),
        fighting=_rx(data.get("fighting"), "fighting"),
        # "shot and killed five oxen", "livestock were killed": harm to animals, removed before casualties
        animal_harm=re.compile(
            r"(?i)(?<![\w-])(?:(?:" + alternation(data.get("animal_harm")) + r")\w*(?:\s+[\w'-]+){0,4}?\s+(?:"
            + alternation(data.get("animals")) + r")\b(?!\s+(?:" + alternation(data.get("animal_persons")) + r"))"
            r"|(?:" + alternation(data.get("animals")) + r")(?:\s+[\w'-]+){0,3}?\s+(?:"
            + alternation(data.get("animal_harm")) + r"))\b"),
    )


def property_only(*, t1: str | None, t2: str | None, crowd: bool, who: str, ctx_text: str, told: str,
                  demo: bool) -> bool:
    """Returns True when ``ctx_text`` tells property destroyed or looted and nothing else: nobody killed,
    hurt, abducted or attacked in ``told`` (the incident's sentences and the text after them), no
    rioters or demonstrators (``t1``, ``demo``), no crowd of civilians (``crowd``, unless ``who`` calls the
    group unknown or armed), no stone-throwing, no remote weapon, no fighting, no weapons taken, and no
    armed or state target (``t2``)."""
    rules = property_rules()
    if not rules.act(ctx_text) or demo or t1 in _CROWD_TYPES or t2 in ARMED_ACTOR_TYPES:
        return False
    if rules.crowd_violence.search(ctx_text) or rules.remote.search(ctx_text) or rules.fighting.search(ctx_text) \
            or rules.take_arms.search(ctx_text):
        return False
    if crowd and not rules.unidentified_group(who):
        return False
    return not rules.harmed(told)  # people attacked ("attacked the village"), or hurt


def apply_property_rule(prior: dict[str, float], cands: list[str], excluded: set[str], *, t1: str | None,
                        t2: str | None, crowd: bool, who: str, ctx_text: str, told: str, demo: bool) -> bool:
    """Applies ACLED's property-destruction convention to a trigger group's rule prior (changed in place).

    ``t1``/``t2``: the actor types coding settled on; ``crowd``: actor1 reads as a crowd of civilians;
    ``who``: actor1's mention (or the clause before the trigger); ``ctx_text``: the incident's
    sentences; ``told``: they and the text after them; ``demo``: a demonstration word is in the
    incident.

    * Property destroyed or looted, nobody harmed in what is told, no rioters, demonstrators or crowd
      (a group called unknown or armed is no crowd), no stone-throwing, no remote weapon, no fighting,
      no armed or state target: Looting/property destruction gets ``PROPERTY_BONUS`` (added as a
      candidate when the trigger did not list it) and Armed clash is ruled out.  Returns True: the rules
      should lead over the classifier.
    * Property destroyed or looted with people killed, injured, abducted or assaulted in the incident's
      own sentences (an attack verb alone is not enough to rule Looting out): Looting is taken out
      (into ``excluded``) when a type of violence against people is a candidate; Attack gains
      ``HARM_ATTACK_BONUS`` when armed men named in the incident's sentences did it; when a crowd did
      (outside a demonstration), Mob violence gains ``HARM_MOB_BONUS`` and Attack is ruled out.
      Returns False.
    """
    rules = property_rules()
    if not rules.act(ctx_text):
        return False
    if rules.harmed(ctx_text, attacks=False):
        if LOOTING in prior and len(prior) > 1 and any(k in _PERSON_TYPES for k in prior):
            drop_type(prior, cands, excluded, LOOTING)
            if crowd or t1 in _CROWD_TYPES:
                if "Mob violence" in prior and not demo:
                    # a crowd burning a person or his house: mob violence, never an attack (which needs an
                    # organised armed group)
                    prior["Mob violence"] += HARM_MOB_BONUS
                    if "Attack" in prior:
                        drop_type(prior, cands, excluded, "Attack")
            elif "Attack" in prior and t1 in ARMED_ACTOR_TYPES and who and who in ctx_text:
                prior["Attack"] += HARM_ATTACK_BONUS  # armed men named in the incident looted and hurt people
        return False
    if not property_only(t1=t1, t2=t2, crowd=crowd, who=who, ctx_text=ctx_text, told=told, demo=demo):
        return False
    boost(prior, cands, LOOTING, PROPERTY_BONUS)
    if "Armed clash" in prior:  # no fight and nobody hurt: guns fired in the air make no armed clash
        drop_type(prior, cands, excluded, "Armed clash")
    return True
