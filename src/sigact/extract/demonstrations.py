"""Demonstrators' own violence: what turns a demonstration into ACLED's "Violent demonstration".

ACLED codes a demonstration as a violent demonstration (event type Riots) when the demonstrators
engage in violence or destruction: burning tyres or barricades on the road, barricading roads,
forcing their way into or storming a building, forcing shops to close, vandalism, a scuffle, brawl or
clash with the police, counter-demonstrators or officials, throwing stones or other objects.  Force
used only by the police (dispersal, tear gas, arrests) leaves it a protest with intervention, and a
road merely blocked stays a peaceful protest.  The patterns live in ``data/demonstrations.yaml``;
:mod:`sigact.extract.coding` weighs them in the rule prior of a demonstration's trigger group.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sigact.errors import ConfigError
from sigact.extract.lexicon import load_yaml
from sigact.model import ARMED_ACTOR_TYPES, STATE_ACTOR_TYPES

__all__ = ["DEMO_VIOLENCE", "demonstrator_violence", "no_excessive_force", "symbolic_act", "symbolic_free",
           "violence_patterns", "weigh_violence"]

#: rule-prior weight of each demonstrator-violence cue (at most 2) for a demonstration's trigger group
DEMO_VIOLENCE = 3.0
#: people taking part in a demonstration, as the victims of force used on it
_DEMONSTRATORS_RX = re.compile(r"(?i)\b(?:protesters?|protestors?|demonstrators?|marchers?|protesting|demonstrating)\b")
_EFAP = "Excessive force against protesters"


@functools.lru_cache(maxsize=1)
def violence_patterns() -> re.Pattern[str] | None:
    """Returns one compiled case-insensitive pattern matching any demonstrator-violence cue of
    ``demonstrations.yaml: demonstrator_violence`` (all kinds together, each at a word start), or
    None when the file lists none; raises :class:`~sigact.errors.ConfigError` for a bad pattern."""
    data = load_yaml("demonstrations.yaml").get("demonstrator_violence") or {}
    if not isinstance(data, dict):
        raise ConfigError("demonstrations.yaml: demonstrator_violence must map kinds to pattern lists")
    parts: list[str] = []
    for kind, patterns in data.items():
        for p in patterns or []:
            try:
                re.compile(str(p))
            except re.error as exc:
                raise ConfigError(f"demonstrations.yaml: bad pattern in {kind}: {p!r} ({exc})") from exc
            parts.append("(?:" + str(p) + ")")
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _symbolic_rx() -> re.Pattern[str] | None:
    """Returns the compiled pattern of ``demonstrations.yaml: symbolic`` (burning an effigy, a verbal
    confrontation), or None when the file lists none."""
    items = [str(p) for p in load_yaml("demonstrations.yaml").get("symbolic") or []]
    if not items:
        return None
    try:
        return re.compile(r"(?<![\w-])(?:" + "|".join("(?:" + p + ")" for p in items) + ")", re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"demonstrations.yaml: bad pattern in symbolic ({exc})") from exc


def symbolic_free(text: str) -> str:
    """Returns ``text`` with its symbolic acts ("burnt an effigy of the minister", "verbal
    confrontations") blanked out by spaces of the same length, so offsets still hold."""
    rx = _symbolic_rx()
    if rx is None or not text:
        return text
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def demonstrator_violence(text: str) -> list[re.Match[str]]:
    """Returns the matches of the demonstrator-violence cues in ``text`` outside its symbolic acts
    (non-overlapping, in text order; empty when there are none)."""
    rx = violence_patterns()
    if rx is None or not text:
        return []
    return list(rx.finditer(symbolic_free(text)))


def symbolic_act(sent_text: str, start: int, end: int) -> bool:
    """Returns True when the span ``start:end`` of ``sent_text`` (a trigger such as "burnt") lies
    inside a symbolic act of a demonstration ("burnt an effigy of the minister";
    ``demonstrations.yaml: symbolic``)."""
    return 0 <= start < end <= len(sent_text) and not symbolic_free(sent_text)[start:end].strip()


def weigh_violence(prior: dict[str, float], ctx_text: str, after_text: str) -> bool:
    """Weighs the demonstrators' own violence for a demonstration's trigger group: adds
    ``DEMO_VIOLENCE`` per cue (burning tyres, barricaded roads, storming a building, a scuffle with
    the police, throwing stones; at most 2) in its sentences ``ctx_text`` or in the text told after
    them ``after_text`` ("The demonstrators then set tyres on fire") to "Violent demonstration" in
    ``prior`` (changed in place; nothing when that type is no candidate).  Returns True when there is
    a cue: then the demonstration is never peaceful nor a mere protest with intervention (ACLED; on
    the train notes a cue told after the demonstration's sentence belongs to it in 26 of 26)."""
    if "Violent demonstration" not in prior:
        return False
    n = len(demonstrator_violence(ctx_text))
    if n < 2 and after_text:
        n += len(demonstrator_violence(after_text))
    prior["Violent demonstration"] += DEMO_VIOLENCE * min(n, 2)
    return n > 0


def no_excessive_force(prior: dict[str, float], head: Any, t1: str | None, crowd1: bool, t2: str | None,
                       clause: str) -> bool:
    """Returns True when "Excessive force against protesters" must leave the candidates of a violent
    trigger (``head``: its spaCy token; not a demonstration's own trigger).  ACLED codes it only for
    force that the state or another armed actor uses on demonstrators: actor1 (type ``t1``) must be
    the state or armed and no crowd (``crowd1``), the acting subject ("the deceased was shot" tells a
    victim), and the victims demonstrators (``t2``, or "protesters" in the incident's ``clause``).  A
    demonstration's grievance ("relatives protested over a man who was shot dead", "against the murder
    of a trader") is no force used on it.  False when the type is no candidate or the only one."""
    if _EFAP not in prior or len(prior) < 2:
        return False
    kids = {c.dep_ for c in head.children} if head is not None else set()
    passive = bool(kids & {"auxpass", "nsubjpass"}) and "agent" not in kids
    on_demonstrators = t2 in ("protesters", "rioters") or bool(_DEMONSTRATORS_RX.search(clause))
    return not (t1 in ARMED_ACTOR_TYPES | STATE_ACTOR_TYPES and not crowd1 and not passive and on_demonstrators)
