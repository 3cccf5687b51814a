"""Small stand-ins used only when a sibling stage is unavailable (not installed or failing to load).

The extractor prefers :mod:`sigact.extract.actors` (actor resolution, UCDP typing);
these keep it runnable and testable alone.  They are deliberately simple.
"""

from __future__ import annotations

import re

from sigact.model import ARMED_ACTOR_TYPES as _ARMED
from sigact.model import STATE_ACTOR_TYPES as _STATE
from sigact.model import Actor

__all__ = ["SimpleActorResolver", "simple_ucdp_type"]

_TYPES = [
    ("protesters", r"protest|demonstrat|marcher|striker"),
    ("rioters", r"rioter|mob\b"),
    ("police", r"police|policem|gendarm|constabul"),
    ("military", r"soldier|troop|army|military|armed forces|navy|air force|marines|personnel|forces\b"),
    ("terrorist", r"islamic state|\bisis\b|\bisil\b|al[- ]qaeda|al[- ]shabaa?b|boko haram|jihadist|terrorist"),
    ("rebel", r"rebel|insurgent|houthi|separatist|guerrill|taliban|taleban"),
    ("militia", r"militia|hezbollah|vigilante|self-defen[cs]e"),
    ("unidentified armed group", r"gunm[ae]n|unidentified|unknown (?:armed )?(?:men|assailants|attackers)|bandit|assailant|attacker|armed men"),
    ("civilians", r"civilian|villager|resident|farmer|student|worker|child|women|men\b|people|journalist|passenger"),
]


class SimpleActorResolver:
    """Keyword typing of actor mentions; ``name`` is the mention without leading articles."""

    def resolve(self, text: str, context_country: str | None = None) -> Actor:
        """Returns an :class:`Actor` with a keyword-guessed type (None when no keyword fits)."""
        clean = re.sub(r"^(?:the|a|an|some|several)\s+", "", text.strip(), flags=re.IGNORECASE)
        low = clean.lower()
        typ = next((t for t, rx in _TYPES if re.search(rx, low)), None)
        return Actor(text=text, name=clean or None, acled_name=None, country=context_country, type=typ)


def simple_ucdp_type(actor1: Actor | None, actor2: Actor | None, acled_event_type: str | None,
                     **_: object) -> int | None:
    """Returns UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided; None for non-violent events.

    Accepts (and ignores) the keyword arguments of :func:`sigact.extract.ucdp.ucdp_type`.
    """
    if acled_event_type not in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return None
    t1 = actor1.type if actor1 else None
    t2 = actor2.type if actor2 else None
    if acled_event_type == "Violence against civilians" or t2 == "civilians":
        return 3
    if t1 in _STATE or t2 in _STATE:
        return 1
    if t1 in _ARMED and t2 in _ARMED:
        return 2
    return 1 if acled_event_type == "Battles" else None
