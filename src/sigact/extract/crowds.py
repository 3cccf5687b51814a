"""Crowds, communities and clash sides: ACLED's line between Battles, Riots and Violence against civilians.

:class:`sigact.extract.coding.Coder` reads an unorganised crowd's violence as a riot (mob violence).
Five of ACLED's codebook conventions qualify that, and this module decides them from the word lists
in ``data/crowds.yaml``:

* :func:`communal_battle` - two communities (clans, ethnic groups, villages, farmers and
  pastoralists) fighting with people killed, or with guns, spears or bows, fight an armed
  clash between communal militias (Battles), not a riot; party supporters or activists fighting stay
  rioters whatever the toll.
* :func:`brawl` - the other side of it: communities or groups fighting with nobody killed, no gun
  and no armed group named brawl (mob violence).
* :func:`armed_mention` - a group the text calls armed ("armed herders", "gunmen", "bandits") is an
  armed group, not a crowd, so its violence on people is an attack.
* :func:`witch_hunt` - violence on a person accused of witchcraft is mob justice (a riot), like
  violence on a suspected thief.
* :func:`state_on_person` - state forces beating or assaulting a person (not a crowd) commit violence
  against civilians: ACLED's rioters are unorganised people, never police or soldiers.

All patterns are compiled once per process (:func:`crowd_rules`); the checks are regex searches on
the incident's text, nothing per token.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sigact.extract.lexicon import load_yaml, words_regex
from sigact.model import STATE_ACTOR_TYPES, Actor

__all__ = ["CrowdRules", "FIGHT_CLASSES", "armed_mention", "boost", "brawl", "communal_battle", "crowd_rules",
           "drop_type", "force_clash", "state_on_person", "witch_hunt"]

#: the rule prior of a sub-event type a rule adds as a candidate (``Coder.code`` starts every candidate at it)
CANDIDATE_FLOOR = 0.05

#: trigger classes (``triggers.yaml``) of a fight between two sides
FIGHT_CLASSES = frozenset({"clash", "fight"})


@dataclass(frozen=True)
class CrowdRules:
    """The compiled word lists of ``crowds.yaml``."""

    communal: re.Pattern[str] | None
    communal_names: re.Pattern[str] | None
    partisan: re.Pattern[str] | None
    death: re.Pattern[str] | None
    lethal: re.Pattern[str] | None
    armed: re.Pattern[str] | None
    witchcraft: re.Pattern[str] | None
    state_forces: re.Pattern[str] | None
    brawl: re.Pattern[str] | None


def _words_rx(words: object, *, verb: bool = False) -> re.Pattern[str] | None:
    """Returns a case-insensitive regex of the words at word boundaries, a plural -s/-es allowed
    (``verb``: -ed and -ing too), longest first; None for an empty list."""
    return words_regex(words, suffixes=("s", "es", "ed", "ing") if verb else ("s", "es"))


@functools.lru_cache(maxsize=1)
def crowd_rules() -> CrowdRules:
    """Returns the patterns of ``crowds.yaml``, built once per process."""
    data = load_yaml("crowds.yaml")
    armed = _words_rx(data.get("armed_qualifiers"))
    nots = [str(w) for w in data.get("armed_qualifier_not") or []]
    if armed is not None and nots:
        # "armed" but not "armed with" (a crowd's sticks and stones, see coding's ``_firearms``)
        armed = re.compile(armed.pattern + r"(?!\s+(?:" + "|".join(re.escape(w.split()[-1]) for w in nots) + r")\b)",
                           re.IGNORECASE)
    return CrowdRules(
        communal=_words_rx(data.get("communal_sides")),
        communal_names=_words_rx(data.get("communal_actor_names")),
        partisan=_words_rx(data.get("partisan_words")),
        death=_words_rx(data.get("death_words"), verb=True),
        lethal=_words_rx(data.get("lethal_weapons")),
        armed=armed,
        witchcraft=_words_rx(data.get("witchcraft_words")),
        state_forces=_words_rx(data.get("state_force_words")),
        brawl=_words_rx(data.get("brawl_sides")),
    )


def communal_battle(triggers: set[str], actors: tuple[Actor | None, Actor | None], sentence: str, incident: str,
                    outcome: str) -> bool:
    """Returns True when a fight is an armed clash between communal militias (ACLED: Battles):

    a clash or fight trigger is in the incident (``triggers``: its trigger classes), neither actor is
    typed as state forces and the trigger's ``sentence`` names none (``state_force_words``); the
    sides are communal (a ``communal_sides`` word in the ``incident``'s sentences, or an actor the
    actor stage named a communal, ethnic or clan militia), no partisan word is there (supporters,
    activists and party youths fighting riot), and people were killed or lethal weapons (guns,
    spears, bows) were used.  ``outcome`` is the incident's text with what precedes and follows it,
    negated casualty mentions ("no one was killed") removed: where the toll and the weapons are told."""
    r = crowd_rules()
    if not triggers & FIGHT_CLASSES or r.communal is None or any(a is not None and a.type in STATE_ACTOR_TYPES
                                                                  for a in actors):
        return False
    if r.state_forces is not None and r.state_forces.search(sentence):
        return False
    names = " ".join(a.acled_name or "" for a in actors if a is not None)
    if not (r.communal.search(incident) or (r.communal_names is not None and r.communal_names.search(names))):
        return False
    if r.partisan is not None and r.partisan.search(incident):
        return False
    return bool((r.death is not None and r.death.search(outcome))
                or (r.lethal is not None and r.lethal.search(outcome)))


def brawl(triggers: set[str], actors: tuple[Actor | None, Actor | None], sentence: str, incident: str,
          outcome: str, armed: bool) -> bool:
    """Returns True when a fight is a brawl between unorganised groups (ACLED: Riots / Mob violence):
    a clash or fight trigger (``triggers``), no actor typed as state forces and none named in the
    ``sentence``, no actor a rebel or terrorist group or a militia other than a communal one (a named
    militia's fight is a battle), the sides named as groups, families, villagers or communities
    (``brawl_sides``, ``communal_sides``) in the ``incident``, no armed word there (``armed``: the
    caller's armed-actor words matched), no lethal weapon and nobody killed (``outcome``: negated
    casualties removed)."""
    r = crowd_rules()
    if armed or not triggers & FIGHT_CLASSES or any(
            a is not None and a.type in STATE_ACTOR_TYPES | {"rebel", "terrorist"} for a in actors):
        return False
    for a in actors:
        if a is not None and a.type == "militia" and not (
                (r.communal_names is not None and r.communal_names.search(a.acled_name or ""))
                or (r.communal is not None and r.communal.search(a.text or ""))):
            return False  # "Mai-Mai groups clashed": a named militia
    if r.state_forces is not None and r.state_forces.search(sentence):
        return False
    if not ((r.brawl is not None and r.brawl.search(incident))
            or (r.communal is not None and r.communal.search(incident))):
        return False
    return not ((r.death is not None and r.death.search(outcome))
                or (r.lethal is not None and r.lethal.search(outcome)))


def armed_mention(actor: Actor | None) -> bool:
    """Returns True when the actor's mention calls the group armed ("armed herders", "heavily armed
    youths", "gunmen", "bandits"; ``crowds.yaml: armed_qualifiers``), but not "armed with" (sticks)."""
    r = crowd_rules()
    return actor is not None and bool(actor.text) and r.armed is not None and bool(r.armed.search(actor.text or ""))


def state_on_person(actor1: Actor | None, t1: str | None, trigger_class: str, head: Any,
                    person_violence: frozenset[str], target_is_crowd: bool, t2: str | None) -> bool:
    """Returns True when state forces (``t1``, with ``actor1``'s mention naming them before any comma
    or bracket: ``crowds.yaml: state_force_words``, and holding the subject of the trigger token
    ``head`` when it has one) beat, assault, shoot or kill a person who is no crowd and no armed or
    demonstrating side (``t2`` civilians or untyped): ACLED codes it as violence against civilians,
    never mob violence (a clash, fight or riot between forces and a crowd is not this case)."""
    rx = crowd_rules().state_forces
    if actor1 is None or not actor1.text or rx is None or not rx.search(re.split(r"[,(]", actor1.text)[0]):
        return False
    subj = next((c for c in getattr(head, "children", ()) if c.dep_ == "nsubj"), None)
    if subj is not None and subj.text not in actor1.text:
        return False  # "volunteers, helping the police, beat a driver": the subject is not the forces
    return (t1 in STATE_ACTOR_TYPES and trigger_class in person_violence
            and trigger_class not in FIGHT_CLASSES | {"riot"} and not target_is_crowd and t2 in (None, "civilians"))


def force_clash(prior: dict[str, float], cands: list[str], excluded: set[str]) -> None:
    """Turns a rule prior to an armed clash in place (a communal battle): "Armed clash" gets +3 and is
    no longer excluded; mob violence, violent demonstration and attack are excluded (also from the
    classifier's distribution, see ``Coder._combine``).  Returns nothing."""
    excluded.discard("Armed clash")
    boost(prior, cands, "Armed clash", 3.0)
    drop_type(prior, cands, excluded, "Mob violence", "Violent demonstration", "Attack")


def boost(prior: dict[str, float], cands: list[str], sub: str, bonus: float) -> None:
    """Adds ``bonus`` to the rule prior of the sub-event type ``sub`` in place, first adding ``sub`` as a
    candidate (to ``cands``, at ``CANDIDATE_FLOOR``) when the prior lacks it.  Returns nothing."""
    if sub not in prior:
        prior[sub] = CANDIDATE_FLOOR
        cands.append(sub)
    prior[sub] += bonus


def drop_type(prior: dict[str, float], cands: list[str], excluded: set[str], *subs: str) -> None:
    """Excludes the sub-event types ``subs`` in place: each is removed from the prior and the candidates
    (when another type is left) and added to ``excluded``.  Returns nothing."""
    for sub in subs:
        if sub in prior and len(prior) > 1:
            del prior[sub]
            cands.remove(sub)
        if sub not in prior:
            excluded.add(sub)


def witch_hunt(text: str) -> bool:
    """Returns True when the text tells an accusation of witchcraft or sorcery (``crowds.yaml:
    witchcraft_words``): violence on the accused person is mob justice."""
    rx = crowd_rules().witchcraft
    return rx is not None and bool(rx.search(text))
